"""Helpers for the SyncEngine tests: a recorder of engine callbacks, waits, and server-side counts."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backend_client import ConnectionStatus, IocClient
from backend_client.cache import CacheStore, OutboxEntry

WAIT = 45.0  # upper bound of any wait on the engine; never an assertion about speed
TEST_CLIENT = {"connect_timeout": 1.0, "read_timeout": 3.0, "max_retries": 0, "backoff": 0.05}
ENGINE = {"backoff_initial": 0.05, "backoff_max": 0.4, "stream_read_timeout": 5.0}

__all__ = [
    "ENGINE",
    "Recorder",
    "TEST_CLIENT",
    "WAIT",
    "alert_events",
    "cache_agrees_with_server",
    "copy_database",
    "wait_until",
]


def wait_until(predicate: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for: {what}")


class Recorder:
    """Collects what a SyncEngine reports through its callbacks (any thread)."""

    def __init__(self) -> None:
        self.statuses: list[ConnectionStatus] = []
        self.outbox: list[OutboxEntry] = []
        self.changes: list[Any] = []
        self.auth_requests = 0
        self._lock = threading.Lock()

    def on_status(self, status: ConnectionStatus) -> None:
        with self._lock:
            self.statuses.append(status)

    def on_outbox(self, entry: OutboxEntry) -> None:
        with self._lock:
            self.outbox.append(entry)

    def on_changes(self, changes: list[Any]) -> None:
        with self._lock:
            self.changes.extend(changes)

    def on_auth_required(self) -> None:
        with self._lock:
            self.auth_requests += 1

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_status": self.on_status,
            "on_outbox": self.on_outbox,
            "on_changes": self.on_changes,
            "on_auth_required": self.on_auth_required,
        }

    def states(self) -> list[str]:
        """The sequence of distinct states reported, in order."""
        with self._lock:
            seen: list[str] = []
            for status in self.statuses:
                if not seen or seen[-1] != status.state:
                    seen.append(status.state)
            return seen


def alert_events(db_path: Path, alert_id: int | str) -> int:
    """How many change events the backend recorded for one alert (read from its own database)."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM change_events WHERE resource = 'alert' AND resource_id = ?", (str(alert_id),)
        ).fetchone()[0]


def cache_agrees_with_server(store: CacheStore, client: IocClient, alert_ids: list[int]) -> list[str]:
    """Differences between the cached and the server's copy of some alerts (empty = consistent)."""
    problems = []
    for alert_id in alert_ids:
        server = client.get_alert(alert_id).model_dump(mode="json")
        cached = store.get("alert", alert_id)
        if cached is None:
            problems.append(f"alert {alert_id} missing from the cache")
            continue
        for key in ("version", "state", "owner", "close_reason"):
            if cached.get(key) != server.get(key):
                problems.append(f"alert {alert_id} {key}: cache {cached.get(key)!r} != server {server.get(key)!r}")
        if [n["text"] for n in cached.get("notes", [])] != [n["text"] for n in server.get("notes", [])]:
            problems.append(f"alert {alert_id} notes differ")
    return problems


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a (possibly running) backend's SQLite database, via SQLite's backup API.

    Starting a private backend on a copy of the session's already seeded database skips the
    demo seeding, which is most of a backend's start-up time.
    """
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
