"""The "Sensors" workspace: the sensor list with live values and status, and the trend of the chosen sensor.

```
cache ─(cache pool)─▶ SensorTableModel ─▶ SensorFilterProxy (kind, status, ward, words) ─▶ table
changes_applied (sensor upserts) ─▶ row updated; the chosen sensor's reading ─(500 ms)─▶ chart.append
chosen sensor / settled view ─▶ window_for(view) ─(HTTP pool)─▶ raw readings or the server's buckets
                             ─▶ TrendChart (min/max pyramid); server gone ─(cache pool)─▶ cached readings
```
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backend_client.api.errors import BackendUnavailable, BadResponse, NotFound
from ioc_console.services.briefing import BriefingFigure, BriefingPage
from ioc_console.services.connection import OFFLINE, ONLINE
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill, format_local_time, format_number, parse_time, status_label
from ioc_console.services.navigation import SHOW_ON_MAP
from ioc_console.services.ops import run_in_background
from ioc_console.services.workspace import OperatorControls, Workspace
from ioc_console.workspaces.sensors.readings import (
    MalformedReadings,
    Series,
    Window,
    cached_series,
    fetch_series,
    thresholds_of,
    window_for,
)
from ioc_console.workspaces.sensors.sensor_model import (
    COL_NAME,
    COL_VALUE,
    KIND_NAMES,
    SENSOR_ROLE,
    STATUS_COLOURS,
    SensorFilterProxy,
    SensorTableModel,
    kind_label,
    value_text,
)
from ioc_console.workspaces.sensors.trend_chart import TrendChart
from ioc_domain.statuses import SENSOR_STATUSES

log = logging.getLogger(__name__)

KEY = "sensors"
#: Live readings of the chosen sensor are gathered this long and appended to the chart together.
APPEND_INTERVAL_MS = 500
DEFAULT_SPAN = "24h"


def _field(change: Any, name: str) -> Any:
    """A field of a live change, given as a model or as a plain mapping."""
    return change.get(name) if isinstance(change, Mapping) else getattr(change, name, None)


class SensorsWorkspace(Workspace):
    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensorsWorkspace")
        self._context = context
        self._connection = connection = context.connection
        self._navigation = context.navigation
        self._sensor_id: str | None = None
        self._window: Window | None = None  # what the chart holds now (None: nothing, or the cache's)
        self._request = 0
        self._loading = False
        self._from_cache = False
        self._pending: list[tuple[float, float]] = []  # live readings not yet on the chart
        self._state = ""  # the message's kind, for tests and the accessibility tree
        self._message_args: tuple[str, ...] = ()
        self.model = SensorTableModel(self)
        self.proxy = SensorFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._append_timer = QTimer(self)
        self._append_timer.setSingleShot(True)
        self._append_timer.setInterval(APPEND_INTERVAL_MS)
        self._append_timer.timeout.connect(self._flush_live)

        connection.cache_ready.connect(lambda _store: self.reload_sensors())
        connection.changes_applied.connect(self._on_changes)
        connection.state_changed.connect(self._on_connection_state)
        connection.signed_out.connect(self._forget)
        self._navigation.served_changed.connect(lambda _intent: self._update_map_button())
        self.retranslate_ui()
        if connection.store is not None:
            self.reload_sensors()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget(self)
        self.search = QLineEdit(left)
        self.search.setObjectName("sensorSearch")
        self.search.setClearButtonEnabled(True)
        self.kind_filter = QComboBox(left)
        self.kind_filter.setObjectName("sensorKindFilter")
        self.kind_filter.addItem("", None)
        for kind in KIND_NAMES:
            self.kind_filter.addItem(kind, kind)
        self.status_filter = QComboBox(left)
        self.status_filter.setObjectName("sensorStatusFilter")
        self.status_filter.addItem("", None)
        for status in SENSOR_STATUSES:
            self.status_filter.addItem(status, status)
        self.ward_filter = QComboBox(left)
        self.ward_filter.setObjectName("sensorWardFilter")
        self.ward_filter.addItem("", None)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.ward_filter)
        self.table = QTableView(left)
        self.table.setObjectName("sensorTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((COL_NAME, 220), (1, 110), (2, 120), (COL_VALUE, 95), (4, 125)):
            self.table.setColumnWidth(column, width)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)

        right = QWidget(self)
        self.title = QLabel(right)
        self.title.setObjectName("sensorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.reading = QLabel(right)
        self.reading.setObjectName("sensorReading")
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.map_button = QPushButton(right)
        self.map_button.setObjectName("sensorShowOnMap")
        self.map_button.clicked.connect(self.show_on_map)
        self.message = QLabel(right)
        self.message.setObjectName("sensorMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.chart = TrendChart(right)
        self.chart.range_settled.connect(self._on_range_settled)
        # A span button asks again even for what is loaded (after a failure, say); the wheel asks only when needed.
        self.chart.span_chosen.connect(lambda _key: self._load())
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.reading)
        head.addWidget(self.map_button)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(head)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.chart, 1)

        # The window must still fit a small screen: the panes give way below their hints.
        left.setMinimumSize(200, 160)
        right.setMinimumSize(240, 160)
        self.title.setWordWrap(True)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        # Wide enough on a 1920-pixel screen for every column, status included: it is what an
        # operator scans the list for.
        self.splitter.setSizes([800, 920])
        QVBoxLayout(self).addWidget(self.splitter)
        # On the leaders' screen the head line and the chart: the list, its search and filters, and
        # the "show on map" button are the operator's.
        self._operator_controls = OperatorControls(lambda: [left, self.map_button])

        self.search.textChanged.connect(lambda _text: self._apply_filter())
        for combo in (self.kind_filter, self.status_filter, self.ward_filter):
            combo.currentIndexChanged.connect(lambda _index: self._apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search sensors (name, ward)…"))
        self.kind_filter.setItemText(0, self.tr("All kinds"))
        for i in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(i, kind_label(self.kind_filter.itemData(i)))
        self.status_filter.setItemText(0, self.tr("All statuses"))
        for i in range(1, self.status_filter.count()):
            self.status_filter.setItemText(i, status_label("sensor", self.status_filter.itemData(i)))
        self.ward_filter.setItemText(0, self.tr("All wards"))
        self.map_button.setText(self.tr("Show on map"))
        self.model.refresh_texts()
        self.chart.retranslate_ui()
        self._show_sensor_head()
        self._show_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the list -----------------------------------------------------------------------------
    def reload_sensors(self) -> None:
        """Read every sensor from the cache (cache pool) into the list."""
        self._connection.read_cache(
            lambda store: store.list("sensor", order_by="id asc"),
            on_success=self._set_sensors,
            on_failure=lambda error: log.warning("could not read the sensors from the cache: %s", error),
            parent=self,
        )

    def _set_sensors(self, sensors: list[dict[str, Any]]) -> None:
        self.model.set_sensors(sensors)
        self._refill_wards()
        if self._sensor_id is not None:
            self._show_sensor_head()
            self._select_row_of(self._sensor_id)

    def _refill_wards(self) -> None:
        chosen = self.ward_filter.currentData()
        wards = sorted({str(s.get("ward")) for s in self.model.sensors() if s.get("ward")})
        self.ward_filter.blockSignals(True)
        while self.ward_filter.count() > 1:
            self.ward_filter.removeItem(1)
        for ward in wards:
            self.ward_filter.addItem(ward, ward)
        index = self.ward_filter.findData(chosen) if chosen else 0
        self.ward_filter.setCurrentIndex(max(0, index))
        self.ward_filter.blockSignals(False)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            kind=self.kind_filter.currentData(),
            status=self.status_filter.currentData(),
            ward=self.ward_filter.currentData(),
            text=self.search.text(),
        )

    def set_filter(self, *, kind: str | None = None, status: str | None = None, ward: str | None = None) -> None:
        """Choose the list's filters (None: any)."""
        for combo, value in ((self.kind_filter, kind), (self.status_filter, status), (self.ward_filter, ward)):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)

    def visible_sensor_ids(self) -> list[str]:
        return [str(self.proxy.index(row, 0).data(SENSOR_ROLE)["id"]) for row in range(self.proxy.rowCount())]

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        sensor = current.data(SENSOR_ROLE) if current.isValid() else None
        if isinstance(sensor, Mapping) and str(sensor.get("id")) != self._sensor_id:
            self.select_sensor(str(sensor["id"]))

    def _select_row_of(self, sensor_id: str) -> None:
        row = self.model.row_of(sensor_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid() and self.table.currentIndex().row() != index.row():
            self.table.selectionModel().blockSignals(True)
            self.table.setCurrentIndex(index)
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()
        if index.isValid():
            self.table.scrollTo(index)

    # -- the chosen sensor --------------------------------------------------------------------
    @property
    def sensor_id(self) -> str | None:
        return self._sensor_id

    def sensor(self) -> dict[str, Any] | None:
        return self.model.sensor(self._sensor_id) if self._sensor_id is not None else None

    def select_sensor(self, sensor_id: str) -> None:
        """Show this sensor's trend (its readings load off the GUI thread)."""
        first = self._sensor_id is None
        self._sensor_id = str(sensor_id)
        self._select_row_of(self._sensor_id)
        self._pending = []
        self._window = None
        self._from_cache = False
        self.chart.clear_data()
        self.chart.set_thresholds(*thresholds_of(self.sensor()))
        self._show_sensor_head()
        self._update_map_button()
        if first:
            self.chart.choose_span(DEFAULT_SPAN)  # fetches through span_chosen
        else:
            x0, x1 = self.chart.visible_range()
            self.chart.show_span(x1 - x0, time.time())
            self._load()

    def _show_sensor_head(self) -> None:
        sensor = self.sensor()
        if sensor is None:
            self.title.setText(self.tr("No sensor chosen"))
            self.reading.clear()
            return
        self.title.setText(fill(self.tr("%1 — %2, %3"), str(sensor.get("name") or sensor.get("id")),
                                kind_label(sensor.get("kind")), str(sensor.get("ward") or "")))  # fmt: skip
        moment = parse_time(sensor.get("last_phenomenon_time"))
        status = str(sensor.get("status") or "")
        text = fill(self.tr("%1 (%2)"), value_text(sensor), status_label("sensor", status))
        if moment is not None:
            text = fill(self.tr("%1 at %2"), text, format_local_time(moment))
        self.reading.setText(text)
        colour = STATUS_COLOURS.get(status)
        self.reading.setStyleSheet(f"color: {colour};" if colour else "")

    def _update_map_button(self) -> None:
        sensor = self.sensor()
        has_place = sensor is not None and all(
            isinstance(sensor.get(k), (int, float)) and math.isfinite(sensor[k]) for k in ("lat", "lon")
        )
        self.map_button.setEnabled(bool(has_place) and self._navigation.can(SHOW_ON_MAP))

    def show_on_map(self) -> bool:
        sensor = self.sensor()
        if sensor is None or not self.map_button.isEnabled():
            return False
        return self._navigation.request(SHOW_ON_MAP, {"lat": float(sensor["lat"]), "lon": float(sensor["lon"])})

    # -- loading readings ---------------------------------------------------------------------
    def _on_range_settled(self, start: float, end: float) -> None:
        self._ensure_data()

    def _ensure_data(self) -> None:
        """Fetch again when the view needs another resolution or runs past what is loaded."""
        if self._sensor_id is None:
            return
        if self._from_cache and self._connection.state == OFFLINE:
            return  # the cache's readings are all there is until the server is back
        x0, x1 = self.chart.visible_range()
        if self._window is not None and self._window.covers(x0, x1, time.time(), self.chart.pyramid.last_time()):
            return
        self._load()

    def _load(self) -> None:
        sensor_id = self._sensor_id
        if sensor_id is None:
            return
        self._request += 1
        request = self._request
        if self._connection.state == OFFLINE:
            self._load_cached(request, None)
            return
        x0, x1 = self.chart.visible_range()
        window = window_for(x0, x1, time.time())
        client = self._connection.client
        self._loading = True
        self._window = window  # asked for: a view it covers asks nothing more
        self._set_message("loading")

        def done(series: Series) -> None:
            if request != self._request:
                return
            self._loading = False
            self._show_series(series, from_cache=False)

        def failed(error: BaseException) -> None:
            if request != self._request:
                return
            self._loading = False
            if isinstance(error, (BadResponse, MalformedReadings)):
                self._window = window  # the same answer would come again: wait for another view
                self.chart.clear_data()
                self._set_message("malformed", getattr(error, "message", None) or str(error))
            elif isinstance(error, NotFound):
                self._window = window
                self.chart.clear_data()
                self._set_message("gone")
            elif isinstance(error, BackendUnavailable) or self._connection.state != ONLINE:
                self._window = None
                self._load_cached(request, error)
            else:
                self._window = None
                self.chart.clear_data()
                self._set_message("failed", getattr(error, "message", None) or str(error))

        run_in_background(
            lambda: fetch_series(client, sensor_id, window), on_success=done, on_failure=failed, parent=self
        )

    def _load_cached(self, request: int, error: BaseException | None) -> None:
        sensor_id = self._sensor_id
        if sensor_id is None:
            return
        if error is not None:
            log.info("readings of %s from the cache: %s", sensor_id, error)
        now = time.time()

        def done(result: tuple[Series, dict[str, Any] | None]) -> None:
            if request != self._request:
                return
            series, cached = result
            if cached is not None:
                self.model.upsert(cached)
                self._show_sensor_head()
            self._show_series(series, from_cache=True)

        def failed(failure: BaseException) -> None:
            if request == self._request:
                self._set_message("failed", str(failure))

        if self._connection.store is None:
            self._set_message("offline_empty")
            return
        self._connection.read_cache(lambda store: cached_series(store, sensor_id, now), on_success=done,
                                    on_failure=failed, parent=self)  # fmt: skip

    def _show_series(self, series: Series, *, from_cache: bool) -> None:
        self._from_cache = from_cache
        self._window = None if from_cache else series.window
        if series.raw:
            self.chart.set_readings(series.t, series.lo)
        else:
            width = {"1m": 60.0, "1h": 3600.0, "1d": 86400.0}[series.window.resolution]
            self.chart.set_buckets(series.t, series.lo, series.hi, width, until=time.time())
        self._flush_live()
        sensor = self.sensor() or {}
        if from_cache:
            moment = parse_time(sensor.get("last_phenomenon_time"))
            if sensor.get("last_result") is None or moment is None:
                self._set_message("offline_empty")
            else:
                self._set_message("offline", value_text(sensor), format_local_time(moment), format_number(len(series)))
        elif not len(self.chart.pyramid):
            start = datetime.fromtimestamp(series.window.start, UTC)
            end = datetime.fromtimestamp(series.window.end, UTC)
            self._set_message("empty", format_local_time(start), format_local_time(end))
        else:
            self._set_message(series.window.resolution)

    # -- live ---------------------------------------------------------------------------------
    def _on_changes(self, changes: list[Any]) -> None:
        """A batch of live changes: the sensors among them update the list in one go (one signal for
        the rows that changed, one insert for new sensors); the chosen sensor's reading goes to the chart."""
        sensors = [change for change in changes if _field(change, "resource") == "sensor"]
        if not sensors:
            return  # most batches (alerts, reports...) carry no sensor: one cheap look at each change
        upserts: list[Mapping[str, Any]] = []
        new_ward = False
        chosen: Mapping[str, Any] | None = None
        for change in sensors:
            data = _field(change, "data")
            change_id = _field(change, "id")
            sensor_id = str(change_id if change_id is not None else (data or {}).get("id"))
            if _field(change, "op") == "delete" or not isinstance(data, Mapping):
                self.model.upsert_many(upserts)  # in the order they came
                upserts = []
                self.model.remove(sensor_id)
                if sensor_id == self._sensor_id:
                    chosen = None
                continue
            upserts.append(data)
            ward = data.get("ward")
            if ward and not new_ward and self.ward_filter.findData(ward) < 0:
                new_ward = True
            if sensor_id == self._sensor_id:
                chosen = data
                moment, value = parse_time(data.get("last_phenomenon_time")), data.get("last_result")
                if moment is not None and isinstance(value, (int, float)) and math.isfinite(value):
                    self._pending.append((moment.timestamp(), float(value)))
        self.model.upsert_many(upserts)
        if new_ward:
            self._refill_wards()
        if chosen is not None:
            self._show_sensor_head()
            self.chart.set_thresholds(*thresholds_of(chosen))
        if self._pending and not self._append_timer.isActive():
            self._append_timer.start()

    def _flush_live(self) -> None:
        """Put the gathered live readings on the chart at once (after the loaded series, if one is loading)."""
        if self._loading or not self._pending:
            return
        pending, self._pending = self._pending, []
        pending.sort()
        self.chart.append([t for t, _v in pending], [v for _t, v in pending])

    def _on_connection_state(self, state: str) -> None:
        if state == ONLINE and self._from_cache and self._sensor_id is not None:
            self._load()  # the server is back: the full history again

    def _forget(self) -> None:
        self._request += 1
        self._sensor_id = None
        self._window = None
        self._pending = []
        self.model.set_sensors([])
        self.chart.clear_data()
        self._show_sensor_head()
        self._set_message("")

    # -- messages -----------------------------------------------------------------------------
    @property
    def loaded_window(self) -> Window | None:
        """The resolution and window of what the chart holds (None: nothing, or the cache's readings)."""
        return self._window

    @property
    def state(self) -> str:
        """What the message says: "", "loading", "empty", "offline", "offline_empty", "malformed",
        "failed", "gone", or the resolution drawn ("raw", "1m", "1h", "1d")."""
        return self._state

    def _set_message(self, state: str, *args: str) -> None:
        self._state, self._message_args = state, args
        self._show_message()

    def _show_message(self) -> None:
        state, args = self._state, self._message_args
        texts = {
            "": self.tr("Choose a sensor in the list to see its readings."),
            "loading": self.tr("Loading readings…"),
            "raw": self.tr("Every reading, live."),
            "1m": self.tr("Lowest and highest value per minute."),
            "1h": self.tr("Lowest and highest value per hour."),
            "1d": self.tr("Lowest and highest value per day."),
            "empty": self.tr("This sensor has no readings from %1 to %2."),
            "offline": self.tr(
                "The server cannot be reached. From the cache: %1 at %2, and %3 readings kept on this computer."
            ),
            "offline_empty": self.tr(
                "The server cannot be reached and this computer keeps no readings of this sensor."
            ),
            "malformed": self.tr("The server sent readings that cannot be drawn: %1"),
            "failed": self.tr("The readings could not be loaded: %1"),
            "gone": self.tr("This sensor no longer exists on the server."),
        }
        if self._sensor_id is None:
            state = ""
        self.message.setText(fill(texts.get(state, ""), *args))
        warn = state in ("offline", "offline_empty", "malformed", "failed", "gone")
        self.message.setStyleSheet(f"color: {STATUS_COLOURS['warning']};" if warn else "")

    # -- the workspace contract ---------------------------------------------------------------
    def focus_filter(self) -> bool:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        return True

    def save_state(self) -> QByteArray | None:
        return self.splitter.saveState()

    def restore_state(self, state: QByteArray) -> None:
        self.splitter.restoreState(state)

    def briefing_pages(self) -> list[BriefingPage]:
        """One page: the chosen sensor's trend (with its live value as the key figure)."""
        return [
            BriefingPage(
                key="sensors:trend",
                title=self._briefing_title(),
                activate=self._activate_briefing,
                render=self.render_trend,
                figures=self.briefing_figures,
            )
        ]

    def briefing_snapshot(self) -> Callable[[], None]:
        """The page picks a sensor when none is chosen: afterwards the panel shows what it showed."""
        chosen = self._sensor_id
        splitter = self.splitter.saveState()

        def restore() -> None:
            self.splitter.restoreState(splitter)
            if self._sensor_id == chosen:
                return
            if chosen is not None:
                self.select_sensor(chosen)
                return
            self._request += 1  # a load still on its way is dropped
            self._sensor_id, self._window, self._pending = None, None, []
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            selection.clear()
            selection.blockSignals(False)
            self.chart.clear_data()
            self._show_sensor_head()
            self._update_map_button()
            self._set_message("")

        return restore

    def set_presenting(self, presenting: bool) -> None:
        self._operator_controls.set_presenting(presenting)

    def _briefing_title(self) -> str:
        sensor = self.sensor()
        if sensor is None:
            return self.tr("Sensor trend")
        return fill(self.tr("Sensor trend: %1"), str(sensor.get("name") or sensor.get("id")))

    def _activate_briefing(self) -> None:
        if self._sensor_id is None:
            critical = [s for s in self.model.sensors() if s.get("status") in ("alarm", "warning")]
            chosen = critical or self.model.sensors()
            if chosen:
                self.select_sensor(str(chosen[0]["id"]))

    def render_trend(self, size: QSize) -> QImage:
        """A picture of the sensor's head line and trend chart, fitted into ``size``."""
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#101418"))
        picture = self.splitter.widget(1).grab()
        if not picture.isNull():
            scaled = picture.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            painter = QPainter(image)
            painter.drawPixmap((size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2, scaled)
            painter.end()
        return image

    def briefing_figures(self) -> list[BriefingFigure]:
        sensor = self.sensor()
        if sensor is None:
            return []
        status = status_label("sensor", sensor.get("status"))
        return [
            BriefingFigure(
                label=str(sensor.get("name") or sensor.get("id")),
                value=fill(self.tr("%1 (%2)"), value_text(sensor), status),
                as_of=parse_time(sensor.get("last_phenomenon_time")),
                from_cache=self._from_cache or self._connection.state != ONLINE,
            )
        ]

    def row_texts(self, sensor_id: str) -> dict[int, str]:
        """The list's texts for a sensor, column by column (for tests and the accessibility tree)."""
        row = self.model.row_of(sensor_id)
        if row < 0:
            return {}
        return {c: str(self.model.index(row, c).data() or "") for c in range(self.model.columnCount())}
