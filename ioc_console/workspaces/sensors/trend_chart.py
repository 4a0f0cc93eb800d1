"""The sensor trend chart: a year of 1-minute readings drawn fluidly, thresholds, Huế time, zoom by wheel or span.

pyqtgraph draws only what the view needs: the series goes into a :class:`MinMaxPyramid` once,
and on every change of the visible time range (wheel, drag, span button, resize) the chart
picks the level with one or two points a pixel and hands pyqtgraph the visible slice of it
(views of numpy arrays, no copy). pyqtgraph's own downsampling and clipping are not used.
Live readings are appended to the pyramid (only the last block of each level is recomputed)
and the curve is updated in place: nothing is cleared, so nothing flickers.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import HOUR_SPACING, TickSpec, ZoomLevel
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ioc_console.workspaces.sensors.min_max import MinMaxPyramid

#: Huế is UTC+7 all year (no daylight saving): pyqtgraph's DateAxisItem takes seconds *west* of UTC.
HUE_UTC_OFFSET_S = -7 * 3600
HOUR = 3600.0
DAY = 24 * HOUR
YEAR = 365 * DAY
#: The span buttons: key -> seconds.
SPANS: tuple[tuple[str, float], ...] = (
    ("6h", 6 * HOUR),
    ("24h", DAY),
    ("7d", 7 * DAY),
    ("30d", 30 * DAY),
    ("1y", YEAR),
)
#: Zoom limits: from an hour to a year (and a little room around it).
MIN_SPAN = HOUR
MAX_SPAN = YEAR + 2 * DAY
#: The visible range settles this long after the last wheel step before ``range_settled`` fires.
SETTLE_MS = 300

LINE_COLOUR = "#5aa9ff"
WARNING_COLOUR = "#f0b429"
ALARM_COLOUR = "#e5484d"


class _HueZoomLevel(ZoomLevel):
    """pyqtgraph's tick levels at a fixed offset from UTC: ticks move by the offset alone (pyqtgraph
    asks Qt for the machine's time zone for every tick, and aligns hours to the machine's zone)."""

    def extendTimeRangeForSpacing(self, spacing: int, minVal: float, maxVal: float) -> tuple[float, float]:  # noqa: N802, N803
        if spacing < HOUR_SPACING:
            return minVal, maxVal
        return minVal - abs(self.utcOffset or 0), maxVal + abs(self.utcOffset or 0)

    def moveTicksToLocalTimeCoords(self, ticks: np.ndarray, spacing: int, skipFactor: int) -> np.ndarray:  # noqa: N802, N803
        if len(ticks) and ((spacing == HOUR_SPACING and skipFactor > 1) or spacing > HOUR_SPACING):
            return ticks + (self.utcOffset or 0)
        return ticks  # whole hours are whole hours in Huế too


#: Numbers instead of English day and month names ("Sat 05", "Jan"): read the same in both languages.
_NUMERIC_FORMATS = {"%b": "%m/%Y", "%a %d": "%d/%m"}


def _numeric(spec: TickSpec) -> TickSpec:
    spec = copy.copy(spec)
    spec.format = _NUMERIC_FORMATS.get(spec.format, spec.format)
    return spec


class HueDateAxis(pg.DateAxisItem):
    """The time axis in Huế time (UTC+7 all year), dates as numbers (dd/mm, mm/yyyy)."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation, utcOffset=HUE_UTC_OFFSET_S)
        self.zoomLevels = OrderedDict(
            (density, _HueZoomLevel([_numeric(spec) for spec in level.tickSpecs], level.exampleText))
            for density, level in self.zoomLevels.items()
        )


