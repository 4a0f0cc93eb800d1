"""Connection state of the console's link to the backend (online/degraded/offline), as the status bar shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

# The one retry policy lives in backend_client.retry; kept importable from here too.
from backend_client.retry import Backoff

ONLINE = "online"
DEGRADED = "degraded"  # reachable, but calls fail or are slow
OFFLINE = "offline"  # cannot reach the backend (or not signed in to it)
STATES = (ONLINE, DEGRADED, OFFLINE)
__all__ = ["ONLINE", "DEGRADED", "OFFLINE", "STATES", "SLOW_CALL_SECONDS", "Backoff", "ConnectionStatus"]

#: A call slower than this counts as a sign of a degraded link.
SLOW_CALL_SECONDS = 3.0


@dataclass(frozen=True)
class ConnectionStatus:
    """One snapshot of the connection, as shown in the status bar."""

    state: str
    since: datetime  # when ``state`` was entered
    last_sync_at: datetime | None  # the cached data is as of this time
    #: Seconds from when this snapshot was made to the next attempt (None: none scheduled).
    #: Prefer ``next_attempt_at``: a snapshot read later would count from the wrong moment.
    next_retry_in: float | None
    detail: str  # short English reason (logs; the console shows its own translated text)
    consecutive_failures: int
    pending: int  # outbox entries not yet delivered
    conflicts: int  # outbox entries waiting for the operator's decision
    #: When (UTC) the next attempt to reach the backend is due while not online.
    next_attempt_at: datetime | None = None

    def retry_in(self, now: datetime | None = None) -> float | None:
        """Seconds left until ``next_attempt_at`` (0 when due), or None when no attempt is scheduled."""
        if self.next_attempt_at is None:
            return None
        now = now if now is not None else datetime.now(UTC)
        return max(0.0, (self.next_attempt_at - now).total_seconds())
