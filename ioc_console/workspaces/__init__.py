"""The workspaces this build of the console ships: one package each, one registry line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ioc_console.services.workspace import Workspace, WorkspaceRegistry, WorkspaceSpec

if TYPE_CHECKING:
    from ioc_console.services.context import ConsoleContext


def _events(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.events.workspace import EventsWorkspace

    return EventsWorkspace(context)


def _alerts(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.alerts.workspace import AlertsWorkspace

    return AlertsWorkspace(context)


def _video(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.video.workspace import VideoWorkspace

    return VideoWorkspace(context)


def _sensors(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.sensors.workspace import SensorsWorkspace

    return SensorsWorkspace(context)


def _map(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.map.workspace import MapWorkspace

    return MapWorkspace(context)


def _dashboards(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.dashboards.workspace import DashboardsWorkspace

    return DashboardsWorkspace(context)


def _meetings(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.meetings.workspace import MeetingsWorkspace

    return MeetingsWorkspace(context)


def default_registry() -> WorkspaceRegistry:
    """The workspaces this build of the console ships, in navigation order (Ctrl+1, Ctrl+2, ...)."""
    return WorkspaceRegistry(
        [
            WorkspaceSpec("events", QT_TRANSLATE_NOOP("Workspaces", "Live events"), _events, order=10),
            WorkspaceSpec("alerts", QT_TRANSLATE_NOOP("Workspaces", "Alert queues"), _alerts, order=15),
            WorkspaceSpec("video", QT_TRANSLATE_NOOP("Workspaces", "Video wall"), _video, order=20),
            WorkspaceSpec("map", QT_TRANSLATE_NOOP("Workspaces", "Map"), _map, order=30),
            WorkspaceSpec("sensors", QT_TRANSLATE_NOOP("Workspaces", "Sensors"), _sensors, 35, "ops.read"),
            WorkspaceSpec("dashboards", QT_TRANSLATE_NOOP("Workspaces", "Dashboards"), _dashboards, 40, "ops.read"),
            WorkspaceSpec("meetings", QT_TRANSLATE_NOOP("Workspaces", "Meetings"), _meetings, 50, "meeting.read"),
        ]
    )
