"""The workspaces this build of the console ships: one package each, one registry line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ioc_console.services.workspace import Workspace, WorkspaceRegistry, WorkspaceSpec

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ioc_console.services.context import ConsoleContext


def _events(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.events.workspace import EventsWorkspace

    return EventsWorkspace(context)


def _alert_detail(context: ConsoleContext, parent: QWidget) -> QWidget:
    """The alert queues' detail pane (helper E's AlertDetailPane)."""
    try:
        from ioc_console.workspaces.alerts.detail_pane import AlertDetailPane  # type: ignore[import-not-found]
    except ImportError:
        # Only until alerts-e-detail is merged: the integrator removes this fallback.
        from ioc_console.workspaces.alerts.interim_detail import InterimDetail

        return InterimDetail(parent)
    return AlertDetailPane(context.connection, context.navigation, context.analytics, parent)


def _alerts(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.alerts.workspace import AlertsWorkspace

    return AlertsWorkspace(context, _alert_detail)


def _video(context: ConsoleContext) -> Workspace:
    from ioc_console.workspaces.video.workspace import VideoWorkspace

    return VideoWorkspace(context)


def default_registry() -> WorkspaceRegistry:
    """The workspaces this build of the console ships, in navigation order (Ctrl+1, Ctrl+2, ...)."""
    return WorkspaceRegistry(
        [
            WorkspaceSpec("events", QT_TRANSLATE_NOOP("Workspaces", "Live events"), _events, order=10),
            WorkspaceSpec("alerts", QT_TRANSLATE_NOOP("Workspaces", "Alert queues"), _alerts, order=15),
            WorkspaceSpec("video", QT_TRANSLATE_NOOP("Workspaces", "Video wall"), _video, order=20),
        ]
    )
