"""Verify and dispatch through the client: the builders, and the durable outbox against the real backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

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

from backend_client import OFFLINE, ONLINE, Alert, IocClient, SyncEngine, describe, dispatch_alert, verify_alert
from backend_client.cache import CacheStore

UNIT = "Đội Cảnh sát PCCC và CNCH Huế"
SEEN = {"id": 42, "version": 3, "state": "new"}


# --- builders -----------------------------------------------------------------------------------------


def test_verify_builder_makes_the_documented_request() -> None:
    action = verify_alert(SEEN, "confirmed", note="Đã xem camera")
    assert (action.kind, action.method, action.path) == ("alert.verify", "POST", "/alerts/42/verify")
    assert action.body == {"verdict": "confirmed", "version": 3, "note": "Đã xem camera"}
    assert (action.resource, action.resource_id, action.base_version) == ("alert", "42", 3)
    assert verify_alert(SEEN, "false_alarm").body == {"verdict": "false_alarm", "version": 3, "note": None}
    assert describe(action) == "verify alert 42 (confirmed)"
    assert describe(verify_alert(SEEN, "false_alarm")) == "verify alert 42 (false_alarm)"


@pytest.mark.parametrize("verdict", ["maybe", "", "CONFIRMED", None, 1])
def test_verify_builder_refuses_a_bad_verdict(verdict: Any) -> None:
    with pytest.raises(ValueError, match="Verdict"):
        verify_alert(SEEN, verdict)


def test_dispatch_builder_makes_the_documented_request_with_a_trimmed_unit() -> None:
    action = dispatch_alert(SEEN, f"  {UNIT}\n", note="Đã gọi 114")
    assert (action.kind, action.method, action.path) == ("alert.dispatch", "POST", "/alerts/42/dispatch")
    assert action.body == {"unit": UNIT, "version": 3, "note": "Đã gọi 114"}
    assert (action.resource, action.resource_id, action.base_version) == ("alert", "42", 3)
    assert describe(action) == f"dispatch alert 42 to {UNIT!r}"
    longest = dispatch_alert(SEEN, " " + "u" * 200 + " ")  # 200 characters once trimmed: allowed
    assert longest.body["unit"] == "u" * 200


@pytest.mark.parametrize(
    "unit, problem",
    [("", "Name the unit"), ("   \t", "Name the unit"), (None, "Name the unit"), ("u" * 201, "at most 200")],
)
def test_dispatch_builder_refuses_a_blank_or_too_long_unit(unit: Any, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        dispatch_alert(SEEN, unit)


@pytest.mark.parametrize(
    "build",
    [lambda note: verify_alert(SEEN, "confirmed", note=note), lambda note: dispatch_alert(SEEN, UNIT, note=note)],
)
def test_builders_refuse_a_note_over_2000_characters(build: Any) -> None:
    assert build("n" * 2000).body["note"] == "n" * 2000
    with pytest.raises(ValueError, match="at most 2000"):
        build("n" * 2001)


@pytest.mark.parametrize(
    "build", [lambda alert: verify_alert(alert, "confirmed"), lambda alert: dispatch_alert(alert, UNIT)]
)
def test_builders_need_the_version_the_operator_saw(build: Any) -> None:
    for alert in ({"id": 42}, {"id": 42, "version": 0}, {"id": 42, "version": "3"}):
        with pytest.raises(ValueError):
            build(alert)


def test_client_model_reads_both_fields_and_defaults_them_to_none() -> None:
    base = {
        "id": 42,
        "analytic": "forest_fire",
        "severity": "critical",
        "camera_id": "cam-0412",
        "ward": "Phường Phú Hội",
        "lat": 16.46,
        "lon": 107.59,
        "detected_at": "2026-11-25T19:04:00+00:00",
        "confidence": 0.87,
        "bbox": [0.1, 0.2, 0.3, 0.4],
        "state": "in_progress",
        "close_reason": None,
        "owner": "operator",
        "notes": [],
        "snapshot_url": "/api/v1/alerts/42/snapshot.jpg",
        "version": 4,
        "updated_at": "2026-11-25T19:10:00+00:00",
    }
    older_server = Alert.model_validate(base)
    assert older_server.verification is None and older_server.dispatch is None
    full = Alert.model_validate(
        {
            **base,
            "verification": {"verdict": "confirmed", "by": "operator", "at": "2026-11-25T19:06:00+00:00"},
            "dispatch": {"unit": UNIT, "by": "supervisor", "at": "2026-11-25T19:07:00+00:00"},
        }
    )
    assert full.verification.verdict == "confirmed" and full.verification.by == "operator"
    assert full.dispatch.unit == UNIT and full.dispatch.by == "supervisor"


# --- through the durable outbox -----------------------------------------------------------------------


def _stamp(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """A verification/dispatch with its time as a datetime: the model dumps times in another ISO spelling."""
    return None if value is None else {**value, "at": datetime.fromisoformat(value["at"])}


@dataclass
class Rig:
    backend: BackendProcess
    proxy: FaultProxy
    client: IocClient  # the operator's console, through the proxy
    supervisor: IocClient  # another user, straight to the backend
    store: CacheStore
    engine: SyncEngine

    def cached_new_alerts(self, count: int) -> list[dict[str, Any]]:
        """``count`` alerts still 'new', as the operator's console has them cached."""
        ids = sorted(a.id for a in self.supervisor.list_alerts(state="new", limit=1000).items)[:count]
        wait_until(lambda: all(self.store.get("alert", i) is not None for i in ids), "the alerts reached the cache")
        return [self.store.get("alert", i) for i in ids]

    def go_offline(self) -> None:
        self.proxy.set_mode("refuse")
        wait_until(lambda: self.engine.status.state == OFFLINE, "engine offline")

    def cache_shows_server(self, alert_id: int) -> bool:
        server = self.supervisor.get_alert(alert_id).model_dump(mode="json")
        cached = self.store.get("alert", alert_id) or {}
        return all(cached.get(k) == server[k] for k in ("version", "state", "owner", "close_reason")) and all(
            _stamp(cached.get(k)) == _stamp(server[k]) for k in ("verification", "dispatch")
        )


