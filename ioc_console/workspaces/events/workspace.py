"""The "Live events" workspace: the event log, its feed, alert actions and saved views (the alert ticker
lives with the alert queues, which hold every alert)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backend_client.sync.saved_views import EVENT_LOG_KIND
from ioc_console.services import event_text
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill
from ioc_console.services.navigation import APPLY_REPORT_FILTER, REVEAL_EVENT
from ioc_console.services.workspace import Workspace, WorkspaceAction
from ioc_console.workspaces.events.alert_actions import AlertActions
from ioc_console.workspaces.events.event_feed import EventFeed
from ioc_console.workspaces.events.event_log_model import EventLogFilterModel, EventLogModel
from ioc_console.workspaces.events.saved_views_control import SavedViewsControl
from ioc_domain.alerts import ALERT_WRITE_PERMISSION
from ioc_domain.record_filter import RecordFilter
from ioc_domain.statuses import REPORT_SOURCES, REPORT_STATUSES
from widgets.event_log import EventLogView

log = logging.getLogger(__name__)

KEY = "events"


class EventsWorkspace(Workspace):
    saved_view_kind = EVENT_LOG_KIND

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsWorkspace")
        self._settings = context.settings
        self._navigation = context.navigation
        languages = context.languages
        self.model = EventLogModel(context.analytics, language=languages.language() or "vi", parent=self)
        languages.language_changed.connect(self.model.set_language)
        self.feed = EventFeed(context.connection, self.model, context.analytics, parent=self)
        self.feed.stats_changed.connect(self._update_stats)
        self.feed.history_failed.connect(self._on_history_failed)
        # "Waiting to send" marks: the outbox says which resource waits for what.
        outbox = context.outbox
        for key, label in outbox.marks().items():
            self.model.set_outbox_mark(key, label)
        outbox.resource_marked.connect(self.model.set_outbox_mark)
        outbox.resource_applied.connect(self.model.apply_resource)

        self.filter_model = EventLogFilterModel(self)
        self.filter_model.setSourceModel(self.model)
        self.view = EventLogView(
            self.filter_model,
            self,
            follow=self._settings.event_log_follow,
            minimum_level=self._settings.event_log_minimum_level,
        )
        self.view.follow_changed.connect(self._remember_follow)
        self.view.level_combo().currentIndexChanged.connect(self._remember_level)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.view)
        self.alert_actions = AlertActions(context.connection, self.view.table(), self, analytics=context.analytics)
        self.alert_actions.status_message.connect(self.status_message)
        self.saved_views = SavedViewsControl(context.connection, self.view, self, kind=self.saved_view_kind or "")
        self.view.add_bar_widget(self.saved_views, 2)

        self.events_label = QLabel(self)
        self.events_label.setObjectName("statusEvents")
        self.last_event_label = QLabel(self)
        self.last_event_label.setObjectName("statusLastEvent")

        # The reports behind a dashboard figure: a strip above the log says which, and undoes it.
        self.records_bar = QWidget(self)
        self.records_bar.setObjectName("eventRecordFilterBar")
        strip = QHBoxLayout(self.records_bar)
        strip.setContentsMargins(0, 0, 0, 0)
        self.records_label = QLabel(self.records_bar)
        self.records_label.setObjectName("eventRecordFilterLabel")
        self.records_label.setTextFormat(Qt.TextFormat.PlainText)
        self.records_label.setWordWrap(True)
        self.records_clear = QPushButton(self.records_bar)
        self.records_clear.setObjectName("eventRecordFilterClear")
        self.records_clear.clicked.connect(self.clear_record_filter)
        strip.addWidget(self.records_label, 1)
        strip.addWidget(self.records_clear)
        self.records_bar.setVisible(False)
        layout.insertWidget(0, self.records_bar)
        self._records_shown: tuple[int, int] | None = None
        self.feed.matching_loaded.connect(self._matching_loaded)

        self._navigation.handle(REVEAL_EVENT, KEY, self._reveal_intent)
        self._navigation.handle(APPLY_REPORT_FILTER, KEY, self._report_filter_intent)
        self.retranslate_ui()
        if context.connection.store is not None:
            # The window (and so this page) may be built after the cache opened (sign-in first).
            self.feed.load_history()

    # -- the workspace contract ------------------------------------------------------------
    def workspace_actions(self) -> list[WorkspaceAction]:
        alerts = self.alert_actions
        alert_rows = [
            (alerts.act_acknowledge, lambda: self.tr("Event log: acknowledge the selected alert")),
            (
                alerts.act_verify,
                lambda: self.tr("Event log: verify the selected alert on camera (real incident or false alarm)…"),
            ),
            (alerts.act_dispatch, lambda: self.tr("Event log: dispatch the selected alert to a unit…")),
            (alerts.act_start, lambda: self.tr("Event log: start handling the selected alert")),
            (alerts.act_close, lambda: self.tr("Event log: close the selected alert…")),
            (alerts.act_note, lambda: self.tr("Event log: add a note to the selected alert…")),
        ]
        listed = [WorkspaceAction(act, text, permission=ALERT_WRITE_PERMISSION) for act, text in alert_rows]
        listed.append(
            WorkspaceAction(
                self.saved_views.act_save,
                lambda: self.tr("Event log: save the current filters as a view…"),
                permission="self",
            )
        )
        return listed

    def status_items(self) -> list[QWidget]:
        return [self.events_label, self.last_event_label]

    def focus_filter(self) -> bool:
        self.view.focus_filter()
        return True

    def save_state(self) -> QByteArray:
        return self.view.header_state()

    def restore_state(self, state: QByteArray) -> None:
        self.view.restore_header_state(state)

    def retranslate_ui(self) -> None:
        self._update_stats()
        self.records_clear.setText(self.tr("Show all events"))
        self._update_records_bar()

    # -- revealing a row ---------------------------------------------------------------------
    def reveal(self, source_index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.view.reveal(source_index)

    def _reveal_intent(self, payload: Mapping[str, Any]) -> bool:
        index = payload.get("index")
        if isinstance(index, QPersistentModelIndex) and index.isValid():
            return self.reveal(index)
        row = self.model.last_row_for_key(str(payload.get("key") or ""))
        return row >= 0 and self.reveal(self.model.index(row, 0))

    # -- the reports behind a figure ---------------------------------------------------------
    def _report_filter_intent(self, payload: Mapping[str, Any]) -> bool:
        data = payload.get("filter")
        try:
            if not isinstance(data, Mapping):
                raise ValueError("the filter must be a mapping")
            record_filter = RecordFilter.from_dict(data)
            unknown = (record_filter.categories - set(REPORT_SOURCES)) | (record_filter.statuses - set(REPORT_STATUSES))
            if unknown:
                raise ValueError(f"not report sources or statuses: {sorted(unknown)}")
        except (ValueError, TypeError) as exc:
            log.warning("report filter refused: %s", exc)
            self.status_message.emit(self.tr("The report filter could not be read; the event log is unchanged."), 8000)
            return False
        self.apply_report_filter(record_filter)
        return True

    def apply_report_filter(self, record_filter: RecordFilter) -> None:
        """Show the citizen reports ``record_filter`` matches: those in the log now, the matching ones
        from the cache (newest first), and matching reports arriving live."""
        self.view.apply_filters("", "info")  # a text or level filter must not hide what was asked for
        self.filter_model.set_record_filter("report", record_filter)
        self._records_shown = None
        self._update_records_bar()
        self.records_bar.setVisible(True)
        self.feed.load_matching("report", record_filter)

    def clear_record_filter(self) -> None:
        self.filter_model.set_record_filter(None)
        self.records_bar.setVisible(False)

    def _matching_loaded(self, resource: str, shown: int, count: int) -> None:
        if resource == "report" and self.filter_model.record_filter() is not None:
            self._records_shown = (shown, count)
            self._update_records_bar()

    def _update_records_bar(self) -> None:
        records = self.filter_model.record_filter()
        if records is None:
            return
        record_filter = records[1]
        parts = [self.tr("Citizen reports")]
        parts += sorted(record_filter.wards)
        parts += [event_text.tr(event_text.REPORT_SOURCES[c]) for c in sorted(record_filter.categories)]
        if record_filter.statuses:
            parts.append(", ".join(event_text.status_label("report", s) for s in sorted(record_filter.statuses)))
        if record_filter.since is not None and record_filter.until is not None:
            parts.append(
                f"{event_text.format_local_time(record_filter.since)[:11]} – "
                f"{event_text.format_local_time(record_filter.until)[:11]}"
            )
        text = " · ".join(parts)
        if self._records_shown is not None:
            shown, count = self._records_shown
            if shown < count:
                text += " — " + fill(self.tr("the newest %1 of %2 matching"), str(shown), str(count))
            else:
                text += " — " + fill(self.tr("%1 matching"), str(count))
        self.records_label.setText(text)

    # -- status ------------------------------------------------------------------------------
    def _update_stats(self) -> None:
        feed = self.feed
        self.events_label.setText(fill(self.tr("Events received: %1"), str(feed.events_received)))
        if feed.last_event_at is None:
            self.last_event_label.setText(self.tr("Last event: none yet"))
        else:
            self.last_event_label.setText(
                fill(self.tr("Last event: %1"), event_text.format_local_time(feed.last_event_at)[-8:])
            )

    def _on_history_failed(self, error: BaseException) -> None:
        self.status_message.emit(
            fill(self.tr("Could not load recent alerts: %1"), getattr(error, "message", str(error))), 15_000
        )

    def _remember_follow(self, follow: bool) -> None:
        self._settings.event_log_follow = follow

    def _remember_level(self, *_: object) -> None:
        self._settings.event_log_minimum_level = self.view.minimum_level()
