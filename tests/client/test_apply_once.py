"""Each change reaches the cache and the listener once: a write's answer and its event echo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, copy_database, wait_until

from backend_client import ONLINE, IocClient, SyncEngine, acknowledge_alert
from backend_client.cache import CacheStore

_COUNT_WRITES = """
CREATE TABLE IF NOT EXISTS test_row_writes (resource TEXT, id TEXT, version INTEGER);
CREATE TRIGGER IF NOT EXISTS test_count_inserts AFTER INSERT ON resources
BEGIN INSERT INTO test_row_writes VALUES (new.resource, new.id, new.version); END;
CREATE TRIGGER IF NOT EXISTS test_count_updates AFTER UPDATE ON resources
BEGIN INSERT INTO test_row_writes VALUES (new.resource, new.id, new.version); END;
"""


@pytest.fixture(scope="module")
def private_backend(backend, tmp_path_factory) -> Iterator[BackendProcess]:
    tmp = tmp_path_factory.mktemp("apply-once-backend")
    proc = start_backend(tmp, db_path=copy_database(backend.db_path, tmp / "backend.sqlite3"))
    yield proc
    proc.stop()


def row_writes(cache: Path, alert_id: int) -> list[int]:
    """The versions written to one alert's cache row, in order (recorded by the triggers)."""
    with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT version FROM test_row_writes WHERE resource = 'alert' AND id = ? ORDER BY rowid", (str(alert_id),)
        )
        return [r[0] for r in rows]


def test_a_keyed_write_and_its_echo_update_the_cache_and_the_listener_once(private_backend, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    recorder = Recorder()
    client = IocClient(private_backend.url, **TEST_CLIENT)
    client.login("operator", DEMO_PASSWORDS["operator"])
    store = CacheStore(cache)
    engine = SyncEngine(client, store, **recorder.callbacks(), **ENGINE)
    try:
        engine.start()
        wait_until(lambda: engine.status.state == ONLINE, "online")
        seen = next(a for a in store.list("alert", state="new", limit=50) if not a.get("notes"))
        with sqlite3.connect(cache) as conn:  # counts every write of a cache row from now on
            conn.executescript(_COUNT_WRITES)
        live_before = engine.stats["live_changes"]
        reported_before = len(recorder.changes)
        entry = engine.submit(acknowledge_alert(seen))
        wait_until(lambda: store.entry(entry.id).state == "applied", "the write applied")
        # Its echo on the event stream has arrived once the engine took one more live change.
        wait_until(lambda: engine.stats["live_changes"] > live_before, "the echo arrived")
    finally:
        engine.stop()
        client.close()
        store.close()
    version = seen["version"] + 1
    assert row_writes(cache, seen["id"]) == [version]  # the answer wrote it; the echo did not again
    reported = [c for c in recorder.changes[reported_before:] if c.resource == "alert" and c.id == str(seen["id"])]
    assert [(c.data["version"], c.data["state"]) for c in reported] == [(version, "acknowledged")]