@pytest.fixture()
def rig(backend: BackendProcess, tmp_path: Path) -> Iterator[Rig]:
    # A private backend on a copy of the session's seeded database: these tests close alerts.
    private = start_backend(tmp_path, db_path=copy_database(backend.db_path, tmp_path / "backend.sqlite3"))
    proxy = FaultProxy(private.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    client.login("operator", DEMO_PASSWORDS["operator"])
    supervisor = IocClient(private.url, **TEST_CLIENT)
    supervisor.login("supervisor", DEMO_PASSWORDS["supervisor"])
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, store, **Recorder().callbacks(), **ENGINE)
    rig = Rig(private, proxy, client, supervisor, store, engine)
    try:
        engine.start()
        wait_until(lambda: engine.status.state == ONLINE, "engine online")
        yield rig
    finally:
        engine.stop()
        proxy.stop()
        client.close()
        supervisor.close()
        store.close()
        private.stop()
    assert "Traceback" not in private.log(), private.log()


def test_verify_and_dispatch_queued_offline_are_each_applied_once(rig: Rig) -> None:
    seen, doubtful = rig.cached_new_alerts(2)
    events_before = {a["id"]: alert_events(rig.backend.db_path, a["id"]) for a in (seen, doubtful)}
    rig.go_offline()
    # Both taken on the version the operator saw; the second is sent on the version the first produced.
    verify = rig.engine.submit(verify_alert(seen, "confirmed", note="Đã kiểm tra trên camera"))
    dispatch = rig.engine.submit(dispatch_alert(seen, f" {UNIT} ", note="Đã gọi 114"))
    dismiss = rig.engine.submit(verify_alert(doubtful, "false_alarm"))
    assert rig.store.pending_count() == 3
    assert (
        rig.backend.proc.poll() is None and alert_events(rig.backend.db_path, seen["id"]) == events_before[seen["id"]]
    )

    # The link returns, but the answer to the verify is lost after the server applied it: the
    # engine resends it with the same idempotency key, and the server does not apply it again.
    rig.proxy.set_mode("drop_after_forward", path_prefix=f"/api/v1/alerts/{seen['id']}/verify", times=1)
    wait_until(
        lambda: rig.store.pending_count() == 0 and rig.engine.status.state == ONLINE,
        "the outbox delivered after the link returned",
    )

    entries = {e.id: e for e in rig.store.entries()}
    assert [entries[e.id].state for e in (verify, dispatch, dismiss)] == ["applied", "applied", "applied"]
    assert entries[verify.id].attempts == 2  # sent twice, applied once
    server = rig.supervisor.get_alert(seen["id"])
    assert server.state == "in_progress" and server.owner == "operator"
    assert server.verification.verdict == "confirmed" and server.verification.by == "operator"
    assert server.dispatch.unit == UNIT and server.dispatch.by == "operator"
    assert server.version == seen["version"] + 2
    texts = [n.text for n in server.notes]
    assert texts.count("Đã kiểm tra trên camera") == 1 and texts.count("Đã gọi 114") == 1
    assert alert_events(rig.backend.db_path, seen["id"]) == events_before[seen["id"]] + 2
    closed = rig.supervisor.get_alert(doubtful["id"])
    assert closed.state == "closed" and closed.close_reason == "false_positive"
    assert closed.verification.verdict == "false_alarm"
    assert alert_events(rig.backend.db_path, doubtful["id"]) == events_before[doubtful["id"]] + 1

    for alert_id in (seen["id"], doubtful["id"]):
        wait_until(
            lambda alert_id=alert_id: rig.cache_shows_server(alert_id),
            f"the cache shows alert {alert_id} as the server does",
        )
    assert cache_agrees_with_server(rig.store, rig.supervisor, [seen["id"], doubtful["id"]]) == []


