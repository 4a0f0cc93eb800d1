"""The "Live events" workspace: the event log, its feed, alert actions and saved views (the alert ticker
lives with the alert queues, which hold every alert)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from backend_client.sync.saved_views import EVENT_LOG_KIND
from ioc_console.services import event_text
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill
from ioc_console.services.navigation import REVEAL_EVENT
from ioc_console.services.workspace import Workspace, WorkspaceAction
from ioc_console.workspaces.events.alert_actions import AlertActions
from ioc_console.workspaces.events.event_feed import EventFeed
from ioc_console.workspaces.events.event_log_model import EventLogFilterModel, EventLogModel
from ioc_console.workspaces.events.saved_views_control import SavedViewsControl
from ioc_domain.alerts import ALERT_WRITE_PERMISSION
from widgets.event_log import EventLogView

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

        self._navigation.handle(REVEAL_EVENT, KEY, self._reveal_intent)
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

    # -- revealing a row ---------------------------------------------------------------------
    def reveal(self, source_index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.view.reveal(source_index)

    def _reveal_intent(self, payload: Mapping[str, Any]) -> bool:
        index = payload.get("index")
        if isinstance(index, QPersistentModelIndex) and index.isValid():
            return self.reveal(index)
        row = self.model.last_row_for_key(str(payload.get("key") or ""))
        return row >= 0 and self.reveal(self.model.index(row, 0))

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
