"""Every alert the console holds, one row each, for the alert queues: fed in coalesced batches, updated in place.

Rows are never removed or reordered (an alert deleted on the server leaves every queue), so a row
number names one alert for the model's whole life: the queue proxy and the selection rely on it.
The queue order and membership are ioc_domain.alert_queues' rules, kept per row as a sort key and
a bit mask so that 100,000 alerts are filtered and sorted without calling Python per comparison.
"""

from __future__ import annotations

import heapq
import html
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from ioc_console.services import event_text
from ioc_console.services.event_text import AnalyticsCatalogue, fill
from ioc_console.services.throttle import Throttle
from ioc_console.workspaces.alerts.durations import duration_text
from ioc_domain import alert_queues
from ioc_domain.alert_queues import FALSE_ALARM_REVIEW_WINDOW, QUEUES, queue_bit
from widgets.item_roles import ItemRole

_CTX = "AlertQueueModel"
COL_SEVERITY, COL_SLA, COL_ALERT, COL_PLACE, COL_CAMERA, COL_DETECTED, COL_STATE, COL_OWNER, COL_DETECTIONS = range(9)
_HEADERS = (
    QT_TRANSLATE_NOOP("AlertQueueModel", "Severity"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "SLA"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "Alert"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "Place"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "Camera"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "Detected"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "State"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "Owner"),
    QT_TRANSLATE_NOOP("AlertQueueModel", "Detections"),
)
COLUMN_COUNT = len(_HEADERS)
DEFAULT_BATCH_MS = 100
# A batch this large is a catch-up sync page, not alerts arriving now: it fills the queues without
# ringing, flashing or counting as "new" (the same threshold as the event log's feed).
CATCH_UP_BATCH = 200
SEVERITY_COLOURS = {"critical": "#ff5c5c", "warning": "#ffb020", "info": "#5aa9ff"}
OVERDUE_COLOUR = "#ff5c5c"
SOON_COLOUR = "#ffb020"
SOON_S = 60.0

Index = QModelIndex | QPersistentModelIndex
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def sla_text(seconds_left: float | None) -> str:
    """The SLA column: "4 min left", "overdue 4 min", or "" when no SLA runs."""
    if seconds_left is None:
        return ""
    if seconds_left < 0:
        return fill(QCoreApplication.translate("AlertQueueModel", "overdue %1"), duration_text(-seconds_left))
    return fill(QCoreApplication.translate("AlertQueueModel", "%1 left"), duration_text(seconds_left))


