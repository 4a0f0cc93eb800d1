"""The workspaces this build of the console ships: one package each, one registry line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ioc_console.services.workspace import WorkspaceRegistry, WorkspaceSpec

if TYPE_CHECKING:
    from ioc_console.services.context import ConsoleContext


def _build_events(context: ConsoleContext) -> QWidget:
    from ioc_console.workspaces.events.workspace import EventsWorkspace

    return EventsWorkspace(context)


EVENTS = WorkspaceSpec(
    key="events", title=QT_TRANSLATE_NOOP("Workspaces", "Live events"), factory=_build_events, order=10
)


def default_registry() -> WorkspaceRegistry:
    """The workspaces this build of the console ships."""
    registry = WorkspaceRegistry()
    registry.register(EVENTS)
    return registry
