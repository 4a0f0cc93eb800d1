"""Connection state, backoff, action builders, the client's offline-grant calls and the stream's `prev`."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime

import pytest
from backend_process import DEMO_PASSWORDS
from faultproxy import FaultProxy
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, wait_until

from backend_client import (
    OFFLINE,
    ONLINE,
    AuthError,
    Backoff,
    EventStream,
    IocClient,
    SyncEngine,
    acknowledge_alert,
    add_alert_note,
    close_alert,
    describe,
    set_report_status,
    start_alert,
    update_task,
)
from backend_client.api.actions import with_version
from backend_client.cache import CacheStore


# ---------------------------------------------------------------------------- Backoff
def test_backoff_ceiling_doubles_up_to_the_maximum_and_delays_are_jittered_below_it():
    backoff = Backoff(0.5, 8.0, rng=random.Random(7))
    ceilings, delays = [], []
    for _ in range(8):
        ceilings.append(backoff.ceiling())
        delays.append(backoff.next())
    assert ceilings == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]
    assert all(0.05 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len(set(delays)) == len(delays)  # jittered: no two equal
    # Same seed, same sequence (deterministic for tests); another seed, another one.
    same = Backoff(0.5, 8.0, rng=random.Random(7))
    assert [same.next() for _ in range(8)] == delays
    other = Backoff(0.5, 8.0, rng=random.Random(8))
    assert [other.next() for _ in range(8)] != delays
    backoff.reset()
    assert backoff.ceiling() == 0.5 and backoff.next() <= 0.5


def test_backoff_spreads_delays_over_the_whole_window():
    backoff = Backoff(1.0, 1.0, rng=random.Random(1))
    delays = [backoff.next() for _ in range(400)]
    assert min(delays) < 0.2 and max(delays) > 0.9  # full jitter, not a fixed delay


def test_backoff_rejects_nonsense():
    with pytest.raises(ValueError):
        Backoff(0, 1)
    with pytest.raises(ValueError):
        Backoff(2, 1)


# ---------------------------------------------------------------------------- actions
ALERT = {"id": 17, "version": 4, "state": "new"}


def test_alert_actions_match_the_api_contract():
    ack = acknowledge_alert(ALERT, note="ok")
    assert (ack.method, ack.path, ack.body) == (
        "POST",
        "/alerts/17/transition",
        {"to": "acknowledged", "version": 4, "reason": None, "note": "ok"},
    )
    assert (ack.resource, ack.resource_id, ack.base_version, ack.kind) == ("alert", "17", 4, "alert.acknowledged")
    assert start_alert(ALERT).body["to"] == "in_progress"
    closed = close_alert(ALERT, "false_positive")
    assert closed.body == {"to": "closed", "version": 4, "reason": "false_positive", "note": None}
    note = add_alert_note(ALERT, "Cháy rừng ở A Lưới")
    assert (note.path, note.body, note.base_version) == ("/alerts/17/notes", {"text": "Cháy rừng ở A Lưới"}, 4)
    assert describe(closed) == "close alert 17 (false_positive)"


def test_report_and_task_actions():
    report = set_report_status({"id": 5, "version": 2}, "in_progress", note="đã giao", agency_responsible="UBND")
    assert (report.method, report.path) == ("PATCH", "/reports/5")
    assert report.body == {"status": "in_progress", "version": 2, "note": "đã giao", "agency_responsible": "UBND"}
    due = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    task = update_task({"id": 3, "version": 9}, status="done", due_at=due)
    assert task.body == {"version": 9, "status": "done", "due_at": due.isoformat()}
    assert describe(task) == "update task 3 (due_at, status)"
    assert with_version(task.body, 11)["version"] == 11


@pytest.mark.parametrize(
    "build",
    [
        lambda: close_alert(ALERT, "because"),
        lambda: add_alert_note(ALERT, "   "),
        lambda: add_alert_note(ALERT, "x" * 2001),
        lambda: acknowledge_alert({"id": 1}),
        lambda: acknowledge_alert({"id": 1, "version": "3"}),
        lambda: set_report_status({"id": 1, "version": 1}, "lost"),
        lambda: update_task({"id": 1, "version": 1}, owner="me"),
        lambda: update_task({"id": 1, "version": 1}),
    ],
)
def test_bad_actions_are_refused_with_a_clear_error(build):
    with pytest.raises(ValueError):
        build()


# ---------------------------------------------------------------------------- client: grant
def test_client_exposes_and_redeems_the_offline_grant(backend):
    with IocClient(backend.url, **TEST_CLIENT) as first, IocClient(backend.url, **TEST_CLIENT) as second:
        session = first.login("operator", DEMO_PASSWORDS["operator"])
        assert session.offline_grant is not None and session.offline_grant.expires_at > datetime.now(UTC)
        assert first.offline_grant == session.offline_grant
        assert session.offline_grant.grant not in repr(session)
        resumed = second.redeem_offline_grant(session.offline_grant.grant)
        assert resumed.user.username == "operator" and second.is_authenticated
        assert second.offline_grant.grant != session.offline_grant.grant
        with IocClient(backend.url, **TEST_CLIENT) as third, pytest.raises(AuthError):
            third.redeem_offline_grant(session.offline_grant.grant)  # single use


# ---------------------------------------------------------------------------- stream `prev`
def test_change_events_carry_prev_chaining_from_the_resume_id(backend):
    with IocClient(backend.url, **TEST_CLIENT) as admin:
        admin.login("admin", DEMO_PASSWORDS["admin"])
        cursor = "0"
        for batch in admin.iter_sync("0"):
            cursor = batch.cursor
        seen: list = []
        done = threading.Event()

        def on_event(event):
            seen.append(event)
            if len(seen) >= 2:
                done.set()

        stream = EventStream(admin, last_event_id=cursor, on_event=on_event)
        stream.start()
        try:
            for suffix in ("p1", "p2"):
                camera = admin.get_camera("cam-0021")
                admin.update_camera("cam-0021", camera.version, name=camera.name.split(" #")[0] + f" #{suffix}")
            assert done.wait(30)
        finally:
            stream.stop()
    assert seen[0].data["prev"] == int(cursor)
    assert seen[1].data["prev"] == seen[0].change.seq


# ---------------------------------------------------------------------------- status transitions
def test_status_goes_offline_with_growing_retry_delays_and_back_online(backend, tmp_path):
    recorder = Recorder()
    proxy = FaultProxy(backend.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, store, **recorder.callbacks(), **{**ENGINE, "backoff_initial": 0.1, "backoff_max": 0.8})
    try:
        client.login("operator", DEMO_PASSWORDS["operator"])
        engine.start()
        wait_until(lambda: engine.status.state == ONLINE, "online")
        assert engine.status.last_sync_at is not None
        proxy.set_mode("refuse")
        wait_until(
            lambda: len([s for s in recorder.statuses if s.state == OFFLINE and s.next_retry_in]) >= 6,
            "several offline retries",
        )
        proxy.set_mode("pass")
        wait_until(lambda: engine.status.state == ONLINE, "back online")
    finally:
        engine.stop()
        proxy.stop()
        client.close()
        store.close()
    assert recorder.states() == [ONLINE, OFFLINE, ONLINE]
    offline = [s for s in recorder.statuses if s.state == OFFLINE and s.next_retry_in is not None]
    failures = [s.consecutive_failures for s in offline]
    assert failures == sorted(failures) and failures[-1] >= 6
    assert all(0 < s.next_retry_in <= 0.8 for s in offline)
    assert all("unreachable" in s.detail or "closed" in s.detail or "Connection" in s.detail for s in offline)
    assert recorder.statuses[-1].consecutive_failures == 0
