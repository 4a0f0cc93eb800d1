"""The "Map" workspace: the city's shared picture — cameras, alerts, reports, sensors, tasks, wards
and warnings on an offline Leaflet map, live, with details and actions beside it."""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCursor, QImage, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backend_client.sync.connection_state import ONLINE
from backend_client.sync.saved_views import ViewEntry
from ioc_console.services import event_text
from ioc_console.services.briefing import BriefingFigure, BriefingPage, message_picture
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill
from ioc_console.services.navigation import (
    APPLY_ALERT_FILTER,
    DRAFT_WARNING_FOR_AREA,
    SHOW_CAMERAS_ON_WALL,
    SHOW_ON_MAP,
)
from ioc_console.services.ops import run_in_background, run_on_cache
from ioc_console.services.workspace import OperatorControls, Workspace, WorkspaceAction
from ioc_console.workspaces.map import layer_data, shape_query
from ioc_console.workspaces.map.detail_panel import MapDetailPanel
from ioc_console.workspaces.map.filter_bar import MapFilterBar
from ioc_console.workspaces.map.layer_controls import LayerControls, layer_title
from ioc_console.workspaces.map.layer_loader import Labels, LoadedLayers, read_layers
from ioc_console.workspaces.map.map_views import MAP_VIEW_KIND, MapViewsControl, map_view_data, read_map_view
from ioc_console.workspaces.map.page import BaseMap
from ioc_console.workspaces.map.shape_results import ShapeResultsPanel
from ioc_console.workspaces.map.web_engine import scheme_ready
from ioc_domain.alerts import ALERT_STATES
from ioc_domain.analytics import CATEGORIES
from ioc_domain.geo import nearest
from ioc_domain.record_filter import RecordFilter

log = logging.getLogger(__name__)

