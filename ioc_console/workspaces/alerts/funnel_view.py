"""The alert funnel for a period, grouped by analytic, category or ward: a table, a bar chart of
the stages, and (for supervisors) which detectors raise the most false alarms."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import AnalyticsCatalogue, fill, format_local_time
from ioc_console.services.ops import run_in_background
from ioc_console.workspaces.alerts.funnel_model import STAGES, FalseAlarmModel, FunnelModel, field, tr
from ioc_domain.roles import may

log = logging.getLogger(__name__)

SUPERVISE_PERMISSION = "alert.supervise"
#: Period choices: key -> length (None: the operator picks both ends).
PERIODS: tuple[tuple[str, timedelta | None], ...] = (
    ("24h", timedelta(hours=24)),
    ("7d", timedelta(days=7)),
    ("30d", timedelta(days=30)),
    ("custom", None),
)
GROUPS = ("category", "analytic", "ward")
BAR_COLOUR = "#5aa9ff"


class FunnelView(QWidget):
    """Asks the server for the funnel (and false-alarm statistics) off the GUI thread whenever
    the period or the grouping changes; ``loaded`` fires once the new figures are shown."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self, connection: ConnectionService, analytics: AnalyticsCatalogue | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertFunnelView")
        self._connection = connection
        self._analytics = analytics
        self._request = 0  # answers to older requests are dropped
        self._shown_once = False
        self.model = FunnelModel(self)
        self.false_alarm_model = FalseAlarmModel(analytics, self)
        self._build()
        connection.signed_in.connect(lambda _user: self._update_supervise())
        self.retranslate_ui()
        self._update_custom()
        self._update_supervise()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.period_label = QLabel(self)
        self.period = QComboBox(self)
        self.period.setObjectName("funnelPeriod")
        for key, _length in PERIODS:
            self.period.addItem(key, key)
        self.period_label.setBuddy(self.period)
        now = QDateTime.currentDateTime()
        self.since_edit = QDateTimeEdit(now.addDays(-7), self)
        self.since_edit.setObjectName("funnelSince")
        self.until_edit = QDateTimeEdit(now, self)
        self.until_edit.setObjectName("funnelUntil")
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.group_label = QLabel(self)
        self.group_by = QComboBox(self)
        self.group_by.setObjectName("funnelGroupBy")
        for key in GROUPS:
            self.group_by.addItem(key, key)
        self.group_label.setBuddy(self.group_by)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("funnelRefresh")
        for widget in (
            self.period_label,
            self.period,
            self.since_edit,
            self.until_edit,
            self.group_label,
            self.group_by,
            self.refresh_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.status = QLabel(self)
        self.status.setObjectName("funnelStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableView(splitter)
        self.table.setObjectName("funnelTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)

        self.chart = pg.PlotWidget(splitter)
        self.chart.setObjectName("funnelChart")
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
        self.bars = pg.BarGraphItem(x=list(range(len(STAGES))), height=[0] * len(STAGES), width=0.6, brush=BAR_COLOUR)
        self.chart.addItem(self.bars)

        self.false_alarm_box = QWidget(splitter)
        box_layout = QVBoxLayout(self.false_alarm_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self.false_alarm_title = QLabel(self.false_alarm_box)
        box_layout.addWidget(self.false_alarm_title)
        self.false_alarm_table = QTableView(self.false_alarm_box)
        self.false_alarm_table.setObjectName("falseAlarmTable")
        self.false_alarm_table.setModel(self.false_alarm_model)
        self.false_alarm_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.false_alarm_table.verticalHeader().setVisible(False)
        box_layout.addWidget(self.false_alarm_table)
        # The chart must stay readable beside a short table (a handful of categories).
        self.chart.setMinimumHeight(180)
        for index, stretch in enumerate((2, 2, 3)):
            splitter.setStretchFactor(index, stretch)
        splitter.setSizes([260, 320, 260])
        layout.addWidget(splitter, 1)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.group_by.currentIndexChanged.connect(lambda _i: self.refresh())
        self.since_edit.dateTimeChanged.connect(lambda _d: self._custom_changed())
        self.until_edit.dateTimeChanged.connect(lambda _d: self._custom_changed())
        self.refresh_button.clicked.connect(self.refresh)

    def retranslate_ui(self) -> None:
        self.period_label.setText(self.tr("&Period:"))
        names = {
            "24h": self.tr("Last 24 hours"),
            "7d": self.tr("Last 7 days"),
            "30d": self.tr("Last 30 days"),
            "custom": self.tr("Custom…"),
        }
        for i in range(self.period.count()):
            self.period.setItemText(i, names[self.period.itemData(i)])
        self.group_label.setText(self.tr("&Group by:"))
        groups = {"category": self.tr("Category"), "analytic": self.tr("Analytic"), "ward": self.tr("Ward")}
        for i in range(self.group_by.count()):
            self.group_by.setItemText(i, groups[self.group_by.itemData(i)])
        self.refresh_button.setText(self.tr("&Refresh"))
        self.since_edit.setToolTip(self.tr("From (Huế time)"))
        self.until_edit.setToolTip(self.tr("Until (Huế time)"))
        self.false_alarm_title.setText(self.tr("False alarms per camera and analytic (detectors to tune first)"))
        self.chart.setTitle(self.tr("Alert funnel"))
        axis = self.chart.getAxis("bottom")
        axis.setTicks([[(i, tr(name)) for i, (_key, name) in enumerate(STAGES)]])
        self.model.set_language(self._language())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @staticmethod
    def _language() -> str:
        return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"

    # -- choices ------------------------------------------------------------------------------
    def set_period(self, key: str) -> None:
        """Choose a period and fetch (also when it was already chosen: "now" has moved)."""
        index = self.period.findData(key)
        if index == self.period.currentIndex():
            self.refresh()
        else:
            self.period.setCurrentIndex(index)

    def set_group_by(self, key: str) -> None:
        index = self.group_by.findData(key)
        if index == self.group_by.currentIndex():
            self.refresh()
        else:
            self.group_by.setCurrentIndex(index)

    def showEvent(self, event: QShowEvent) -> None:
        # Fetched when first shown, not when built: the workspace may never open this view.
        if not self._shown_once:
            self._shown_once = True
            self.refresh()
        super().showEvent(event)

    def set_custom_period(self, since: datetime, until: datetime) -> None:
        """Choose "custom" with these ends (and fetch once)."""
        for edit, moment in ((self.since_edit, since), (self.until_edit, until)):
            edit.blockSignals(True)
            edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
            edit.blockSignals(False)
        if self.period.currentData() == "custom":
            self.refresh()
        else:
            self.set_period("custom")

    def period_bounds(self, now: datetime | None = None) -> tuple[datetime, datetime]:
        """The chosen period as aware UTC datetimes (since, until)."""
        key = self.period.currentData()
        length = dict(PERIODS).get(key)
        if length is not None:
            until = now or datetime.now(UTC)
            return until - length, until
        since = datetime.fromtimestamp(self.since_edit.dateTime().toSecsSinceEpoch(), UTC)
        until = datetime.fromtimestamp(self.until_edit.dateTime().toSecsSinceEpoch(), UTC)
        return since, until

    def _update_custom(self) -> None:
        custom = self.period.currentData() == "custom"
        self.since_edit.setVisible(custom)
        self.until_edit.setVisible(custom)

    def _period_changed(self, _index: int) -> None:
        self._update_custom()
        self.refresh()

    def _custom_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.refresh()

    def may_supervise(self) -> bool:
        return may(getattr(self._connection.user, "role", None), SUPERVISE_PERMISSION)

    def _update_supervise(self) -> None:
        self.false_alarm_box.setVisible(self.may_supervise())

    # -- fetching -----------------------------------------------------------------------------
    def refresh(self) -> None:
        since, until = self.period_bounds()
        if since >= until:
            self.status.setText(self.tr("The period must start before it ends."))
            return
        self._request += 1
        request = self._request
        group_by = str(self.group_by.currentData())
        supervise = self.may_supervise()
        self._update_supervise()
        client = self._connection.client
        self.status.setText(self.tr("Loading the funnel…"))

        def fetch() -> tuple[Any, Any]:
            funnel = client.alert_funnel(since, until, group_by)
            # Supervisors only (alert.supervise): for anyone else the server would answer 403.
            false_alarms = client.alert_false_alarms(since, until) if supervise else None
            return funnel, false_alarms

        def done(result: tuple[Any, Any]) -> None:
            if request != self._request:
                return
            funnel, false_alarms = result
            language = self._language()
            self.model.set_funnel(funnel, language)
            self._draw_chart(field(funnel, "total"))
            self.false_alarm_model.set_rows(list(field(false_alarms, "rows") or []) if false_alarms else [], language)
            self.status.setText(
                fill(self.tr("From %1 to %2 (Huế time)"), format_local_time(since), format_local_time(until))
            )
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if request != self._request:
                return
            message = fill(self.tr("The funnel could not be loaded: %1"), getattr(error, "message", str(error)))
            self.status.setText(message)
            self.failed.emit(message)

        run_in_background(fetch, on_success=done, on_failure=failed, parent=self)

    def _draw_chart(self, total: Any) -> None:
        heights = [float(field(total, key) or 0) if total is not None else 0.0 for key, _name in STAGES]
        self.bars.setOpts(height=heights)
        self.chart.setYRange(0, max(heights + [1.0]) * 1.1, padding=0)

    def bar_heights(self) -> list[float]:
        """The chart's bars, stage by stage (for tests and the accessibility tree)."""
        return [float(h) for h in self.bars.opts["height"]]
