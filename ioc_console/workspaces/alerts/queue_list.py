"""The list of alert queues beside the table: each with its live count and a "new" badge."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ioc_console.services.event_text import fill
from ioc_console.workspaces.alerts.queue_model import AlertQueueModel
from ioc_domain import alert_queues
from ioc_domain.alert_queues import GROUP_PREFIX, QUEUE_PERMISSION, QUEUES
from ioc_domain.roles import may

_CTX = "AlertQueueList"
QUEUE_TITLES: dict[str, str] = {
    alert_queues.OPEN: QT_TRANSLATE_NOOP("AlertQueueList", "All open"),
    GROUP_PREFIX + "traffic": QT_TRANSLATE_NOOP("AlertQueueList", "Traffic"),
    GROUP_PREFIX + "urban_order": QT_TRANSLATE_NOOP("AlertQueueList", "Urban order"),
    GROUP_PREFIX + "public_safety": QT_TRANSLATE_NOOP("AlertQueueList", "Public safety"),
    GROUP_PREFIX + "forest_fire": QT_TRANSLATE_NOOP("AlertQueueList", "Forest fire"),
    GROUP_PREFIX + "disaster": QT_TRANSLATE_NOOP("AlertQueueList", "Natural disaster"),
    alert_queues.MINE: QT_TRANSLATE_NOOP("AlertQueueList", "Mine"),
    alert_queues.NEW: QT_TRANSLATE_NOOP("AlertQueueList", "New (not acknowledged)"),
    alert_queues.BREACHED: QT_TRANSLATE_NOOP("AlertQueueList", "SLA breached (escalation)"),
    alert_queues.FALSE_ALARM_REVIEW: QT_TRANSLATE_NOOP("AlertQueueList", "False alarms to review"),
}
QUEUE_ROLE = Qt.ItemDataRole.UserRole + 60


def queue_title(queue: str) -> str:
    return QCoreApplication.translate(_CTX, QUEUE_TITLES.get(queue, queue))


class QueueList(QListWidget):
    """One line per queue the role may see: "Forest fire   12   (3 new)"; picking one emits ``queue_chosen``."""

    queue_chosen = Signal(str)

    def __init__(self, model: AlertQueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertQueueList")
        self._model = model
        self._role: str | None = None
        self._building = False
        model.counts_changed.connect(self.refresh)
        self.currentItemChanged.connect(self._on_current)
        self.set_role(None)

    def set_role(self, role: str | None) -> None:
        """Show the queues ``role`` may see (the escalation queue only to supervisors)."""
        self._role = role
        current = self.current_queue()
        self._building = True
        self.clear()
        for queue in QUEUES:
            permission = QUEUE_PERMISSION.get(queue)
            if permission is not None and not may(role, permission):
                continue
            item = QListWidgetItem(self)
            item.setData(QUEUE_ROLE, queue)
        self._building = False
        self.refresh()
        self.select_queue(current if current in self.queues() else alert_queues.OPEN)

    def queues(self) -> list[str]:
        return [self.item(row).data(QUEUE_ROLE) for row in range(self.count())]

    def current_queue(self) -> str | None:
        item = self.currentItem()
        return item.data(QUEUE_ROLE) if item is not None else None

    def select_queue(self, queue: str) -> bool:
        for row in range(self.count()):
            if self.item(row).data(QUEUE_ROLE) == queue:
                self.setCurrentRow(row)
                return True
        return False

    def item_text(self, queue: str) -> str:
        for row in range(self.count()):
            if self.item(row).data(QUEUE_ROLE) == queue:
                return self.item(row).text()
        return ""

    def refresh(self) -> None:
        """Counts and badges as the model has them now."""
        for row in range(self.count()):
            item = self.item(row)
            queue = item.data(QUEUE_ROLE)
            count, badge = self._model.count(queue), self._model.badge(queue)
            text = fill(self.tr("%1 — %2"), queue_title(queue), str(count))
            if badge:
                text = fill(self.tr("%1  ● %2 new"), text, str(badge))
            item.setText(text)
            font = item.font()
            font.setBold(badge > 0)
            item.setFont(font)

    def retranslate_ui(self) -> None:
        self.refresh()

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None and not self._building:
            self.queue_chosen.emit(current.data(QUEUE_ROLE))