KEY = "map"
NEAREST_CAMERAS = 9
#: Live changes are gathered this long and pushed to the page together.
PATCH_INTERVAL_MS = 300
#: Changed reports (a clustered layer) are re-read at most this often while the map is seen.
REPORTS_RELOAD_MS = 10_000
WARDS_STATE_KEY = "map.wards"
#: A shape around the whole city lists this many reports at most (read one by one from the cache).
MAX_SHAPE_REPORTS = 20_000
#: The zooms a SHOW_ON_MAP intent may ask for (as the presenter's map view, docs/API.md); the map
#: itself stops at its base map's deepest zoom.
MAX_INTENT_ZOOM = 22


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class MapWorkspace(Workspace):
    saved_view_kind = MAP_VIEW_KIND

    def __init__(self, context: ConsoleContext, base_map: BaseMap | None = None, tile_source: Any = None) -> None:
        super().__init__()
        self.setObjectName("mapWorkspace")
        self._context = context
        self._connection = context.connection
        self._base_map = base_map
        self._tile_source = tile_source
        self.map_view: Any = None  # MapView, made the first time the page is shown
        self._shown = False
        self._filter = RecordFilter()
        self._wards_answer: dict[str, Any] | None = None
        self._wards_fetching = False
        self._wards_fresh = False  # fetched from the server in this session (not only from the cache)
        self._records: dict[str, dict[str, dict[str, Any]]] = {}  # layer -> id -> record
        self._report_points: list[tuple[Any, ...]] = []
        self._pending: dict[str, dict[str, dict[str, Any] | None]] = {}
        self._reports_dirty = False
        self._warnings_dirty = False
        self._load_started = 0.0
        self._loading = False
        self._reload_again = False
        self._generation = 0
        self.last_ready_ms: float | None = None
        self.last_counts: dict[str, int] = {}
        self._shape: dict[str, Any] | None = None
        self._detail_key: tuple[str, str] | None = None  # (layer, id) the detail panel shows
        self._view_state: dict[str, Any] | None = None

        self.controls = LayerControls(self)
        self.layer_panel = scroll = QScrollArea(self)
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        # The legend wraps to the panel's width instead of scrolling sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Widths come from the splitter's first sizes, not minimums: the window must still fit a
        # small screen (every workspace's minimum adds up in the main window's).
        scroll.setMinimumWidth(120)
        self.filter_bar = MapFilterBar(self)
        self.views_control = MapViewsControl(context.connection, self._current_view_data, self)
        self.draw_circle = self._tool("mapDrawCircle")
        self.draw_polygon = self._tool("mapDrawPolygon")
        self.nearest_button = self._tool("mapNearest")
        self.snapshot_button = self._tool("mapSnapshot")
        self.draw_circle.clicked.connect(lambda: self.start_draw("circle"))
        self.draw_polygon.clicked.connect(lambda: self.start_draw("polygon"))
        self.nearest_button.clicked.connect(self._nearest_from_selection)
        self.snapshot_button.clicked.connect(self.save_snapshot)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("mapStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel(self)
        self.message.setObjectName("mapMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)

        self.detail = MapDetailPanel(context, self)
        self.shape_results = ShapeResultsPanel(context, self)
        self.side = QTabWidget(self)
        self.side.setObjectName("mapSideTabs")
        self.side.addTab(self.detail, "")
        self.side.addTab(self.shape_results, "")
        self.side.setMinimumWidth(160)

        # Tool bars, so a narrow window folds what does not fit behind their » buttons.
        self.tools_bar = QToolBar(self)
        self.tools_bar.setObjectName("mapToolsBar")
        self.tools_bar.setMovable(False)
        for button in (self.draw_circle, self.draw_polygon, self.nearest_button, self.snapshot_button):
            self.tools_bar.addWidget(button)
        self.tools_bar.addWidget(self.views_control)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.filter_bar)
        centre_layout.addWidget(self.tools_bar)
        centre_layout.addWidget(self.stack, 1)
        centre_layout.addWidget(self.status_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 1150, 430])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        # On the leaders' screen only the map: its layers and legend, filter and tool bars, the
        # detail and shape panel and the status line are the operator's.
        self._operator_controls = OperatorControls(
            lambda: [self.layer_panel, self.filter_bar, self.tools_bar, self.side, self.status_label]
        )

        self._patch_timer = QTimer(self)
        self._patch_timer.setSingleShot(True)
        self._patch_timer.setInterval(PATCH_INTERVAL_MS)
        self._patch_timer.timeout.connect(self._flush_pending)
        self._reports_timer = QTimer(self)
        self._reports_timer.setSingleShot(True)
        self._reports_timer.setInterval(REPORTS_RELOAD_MS)
        self._reports_timer.timeout.connect(self._reload_changed_areas)

        self.act_circle = self._action("mapActionCircle", "Ctrl+Shift+C", lambda: self.start_draw("circle"))
        self.act_polygon = self._action("mapActionPolygon", "Ctrl+Shift+P", lambda: self.start_draw("polygon"))
        self.act_snapshot = self._action("mapActionSnapshot", "Ctrl+Shift+S", self.save_snapshot)
        self.act_home = self._action("mapActionHome", "Ctrl+Shift+H", self.go_home)

        self.controls.visibility_changed.connect(self._on_visibility)
        self.controls.density_changed.connect(self._on_density)
        self.filter_bar.changed.connect(self.set_filter)
        self.filter_bar.apply_to_queue.clicked.connect(self.apply_filter_to_queue)
        self.detail.nearest_cameras_requested.connect(self.show_nearest_cameras)
        self.shape_results.warning_area_requested.connect(self._draft_warning)
        self.shape_results.record_activated.connect(self._on_record_activated)
        self.shape_results.cleared.connect(self.clear_shape)
        self.shape_results.status_message.connect(self.status_message)
        self.views_control.view_applied.connect(self.apply_view_data)
        context.navigation.handle(SHOW_ON_MAP, KEY, self.show_on_map)
        self._connection.changes_applied.connect(self._on_changes)
        self._connection.cache_ready.connect(lambda _store: self._on_cache_ready())
        self._connection.signed_in.connect(lambda _user: self._fetch_wards())
        self._connection.state_changed.connect(self._on_connection_state)
        self._connection.signed_out.connect(self._forget)
        self.retranslate_ui()
        if self._connection.store is not None:
            self._on_cache_ready()

    # -- building -------------------------------------------------------------------------------
    def _tool(self, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _action(self, name: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def workspace_actions(self) -> list[WorkspaceAction]:
        return [
            WorkspaceAction(self.act_circle, lambda: self.tr("Draw a circle: list what is inside it")),
            WorkspaceAction(
                self.act_polygon, lambda: self.tr("Draw a polygon (double-click or click the first corner to close)")
            ),
            WorkspaceAction(self.act_snapshot, lambda: self.tr("Save a picture of the map (PNG)")),
            WorkspaceAction(self.act_home, lambda: self.tr("Back to the whole city")),
        ]

    # -- showing --------------------------------------------------------------------------------
    def on_shown(self) -> None:
        self._shown = True
        if self.map_view is None:
            self._create_view()
            return
        self.map_view.set_paused(False)
        self._flush_pending()
        if self._reports_dirty or self._warnings_dirty:
            self._reload_changed_areas()

    def on_hidden(self) -> None:
        # A hidden map pushes nothing: changes wait in _pending and go in one patch when shown.
        self._shown = False
        if self.map_view is not None:
            self.map_view.set_paused(True)

    def _create_view(self) -> None:
        if not scheme_ready():
            self._show_message(
                self.tr("The map cannot be shown: the console started without its map support. Restart the console.")
            )
            return
        from ioc_console.workspaces.map.map_view import MapView

        base = self._base_map
        if base is None:
            base, self._tile_source, problem = self._base_from_settings()
            if problem:
                self.status_message.emit(problem, 15000)
        self.map_view = MapView(base, self._tile_source, self)
        self.map_view.setObjectName("mapView")
        self.map_view.layers_ready.connect(self._on_layers_ready)
        self.map_view.bridge.marker_clicked.connect(self._on_marker_clicked)
        self.map_view.bridge.shape_drawn.connect(self._on_shape_drawn)
        self.map_view.bridge.context_requested.connect(self._on_context)
        self.map_view.bridge.view_changed.connect(self._on_view_changed)
        self.map_view.bridge.patched.connect(self._on_patched)
        self.map_view.bridge.page_error.connect(self._on_page_error)
        self.map_view.page.renderProcessTerminated.connect(self._on_page_crashed)
        self.stack.addWidget(self.map_view)
        self.stack.setCurrentWidget(self.map_view)
        self.map_view.load()
        if self._view_state:
            self.map_view.set_view(self._view_state["lat"], self._view_state["lon"], self._view_state["zoom"])
        self.reload_layers()

    def _on_page_error(self, text: str) -> None:
        self.status_message.emit(fill(self.tr("Map: %1"), text), 8000)

    def _base_from_settings(self) -> tuple[BaseMap, Any, str]:
        settings = self._context.settings
        path, url = settings.map_mbtiles, settings.map_tile_url
        if path:
            from ioc_console.workspaces.map.mbtiles import MbtilesError, MbtilesSource

            try:
                source = MbtilesSource.open(path)
            except MbtilesError as exc:
                return BaseMap(), None, fill(self.tr("Map background file not used: %1"), str(exc))
            return BaseMap("mbtiles", attribution=source.name, max_zoom=min(18, source.max_zoom)), source, ""
        if url:
            try:
                return BaseMap("xyz", xyz_url=url), None, ""
            except ValueError as exc:
                return BaseMap(), None, fill(self.tr("Map tile server not used: %1"), str(exc))
        return BaseMap(), None, ""

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _on_page_crashed(self, *_: Any) -> None:
        # The page's process died (out of memory, a driver): load it again with the layers.
        self.status_message.emit(self.tr("The map page stopped and is being reloaded"), 8000)
        if self.map_view is not None:
            self.map_view.load()
            self.reload_layers()

    # -- loading layers ---------------------------------------------------------------------------
    def _on_cache_ready(self) -> None:
        self._fetch_wards()
        if self.map_view is not None:
            self.reload_layers()

    def reload_layers(self, which: tuple[str, ...] = layer_data.LAYERS) -> None:
        """Read the layers from the cache on the cache pool and hand them to the page."""
        if self.map_view is None or self._connection.store is None:
            return
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self._load_started = time.perf_counter()
        labels = Labels(self._context.analytics, self._context.languages.language() or "vi")
        record_filter, wards = self._filter, self._wards_answer
        run_on_cache(
            lambda: read_layers(self._connection.store, labels, record_filter, wards, which),
            on_success=self._on_layers_read,
            on_failure=self._on_read_failed,
            parent=self,
        )

    def _on_layers_read(self, loaded: LoadedLayers) -> None:
        self._loading = False
        for layer, records in loaded.records.items():
            self._records[layer] = {str(r.get("id")): r for r in records}
        if "reports" in loaded.payloads:
            self._report_points = loaded.report_points
            self._reports_dirty = False
        if "warnings" in loaded.payloads:
            self._warnings_dirty = False
        if self.map_view is not None:
            self._generation = self.map_view.load_layers(loaded.payloads)
        if self._reload_again:
            self._reload_again = False
            self.reload_layers()

    def _on_read_failed(self, error: BaseException) -> None:
        self._loading = False
        self.status_message.emit(fill(self.tr("The map could not read the offline data: %1"), str(error)), 15000)

    def _on_layers_ready(self, generation: int, counts: dict[str, int]) -> None:
        self.last_counts.update(counts)
        self.controls.set_counts(counts)
        if generation == self._generation:
            self.last_ready_ms = (time.perf_counter() - self._load_started) * 1000
            as_of = self._connection.data_as_of
            when = as_of.astimezone().strftime("%H:%M") if as_of else "—"
            self.status_label.setText(
                fill(self.tr("Layers ready in %1 ms · data as of %2"), f"{self.last_ready_ms:.0f}", when)
                + ("" if self._connection.state == ONLINE else " · " + self.tr("offline cache"))
            )

    def _on_patched(self, counts: dict[str, int]) -> None:
        self.last_counts.update(counts)
        self.controls.set_counts(counts)

    def _fetch_wards(self) -> None:
        """Ward areas from the backend; the last answer is kept in the cache for offline starts."""
        store = self._connection.store
        if store is not None and self._wards_answer is None:
            run_on_cache(lambda: store.get_state(WARDS_STATE_KEY), on_success=self._cached_wards, parent=self)
        client = self._connection.client
        if self._wards_fetching:
            return
        self._wards_fetching = True

        def fetch() -> dict[str, Any]:
            return client.wards().model_dump()

        run_in_background(fetch, on_success=self._got_wards, on_failure=self._wards_failed, parent=self)

    def _cached_wards(self, text: str | None) -> None:
        if text and self._wards_answer is None:
            try:
                self._apply_wards(json.loads(text), keep=False)
            except ValueError:
                log.warning("the cached ward areas are unreadable; waiting for the server's")

    def _got_wards(self, answer: dict[str, Any]) -> None:
        self._wards_fetching = False
        self._wards_fresh = True
        self._apply_wards(answer, keep=True)

    def _wards_failed(self, error: BaseException) -> None:
        # Offline or not signed in yet: the cached answer (if any) stays; tried again on reconnect.
        self._wards_fetching = False
        log.info("ward areas not fetched: %s", error)

    def _on_connection_state(self, state: str) -> None:
        if state == ONLINE and not self._wards_fresh:
            self._fetch_wards()

    def _apply_wards(self, answer: dict[str, Any], *, keep: bool) -> None:
        self._wards_answer = answer
        self.filter_bar.set_wards([str(w.get("name")) for w in answer.get("wards") or [] if isinstance(w, Mapping)])
        self.controls.set_ward_note(bool(answer.get("simplified")))
        store = self._connection.store
        if keep and store is not None:
            text = json.dumps(answer, ensure_ascii=False)
            run_on_cache(lambda: store.set_state(WARDS_STATE_KEY, text), parent=self)
        if self.map_view is not None:
            self.reload_layers(("wards",))

    # -- live changes ------------------------------------------------------------------------------
    def _on_changes(self, changes: list[Any]) -> None:
        for change in changes:
            get = change.get if isinstance(change, Mapping) else lambda k, _c=change: getattr(_c, k, None)
            resource = get("resource")
            if resource == "report":
                self._reports_dirty = True
                continue
            if resource == "warning":
                self._warnings_dirty = True
                continue
            layer = layer_data.LAYER_OF.get(str(resource))
            if layer is None:
                continue
            data = get("data")
            record_id = str(get("id") if get("id") is not None else (data or {}).get("id"))
            self._pending.setdefault(layer, {})[record_id] = None if get("op") == "delete" else data
        if self._shown and self._pending and not self._patch_timer.isActive():
            self._patch_timer.start()
        if self._shown and (self._reports_dirty or self._warnings_dirty) and not self._reports_timer.isActive():
            self._reports_timer.start()

    def _flush_pending(self) -> None:
        if self.map_view is None or not self._pending or not self._shown:
            return
        pending, self._pending = self._pending, {}
        now = datetime.now(UTC)
        labels = Labels(self._context.analytics, self._context.languages.language() or "vi")
        patches: dict[str, dict[str, list[Any]]] = {}
        for layer, changed in pending.items():
            resource = layer_data.RESOURCE_OF[layer]
            known = self._records.setdefault(layer, {})
            patches[layer] = layer_data.patch_of(resource, changed, known, labels, self._filter, now)
            if self.side.currentWidget() is self.detail:
                self.detail_refresh(layer, changed)
        self.map_view.patch(patches)

    def detail_refresh(self, layer: str, changed: Mapping[str, Any]) -> None:
        """Keep the detail panel current when the record it shows changed."""
        shown = self._detail_key
        if shown is None or shown[0] != layer or shown[1] not in changed:
            return
        record = changed[shown[1]]
        resource = layer_data.RESOURCE_OF[layer]
        if record is None:
            self.detail.show_gone(resource, shown[1])
        else:
            self.detail.show_record(resource, record)

    def _reload_changed_areas(self) -> None:
        which = tuple(
            name for name, dirty in (("reports", self._reports_dirty), ("warnings", self._warnings_dirty)) if dirty
        )
        if which and self._shown:
            self.reload_layers(which)

    # -- the operator's moves ------------------------------------------------------------------------
    def set_filter(self, record_filter: RecordFilter) -> None:
        self._filter = record_filter
        self.reload_layers(tuple(name for name in layer_data.LAYERS if name != "wards"))

    def apply_filter_to_queue(self) -> None:
        """The map's filter, reduced to what alerts know, narrows the alert queues."""
        f = self._filter
        alert_filter = RecordFilter(
            window=f.window,
            since=f.since,
            until=f.until,
            categories=f.categories & frozenset(CATEGORIES),
            statuses=f.statuses & frozenset(ALERT_STATES),
            wards=f.wards,
        )
        if not self._context.navigation.request(APPLY_ALERT_FILTER, {"filter": alert_filter.to_dict()}):
            self.status_message.emit(self.tr("No alert queues in this console"), 5000)

    def _on_visibility(self, layer: str, visible: bool) -> None:
        if self.map_view is not None:
            self.map_view.set_layer_visible(layer, visible)

    def _on_density(self, on: bool) -> None:
        if self.map_view is not None:
            self.map_view.set_layer_mode("reports", "density" if on else "clusters")

    def _on_marker_clicked(self, layer: str, item_id: str) -> None:
        resource = layer_data.RESOURCE_OF.get(layer)
        if resource is None:
            return
        self._detail_key = (layer, item_id)
        self.side.setCurrentWidget(self.detail)
        record = self._records.get(layer, {}).get(item_id)
        if record is not None:
            self.detail.show_record(resource, record)
            return
        store = self._connection.store
        if store is None:
            return

        def shown(found: dict[str, Any] | None) -> None:
            if found is None:
                self.detail.show_gone(resource, item_id)
            else:
                self.detail.show_record(resource, found)

        run_on_cache(lambda: store.get(resource, item_id), on_success=shown, parent=self)

    def _on_record_activated(self, resource: str, record_id: str) -> None:
        layer = layer_data.LAYER_OF.get(resource)
        if layer is not None and self.map_view is not None:
            self.map_view.focus(layer, record_id)
            self._on_marker_clicked(layer, record_id)

    def start_draw(self, kind: str) -> None:
        if self.map_view is None:
            return
        self.map_view.start_draw(kind)
        self.status_message.emit(
            self.tr("Drag to draw the circle; Esc cancels")
            if kind == "circle"
            else self.tr("Click the corners; double-click or click the first corner to close; Esc cancels"),
            8000,
        )

    def clear_shape(self) -> None:
        self._shape = None
        if self.map_view is not None:
            self.map_view.show_shape(None)

    def _on_shape_drawn(self, shape: dict[str, Any]) -> None:
        """List what the map shows inside the shape: the visible layers, under the current filter."""
        self._shape = shape
        now = datetime.now(UTC)
        record_filter = self._filter
        visible = {name for name, box in self.controls.boxes.items() if box.isChecked()}
        items = shape_query.records_inside(self._records, visible, record_filter, shape, now)
        points = self._report_points if "reports" in visible else []
        store = self._connection.store

        def reports_inside() -> list[tuple[str, Any]]:
            ids = shape_query.report_ids_inside(points, record_filter, shape, now)
            found = []
            for report_id in ids[:MAX_SHAPE_REPORTS]:
                record = store.get("report", report_id) if store is not None else None
                if record is not None:
                    found.append(("report", record))
            return found

        def show(reports: list[tuple[str, Any]]) -> None:
            if self._shape is shape:
                self.shape_results.show_results(shape, items + reports)
                self.side.setCurrentWidget(self.shape_results)

        run_on_cache(reports_inside, on_success=show, parent=self)

    def _draft_warning(self, area: dict[str, Any]) -> None:
        description = self.tr("Area drawn on the map")
        if not self._context.navigation.request(DRAFT_WARNING_FOR_AREA, {"area": area, "description": description}):
            self.status_message.emit(self.tr("A warning cannot be drafted from here"), 5000)

    def _on_context(self, lat: float, lon: float, layer: str, item_id: str) -> None:
        menu = QMenu(self)
        menu.setObjectName("mapContextMenu")
        near = menu.addAction(fill(self.tr("Nearest %1 cameras to the video wall"), str(NEAREST_CAMERAS)))
        near.setEnabled(self._context.navigation.can(SHOW_CAMERAS_ON_WALL))
        near.triggered.connect(lambda: self.show_nearest_cameras(lat, lon))
        circle = menu.addAction(self.tr("Draw a circle"))
        circle.triggered.connect(lambda: self.start_draw("circle"))
        if layer:
            details = menu.addAction(self.tr("Details"))
            details.triggered.connect(lambda: self._on_marker_clicked(layer, item_id))
        menu.popup(QCursor.pos())
        self._menu = menu

    def nearest_cameras(self, lat: float, lon: float, n: int = NEAREST_CAMERAS) -> list[str]:
        """Ids of the ``n`` cameras nearest (lat, lon) that are not known to be offline, nearest first."""
        cameras = self._records.get("cameras", {}).values()
        points = [
            (str(c.get("id")), c["lat"], c["lon"])
            for c in cameras
            if c.get("status") != "offline"
            and isinstance(c.get("lat"), int | float)
            and isinstance(c.get("lon"), int | float)
        ]
        return [camera_id for camera_id, _km in nearest(points, lat, lon, n)]

    def show_nearest_cameras(self, lat: float, lon: float) -> bool:
        ids = self.nearest_cameras(lat, lon)
        if not ids:
            self.status_message.emit(self.tr("No working camera is known near this place"), 5000)
            return False
        return self._context.navigation.request(SHOW_CAMERAS_ON_WALL, {"camera_ids": ids})

    def _nearest_from_selection(self) -> None:
        key = self._detail_key
        record = self._records.get(key[0], {}).get(key[1]) if key else None
        if record is None:
            self.status_message.emit(self.tr("Select a marker first, or right-click a place on the map"), 5000)
            return
        self.show_nearest_cameras(float(record["lat"]), float(record["lon"]))

    def show_on_map(self, payload: Mapping[str, Any]) -> bool:
        """SHOW_ON_MAP: {"key": "alert:17"} (with lat/lon as a fallback) or {"lat", "lon"}, either
        with an optional "zoom" (0..22): the map then shows exactly that zoom (a presenter's view),
        else it zooms in to at least street level."""
        key = payload.get("key")
        lat, lon, zoom = payload.get("lat"), payload.get("lon"), payload.get("zoom")
        point_ok = _is_number(lat) and _is_number(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        if zoom is not None and not (_is_number(zoom) and 0 <= zoom <= MAX_INTENT_ZOOM):
            log.info("SHOW_ON_MAP with a zoom out of 0..%d ignored: %r", MAX_INTENT_ZOOM, zoom)
            zoom = None
        layer = item_id = None
        if isinstance(key, str) and ":" in key:
            resource, _, item_id = key.partition(":")
            layer = layer_data.LAYER_OF.get(resource)
        if layer is None and not point_ok:
            return False
        if self.map_view is None:
            self._create_view()
        if self.map_view is None:
            return False
        self.map_view.focus(
            layer,
            item_id,
            float(lat) if point_ok else None,
            float(lon) if point_ok else None,
            zoom=None if zoom is None else float(zoom),
        )
        if layer is not None and item_id:
            self._on_marker_clicked(layer, item_id)
        return True

    def go_home(self) -> None:
        if self.map_view is not None:
            from ioc_console.workspaces.map.page import DEFAULT_ZOOM, HUE_CENTRE

            self.map_view.set_view(HUE_CENTRE[0], HUE_CENTRE[1], DEFAULT_ZOOM)

    def save_snapshot(self, path: str | None = None) -> str | None:
        """Save what the map shows as a PNG (asks where unless ``path`` is given); returns the path."""
        if self.map_view is None:
            return None
        image = self.map_view.snapshot()
        if not path:
            folder = self._context.settings.map_snapshot_folder or str(Path.home())
            name = datetime.now().strftime("ban-do-%Y%m%d-%H%M%S.png")
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save map picture"), str(Path(folder) / name), "PNG (*.png)"
            )
            if not path:
                return None
            self._context.settings.map_snapshot_folder = str(Path(path).parent)

        def write() -> str:
            if not image.save(path, "PNG"):
                raise OSError(fill(self.tr("could not write %1"), path))
            return path

        run_in_background(
            write,
            on_success=lambda saved: self.status_message.emit(fill(self.tr("Map picture saved: %1"), saved), 8000),
            on_failure=lambda error: self.status_message.emit(
                fill(self.tr("Map picture NOT saved: %1"), str(error)), 15000
            ),
            parent=self,
        )
        return path

    # -- briefing -----------------------------------------------------------------------------------
    def briefing_pages(self) -> list[BriefingPage]:
        """The map as it is, and each named map view: the map's picture and its layer counts."""
        pages = [
            BriefingPage(
                "map",
                self.tr("Map of the city"),
                self._brief,
                self.briefing_picture,
                self.briefing_figures,
                self._briefing_ready,
            )
        ]
        for view in self.views_control.views():
            pages.append(
                BriefingPage(
                    f"map:view:{view.id}",
                    fill(self.tr("Map: %1"), view.name),
                    lambda entry=view: self._brief(entry),
                    self.briefing_picture,
                    self.briefing_figures,
                    self._briefing_ready,
                )
            )
        return pages

    def briefing_snapshot(self) -> Callable[[], None]:
        """A named view's page changes the layers, filter and place: put back what the operator had."""
        data = self._current_view_data()

        def restore() -> None:
            if self._current_view_data() != data:
                self.apply_view_data(data)

        return restore

    def _briefing_ready(self) -> bool:
        """The page loaded and its layers drawn (a map that cannot be shown has nothing to wait for)."""
        return self.map_view is None or (self.map_view.is_ready and bool(self.last_counts))

    def set_presenting(self, presenting: bool) -> None:
        self._operator_controls.set_presenting(presenting)

    def _brief(self, view: ViewEntry | None = None) -> None:
        if self.map_view is None:
            self._create_view()
        if view is not None:
            self.views_control.apply(view)

    def briefing_picture(self, size: QSize) -> QImage:
        """What the map shows now (the same picture as "Save map picture"), fitted to ``size``."""
        if self.map_view is None or not self.map_view.is_ready or not self.last_counts:
            return message_picture(size, self.tr("The map is still loading."))
        return self.map_view.snapshot().scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )

    def briefing_figures(self) -> list[BriefingFigure]:
        """How many of each layer's items the map shows (under its filter), as of the data's time."""
        as_of, cached = self._connection.data_as_of, self._connection.state != ONLINE
        return [
            BriefingFigure(
                fill(self.tr("%1 on the map"), layer_title(name)),
                event_text.format_number(self.last_counts[name]),
                as_of,
                cached,
            )
            for name in layer_data.LAYERS
            if name != "wards" and name in self.last_counts
        ]

    # -- named views --------------------------------------------------------------------------------
    def _on_view_changed(self, view: dict[str, Any]) -> None:
        self._view_state = view

    def _current_view_data(self) -> dict[str, Any]:
        visible = {name: box.isChecked() for name, box in self.controls.boxes.items()}
        return map_view_data(self._view_state, visible, self.controls.density.isChecked(), self._filter)

    def apply_view_data(self, data: Mapping[str, Any]) -> None:
        view, visible, density, record_filter = read_map_view(data)
        for name, on in visible.items():
            if name in self.controls.boxes:
                self.controls.boxes[name].setChecked(on)
        self.controls.density.setChecked(density)
        self.filter_bar.set_filter(record_filter)
        if view and self.map_view is not None:
            self.map_view.set_view(view["lat"], view["lon"], view["zoom"])
        self._view_state = view or self._view_state

    # -- state ----------------------------------------------------------------------------------------
    def _forget(self) -> None:
        self._records.clear()
        self._report_points = []
        self._pending.clear()
        self.detail.clear()

    def save_state(self) -> QByteArray | None:
        return self.splitter.saveState()

    def restore_state(self, state: QByteArray) -> None:
        self.splitter.restoreState(state)

    def retranslate_ui(self) -> None:
        self.draw_circle.setText(self.tr("Circle"))
        self.draw_circle.setToolTip(self.tr("Draw a circle and list what is inside (Ctrl+Shift+C)"))
        self.draw_polygon.setText(self.tr("Polygon"))
        self.draw_polygon.setToolTip(self.tr("Draw a polygon and list what is inside (Ctrl+Shift+P)"))
        self.nearest_button.setText(self.tr("Nearest cameras"))
        self.nearest_button.setToolTip(self.tr("Put the cameras nearest the selected marker on the video wall"))
        self.snapshot_button.setText(self.tr("Picture"))
        self.snapshot_button.setToolTip(self.tr("Save a picture of the map for a briefing (Ctrl+Shift+S)"))
        self.act_circle.setText(self.tr("Draw circle"))
        self.act_polygon.setText(self.tr("Draw polygon"))
        self.act_snapshot.setText(self.tr("Save map picture"))
        self.act_home.setText(self.tr("Whole city"))
        self.side.setTabText(0, self.tr("Details"))
        self.side.setTabText(1, self.tr("Inside the shape"))
        if self.map_view is None and scheme_ready():
            self.message.setText(self.tr("Loading the map…"))
        self.controls.retranslate_ui()
        self.filter_bar.retranslate_ui()
        for panel in (self.detail, self.shape_results, self.views_control):
            panel.retranslate_ui()
