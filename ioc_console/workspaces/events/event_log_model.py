"""Table model of the live event log: a bounded ring of recent events, filled in batches."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from ioc_console.services import event_text
from ioc_console.services.event_text import AnalyticsCatalogue
from ioc_console.services.throttle import Throttle
from ioc_domain import levels
from ioc_domain.record_filter import RecordFilter
from widgets.item_roles import LEVEL_ORDER, ItemRole
from widgets.palette import LEVEL_COLOURS, ROUTINE_COLOUR

DEFAULT_CAPACITY = 10_000
DEFAULT_BATCH_MS = 100

COL_TIME, COL_KIND, COL_LEVEL, COL_WARD, COL_SUMMARY = range(5)
#: Put in front of a row's summary while the operator's action on it waits in the outbox (in front,
#: because the end of a long summary is cut off in a narrow column).
PENDING_MARK = QT_TRANSLATE_NOOP("EventLogModel", "⏳ %2 — waiting to send · %1")
_HEADERS = (
    QT_TRANSLATE_NOOP("EventLogModel", "Time"),
    QT_TRANSLATE_NOOP("EventLogModel", "Kind"),
    QT_TRANSLATE_NOOP("EventLogModel", "Severity / status"),
    QT_TRANSLATE_NOOP("EventLogModel", "Ward"),
    QT_TRANSLATE_NOOP("EventLogModel", "Summary"),
)

Index = QModelIndex | QPersistentModelIndex


def as_mapping(obj: Any) -> dict[str, Any] | None:
    """Plain dict of a resource, whatever shape the client gave it (dict, pydantic, dataclass)."""
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return dict(obj)
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(obj)
    return dict(vars(obj))


# What the room's screen shows (a page turn every few seconds while someone presents) is no event.
NOT_LOGGED = frozenset({"meeting_presenter"})


@dataclass(slots=True)
class LogEntry:
    """One row: something happened to a resource at a moment."""

    resource: str
    resource_id: str
    op: str
    data: dict[str, Any] | None
    at: datetime
    seq: int | None = None
    # (generation, texts...) cached display strings; rebuilt when the language changes.
    cache: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> str:
        return f"{self.resource}:{self.resource_id}"

    @property
    def version(self) -> Any:
        return (self.data or {}).get("version")

    @classmethod
    def from_change(cls, change: Any, received_at: datetime | None = None) -> LogEntry:
        """From an API change, whether the client gave it as a model or as a plain dict."""
        if isinstance(change, Mapping):
            resource, change_id, op = change.get("resource"), change.get("id"), change.get("op")
            data, seq = as_mapping(change.get("data")), change.get("seq")
        elif hasattr(change, "resource"):
            # A model (the client's Change) read field by field: dumping the whole change to JSON
            # first cost more than the rest of the row, once per live change on the GUI thread.
            resource, change_id, op = change.resource, getattr(change, "id", None), getattr(change, "op", None)
            data, seq = as_mapping(getattr(change, "data", None)), getattr(change, "seq", None)
        else:
            fields = as_mapping(change) or {}
            resource, change_id, op = fields.get("resource"), fields.get("id"), fields.get("op")
            data, seq = as_mapping(fields.get("data")), fields.get("seq")
        return cls(
            resource=str(resource),
            resource_id=str(change_id),
            op=str(op),
            data=data,
            at=_moment(data, received_at),
            seq=seq,
        )

    @classmethod
    def from_resource(cls, resource: str, item: Any) -> LogEntry:
        data = as_mapping(item) or {}
        # A listed alert is shown at the moment it was detected (its later edits are not
        # separate events here); a live change is shown at the moment it happened.
        keys = ("detected_at", "updated_at") if resource == "alert" else _CHANGE_TIME_KEYS
        return cls(
            resource=resource, resource_id=str(data.get("id", "")), op="upsert", data=data, at=_moment(data, None, keys)
        )


_CHANGE_TIME_KEYS = ("updated_at", "detected_at", "last_phenomenon_time", "updated_datetime")


def _moment(
    data: Mapping[str, Any] | None, fallback: datetime | None, keys: tuple[str, ...] = _CHANGE_TIME_KEYS
) -> datetime:
    """When it happened: the resource's own change time, else when we received it."""
    for key in keys:
        moment = event_text.parse_time((data or {}).get(key))
        if moment is not None:
            return moment
    return fallback or datetime.now(UTC)


