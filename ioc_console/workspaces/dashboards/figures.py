"""The dashboard's cards: a KPI tile and three pyqtgraph charts (bars, a line over days, the alert
funnel). Each card is built once for its widget; a new answer changes the data of the items it
already has (never a new plot), so live updates do not flicker. Every card says how fresh its
figures are, and a click on the tile, a bar, a point or a funnel segment asks for the records
behind it (``drilled``)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ioc_console.services.event_text import fill
from ioc_console.workspaces.dashboards import kpi_text
from ioc_console.workspaces.dashboards.kpi_feed import Answer
from ioc_domain.dashboard_definition import (
    FUNNEL_STAGES,
    Widget,
    day_bounds,
    figure_value,
    group_rows,
    total_figures,
)

BACKGROUND = "#141a22"
AXIS_COLOUR = "#3a4756"
TEXT_COLOUR = "#c9d3dd"
BAR_COLOUR = "#5aa9ff"
LINE_COLOUR = "#7cc4a8"
# Calm, distinguishable on a dark wall; the alert colours (red, amber) are kept for alerts.
SERIES_COLOURS = ("#5aa9ff", "#7cc4a8", "#c792ea", "#e6c07b", "#ff8a65", "#9aa7b4", "#4dd0e1", "#aed581")
# A share's numerator and denominator, shown under the percentage so the figure can be checked.
# Figures that need someone's attention when above zero: the tile's number takes the level's colour.
ATTENTION = {
    ("sensors", "alarm"): "critical",
    ("sensors", "offline"): "warning",
    ("cameras", "offline"): "warning",
    ("tasks", "overdue"): "warning",
}
#: A bar chart keeps room for this many bars, so a few bars stay bars, not slabs.
MIN_BAR_SLOTS = 6
SHARE_PARTS = {
    ("reports", "processed_share"): ("processed", "received"),
    ("reports", "on_time_share"): ("on_time", "with_deadline"),
    ("reports", "satisfaction_share"): ("satisfied", "rated"),
    ("cameras", "availability_share"): ("online", "total"),
}


class FigureCard(QFrame):
    """Title, the figure(s), and a freshness line; ``drilled(group, stage)`` on a click."""

    drilled = Signal(object, object)  # row key or None, funnel stage or None

    def __init__(self, widget: Widget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardCard")
        self.setProperty("kind", widget.kind)
        self.widget_def = widget
        self.answer: Answer | None = None
        self.drillable = False
        self.redraws = 0  # data updates drawn (tests: coalescing, no rebuild)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("dashboardCardTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self._layout.addWidget(self.title)
        self.fresh = QLabel(self)
        self.fresh.setObjectName("dashboardCardFresh")
        self.fresh.setTextFormat(Qt.TextFormat.PlainText)

    def finish_layout(self) -> None:
        self._layout.addWidget(self.fresh)

    def retranslate_ui(self) -> None:
        self.title.setText(kpi_text.widget_title(self.widget_def))
        if self.answer is not None:
            self.show_answer(self.answer)

    def set_drillable(self, drillable: bool) -> None:
        self.drillable = drillable
        tip = kpi_text.tr(kpi_text.DRILL_TIP) if drillable else ""
        self.setToolTip(tip)

    def show_answer(self, answer: Answer) -> None:
        self.answer = answer
        self.fresh.setText(kpi_text.freshness(kpi_text.as_of_of(answer.data), answer.from_cache))
        self.fresh.setProperty("cache", "true" if answer.from_cache else "false")
        self.fresh.style().unpolish(self.fresh)
        self.fresh.style().polish(self.fresh)
        self.draw(answer.data)
        self.redraws += 1

    def show_failure(self, message: str) -> None:
        if self.answer is None:
            self.fresh.setText(fill(kpi_text.tr(kpi_text.NOT_YET), message))

    def draw(self, data: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def as_of(self) -> datetime | None:
        return kpi_text.as_of_of(self.answer.data) if self.answer is not None else None


class KpiTile(FigureCard):
    """One big number (the answer's total), with its parts for a share."""

    def __init__(self, widget: Widget, parent: QWidget | None = None) -> None:
        super().__init__(widget, parent)
        self.value = QLabel(kpi_text.NO_VALUE, self)
        self.value.setObjectName("dashboardTileValue")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.detail = QLabel(self)
        self.detail.setObjectName("dashboardTileDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(self.value, 1)
        self._layout.addWidget(self.detail)
        self.finish_layout()
        self.number: float | None = None

    def set_drillable(self, drillable: bool) -> None:
        super().set_drillable(drillable)
        self.setCursor(Qt.CursorShape.PointingHandCursor if drillable else Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if drillable else Qt.FocusPolicy.NoFocus)

    def draw(self, data: Mapping[str, Any]) -> None:
        w = self.widget_def
        totals = total_figures(w.source, data)
        self.number = figure_value(w.source, w.figure, totals)
        self.value.setText(kpi_text.format_value(w.source, w.figure, self.number))
        level = ATTENTION.get((w.source, w.figure)) if self.number else None
        if self.value.property("level") != (level or ""):
            self.value.setProperty("level", level or "")
            self.value.style().unpolish(self.value)
            self.value.style().polish(self.value)
        parts = SHARE_PARTS.get((w.source, w.figure))
        if parts is not None:
            top, bottom = (figure_value(w.source, name, totals) for name in parts)
            if top is not None and bottom is not None:
                self.detail.setText(f"{kpi_text.format_count(top)} / {kpi_text.format_count(bottom)}")
                return
        self.detail.setText("")

    def value_text(self) -> str:
        return self.value.text()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            self.drillable
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self.drilled.emit(None, None)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if self.drillable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.drilled.emit(None, None)
            return
        super().keyPressEvent(event)


class LocaleAxis(pg.AxisItem):
    """Tick numbers in the UI language ("1.250" and "2,5" in Vietnamese)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802 - Qt API
        decimals = 0 if spacing * scale >= 1 else min(3, max(1, int(-np.floor(np.log10(spacing * scale)))))
        locale = QLocale()
        return [locale.toString(float(value * scale), "f", decimals) for value in values]


def _plot(parent: QWidget) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent, background=BACKGROUND, axisItems={"left": LocaleAxis("left")})
    plot.setObjectName("dashboardPlot")
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.getPlotItem().setDefaultPadding(0.02)
    font = QFont()
    font.setPointSize(11)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        axis.setStyle(tickFont=font)
    plot.setMinimumHeight(160)
    return plot


def _fit_left_axis(plot: pg.PlotWidget, labels: list[str]) -> None:
    """Size the left axis to its longest label now, instead of on the next paint: the first
    picture (a briefing pack's) shows the names whole, and new data never shifts the bars."""
    axis = plot.getAxis("left")
    metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
    width = max((metrics.horizontalAdvance(label) for label in labels), default=0) + 16
    if axis.width() != width:
        axis.setWidth(width)


class _ValueLabels:
    """A pool of text items at the ends of the bars: reused, never rebuilt on an update."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        self._plot = plot
        self._items: list[pg.TextItem] = []

    def show(self, places: list[tuple[float, float, str]]) -> None:
        while len(self._items) < len(places):
            item = pg.TextItem(color=TEXT_COLOUR, anchor=(0, 0.5))
            self._plot.addItem(item)
            self._items.append(item)
        for item, (x, y, text) in zip(self._items, places, strict=False):
            item.setText(text)
            item.setPos(x, y)
            item.setVisible(True)
        for item in self._items[len(places) :]:
            item.setVisible(False)


class _ChartCard(FigureCard):
    def __init__(self, widget: Widget, parent: QWidget | None = None) -> None:
        super().__init__(widget, parent)
        self.plot = _plot(self)
        self._layout.addWidget(self.plot, 1)
        self.plot.scene().sigMouseClicked.connect(self._scene_clicked)

    def _scene_clicked(self, event: Any) -> None:
        if not self.drillable or event.button() != Qt.MouseButton.LeftButton:
            return
        box = self.plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(event.scenePos()):
            return
        point = box.mapSceneToView(event.scenePos())
        hit = self.hit(point.x(), point.y())
        if hit is not None:
            self.drilled.emit(*hit)

    def hit(self, x: float, y: float) -> tuple[str | None, str | None] | None:
        raise NotImplementedError

    def widget_point(self, x: float, y: float) -> QPoint:
        """Where the data point (x, y) is, in the plot widget's coordinates (tests click there)."""
        scene = self.plot.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
        return self.plot.mapFromScene(scene)


class BarChart(_ChartCard):
    """Horizontal bars, largest on top, one per group (ward names stay readable on the left)."""

    def __init__(self, widget: Widget, parent: QWidget | None = None) -> None:
        super().__init__(widget, parent)
        self.plot.hideAxis("bottom")  # each bar carries its value: no scale to read across
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7, brush=BAR_COLOUR, pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self._labels = _ValueLabels(self.plot)
        self.keys: list[str] = []
        self.values: list[float] = []
        self.finish_layout()

    def draw(self, data: Mapping[str, Any]) -> None:
        w = self.widget_def
        rows = []
        for row in group_rows(data):
            value = figure_value(w.source, w.figure, row)
            rows.append((str(row.get("key")), kpi_text.row_label(row), value if value is not None else 0.0))
        rows.sort(key=lambda r: -r[2])
        if w.limit is not None:
            rows = rows[: w.limit]
        count = len(rows)
        ys = [float(count - 1 - i) for i in range(count)]
        self.keys = [r[0] for r in rows]
        self.values = [r[2] for r in rows]
        self.bars.setOpts(x0=np.zeros(count), y=np.array(ys), width=np.array(self.values), height=0.7)
        self.plot.getAxis("left").setTicks([[(y, label) for y, (_k, label, _v) in zip(ys, rows, strict=True)]])
        _fit_left_axis(self.plot, [label for _k, label, _v in rows])
        top = max(self.values, default=0.0) or 1.0
        self._labels.show(
            [
                (v + top * 0.01, y, kpi_text.format_value(w.source, w.figure, v))
                for y, v in zip(ys, self.values, strict=True)
            ]
        )
        self.plot.setXRange(0, top * 1.18, padding=0)
        self.plot.setYRange(count - max(count, MIN_BAR_SLOTS) - 0.4, count - 0.4, padding=0)

    def bar_point(self, key: str) -> QPoint:
        index = self.keys.index(key)
        return self.widget_point(self.values[index] / 2 or 0.01, float(len(self.keys) - 1 - index))

    def hit(self, x: float, y: float) -> tuple[str | None, str | None] | None:
        index = len(self.keys) - 1 - round(y)
        if 0 <= index < len(self.keys) and abs(y - round(y)) <= 0.4 and x >= 0:
            return self.keys[index], None
        return None


class LineChart(_ChartCard):
    """A figure per day; a point opens that day's records."""

    def __init__(self, widget: Widget, parent: QWidget | None = None) -> None:
        super().__init__(widget, parent)
        self.line = pg.PlotDataItem(
            [],
            [],
            pen=pg.mkPen(LINE_COLOUR, width=2.5),
            symbol="o",
            symbolSize=8,
            symbolBrush=LINE_COLOUR,
            symbolPen=pg.mkPen(BACKGROUND),
        )
        self.plot.addItem(self.line)
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        self.keys: list[str] = []
        self.values: list[float] = []
        self.finish_layout()

    def draw(self, data: Mapping[str, Any]) -> None:
        w = self.widget_def
        rows = sorted(group_rows(data), key=lambda row: str(row.get("key")))
        self.keys = [str(row.get("key")) for row in rows]
        self.values = [figure_value(w.source, w.figure, row) or 0.0 for row in rows]
        xs = np.arange(len(rows), dtype=float)
        self.line.setData(xs, np.array(self.values, dtype=float))
        step = max(1, len(rows) // 8)
        ticks = []
        for i, key in enumerate(self.keys):
            day = day_bounds(key, kpi_text.LOCAL_TZ)
            label = day[0].strftime("%d/%m") if day is not None else key
            ticks.append((float(i), label))
        self.plot.getAxis("bottom").setTicks([ticks[::step], ticks])
        self.plot.setXRange(-0.5, max(len(rows), 1) - 0.5, padding=0)
        self.plot.setYRange(0, (max(self.values, default=0.0) or 1.0) * 1.15, padding=0)

    def point_position(self, key: str) -> QPoint:
        index = self.keys.index(key)
        return self.widget_point(float(index), self.values[index])

    def hit(self, x: float, y: float) -> tuple[str | None, str | None] | None:
        index = round(x)
        if 0 <= index < len(self.keys) and abs(x - index) <= 0.45:
            return self.keys[index], None
        return None


class FunnelChart(_ChartCard):
    """The alert funnel's stages as horizontal bars, top to bottom; grouped, each bar is split into
    one segment per group (category or ward), with a legend."""

    def __init__(self, widget: Widget, parent: QWidget | None = None) -> None:
        super().__init__(widget, parent)
        self.plot.hideAxis("bottom")
        self._segments: dict[str, pg.BarGraphItem] = {}
        self._order: list[str] = []
        self._x0: dict[str, np.ndarray] = {}
        self._widths: dict[str, np.ndarray] = {}
        self.stage_totals: list[float] = [0.0] * len(FUNNEL_STAGES)
        self._labels = _ValueLabels(self.plot)
        self.legend = QLabel(self)
        self.legend.setObjectName("dashboardLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self._layout.addWidget(self.legend)
        self.finish_layout()
        self.plot.setYRange(-0.6, len(FUNNEL_STAGES) - 0.4, padding=0)
        self._set_stage_ticks()

    def _set_stage_ticks(self) -> None:
        count = len(FUNNEL_STAGES)
        ticks = [(float(count - 1 - i), kpi_text.tr(kpi_text.STAGE_NAMES[s])) for i, s in enumerate(FUNNEL_STAGES)]
        self.plot.getAxis("left").setTicks([ticks])
        _fit_left_axis(self.plot, [label for _y, label in ticks])

    def retranslate_ui(self) -> None:
        self._set_stage_ticks()
        super().retranslate_ui()

    def _segment(self, key: str) -> pg.BarGraphItem:
        item = self._segments.get(key)
        if item is None:
            colour = SERIES_COLOURS[len(self._segments) % len(SERIES_COLOURS)]
            item = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7, brush=colour, pen=pg.mkPen(BACKGROUND))
            self.plot.addItem(item)
            self._segments[key] = item
        return item

    def draw(self, data: Mapping[str, Any]) -> None:
        count = len(FUNNEL_STAGES)
        ys = np.array([float(count - 1 - i) for i in range(count)])
        grouped = self.widget_def.group_by is not None
        if grouped:
            rows = group_rows(data)
            rows.sort(key=lambda row: -(figure_value("alert_funnel", "alerts", row) or 0.0))
            groups = [(str(row.get("key")), kpi_text.row_label(row), row) for row in rows]
        else:
            groups = [("", "", total_figures("alert_funnel", data))]
        left = np.zeros(count)
        self._order = []
        legend = []
        for key, label, figures in groups:
            widths = np.array([figure_value("alert_funnel", stage, figures) or 0.0 for stage in FUNNEL_STAGES])
            item = self._segment(key)
            item.setOpts(x0=left.copy(), y=ys, width=widths, height=0.7)
            item.setVisible(True)
            self._x0[key], self._widths[key] = left.copy(), widths
            self._order.append(key)
            left = left + widths
            if grouped:
                colour = item.opts["brush"]
                colour = colour.name() if isinstance(colour, QColor) else str(colour)
                legend.append(f'<span style="color:{colour}">■</span>&nbsp;{html.escape(label)}')
        for key, item in self._segments.items():
            if key not in self._order:
                item.setVisible(False)
        self.stage_totals = [float(v) for v in left]
        top = max(self.stage_totals, default=0.0) or 1.0
        self._labels.show(
            [
                (total + top * 0.01, y, kpi_text.format_count(total))
                for total, y in zip(self.stage_totals, ys, strict=True)
            ]
        )
        self.plot.setXRange(0, top * 1.15, padding=0)
        self.legend.setText(" &nbsp; ".join(legend))
        self.legend.setVisible(grouped)

    def segment_point(self, stage: str, key: str = "") -> QPoint:
        index = FUNNEL_STAGES.index(stage)
        x = float(self._x0[key][index] + self._widths[key][index] / 2)
        return self.widget_point(x, float(len(FUNNEL_STAGES) - 1 - index))

    def hit(self, x: float, y: float) -> tuple[str | None, str | None] | None:
        index = len(FUNNEL_STAGES) - 1 - round(y)
        if not (0 <= index < len(FUNNEL_STAGES)) or abs(y - round(y)) > 0.4 or x < 0:
            return None
        stage = FUNNEL_STAGES[index]
        for key in self._order:
            start, width = self._x0[key][index], self._widths[key][index]
            if width > 0 and start <= x <= start + width:
                return (key or None), stage
        return None, stage  # beside the segments: the whole stage


CARD_TYPES: dict[str, type[FigureCard]] = {"tile": KpiTile, "bars": BarChart, "line": LineChart, "funnel": FunnelChart}


def make_card(widget: Widget, parent: QWidget | None = None) -> FigureCard:
    card = CARD_TYPES[widget.kind](widget, parent)
    card.retranslate_ui()
    return card


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange
