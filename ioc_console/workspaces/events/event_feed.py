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

log = logging.getLogger(__name__)

HISTORY_ALERTS = 200
# Alerts still being handled are shown whatever their age, newest first: an operator taking
# over a shift must see the open alerts, not only the last 200 touched (mostly closed ones).
# The full open queue belongs to an alert queue view; each row here costs the cold start
# ~0.2 ms, so the log takes the newest 100 of each open state.
OPEN_ALERT_STATES = ("new", "acknowledged", "in_progress")
OPEN_ALERTS_PER_STATE = 100
# A batch this large is a catch-up sync page, not live activity: one row per change would bury
# the log, so the newest alerts are re-read from the cache instead.
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


class EventFeed(QObject):
    """Counts what arrives and keeps the log model filled; never touches disk or network itself."""

    stats_changed = Signal()
    history_loaded = Signal(int)  # rows added from the cache
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
        connection.cache_ready.connect(self._on_cache_ready)
        connection.changes_applied.connect(self._on_changes)
        connection.state_changed.connect(self._on_state)

    def load_history(self) -> None:
        """Read the newest cached alerts on the cache pool, then show them above the live rows."""
        self._connection.read_cache(
            _history_from, on_success=self._history_arrived, on_failure=self._history_error, parent=self
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
        if len(changes) >= BULK_BATCH:
            self.load_history()
            return
        now = datetime.now(UTC)
        for change in changes:
            self._model.append_change(change, now)
        if changes:
            self.events_received += len(changes)
            self.last_event_at = now
            self.stats_changed.emit()
