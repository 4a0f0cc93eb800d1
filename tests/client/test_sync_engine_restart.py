"""SyncEngine against a real backend process that is stopped and restarted mid-session."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from faultproxy import FaultProxy
from sync_engine_support import (
    ENGINE,
    TEST_CLIENT,
    Recorder,
    alert_events,
    cache_agrees_with_server,
    copy_database,
    wait_until,
)

from backend_client import (
    OFFLINE,
    ONLINE,
    IocClient,
    SyncEngine,
    acknowledge_alert,
    add_alert_note,
    close_alert,
    start_alert,
)
from backend_client.cache import CacheStore


@dataclass
class Rig:
    backend: BackendProcess
    proxy: FaultProxy
    client: IocClient  # the console's client, through the proxy
    direct: IocClient  # another operator's client, straight to the backend
    store: CacheStore
    engine: SyncEngine
    recorder: Recorder
    tmp: Path


@pytest.fixture()
def rig(tmp_path, backend) -> Iterator[Rig]:
    # A private backend (this test stops it) on a copy of the session's seeded database.
    backend = start_backend(tmp_path, db_path=copy_database(backend.db_path, tmp_path / "backend.sqlite3"))
    proxy = FaultProxy(backend.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    client.login("operator", DEMO_PASSWORDS["operator"])
    direct = IocClient(backend.url, **TEST_CLIENT)
    direct.login("supervisor", DEMO_PASSWORDS["supervisor"])
    store = CacheStore(tmp_path / "cache.sqlite3")
    recorder = Recorder()
    engine = SyncEngine(client, store, **recorder.callbacks(), **ENGINE)
    rig = Rig(backend, proxy, client, direct, store, engine, recorder, tmp_path)
    try:
        yield rig
    finally:
        engine.stop()
        proxy.stop()
        client.close()
        direct.close()
        store.close()
        rig.backend.stop()


def restart_backend(rig: Rig) -> None:
    """Start the backend again on the same database (a new port) and point the proxy at it."""
    rig.backend = start_backend(rig.tmp, db_path=rig.backend.db_path)
    rig.direct.close()
    rig.direct = IocClient(rig.backend.url, **TEST_CLIENT)
    rig.direct.login("supervisor", DEMO_PASSWORDS["supervisor"])
    rig.proxy.retarget(rig.backend.url)


def change_order(db_path: Path, alert_ids: list[int], after: int) -> list[int]:
    """The alert id of each change event after ``after`` touching these alerts, in the server's order."""
    marks = ",".join("?" * len(alert_ids))
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            f"SELECT resource_id FROM change_events WHERE resource = 'alert' AND id > ? "
            f"AND resource_id IN ({marks}) ORDER BY id",
            (after, *map(str, alert_ids)),
        ).fetchall()
    return [int(r[0]) for r in rows]


def max_event(db_path: Path) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT max(id) FROM change_events").fetchone()[0]


