"""The bar above the alert queue while a record filter from the map narrows it: what the filter
keeps (time window, categories, statuses, wards) and a "Clear filter" button."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ioc_console.services import event_text
from ioc_console.services.event_text import fill
from ioc_console.workspaces.alerts.queue_list import queue_title
from ioc_domain.alert_queues import GROUP_PREFIX
from ioc_domain.record_filter import CUSTOM, RecordFilter


def _when(moment: datetime | None) -> str:
    return event_text.format_local_time(moment) if moment is not None else "…"


def window_text(record_filter: RecordFilter) -> str:
    """The time window in words ("last hour", "05/12 08:00 – 05/12 10:00")."""
    window = record_filter.window
    if window == "hour":
        return QCoreApplication.translate("AlertFilterBar", "last hour")
    if window == "day":
        return QCoreApplication.translate("AlertFilterBar", "last 24 hours")
    if window == "week":
        return QCoreApplication.translate("AlertFilterBar", "last 7 days")
    if window == CUSTOM:
        return fill(
            QCoreApplication.translate("AlertFilterBar", "%1 – %2"),
            _when(record_filter.since),
            _when(record_filter.until),
        )
    return QCoreApplication.translate("AlertFilterBar", "any time")


def filter_summary(record_filter: RecordFilter) -> str:
    """One line: "Time: last hour · Categories: Traffic · Statuses: New · Wards: Phường Thuận Hóa"."""
    parts = [fill(QCoreApplication.translate("AlertFilterBar", "Time: %1"), window_text(record_filter))]
    if record_filter.categories:
        names = ", ".join(queue_title(GROUP_PREFIX + c) for c in sorted(record_filter.categories))
        parts.append(fill(QCoreApplication.translate("AlertFilterBar", "Categories: %1"), names))
    if record_filter.statuses:
        names = ", ".join(event_text.status_label("alert", s) for s in sorted(record_filter.statuses))
        parts.append(fill(QCoreApplication.translate("AlertFilterBar", "Statuses: %1"), names))
    if record_filter.wards:
        parts.append(
            fill(QCoreApplication.translate("AlertFilterBar", "Wards: %1"), ", ".join(sorted(record_filter.wards)))
        )
    return " · ".join(parts)


class AlertFilterBar(QFrame):
    """Shown while a filter from the map is applied; ``clear_requested`` when the operator clears it."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertMapFilterBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._filter: RecordFilter | None = None
        self.label = QLabel(self)
        self.label.setObjectName("alertMapFilterText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("alertMapFilterClear")
        self.clear_button.clicked.connect(self.clear_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        self.hide()
        self.retranslate_ui()

    def set_filter(self, record_filter: RecordFilter | None) -> None:
        self._filter = record_filter
        self.retranslate_ui()
        self.setVisible(record_filter is not None)

    def text(self) -> str:
        return self.label.text()

    def retranslate_ui(self) -> None:
        self.clear_button.setText(self.tr("Clear filter"))
        if self._filter is None:
            self.label.clear()
            return
        self.label.setText(fill(self.tr("Filter from the map applied — %1"), filter_summary(self._filter)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
