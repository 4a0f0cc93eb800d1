"""The "Live events" workspace: the event log view wired to the shared log model, settings and saved views."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ioc_console.services.context import ConsoleContext
from ioc_console.workspaces.events.alert_actions import AlertActions
from ioc_console.workspaces.events.event_log_model import EventLogFilterModel
from ioc_console.workspaces.events.saved_views_control import SavedViewsControl
from widgets.event_log import EventLogView


class EventsWorkspace(QWidget):
    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsWorkspace")
        self._settings = context.settings
        self.filter_model = EventLogFilterModel(self)
        self.filter_model.setSourceModel(context.event_log)
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
        self.saved_views = SavedViewsControl(context.connection, self.view, self)
        self.view.add_bar_widget(self.saved_views, 2)

    def focus_filter(self) -> None:
        self.view.focus_filter()

    def reveal(self, source_index: QModelIndex | QPersistentModelIndex) -> bool:
        return self.view.reveal(source_index)

    def save_state(self) -> QByteArray:
        return self.view.header_state()

    def restore_state(self, state: QByteArray) -> None:
        self.view.restore_header_state(state)

    def _remember_follow(self, follow: bool) -> None:
        self._settings.event_log_follow = follow

    def _remember_level(self, *_: object) -> None:
        self._settings.event_log_minimum_level = self.view.minimum_level()