def test_fifty_actions_taken_while_the_backend_is_down_apply_once_in_order(rig: Rig):
    rig.engine.start()
    wait_until(lambda: rig.engine.status.state == ONLINE, "engine online")
    # Untouched alerts (other tests may have added notes to the session database this one copies).
    ids = [a.id for a in rig.direct.list_alerts(state="new", limit=200).items if not a.notes][:10]
    assert len(ids) == 10
    seen = [rig.store.get("alert", i) for i in ids]  # what the operator sees: the cached copies
    assert all(a is not None and a["state"] == "new" for a in seen)
    events_before = {i: alert_events(rig.backend.db_path, i) for i in ids}
    last_event = max_event(rig.backend.db_path)

    rig.backend.stop()
    wait_until(lambda: rig.engine.status.state == OFFLINE, "engine offline after the backend stopped")

    # Five steps on each of ten alerts, interleaved: every action names the version the
    # operator saw in the cache (the cache does not move while offline).
    steps = [
        lambda a: add_alert_note(a, f"ghi chú 1 - {a['id']}"),
        lambda a: acknowledge_alert(a, note=f"đã xác nhận {a['id']}"),
        lambda a: add_alert_note(a, f"ghi chú 2 - {a['id']}"),
        lambda a: start_alert(a),
        lambda a: close_alert(a, "resolved", note=f"đóng {a['id']}"),
    ]
    entries = [rig.engine.submit(step(alert)) for step in steps for alert in seen]
    assert len(entries) == 50 and rig.store.pending_count() == 50
    assert rig.engine.status.pending == 50

    restart_backend(rig)
    started = time.monotonic()
    wait_until(
        lambda: rig.store.pending_count() == 0 and rig.engine.status.state == ONLINE,
        "all 50 delivered after the restart",
    )
    delivered_in = time.monotonic() - started

    states = [e.state for e in rig.store.entries()]
    assert states == ["applied"] * 50, [
        (e.id, e.state, e.last_error) for e in rig.store.entries() if e.state != "applied"
    ]
    for alert in seen:
        server = rig.direct.get_alert(alert["id"])
        assert server.state == "closed" and server.close_reason == "resolved" and server.owner == "operator"
        assert [n.text for n in server.notes] == [
            f"ghi chú 1 - {alert['id']}",
            f"đã xác nhận {alert['id']}",
            f"ghi chú 2 - {alert['id']}",
            f"đóng {alert['id']}",
        ]
        assert server.version == alert["version"] + 5
        # Exactly one change event per action: nothing was applied twice.
        assert alert_events(rig.backend.db_path, alert["id"]) == events_before[alert["id"]] + 5
    # The server applied them in the order they were taken.
    assert change_order(rig.backend.db_path, ids, last_event) == [a["id"] for _ in steps for a in seen]
    wait_until(lambda: not cache_agrees_with_server(rig.store, rig.direct, ids), "cache consistent with the server")
    assert rig.recorder.states()[-3:] == [ONLINE, OFFLINE, ONLINE]
    print(
        f"\n50 queued actions delivered {delivered_in:.2f} s after the backend came back "
        f"(replay itself {rig.engine.stats['last_replay_seconds']:.2f} s)"
    )


def test_a_write_in_flight_while_the_backend_restarts_is_applied_once(rig: Rig):
    """The backend applies a note, then goes down before its answer leaves; the client resends
    it to the restarted backend (same database), whose Idempotency-Key record answers with the
    stored result instead of applying the note a second time."""
    rig.client.read_timeout = 60.0  # the held answer must outlast the restart, not time out before it
    rig.engine.start()
    wait_until(lambda: rig.engine.status.state == ONLINE, "engine online")
    alert_id = next(a.id for a in rig.direct.list_alerts(state="new", limit=200).items if not a.notes)
    seen = rig.store.get("alert", alert_id)
    assert seen is not None
    before = alert_events(rig.backend.db_path, alert_id)
    rig.proxy.set_mode("hang_after_forward", path_prefix=f"/api/v1/alerts/{alert_id}/", times=1)
    entry = rig.engine.submit(add_alert_note(seen, "giữa lúc khởi động lại"))
    wait_until(lambda: alert_events(rig.backend.db_path, alert_id) == before + 1, "the note applied on the server")
    assert rig.store.entry(entry.id).state == "sending"  # its answer is still in flight

    rig.backend.stop()
    restart_backend(rig)
    rig.proxy.set_mode("pass")  # the held connection closes without an answer
    wait_until(lambda: rig.store.entry(entry.id).state == "applied", "the note delivered after the restart")

    delivered = rig.store.entry(entry.id)
    assert delivered.attempts == 2  # sent to both backends
    assert [n.text for n in rig.direct.get_alert(alert_id).notes] == ["giữa lúc khởi động lại"]
    assert alert_events(rig.backend.db_path, alert_id) == before + 1  # applied once
