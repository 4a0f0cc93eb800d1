"""SyncEngine under injected faults (FaultProxy in front of a real backend): lost answers, 409s, 500s,
garbage, hangs, stream gaps and resets, and a console process killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from faultproxy import FaultProxy
from sync_engine_support import (
    ENGINE,
    TEST_CLIENT,
    WAIT,
    Recorder,
    alert_events,
    cache_agrees_with_server,
    copy_database,
    wait_until,
)

from backend_client import DEGRADED, OFFLINE, ONLINE, IocClient, SyncEngine, acknowledge_alert, add_alert_note
from backend_client.cache import CacheStore


@pytest.fixture(scope="module")
def private_backend(backend, tmp_path_factory) -> Iterator[BackendProcess]:
    """One backend for this module (its tests change alerts), started on a copy of the seeded database."""
    tmp = tmp_path_factory.mktemp("faults-backend")
    proc = start_backend(tmp, db_path=copy_database(backend.db_path, tmp / "backend.sqlite3"))
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def new_alert_ids(private_backend) -> Iterator[int]:
    """Hands each test alerts nobody else touched ('new', no notes: other modules' tests may have
    added notes to the session backend's alerts before this module copied its database)."""
    with IocClient(private_backend.url, **TEST_CLIENT) as client:
        client.login("supervisor", DEMO_PASSWORDS["supervisor"])
        ids = [a.id for a in client.iter_pages(client.list_alerts, page_size=500, state="new") if not a.notes]
    return iter(ids)


@pytest.fixture(scope="module")
def synced_cache(private_backend, tmp_path_factory) -> Path:
    """A cache file already synced from the module's backend; each test starts from a copy of it
    (its own engine then only catches up on what changed since), which keeps the tests quick."""
    path = tmp_path_factory.mktemp("synced-cache") / "template.sqlite3"
    with IocClient(private_backend.url, **TEST_CLIENT) as client, CacheStore(path) as store:
        client.login("operator", DEMO_PASSWORDS["operator"])
        for batch in client.iter_sync("0"):
            store.apply_changes([c.model_dump(mode="json") for c in batch.changes], batch.cursor)
    return path


@dataclass
class Rig:
    backend: BackendProcess
    proxy: FaultProxy
    client: IocClient
    other: IocClient  # another operator, straight to the backend
    store: CacheStore
    engine: SyncEngine
    recorder: Recorder
    alerts: Iterator[int]

    def fresh_alert(self) -> dict[str, Any]:
        """A 'new' alert as the operator sees it in the cache."""
        alert_id = next(self.alerts)
        wait_until(lambda: self.store.get("alert", alert_id) is not None, f"alert {alert_id} cached")
        return self.store.get("alert", alert_id)

    def online(self) -> None:
        wait_until(lambda: self.engine.status.state == ONLINE, "engine online")


@pytest.fixture()
def make_rig(private_backend, new_alert_ids, synced_cache, tmp_path) -> Iterator[Callable[..., Rig]]:
    rigs: list[Rig] = []

    def build(
        *,
        login: bool = True,
        cache_name: str = "cache.sqlite3",
        read_timeout: float | None = None,
        **engine_options: Any,
    ) -> Rig:
        proxy = FaultProxy(private_backend.url)
        if not (tmp_path / cache_name).exists():
            copy_database(synced_cache, tmp_path / cache_name)
        client_options = dict(TEST_CLIENT)
        if read_timeout is not None:
            client_options["read_timeout"] = read_timeout
        client = IocClient(proxy.url, **client_options)
        if login:
            client.login("operator", DEMO_PASSWORDS["operator"])
        other = IocClient(private_backend.url, **TEST_CLIENT)
        other.login("supervisor", DEMO_PASSWORDS["supervisor"])
        store = CacheStore(tmp_path / cache_name)
        recorder = Recorder()
        engine = SyncEngine(client, store, **recorder.callbacks(), **{**ENGINE, **engine_options})
        rig = Rig(private_backend, proxy, client, other, store, engine, recorder, new_alert_ids)
        rigs.append(rig)
        return rig

    yield build
    for rig in rigs:
        rig.engine.stop()
        rig.proxy.stop()
        rig.client.close()
        rig.other.close()
        rig.store.close()


def notes_of(client: IocClient, alert_id: int) -> list[str]:
    return [n.text for n in client.get_alert(alert_id).notes]


# ---------------------------------------------------------------------------- lost answers
def test_answer_lost_mid_replay_is_replayed_with_the_same_key_and_applied_once(make_rig):
    rig = make_rig()
    rig.engine.start()
    rig.online()
    first, second = rig.fresh_alert(), rig.fresh_alert()
    before = {a["id"]: alert_events(rig.backend.db_path, a["id"]) for a in (first, second)}
    rig.proxy.set_mode("refuse")  # the link goes down; actions queue up
    wait_until(lambda: rig.engine.status.state == OFFLINE, "offline")
    texts = [f"lần {n} - {first['id']}" for n in (1, 2, 3)]
    for text in texts:
        rig.engine.submit(add_alert_note(first, text))
    rig.engine.submit(acknowledge_alert(second))
    # The link returns, but the answer to the FIRST write is lost after the server applied it.
    rig.proxy.set_mode("drop_after_forward", path_prefix="/api/v1/alerts/", times=1)
    wait_until(lambda: rig.store.pending_count() == 0, "outbox delivered")
    dropped = [r for r in rig.proxy.requests_seen if r[0] == "drop_after_forward"]
    assert dropped == [("drop_after_forward", "POST", f"/api/v1/alerts/{first['id']}/notes")]
    assert notes_of(rig.other, first["id"]) == texts
    assert alert_events(rig.backend.db_path, first["id"]) == before[first["id"]] + 3
    assert alert_events(rig.backend.db_path, second["id"]) == before[second["id"]] + 1
    first_entry = rig.store.entries()[0]
    assert first_entry.state == "applied" and first_entry.attempts == 2  # sent twice, applied once
    assert [e.state for e in rig.store.entries()] == ["applied"] * 4
    wait_until(
        lambda: not cache_agrees_with_server(rig.store, rig.other, [first["id"], second["id"]]), "cache consistent"
    )


# ---------------------------------------------------------------------------- conflicts
def test_conflicts_are_kept_with_the_server_version_and_resolved_by_discard_or_retry(make_rig):
    rig = make_rig()
    rig.engine.start()
    rig.online()
    closed_meanwhile, noted_meanwhile, untouched = rig.fresh_alert(), rig.fresh_alert(), rig.fresh_alert()
    rig.proxy.set_mode("refuse")
    wait_until(lambda: rig.engine.status.state == OFFLINE, "offline")
    doomed = rig.engine.submit(acknowledge_alert(closed_meanwhile))
    stale = rig.engine.submit(acknowledge_alert(noted_meanwhile, note="tôi xử lý"))
    fine = rig.engine.submit(add_alert_note(untouched, "bình thường"))
    # Meanwhile another operator closes one alert and adds a note to another.
    rig.other.transition_alert(closed_meanwhile["id"], "closed", closed_meanwhile["version"], reason="duplicate")
    rig.other.add_alert_note(noted_meanwhile["id"], "người khác ghi chú")
    rig.proxy.set_mode("pass")
    wait_until(lambda: rig.store.pending_count() == 0, "replay finished")

    doomed_now, stale_now = rig.store.entry(doomed.id), rig.store.entry(stale.id)
    assert doomed_now.state == "conflict" and doomed_now.server_current["state"] == "closed"
    assert doomed_now.server_current["version"] == closed_meanwhile["version"] + 1
    assert stale_now.state == "conflict" and stale_now.server_current["version"] == noted_meanwhile["version"] + 1
    assert rig.store.entry(fine.id).state == "applied"
    wait_until(lambda: rig.engine.status.conflicts == 2, "status shows two conflicts")

    discarded = rig.engine.resolve_conflict(doomed.id, "discard")
    assert discarded.state == "cancelled"
    retried = rig.engine.resolve_conflict(stale.id, "retry_on_current")
    assert retried.id != stale.id and retried.idempotency_key != stale.idempotency_key
    assert retried.base_version == noted_meanwhile["version"] + 1
    wait_until(lambda: rig.store.entry(retried.id).state == "applied", "retried action applied")
    server = rig.other.get_alert(noted_meanwhile["id"])
    assert server.state == "acknowledged" and server.owner == "operator"
    assert [n.text for n in server.notes] == ["người khác ghi chú", "tôi xử lý"]
    assert rig.other.get_alert(closed_meanwhile["id"]).close_reason == "duplicate"  # the other's decision stands
    wait_until(lambda: rig.engine.status.conflicts == 0, "no conflicts left")
    assert {e.id: e.state for e in rig.recorder.outbox}[stale.id] == "cancelled"


# ---------------------------------------------------------------------------- broken answers
@pytest.mark.parametrize("mode", ["error500", "garbage", "hang"])
def test_broken_backend_answers_degrade_the_link_lose_nothing_and_recover(make_rig, mode):
    rig = make_rig(read_timeout=1.5)
    rig.engine.start()
    rig.online()
    alert = rig.fresh_alert()
    before = alert_events(rig.backend.db_path, alert["id"])
    rig.proxy.set_mode(mode)
    entry = rig.engine.submit(add_alert_note(alert, f"qua lỗi {mode}"))
    wait_until(lambda: rig.engine.status.state in (DEGRADED, OFFLINE), f"link reported bad under {mode}")
    assert rig.engine.running
    assert rig.store.entry(entry.id).state in ("pending", "sending")
    assert rig.engine.status.pending == 1
    rig.proxy.set_mode("pass")
    wait_until(lambda: rig.store.entry(entry.id).state == "applied", "applied after recovery")
    rig.online()
    assert notes_of(rig.other, alert["id"]) == [f"qua lỗi {mode}"]
    assert alert_events(rig.backend.db_path, alert["id"]) == before + 1


def test_stop_returns_while_a_call_hangs_and_the_action_stays_queued(make_rig):
    rig = make_rig(read_timeout=2.0)
    rig.engine.start()
    rig.online()
    alert = rig.fresh_alert()
    rig.proxy.set_mode("hang")
    entry = rig.engine.submit(add_alert_note(alert, "treo"))
    wait_until(
        lambda: any(r[0] == "hang" and r[2].endswith("/notes") for r in rig.proxy.requests_seen),
        "the write is hanging in the proxy",
    )
    rig.engine.stop(timeout=0.5)
    # stop() came back although the engine thread is still inside the hanging call
    # (the client's read timeout is 2 s): the GUI is never held by a dead backend.
    assert rig.engine.running
    wait_until(lambda: not rig.engine.running, "engine thread ends at the call's timeout")
    assert rig.store.entry(entry.id).state in ("pending", "sending")
    rig.proxy.set_mode("pass")


# ---------------------------------------------------------------------------- stream gaps and resets
def test_gap_in_the_event_stream_triggers_a_catch_up(make_rig):
    rig = make_rig()
    rig.engine.start()
    rig.online()
    alert = rig.fresh_alert()
    rig.other.add_alert_note(alert["id"], "một")
    wait_until(lambda: len(rig.store.get("alert", alert["id"])["notes"]) == 1, "live change cached")
    applied = int(rig.store.cursor())
    # The stream resumes from an older id than the cache holds (as after a bad proxy or
    # a replayed connection): the first event's `prev` no longer matches.
    rig.engine._stream.last_event_id = str(applied - 1)
    rig.proxy.drop_connections()
    wait_until(lambda: rig.engine.stats["gap_resyncs"] >= 1, "gap detected")
    rig.other.add_alert_note(alert["id"], "hai")  # the reopened stream carries on live
    wait_until(lambda: len(rig.store.get("alert", alert["id"])["notes"]) == 2, "next live change cached")
    assert not cache_agrees_with_server(rig.store, rig.other, [alert["id"]])
    assert rig.engine.stats["catch_ups"] >= 2


def test_reset_event_triggers_a_catch_up(make_rig):
    rig = make_rig()
    rig.engine.start()
    rig.online()
    alert = rig.fresh_alert()
    # An id the server never issued: it answers `event: reset` (unknown_event_id).
    rig.engine._stream.last_event_id = "999999999"
    rig.proxy.drop_connections()
    wait_until(lambda: rig.engine.stats["reset_resyncs"] >= 1, "reset handled")
    rig.other.add_alert_note(alert["id"], "sau reset")
    wait_until(lambda: len(rig.store.get("alert", alert["id"])["notes"]) == 1, "live change after the reset")
    assert not cache_agrees_with_server(rig.store, rig.other, [alert["id"]])


def test_changes_missed_while_offline_are_caught_up_on_reconnect(make_rig):
    rig = make_rig()
    rig.engine.start()
    rig.online()
    alerts = [rig.fresh_alert() for _ in range(5)]
    rig.proxy.set_mode("refuse")
    wait_until(lambda: rig.engine.status.state == OFFLINE, "offline")
    for alert in alerts:
        rig.other.transition_alert(alert["id"], "acknowledged", alert["version"])
    rig.proxy.set_mode("pass")
    rig.online()
    assert not cache_agrees_with_server(rig.store, rig.other, [a["id"] for a in alerts])
    assert {c.id for c in rig.recorder.changes} >= {str(a["id"]) for a in alerts}


# ---------------------------------------------------------------------------- offline grant
def test_console_opened_offline_resumes_with_the_offline_grant(make_rig, tmp_path):
    first = make_rig(cache_name="grant.sqlite3")
    first.engine.start()
    first.online()
    wait_until(lambda: first.store.offline_grant() is not None, "grant saved in the cache")
    alert = first.fresh_alert()
    first.engine.stop()
    first.store.close()
    # A later start: no password typed (the client is not signed in), backend unreachable.
    later = make_rig(login=False, cache_name="grant.sqlite3")
    later.proxy.set_mode("refuse")
    later.engine.start()
    entry = later.engine.submit(add_alert_note(alert, "mở khi mất mạng"))
    wait_until(lambda: later.engine.status.state == OFFLINE, "offline at start")
    later.proxy.set_mode("pass")
    wait_until(lambda: later.store.entry(entry.id).state == "applied", "replayed with the grant's session")
    assert later.client.is_authenticated and later.client.user.username == "operator"
    assert later.recorder.auth_requests == 0
    assert notes_of(later.other, alert["id"]) == ["mở khi mất mạng"]
    # The grant is single use: the cache now holds its successor.
    assert later.store.offline_grant().grant == later.client.offline_grant.grant


def test_without_session_or_grant_the_engine_asks_for_a_sign_in(make_rig):
    rig = make_rig(login=False, cache_name="nogrant.sqlite3")
    rig.engine.start()
    wait_until(lambda: rig.recorder.auth_requests == 1, "on_auth_required called")
    assert rig.engine.status.state == OFFLINE and rig.engine.status.detail == "sign-in required"
    rig.client.login("operator", DEMO_PASSWORDS["operator"])
    rig.engine.wake()
    rig.online()


# ---------------------------------------------------------------------------- SIGKILL
_KILLED_CONSOLE = textwrap.dedent("""
    import json, sys, time
    from backend_client import IocClient, SyncEngine, add_alert_note
    from backend_client.cache import CacheStore
    url, cache, alerts = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    client = IocClient(url, connect_timeout=1.0, read_timeout=60.0, max_retries=0)
    client.login("operator", "hue-operator")
    engine = SyncEngine(client, CacheStore(cache), backoff_initial=0.05, backoff_max=0.4)
    engine.start()
    while engine.status.state != "online":
        time.sleep(0.02)
    print("online", flush=True)
    sys.stdin.readline()  # the test has broken the link
    for alert in alerts:
        entry = engine.submit(add_alert_note(alert, "trước khi bị kill " + str(alert["id"])))
        print("queued", entry.id, flush=True)
    time.sleep(600)
""")


@pytest.mark.parametrize(
    "fault",
    [
        "hang",  # killed after the outbox commit, before the request reached the server
        "hang_after_forward",  # killed after the server applied it, before the answer came back
    ],
)
def test_actions_pending_when_the_console_is_killed_are_delivered_once_after_restart(make_rig, tmp_path, fault):
    rig = make_rig(cache_name="killed.sqlite3")
    rig.engine.start()  # brings the cache up to date, then hands the file to the "console" subprocess
    alerts = [rig.fresh_alert() for _ in range(4)]
    rig.engine.stop()
    rig.store.close()
    before = {a["id"]: alert_events(rig.backend.db_path, a["id"]) for a in alerts}
    console = subprocess.Popen(
        [sys.executable, "-c", _KILLED_CONSOLE, rig.proxy.url, str(tmp_path / "killed.sqlite3"), json.dumps(alerts)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert console.stdout.readline().strip() == "online"
        # The first write is held by the proxy: before the server ("hang") or after the server
        # applied it ("hang_after_forward"); either way its answer never comes back.
        rig.proxy.set_mode(fault, path_prefix="/api/v1/alerts/")
        forwarded = rig.proxy.forwarded
        console.stdin.write("go\n")
        console.stdin.flush()
        queued = [console.stdout.readline().split() for _ in alerts]
        assert [q[0] for q in queued] == ["queued"] * len(alerts)
        first_write = (fault, "POST", f"/api/v1/alerts/{alerts[0]['id']}/notes")
        if fault == "hang":
            wait_until(lambda: first_write in rig.proxy.requests_seen, "first action held before the server")
            assert alert_events(rig.backend.db_path, alerts[0]["id"]) == before[alerts[0]["id"]]
        else:
            wait_until(
                lambda: (
                    rig.proxy.forwarded > forwarded
                    and alert_events(rig.backend.db_path, alerts[0]["id"]) == before[alerts[0]["id"]] + 1
                ),
                "first action applied on the server",
            )
    finally:
        os.kill(console.pid, signal.SIGKILL)
        console.wait(WAIT)
        console.stdin.close()
        console.stdout.close()
    rig.proxy.set_mode("pass")

    store = CacheStore(tmp_path / "killed.sqlite3")  # the console restarts on the same cache file
    try:
        assert store.interrupted_requeued == 1  # the one that was being sent
        assert [e.state for e in store.entries()] == ["pending"] * len(alerts)
        client = IocClient(rig.proxy.url, **TEST_CLIENT)
        client.login("operator", DEMO_PASSWORDS["operator"])
        engine = SyncEngine(client, store, **ENGINE)
        engine.start()
        try:
            wait_until(lambda: store.pending_count() == 0, "delivered after the restart")
            assert [e.state for e in store.entries()] == ["applied"] * len(alerts)
        finally:
            engine.stop()
            client.close()
    finally:
        store.close()
    for alert in alerts:
        assert notes_of(rig.other, alert["id"]) == [f"trước khi bị kill {alert['id']}"]
        assert alert_events(rig.backend.db_path, alert["id"]) == before[alert["id"]] + 1


def test_a_cache_ahead_of_the_server_is_fully_resynchronised(make_rig):
    # As after the backend was restored from an older backup: our cursor is beyond its log.
    rig = make_rig()
    rig.store.set_state("cursor", "999999999")
    rig.engine.start()
    rig.online()
    assert rig.engine.stats["full_resyncs"] == 1
    assert int(rig.store.cursor()) < 999999999
    alert = rig.fresh_alert()
    rig.other.add_alert_note(alert["id"], "sau khôi phục")
    wait_until(lambda: len(rig.store.get("alert", alert["id"])["notes"]) == 1, "live changes flow again")
