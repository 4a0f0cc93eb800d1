"""Feeds the event log: recent alerts at sign-in, then every live change from the stream."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QObject, Signal

from backend_client import PermissionDenied

from ioc_console.connection import ConnectionService
from ioc_console.event_log_model import EventLogModel, LogEntry
from ioc_console.event_text import AnalyticsCatalogue
from ioc_console.ops import run_in_background

log = logging.getLogger(__name__)

HISTORY_ALERTS = 200


class EventFeed(QObject):
    """Counts what arrives and keeps the log model filled."""

    stats_changed = Signal()
    history_loaded = Signal(int)        # rows added from history
    history_failed = Signal(object)     # the error

    def __init__(self, connection: ConnectionService, model: EventLogModel,
                 analytics: AnalyticsCatalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._model = model
        self._analytics = analytics
        self.events_received = 0
        self.last_event_at: datetime | None = None
        self._history_loaded = False
        connection.event_received.connect(self._on_event)
        connection.signed_in.connect(self._on_signed_in)

    def load_history(self) -> None:
        """Fetch analytics names and the newest alerts in the background, then show them."""
        client = self._connection.client

        def fetch() -> tuple[list[Any], list[Any]]:
            analytics = client.list_analytics()
            total = client.list_alerts(limit=1, offset=0).total
            page = client.list_alerts(limit=HISTORY_ALERTS, offset=max(0, total - HISTORY_ALERTS))
            return analytics, list(page.items)

        run_in_background(fetch, on_success=self._history_arrived, on_failure=self._history_error, parent=self)

    def _on_signed_in(self, _user: object) -> None:
        if not self._history_loaded:
            self.load_history()

    def _history_arrived(self, result: tuple[list[Any], list[Any]]) -> None:
        analytics, alerts = result
        self._analytics.update(analytics)
        self._model.refresh_texts()  # analytic names may have changed wording
        added = self._model.prepend_history(LogEntry.from_resource("alert", item) for item in alerts)
        self._history_loaded = True
        log.info("loaded %d recent alerts into the event log", added)
        self.history_loaded.emit(added)

    def _history_error(self, error: BaseException) -> None:
        if isinstance(error, PermissionDenied):
            # Roles that may not read alerts (meeting participants) simply get no history.
            log.info("role may not read alerts; event log starts empty")
            self._history_loaded = True
            return
        log.warning("could not load recent alerts: %s", error)
        self.history_failed.emit(error)

    def _on_event(self, event: Any) -> None:
        if getattr(event, "type", None) == "change" and event.change is not None:
            self._model.append_change(event.change)
            self.events_received += 1
            self.last_event_at = datetime.now(timezone.utc)
            self.stats_changed.emit()
        elif getattr(event, "type", None) == "reset":
            # The server could not replay what we missed: show the latest alert states again.
            log.warning("event stream reset (%s); reloading recent alerts", getattr(event, "data", {}))
            self.load_history()
