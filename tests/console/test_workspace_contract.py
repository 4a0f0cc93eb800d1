"""A workspace plugs into the main window through its registry alone: page, actions, menus, status items,
panels, shown/hidden hooks, role hiding and intents — with no line of shell code knowing it."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from ioc_console.services.workspace import Workspace, WorkspaceAction, WorkspaceRegistry, WorkspaceSpec
from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces import default_registry
from ioc_console.workspaces.events.event_log_model import LogEntry
from widgets.item_roles import ItemRole

NO_SERVER = "http://127.0.0.1:9"


class WallWorkspace(Workspace):
    """A stand-in for the video wall: decodes only while seen, one admin-only action."""

    saved_view_kind = "video_wall"

    def __init__(self, context: object) -> None:
        super().__init__()
        self.hooks: list[str] = []
        self.restored: QByteArray | None = None
        self.act_tour = QAction("Tour", self)
        self.act_tour.setObjectName("wallTour")
        self.act_tour.setShortcut(QKeySequence("Ctrl+T"))
        self.act_settings = QAction("Camera settings", self)
        self.act_settings.setObjectName("wallSettings")
        self.act_settings.setShortcut(QKeySequence("Ctrl+Alt+E"))
        self.tiles_label = QLabel("tiles: 16", self)
        self.dock = QDockWidget("Cameras", self)
        self.dock.setObjectName("wallCameraTree")
        self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea)

    def workspace_actions(self) -> list[WorkspaceAction]:
        return [
            WorkspaceAction(self.act_tour, lambda: "Wall: start the tour", permission="ops.read"),
            WorkspaceAction(self.act_settings, lambda: "Wall: camera settings", permission="admin", in_menu=False),
        ]

    def status_items(self) -> list[QWidget]:
        return [self.tiles_label]

    def panels(self) -> list[QDockWidget]:
        return [self.dock]

    def on_shown(self) -> None:
        self.hooks.append("shown")

    def on_hidden(self) -> None:
        self.hooks.append("hidden")

    def save_state(self) -> QByteArray:
        return QByteArray(b"4x4")

    def restore_state(self, state: QByteArray) -> None:
        self.restored = state


def _registry() -> WorkspaceRegistry:
    # The shipped event log plus the stand-in (the real video wall is tested in test_video_workspace.py).
    registry = WorkspaceRegistry([spec for spec in default_registry().specs() if spec.key == "events"])
    registry.register(WorkspaceSpec("wall", QT_TRANSLATE_NOOP("Workspaces", "Video wall"), WallWorkspace, order=20))
    return registry


def test_a_workspace_plugs_in_through_the_registry_alone(make_context, qtbot):
    context = make_context(NO_SERVER)
    window = MainWindow(context, _registry())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wall = window.workspace("wall")
    assert isinstance(wall, WallWorkspace) and window._stack.indexOf(wall) == 1

    # Its navigation entry and Ctrl+2, its menu (menu actions only), its status item and its panel.
    assert window._nav.item(1).text() == "2   Tường video"  # the shipped title, translated
    assert window.findChild(QAction, "workspace_wall").shortcut().toString() == "Ctrl+2"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Tường video")
    assert menu.actions() == [wall.act_tour]
    assert wall.tiles_label.parent() is not None and wall.tiles_label.isVisibleTo(window)
    assert window.dockWidgetArea(wall.dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert wall.dock.toggleViewAction() in window._view_menu.actions()
    wall.status_message.emit("Camera 12: signal lost", 5_000)
    assert window.statusBar().currentMessage() == "Camera 12: signal lost"

    # Shown / hidden: switching pages and minimising the window.
    assert wall.hooks == []
    window.show_workspace(1)
    assert wall.hooks == ["shown"]
    window.showMinimized()
    qtbot.waitUntil(lambda: wall.hooks == ["shown", "hidden"])
    window.showNormal()
    qtbot.waitUntil(lambda: wall.hooks == ["shown", "hidden", "shown"])
    window.show_workspace(0)
    assert wall.hooks == ["shown", "hidden", "shown", "hidden"]

    # Its actions are listed in the keyboard help, and hidden from roles without the permission.
    assert ("Ctrl+T", "Wall: start the tour") in [(k.toString(), d) for k, d in window.shortcut_list()]
    window._on_signed_in(SimpleNamespace(username="leader", full_name="", role="leader"))
    assert wall.act_tour.isVisible() and not wall.act_settings.isVisible()
    helps = [d for _k, d in window.shortcut_list()]
    assert "Wall: start the tour" in helps and "Wall: camera settings" not in helps
    window._on_signed_in(SimpleNamespace(username="admin", full_name="", role="admin"))
    assert wall.act_settings.isVisible()
    # The event log's alert keys follow the same table: a leader may not act on alerts.
    window._on_signed_in(SimpleNamespace(username="leader", full_name="", role="leader"))
    assert not window.workspace("events").alert_actions.act_acknowledge.isVisible()

    # State is saved per workspace and handed back to a new window.
    window.close()
    second = MainWindow(context, _registry())
    qtbot.addWidget(second)
    assert second.workspace("wall").restored == QByteArray(b"4x4")


def test_an_intent_brings_its_workspace_forward(make_window, qtbot):
    window = make_window(NO_SERVER)
    window.show()
    events = window.workspace("events")
    events.model.append_entry(_alert_entry())
    events.model.flush()
    navigation = window._context.navigation
    # An intent no workspace of this build serves is refused, and nothing moves.
    assert navigation.can("event.reveal") and not navigation.can("meeting.open")
    assert not navigation.request("meeting.open", {"meeting_id": 5})
    assert navigation.request("event.reveal", {"key": "alert:5"})
    assert window.current_workspace_key() == "events"
    selected = events.view.table().selectionModel().selectedRows()
    assert len(selected) == 1 and selected[0].data(ItemRole.KEY) == "alert:5"


def _alert_entry() -> LogEntry:
    return LogEntry.from_resource("alert", {"id": 5, "severity": "warning", "state": "new", "camera_id": "cam-0005"})
