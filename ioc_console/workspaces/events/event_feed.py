"""Feeds the event log: newest alerts from the local cache, then every change the sync engine applies."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from backend_client.cache import CacheStore
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import AnalyticsCatalogue
from ioc_console.services.ops import run_in_background
from ioc_console.workspaces.events.event_log_model import EventLogModel, LogEntry
from ioc_domain.alert_queues import parse_time
from ioc_domain.alerts import OPEN_ALERT_STATES
from ioc_domain.levels import shows_in_log
from ioc_domain.record_filter import RecordFilter

log = logging.getLogger(__name__)

HISTORY_ALERTS = 200
# Alerts still being handled are shown whatever their age, newest first: an operator taking
# over a shift must see the open alerts, not only the last 200 touched (mostly closed ones).
# The full open queue belongs to an alert queue view; each row here costs the cold start
# ~0.2 ms, so the log takes the newest 100 of each open state.
OPEN_ALERTS_PER_STATE = 100
# A batch this large is a catch-up sync page, not live activity: one row per change would bury
# the log, so the page updates the rows already shown in place and adds, as history, only the
# alerts the log would have loaded from the cache (never re-reading the cache).
BULK_BATCH = 200


def _history_from(store: CacheStore) -> list[dict[str, Any]]:
    """The newest alerts, plus the newest open ones of each state (both read through an index)."""
    # By detection time, which an index covers (reading 50,000 alerts to sort them by their last
    # change took ~0.2 s of a cold start); later changes arrive live.
    alerts = {str(a["id"]): a for a in store.list("alert", limit=HISTORY_ALERTS, order_by="sort_time desc")}
    for state in OPEN_ALERT_STATES:
        for alert in store.list("alert", state=state, limit=OPEN_ALERTS_PER_STATE, order_by="sort_time desc"):
            alerts.setdefault(str(alert["id"]), alert)
    return list(alerts.values())


def _worth_showing(alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of a page's alerts, those :func:`_history_from` would pick: the newest, and the newest open per state."""
    newest_first = sorted(alerts, key=lambda a: str(a.get("detected_at") or ""), reverse=True)
    chosen = {str(a["id"]): a for a in newest_first[:HISTORY_ALERTS]}
    for state in OPEN_ALERT_STATES:
        for alert in [a for a in newest_first if a.get("state") == state][:OPEN_ALERTS_PER_STATE]:
            chosen.setdefault(str(alert["id"]), alert)
    return list(chosen.values())


#: At most this many records are brought into the log for one opened figure (newest first).
MATCHING_LIMIT = 2_000
_MATCHING_PAGE = 2_000


def matching_records(
    store: CacheStore, resource: str, record_filter: RecordFilter, limit: int = MATCHING_LIMIT
) -> tuple[list[dict[str, Any]], int]:
    """The newest cached ``resource`` records the filter matches (at most ``limit``) and how many match.

    Read newest first along the time index and narrowed in SQL by ward and status when the filter
    names exactly one of each; the walk stops at the start of the filter's window.
    """
    ward = next(iter(record_filter.wards)) if len(record_filter.wards) == 1 else None
    state = next(iter(record_filter.statuses)) if len(record_filter.statuses) == 1 else None
    since, _until = record_filter.bounds(datetime.now(UTC))
    matched: list[dict[str, Any]] = []
    count = offset = 0
    while True:
        page = store.list(
            resource, ward=ward, state=state, limit=_MATCHING_PAGE, offset=offset, order_by="sort_time desc"
        )
        offset += len(page)
        for record in page:
            if record_filter.matches(resource, record):
                count += 1
                if len(matched) < limit:
                    matched.append(record)
        if len(page) < _MATCHING_PAGE:
            break
        oldest = parse_time(page[-1].get("requested_datetime" if resource == "report" else "detected_at"))
        if since is not None and oldest is not None and oldest < since:
            break
    return matched, count


