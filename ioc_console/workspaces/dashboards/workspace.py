"""The "Dashboards" workspace: live KPI tiles and charts computed by the backend from the records,
each saying how fresh it is; a click opens the records behind a figure in their workspace.

A dashboard is a definition (ioc_domain.dashboard_definition) stored per user through
``/me/views`` (kind ``dashboard``); the shipped defaults for operators and leaders show until the
user has saved one of their own. Period and ward apply to every figure of the dashboard.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QByteArray, QDateTime, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backend_client.api.actions import MAX_VIEW_NAME
from backend_client.sync import saved_views
from backend_client.sync.saved_views import ViewEntry
from ioc_console.services.briefing import BriefingFigure, BriefingPage
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import LOCAL_TZ, fill
from ioc_console.services.navigation import APPLY_ALERT_FILTER, APPLY_REPORT_FILTER, SHOW_DASHBOARD
from ioc_console.services.ops import run_in_background, run_on_cache
from ioc_console.services.saved_views_list import SavedViewsList
from ioc_console.services.workspace import OperatorControls, Workspace
from ioc_console.workspaces.dashboards import kpi_text
from ioc_console.workspaces.dashboards.dashboard_view import DashboardView
from ioc_console.workspaces.dashboards.editor import DefinitionEditor
from ioc_console.workspaces.dashboards.figures import KpiTile
from ioc_console.workspaces.dashboards.kpi_feed import Answer, KpiFeed, Query
from ioc_domain.dashboard_definition import (
    ALERTS_TARGET,
    PERIODS,
    VIEW_KIND,
    DashboardDefinition,
    DashboardFilters,
    DefinitionError,
    Widget,
    default_dashboards,
    drill_down,
    figure_value,
    total_figures,
)
from ioc_domain.record_filter import CUSTOM

log = logging.getLogger(__name__)

KEY = "dashboards"
WARDS_STATE_KEY = "dashboards.wards"
PRESET_PREFIX = "preset:"


@dataclass(frozen=True)
class DashboardEntry:
    """A dashboard the operator can pick: a shipped default or one of their saved views."""

    id: str
    definition: DashboardDefinition
    view: ViewEntry | None = None


class DashboardsWorkspace(Workspace):
    saved_view_kind = VIEW_KIND

    #: A dashboard became current and its cards exist (tests, briefing).
    dashboard_shown = Signal(str)
    #: Every request of the current dashboard has an answer shown (fresh or from the cache).
    figures_shown = Signal()

    #: During a briefing or a pack: (id, definition) of the dashboard the user had on screen, with
    #: its unsaved period and ward; None otherwise (then the one on screen is the user's).
    _briefing_base: tuple[str, DashboardDefinition] | None = None

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardsWorkspace")
        self._context = context
        self._connection = context.connection
        self._navigation = context.navigation
        self.entries: list[DashboardEntry] = [
            DashboardEntry(PRESET_PREFIX + (d.preset or ""), d) for d in default_dashboards()
        ]
        self.skipped: list[tuple[str, str]] = []  # (view name, why) of stored definitions refused
        self._current: DashboardEntry = self.entries[0]
        self._definition: DashboardDefinition = self._current.definition
        self._select_after_load: str | None = None
        self._wards: list[str] = []
        self._dialog: QInputDialog | None = None
        self._message: QMessageBox | None = None
        self._editor: DefinitionEditor | None = None

        self.feed = KpiFeed(self._connection, self)
        self.feed.answered.connect(self._on_answer)
        self.feed.failed.connect(self._on_failure)
        self._views = SavedViewsList(self._connection, VIEW_KIND, self)
        self._views.loaded.connect(self._views_loaded)
        self._views.forgotten.connect(lambda: self._views_loaded([]))
        self._views.change_failed.connect(self._change_failed)
        self._build()
        self._navigation.handle(SHOW_DASHBOARD, KEY, self.show_dashboard_intent)
        self._connection.signed_in.connect(lambda _user: self._fetch_wards())
        self._connection.signed_out.connect(self._signed_out)
        self._connection.cache_ready.connect(lambda _store: self._fetch_wards())
        self.retranslate_ui()
        self._show_entry(self._current)
        self._views.reload()
        if self._connection.store is not None:
            self._fetch_wards()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        self.choice_label = QLabel(self)
        self.choice = QComboBox(self)
        self.choice.setObjectName("dashboardChoice")
        self.choice.setMinimumContentsLength(8)
        self.choice.setMaximumWidth(420)
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice_label.setBuddy(self.choice)
        self.period_label = QLabel(self)
        self.period = QComboBox(self)
        self.period.setObjectName("dashboardPeriod")
        for key in PERIODS:
            self.period.addItem(key, key)
        self.period_label.setBuddy(self.period)
        now = QDateTime.currentDateTime()
        self.since_edit = QDateTimeEdit(now.addDays(-7), self)
        self.since_edit.setObjectName("dashboardSince")
        self.until_edit = QDateTimeEdit(now, self)
        self.until_edit.setObjectName("dashboardUntil")
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setVisible(False)
        self.ward_label = QLabel(self)
        self.ward = QComboBox(self)
        self.ward.setObjectName("dashboardWard")
        self.ward.setMinimumContentsLength(8)
        self.ward.setMaximumWidth(360)
        self.ward.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ward_label.setBuddy(self.ward)
        self.menu = QMenu(self)
        self.act_copy = self.menu.addAction("")
        self.act_copy.setObjectName("dashboardSaveCopy")
        self.act_copy.triggered.connect(self.ask_save_copy)
        self.act_update = self.menu.addAction("")
        self.act_update.setObjectName("dashboardUpdate")
        self.act_update.triggered.connect(self.update_current)
        self.act_edit = self.menu.addAction("")
        self.act_edit.setObjectName("dashboardEdit")
        self.act_edit.triggered.connect(self.open_editor)
        self.act_rename = self.menu.addAction("")
        self.act_rename.setObjectName("dashboardRename")
        self.act_rename.triggered.connect(self.ask_rename)
        self.act_delete = self.menu.addAction("")
        self.act_delete.setObjectName("dashboardDelete")
        self.act_delete.triggered.connect(self.ask_delete)
        self.menu.addSeparator()
        self.act_refresh = self.menu.addAction("")
        self.act_refresh.setObjectName("dashboardRefresh")
        self.act_refresh.triggered.connect(lambda: self.feed.refresh())
        self.menu_button = QToolButton(self)
        self.menu_button.setObjectName("dashboardMenuButton")
        self.menu_button.setMenu(self.menu)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setText("⋯")
        # Two short rows rather than one long one: the bar fits a small screen as well as the wall.
        for widget in (self.choice_label, self.choice, self.menu_button):
            bar.addWidget(widget)
        bar.setStretchFactor(self.choice, 1)
        bar.addStretch(2)
        filters = QHBoxLayout()
        for widget in (self.period_label, self.period, self.since_edit, self.until_edit, self.ward_label, self.ward):
            filters.addWidget(widget)
        filters.setStretchFactor(self.ward, 1)
        filters.addStretch(2)
        for widget in (self.choice, self.ward):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The two rows in one widget, hidden as one while presenting (the custom dates inside it
        # come and go with the period as they like).
        self.selector = QWidget(self)
        self.selector.setObjectName("dashboardSelector")
        rows = QVBoxLayout(self.selector)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(bar)
        rows.addLayout(filters)
        layout.addWidget(self.selector)
        # What the room sees, read-only, in place of the rows while presenting: title, period, ward.
        self.presenting_line = QLabel(self)
        self.presenting_line.setObjectName("dashboardPresentingLine")
        self.presenting_line.setTextFormat(Qt.TextFormat.PlainText)  # view names are the operators'
        self.presenting_line.setVisible(False)
        layout.addWidget(self.presenting_line)
        self._operator_controls = OperatorControls(lambda: [self.selector])
        self.notice = QLabel(self)
        self.notice.setObjectName("dashboardNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        self.view = DashboardView(self)
        self.view.drilled.connect(self._drill)
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.view)
        layout.addWidget(scroll, 1)

        self.choice.activated.connect(self._chosen)
        self.period.activated.connect(lambda _i: self._filters_edited())
        self.ward.activated.connect(lambda _i: self._filters_edited())
        self.since_edit.dateTimeChanged.connect(lambda _d: self._custom_edited())
        self.until_edit.dateTimeChanged.connect(lambda _d: self._custom_edited())

    def retranslate_ui(self) -> None:
        self.choice_label.setText(self.tr("&Dashboard:"))
        self.period_label.setText(self.tr("&Period:"))
        for i in range(self.period.count()):
            self.period.setItemText(i, kpi_text.tr(kpi_text.PERIOD_NAMES[self.period.itemData(i)]))
        self.since_edit.setToolTip(self.tr("From (Huế time)"))
        self.until_edit.setToolTip(self.tr("Until (Huế time)"))
        self.ward_label.setText(self.tr("&Ward:"))
        self.act_refresh.setText(self.tr("Re&fresh the figures now"))
        self.menu_button.setToolTip(self.tr("Save a copy, rename or delete dashboards"))
        self.act_copy.setText(self.tr("&Save a copy as…"))
        self.act_update.setText(self.tr("&Keep the period and ward in this dashboard"))
        self.act_edit.setText(self.tr("&Edit the figures and layout…"))
        self.act_rename.setText(self.tr("&Rename…"))
        self.act_delete.setText(self.tr("&Delete…"))
        self._fill_choice()
        self._fill_wards()
        self._show_notice()
        self._update_presenting_line()
        self.view.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the workspace contract ----------------------------------------------------------------
    def focus_filter(self) -> bool:
        self.period.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def on_shown(self) -> None:
        self.feed.set_active(True)

    def on_hidden(self) -> None:
        self.feed.set_active(False)

    def save_state(self) -> QByteArray:
        return QByteArray(json.dumps({"dashboard": self._current.id}).encode())

    def restore_state(self, state: QByteArray) -> None:
        try:
            chosen = json.loads(bytes(state.data()).decode()).get("dashboard")
        except (ValueError, AttributeError):
            return
        if isinstance(chosen, str):
            entry = self._entry(chosen)
            if entry is not None:
                self._show_entry(entry)
            else:
                self._select_after_load = chosen

    def set_presenting(self, presenting: bool) -> None:
        self._operator_controls.set_presenting(presenting)
        self._update_presenting_line()
        self.presenting_line.setVisible(presenting)

    def _update_presenting_line(self) -> None:
        filters = self._definition.filters
        if filters.period == CUSTOM:
            period = f"{self.since_edit.text()} – {self.until_edit.text()}"
        else:
            period = self.period.currentText()
        ward = filters.ward or self.tr("All wards")
        self.presenting_line.setText(" · ".join((kpi_text.dashboard_title(self._definition), period, ward)))

    def briefing_pages(self) -> list[BriefingPage]:
        """One page per dashboard: shown on the big screen, pictured with its tiles' figures in the pack.
        The dashboard the user has on screen is shown as they have it (its period and ward, saved
        or not); the others as saved. The title says the period, with its dates, and the ward."""
        for entry in self.entries:
            if entry.id != self._current.id:
                self.feed.warm(entry.definition)
        return [
            BriefingPage(
                key=f"{KEY}:{entry.definition.preset or entry.id}",
                title=self.briefing_title(self._briefing_definition(entry)),
                activate=lambda e=entry: self._show_briefing(e.id),
                render=lambda size, e=entry: self._render(e.id, size),
                figures=lambda e=entry: self.briefing_figures(e.id),
                ready=lambda e=entry: self._briefing_ready(e.id),
            )
            for entry in self.entries
        ]

    def briefing_snapshot(self) -> Callable[[], None]:
        """Keep the user's dashboard with its unsaved period and ward (its page shows them, and it
        comes back afterwards); ask the other dashboards' figures afresh for their pages."""
        entry_id, definition = self._current.id, self._definition
        self._briefing_base = (entry_id, definition)
        for entry in self.entries:
            if entry.id != entry_id:
                self.feed.warm(entry.definition, fresh=True)

        def restore() -> None:
            self._briefing_base = None
            entry = self._entry(entry_id)
            if entry is not None and (self._current.id, self._definition) != (entry_id, definition):
                self._show_entry(entry, definition)

        return restore

    # -- choosing a dashboard -------------------------------------------------------------------
    def current(self) -> DashboardEntry:
        return self._current

    def definition(self) -> DashboardDefinition:
        """The current dashboard with the period and ward chosen now."""
        return self._definition

    def show_dashboard(self, entry_id: str) -> bool:
        entry = self._entry(entry_id)
        if entry is None:
            return False
        self._show_entry(entry)
        return True

    def show_dashboard_named(self, title: str) -> bool:
        entry = next((e for e in self.entries if kpi_text.dashboard_title(e.definition) == title), None)
        return entry is not None and self.show_dashboard(entry.id)

    def entry_named(self, name: str) -> DashboardEntry | None:
        """The dashboard a name means, as the presenter's console may have sent it: its title in
        this console's language, its stored title (a preset's Vietnamese one), a preset's English
        name or key; compared without case, accents composed the same way, spaces collapsed."""
        wanted = _name_key(name)
        if not wanted:
            return None
        for entry in self.entries:
            definition = entry.definition
            names = [kpi_text.dashboard_title(definition), definition.title]
            if definition.preset:
                names += [definition.preset, kpi_text.PRESET_NAMES.get(definition.preset, "")]
            if wanted in {_name_key(n) for n in names if n}:
                return entry
        return None

    def show_dashboard_intent(self, payload: Mapping[str, Any]) -> bool:
        """SHOW_DASHBOARD {"name": str}: show that dashboard (a presenter's view followed in a
        meeting). An unknown name is said in the status bar and nothing else changes."""
        name = payload.get("name")
        entry = self.entry_named(name) if isinstance(name, str) else None
        if entry is None:
            shown = " ".join(str(name or "").split())[:80]
            self.status_message.emit(fill(self.tr("There is no dashboard named “%1” on this console."), shown), 8000)
            return False
        if entry is not self._current:
            self._show_entry(entry)
        return True

    def _entry(self, entry_id: str) -> DashboardEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def _chosen(self, row: int) -> None:
        entry = self._entry(str(self.choice.itemData(row)))
        if entry is not None:
            self._show_entry(entry)

    def _show_entry(self, entry: DashboardEntry, definition: DashboardDefinition | None = None) -> None:
        """Show ``entry`` as saved, or as ``definition`` (its period and ward changed, not saved)."""
        self._current = entry
        self._definition = definition or entry.definition
        self.view.set_definition(self._definition, self._drillable)
        self._sync_bar()
        self._fill_choice()
        self._update_actions()
        self.feed.set_dashboard(self._definition)
        for query in self.feed.queries():
            answer = self.feed.answer(query.key)
            if answer is not None:
                self.view.show_answer(query, answer)
        self.dashboard_shown.emit(entry.id)

    def _fill_choice(self) -> None:
        self.choice.blockSignals(True)
        try:
            self.choice.clear()
            for entry in self.entries:
                mark = self.tr(" (waiting to send)") if entry.view is not None and entry.view.pending else ""
                self.choice.addItem(kpi_text.dashboard_title(entry.definition) + mark, entry.id)
            self.choice.setCurrentIndex(max(self.choice.findData(self._current.id), 0))
        finally:
            self.choice.blockSignals(False)

    def _update_actions(self) -> None:
        stored = self._current.view is not None
        for act in (self.act_update, self.act_rename, self.act_delete):
            act.setEnabled(stored)

    # -- filters --------------------------------------------------------------------------------
    def _sync_bar(self) -> None:
        filters = self._definition.filters
        for widget in (self.period, self.ward, self.since_edit, self.until_edit):
            widget.blockSignals(True)
        try:
            self.period.setCurrentIndex(max(self.period.findData(filters.period), 0))
            custom = filters.period == CUSTOM
            if custom and filters.since is not None and filters.until is not None:
                self.since_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(filters.since.timestamp())))
                self.until_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(filters.until.timestamp())))
            self.since_edit.setVisible(custom)
            self.until_edit.setVisible(custom)
            self._fill_wards()
        finally:
            for widget in (self.period, self.ward, self.since_edit, self.until_edit):
                widget.blockSignals(False)
        self._update_presenting_line()

    def _fill_wards(self) -> None:
        chosen = self._definition.filters.ward
        names = sorted(set(self._wards) | ({chosen} if chosen else set()), key=saved_views.sort_key)
        self.ward.blockSignals(True)
        try:
            self.ward.clear()
            self.ward.addItem(self.tr("All wards"), None)
            for name in names:
                self.ward.addItem(name, name)
            self.ward.setCurrentIndex(max(self.ward.findData(chosen), 0) if chosen else 0)
        finally:
            self.ward.blockSignals(False)

    def set_filters(
        self, period: str, ward: str | None = None, since: datetime | None = None, until: datetime | None = None
    ) -> None:
        """Apply a period and ward to every figure of the current dashboard (as the bar does)."""
        try:
            filters = DashboardFilters(period=period, since=since, until=until, ward=ward or None)
        except DefinitionError as exc:
            self.status_message.emit(str(exc), 8000)
            return
        self._apply_filters(filters)

    def _filters_edited(self) -> None:
        period = str(self.period.currentData())
        since = until = None
        if period == CUSTOM:
            since = datetime.fromtimestamp(self.since_edit.dateTime().toSecsSinceEpoch(), UTC)
            until = datetime.fromtimestamp(self.until_edit.dateTime().toSecsSinceEpoch(), UTC)
        self.since_edit.setVisible(period == CUSTOM)
        self.until_edit.setVisible(period == CUSTOM)
        ward = self.ward.currentData()
        try:
            filters = DashboardFilters(period=period, since=since, until=until, ward=ward)
        except DefinitionError:
            self.status_message.emit(self.tr("The period must start before it ends."), 8000)
            return
        self._apply_filters(filters)

    def _custom_edited(self) -> None:
        if self.period.currentData() == CUSTOM:
            self._filters_edited()

    def _apply_filters(self, filters: DashboardFilters) -> None:
        if filters == self._definition.filters:
            return
        self._definition = self._definition.with_filters(filters)
        self._sync_bar()
        self.feed.set_dashboard(self._definition)

    def _signed_out(self) -> None:
        self.feed.forget()
        self._wards = []
        self.view.set_definition(self._definition, self._drillable, rebuild=True)
        self._fill_wards()

    def _fetch_wards(self) -> None:
        if not self.feed.allowed():
            return
        store = self._connection.store
        if store is not None and not self._wards:
            run_on_cache(lambda: store.get_state(WARDS_STATE_KEY), on_success=self._cached_wards, parent=self)
        client = self._connection.client
        if not client.is_authenticated:
            return

        def fetch() -> list[str]:
            return [str(ward.name) for ward in client.wards().wards]

        def got(names: list[str]) -> None:
            self._set_wards(names)
            if store is not None:
                text = json.dumps(names, ensure_ascii=False)
                run_on_cache(lambda: store.set_state(WARDS_STATE_KEY, text), parent=self)

        run_in_background(fetch, on_success=got, on_failure=lambda e: log.info("wards not fetched: %s", e), parent=self)

    def _cached_wards(self, text: str | None) -> None:
        if text and not self._wards:
            try:
                names = json.loads(text)
            except ValueError:
                return
            if isinstance(names, list):
                self._set_wards([str(n) for n in names])

    def _set_wards(self, names: list[str]) -> None:
        self._wards = names
        self._fill_wards()

    # -- answers --------------------------------------------------------------------------------
    def _on_answer(self, key: str, answer: Answer) -> None:
        query = next((q for q in self.feed.queries() if q.key == key), None)
        if query is None:
            return
        self.view.show_answer(query, answer)
        if all(self.feed.answer(q.key) is not None for q in self.feed.queries()):
            self.figures_shown.emit()

    def _on_failure(self, key: str, message: str) -> None:
        query = next((q for q in self.feed.queries() if q.key == key), None)
        if query is not None:
            self.view.show_failure(query, message)

    # -- drill-down -----------------------------------------------------------------------------
    def _drillable(self, widget: Widget) -> bool:
        drill = drill_down(widget, self._definition.filters, datetime.now(UTC), LOCAL_TZ)
        if drill is None:
            return False
        return self._navigation.can(APPLY_ALERT_FILTER if drill.target == ALERTS_TARGET else APPLY_REPORT_FILTER)

    def drill(self, widget: Widget, group: str | None = None, stage: str | None = None) -> bool:
        """Open the records behind a figure in their workspace, filtered; False if nobody can."""
        drill = drill_down(widget, self._definition.filters, datetime.now(UTC), LOCAL_TZ, group=group, stage=stage)
        if drill is None:
            return False
        intent = APPLY_ALERT_FILTER if drill.target == ALERTS_TARGET else APPLY_REPORT_FILTER
        served = self._navigation.request(intent, {"filter": drill.filter.to_dict(), "origin": KEY})
        if not served:
            self.status_message.emit(self.tr("The records behind this figure cannot be opened here."), 8000)
        return served

    def _drill(self, widget: Widget, group: Any, stage: Any) -> None:
        self.drill(widget, group, stage)

    # -- saved dashboards -------------------------------------------------------------------------
    def _views_loaded(self, views: list[ViewEntry]) -> None:
        stored: list[DashboardEntry] = []
        skipped: list[tuple[str, str]] = []
        for view in views:
            try:
                definition = DashboardDefinition.from_dict(view.data, title=view.name)
            except DefinitionError as exc:
                log.warning("saved dashboard %r skipped: %s", view.name, exc)
                skipped.append((view.name, str(exc)))
                continue
            stored.append(DashboardEntry(view.id, definition, view))
        self.skipped = skipped
        # The shipped defaults show until the user has a dashboard of their own.
        defaults = [DashboardEntry(PRESET_PREFIX + (d.preset or ""), d) for d in default_dashboards()]
        self.entries = stored or defaults
        self._show_notice()
        wanted = self._select_after_load
        chosen = None
        if wanted is not None:
            chosen = self._entry(wanted) or next((e for e in stored if e.definition.title == wanted), None)
            if chosen is not None:
                self._select_after_load = None
        if chosen is None:
            # A dashboard saved offline changes its id when the server takes it: found by name then.
            same = self._entry(self._current.id) or next(
                (e for e in stored if e.definition.title == self._current.definition.title), None
            )
            if same is not None and same.definition == self._current.definition:
                # Still the same dashboard: keep the period and ward being looked at.
                self._current = same
                self._fill_choice()
                self._update_actions()
                return
            chosen = same or self.entries[0]
        self._show_entry(chosen)

    def _show_notice(self) -> None:
        lines = [
            fill(self.tr("The saved dashboard “%1” could not be read and is not shown: %2"), name, why)
            for name, why in self.skipped
        ]
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))

    def ask_save_copy(self) -> None:
        dialog = QInputDialog(self.window())
        dialog.setObjectName("dashboardNameDialog")
        dialog.setWindowTitle(self.tr("Save a copy of the dashboard"))
        dialog.setLabelText(self.tr("Name of the new dashboard (its figures, period and ward are saved):"))
        dialog.setTextValue(kpi_text.dashboard_title(self._definition))
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            edit.setMaxLength(MAX_VIEW_NAME)
        dialog.textValueSelected.connect(self.save_copy)
        self._dialog = dialog
        dialog.open()

    def save_copy(self, name: str) -> bool:
        """Store the current dashboard (with its period and ward) under a new name for this user."""
        try:
            definition = self._definition.with_title(name)
        except DefinitionError as exc:
            self._inform(str(exc))
            return False
        data = definition.to_dict()
        self._select_after_load = definition.title
        return self._queue(
            lambda submit, store: saved_views.queue_create(submit, store, definition.title, data, kind=VIEW_KIND)
        )

    def update_current(self) -> bool:
        view = self._current.view
        if view is None:
            return False
        data = self._definition.to_dict()
        return self._queue(lambda submit, store: saved_views.queue_update(submit, store, view, data=data))

    def open_editor(self) -> None:
        """The current definition as text: which figures, charts, filters and where (no code needed)."""
        dialog = DefinitionEditor(json.dumps(self._definition.to_dict(), ensure_ascii=False, indent=2), self.window())
        dialog.submitted.connect(lambda text: self._editor_submitted(dialog, text))
        self._editor = dialog
        dialog.open()

    def _editor_submitted(self, dialog: DefinitionEditor, text: str) -> None:
        problem = self.apply_definition_text(text)
        if problem is None:
            dialog.accept()
        else:
            dialog.show_problem(problem)

    def apply_definition_text(self, text: str) -> str | None:
        """Save an edited definition: over the current dashboard if it is the user's, else as a new one
        named by its title. Returns why it was refused (shown in the editor), None once queued."""
        try:
            data = json.loads(text)
            title = data.get("title") if isinstance(data, dict) else None
            definition = DashboardDefinition.from_dict(data, title=title if isinstance(title, str) else None)
        except ValueError as exc:  # DefinitionError, or not JSON at all
            return str(exc)
        view = self._current.view
        stored = definition.to_dict()
        if view is not None and definition.title == view.name:
            self._select_after_load = view.id
            queued = self._queue(lambda submit, store: saved_views.queue_update(submit, store, view, data=stored))
        else:
            self._select_after_load = definition.title
            queued = self._queue(
                lambda submit, store: saved_views.queue_create(submit, store, definition.title, stored, kind=VIEW_KIND)
            )
        return None if queued else self.tr("Sign in first: dashboards are saved for your account.")

    def ask_rename(self) -> None:
        if self._current.view is None:
            return
        dialog = QInputDialog(self.window())
        dialog.setObjectName("dashboardNameDialog")
        dialog.setWindowTitle(self.tr("Rename the dashboard"))
        dialog.setLabelText(self.tr("New name:"))
        dialog.setTextValue(self._current.definition.title)
        dialog.textValueSelected.connect(self.rename_current)
        self._dialog = dialog
        dialog.open()

    def rename_current(self, name: str) -> bool:
        view = self._current.view
        if view is None:
            return False
        self._select_after_load = view.id
        return self._queue(lambda submit, store: saved_views.queue_update(submit, store, view, name=name))

    def ask_delete(self) -> None:
        view = self._current.view
        if view is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete the dashboard"),
            fill(self.tr("Delete the dashboard “%1”?"), view.name),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self.window(),
        )
        box.setObjectName("dashboardDeleteBox")
        box.accepted.connect(self.delete_current)
        self._message = box
        box.open()

    def delete_current(self) -> bool:
        view = self._current.view
        if view is None:
            return False
        return self._queue(lambda submit, store: saved_views.queue_delete(submit, store, view))

    def _queue(self, change: Any) -> bool:
        if not self._views.queue(change):
            self._inform(self.tr("Sign in first: dashboards are saved for your account."))
            return False
        return True

    def _change_failed(self, error: BaseException) -> None:
        self._inform(fill(self.tr("The change to your dashboards was NOT made: %1"), str(error)))

    def _inform(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Dashboards"), text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("dashboardInfoBox")
        self._message = box
        box.open()

    def last_message(self) -> QMessageBox | None:
        return self._message

    # -- briefing -----------------------------------------------------------------------------------
    def _briefing_definition(self, entry: DashboardEntry) -> DashboardDefinition:
        """What a dashboard's briefing page shows: the user's dashboard as they have it (period and
        ward, even unsaved), any other as saved."""
        user_id, user_definition = self._briefing_base or (self._current.id, self._definition)
        return user_definition if entry.id == user_id else entry.definition

    def _show_briefing(self, entry_id: str) -> None:
        entry = self._entry(entry_id)
        if entry is None:
            return
        definition = self._briefing_definition(entry)
        if (entry.id, definition) == (self._current.id, self._definition):
            self.feed.refresh()  # already on screen: fresh figures, which the page's readiness waits for
        else:
            self._show_entry(entry, definition)  # fetches its figures afresh once the page is seen
            if not self.feed.active:
                self.feed.refresh()  # a window not on screen (a pack made from a hidden window)

    def _briefing_ready(self, entry_id: str) -> bool:
        """Every request of the page's dashboard, for its period and ward, has its answer for now."""
        entry = self._entry(entry_id)
        if entry is None:
            return True
        definition = self._briefing_definition(entry)
        return self.feed.settled([Query(source, group, definition.filters) for source, group in definition.queries()])

    def briefing_title(self, definition: DashboardDefinition, now: datetime | None = None) -> str:
        """ "Leadership · Last 30 days (06/11/2026 – 06/12/2026) · all wards": a figure in the pack
        means nothing without the period and ward it covers."""
        filters = definition.filters
        since, until = (t.astimezone(LOCAL_TZ) for t in filters.bounds(now or datetime.now(UTC), LOCAL_TZ))
        if filters.period == CUSTOM:
            period = fill(self.tr("from %1 to %2"), since.strftime("%d/%m/%Y %H:%M"), until.strftime("%d/%m/%Y %H:%M"))
        elif since.date() == until.date():
            period = f"{kpi_text.tr(kpi_text.PERIOD_NAMES[filters.period])} ({until:%d/%m/%Y})"
        else:
            period = f"{kpi_text.tr(kpi_text.PERIOD_NAMES[filters.period])} ({since:%d/%m/%Y} – {until:%d/%m/%Y})"
        ward = filters.ward or self.tr("All wards")
        return f"{kpi_text.dashboard_title(definition)} · {period} · {ward}"

    def _render(self, entry_id: str, size: QSize) -> QImage:
        """The dashboard as on screen; another one is laid out off screen with its figures (the
        operator's dashboard stays as it is while the pack is made)."""
        entry = self._entry(entry_id)
        if entry is None:
            return QImage()
        definition = self._briefing_definition(entry)
        if (entry.id, definition) == (self._current.id, self._definition):
            image = self.view.grab().toImage()
        else:
            view = DashboardView()
            view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            view.set_definition(definition, lambda _widget: False)
            for source, group_by in definition.queries():
                query = Query(source, group_by, definition.filters)
                answer = self.feed.answer(query.key)
                if answer is not None:
                    view.show_answer(query, answer)
            view.resize(size if not size.isEmpty() else self.view.size())
            view.show()
            image = view.grab().toImage()
            view.close()
            view.deleteLater()
        if image.isNull() or size.isEmpty():
            return image
        return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)

    def briefing_figures(self, entry_id: str) -> list[BriefingFigure]:
        """The tiles' values of that dashboard, each with its as-of time and whether it is from the cache."""
        entry = self._entry(entry_id)
        if entry is None:
            return []
        figures = []
        definition = self._briefing_definition(entry)
        current = (entry.id, definition) == (self._current.id, self._definition)
        for widget in definition.widgets:
            if widget.kind != "tile":
                continue
            card = self.view.cards.get(widget.id) if current else None
            if isinstance(card, KpiTile) and card.answer is not None:
                figures.append(
                    BriefingFigure(
                        kpi_text.widget_title(widget), card.value_text(), card.as_of(), card.answer.from_cache
                    )
                )
                continue
            source, group_by = widget.query()
            answer = self.feed.answer(Query(source, group_by, definition.filters).key)
            figures.append(_figure_from(widget, answer))
        return figures


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _figure_from(widget: Widget, answer: Answer | None) -> BriefingFigure:
    title = kpi_text.widget_title(widget)
    if answer is None:
        return BriefingFigure(title, kpi_text.NO_VALUE, None, False)
    value = figure_value(widget.source, widget.figure, total_figures(widget.source, answer.data))
    return BriefingFigure(
        title,
        kpi_text.format_value(widget.source, widget.figure, value),
        kpi_text.as_of_of(answer.data),
        answer.from_cache,
    )
