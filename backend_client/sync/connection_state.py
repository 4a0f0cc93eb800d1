"""Connection state of the console's link to the backend (online/degraded/offline) and retry backoff."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

ONLINE = "online"
DEGRADED = "degraded"  # reachable, but calls fail or are slow
OFFLINE = "offline"  # cannot reach the backend (or not signed in to it)
STATES = (ONLINE, DEGRADED, OFFLINE)

#: A call slower than this counts as a sign of a degraded link.
SLOW_CALL_SECONDS = 3.0


@dataclass(frozen=True)
class ConnectionStatus:
    """One snapshot of the connection, as shown in the status bar."""

    state: str
    since: datetime  # when ``state`` was entered
    last_sync_at: datetime | None  # the cached data is as of this time
    next_retry_in: float | None  # seconds until the next attempt while not online
    detail: str  # short English reason (logs; the console shows its own translated text)
    consecutive_failures: int
    pending: int  # outbox entries not yet delivered
    conflicts: int  # outbox entries waiting for the operator's decision


class Backoff:
    """Exponential backoff with full jitter: the n-th delay is uniform in [0, min(maximum, initial·2ⁿ)].

    Full jitter spreads the reconnect attempts of many consoles after a backend restart
    instead of having them all arrive at the same moment. A small floor (10 % of
    ``initial``) keeps a retry from ever being immediate.
    """

    def __init__(self, initial: float = 0.5, maximum: float = 30.0, rng: random.Random | None = None) -> None:
        if initial <= 0 or maximum < initial:
            raise ValueError(f"backoff needs 0 < initial <= maximum, got {initial} and {maximum}")
        self.initial = initial
        self.maximum = maximum
        self.rng = rng if rng is not None else random.Random()
        self.attempts = 0

    def ceiling(self) -> float:
        """The upper bound of the next delay."""
        return min(self.maximum, self.initial * (2 ** min(self.attempts, 32)))

    def next(self) -> float:
        ceiling = self.ceiling()
        self.attempts += 1
        floor = self.initial * 0.1
        return floor + self.rng.uniform(0.0, ceiling - floor)

    def reset(self) -> None:
        self.attempts = 0
