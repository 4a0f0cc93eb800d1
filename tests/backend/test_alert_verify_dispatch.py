"""POST /alerts/{id}/verify and /dispatch against the real backend process (docs/API.md, "Alert")."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from backend_process import start_backend
from backend_testkit import Api, error_code, error_fields, private_backend_fixtures
from sqlalchemy import create_engine, inspect, text

UNIT = "Hạt Kiểm lâm A Lưới"


# These tests use up many 'new' alerts of the demo set.
private_backend, api = private_backend_fixtures("verify-dispatch", backend_name="private_backend")


@pytest.fixture(scope="module")
def fresh_alert_ids(api: Api) -> Iterator[int]:
    """Ids of seeded alerts still 'new', each handed to one test only."""
    page = api.get("/alerts", api.token("operator"), params={"state": "new", "limit": 1000}).json()
    return iter(sorted(a["id"] for a in page["items"]))


@pytest.fixture()
def new_alert(api: Api, fresh_alert_ids: Iterator[int]) -> dict[str, Any]:
    alert = api.get(f"/alerts/{next(fresh_alert_ids)}", api.token("operator")).json()
    assert alert["state"] == "new" and alert["owner"] is None
    assert alert["verification"] is None and alert["dispatch"] is None
    return alert


def post(api: Api, role: str, alert: dict[str, Any], action: str, body: dict[str, Any], key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else None
    return api.post(f"/alerts/{alert['id']}/{action}", api.token(role), json=body, headers=headers)


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return response.json()


def transition(api: Api, role: str, alert: dict[str, Any], to: str) -> dict[str, Any]:
    return ok(post(api, role, alert, "transition", {"to": to, "version": alert["version"]}))


def assert_recent_stamp(stamp: dict[str, Any], by: str) -> None:
    assert stamp["by"] == by
    at = datetime.fromisoformat(stamp["at"])
    assert at.utcoffset() is not None and at.utcoffset().total_seconds() == 0


def sync_cursor(api: Api, token: str) -> int:
    return int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])


def alert_changes_since(api: Api, token: str, cursor: int, alert_id: int) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    while True:
        page = api.get("/sync", token, params={"since": cursor, "limit": 1000}).json()
        changes += [c for c in page["changes"] if (c["resource"], c["id"]) == ("alert", str(alert_id))]
        cursor = int(page["cursor"])
        if not page["has_more"]:
            return changes


# --- verify -------------------------------------------------------------------------------------------


def test_confirmed_on_a_new_alert_acknowledges_it_for_the_verifier(api: Api, new_alert: dict[str, Any]) -> None:
    verified = ok(
        post(
            api,
            "operator",
            new_alert,
            "verify",
            {"verdict": "confirmed", "version": new_alert["version"], "note": "Thấy khói rõ trên camera"},
        )
    )
    assert verified["state"] == "acknowledged" and verified["owner"] == "operator"
    assert verified["verification"]["verdict"] == "confirmed"
    assert_recent_stamp(verified["verification"], "operator")
    assert verified["close_reason"] is None and verified["dispatch"] is None
    assert verified["version"] == new_alert["version"] + 1
    assert verified["notes"][-1]["author"] == "operator"
    assert verified["notes"][-1]["text"] == "Thấy khói rõ trên camera"
    assert len(verified["notes"]) == len(new_alert["notes"]) + 1
    assert api.get(f"/alerts/{new_alert['id']}", api.token("leader")).json() == verified


def test_confirmed_leaves_other_states_and_owner_and_verifying_again_replaces(
    api: Api, new_alert: dict[str, Any]
) -> None:
    acked = transition(api, "supervisor", new_alert, "acknowledged")
    started = transition(api, "supervisor", acked, "in_progress")
    first = ok(post(api, "operator", started, "verify", {"verdict": "confirmed", "version": started["version"]}))
    assert first["state"] == "in_progress" and first["owner"] == "supervisor"
    assert first["verification"]["by"] == "operator"
    assert first["notes"] == started["notes"]  # no note given, none appended
    again = ok(post(api, "admin", first, "verify", {"verdict": "confirmed", "version": first["version"], "note": None}))
    assert again["verification"]["by"] == "admin" and again["state"] == "in_progress"
    assert again["version"] == first["version"] + 1


def test_false_alarm_closes_as_false_positive(api: Api, new_alert: dict[str, Any]) -> None:
    acked = transition(api, "operator", new_alert, "acknowledged")
    closed = ok(
        post(
            api,
            "supervisor",
            acked,
            "verify",
            {"verdict": "false_alarm", "version": acked["version"], "note": "Bóng cây, không phải cháy"},
        )
    )
    assert closed["state"] == "closed" and closed["close_reason"] == "false_positive"
    assert closed["verification"]["verdict"] == "false_alarm"
    assert_recent_stamp(closed["verification"], "supervisor")
    assert closed["owner"] == "operator"
    assert closed["notes"][-1] == {
        "author": "supervisor",
        "text": "Bóng cây, không phải cháy",
        "at": closed["notes"][-1]["at"],
    }


# --- dispatch -----------------------------------------------------------------------------------------


def test_dispatch_from_new_starts_work_and_takes_ownership(api: Api, new_alert: dict[str, Any]) -> None:
    dispatched = ok(
        post(
            api,
            "operator",
            new_alert,
            "dispatch",
            {"unit": f"  {UNIT}\t", "version": new_alert["version"], "note": "Gọi qua bộ đàm"},
        )
    )
    assert dispatched["state"] == "in_progress" and dispatched["owner"] == "operator"
    assert dispatched["dispatch"]["unit"] == UNIT  # trimmed
    assert_recent_stamp(dispatched["dispatch"], "operator")
    assert dispatched["verification"] is None and dispatched["close_reason"] is None
    assert dispatched["notes"][-1]["author"] == "operator" and dispatched["notes"][-1]["text"] == "Gọi qua bộ đàm"
    assert dispatched["version"] == new_alert["version"] + 1


def test_dispatch_from_acknowledged_keeps_the_owner_and_redispatch_replaces(
    api: Api, new_alert: dict[str, Any]
) -> None:
    acked = transition(api, "supervisor", new_alert, "acknowledged")
    first = ok(
        post(api, "operator", acked, "dispatch", {"unit": "Công an phường Phú Hội", "version": acked["version"]})
    )
    assert first["state"] == "in_progress" and first["owner"] == "supervisor"
    assert first["dispatch"]["unit"] == "Công an phường Phú Hội" and first["dispatch"]["by"] == "operator"
    again = ok(post(api, "admin", first, "dispatch", {"unit": "Cảnh sát PCCC và CNCH", "version": first["version"]}))
    assert again["state"] == "in_progress" and again["owner"] == "supervisor"
    assert again["dispatch"]["unit"] == "Cảnh sát PCCC và CNCH" and again["dispatch"]["by"] == "admin"
    assert again["notes"] == acked["notes"]


# --- refusals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action, body",
    [("verify", {"verdict": "confirmed"}), ("verify", {"verdict": "false_alarm"}), ("dispatch", {"unit": UNIT})],
)
def test_a_closed_alert_is_an_invalid_transition_with_current(
    api: Api, new_alert: dict[str, Any], action: str, body: dict[str, Any]
) -> None:
    closed = ok(
        post(
            api,
            "operator",
            new_alert,
            "transition",
            {"to": "closed", "version": new_alert["version"], "reason": "duplicate"},
        )
    )
    r = post(api, "operator", closed, action, {**body, "version": closed["version"], "note": "muộn"})
    assert r.status_code == 409 and error_code(r) == "invalid_transition", r.text
    assert r.json()["current"] == closed
    assert api.get(f"/alerts/{closed['id']}", api.token("operator")).json() == closed


@pytest.mark.parametrize("action, body", [("verify", {"verdict": "confirmed"}), ("dispatch", {"unit": UNIT})])
def test_a_stale_version_is_a_conflict_with_current(
    api: Api, new_alert: dict[str, Any], action: str, body: dict[str, Any]
) -> None:
    noted = ok(api.post(f"/alerts/{new_alert['id']}/notes", api.token("supervisor"), json={"text": "ghi chú"}))
    r = post(api, "operator", new_alert, action, {**body, "version": new_alert["version"]})
    assert r.status_code == 409 and error_code(r) == "conflict", r.text
    assert r.json()["current"] == noted
    assert api.get(f"/alerts/{new_alert['id']}", api.token("operator")).json() == noted


@pytest.mark.parametrize(
    "action, body, field",
    [
        ("verify", {"verdict": "maybe", "version": 1}, "body.verdict"),
        ("verify", {"verdict": None, "version": 1}, "body.verdict"),
        ("verify", {"version": 1}, "body.verdict"),
        ("verify", {"verdict": "confirmed"}, "body.version"),
        ("verify", {"verdict": "confirmed", "version": 0}, "body.version"),
        ("verify", {"verdict": "confirmed", "version": 1, "note": "n" * 2001}, "body.note"),
        ("verify", {"verdict": "confirmed", "version": 1, "unit": UNIT}, "body.unit"),
        ("dispatch", {"unit": "", "version": 1}, "body.unit"),
        ("dispatch", {"unit": "   \t ", "version": 1}, "body.unit"),
        ("dispatch", {"unit": "u" * 201, "version": 1}, "body.unit"),
        ("dispatch", {"unit": 7, "version": 1}, "body.unit"),
        ("dispatch", {"version": 1}, "body.unit"),
        ("dispatch", {"unit": UNIT, "version": "one"}, "body.version"),
        ("dispatch", {"unit": UNIT, "version": 1, "note": "n" * 2001}, "body.note"),
        ("dispatch", {"unit": UNIT, "version": 1, "verdict": "confirmed"}, "body.verdict"),
    ],
)
def test_bad_bodies_are_422_naming_the_field(api: Api, action: str, body: dict[str, Any], field: str) -> None:
    token = api.token("operator")
    before = api.get("/alerts/1", token).json()
    r = api.post(f"/alerts/1/{action}", token, json=body)
    assert r.status_code == 422 and error_code(r) == "validation_error", r.text
    assert error_fields(r) == [field]
    assert api.get("/alerts/1", token).json() == before


def test_limits_are_inclusive(api: Api, new_alert: dict[str, Any]) -> None:
    padded_unit = " " + "u" * 200 + " "  # 200 characters once trimmed
    dispatched = ok(
        post(
            api,
            "operator",
            new_alert,
            "dispatch",
            {"unit": padded_unit, "version": new_alert["version"], "note": "n" * 2000},
        )
    )
    assert dispatched["dispatch"]["unit"] == "u" * 200 and dispatched["notes"][-1]["text"] == "n" * 2000


@pytest.mark.parametrize("action, body", [("verify", {"verdict": "confirmed"}), ("dispatch", {"unit": UNIT})])
def test_roles_without_alert_write_are_refused(
    api: Api, new_alert: dict[str, Any], action: str, body: dict[str, Any]
) -> None:
    full = {**body, "version": new_alert["version"]}
    for role in ("leader", "participant"):
        r = post(api, role, new_alert, action, full)
        assert r.status_code == 403 and error_code(r) == "forbidden", f"{role}: {r.text}"
    r = api.post(f"/alerts/{new_alert['id']}/{action}", json=full)
    assert r.status_code == 401 and error_code(r) == "unauthorized"
    r = api.post(f"/alerts/{new_alert['id']}/{action}", "not-a-token", json=full)
    assert r.status_code == 401 and error_code(r) == "unauthorized"
    assert api.get(f"/alerts/{new_alert['id']}", api.token("operator")).json() == new_alert


def test_unknown_alert_is_404(api: Api) -> None:
    r = api.post("/alerts/999999/verify", api.token("operator"), json={"verdict": "confirmed", "version": 1})
    assert r.status_code == 404 and error_code(r) == "not_found"
    r = api.post("/alerts/999999/dispatch", api.token("operator"), json={"unit": UNIT, "version": 1})
    assert r.status_code == 404 and error_code(r) == "not_found"


# --- idempotency and sync -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action, body",
    [("verify", {"verdict": "confirmed", "note": "một lần"}), ("dispatch", {"unit": UNIT, "note": "một lần"})],
)
def test_the_same_idempotency_key_applies_once(
    api: Api, new_alert: dict[str, Any], action: str, body: dict[str, Any]
) -> None:
    key = str(uuid.uuid4())
    full = {**body, "version": new_alert["version"]}
    first = post(api, "operator", new_alert, action, full, key=key)
    second = post(api, "operator", new_alert, action, full, key=key)
    assert first.status_code == second.status_code == 200, (first.text, second.text)
    assert "Idempotent-Replayed" not in first.headers
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.content == first.content
    now = api.get(f"/alerts/{new_alert['id']}", api.token("operator")).json()
    assert now["version"] == new_alert["version"] + 1
    assert [n["text"] for n in now["notes"]].count("một lần") == 1
    other = post(api, "operator", now, action, {**full, "version": now["version"]}, key=key)
    assert other.status_code == 422 and error_code(other) == "idempotency_key_mismatch"
    assert api.get(f"/alerts/{new_alert['id']}", api.token("operator")).json() == now


def test_changes_reach_sync_with_verification_and_dispatch(api: Api, new_alert: dict[str, Any]) -> None:
    leader = api.token("leader")  # a reader that did not make the change
    cursor = sync_cursor(api, leader)
    verified = ok(post(api, "operator", new_alert, "verify", {"verdict": "confirmed", "version": new_alert["version"]}))
    [change] = alert_changes_since(api, leader, cursor, new_alert["id"])
    assert change["op"] == "upsert" and change["data"] == verified

    cursor = sync_cursor(api, leader)
    dispatched = ok(post(api, "supervisor", verified, "dispatch", {"unit": UNIT, "version": verified["version"]}))
    [change] = alert_changes_since(api, leader, cursor, new_alert["id"])
    assert change["data"] == dispatched
    assert change["data"]["verification"]["verdict"] == "confirmed"
    assert change["data"]["dispatch"] == {"unit": UNIT, "by": "supervisor", "at": dispatched["dispatch"]["at"]}


def test_every_alert_in_a_full_sync_carries_both_fields(api: Api) -> None:
    token = api.token("operator")
    cursor, alerts = 0, []
    while True:
        page = api.get("/sync", token, params={"since": cursor, "limit": 5000}).json()
        alerts += [c["data"] for c in page["changes"] if c["resource"] == "alert"]
        cursor = int(page["cursor"])
        if not page["has_more"]:
            break
    assert len(alerts) >= 2000
    assert all("verification" in a and "dispatch" in a for a in alerts)
    # Seeded alerts never verified nor dispatched carry both fields as null.
    untouched = next(a for a in alerts if a["verification"] is None and a["dispatch"] is None)
    fetched = api.get(f"/alerts/{untouched['id']}", token).json()
    assert fetched["verification"] is None and fetched["dispatch"] is None


def test_openapi_documents_the_fields_and_endpoints(api: Api) -> None:
    spec = api.http.get(f"{api.base}/openapi.json", timeout=30).json()
    assert {"/api/v1/alerts/{alert_id}/verify", "/api/v1/alerts/{alert_id}/dispatch"} <= set(spec["paths"])
    properties = spec["components"]["schemas"]["Alert"]["properties"]
    assert {"verification", "dispatch"} <= set(properties)
    verify_body = spec["paths"]["/api/v1/alerts/{alert_id}/verify"]["post"]["requestBody"]
    assert verify_body["required"] is True


# --- older databases ----------------------------------------------------------------------------------


def test_a_database_from_before_the_columns_gains_them(tmp_path: Path, empty_database_url: str) -> None:
    first = start_backend(tmp_path, db_url=empty_database_url)
    first.stop()
    # Make it a database of the previous release: the alerts table without the two columns.
    engine = create_engine(empty_database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE alerts DROP COLUMN verification"))
            conn.execute(text("ALTER TABLE alerts DROP COLUMN dispatch"))
            conn.execute(text("DROP TABLE alembic_version"))  # ...made before schema versions
            # ...whose stored /sync JSON was written without the two keys.
            if engine.dialect.name == "sqlite":
                conn.execute(
                    text("UPDATE alerts SET sync_json = json_remove(sync_json, '$.verification', '$.dispatch')")
                )
            else:
                conn.execute(
                    text("UPDATE alerts SET sync_json = (sync_json::jsonb - 'verification' - 'dispatch')::text")
                )
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT count(*) FROM alerts WHERE sync_json LIKE '%\"dispatch\"%'")).scalar_one()
                == 0
            )
        assert {"verification", "dispatch"}.isdisjoint(c["name"] for c in inspect(engine).get_columns("alerts"))

        upgraded = start_backend(tmp_path, db_url=empty_database_url)
        try:
            api = Api(upgraded.url)
            token = api.token("operator")
            # The upgrade rewrote the stored JSON: /sync sends every alert with the two keys.
            synced = api.get("/sync", token, params={"since": 0, "limit": 10000}).json()
            synced_alerts = [c["data"] for c in synced["changes"] if c["resource"] == "alert"]
            assert synced_alerts and all(a["verification"] is None and a["dispatch"] is None for a in synced_alerts)
            alert = api.get("/alerts", token, params={"state": "new", "limit": 1}).json()["items"][0]
            assert alert["verification"] is None and alert["dispatch"] is None
            verified = ok(
                api.post(
                    f"/alerts/{alert['id']}/verify", token, json={"verdict": "confirmed", "version": alert["version"]}
                )
            )
            dispatched = ok(
                api.post(f"/alerts/{alert['id']}/dispatch", token, json={"unit": UNIT, "version": verified["version"]})
            )
            assert dispatched["verification"]["verdict"] == "confirmed" and dispatched["dispatch"]["unit"] == UNIT
            api.close()
        finally:
            upgraded.stop()
        assert "Traceback" not in upgraded.log(), upgraded.log()
        assert {"verification", "dispatch"} <= {c["name"] for c in inspect(engine).get_columns("alerts")}
        with engine.connect() as conn:
            # Unset means SQL NULL, for the rows that predate the columns and for the rest alike.
            unset = conn.execute(text("SELECT count(*) FROM alerts WHERE verification IS NULL")).scalar_one()
            total = conn.execute(text("SELECT count(*) FROM alerts")).scalar_one()
        assert unset == total - 1
    finally:
        engine.dispose()


def test_a_rewrite_cut_short_is_finished_at_the_next_start(tmp_path: Path) -> None:
    # A crash part-way through the rewrite leaves the columns in place and the newest rows (the
    # rewrite goes in id order) with the old stored JSON: the next start must finish the job.
    url = f"sqlite:///{tmp_path / 'cut.sqlite3'}"
    first = start_backend(tmp_path, db_url=url)
    first.stop()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            newest = conn.execute(text("SELECT max(id) FROM alerts")).scalar_one()
            conn.execute(
                text(
                    "UPDATE alerts SET sync_json = json_remove(sync_json, '$.verification', '$.dispatch') "
                    "WHERE id > :cut"
                ),
                {"cut": newest - 50},
            )
        again = start_backend(tmp_path, db_url=url)
        try:
            api = Api(again.url)
            token = api.token("operator")
            cursor, alerts = 0, {}
            while True:
                page = api.get("/sync", token, params={"since": cursor, "limit": 10000}).json()
                alerts.update({c["id"]: c["data"] for c in page["changes"] if c["resource"] == "alert"})
                cursor = int(page["cursor"])
                if not page["has_more"]:
                    break
            api.close()
        finally:
            again.stop()
        assert str(newest) in alerts and all("verification" in a and "dispatch" in a for a in alerts.values())
        assert "rewriting the stored sync JSON of every alert" in again.log()
    finally:
        engine.dispose()