class TrendChart(QWidget):
    """A zoomable time series chart with warning and alarm lines and span buttons (6 h … 1 y)."""

    #: (start, end) in seconds since the epoch, once the visible range stopped changing.
    range_settled = Signal(float, float)
    #: A span button was chosen (its key: "6h", "24h", "7d", "30d", "1y").
    span_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensorTrendChart")
        self._pyramid = MinMaxPyramid()
        self._level = 0
        self._follow = True  # the view's end follows the newest reading (live)
        self._updating = False
        self.axis = HueDateAxis("bottom")
        self.plot = pg.PlotWidget(self, axisItems={"bottom": self.axis})
        self.plot.setObjectName("sensorTrendPlot")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        # self.plot.showGrid(x=True, y=True, alpha=0.15)
        item = self.plot.getPlotItem()
        # What pyqtgraph would otherwise do per draw: the pyramid already did it once.
        item.setDownsampling(auto=False)
        item.setClipToView(False)
        self.view = item.getViewBox()
        self.view.setMouseEnabled(x=True, y=False)  # the wheel zooms time; values fit the view
        self.view.enableAutoRange(x=False, y=False)
        self.view.setLimits(minXRange=MIN_SPAN, maxXRange=MAX_SPAN)
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(LINE_COLOUR, width=1))
        self.plot.addItem(self.curve)
        self.warning_line = self._threshold_line(WARNING_COLOUR, "warningLine")
        self.alarm_line = self._threshold_line(ALARM_COLOUR, "alarmLine")
        self._thresholds: tuple[float | None, float | None] = (None, None)
        self._warning_label = ""
        self._alarm_label = ""

        self.span_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for key, _seconds in SPANS:
            button = QPushButton(self)
            button.setObjectName(f"span_{key}")
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.clicked.connect(lambda _checked=False, k=key: self.choose_span(k))
            self.span_buttons[key] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.plot, 1)

        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._emit_settled)
        self.view.sigXRangeChanged.connect(self._on_range_changed)
        self.view.sigResized.connect(lambda _view: self.redraw())
        self.retranslate_ui()

    def _threshold_line(self, colour: str, name: str) -> pg.InfiniteLine:
        line = pg.InfiniteLine(
            angle=0,
            movable=False,
            pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
            label="",
            labelOpts={"position": 0.02, "color": colour, "anchors": [(0, 1), (0, 1)]},
        )
        line.setObjectName(name)
        line.setVisible(False)
        self.plot.addItem(line, ignoreBounds=True)
        return line

    def retranslate_ui(self) -> None:
        names = {"6h": self.tr("6 h"), "24h": self.tr("24 h"), "7d": self.tr("7 d"), "30d": self.tr("30 d")}
        names["1y"] = self.tr("1 y")
        for key, button in self.span_buttons.items():
            button.setText(names[key])
        tips = {
            "6h": self.tr("Show the last 6 hours"),
            "24h": self.tr("Show the last 24 hours"),
            "7d": self.tr("Show the last 7 days"),
            "30d": self.tr("Show the last 30 days"),
            "1y": self.tr("Show the last year"),
        }
        for key, button in self.span_buttons.items():
            button.setToolTip(tips[key])
        self.axis.setLabel(self.tr("Huế time"))
        self._warning_label = self.tr("Warning %1")
        self._alarm_label = self.tr("Alarm %1")
        self._label_thresholds()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- data ---------------------------------------------------------------------------------
    @property
    def pyramid(self) -> MinMaxPyramid:
        return self._pyramid

    def set_readings(self, t: np.ndarray | Sequence[float], y: np.ndarray | Sequence[float]) -> None:
        """Show raw readings (times in seconds since the epoch); the visible range is kept, or moved
        on to the newest reading while the view follows the newest one."""
        follow = self._follow
        self._pyramid = MinMaxPyramid.from_readings(np.asarray(t, dtype=np.float64), np.asarray(y, dtype=np.float64))
        self._show_new_series(follow)

    def set_buckets(
        self,
        t: np.ndarray | Sequence[float],
        lo: np.ndarray | Sequence[float],
        hi: np.ndarray | Sequence[float],
        width: float,
        *,
        until: float | None = None,
    ) -> None:
        """Show the server's buckets (start, min, max; ``width`` seconds each); the visible range is kept.
        ``until``: the time of the answer (the last bucket's max is drawn no later, so live readings follow it)."""
        follow = self._follow
        self._pyramid = MinMaxPyramid.from_buckets(t, lo, hi, width, until=until)
        self._show_new_series(follow)

    def _show_new_series(self, follow: bool) -> None:
        # A view that followed the newest reading keeps doing so: a series fetched after the view
        # was placed (a span button sets it on the series shown then) often ends a little later,
        # and live readings only move a view that shows the newest one.
        last = self._pyramid.last_time()
        x0, x1 = self.visible_range()
        if follow and last is not None and last > x1:
            self.show_range(x0 + (last - x1), last)  # redraws through the range change
        else:
            self.redraw()

    def clear_data(self) -> None:
        self._pyramid = MinMaxPyramid()
        self.curve.setData([], [])

    def append(self, t: np.ndarray | Sequence[float], y: np.ndarray | Sequence[float]) -> int:
        """Add live readings at the end; the view moves with them when it showed the newest one."""
        last = self._pyramid.last_time()
        x0, x1 = self.visible_range()
        added = self._pyramid.append(t, y)
        if not added:
            return 0
        newest = self._pyramid.last_time()
        if self._follow and last is not None and newest is not None and x1 >= last - 1.0 and newest > x1:
            self.show_range(x0 + (newest - x1), newest)  # redraws through the range change
        else:
            self.redraw()
        return added

    def set_thresholds(self, warning: float | None, alarm: float | None) -> None:
        """Dashed lines at the warning and alarm values (None hides a line)."""
        self._thresholds = (warning, alarm)
        for line, value in ((self.warning_line, warning), (self.alarm_line, alarm)):
            if value is None:
                line.setVisible(False)
            else:
                line.setValue(float(value))
                line.setVisible(True)
        self._label_thresholds()
        self._fit_values()

    def thresholds(self) -> tuple[float | None, float | None]:
        return self._thresholds

    def _label_thresholds(self) -> None:
        warning, alarm = self._thresholds
        for line, template, value in (
            (self.warning_line, self._warning_label, warning),
            (self.alarm_line, self._alarm_label, alarm),
        ):
            if value is not None and line.label is not None:
                line.label.setFormat(template.replace("%1", f"{value:g}"))

    # -- view ---------------------------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _y = self.view.viewRange()
        return float(x0), float(x1)

    def show_range(self, start: float, end: float) -> None:
        """Show ``start..end`` (seconds since the epoch)."""
        self.view.setXRange(start, end, padding=0)

    def show_span(self, seconds: float, end: float | None = None) -> None:
        """Show the ``seconds`` before ``end`` (default: the newest reading, or now)."""
        if end is None:
            end = self._pyramid.last_time()
        if end is None:
            from time import time as now

            end = now()
        self._follow = True
        self.show_range(end - seconds, end)

    def choose_span(self, key: str) -> None:
        seconds = dict(SPANS)[key]
        button = self.span_buttons[key]
        if not button.isChecked():
            button.setChecked(True)
        self.show_span(seconds)
        self.span_chosen.emit(key)

    def current_level(self) -> int:
        """The pyramid level drawn now (0: every reading or bucket)."""
        return self._level

    def drawn_points(self) -> tuple[np.ndarray, np.ndarray]:
        """What the curve draws now (for tests and the accessibility tree)."""
        x, y = self.curve.getData()
        return (np.asarray(x) if x is not None else np.empty(0), np.asarray(y) if y is not None else np.empty(0))

    def _on_range_changed(self, *_args: object) -> None:
        # Live readings move the view only while it shows the newest one.
        last = self._pyramid.last_time()
        x0, x1 = self.visible_range()
        self._follow = last is None or x1 >= last - 0.01 * (x1 - x0)
        self.redraw()
        self._settle.start()

    def _emit_settled(self) -> None:
        x0, x1 = self.visible_range()
        self.range_settled.emit(x0, x1)

    def redraw(self) -> None:
        """Hand pyqtgraph the visible slice of the right level (called on every range change)."""
        if self._updating:
            return
        self._updating = True
        try:
            x0, x1 = self.visible_range()
            pixels = max(16, int(self.view.width()))
            span = None
            if len(self._pyramid):
                x, y, self._level = self._pyramid.select(x0, x1, pixels)
                self.curve.setData(x=x, y=y, skipFiniteCheck=True)
                inside = y[(x >= x0) & (x <= x1)]
                if len(inside):
                    span = (float(inside.min()), float(inside.max()))
            else:
                self._level = 0
                self.curve.setData([], [])
            self._fit_values(span)
        finally:
            self._updating = False

    def _fit_values(self, span: tuple[float, float] | None = None) -> None:
        """Fit the value axis to what is visible, with both thresholds in view when set."""
        if span is None and len(self._pyramid):
            x0, x1 = self.visible_range()
            span = self._pyramid.value_range(x0, x1, max(16, int(self.view.width())))
        values = [v for v in self._thresholds if v is not None]
        if span is not None:
            values += list(span)
        if not values:
            return
        low, high = min(values), max(values)
        if high - low < 1e-9:
            low, high = low - 0.5, high + 0.5
        margin = (high - low) * 0.06
        low, high = low - margin, high + margin
        _x, (y0, y1) = self.view.viewRange()
        # Unchanged within a few percent: keep it (the value axis is not laid out again for nothing).
        if abs(y0 - low) + abs(y1 - high) > 0.03 * (high - low):
            self.view.setYRange(low, high, padding=0)
