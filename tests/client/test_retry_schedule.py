"""The status bar's "next try in" is the truth: attempts happen when announced, and the delays grow."""

from __future__ import annotations

import queue
import random
import socket
import threading
from datetime import UTC, datetime, timedelta

from backend_client import OFFLINE, ConnectionStatus, IocClient, SyncEngine
from backend_client.cache import CacheStore
from backend_client.retry import Backoff

WAIT = 30.0


class _Ceiling(random.Random):
    """Full jitter at its upper bound, so each delay is the backoff's ceiling: the growth is exact."""

    def uniform(self, a: float, b: float) -> float:
        return b


class DeadBackend:
    """A port that accepts and at once closes every connection, noting when each probe came."""

    def __init__(self) -> None:
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self.probes: queue.Queue[datetime] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name="dead-backend", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            self.probes.put(datetime.now(UTC))
            conn.close()

    def close(self) -> None:
        self._sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() (close alone does not)
        self._sock.close()
        self._thread.join(5)


def test_each_announced_attempt_is_the_next_probe_and_the_delays_grow(tmp_path):
    dead = DeadBackend()
    statuses: queue.Queue[ConnectionStatus] = queue.Queue()
    # The client's own defaults (three retries per call): the engine's probe must not use them,
    # or the backend would be tried again behind the announced schedule.
    client = IocClient(dead.url, connect_timeout=2.0)
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, store, on_status=statuses.put, backoff=Backoff(0.2, 1.6, rng=_Ceiling()))
    announced: list[ConnectionStatus] = []
    probes: list[datetime] = []
    try:
        engine.start()
        probes.append(dead.probes.get(timeout=WAIT))
        while len(announced) < 6:
            status = statuses.get(timeout=WAIT)
            if status.state != OFFLINE or status.next_attempt_at is None:
                continue
            announced.append(status)
            # The probe this status announced (its time is checked below).
            probes.append(dead.probes.get(timeout=WAIT))
    finally:
        engine.stop()
        client.close()
        store.close()
        dead.close()
    delays = [round(s.next_retry_in or 0.0, 1) for s in announced]
    assert delays == [0.2, 0.4, 0.8, 1.6, 1.6, 1.6]  # doubling up to the cap, as announced
    for status, probe in zip(announced, probes[1:], strict=True):
        assert status.next_attempt_at is not None
        late = (probe - status.next_attempt_at).total_seconds()
        # Never before the announced time, and no hidden retries in between (those would be
        # the "next probe" here, well before the announced moment).
        assert -0.05 <= late < 0.5, f"probe {late:+.2f} s from the announced attempt"


def test_a_status_published_again_counts_down_to_the_same_attempt(tmp_path):
    dead = DeadBackend()
    statuses: queue.Queue[ConnectionStatus] = queue.Queue()
    client = IocClient(dead.url, max_retries=0)
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, store, on_status=statuses.put, backoff=Backoff(5.0, 5.0, rng=_Ceiling()))
    try:
        engine.start()
        first = statuses.get(timeout=WAIT)
        while first.next_attempt_at is None:
            first = statuses.get(timeout=WAIT)
        # Something else changes the status while the engine waits (here: an action is queued).
        store.enqueue(
            "alert.note", "POST", "/alerts/1/notes", {"text": "x"}, resource="alert", resource_id="1", base_version=None
        )
        engine._refresh_counts()  # what submit() does, minus its wake-up (which would try at once)
        engine._refresh_counts()
        again = statuses.get(timeout=WAIT)
    finally:
        engine.stop()
        client.close()
        store.close()
        dead.close()
    assert again.pending == 1
    assert again.next_attempt_at == first.next_attempt_at  # the same attempt, not a new countdown
    assert again.next_retry_in is not None and first.next_retry_in is not None
    assert again.next_retry_in <= first.next_retry_in
    assert again.retry_in(first.next_attempt_at - timedelta(seconds=2)) == 2.0


def test_retry_in_counts_from_the_moment_asked():
    at = datetime(2026, 1, 1, tzinfo=UTC)
    status = ConnectionStatus(OFFLINE, at, None, 3.0, "", 1, 0, 0, next_attempt_at=at + timedelta(seconds=3))
    assert status.retry_in(at) == 3.0
    assert status.retry_in(at + timedelta(seconds=5)) == 0.0
    assert ConnectionStatus(OFFLINE, at, None, None, "", 0, 0, 0).retry_in() is None
