"""The alert lifecycle on the real backend process: every move allowed and refused by role, the
history each move writes (user, role, time), acknowledged_at / closed_at, two operators on one
alert, GET /alerts/{id}/history and the triage filters of GET /alerts."""

from __future__ import annotations

from typing import Any

import pytest
from alert_support import AlertMaker, add_second_operator, login_second_operator, parse, recent
from backend_testkit import Api, error_code, error_fields, private_backend_fixtures

UNIT = "Đội CSGT số 3"


backend, api = private_backend_fixtures(
    "lifecycle", prepare=lambda proc: add_second_operator(f"sqlite:///{proc.db_path}")
)


@pytest.fixture(scope="module")
def maker(api: Api) -> AlertMaker:
    return AlertMaker(api)


def act(api: Api, token: str, alert: dict[str, Any], move: str) -> Any:
    """One of the operator's moves on ``alert`` as the API spells it."""
    v = alert["version"]
    bodies = {
        "acknowledge": ("transition", {"to": "acknowledged", "version": v}),
        "close": ("transition", {"to": "closed", "reason": "resolved", "version": v}),
        "confirm": ("verify", {"verdict": "confirmed", "version": v}),
        "false_alarm": ("verify", {"verdict": "false_alarm", "version": v}),
        "dispatch": ("dispatch", {"unit": UNIT, "version": v}),
        "note": ("notes", {"text": "Đã gọi điện cho tổ dân phố"}),
    }
    path, body = bodies[move]
    return api.post(f"/alerts/{alert['id']}/{path}", token, json=body)


def history(api: Api, alert_id: int, role: str = "operator") -> list[dict[str, Any]]:
    r = api.get(f"/alerts/{alert_id}/history", api.token(role))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["alert_id"] == alert_id
    return body["entries"]


MOVES = ("acknowledge", "close", "confirm", "false_alarm", "dispatch", "note")
ACTION_OF_MOVE = {
    "acknowledge": "transition",
    "close": "transition",
    "confirm": "verify",
    "false_alarm": "verify",
    "dispatch": "dispatch",
    "note": "note",
}


@pytest.mark.parametrize("move", MOVES)
@pytest.mark.parametrize("role", ["operator", "supervisor", "admin"])
def test_writers_may_make_every_move(api: Api, maker: AlertMaker, role: str, move: str) -> None:
    alert = maker.new_alert()
    r = act(api, api.token(role), alert, move)
    assert r.status_code == 200, r.text
    entry = history(api, alert["id"])[-1]
    assert (entry["username"], entry["role"]) == (role, role)
    assert entry["action"] == ACTION_OF_MOVE[move]


@pytest.mark.parametrize("move", MOVES)
@pytest.mark.parametrize("role", ["leader", "participant"])
def test_leader_and_participant_may_make_no_move(api: Api, maker: AlertMaker, role: str, move: str) -> None:
    alert = maker.new_alert()
    r = act(api, api.token(role), alert, move)
    assert r.status_code == 403 and error_code(r) == "forbidden", r.text
    after = api.get(f"/alerts/{alert['id']}", api.token("operator")).json()
    assert after == alert  # nothing changed
    assert [e["action"] for e in history(api, alert["id"])] == ["detected"]


def test_participant_sees_no_alerts_nor_their_history(api: Api, maker: AlertMaker) -> None:
    alert = maker.new_alert()
    token = api.token("participant")
    for path in ("/alerts", f"/alerts/{alert['id']}", f"/alerts/{alert['id']}/history"):
        r = api.get(path, token)
        assert r.status_code == 403 and error_code(r) == "forbidden", (path, r.text)
    # The leader reads alerts and their history without acting on them.
    assert history(api, alert["id"], "leader")[0]["action"] == "detected"


def test_moves_refused_by_the_workflow_are_409_and_leave_no_history(api: Api, maker: AlertMaker) -> None:
    alert = maker.new_alert()
    closed = act(api, api.token("operator"), alert, "close").json()
    for move in ("acknowledge", "close", "confirm", "dispatch"):
        r = act(api, api.token("operator"), closed, move)
        assert r.status_code == 409 and error_code(r) == "invalid_transition", (move, r.text)
        assert r.json()["current"] == closed
    assert [e["action"] for e in history(api, alert["id"])] == ["detected", "transition"]
    # A note is still taken on a closed alert (corrections to the record).
    assert act(api, api.token("operator"), closed, "note").status_code == 200


