"""The "Video wall" workspace: camera tree, the wall and its views, tours, alarm spot, PTZ, snapshots, overlays."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backend_client.sync.connection_state import ONLINE
from backend_client.sync.saved_views import ViewEntry
from ioc_console.services import event_text
from ioc_console.services.alert_dialogs import VerifyAlertDialog
from ioc_console.services.alert_submit import AlertSubmitter, analytic_name
from ioc_console.services.briefing import BriefingFigure, BriefingPage
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill
from ioc_console.services.navigation import SHOW_CAMERA_ON_WALL, SHOW_CAMERAS_ON_WALL
from ioc_console.services.ops import run_in_background, run_on_cache
from ioc_console.services.workspace import OperatorControls, Workspace, WorkspaceAction
from ioc_console.workspaces.video import camera_actions
from ioc_console.workspaces.video.alarm_spot import AlarmSpot
from ioc_console.workspaces.video.alert_index import AlarmQueue, OpenAlertIndex
from ioc_console.workspaces.video.camera_streams import url_for_client
from ioc_console.workspaces.video.camera_tree import CameraTree
from ioc_console.workspaces.video.camera_tree_model import GROUP_CAMERAS_ROLE, IS_GROUP_ROLE, CameraTreeModel
from ioc_console.workspaces.video.detached import DetachedWallWindow
from ioc_console.workspaces.video.favourites import FavouritesStore
from ioc_console.workspaces.video.layouts import LAYOUTS, smallest_fitting
from ioc_console.workspaces.video.pipeline import VideoPipeline, overlays
from ioc_console.workspaces.video.ptz_panel import PtzPanel
from ioc_console.workspaces.video.snapshot import SavedSnapshot, write_snapshot
from ioc_console.workspaces.video.tour import Tour
from ioc_console.workspaces.video.wall import VideoWall
from ioc_console.workspaces.video.wall_views import VIDEO_WALL_KIND, WallViewsControl, read_wall_view, wall_view_data
from ioc_domain.alerts import ALERT_WRITE_PERMISSION, OPEN_ALERT_STATES
from ioc_domain.roles import may

log = logging.getLogger(__name__)

KEY = "video"
PTZ_PERMISSION = "camera.ptz"
PLAY_PERMISSION = "video.play"
TOUR_TICK_MS = 250
DEFAULT_TOUR_S = 10
LEFT_MIN_PX = 140
WALL_MIN_PX = 200
#: More camera changes than this at once are applied as one rebuild of the tree.
BULK_CAMERAS = 20
#: A page of changes this large is a (re)sync catching up, not alerts arriving live now.
LIVE_BATCH = 200
# Layout names shown in the layout box (the data is the name a view stores).
_LAYOUT_TEXTS = {
    "1": "1",
    "2x2": "2×2",
    "3x3": "3×3",
    "4x4": "4×4",
    "5x5": "5×5",
    "6x6": "6×6",
    "8x8": "8×8",
    "1+5": "1 + 5",
    "1+7": "1 + 7",
    "2+8": "2 + 8",
}


class VideoWorkspace(Workspace):
    saved_view_kind = VIDEO_WALL_KIND

    def __init__(
        self,
        context: ConsoleContext,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videoWorkspace")
        self._context = context
        self._connection = connection = context.connection
        self._settings = context.settings
        self._analytics = context.analytics
        self._clock = clock
        self._page_seen = False
        self._detached: DetachedWallWindow | None = None
        self.tour: Tour | None = None
        self.alerts = OpenAlertIndex()
        self.alarms = AlarmQueue()
        self._dismissed: set[str] = set()
        self.last_snapshot: SavedSnapshot | None = None
        self.verify_dialog: VerifyAlertDialog | None = None

        self.pipeline = VideoPipeline(url_for_client(connection.client), can_play=lambda: self._may(PLAY_PERMISSION))
        # Whatever closes the page (window closed, application quit), no decoder thread outlives it.
        pipeline = self.pipeline
        self.destroyed.connect(lambda *_: pipeline.close())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(pipeline.close)

        self.model = CameraTreeModel(self)
        self.tree = CameraTree(self.model, self)
        self.ptz = PtzPanel(self)
        self.wall = VideoWall(self.pipeline.make_tile, self.pipeline.make_feed, self.model.camera)
        self.alarm_spot = AlarmSpot(self.pipeline.make_tile, self.pipeline.make_feed)
        self.submitter = AlertSubmitter(connection, self)

        # The wall area (what detaches): the toolbar, the grid and the alarm spot beside it.
        self.wall_area = QWidget()
        self.wall_area.setObjectName("wallArea")
        self.layout_combo = QComboBox(self.wall_area)
        self.layout_combo.setObjectName("wallLayoutCombo")
        for name in LAYOUTS:
            self.layout_combo.addItem(_LAYOUT_TEXTS.get(name, name), name)
        self.layout_combo.activated.connect(lambda _i: self.set_layout(self.layout_combo.currentData()))
        self.views = WallViewsControl(connection, self.current_view_data, self.wall_area)
        self.views.view_applied.connect(self.apply_view)
        self.tour_seconds = QSpinBox(self.wall_area)
        self.tour_seconds.setObjectName("tourSeconds")
        self.tour_seconds.setRange(3, 600)
        self.tour_seconds.setValue(DEFAULT_TOUR_S)
        self.tour_button = QToolButton(self.wall_area)
        self.tour_button.setObjectName("tourButton")
        self.tour_button.clicked.connect(self.toggle_tour)
        self.detach_button = QToolButton(self.wall_area)
        self.detach_button.setObjectName("detachButton")
        self.detach_button.clicked.connect(self.toggle_detached)
        bar = QHBoxLayout()
        bar.addWidget(self.layout_combo)
        bar.addWidget(self.views, 1)
        bar.addWidget(self.tour_seconds)
        bar.addWidget(self.tour_button)
        bar.addWidget(self.detach_button)
        grid_row = QHBoxLayout()
        grid_row.setSpacing(4)
        grid_row.addWidget(self.wall, 3)
        grid_row.addWidget(self.alarm_spot, 1)
        area_layout = QVBoxLayout(self.wall_area)
        area_layout.setContentsMargins(0, 0, 0, 0)
        area_layout.addLayout(bar)
        area_layout.addLayout(grid_row, 1)

        self.placeholder = QWidget(self)
        self.placeholder.setObjectName("wallPlaceholder")
        self._placeholder_label = QLabel(self.placeholder)
        self._placeholder_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._reattach_button = QPushButton(self.placeholder)
        self._reattach_button.clicked.connect(self.toggle_detached)
        placeholder_layout = QVBoxLayout(self.placeholder)
        placeholder_layout.addStretch(1)
        placeholder_layout.addWidget(self._placeholder_label)
        placeholder_layout.addWidget(self._reattach_button, 0, Qt.AlignmentFlag.AlignHCenter)
        placeholder_layout.addStretch(1)
        self.placeholder.hide()

        self._left = left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.ptz)
        self._right = QWidget(self)
        self._right_layout = QVBoxLayout(self._right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.addWidget(self.wall_area)
        self._right_layout.addWidget(self.placeholder)
        # Explicit minimums below the natural sizes: the window must still fit a small screen
        # (every page of the stack counts towards the window's minimum width).
        left.setMinimumWidth(LEFT_MIN_PX)
        self._right.setMinimumWidth(WALL_MIN_PX)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 1000])  # ward names like "Xã Chân Mây - Lăng Cô (11/12)" fit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        # On the leaders' screen only the tiles: no camera tree, PTZ pad or tool bar.
        self._operator_controls = OperatorControls(
            lambda: [
                self._left,
                self.layout_combo,
                self.views,
                self.tour_seconds,
                self.tour_button,
                self.detach_button,
            ]
        )

        self._build_actions()
        self._tour_timer = QTimer(self)
        self._tour_timer.setInterval(TOUR_TICK_MS)
        self._tour_timer.timeout.connect(self.tour_tick)

        # Wiring.
        self.tree.single_view_requested.connect(self.show_single)
        self.tree.tour_requested.connect(self.start_tour)
        self.favourites = FavouritesStore(connection, self._settings, self)
        self.favourites.loaded.connect(self.model.set_favourites)
        self.tree.favourite_toggled.connect(self.favourites.toggle)
        self.wall.selection_changed.connect(lambda _i: self._selection_changed())
        self.wall.cells_changed.connect(self._cells_changed)
        self.wall.layout_changed.connect(self._layout_changed)
        self.wall.message.connect(self.status_message)
        self.ptz.command.connect(self.send_ptz)
        self.alarm_spot.acknowledge_requested.connect(lambda alert: self.submitter.perform("acknowledge", alert))
        self.alarm_spot.verify_requested.connect(self.verify_alarm)
        self.alarm_spot.dismiss_requested.connect(self.dismiss_alarm)
        connection.cache_ready.connect(lambda _store: self.load_from_cache())
        connection.changes_applied.connect(self._on_changes)
        connection.signed_in.connect(lambda _user: self._role_changed())
        connection.signed_out.connect(self._role_changed)
        context.navigation.handle(SHOW_CAMERA_ON_WALL, KEY, self._show_camera_intent)
        context.navigation.handle(SHOW_CAMERAS_ON_WALL, KEY, self._show_cameras_intent)

        self.retranslate_ui()
        self._role_changed()
        self._layout_changed(self.wall.layout_name())
        if connection.store is not None:
            self.load_from_cache()

    # -- actions ------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        wall = self.wall
        self.act_full_screen, self.act_leave = wall.act_full_screen, wall.act_leave
        self.act_snapshot = wall.add_key_action("wallSnapshot", ["S"], self.take_snapshot)
        self.act_clear = wall.add_key_action("wallClearTile", ["Delete"], lambda: wall.clear_cell(wall.selected()))
        self.act_tour = wall.add_key_action("wallTour", ["T"], self.toggle_tour)
        self.act_detach = self._area_action("wallDetach", "Ctrl+Shift+D", self.toggle_detached)
        self.act_save_view = self._area_action("wallSaveView", "Ctrl+Shift+S", self.views.save_current)
        self.act_ptz = QAction(self)
        self.act_ptz.setObjectName("wallPtzPanel")
        self.act_ptz.setCheckable(True)
        self.act_ptz.setChecked(True)
        self.act_ptz.toggled.connect(lambda _on: self._role_changed())

    def _area_action(self, name: str, key: str, slot: Callable[[], None]) -> QAction:
        """A key of the whole wall area (toolbar included), also while it is detached."""
        act = QAction(self)
        act.setObjectName(name)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.wall_area.addAction(act)
        return act

    def workspace_actions(self) -> list[WorkspaceAction]:
        return [
            WorkspaceAction(
                self.act_full_screen, lambda: self.tr("Wall: full-screen the selected tile, and back (also Enter)")
            ),
            WorkspaceAction(self.act_leave, lambda: self.tr("Wall: leave full screen or the single view")),
            WorkspaceAction(
                self.act_snapshot, lambda: self.tr("Wall: save a snapshot of the selected tile"), PLAY_PERMISSION
            ),
            WorkspaceAction(self.act_clear, lambda: self.tr("Wall: empty the selected tile")),
            WorkspaceAction(self.act_tour, lambda: self.tr("Wall: start or stop the tour of the camera group")),
            WorkspaceAction(self.act_detach, lambda: self.tr("Wall: move the wall to its own window, and back")),
            WorkspaceAction(
                self.act_save_view, lambda: self.tr("Wall: save the layout and cameras as a view…"), "self"
            ),
            WorkspaceAction(self.act_ptz, lambda: self.tr("Wall: show the PTZ pad"), PTZ_PERMISSION),
        ]

    # -- the workspace contract ------------------------------------------------------------
    def focus_filter(self) -> bool:
        self.tree.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree.search.selectAll()
        return True

    def on_shown(self) -> None:
        self._page_seen = True
        self._update_seen()

    def on_hidden(self) -> None:
        self._page_seen = False
        self._update_seen()

    def save_state(self) -> QByteArray:
        state = {
            "view": wall_view_data(self.wall.layout_name(), self.wall.cameras()),
            "group_by": self.model.group_by(),
            "splitter": bytes(self.splitter.saveState().toBase64().data()).decode("ascii"),
        }
        return QByteArray(json.dumps(state).encode("utf-8"))

    def restore_state(self, state: QByteArray) -> None:
        try:
            data = json.loads(bytes(state.data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return
        if not isinstance(data, dict):
            return
        if isinstance(data.get("view"), dict):
            self.apply_view(*read_wall_view(data["view"]))
        if data.get("group_by") in ("ward", "category"):
            self.tree.group_by.setCurrentIndex(self.tree.group_by.findData(data["group_by"]))
        if isinstance(data.get("splitter"), str):
            self.splitter.restoreState(QByteArray.fromBase64(data["splitter"].encode("ascii")))

    def close_streams(self, timeout: float = 5.0) -> bool:
        """Release every tile's stream and join the decoder threads (the wall is closing)."""
        self._tour_timer.stop()
        self.wall.release_all()
        self.alarm_spot.release()
        return self.pipeline.close(timeout)

    # -- briefing ----------------------------------------------------------------------------------
    def briefing_pages(self) -> list[BriefingPage]:
        """The wall as it is, and each named wall view: a picture of the wall, cameras online."""
        pages = [
            BriefingPage("video:wall", self.tr("Video wall"), self._brief, self.briefing_picture, self.briefing_figures)
        ]
        for view in self.views.views():
            pages.append(
                BriefingPage(
                    f"video:view:{view.id}",
                    fill(self.tr("Video wall: %1"), view.name),
                    lambda entry=view: self._brief(entry),
                    self.briefing_picture,
                    self.briefing_figures,
                )
            )
        return pages

    def briefing_snapshot(self) -> Callable[[], None]:
        """A named view's page changes the wall: put back the operator's layout and cameras."""
        layout, cameras = self.wall.layout_name(), self.wall.cameras()

        def restore() -> None:
            if (self.wall.layout_name(), self.wall.cameras()) != (layout, cameras):
                self.apply_view(layout, cameras)

        return restore

    def set_presenting(self, presenting: bool) -> None:
        self._operator_controls.set_presenting(presenting)
        self.alarm_spot.set_presenting(presenting)

    def _brief(self, view: ViewEntry | None = None) -> None:
        if view is not None:
            self.views.apply(view)
        self.wall.setFocus(Qt.FocusReason.OtherFocusReason)

    def briefing_picture(self, size: QSize) -> QImage:
        """The wall's tiles and the alarm spot as they are on screen, fitted to ``size``."""
        return (
            self.wall.grab()
            .toImage()
            .scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )

    def briefing_figures(self) -> list[BriefingFigure]:
        """Cameras online out of all (from the synced camera records), and on the wall now."""
        cameras = self.model.cameras()
        counts = {status: 0 for status in ("online", "degraded", "offline")}
        for camera in cameras:
            status = str(camera.get("status", ""))
            if status in counts:
                counts[status] += 1
        as_of, cached = self._connection.data_as_of, self._connection.state != ONLINE
        number = event_text.format_number
        shown = sum(1 for camera_id in self.wall.cameras() if camera_id is not None)
        return [
            BriefingFigure(
                self.tr("Cameras online"), f"{number(counts['online'])} / {number(len(cameras))}", as_of, cached
            ),
            BriefingFigure(self.tr("Cameras degraded"), number(counts["degraded"]), as_of, cached),
            BriefingFigure(self.tr("Cameras offline"), number(counts["offline"]), as_of, cached),
            # What the wall shows is this console's own state: true now, whatever the link.
            BriefingFigure(
                self.tr("Cameras on the wall"),
                f"{number(shown)} / {number(len(self.wall.cells()))}",
                datetime.now(UTC),
                False,
            ),
        ]

    # -- visibility ----------------------------------------------------------------------------
    def is_wall_seen(self) -> bool:
        if self._detached is not None:
            return self._detached.is_seen()
        return self._page_seen

    def _update_seen(self) -> None:
        seen = self.is_wall_seen()
        self.pipeline.set_running(seen)
        self.wall.set_seen(seen)
        self.alarm_spot.set_seen(seen)
        if seen and self.tour is not None:
            self._tour_timer.start()
        elif not seen:
            self._tour_timer.stop()

    # -- detaching ------------------------------------------------------------------------------
    def is_detached(self) -> bool:
        return self._detached is not None

    def toggle_detached(self) -> None:
        if self._detached is None:
            self._right_layout.removeWidget(self.wall_area)
            window = DetachedWallWindow(self.wall_area, self)
            window.setWindowTitle(self.tr("Video wall"))
            window.closing.connect(self._reattach)
            window.seen_changed.connect(lambda _seen: self._update_seen())
            self._detached = window
            self.placeholder.show()
            window.resize(1280, 760)
            window.show()
            self.wall_area.show()
        else:
            self._detached.close()  # its closing signal puts the wall back
        self._update_seen()
        self.wall.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reattach(self) -> None:
        window, self._detached = self._detached, None
        if window is None:
            return
        content = window.take_content()
        self._right_layout.insertWidget(0, content)
        content.show()
        self.placeholder.hide()
        window.deleteLater()
        self._update_seen()

    def detached_window(self) -> DetachedWallWindow | None:
        return self._detached

    # -- layouts, views, single view -------------------------------------------------------------
    def set_layout(self, name: str) -> None:
        self.stop_tour()
        self.wall.set_layout(name)

    def current_view_data(self) -> dict[str, Any]:
        return wall_view_data(self.wall.layout_name(), self.wall.cameras())

    def apply_view(self, layout: str, cameras: list[str | None]) -> None:
        self.stop_tour()
        self.wall.set_view(layout, cameras)

    def show_single(self, camera_id: str) -> None:
        self.stop_tour()
        self.wall.show_single(camera_id)
        self.wall.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_camera_intent(self, payload: Mapping[str, Any]) -> bool:
        camera_id = str(payload.get("camera_id") or "")
        if self.model.camera(camera_id) is None:
            return False
        self.show_single(camera_id)
        return True

    def _show_cameras_intent(self, payload: Mapping[str, Any]) -> bool:
        """Cameras near a place on the map, nearest first: the smallest grid that holds them
        (the largest one, filled in order, when there are more), the nearest in the first tile."""
        ids = payload.get("camera_ids")
        if not isinstance(ids, list | tuple) or not ids or not all(isinstance(i, str) and i for i in ids):
            self.status_message.emit(self.tr("The map sent no cameras to show on the wall."), 8000)
            return False
        wanted = list(dict.fromkeys(ids))  # the same camera twice is one tile
        known = [camera_id for camera_id in wanted if self.model.camera(camera_id) is not None]
        unknown = len(wanted) - len(known)
        if not known:
            self.status_message.emit(
                fill(self.tr("None of the %1 cameras from the map is known to this console."), str(len(wanted))),
                8000,
            )
            return False
        layout = smallest_fitting(len(known))
        placed = known[: len(layout)]
        self.apply_view(layout.name, placed)
        self.wall.select(0)
        parts = [fill(self.tr("%1 cameras from the map placed on the wall."), str(len(placed)))]
        if len(placed) < len(known):
            parts.append(fill(self.tr("%1 more did not fit."), str(len(known) - len(placed))))
        if unknown:
            parts.append(fill(self.tr("%1 unknown cameras skipped."), str(unknown)))
        self.status_message.emit(" ".join(parts), 8000)
        return True

    def _layout_changed(self, name: str) -> None:
        self.layout_combo.setCurrentIndex(self.layout_combo.findData(name))

    # -- tours ------------------------------------------------------------------------------------
    def start_tour(self, camera_ids: list[str]) -> None:
        if not camera_ids:
            return
        self.tour = Tour(camera_ids, len(self.wall.cells()), self.tour_seconds.value(), clock=self._clock)
        self.wall.set_cameras(self.tour.start())
        if self.is_wall_seen():
            self._tour_timer.start()
        self._retranslate_tour()

    def stop_tour(self) -> None:
        if self.tour is not None:
            self.tour = None
            self._tour_timer.stop()
            self._retranslate_tour()

    def toggle_tour(self) -> None:
        if self.tour is not None:
            self.stop_tour()
            return
        index = self.tree.tree.currentIndex()
        if index.isValid() and not index.data(IS_GROUP_ROLE):
            index = index.parent()
        if not index.isValid() and self.model.rowCount() > 0:
            index = self.model.index(0, 0)
        if index.isValid():
            self.start_tour(list(index.data(GROUP_CAMERAS_ROLE) or []))

    def held_cells(self) -> set[int]:
        """Cells a tour must not change: they show a camera with an active alarm."""
        alarmed = self.alerts.alarm_cameras()
        return {i for i, camera in enumerate(self.wall.cameras()) if camera is not None and camera in alarmed}

    def tour_tick(self) -> None:
        tour = self.tour
        if tour is None:
            return
        step = tour.tick(held=self.held_cells())
        if step is not None:
            self.wall.set_cameras(step)

    # -- cameras and alerts from the cache and the live stream --------------------------------------
    def load_from_cache(self) -> None:
        def read(store: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            cameras = store.list("camera", order_by="sort_time asc")
            alerts = [a for state in OPEN_ALERT_STATES for a in store.list("alert", state=state)]
            return cameras, alerts

        self._connection.read_cache(
            read,
            on_success=self._loaded,
            on_failure=lambda error: log.warning("could not read the cameras from the cache: %s", error),
            parent=self,
        )

    def _loaded(self, result: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        cameras, alerts = result
        self.model.set_cameras(cameras)
        self.alerts.load(alerts)
        for i, camera_id in enumerate(self.wall.cameras()):
            if camera_id is not None and self.wall.cells()[i].feed is None:
                self.wall.refresh_camera(camera_id)  # a view restored before the cameras were known
        self._refresh_overlays()
        self._selection_changed()

    def _on_changes(self, changes: list[Any]) -> None:
        live = len(changes) < LIVE_BATCH
        alarm_changed = False
        overlay_cameras: set[str] = set()
        camera_changes = [c for c in changes if getattr(c, "resource", None) == "camera"]
        if len(camera_changes) > BULK_CAMERAS:
            self._cameras_replaced(camera_changes)  # a sync page: one rebuild of the tree, not hundreds
        else:
            for change in camera_changes:
                self._camera_changed(str(change.id), change.data)
        for change in changes:
            resource, data = getattr(change, "resource", None), getattr(change, "data", None)
            change_id = str(getattr(change, "id", ""))
            if resource == "alert":
                if data is None:
                    old = self.alerts.get(change_id)
                    self.alerts.remove(change_id)
                    if old is not None:
                        overlay_cameras.add(str(old.get("camera_id")))
                    alarm_changed |= self.alarms.offer({"id": change_id, "state": "deleted"})
                    continue
                if self.alerts.apply(data):
                    overlay_cameras.add(str(data.get("camera_id")))
                if live and change_id not in self._dismissed:
                    alarm_changed |= self.alarms.offer(data)
                elif change_id in self._dismissed or not live:
                    # Not a new arrival, but a taken alert must still leave the spot.
                    if data.get("state") != "new":
                        alarm_changed |= self.alarms.offer(data)
        if overlay_cameras:
            self._refresh_overlays(overlay_cameras)
        if alarm_changed:
            self._show_current_alarm()

    def _cameras_replaced(self, changes: list[Any]) -> None:
        cameras = {str(c["id"]): c for c in self.model.cameras()}
        on_wall = set(self.wall.cameras())
        refresh = set()
        for change in changes:
            camera_id = str(change.id)
            old = cameras.pop(camera_id, None)
            if change.data is not None:
                cameras[camera_id] = dict(change.data)
            if camera_id in on_wall and (old is None or change.data is None or _streams_differ(old, change.data)):
                refresh.add(camera_id)
        self.model.set_cameras(cameras.values())
        for camera_id in refresh:
            self.wall.refresh_camera(camera_id)
        self._selection_changed()

    def _camera_changed(self, camera_id: str, data: Mapping[str, Any] | None) -> None:
        if data is None:
            self.model.remove_camera(camera_id)
            return
        old = self.model.camera(camera_id)
        self.model.upsert_camera(data)
        if camera_id in self.wall.cameras() and (old is None or _streams_differ(old, data)):
            self.wall.refresh_camera(camera_id)
        if self.ptz.camera_id() == camera_id:
            self._selection_changed()

    def _refresh_overlays(self, cameras: set[str] | None = None) -> None:
        for cell in self.wall.cells():
            if cell.camera_id is not None and (cameras is None or cell.camera_id in cameras):
                boxes = overlays(self.alerts.for_camera(cell.camera_id), self._alert_label)
                setter = getattr(cell.tile, "set_overlays", None)
                if callable(setter):
                    setter(boxes)

    def _cells_changed(self) -> None:
        self._refresh_overlays()
        self._selection_changed()

    # -- alarm spot ----------------------------------------------------------------------------------
    def _alert_label(self, alert: Mapping[str, Any]) -> str:
        name = analytic_name(self._analytics, alert) or str(alert.get("analytic", ""))
        confidence = alert.get("confidence")
        if isinstance(confidence, int | float):
            return f"{name} {round(float(confidence) * 100)}%"
        return name

    def alarm_label(self, alert: Mapping[str, Any]) -> str:
        """ "Forest fire — Camera Vỹ Dạ 03 — 05/12 11:32:05": what, where, when."""
        camera = self.model.camera(str(alert.get("camera_id"))) or {}
        when = str(alert.get("detected_at") or "")
        try:
            when = event_text.format_local_time(datetime.fromisoformat(when.replace("Z", "+00:00")))
        except ValueError:
            pass
        name = analytic_name(self._analytics, alert) or str(alert.get("analytic", ""))
        return f"{name} — {camera.get('name', alert.get('camera_id', ''))} — {when}"

    def _show_current_alarm(self) -> None:
        alert = self.alarms.current()
        if alert is None:
            self.alarm_spot.show_alarm(None, None, "", 0)
            return
        camera = self.model.camera(str(alert.get("camera_id"))) or {
            "id": str(alert.get("camera_id")),
            "name": str(alert.get("camera_id")),
        }
        self.alarm_spot.show_alarm(alert, camera, self.alarm_label(alert), len(self.alarms))

    def dismiss_alarm(self, alert: Mapping[str, Any]) -> None:
        alert_id = str(alert.get("id"))
        self._dismissed.add(alert_id)
        self.alarms.dismiss(alert_id)
        self._show_current_alarm()

    def verify_alarm(self, alert: Mapping[str, Any]) -> None:
        if not self.submitter.ready():
            return
        dialog = VerifyAlertDialog(alert, analytic_name(self._analytics, alert), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.submitter.perform("verify", alert, verdict=dialog.verdict(), note=dialog.note())
        )
        self.verify_dialog = dialog
        dialog.open()

    # -- PTZ ----------------------------------------------------------------------------------------
    def send_ptz(self, camera_id: str, body: dict[str, Any]) -> None:
        """Send one PTZ command on a worker; a refusal is said in the status bar."""
        client = self._connection.client
        run_in_background(
            lambda: camera_actions.send_ptz(client, camera_id, body),
            on_failure=lambda error: self.status_message.emit(
                fill(self.tr("PTZ command not carried out: %1"), getattr(error, "message", str(error))), 8000
            ),
            parent=self,
        )

    def _selection_changed(self) -> None:
        cameras = self.wall.cameras()
        selected = self.wall.selected()
        camera_id = cameras[selected] if 0 <= selected < len(cameras) else None
        self.ptz.set_camera(self.model.camera(camera_id) if camera_id is not None else None)

    # -- snapshots ------------------------------------------------------------------------------------
    def take_snapshot(self) -> None:
        """Save the selected tile's picture as PNG + .sha256 (off the GUI thread) and record it."""
        index = self.wall.selected()
        camera_id = self.wall.cameras()[index]
        current_image = getattr(self.wall.tile(index), "current_image", None)
        image = current_image() if camera_id is not None and callable(current_image) else None
        if camera_id is None or image is None or image.isNull():
            self.status_message.emit(self.tr("No picture to save: the tile shows no video yet."), 6000)
            return
        folder = self._settings.snapshot_folder
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for snapshots"))
            if not folder:
                return
            self._settings.snapshot_folder = folder
        picture = image.copy()  # the worker gets its own copy; the tile keeps painting
        taken_at = datetime.now(UTC)
        run_on_cache(
            lambda: write_snapshot(Path(folder), camera_id, picture, taken_at),
            on_success=self._snapshot_saved,
            on_failure=lambda error: self.status_message.emit(
                fill(self.tr("The snapshot was NOT saved: %1"), str(error)), 10_000
            ),
            parent=self,
        )

    def _snapshot_saved(self, saved: SavedSnapshot) -> None:
        self.last_snapshot = saved
        self.status_message.emit(fill(self.tr("Snapshot saved: %1"), str(saved.path)), 8000)
        if self._connection.engine is None:
            return
        try:
            action = camera_actions.snapshot_action(saved)
        except ValueError as error:
            log.warning("snapshot not recorded: %s", error)
            return
        self._connection.submit(
            action,
            on_failure=lambda error: self.status_message.emit(
                fill(self.tr("The snapshot was saved but could not be recorded: %1"), str(error)), 10_000
            ),
            parent=self,
        )

    # -- roles, favourites, language -------------------------------------------------------------------
    def _may(self, permission: str) -> bool:
        return may(getattr(self._connection.user, "role", None), permission)

    def _role_changed(self) -> None:
        self.ptz.setVisible(self._may(PTZ_PERMISSION) and self.act_ptz.isChecked())
        self.alarm_spot.set_actions_allowed(self._may(ALERT_WRITE_PERMISSION))
        self.favourites.reload()

    def retranslate_ui(self) -> None:
        self.act_full_screen.setText(self.tr("&Full screen tile"))
        self.act_leave.setText(self.tr("&Leave full screen"))
        self.act_snapshot.setText(self.tr("&Snapshot"))
        self.act_clear.setText(self.tr("&Empty tile"))
        self.act_detach.setText(self.tr("&Detach the wall"))
        self.act_save_view.setText(self.tr("Save the wall as a &view…"))
        self.act_ptz.setText(self.tr("&PTZ pad"))
        self.tour_seconds.setSuffix(self.tr(" s"))
        self.tour_seconds.setToolTip(self.tr("Seconds each page of a tour stays on the wall"))
        self.layout_combo.setToolTip(self.tr("Layout of the wall"))
        self.detach_button.setText(self.tr("Detach"))
        self.detach_button.setToolTip(self.tr("Move the wall to its own window (a second monitor)"))
        self._placeholder_label.setText(self.tr("The video wall is in its own window."))
        self._reattach_button.setText(self.tr("Bring the wall back"))
        self._retranslate_tour()

    def _retranslate_tour(self) -> None:
        running = self.tour is not None
        self.tour_button.setText(self.tr("Stop tour") if running else self.tr("Tour"))
        self.act_tour.setText(self.tr("Stop the &tour") if running else self.tr("Start a &tour"))
        self.tour_button.setToolTip(self.tr("Cycle the selected camera group through the wall"))


def _streams_differ(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """True when a tile showing the camera must re-open its stream (or retitle)."""
    return any(old.get(k) != new.get(k) for k in ("main_stream_url", "sub_stream_url", "name"))
