"""POST /alerts/bulk against the real backend process: partial success, replays, history, change events."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alert_triage_kit import (
    alert_row,
    backend_db,
    change_events_of,
    history_of,
    last_event_id,
    seed_alert,
    seed_new_alerts,
)
from backend_process import BackendProcess
from backend_testkit import Api, error_code, error_fields, private_backend_fixtures

from ioc_backend.alerting.bulk import BULK_ACTIONS, MAX_BULK_ITEMS
from ioc_backend.api.schemas.alert_bulk import MAX_ITEMS, BulkAction
from ioc_backend.db.engine import Database

UNIT = "Hạt Kiểm lâm A Lưới"
MISSING_ID = 10**9
FIRST = datetime(2022, 6, 1, 8, tzinfo=UTC)


backend, api = private_backend_fixtures("alert-bulk")


@pytest.fixture(scope="module")
def db(backend: BackendProcess) -> Iterator[Database]:
    with backend_db(backend.db_path) as database:
        yield database


def new_alerts(db: Database, count: int) -> list[dict[str, Any]]:
    """``count`` fresh alerts in state new (version 1), for one test only."""
    return [alert_row(db, i) for i in seed_new_alerts(db, count, camera_id="cam-0001", analytic="smoke", first=FIRST)]


def closed_alert(db: Database) -> dict[str, Any]:
    return seed_alert(
        db,
        camera_id="cam-0002",
        analytic="smoke",
        first_detected_at=FIRST,
        state="closed",
        close_reason="resolved",
        close_after=timedelta(minutes=5),
    )


def items(*alerts: dict[str, Any]) -> list[dict[str, int]]:
    return [{"id": a["id"], "version": a["version"]} for a in alerts]


def bulk(api: Api, body: dict[str, Any], role: str = "operator", key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else None
    return api.post("/alerts/bulk", api.token(role), json=body, headers=headers)


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return response.json()


def test_vocabulary_matches_the_backend_rules() -> None:
    assert set(BulkAction.__args__) == set(BULK_ACTIONS)
    assert MAX_ITEMS == MAX_BULK_ITEMS == 500


def test_partial_success_reports_each_conflict_and_moves_only_the_rest(api: Api, db: Database) -> None:
    fresh, stale, other = new_alerts(db, 3)
    closed = closed_alert(db)
    cursor = last_event_id(db)
    body = {
        "action": "acknowledge",
        "items": [
            {"id": fresh["id"], "version": 1},
            {"id": stale["id"], "version": 2},  # not the version stored: someone else changed it
            {"id": closed["id"], "version": 1},
            {"id": MISSING_ID, "version": 1},
            {"id": other["id"], "version": 1},
        ],
        "note": "đã xem trên camera",
    }
    reply = ok(bulk(api, body))
    assert reply["action"] == "acknowledge"
    assert [a["id"] for a in reply["succeeded"]] == [fresh["id"], other["id"]]
    for alert in reply["succeeded"]:
        assert alert["state"] == "acknowledged" and alert["owner"] == "operator" and alert["version"] == 2
        assert alert["acknowledged_at"] is not None
        assert alert["notes"][-1]["text"] == "đã xem trên camera"
        assert alert == {**alert_row(db, alert["id"]), "snapshot_url": alert["snapshot_url"]}
    failed = {f["id"]: f for f in reply["failed"]}
    assert [f["id"] for f in reply["failed"]] == [stale["id"], closed["id"], MISSING_ID]
    assert failed[stale["id"]]["code"] == "conflict"
    assert failed[stale["id"]]["current"]["version"] == 1 and failed[stale["id"]]["current"]["state"] == "new"
    assert failed[closed["id"]]["code"] == "invalid_transition"
    assert failed[closed["id"]]["current"]["state"] == "closed"
    assert failed[MISSING_ID] == {
        "id": MISSING_ID,
        "code": "not_found",
        "message": failed[MISSING_ID]["message"],
        "current": None,
    }
    assert all(f["message"] for f in reply["failed"])

    # Nothing of the failed alerts changed: same version, no history, no change event.
    for untouched in (stale, closed):
        assert alert_row(db, untouched["id"]) == untouched
        assert history_of(db, untouched["id"]) == []
        assert change_events_of(db, untouched["id"], cursor) == []
    # Each moved alert: one history entry marked bulk, one change event carrying version 2.
    for moved in (fresh, other):
        assert history_of(db, moved["id"]) == [
            {
                "action": "transition",
                "username": "operator",
                "role": "operator",
                "detail": {"from": "new", "to": "acknowledged", "note": "đã xem trên camera", "bulk": True},
            }
        ]
        events = change_events_of(db, moved["id"], cursor)
        assert [(e["op"], e["data"]["version"], e["data"]["state"]) for e in events] == [("upsert", 2, "acknowledged")]


def test_the_history_route_shows_the_bulk_entry(api: Api, db: Database) -> None:
    (alert,) = new_alerts(db, 1)
    ok(bulk(api, {"action": "acknowledge", "items": items(alert)}, role="supervisor"))
    entries = ok(api.get(f"/alerts/{alert['id']}/history", api.token("leader")))["entries"]
    assert [(e["action"], e["username"], e["role"], e["detail"]) for e in entries] == [
        ("transition", "supervisor", "supervisor", {"from": "new", "to": "acknowledged", "bulk": True})
    ]


def test_replay_with_the_same_key_returns_the_same_reply_and_changes_nothing(api: Api, db: Database) -> None:
    first, second = new_alerts(db, 2)
    body = {
        "action": "close",
        "reason": "duplicate",
        "items": items(first, second) + [{"id": MISSING_ID, "version": 3}],
    }
    key = f"bulk-{uuid.uuid4()}"
    original = bulk(api, body, key=key)
    assert original.status_code == 200, original.text
    cursor = last_event_id(db)
    stored = [alert_row(db, a["id"]) for a in (first, second)]
    replay = bulk(api, body, key=key)
    assert replay.status_code == 200
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.content == original.content
    assert [a["id"] for a in replay.json()["succeeded"]] == [first["id"], second["id"]]
    assert [alert_row(db, a["id"]) for a in (first, second)] == stored
    assert last_event_id(db) == cursor
    assert all(len(history_of(db, a["id"])) == 1 for a in (first, second))
    # The same key for another request is refused, not replayed.
    other = bulk(api, {**body, "reason": "resolved"}, key=key)
    assert other.status_code == 422 and error_code(other) == "idempotency_key_mismatch"
    # Without the key, the same request is a new one: everything has moved on meanwhile.
    again = ok(bulk(api, body))
    assert again["succeeded"] == []
    assert [f["code"] for f in again["failed"]] == ["conflict", "conflict", "not_found"]


def test_close_with_a_reason(api: Api, db: Database) -> None:
    alerts = new_alerts(db, 3)
    reply = ok(bulk(api, {"action": "close", "reason": "no_action_needed", "items": items(*alerts)}))
    assert [a["id"] for a in reply["succeeded"]] == [a["id"] for a in alerts] and reply["failed"] == []
    for alert in reply["succeeded"]:
        assert (alert["state"], alert["close_reason"]) == ("closed", "no_action_needed")
        assert alert["closed_at"] is not None and alert["acknowledged_at"] is not None
        (entry,) = history_of(db, alert["id"])
        assert entry["detail"] == {"from": "new", "to": "closed", "reason": "no_action_needed", "bulk": True}


def test_false_alarm_verifies_and_closes(api: Api, db: Database) -> None:
    alerts = new_alerts(db, 2)
    # One of them was acknowledged meanwhile by the same operator, who refreshed the version.
    moved = ok(
        api.post(
            f"/alerts/{alerts[1]['id']}/transition",
            api.token("operator"),
            json={"to": "acknowledged", "version": 1},
        )
    )
    reply = ok(bulk(api, {"action": "false_alarm", "items": items(alerts[0], moved)}, role="supervisor"))
    assert len(reply["succeeded"]) == 2
    for alert in reply["succeeded"]:
        assert alert["state"] == "closed" and alert["close_reason"] == "false_positive"
        assert alert["verification"]["verdict"] == "false_alarm" and alert["verification"]["by"] == "supervisor"
        entry = history_of(db, alert["id"])[-1]
        assert (entry["action"], entry["username"], entry["detail"]["verdict"], entry["detail"]["bulk"]) == (
            "verify",
            "supervisor",
            "false_alarm",
            True,
        )
    # A closed alert cannot be judged a false alarm again.
    again = ok(bulk(api, {"action": "false_alarm", "items": items(*reply["succeeded"])}))
    assert [f["code"] for f in again["failed"]] == ["invalid_transition", "invalid_transition"]


def test_dispatch_sends_the_unit(api: Api, db: Database) -> None:
    alerts = new_alerts(db, 2)
    reply = ok(bulk(api, {"action": "dispatch", "unit": f"  {UNIT} ", "items": items(*alerts)}, role="admin"))
    for alert in reply["succeeded"]:
        assert alert["state"] == "in_progress"
        assert alert["dispatch"]["unit"] == UNIT and alert["dispatch"]["by"] == "admin"
        assert alert["owner"] == "admin"
        (entry,) = history_of(db, alert["id"])
        assert entry["action"] == "dispatch" and entry["detail"]["unit"] == UNIT and entry["detail"]["bulk"] is True


def test_five_hundred_alerts_in_one_request(api: Api, db: Database) -> None:
    alerts = new_alerts(db, MAX_BULK_ITEMS)
    cursor = last_event_id(db)
    reply = ok(bulk(api, {"action": "acknowledge", "items": items(*alerts)}, key=str(uuid.uuid4())))
    assert len(reply["succeeded"]) == MAX_BULK_ITEMS and reply["failed"] == []
    assert last_event_id(db) - cursor >= MAX_BULK_ITEMS
    assert {alert_row(db, a["id"])["state"] for a in alerts[:: MAX_BULK_ITEMS // 10]} == {"acknowledged"}


def item_list(count: int) -> list[dict[str, int]]:
    return [{"id": MISSING_ID + n, "version": 1} for n in range(count)]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "acknowledge", "items": item_list(MAX_BULK_ITEMS + 1)}, "body.items"),
        ({"action": "acknowledge", "items": []}, "body.items"),
        ({"action": "acknowledge", "items": [{"id": 5, "version": 1}, {"id": 5, "version": 2}]}, "body.items"),
        ({"action": "close", "items": item_list(1)}, "body.reason"),
        ({"action": "acknowledge", "reason": "resolved", "items": item_list(1)}, "body.reason"),
        ({"action": "close", "reason": "because", "items": item_list(1)}, "body.reason"),
        ({"action": "dispatch", "items": item_list(1)}, "body.unit"),
        ({"action": "dispatch", "unit": "   ", "items": item_list(1)}, "body.unit"),
        ({"action": "close", "reason": "resolved", "unit": UNIT, "items": item_list(1)}, "body.unit"),
        ({"action": "start", "items": item_list(1)}, "body.action"),
        ({"action": "acknowledge", "items": [{"id": 5}]}, "body.items.0.version"),
        ({"action": "acknowledge", "items": [{"id": 5, "version": 1, "state": "closed"}]}, "body.items.0.state"),
    ],
)
def test_bad_requests_are_refused_whole(api: Api, db: Database, body: dict[str, Any], field: str) -> None:
    cursor = last_event_id(db)
    r = bulk(api, body)
    assert r.status_code == 422, r.text
    assert error_code(r) == "validation_error"
    assert field in error_fields(r), error_fields(r)
    assert last_event_id(db) == cursor


def test_a_refused_request_moves_none_of_its_valid_items(api: Api, db: Database) -> None:
    (alert,) = new_alerts(db, 1)
    body = {"action": "acknowledge", "items": items(alert) + items(alert)}
    assert bulk(api, body).status_code == 422
    assert alert_row(db, alert["id"]) == alert


@pytest.mark.parametrize("role", ["leader", "participant"])
def test_roles_without_ops_write_are_refused(api: Api, db: Database, role: str) -> None:
    (alert,) = new_alerts(db, 1)
    r = bulk(api, {"action": "acknowledge", "items": items(alert)}, role=role)
    assert r.status_code == 403 and error_code(r) == "forbidden"
    assert alert_row(db, alert["id"]) == alert
