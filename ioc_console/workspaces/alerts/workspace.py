"""The "Alert queues" workspace: queues with counts, the triage table, the detail pane, sound and flash, the ticker."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSlider,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backend_client.cache import CacheStore
from backend_client.sync.gc_pause import cyclic_gc_paused
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill
from ioc_console.services.navigation import APPLY_ALERT_FILTER, DRAFT_WARNING_FOR_AREA, REVEAL_ALERT
from ioc_console.services.workspace import Workspace, WorkspaceAction
from ioc_console.workspaces.alerts.attention import Attention
from ioc_console.workspaces.alerts.filter_bar import AlertFilterBar
from ioc_console.workspaces.alerts.funnel_view import FunnelView
from ioc_console.workspaces.alerts.queue_list import QueueList, queue_title
from ioc_console.workspaces.alerts.queue_model import COL_ALERT, COL_PLACE, AlertQueueModel
from ioc_console.workspaces.alerts.queue_proxy import AlertQueueProxy
from ioc_console.workspaces.alerts.triage import HELP_KEYS, TriageKeys
from ioc_console.workspaces.alerts.warning_fields import area_from_map
from ioc_console.workspaces.alerts.warnings_page import WarningsPage, detail_with_editor
from ioc_domain import alert_queues
from ioc_domain.alert_queues import OPEN, QUEUES
from ioc_domain.alerts import ALERT_STATES, ALERT_WRITE_PERMISSION
from ioc_domain.record_filter import ALERT_CATEGORIES, RecordFilter
from ioc_domain.roles import may
from widgets.alert_ticker import AlertTicker, TickerItem

log = logging.getLogger(__name__)

KEY = "alerts"
# Alerts read from the cache at start join the model this many at a time (~25 ms of GUI work),
# so 100,000 alerts fill in without a long stall.
CACHE_PAGE = 1000
READ_PAGE = 5000  # alerts per cache query when the workspace starts
CLOCK_TICK_MS = 15_000  # SLA countdowns and queue moves by time
TICKER_LIMIT = 20

DetailFactory = Callable[[ConsoleContext, QWidget], QWidget]


class TriageHelp(QFrame):
    """The overlay listing the triage keys (only the reading keys for roles that may not change alerts)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("triageHelp")
        self._label = QLabel(self)
        self._label.setObjectName("triageHelpText")
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        QVBoxLayout(self).addWidget(self._label)
        self._may_act = False
        self.hide()

    def lines(self) -> list[str]:
        return [
            f"{keys}\t{QCoreApplication.translate('TriageHelp', text)}"
            for keys, text, needs_write in HELP_KEYS
            if self._may_act or not needs_write
        ]

    def show_for(self, may_act: bool) -> None:
        self._may_act = may_act
        title = QCoreApplication.translate("TriageHelp", "Triage keys (any key closes this list)")
        self._label.setText("\n".join([title, "", *self.lines()]))
        self.adjustSize()
        parent = self.parentWidget()
        self.move(max(0, (parent.width() - self.width()) // 2), max(0, (parent.height() - self.height()) // 3))
        self.show()
        self.raise_()


class AlertsWorkspace(Workspace):
    def __init__(
        self, context: ConsoleContext, detail_factory: DetailFactory | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertsWorkspace")
        self._context = context
        self._connection = connection = context.connection
        self._settings = context.settings
        self._navigation = context.navigation
        self._loaded = False
        self._load_generation = 0
        self._gc_pause: Any = None  # the collector is paused while the cache fills the model
        self._shown = False
        self._told_silent = False
        languages = context.languages
        user = connection.user
        self.model = AlertQueueModel(
            context.analytics,
            language=languages.language() or "vi",
            username=getattr(user, "username", None),
            parent=self,
        )
        languages.language_changed.connect(self.model.set_language)
        self.proxy = AlertQueueProxy(self)
        self.proxy.setSourceModel(self.model)

        # -- the queue page: queues | filter, flash, table | detail pane ---------------------
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("alertTabs")
        # The window must still fit a small screen: the splitter's panes give way below their hints.
        self.tabs.setMinimumSize(320, 200)
        page = QWidget(self.tabs)
        self.queue_list = QueueList(self.model, page)
        self.queue_list.queue_chosen.connect(self.show_queue)
        self.filter_edit = QLineEdit(page)
        self.filter_edit.setObjectName("alertFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.mute_box = QCheckBox(page)
        self.mute_box.setObjectName("alertSoundMuted")
        self.mute_box.setChecked(self._settings.alert_sound_muted)
        self.mute_box.toggled.connect(self._remember_muted)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, page)
        self.volume_slider.setObjectName("alertSoundVolume")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setMaximumWidth(120)
        self.volume_slider.setValue(round(self._settings.alert_sound_volume * 100))
        self.volume_slider.valueChanged.connect(self._remember_volume)
        self.flash_frame = QFrame(page)
        self.flash_frame.setObjectName("alertFlash")
        self.flash_label = QLabel(self.flash_frame)
        self.flash_label.setObjectName("alertFlashText")
        self.flash_label.setTextFormat(Qt.TextFormat.PlainText)
        QHBoxLayout(self.flash_frame).addWidget(self.flash_label)
        self.flash_frame.hide()  # shown from the first critical alert that arrives live
        # A filter from the map narrows the table (the queue proxy); this bar says so and clears it.
        self.filter_bar = AlertFilterBar(page)
        self.filter_bar.clear_requested.connect(self.clear_record_filter)
        self.bulk_label = QLabel(page)
        self.bulk_label.setObjectName("bulkResult")
        self.bulk_label.setTextFormat(Qt.TextFormat.PlainText)
        self.bulk_label.setWordWrap(True)
        self.bulk_label.hide()
        self.no_alerts_label = QLabel(page)
        self.no_alerts_label.setObjectName("alertsNotForRole")
        self.no_alerts_label.hide()
        self.table = QTableView(page)
        self.table.setObjectName("alertQueueTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 135), (1, 185), (COL_ALERT, 200), (COL_PLACE, 160), (4, 100), (5, 200)):
            self.table.setColumnWidth(column, width)
        # Beside the queues: the public warnings (ours and other agencies', CAP import) and the funnel.
        self.warnings_page = WarningsPage(connection, self.tabs)
        self.funnel = FunnelView(connection, context.analytics, self.tabs)
        # The detail pane's "Draft warning…" opens the editor of the warnings page (tests may pass their own pane).
        if detail_factory is None:
            self.detail: QWidget = detail_with_editor(context, self.warnings_page, page)
        else:
            self.detail = detail_factory(context, page)
        self.detail.setObjectName(self.detail.objectName() or "alertDetail")

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.mute_box)
        bar.addWidget(self.volume_slider)
        middle = QWidget(page)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.filter_bar)
        column.addWidget(self.flash_frame)
        column.addWidget(self.bulk_label)
        column.addWidget(self.no_alerts_label)
        column.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, page)
        self.splitter.setObjectName("alertSplitter")
        self.splitter.addWidget(self.queue_list)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([310, 870, 480])
        QVBoxLayout(page).addWidget(self.splitter)
        self.tabs.addTab(page, "")
        self.warnings_tab = self.tabs.addTab(self.warnings_page, "")
        self.funnel_tab = self.tabs.addTab(self.funnel, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)
        self.help_overlay = TriageHelp(self)
        self.table.installEventFilter(self)

        self.triage = TriageKeys(connection, self.table, self.proxy.alert_at, self, analytics=context.analytics)
        self.triage.status_message.connect(self.status_message)
        self.triage.help_requested.connect(self.show_help)
        self.triage.bulk_finished.connect(self._on_bulk_finished)
        self.attention = Attention(self._settings, self.flash_frame, self)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_current())

        # -- the ticker (a panel the window docks above every workspace) ----------------------
        self.ticker = AlertTicker(self)
        self.ticker.activated.connect(self._ticker_activated)
        self._ticker_dock = QDockWidget(self)
        self._ticker_dock.setObjectName("tickerDock")
        self._ticker_dock.setWidget(self.ticker)
        self._ticker_dock.setTitleBarWidget(QWidget(self._ticker_dock))  # compact: no title bar
        self._ticker_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self._ticker_dock.setAllowedAreas(Qt.DockWidgetArea.TopDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.act_ticker = self._ticker_dock.toggleViewAction()
        self.act_ticker.setObjectName("toggleTicker")

        self.queue_count_label = QLabel(self)
        self.queue_count_label.setObjectName("statusAlertQueue")

        # -- feeding -------------------------------------------------------------------------
        self.model.alerts_arrived.connect(self._on_arrived)
        self.model.counts_changed.connect(self._update_status)
        self.model.rows_updated.connect(self._on_rows_updated)
        self.model.rowsInserted.connect(lambda *_: self._schedule_ticker())
        connection.cache_ready.connect(self._on_cache_ready)
        connection.changes_applied.connect(self._on_changes)
        connection.signed_in.connect(self._on_signed_in)
        connection.signed_out.connect(lambda: self._apply_role(None))
        outbox = context.outbox
        for key, label in outbox.marks().items():
            self.model.set_outbox_mark(key, label)
        outbox.resource_marked.connect(self.model.set_outbox_mark)
        outbox.resource_applied.connect(self.model.apply_resource)
        self._clock = QTimer(self)
        self._clock.setObjectName("alertQueueClock")
        self._clock.setInterval(CLOCK_TICK_MS)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._ticker_timer = QTimer(self)
        self._ticker_timer.setSingleShot(True)
        self._ticker_timer.setInterval(300)  # coalesce: a burst updates the ticker once
        self._ticker_timer.timeout.connect(self._update_ticker)

        self._navigation.handle(REVEAL_ALERT, KEY, self._reveal_intent)
        self._navigation.handle(APPLY_ALERT_FILTER, KEY, self._filter_intent)
        self._navigation.handle(DRAFT_WARNING_FOR_AREA, KEY, self._draft_for_area_intent)
        self._apply_role(getattr(user, "role", None))
        self.retranslate_ui()
        self.proxy.set_queue(self.queue_list.current_queue() or OPEN)
        if connection.store is not None:
            self.load_from_cache()

    # -- feeding -------------------------------------------------------------------------------
    def _on_cache_ready(self, _store: CacheStore) -> None:
        if self.model.rowCount():
            self.model.clear()
        self.load_from_cache()

    def load_from_cache(self) -> None:
        """Read every cached alert in one query on the cache pool (decoded there), then add them to
        the model a page at a time between events, so the GUI thread is never held for long."""
        self._loaded = False
        self._load_generation += 1
        generation = self._load_generation

        def read(store: CacheStore) -> list[dict[str, Any]]:
            # Pages along the detection-time index: one query for everything holds the GIL for
            # ~0.25 s while SQLite's rows become Python strings, and the GUI thread would wait.
            # Decoding makes millions of objects without a cycle: no collector meanwhile.
            alerts: list[dict[str, Any]] = []
            with cyclic_gc_paused():
                while True:
                    page = store.list("alert", limit=READ_PAGE, offset=len(alerts), order_by="sort_time asc")
                    alerts.extend(page)
                    if len(page) < READ_PAGE:
                        return alerts
                    time.sleep(0.002)  # let the GUI thread take the GIL between pages

        def arrived(alerts: list[dict[str, Any]]) -> None:
            if generation == self._load_generation:
                self._gc_pause = cyclic_gc_paused()
                self._gc_pause.__enter__()
                self._feed_page(alerts, 0, generation)

        def failed(error: BaseException) -> None:
            log.warning("could not read the cached alerts: %s", error)
            self.status_message.emit(fill(self.tr("Could not load the alerts: %1"), str(error)), 15_000)

        self._connection.read_cache(read, on_success=arrived, on_failure=failed, parent=self)

    def is_loaded(self) -> bool:
        return self._loaded

    def _feed_page(self, alerts: list[dict[str, Any]], start: int, generation: int) -> None:
        if generation != self._load_generation:
            self._end_gc_pause()
            return  # another user's cache opened meanwhile
        self.model.add_alerts(alerts[start : start + CACHE_PAGE])
        self.model.flush()
        if start + CACHE_PAGE < len(alerts):
            # The next page after the events waiting now (paints, input) have been handled.
            QTimer.singleShot(0, self, lambda: self._feed_page(alerts, start + CACHE_PAGE, generation))
            return
        self._loaded = True
        self._end_gc_pause()
        # The alerts now live as long as the console: keep them out of every later full
        # collection (which would walk them all, holding the GIL, for a few hundred ms).
        gc.freeze()
        log.info("alert queues hold %d alerts", self.model.rowCount())
        self._update_ticker()

    def _end_gc_pause(self) -> None:
        pause, self._gc_pause = self._gc_pause, None
        if pause is not None:
            pause.__exit__(None, None, None)

    def _on_changes(self, changes: list[Any]) -> None:
        # Until the cache is read, an alert the model does not hold yet is not news.
        self.model.add_changes(changes, live=self._loaded)

    def _on_arrived(self, alerts: list[dict[str, Any]]) -> None:
        critical = [a for a in alerts if a.get("severity") == "critical" and alert_queues.is_open(a)]
        if not critical:
            return
        newest = critical[-1]
        self.flash_label.setText(
            fill(
                self.tr("New critical alert: %1 — %2"),
                self._context.analytics.name(newest.get("analytic"), self._context.languages.language() or "vi"),
                str(newest.get("ward") or ""),
            )
        )
        self.flash_frame.show()
        self.attention.critical_arrived()
        if self.attention.silent and not self._told_silent:
            # Said once: the operator must know the chime cannot be relied on at this desk.
            self._told_silent = True
            text = self.tr("No sound on this computer (Qt Multimedia unavailable): critical alerts only flash")
            self.mute_box.setToolTip(text)
            self.status_message.emit(text, 15000)

    def _on_rows_updated(self, rows: list[int]) -> None:
        self._schedule_ticker()
        alert = self.current_alert()
        if alert is not None and self.model.row_of(alert["id"]) in set(rows):
            self.detail.show_alert(alert)  # type: ignore[attr-defined]

    def _tick(self) -> None:
        self.model.refresh_time()
        self.proxy.recheck_time()  # a rolling window of the map's filter moved on
        self._update_status()
        self._update_ticker()

    # -- queues and the current alert ----------------------------------------------------------
    def show_queue(self, queue: str) -> None:
        current = self.current_alert()
        self.proxy.set_queue(queue)
        self.model.set_watched(queue if self._shown else None)
        self._restore_current(current)
        self._update_status()

    def _on_filter(self, text: str) -> None:
        current = self.current_alert()
        self.proxy.set_text_filter(text)
        self._restore_current(current)
        self._update_status()

    # -- the filter from the map -----------------------------------------------------------------
    def record_filter(self) -> RecordFilter | None:
        return self.proxy.record_filter()

    def apply_record_filter(self, record_filter: RecordFilter | None) -> None:
        """Narrow the queue table to ``record_filter`` (None or empty: every alert of the queue).

        Applied in the queue proxy, like the text filter: the queue list's counts and "new"
        badges stay those of the whole queues, the status bar counts the rows shown."""
        current = self.current_alert()
        self.proxy.set_record_filter(record_filter)
        self.filter_bar.set_filter(self.proxy.record_filter())
        self._restore_current(current)
        self._update_status()

    def clear_record_filter(self) -> None:
        self.apply_record_filter(None)

    def _filter_intent(self, payload: Mapping[str, Any]) -> bool:
        data = payload.get("filter")
        try:
            if not isinstance(data, Mapping):
                raise ValueError("the filter must be a mapping")
            record_filter = RecordFilter.from_dict(data)
            unknown = (record_filter.categories - set(ALERT_CATEGORIES)) | (record_filter.statuses - set(ALERT_STATES))
            if unknown:
                raise ValueError(f"not alert categories or states: {sorted(unknown)}")
        except (ValueError, TypeError) as exc:
            log.warning("filter from the map refused: %s", exc)
            self.status_message.emit(
                self.tr("The filter from the map could not be read; the queues are unchanged."), 8000
            )
            return False
        self.tabs.setCurrentIndex(0)
        if payload.get("origin") == "dashboards":
            # A dashboard's figure counts every alert, not one operator's queue: the open queue.
            self.queue_list.select_queue(OPEN)
        self.apply_record_filter(record_filter)
        if payload.get("origin") == "dashboards":
            applied = self.tr("Alerts behind the dashboard figure: %1 open alerts shown.")
        else:
            applied = self.tr("Filter from the map applied: %1 alerts shown.")
        self.status_message.emit(fill(applied, str(self.proxy.rowCount())), 8000)
        return True

    def _draft_for_area_intent(self, payload: Mapping[str, Any]) -> bool:
        if not self.warnings_page.may_draft():
            self.status_message.emit(self.tr("Your role may not draft public warnings."), 8000)
            return False
        try:
            area = area_from_map(payload.get("area"), payload.get("description"))
        except ValueError as exc:
            self.status_message.emit(
                fill(self.tr("No warning drafted: the area from the map is not valid. %1"), str(exc)), 10_000
            )
            return False
        self.tabs.setCurrentIndex(self.warnings_tab)
        self.warnings_page.open_editor(None, area)
        self.status_message.emit(self.tr("A new public warning is open with the area drawn on the map."), 8000)
        return True

    def _restore_current(self, alert: Mapping[str, Any] | None) -> None:
        row = self.proxy.row_of(alert["id"]) if alert is not None else -1
        if row < 0 and self.proxy.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.index(row, 0))
        else:
            self.detail.show_alert(None)  # type: ignore[attr-defined]

    def current_alert(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.proxy.alert_at(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        self.detail.show_alert(self.current_alert())  # type: ignore[attr-defined]

    def reveal_alert(self, alert_id: Any) -> bool:
        """Make the alert current: in the queue shown if it is there, else in "All open" or the queue holding it."""
        source = self.model.row_of(alert_id)
        if source < 0:
            return False
        if self.proxy.row_of(alert_id) < 0:
            self.filter_edit.clear()
        if self.proxy.row_of(alert_id) < 0:
            mask = self.model.mask_at(source)
            visible = self.queue_list.queues()
            queue = next((q for q in QUEUES if q in visible and mask & alert_queues.queue_bit(q)), None)
            if queue is None:
                return False
            self.queue_list.select_queue(queue)
        row = self.proxy.row_of(alert_id)
        if row < 0:
            return False
        index = self.proxy.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.table.setFocus()
        return True

    def _reveal_intent(self, payload: Mapping[str, Any]) -> bool:
        return self.reveal_alert(payload.get("alert_id"))

    def _ticker_activated(self, key: str) -> None:
        if key.startswith("alert:"):
            self._navigation.request(REVEAL_ALERT, {"alert_id": key[len("alert:") :]})

    def _schedule_ticker(self) -> None:
        if not self._ticker_timer.isActive():
            self._ticker_timer.start()

    def _update_ticker(self) -> None:
        language = self._context.languages.language() or "vi"
        items = [
            TickerItem(
                key=f"alert:{alert.get('id')}",
                what=self._context.analytics.name(alert.get("analytic"), language),
                where=str(alert.get("ward") or ""),
                at=alert_queues.parse_time(alert.get("first_detected_at"))
                or alert_queues.parse_time(alert.get("detected_at")),
            )
            for alert in self.model.unacknowledged_critical(TICKER_LIMIT)
        ]
        self.ticker.set_items(items)

    # -- roles -------------------------------------------------------------------------------
    def _on_signed_in(self, user: Any) -> None:
        self.model.set_username(getattr(user, "username", None))
        self._apply_role(getattr(user, "role", None))

    def _apply_role(self, role: str | None) -> None:
        self.queue_list.set_role(role)
        reads = role is None or may(role, "ops.read")
        self.no_alerts_label.setVisible(not reads)
        self.table.setVisible(reads)
        # The same permission table the backend enforces: no tab for what the role cannot read.
        self.tabs.setTabVisible(self.warnings_tab, role is None or may(role, "warning.read"))
        self.tabs.setTabVisible(self.funnel_tab, reads)
        self.triage.update_enabled()

    # -- sound settings ----------------------------------------------------------------------
    def _remember_muted(self, muted: bool) -> None:
        self._settings.alert_sound_muted = muted
        self.volume_slider.setEnabled(not muted)

    def _remember_volume(self, value: int) -> None:
        self._settings.alert_sound_volume = value / 100

    # -- help and bulk results ----------------------------------------------------------------
    def show_help(self) -> None:
        self.help_overlay.show_for(self.triage.may_act())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Any key or click closes the help overlay (the key still acts).
        if self.help_overlay.isVisible() and event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.help_overlay.hide()
        return False

    def _on_bulk_finished(self, report: dict) -> None:
        self.bulk_label.setText(str(report.get("text") or ""))
        self.bulk_label.show()

    def _update_status(self) -> None:
        queue = self.proxy.queue()
        self.queue_count_label.setText(fill(self.tr("%1: %2 alerts"), queue_title(queue), str(self.proxy.rowCount())))

    # -- the workspace contract ----------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: str) -> int:
        """A page beside the queues (the integrator adds "Warnings" and "Funnel" here)."""
        return self.tabs.addTab(widget, title)

    def workspace_actions(self) -> list[WorkspaceAction]:
        triage = self.triage
        rows = [
            (triage.act_acknowledge, lambda: self.tr("Alert queues: acknowledge the alert (or all marked ones)")),
            (triage.act_verify, lambda: self.tr("Alert queues: verify the alert on camera…")),
            (triage.act_dispatch, lambda: self.tr("Alert queues: dispatch the alert (or all marked ones) to a unit…")),
            (triage.act_start, lambda: self.tr("Alert queues: start handling the alert")),
            (triage.act_close, lambda: self.tr("Alert queues: close the alert (or all marked ones)…")),
            (triage.act_note, lambda: self.tr("Alert queues: add a note to the alert…")),
            (triage.act_false_alarm, lambda: self.tr("Alert queues: false alarm (the alert or all marked ones)…")),
        ]
        return [WorkspaceAction(act, text, permission=ALERT_WRITE_PERMISSION) for act, text in rows]

    def status_items(self) -> list[QWidget]:
        return [self.queue_count_label]

    def panels(self) -> list[QDockWidget]:
        return [self._ticker_dock]

    def focus_filter(self) -> bool:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()
        return True

    def on_shown(self) -> None:
        self._shown = True
        self.model.set_watched(self.proxy.queue())

    def on_hidden(self) -> None:
        self._shown = False
        self.model.set_watched(None)

    def save_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_state(self, state: QByteArray) -> None:
        self.table.horizontalHeader().restoreState(state)

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Queues"))
        self.tabs.setTabText(self.warnings_tab, self.tr("Public warnings"))
        self.tabs.setTabText(self.funnel_tab, self.tr("Funnel and false alarms"))
        self.filter_edit.setPlaceholderText(self.tr("Filter: analytic, place, camera, owner, #id"))
        self.mute_box.setText(self.tr("Mute the critical-alert sound"))
        self.volume_slider.setToolTip(self.tr("Volume of the critical-alert sound"))
        self.no_alerts_label.setText(self.tr("Your role does not see alerts."))
        self.act_ticker.setText(self.tr("Alert &ticker"))
        self.queue_list.retranslate_ui()
        self.triage.retranslate_ui()
        self._update_status()
        self._update_ticker()


ALERTS_TITLE = QT_TRANSLATE_NOOP("Workspaces", "Alert queues")
