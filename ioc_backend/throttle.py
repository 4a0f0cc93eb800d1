"""Login throttling per account and per client address, kept in memory with a bounded size."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

# Failures are forgotten after this long without a new one (and once any wait has passed).
FORGET_AFTER = 3600.0
# The longest wait one key can be given, however many failures it has.
MAX_DELAY = 900.0
# Keys each table holds at most: one backend serves a city's operators, and an attacker spraying
# names or addresses must not grow the tables without limit. The least recently failed go first.
MAX_KEYS = 10_000


@dataclass
class _Failures:
    count: int
    last: float
    blocked_until: float


class _Table:
    """Failure counts of one kind of key (account or address); not thread-safe on its own."""

    def __init__(self, free_attempts: int, base_delay: float, max_keys: int) -> None:
        self.free_attempts = free_attempts
        self.base_delay = base_delay
        self.max_keys = max_keys
        self._rows: OrderedDict[str, _Failures] = OrderedDict()

    def wait(self, key: str, now: float) -> float:
        row = self._live(key, now)
        return max(0.0, row.blocked_until - now) if row else 0.0

    def fail(self, key: str, now: float) -> None:
        row = self._live(key, now)
        count = row.count + 1 if row else 1
        excess = count - self.free_attempts
        # From the last free failure on, each failure doubles the wait: base, 2*base, 4*base, ...
        delay = min(MAX_DELAY, self.base_delay * 2.0 ** min(excess, 64)) if excess >= 0 else 0.0
        self._rows[key] = _Failures(count, now, now + delay)
        self._rows.move_to_end(key)
        while len(self._rows) > self.max_keys:
            self._rows.popitem(last=False)

    def reset(self, key: str) -> None:
        self._rows.pop(key, None)

    def _live(self, key: str, now: float) -> _Failures | None:
        row = self._rows.get(key)
        if row is not None and now - row.last >= FORGET_AFTER and now >= row.blocked_until:
            del self._rows[key]
            return None
        return row

    def __len__(self) -> int:
        return len(self._rows)


class LoginThrottle:
    """Counts failed sign-ins per account name and per client address; says how long to wait.

    The account key is the name as typed, whether or not such a user exists, so a refused
    attempt tells nothing about which names are real. A success clears the account's count but
    not the address's: an insider with one valid account could otherwise reset the address
    count between guesses at other accounts.
    """

    def __init__(
        self,
        *,
        account_free_attempts: int = 5,
        address_free_attempts: int = 20,
        base_delay: float = 1.0,
        max_keys: int = MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._accounts = _Table(account_free_attempts, base_delay, max_keys)
        self._addresses = _Table(address_free_attempts, base_delay, max_keys)
        self._clock = clock
        self._lock = threading.Lock()

    def retry_after(self, account: str, address: str) -> int:
        """Whole seconds to wait before this attempt may be tried (0: go ahead)."""
        with self._lock:
            now = self._clock()
            wait = max(self._accounts.wait(account, now), self._addresses.wait(address, now))
        return math.ceil(wait) if wait > 0 else 0

    def failed(self, account: str, address: str) -> None:
        with self._lock:
            now = self._clock()
            self._accounts.fail(account, now)
            self._addresses.fail(address, now)

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._accounts.reset(account)

    def size(self) -> tuple[int, int]:
        """Keys held (accounts, addresses), for the test that the tables stay bounded."""
        with self._lock:
            return len(self._accounts), len(self._addresses)