def test_history_records_each_move_with_user_role_time_and_detail(api: Api, maker: AlertMaker) -> None:
    alert = maker.new_alert("illegal_parking")
    op, sup = api.token("operator"), api.token("supervisor")
    acked = act(api, op, alert, "acknowledge").json()
    confirmed = act(api, sup, acked, "confirm").json()
    dispatched = act(api, op, confirmed, "dispatch").json()
    noted = act(api, sup, dispatched, "note").json()
    closed = act(api, op, noted, "close").json()
    entries = history(api, alert["id"])
    assert [(e["action"], e["username"], e["role"]) for e in entries] == [
        ("detected", None, None),
        ("transition", "operator", "operator"),
        ("verify", "supervisor", "supervisor"),
        ("dispatch", "operator", "operator"),
        ("note", "supervisor", "supervisor"),
        ("transition", "operator", "operator"),
    ]
    assert entries[1]["detail"] == {"from": "new", "to": "acknowledged"}
    assert entries[2]["detail"] == {"verdict": "confirmed", "from": "acknowledged", "to": "acknowledged"}
    assert entries[3]["detail"] == {"unit": UNIT, "from": "acknowledged", "to": "in_progress"}
    assert entries[4]["detail"] == {"text": "Đã gọi điện cho tổ dân phố"}
    assert entries[5]["detail"] == {"from": "in_progress", "to": "closed", "reason": "resolved"}
    assert entries[0]["detail"]["bbox"] == alert["bbox"]
    times = [parse(e["at"]) for e in entries]
    assert times == sorted(times) and all(recent(e["at"]) for e in entries)
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)
    # The alert carries when it was first handled and when it was closed, equal to the history's times.
    assert closed["acknowledged_at"] == entries[1]["at"]
    assert closed["closed_at"] == entries[5]["at"]
    assert closed["first_detected_at"] == closed["last_detected_at"] == alert["detected_at"]


def test_acknowledged_at_is_the_first_handling_whatever_the_move(api: Api, maker: AlertMaker) -> None:
    op = api.token("operator")
    dispatched = act(api, op, maker.new_alert(), "dispatch").json()
    assert dispatched["state"] == "in_progress" and dispatched["acknowledged_at"] is not None
    assert dispatched["closed_at"] is None
    later = act(api, op, dispatched, "note").json()
    assert later["acknowledged_at"] == dispatched["acknowledged_at"]  # not moved by later moves
    false_alarm = act(api, op, maker.new_alert(), "false_alarm").json()
    assert false_alarm["state"] == "closed" and false_alarm["close_reason"] == "false_positive"
    assert false_alarm["acknowledged_at"] == false_alarm["closed_at"] is not None
    assert history(api, false_alarm["id"])[-1]["detail"] == {"verdict": "false_alarm", "from": "new", "to": "closed"}


def test_two_operators_on_one_alert_second_gets_conflict(api: Api, maker: AlertMaker) -> None:
    alert = maker.new_alert("crowd_gathering")
    first, second = api.token("operator"), login_second_operator(api)
    won = act(api, first, alert, "acknowledge")
    assert won.status_code == 200, won.text
    lost = act(api, second, alert, "dispatch")  # same version: made before seeing the first move
    assert lost.status_code == 409 and error_code(lost) == "conflict", lost.text
    assert "changed by someone else" in lost.json()["error"]["message"]
    assert lost.json()["current"] == won.json()
    stored = api.get(f"/alerts/{alert['id']}", second).json()
    assert stored == won.json()
    assert stored["owner"] == "operator" and stored["dispatch"] is None
    assert [(e["action"], e["username"]) for e in history(api, alert["id"])] == [
        ("detected", None),
        ("transition", "operator"),
    ]
    # With the current version the second operator's move goes through.
    retry = act(api, second, stored, "dispatch")
    assert retry.status_code == 200 and retry.json()["dispatch"]["by"] == "operator2"


def test_history_of_a_missing_alert_is_404(api: Api) -> None:
    r = api.get("/alerts/999999999/history", api.token("operator"))
    assert r.status_code == 404 and error_code(r) == "not_found"


def _ids(api: Api, **params: Any) -> set[int]:
    r = api.get("/alerts", api.token("supervisor"), params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return {a["id"] for a in r.json()["items"]}


def test_filters_owner_category_and_sla_breached(api: Api, maker: AlertMaker) -> None:
    fire = maker.new_alert("forest_fire", severity="critical")
    parking = maker.new_alert("illegal_parking")
    mine = act(api, login_second_operator(api), fire, "acknowledge").json()
    assert mine["owner"] == "operator2"
    assert fire["id"] in _ids(api, owner="operator2")
    assert parking["id"] not in _ids(api, owner="operator2")
    forest = _ids(api, category="forest_fire")
    assert fire["id"] in forest and parking["id"] not in forest
    page = api.get("/alerts", api.token("operator"), params={"category": "forest_fire", "limit": 1000}).json()
    assert {a["analytic"] for a in page["items"]} <= {"forest_fire", "smoke", "straw_burning", "forest_intrusion"}
    breached = api.get("/alerts", api.token("supervisor"), params={"sla_breached": "true", "limit": 1000}).json()
    assert breached["items"] and all(a["sla_breached"] for a in breached["items"])
    assert breached["total"] == len(breached["items"])  # all of them on one page
    here = {"camera_id": parking["camera_id"]}
    assert parking["id"] in _ids(api, sla_breached="false", **here)
    assert parking["id"] not in _ids(api, sla_breached="true", **here)
    everything = api.get("/alerts", api.token("operator"), params={"limit": 1}).json()["total"]
    unbreached = api.get("/alerts", api.token("operator"), params={"sla_breached": "false", "limit": 1}).json()
    assert unbreached["total"] + breached["total"] == everything
    r = api.get("/alerts", api.token("operator"), params={"category": "weather"})
    assert r.status_code == 422 and error_fields(r) == ["query.category"]