class EventLogModel(QAbstractTableModel):
    """Newest event last. Appends are coalesced: bursts are inserted as one block every
    ``batch_ms``, and the oldest rows are removed when over ``capacity``."""

    batch_flushed = Signal(int)  # number of rows appended by the flush

    def __init__(
        self,
        analytics: AnalyticsCatalogue | None = None,
        *,
        capacity: int = DEFAULT_CAPACITY,
        batch_ms: int = DEFAULT_BATCH_MS,
        language: str = "vi",
        level_colours: Mapping[str, QColor] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._rows: list[LogEntry] = []
        self._pending: list[LogEntry] = []
        # key ("alert:17") -> the state label the operator's queued action will lead to.
        self._outbox_marks: dict[str, str] = {}
        self._capacity = capacity
        self._analytics = analytics if analytics is not None else AnalyticsCatalogue()
        self._language = language
        self._generation = 0
        self._colours = dict(level_colours or LEVEL_COLOURS)
        self._icons = {level: _dot_icon(colour) for level, colour in self._colours.items()}
        self._routine_colour = QColor(ROUTINE_COLOUR)
        self._routine_icon = _dot_icon(self._routine_colour)
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._flush_throttle = Throttle(batch_ms, self.flush, self, "eventLogFlushTimer")

    # -- feeding ----------------------------------------------------------------------
    @property
    def capacity(self) -> int:
        return self._capacity

    def pending_count(self) -> int:
        return len(self._pending)

    def append_entry(self, entry: LogEntry) -> None:
        """Queue a row; it appears at the next batch flush (at most ``batch_ms`` later)."""
        if entry.resource in NOT_LOGGED:
            return
        self._pending.append(entry)
        self._flush_throttle.request()

    def append_change(self, change: Any, received_at: datetime | None = None) -> None:
        self.append_entry(LogEntry.from_change(change, received_at or datetime.now(UTC)))

    # -- the operator's queued actions ------------------------------------------------------
    def set_outbox_mark(self, key: str, target_label: str | None) -> None:
        """Mark every row of ``key`` as having an action waiting to be sent (None clears it)."""
        if target_label is None:
            if self._outbox_marks.pop(key, None) is None:
                return
        else:
            self._outbox_marks[key] = target_label
        self._emit_rows_of(key)

    def outbox_mark(self, key: str) -> str | None:
        return self._outbox_marks.get(key)

    def apply_resource(self, resource: str, data: Mapping[str, Any]) -> bool:
        """Show the server's newer copy of a resource (e.g. an applied action) on its latest row."""
        key = f"{resource}:{data.get('id')}"
        row = self.last_row_for_key(key)
        if row < 0:
            return False
        entry = self._rows[row]
        old_version = entry.version
        if isinstance(old_version, int) and isinstance(data.get("version"), int) and data["version"] < old_version:
            return False
        entry.data = dict(data)
        entry.cache = None
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))
        return True

    def update_rows(self, entries: Iterable[LogEntry]) -> set[str]:
        """Show newer copies of resources already in the log on their latest rows, in place: one
        ``dataChanged`` over the changed block, no reset. Returns the keys that have a row (changed
        or already newer)."""
        latest_row = {entry.key: row for row, entry in enumerate(self._rows)}
        present: set[str] = set()
        changed: list[int] = []
        for entry in entries:
            row = latest_row.get(entry.key)
            if row is None or entry.data is None:
                continue
            present.add(entry.key)
            current = self._rows[row]
            old, new = current.version, entry.version
            if isinstance(old, int) and isinstance(new, int) and new <= old:
                continue  # already showing this version or a newer one
            current.data = dict(entry.data)
            current.cache = None
            changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(_HEADERS) - 1))
        return present

    def _emit_rows_of(self, key: str) -> None:
        for row, entry in enumerate(self._rows):
            if entry.key == key:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))

    def flush(self) -> int:
        """Insert every queued row as one block, trimming the oldest rows over capacity."""
        pending, self._pending = self._pending, []
        if not pending:
            return 0
        self._flush_throttle.ran()
        if len(pending) > self._capacity:
            pending = pending[-self._capacity :]
        overflow = len(self._rows) + len(pending) - self._capacity
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self._rows[:overflow]
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(pending) - 1)
        self._rows.extend(pending)
        self.endInsertRows()
        self.batch_flushed.emit(len(pending))
        return len(pending)

    def prepend_history(self, entries: Iterable[LogEntry], *, make_room: bool = False) -> int:
        """Insert older rows (e.g. recent alerts loaded at start) above the live ones.

        Skips rows already present (same resource and version) and keeps to capacity, so
        history never pushes out live rows — unless ``make_room`` (records the operator asked
        for, e.g. the reports behind a dashboard figure): then the oldest rows go first.
        """
        present = {(e.key, e.version) for e in self._rows} | {(e.key, e.version) for e in self._pending}
        fresh = sorted((e for e in entries if (e.key, e.version) not in present), key=lambda e: e.at)
        room = self._capacity - len(self._rows) - len(self._pending)
        if make_room and len(fresh) > room:
            drop = min(len(self._rows), len(fresh) - room)
            if drop > 0:
                self.beginRemoveRows(QModelIndex(), 0, drop - 1)
                del self._rows[:drop]
                self.endRemoveRows()
            room = self._capacity - len(self._rows) - len(self._pending)
        if room <= 0 or not fresh:
            return 0
        fresh = fresh[-room:]
        self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
        self._rows[0:0] = fresh
        self.endInsertRows()
        return len(fresh)

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._pending.clear()
        self.endResetModel()

    # -- language ---------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self._language = language
        self.refresh_texts()

    def refresh_texts(self) -> None:
        """Rebuild every displayed string (after a language change or new analytics names)."""
        self._generation += 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(_HEADERS) - 1))

    # -- reading ------------------------------------------------------------------------
    def entry(self, row: int) -> LogEntry:
        return self._rows[row]

    def last_row_for_key(self, key: str) -> int:
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].key == key:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return QCoreApplication.translate("EventLogModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        texts = self._texts(entry)
        column = index.column()
        mark = self._outbox_marks.get(entry.key) if self._outbox_marks else None
        if role == Qt.ItemDataRole.DisplayRole:
            if mark is not None and column == COL_SUMMARY:
                return event_text.fill(QCoreApplication.translate("EventLogModel", PENDING_MARK), texts[5], mark)
            return texts[1 + column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return texts[7]
        if role == ItemRole.OUTBOX_MARK:
            return mark
        if role == ItemRole.DATA:
            return entry.data
        if role == Qt.ItemDataRole.FontRole and mark is not None and column == COL_SUMMARY:
            return self._italic
        level = texts[0]
        # Routine rows (normal sensor readings, report updates) stay quiet so that alerts and
        # alarms stand out; only alerts use the blue "info" colour.
        routine = level == "info" and entry.resource != "alert"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_LEVEL:
            return self._routine_colour if routine else self._colours.get(level)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_LEVEL:
            return self._routine_icon if routine else self._icons.get(level)
        if role == Qt.ItemDataRole.FontRole and level == "critical" and column == COL_LEVEL:
            return self._bold
        if role == ItemRole.LEVEL:
            return level
        if role == ItemRole.LEVEL_LABEL:
            return event_text.level_label(level)
        if role == ItemRole.ATTENTION:
            return levels.needs_attention(entry.resource, entry.op, entry.data)
        if role == ItemRole.KEY:
            return entry.key
        if role == ItemRole.HEADLINE:
            return texts[8]
        if role == ItemRole.SEARCH_TEXT:
            return texts[6]
        return None

    def _texts(self, entry: LogEntry) -> tuple:
        """(level, time, kind, level/status, ward, summary, search, tooltip, headline)."""
        cache = entry.cache
        if cache is not None and cache[0] == self._generation:
            return cache[1]
        data = entry.data
        level = levels.level_of(entry.resource, data)
        time_text = event_text.format_local_time(entry.at)
        kind = event_text.kind_label(entry.resource)
        status = event_text.level_or_status(entry.resource, data)
        ward = str((data or {}).get("ward") or "")
        summary = event_text.summary(entry.resource, entry.resource_id, entry.op, data, self._analytics, self._language)
        search = event_text.fold_for_search(" ".join((time_text, kind, status, ward, summary, entry.resource_id)))
        headline = " · ".join(part for part in (time_text, ward, summary) if part)  # date too: shifts cross midnight
        # Tool tips guess "rich text" from the content, so backend text is escaped and
        # wrapped to be rendered literally (a description with "<b>" must show "<b>").
        tooltip = (
            "<p>" + html.escape(f"{time_text} · {kind} · {status} · {ward}\n{summary}").replace("\n", "<br>") + "</p>"
        )
        texts = (level, time_text, kind, status, ward, summary, search, tooltip, headline)
        entry.cache = (self._generation, texts)
        return texts


def _dot_icon(colour: QColor) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(2, 2, 10, 10)
    painter.end()
    return QIcon(pixmap)


class EventLogFilterModel(QSortFilterProxyModel):
    """Filters the log by free text (all words, accent-insensitive), a minimum level, and — when a
    dashboard's figure is opened — the records of one resource matching a record filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._minimum = 0
        self._records: tuple[str, RecordFilter] | None = None
        self.setDynamicSortFilter(True)

    def set_record_filter(self, resource: str | None, record_filter: RecordFilter | None = None) -> None:
        """Show only ``resource`` rows that ``record_filter`` matches (ward, source, status, time);
        None: every row again."""
        records = (resource, record_filter) if resource is not None and record_filter is not None else None
        if records != self._records:
            self.beginFilterChange()
            self._records = records
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def record_filter(self) -> tuple[str, RecordFilter] | None:
        return self._records

    def set_text_filter(self, text: str) -> None:
        words = tuple(event_text.fold_for_search(text).split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_minimum_level(self, level: str) -> None:
        minimum = LEVEL_ORDER.get(level, 0)
        if minimum != self._minimum:
            self.beginFilterChange()
            self._minimum = minimum
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._records is not None:
            resource, record_filter = self._records
            if not str(index.data(ItemRole.KEY) or "").startswith(f"{resource}:"):
                return False
            if not record_filter.matches(resource, index.data(ItemRole.DATA) or {}):
                return False
        if self._minimum and LEVEL_ORDER.get(index.data(ItemRole.LEVEL), 0) < self._minimum:
            return False
        if self._words:
            haystack = index.data(ItemRole.SEARCH_TEXT) or ""
            return all(word in haystack for word in self._words)
        return True