def test_a_dispatch_on_an_alert_closed_meanwhile_becomes_a_conflict(rig: Rig) -> None:
    [seen] = rig.cached_new_alerts(1)
    rig.go_offline()
    queued = rig.engine.submit(dispatch_alert(seen, UNIT, note="Điều động"))
    # Meanwhile another user closes the alert.
    closed = rig.supervisor.transition_alert(seen["id"], "closed", seen["version"], reason="duplicate")
    rig.proxy.set_mode("pass")
    wait_until(lambda: rig.store.pending_count() == 0, "the outbox worked through")

    # Closing bumped the version, so the server first answers "conflict" (stale version),
    # with the closed alert as it is now for the operator to see.
    conflict = rig.store.entry(queued.id)
    assert conflict.state == "conflict" and "version" in (conflict.last_error or "")
    assert conflict.server_current["state"] == "closed" and conflict.server_current["version"] == closed.version
    assert conflict.server_current["dispatch"] is None
    after = rig.supervisor.get_alert(seen["id"])
    assert after.version == closed.version and after.dispatch is None and after.notes == closed.notes
    # Retried on the current version it meets the state machine (invalid_transition): kept as a
    # conflict again, not lost, and the alert is still untouched.
    retried = rig.engine.resolve_conflict(conflict.id, "retry_on_current")
    wait_until(lambda: rig.store.entry(retried.id).state not in ("pending", "sending"), "the retry was answered")
    again = rig.store.entry(retried.id)
    assert again.state == "conflict" and "closed" in (again.last_error or "")
    assert again.server_current["state"] == "closed" and again.server_current["version"] == closed.version
    assert rig.supervisor.get_alert(seen["id"]).version == closed.version
    assert rig.engine.resolve_conflict(retried.id, "discard").state == "cancelled"
    assert rig.store.pending_count() == 0 and rig.store.conflict_count() == 0


def test_a_verify_on_a_stale_version_conflicts_and_applies_when_retried_on_current(rig: Rig) -> None:
    [seen] = rig.cached_new_alerts(1)
    rig.go_offline()
    queued = rig.engine.submit(verify_alert(seen, "confirmed"))
    noted = rig.supervisor.add_alert_note(seen["id"], "Camera bị che một phần")
    rig.proxy.set_mode("pass")
    wait_until(lambda: rig.store.pending_count() == 0, "the outbox worked through")

    conflict = rig.store.entry(queued.id)
    assert conflict.state == "conflict" and conflict.server_current["version"] == noted.version
    retried = rig.engine.resolve_conflict(conflict.id, "retry_on_current")
    wait_until(lambda: rig.store.entry(retried.id).state == "applied", "the retry was applied")
    server = rig.supervisor.get_alert(seen["id"])
    assert server.version == noted.version + 1 and server.state == "acknowledged" and server.owner == "operator"
    assert server.verification.verdict == "confirmed"
    wait_until(lambda: rig.cache_shows_server(seen["id"]), "the cache shows the verified alert")