class AlertQueueModel(QAbstractTableModel):
    """One row per alert, in arrival order. Feed it with :meth:`add_alerts`; it applies what
    arrived every ``batch_ms`` as one inserted block plus the changed rows (``rows_updated``)."""

    #: Source rows whose alert changed in place (sorted), after their ``dataChanged``.
    rows_updated = Signal(list)
    #: Per-queue counts or "new" badges changed.
    counts_changed = Signal()
    #: Alerts that arrived live (not from the cache or a catch-up page): new to this console.
    alerts_arrived = Signal(list)

    def __init__(
        self,
        analytics: AnalyticsCatalogue | None = None,
        *,
        language: str = "vi",
        username: str | None = None,
        batch_ms: int = DEFAULT_BATCH_MS,
        clock: Clock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._analytics = analytics if analytics is not None else AnalyticsCatalogue()
        self._language = language
        self._username = username
        self._clock = clock or _utc_now
        self._now = self._clock()
        self._alerts: list[dict[str, Any]] = []
        self._masks: list[int] = []
        self._keys: list[tuple[int, float, int]] = []
        self._texts: list[tuple | None] = []
        self._search: list[str | None] = []
        self._row_by_id: dict[str, int] = {}
        self._counts = dict.fromkeys(QUEUES, 0)
        # Rows that joined a queue while the operator was not looking at it ("new" badges).
        self._unseen: dict[str, set[int]] = {queue: set() for queue in QUEUES}
        self._watched: str | None = None
        # (when, row, version): the moment a row's membership changes with time alone (an SLA
        # falls due, a false alarm leaves the review window), checked by refresh_time().
        self._timed: list[tuple[float, int, int]] = []
        self._marks: dict[str, str] = {}
        self._pending: dict[str, tuple[dict[str, Any], bool]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._colours = {level: QColor(colour) for level, colour in SEVERITY_COLOURS.items()}
        self._overdue = QColor(OVERDUE_COLOUR)
        self._soon = QColor(SOON_COLOUR)
        self._flush_throttle = Throttle(batch_ms, self.flush, self, "alertQueueFlushTimer")

    # -- feeding --------------------------------------------------------------------------
    def add_alerts(self, alerts: Iterable[Mapping[str, Any]], *, live: bool = False) -> None:
        """Queue alerts (new or newer copies); applied at the next flush, at most ``batch_ms`` later.

        ``live``: they arrive now (the event stream), so a new critical one rings and the queues
        they join show them as new. Several copies of one alert in a batch collapse to the newest.
        """
        pending = self._pending
        for alert in alerts:
            ident = alert.get("id")
            if ident is None:
                continue
            key = str(ident)
            known = pending.get(key)
            if known is not None and _version(known[0]) > _version(alert):
                continue
            pending[key] = (dict(alert), live or (known is not None and known[1]))
        if pending:
            self._flush_throttle.request()

    def add_changes(self, changes: Iterable[Any], *, live: bool = True) -> None:
        """Alerts from the sync engine's applied changes (``Change`` objects or mappings); a
        catch-up page (``CATCH_UP_BATCH`` or more) never counts as live."""
        changes = list(changes) if not isinstance(changes, list) else changes
        live = live and len(changes) < CATCH_UP_BATCH
        alerts = []
        for change in changes:
            get = change.get if isinstance(change, Mapping) else lambda k, _c=change: getattr(_c, k, None)
            if get("resource") != "alert":
                continue
            data = get("data")
            if get("op") == "delete" or data is None:
                # Gone on the server: the row stays (rows are stable) but leaves every queue.
                row = self._row_by_id.get(str(get("id")))
                if row is not None:
                    gone = dict(self._alerts[row], state="deleted")
                    gone["version"] = _version(gone) + 1
                    alerts.append(gone)
                continue
            alerts.append(data)
        if alerts:
            self.add_alerts(alerts, live=live)

    def clear(self) -> None:
        """Forget every alert (another user's cache was opened)."""
        self.beginResetModel()
        self._alerts, self._masks, self._keys, self._texts, self._search = [], [], [], [], []
        self._row_by_id.clear()
        self._counts = dict.fromkeys(QUEUES, 0)
        self._unseen = {queue: set() for queue in QUEUES}
        self._timed.clear()
        self._pending.clear()
        self.endResetModel()
        self.counts_changed.emit()

    def pending_count(self) -> int:
        return len(self._pending)

    def flush(self) -> int:
        """Apply every queued alert: changed rows in place, new ones appended as one block.
        Returns how many rows were added."""
        pending, self._pending = self._pending, {}
        if not pending:
            return 0
        self._flush_throttle.ran()
        self._now = self._clock()
        now, username = self._now, self._username
        changed: list[int] = []
        fresh: list[tuple[dict[str, Any], bool]] = []
        arrived: list[dict[str, Any]] = []
        counts_moved = False
        for key, (alert, live) in pending.items():
            row = self._row_by_id.get(key)
            if row is None:
                fresh.append((alert, live))
                continue
            if _version(alert) < _version(self._alerts[row]):
                continue  # an older copy arriving after a newer one
            old_mask = self._masks[row]
            mask = alert_queues.queue_mask(alert, username, now)
            self._alerts[row] = alert
            self._masks[row] = mask
            self._keys[row] = alert_queues.sort_key(alert)
            self._texts[row] = None
            self._search[row] = None
            self._schedule(row, alert, now)
            if mask != old_mask:
                self._move_counts(row, old_mask, mask, live)
                counts_moved = True
            changed.append(row)
        if fresh:
            first = len(self._alerts)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for offset, (alert, live) in enumerate(fresh):
                row = first + offset
                mask = alert_queues.queue_mask(alert, username, now)
                self._alerts.append(alert)
                self._masks.append(mask)
                self._keys.append(alert_queues.sort_key(alert))
                self._texts.append(None)
                self._search.append(None)
                self._row_by_id[str(alert["id"])] = row
                self._schedule(row, alert, now)
                self._move_counts(row, 0, mask, live)
                if live:
                    arrived.append(alert)
            self.endInsertRows()
            counts_moved = True
        if changed:
            changed.sort()
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], COLUMN_COUNT - 1))
            self.rows_updated.emit(changed)
        if counts_moved:
            self.counts_changed.emit()
        if arrived:
            self.alerts_arrived.emit(arrived)
        return len(fresh)

    def _move_counts(self, row: int, old: int, new: int, live: bool) -> None:
        if old == new:
            return
        for queue in QUEUES:
            bit = queue_bit(queue)
            if old & bit and not new & bit:
                self._counts[queue] -= 1
                self._unseen[queue].discard(row)
            elif new & bit and not old & bit:
                self._counts[queue] += 1
                if live and queue != self._watched:
                    self._unseen[queue].add(row)

    def _schedule(self, row: int, alert: Mapping[str, Any], now: datetime) -> None:
        """Remember when this row's queues change by time alone (SLA due, review window over)."""
        when: datetime | None = None
        if alert_queues.is_open(alert) and not alert_queues.is_breached(alert, now):
            due = alert_queues.sla_due(alert)
            when = due[1] if due is not None else None
        elif alert_queues.is_false_alarm(alert):
            closed_at = alert_queues.parse_time(alert.get("closed_at"))
            when = closed_at + FALSE_ALARM_REVIEW_WINDOW if closed_at is not None else None
        if when is not None:
            heapq.heappush(self._timed, (when.timestamp(), row, _version(alert)))

    def refresh_time(self) -> None:
        """Move the clock on: rows whose SLA fell due or whose review window ended change queues
        (only those rows are looked at), and the SLA and age columns are redrawn."""
        self._now = now = self._clock()
        stamp = now.timestamp()
        changed: list[int] = []
        while self._timed and self._timed[0][0] < stamp:
            _when, row, version = heapq.heappop(self._timed)
            alert = self._alerts[row]
            if _version(alert) != version:
                continue  # a newer copy came since; it scheduled its own moment
            old = self._masks[row]
            mask = alert_queues.queue_mask(alert, self._username, now)
            if mask != old:
                self._masks[row] = mask
                self._move_counts(row, old, mask, live=True)
                changed.append(row)
        if changed:
            changed.sort()
            self.rows_updated.emit(changed)
            self.counts_changed.emit()
        if self._alerts:
            last = len(self._alerts) - 1
            self.dataChanged.emit(self.index(0, COL_SLA), self.index(last, COL_SLA))
            self.dataChanged.emit(self.index(0, COL_DETECTED), self.index(last, COL_DETECTED))

    # -- who is looking -------------------------------------------------------------------
    def set_username(self, username: str | None) -> None:
        """The signed-in user ("mine"); recomputes only the "mine" queue of every row."""
        if username == self._username:
            return
        self._username = username
        bit = queue_bit(alert_queues.MINE)
        changed: list[int] = []
        for row, alert in enumerate(self._alerts):
            mine = bool(username) and alert_queues.is_open(alert) and alert.get("owner") == username
            old = self._masks[row]
            mask = old | bit if mine else old & ~bit
            if mask != old:
                self._masks[row] = mask
                self._move_counts(row, old, mask, live=False)
                changed.append(row)
        if changed:
            self.rows_updated.emit(changed)
        self.counts_changed.emit()

    def set_watched(self, queue: str | None) -> None:
        """The queue the operator is looking at now (None: the workspace is hidden): seen, no badge."""
        self._watched = queue
        if queue is not None and self._unseen[queue]:
            self._unseen[queue].clear()
            self.counts_changed.emit()

    # -- the operator's queued actions ----------------------------------------------------
    def set_outbox_mark(self, key: str, label: str | None) -> None:
        """Show on the alert's row the state a waiting (not yet sent) action leads to."""
        if not key.startswith("alert:"):
            return
        if label is None:
            if self._marks.pop(key, None) is None:
                return
        else:
            self._marks[key] = label
        row = self._row_by_id.get(key[len("alert:") :])
        if row is not None:
            self.dataChanged.emit(self.index(row, COL_STATE), self.index(row, COL_STATE))

    def apply_resource(self, resource: str, data: Mapping[str, Any]) -> None:
        """The server's copy from an applied action (before its change event arrives)."""
        if resource == "alert":
            self.add_alerts([data])

    # -- reading ---------------------------------------------------------------------------
    def row_of(self, alert_id: Any) -> int:
        """The row of the alert ``alert_id``, or -1 when the console does not hold it."""
        return self._row_by_id.get(str(alert_id), -1)

    def alert_at(self, row: int) -> dict[str, Any] | None:
        return dict(self._alerts[row]) if 0 <= row < len(self._alerts) else None

    def mask_at(self, row: int) -> int:
        return self._masks[row]

    def masks(self) -> list[int]:
        """Every row's queue bits (the list itself: read it, never change it)."""
        return self._masks

    def sort_keys(self) -> list[tuple[int, float, int]]:
        """Every row's triage order key (the list itself: read it, never change it)."""
        return self._keys

    def search_text(self, row: int) -> str:
        """Folded text of the row (analytic names in both languages, place, camera, id), cached."""
        text = self._search[row]
        if text is None:
            alert = self._alerts[row]
            code = alert.get("analytic")
            parts = (
                self._analytics.name(code, "vi"),
                self._analytics.name(code, "en"),
                str(code or ""),
                str(alert.get("ward") or ""),
                str(alert.get("camera_id") or ""),
                str(alert.get("owner") or ""),
                f"#{alert.get('id')}",
            )
            text = event_text.fold_for_search(" ".join(parts))
            self._search[row] = text
        return text

    def count(self, queue: str) -> int:
        return self._counts[queue]

    def badge(self, queue: str) -> int:
        """Alerts that joined ``queue`` since the operator last looked at it."""
        return len(self._unseen[queue])

    def now(self) -> datetime:
        return self._now

    def unacknowledged_critical(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest critical alerts nobody acknowledged yet, newest first (for the ticker)."""
        new_bit = queue_bit(alert_queues.NEW)
        found = [
            row
            for row, mask in enumerate(self._masks)
            if mask & new_bit and self._alerts[row].get("severity") == "critical"
        ]
        found.sort(key=lambda row: self._keys[row][1], reverse=True)
        return [self._alerts[row] for row in found[:limit]]

    # -- language ---------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self._language = language
        self.refresh_texts()

    def refresh_texts(self) -> None:
        """Rebuild the displayed strings (language switch, analytic names arrived)."""
        self._texts = [None] * len(self._alerts)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._alerts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._alerts) - 1, COLUMN_COUNT - 1))

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._alerts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < COLUMN_COUNT:
                return QCoreApplication.translate(_CTX, _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._alerts):
            return None
        return self.row_data(row, index.column(), role)

    def row_data(self, row: int, column: int, role: int) -> Any:
        """``data()`` by row number (the queue proxy calls it directly)."""
        alert = self._alerts[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_SLA:
                return sla_text(alert_queues.sla_seconds_left(alert, self._now))
            if column == COL_DETECTED:
                return self._detected_text(alert)
            if column == COL_STATE:
                mark = self._marks.get(f"alert:{alert.get('id')}")
                if mark is not None:
                    return fill(
                        QCoreApplication.translate("AlertQueueModel", "%1 → %2 (waiting to send)"),
                        self._text(row)[COL_STATE],
                        mark,
                    )
            return self._text(row)[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_SEVERITY:
                return self._colours.get(str(alert.get("severity")))
            if column == COL_SLA:
                left = alert_queues.sla_seconds_left(alert, self._now)
                if left is not None and left < 0:
                    return self._overdue
                if left is not None and left < SOON_S:
                    return self._soon
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column == COL_SLA and (alert_queues.sla_seconds_left(alert, self._now) or 0) < 0:
                return self._bold
            if column == COL_SEVERITY and alert.get("severity") == "critical":
                return self._bold
            if column == COL_STATE and f"alert:{alert.get('id')}" in self._marks:
                return self._italic
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == ItemRole.DATA:
            return alert
        if role == ItemRole.KEY:
            return f"alert:{alert.get('id')}"
        if role == ItemRole.LEVEL:
            return str(alert.get("severity") or "info")
        if role == ItemRole.SEARCH_TEXT:
            return self.search_text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DETECTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int) -> tuple:
        cached = self._texts[row]
        if cached is not None:
            return cached
        alert = self._alerts[row]
        texts = (
            event_text.level_label(str(alert.get("severity") or "info")),
            "",  # SLA: computed at each paint, it moves with the clock
            self._analytics.name(alert.get("analytic"), self._language),
            str(alert.get("ward") or ""),
            str(alert.get("camera_id") or ""),
            "",  # detected: relative to now
            event_text.status_label("alert", alert.get("state")),
            str(alert.get("owner") or ""),
            str(alert.get("detections") or 1),
        )
        self._texts[row] = texts
        return texts

    def _detected_text(self, alert: Mapping[str, Any]) -> str:
        first = alert_queues.parse_time(alert.get("first_detected_at")) or alert_queues.parse_time(
            alert.get("detected_at")
        )
        if first is None:
            return ""
        return fill(
            QCoreApplication.translate("AlertQueueModel", "%1 (%2 ago)"),
            event_text.short_local_time(first),
            duration_text((self._now - first).total_seconds()),
        )

    def _tooltip(self, row: int) -> str:
        alert = self._alerts[row]
        texts = self._text(row)
        lines = [f"#{alert.get('id')} · {texts[2]} · {texts[3]}", f"{texts[0]} · {texts[6]}"]
        sla = sla_text(alert_queues.sla_seconds_left(alert, self._now))
        if sla:
            lines.append(fill(QCoreApplication.translate("AlertQueueModel", "SLA: %1"), sla))
        # Rich text guessed from the content: backend text is escaped so it shows literally.
        return "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>"


def _version(alert: Mapping[str, Any]) -> int:
    version = alert.get("version")
    return version if isinstance(version, int) else 0


def age_seconds(alert: Mapping[str, Any], now: datetime) -> float:
    """Seconds since the alert's first detection (0 when unknown)."""
    first = alert_queues.parse_time(alert.get("first_detected_at")) or alert_queues.parse_time(alert.get("detected_at"))
    return max(0.0, (now - first).total_seconds()) if first is not None else 0.0