class EventFeed(QObject):
    """Counts what arrives and keeps the log model filled; never touches disk or network itself."""

    stats_changed = Signal()
    history_loaded = Signal(int)  # rows added from the cache
    matching_loaded = Signal(str, int, int)  # resource, records shown, records matching
    history_failed = Signal(object)  # the error

    def __init__(
        self,
        connection: ConnectionService,
        model: EventLogModel,
        analytics: AnalyticsCatalogue,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._model = model
        self._analytics = analytics
        self.events_received = 0
        self.last_event_at: datetime | None = None
        self._analytics_loaded = False
        # sensor id -> the status the log last saw, to tell a threshold crossing from a routine reading
        self._sensor_status: dict[str, str] = {}
        connection.cache_ready.connect(self._on_cache_ready)
        connection.changes_applied.connect(self._on_changes)
        connection.state_changed.connect(self._on_state)

    def load_history(self) -> None:
        """Read the newest cached alerts on the cache pool, then show them above the live rows."""
        self._connection.read_cache(
            _history_from, on_success=self._history_arrived, on_failure=self._history_error, parent=self
        )

    def load_matching(self, resource: str, record_filter: RecordFilter) -> None:
        """Bring the cached records matching ``record_filter`` into the log (cache pool), newest kept."""

        def arrived(result: tuple[list[dict[str, Any]], int]) -> None:
            records, count = result
            self._model.prepend_history((LogEntry.from_resource(resource, r) for r in records), make_room=True)
            self.matching_loaded.emit(resource, len(records), count)

        self._connection.read_cache(
            lambda store: matching_records(store, resource, record_filter),
            on_success=arrived,
            on_failure=self._history_error,
            parent=self,
        )

    def _on_cache_ready(self, _store: CacheStore) -> None:
        self.load_history()

    def _on_state(self, state: str) -> None:
        # Analytic names come from the server (they are not cached); fetch them once online.
        if state == "online" and not self._analytics_loaded:
            self._analytics_loaded = True
            run_in_background(
                self._connection.client.list_analytics,
                on_success=self._analytics_arrived,
                on_failure=self._analytics_error,
                parent=self,
            )

    def _analytics_arrived(self, analytics: list[Any]) -> None:
        self._analytics.update(analytics)
        self._model.refresh_texts()  # analytic names may have changed wording

    def _analytics_error(self, error: BaseException) -> None:
        self._analytics_loaded = False  # try again next time we are online
        log.info("could not load analytic names: %s", error)

    def _history_arrived(self, alerts: list[dict[str, Any]]) -> None:
        added = self._model.prepend_history(LogEntry.from_resource("alert", item) for item in alerts)
        log.info("loaded %d cached alerts into the event log", added)
        self.history_loaded.emit(added)

    def _history_error(self, error: BaseException) -> None:
        log.warning("could not read recent alerts from the cache: %s", error)
        self.history_failed.emit(error)

    def _on_changes(self, changes: list[Any]) -> None:
        now = datetime.now(UTC)
        if len(changes) >= BULK_BATCH:
            self._apply_page(changes, now)
            return
        shown = 0
        for change in changes:
            entry = LogEntry.from_change(change, now)
            if self._shows(entry):
                self._model.append_entry(entry)
                shown += 1
        if shown:
            self.events_received += shown
            self.last_event_at = now
            self.stats_changed.emit()

    def _shows(self, entry: LogEntry) -> bool:
        """Routine sensor readings stay out (ioc_domain.levels.shows_in_log); status changes come in."""
        if entry.resource != "sensor" or entry.data is None:
            return shows_in_log(entry.resource, entry.op, entry.data)
        status = str(entry.data.get("status") or "")
        previous = self._sensor_status.get(entry.resource_id)
        self._sensor_status[entry.resource_id] = status
        return shows_in_log(entry.resource, entry.op, entry.data, previous)

    def _apply_page(self, changes: list[Any], now: datetime) -> None:
        """A catch-up page: rows already shown change in place (one signal for the block); new alerts
        worth showing join as history. Nothing is re-read from the cache."""
        latest: dict[str, LogEntry] = {}
        for change in changes:
            entry = LogEntry.from_change(change, now)
            if entry.resource == "sensor" and entry.data is not None:
                self._sensor_status[entry.resource_id] = str(entry.data.get("status") or "")
            if entry.resource == "alert" and entry.data is not None:
                latest[entry.key] = entry  # a page may carry several versions: the last one wins
        updated = self._model.update_rows(latest.values())
        fresh = [entry.data for key, entry in latest.items() if key not in updated and entry.data is not None]
        added = self._model.prepend_history(LogEntry.from_resource("alert", data) for data in _worth_showing(fresh))
        log.debug("sync page: %d rows updated in place, %d alerts added", len(updated), added)
