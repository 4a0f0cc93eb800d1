"""Table model of the operator's queued actions (the outbox), kept current from the sync engine."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from ioc_console.services import event_text, outbox_text
from ioc_console.services.connection import ConnectionService

log = logging.getLogger(__name__)

COL_STATE, COL_ACTION, COL_TIME, COL_DETAIL = range(4)
_HEADERS = (
    QT_TRANSLATE_NOOP("OutboxModel", "State"),
    QT_TRANSLATE_NOOP("OutboxModel", "Action"),
    QT_TRANSLATE_NOOP("OutboxModel", "Taken at"),
    QT_TRANSLATE_NOOP("OutboxModel", "Detail"),
)
OPEN_STATES = ("pending", "sending")
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 40
STATE_ROLE = Qt.ItemDataRole.UserRole + 41
_STATE_COLOURS = {
    "pending": "#e0a030",
    "sending": "#e0a030",
    "applied": "#4caf50",
    "conflict": "#e05252",
    "failed": "#e05252",
    "cancelled": "#8a8f98",
}

Index = QModelIndex | QPersistentModelIndex


class OutboxModel(QAbstractTableModel):
    """Newest action first. Also says, per resource, what the operator's waiting actions will make
    of it (``resource_marked``) and when the server applied one (``resource_applied``), so that any
    workspace showing the resource can mark it "waiting to send" — without this model knowing them."""

    counts_changed = Signal(int, int)  # (actions not yet delivered, conflicts)
    #: ("alert:17", label of the state the newest waiting action leads to, or None once none waits)
    resource_marked = Signal(str, object)
    #: (resource, its copy from the server's answer to an applied action)
    resource_applied = Signal(str, object)

    def __init__(self, connection: ConnectionService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._marks: dict[str, str] = {}
        self._entries: list[Any] = []  # newest first
        self._rows_by_id: dict[int, int] = {}
        self._counts = (0, 0)
        connection.cache_ready.connect(lambda _store: self.reload())
        connection.outbox_changed.connect(self.upsert)

    # -- feeding ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read every outbox entry from the cache on the cache pool."""
        self._connection.read_cache(
            lambda store: store.entries(),
            on_success=self.replace_all,
            on_failure=lambda e: log.warning("could not read the outbox: %s", e),
            parent=self,
        )

    def replace_all(self, entries: Iterable[Any]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: e.id, reverse=True)
        self._reindex()
        self.endResetModel()
        for entry in self._entries:
            self._mark(entry)
        self._emit_counts()

    def upsert(self, entry: Any) -> None:
        """Show ``entry``'s newest state (a submit result or an engine report)."""
        row = self._rows_by_id.get(entry.id)
        if row is not None:
            old = self._entries[row]
            if _later(old, entry):
                return  # an older report arriving after a newer one (different threads)
            self._entries[row] = entry
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))
        else:
            position = next((i for i, e in enumerate(self._entries) if e.id < entry.id), len(self._entries))
            self.beginInsertRows(QModelIndex(), position, position)
            self._entries.insert(position, entry)
            self._reindex()
            self.endInsertRows()
        self._mark(entry)
        self._emit_counts()

    def _reindex(self) -> None:
        self._rows_by_id = {entry.id: row for row, entry in enumerate(self._entries)}

    def _mark(self, entry: Any) -> None:
        """Tell listeners what the entry's resource now waits for (and its applied copy)."""
        if not entry.resource or entry.resource_id is None:
            return
        key = f"{entry.resource}:{entry.resource_id}"
        if entry.state == "applied" and isinstance(entry.response, dict):
            self.resource_applied.emit(entry.resource, entry.response)
        waiting = next(
            (
                e
                for e in self._entries
                if e.state in OPEN_STATES and e.resource == entry.resource and e.resource_id == entry.resource_id
            ),
            None,
        )
        # The newest waiting action decides what the resource will become.
        label = outbox_text.target_label(waiting) if waiting is not None else None
        if label is None and self._marks.pop(key, None) is None:
            return
        if label is not None:
            if self._marks.get(key) == label:
                return
            self._marks[key] = label
        self.resource_marked.emit(key, label)

    def marks(self) -> dict[str, str]:
        """Every resource with an action waiting: key -> label (for a view built after they were queued)."""
        return dict(self._marks)

    def _emit_counts(self) -> None:
        counts = (
            sum(1 for e in self._entries if e.state in OPEN_STATES),
            sum(1 for e in self._entries if e.state == "conflict"),
        )
        if counts != self._counts:
            self._counts = counts
            self.counts_changed.emit(*counts)

    # -- reading ----------------------------------------------------------------------------
    def pending_count(self) -> int:
        return self._counts[0]

    def conflict_count(self) -> int:
        return self._counts[1]

    def entry(self, row: int) -> Any:
        return self._entries[row]

    def entries(self) -> list[Any]:
        return list(self._entries)

    def refresh_texts(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, len(_HEADERS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return QCoreApplication.translate("OutboxModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == ENTRY_ROLE:
            return entry
        if role == STATE_ROLE:
            return entry.state
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_STATE:
                return outbox_text.state_label(entry.state)
            if column == COL_TIME:
                moment = event_text.parse_time(entry.created_at)
                return event_text.format_local_time(moment) if moment is not None else entry.created_at
            if column == COL_ACTION:
                return outbox_text.describe(entry)
            if column == COL_DETAIL:
                return _detail(entry)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATE:
            return QColor(_STATE_COLOURS.get(entry.state, "#c8ccd4"))
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_ACTION:
            return "<p>" + _escape(outbox_text.describe(entry)) + "</p>"
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DETAIL and entry.last_error:
            return "<p>" + _escape(entry.last_error) + "</p>"
        return None


def _escape(text: str) -> str:
    import html

    return html.escape(str(text))


def _detail(entry: Any) -> str:
    if entry.state == "conflict":
        return QCoreApplication.translate("OutboxModel", "Changed on the server meanwhile: choose in Conflicts")
    if entry.state == "failed":
        return event_text.fill(
            QCoreApplication.translate("OutboxModel", "The server refused it: %1"), str(entry.last_error or "")
        )
    if entry.state in OPEN_STATES and entry.attempts:
        return event_text.fill(QCoreApplication.translate("OutboxModel", "Attempts: %1"), str(entry.attempts))
    return ""


def _later(old: Any, new: Any) -> bool:
    """True if ``old`` is a later report of the same entry than ``new``."""
    return (old.updated_at or "") > (new.updated_at or "")


class ConflictFilterModel(QSortFilterProxyModel):
    """Only the entries in conflict."""

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self.sourceModel().index(source_row, 0, source_parent).data(STATE_ROLE) == "conflict"
