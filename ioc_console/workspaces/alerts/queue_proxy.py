"""One queue of the alert model, filtered by text (and by a record filter from the map) and kept
in triage order, updated row by row.

A custom proxy rather than QSortFilterProxyModel: with 100,000 alerts, a Python ``lessThan`` or
``filterAcceptsRow`` called per comparison stalls the GUI thread for seconds. Here membership is a
bit test on the model's precomputed masks, the order Python's sort on precomputed keys, and a
batch that changed a few alerts moves only those rows (insert / remove), so the selection and the
current alert stay where they were.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ioc_console.services import event_text
from ioc_console.workspaces.alerts.queue_model import AlertQueueModel
from ioc_domain.alert_queues import OPEN, queue_bit
from ioc_domain.record_filter import RecordFilter

Index = QModelIndex | QPersistentModelIndex
# Above this many separate places to insert or remove at, one layout change is cheaper for the
# view than that many row signals (a catch-up page scatters its alerts across the queue).
MAX_RUNS = 32


class AlertQueueProxy(QAbstractProxyModel):
    """The alerts of one queue (ioc_domain.alert_queues.QUEUES) matching a free-text filter and
    a :class:`RecordFilter` (the one the map applies).

    Both filters narrow this table only: the model's queue counts and "new" badges stay those of
    the whole queues (an alert arriving outside the filter must still be counted and badged),
    while the status bar's count is this proxy's row count, the rows the operator sees."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: AlertQueueModel | None = None
        self._queue = OPEN
        self._bit = queue_bit(OPEN)
        self._words: tuple[str, ...] = ()
        self._record_filter: RecordFilter | None = None  # None: no filter from the map
        self._rows: list[int] = []  # source rows, in triage order
        self._keys: list[tuple[int, float, int]] = []  # their sort keys (parallel to _rows)
        self._member: dict[int, tuple[int, float, int]] = {}  # source row -> the key it is placed by

    # -- configuration -----------------------------------------------------------------------
    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, AlertQueueModel):
            raise TypeError("AlertQueueProxy works over an AlertQueueModel")
        if self._model is not None:
            self._model.rowsInserted.disconnect(self._on_rows_inserted)
            self._model.rows_updated.disconnect(self._on_rows_updated)
            self._model.dataChanged.disconnect(self._on_data_changed)
            self._model.modelReset.disconnect(self._rebuild)
            self._model.headerDataChanged.disconnect(self.headerDataChanged)
        self._model = model
        super().setSourceModel(model)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.rows_updated.connect(self._on_rows_updated)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._rebuild)
        model.headerDataChanged.connect(self.headerDataChanged)
        self._rebuild()

    def queue(self) -> str:
        return self._queue

    def set_queue(self, queue: str) -> None:
        """Show another queue (rebuilt once: the whole list changes anyway)."""
        if queue == self._queue:
            return
        self._queue = queue
        self._bit = queue_bit(queue)
        self._rebuild()

    def set_text_filter(self, text: str) -> None:
        """Keep the alerts whose text holds every word (accent- and case-insensitive)."""
        words = tuple(event_text.fold_for_search(text).split())
        if words != self._words:
            self._words = words
            self._rebuild()

    def text_filter_words(self) -> tuple[str, ...]:
        return self._words

    def set_record_filter(self, record_filter: RecordFilter | None) -> None:
        """Keep only the alerts ``record_filter`` matches (None or an empty filter: all of them)."""
        wanted = None if record_filter is None or record_filter.is_empty else record_filter
        if wanted != self._record_filter:
            self._record_filter = wanted
            self._rebuild()

    def record_filter(self) -> RecordFilter | None:
        return self._record_filter

    def recheck_time(self) -> None:
        """The clock moved on: alerts that fell out of a rolling window ("last hour") leave the
        queue row by row (the selection stays where it was). Nothing to do without a window."""
        if self._record_filter is not None and self._record_filter.window is not None and self._rows:
            self._on_rows_updated(sorted(self._rows))

    # -- membership ------------------------------------------------------------------------
    def _accepts(self, row: int) -> bool:
        model = self._model
        assert model is not None
        if not model.masks()[row] & self._bit:
            return False
        if self._words:
            haystack = model.search_text(row)
            if not all(word in haystack for word in self._words):
                return False
        if self._record_filter is not None:
            alert = model.alert_at(row)
            return alert is not None and self._record_filter.matches("alert", alert, model.now())
        return True

    def _rebuild(self) -> None:
        model = self._model
        self.beginResetModel()
        if model is None:
            rows: list[int] = []
        else:
            masks, keys, bit = model.masks(), model.sort_keys(), self._bit
            rows = [row for row, mask in enumerate(masks) if mask & bit]
            if self._words or self._record_filter is not None:
                rows = [row for row in rows if self._accepts(row)]
            rows.sort(key=keys.__getitem__)
        self._rows = rows
        if model is not None:
            keys = model.sort_keys()
            self._keys = [keys[row] for row in rows]
        else:
            self._keys = []
        self._member = dict(zip(self._rows, self._keys, strict=True))
        self.endResetModel()

    # -- following the model ---------------------------------------------------------------
    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        self._apply(set(), [row for row in range(first, last + 1) if self._accepts(row)])

    def _on_rows_updated(self, rows: list[int]) -> None:
        assert self._model is not None
        keys = self._model.sort_keys()
        remove: set[int] = set()
        insert: list[int] = []
        for row in rows:
            accepted = self._accepts(row)
            placed = self._member.get(row)
            if placed is not None and (not accepted or placed != keys[row]):
                remove.add(row)
            if accepted and (placed is None or row in remove):
                insert.append(row)
        if remove or insert:
            self._apply(remove, insert)

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any = ()) -> None:
        # Repaint the changed columns of the queue: the view only asks for the visible cells.
        if self._rows:
            self.dataChanged.emit(
                self.index(0, top_left.column()), self.index(len(self._rows) - 1, bottom_right.column())
            )

    def _apply(self, remove: set[int], insert: list[int]) -> None:
        """Take out ``remove`` (placed rows) and put in ``insert`` (source rows not placed now)."""
        assert self._model is not None
        keys = self._model.sort_keys()
        insert.sort(key=keys.__getitem__)
        remove_positions = sorted(self._position(row) for row in remove)
        insert_positions = [bisect_left(self._keys, keys[row]) for row in insert]
        runs = _count_runs(remove_positions) + len(set(insert_positions))
        if runs > MAX_RUNS:
            self._relayout(remove, insert)
            return
        for start, end in reversed(_runs(remove_positions)):
            self.beginRemoveRows(QModelIndex(), start, end)
            for row in self._rows[start : end + 1]:
                del self._member[row]
            del self._rows[start : end + 1]
            del self._keys[start : end + 1]
            self.endRemoveRows()
        # Positions again, now that the removed rows are gone; equal positions form one block.
        insert_positions = [bisect_left(self._keys, keys[row]) for row in insert]
        index = len(insert)
        while index > 0:
            position = insert_positions[index - 1]
            start = index - 1
            while start > 0 and insert_positions[start - 1] == position:
                start -= 1
            block = insert[start:index]
            self.beginInsertRows(QModelIndex(), position, position + len(block) - 1)
            self._rows[position:position] = block
            self._keys[position:position] = [keys[row] for row in block]
            for row in block:
                self._member[row] = keys[row]
            self.endInsertRows()
            index = start

    def _relayout(self, remove: set[int], insert: list[int]) -> None:
        """Many scattered changes at once: add the new rows as one block, reorder once (the
        selection and current row follow through the persistent indexes), drop the leavers as one block."""
        keys = self._model.sort_keys() if self._model is not None else []
        # A row both leaving and coming back only changed place: the reorder moves it.
        moving = remove.intersection(insert)
        remove = remove - moving
        insert = [row for row in insert if row not in moving]
        for row in moving:
            self._member[row] = keys[row]
        if insert:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(insert) - 1)
            self._rows.extend(insert)
            self._keys.extend(keys[row] for row in insert)
            for row in insert:
                self._member[row] = keys[row]
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        kept = sorted((row for row in old_rows if row not in remove), key=keys.__getitem__)
        leaving = [row for row in old_rows if row in remove]
        new_rows = kept + leaving
        where = {row: position for position, row in enumerate(new_rows)}
        persistent = self.persistentIndexList()
        moved = [self.index(where[old_rows[index.row()]], index.column()) for index in persistent]
        self._rows = new_rows
        self._keys = [keys[row] for row in kept] + [self._member[row] for row in leaving]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        if leaving:
            start = len(kept)
            self.beginRemoveRows(QModelIndex(), start, len(new_rows) - 1)
            for row in leaving:
                del self._member[row]
            del self._rows[start:]
            del self._keys[start:]
            self.endRemoveRows()

    def _position(self, row: int) -> int:
        """Where source ``row`` sits in the queue (-1: not in it)."""
        key = self._member.get(row)
        if key is None:
            return -1
        position = bisect_left(self._keys, key)
        if position < len(self._rows) and self._rows[position] == row:
            return position
        return self._rows.index(row)  # only while a block is being laid out

    # -- reading -----------------------------------------------------------------------------
    def source_row(self, row: int) -> int:
        return self._rows[row]

    def row_of(self, alert_id: Any) -> int:
        """The queue row of the alert ``alert_id`` (-1: not in this queue as filtered)."""
        if self._model is None:
            return -1
        source = self._model.row_of(alert_id)
        return self._position(source) if source >= 0 else -1

    def alert_at(self, row: int) -> dict[str, Any] | None:
        if self._model is None or not 0 <= row < len(self._rows):
            return None
        return self._model.alert_at(self._rows[row])

    # -- Qt proxy model ---------------------------------------------------------------------
    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802 - Qt API
        if self._model is None or not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._rows):
            return QModelIndex()
        return self._model.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802 - Qt API
        if not source_index.isValid():
            return QModelIndex()
        position = self._position(source_index.row())
        return self.index(position, source_index.column()) if position >= 0 else QModelIndex()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not 0 <= row < len(self._rows) or not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._model is None else self._model.columnCount()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if self._model is None or not index.isValid() or not 0 <= row < len(self._rows):
            return None
        return self._model.row_data(self._rows[row], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and self._model is not None:
            return self._model.headerData(section, orientation, role)
        return None


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted positions as (first, last) blocks of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] + 1 == position:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs


def _count_runs(positions: list[int]) -> int:
    return len(_runs(positions))
