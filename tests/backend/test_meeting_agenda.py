"""Agenda moves by the chair only, speakers with their times, conclusions that create tasks."""

from __future__ import annotations

from typing import Any

from backend_testkit import Api, error_code, error_fields
from meeting_kit import put_member, with_members

from ioc_backend.api.schemas import responses as M

AGENDA = [
    {"title": "Tình hình mưa lũ", "presenter": "Đài Khí tượng", "minutes": 15},
    {"title": "Phương án sơ tán", "presenter": "Ban Chỉ huy"},
    {"title": "Giao thông", "presenter": "Sở Xây dựng", "minutes": 10},
]


def states(meeting: dict[str, Any]) -> list[str]:
    return [item["state"] for item in meeting["agenda"]]


def move(api: Api, meeting: dict[str, Any], how: str, role: str = "operator") -> Any:
    return api.post(f"/meetings/{meeting['id']}/agenda/{how}", api.token(role), json={"version": meeting["version"]})


def test_only_the_chair_moves_through_the_agenda_with_one_current_item(shared_api: Api) -> None:
    api = shared_api
    meeting = with_members(api, {"operator": "chair", "participant": "member"}, agenda=AGENDA)
    M.Meeting.model_validate(meeting)
    assert [(i["title"], i["presenter"], i["minutes"]) for i in meeting["agenda"]] == [
        (a["title"], a["presenter"], a.get("minutes")) for a in AGENDA
    ]
    assert states(meeting) == ["pending"] * 3
    # A member, and a meeting manager who does not chair this meeting, may not move it.
    for role in ("participant", "leader"):
        r = move(api, meeting, "next", role)
        assert r.status_code == 403 and error_code(r) in {"meeting_role", "forbidden"}, (role, r.text)
    meeting = move(api, meeting, "next").json()
    assert states(meeting) == ["current", "pending", "pending"]
    stale = move(api, {**meeting, "version": meeting["version"] - 1}, "next")
    assert stale.status_code == 409 and stale.json()["current"]["version"] == meeting["version"]
    meeting = move(api, meeting, "next").json()
    assert states(meeting) == ["done", "current", "pending"]
    meeting = move(api, meeting, "previous").json()
    assert states(meeting) == ["current", "pending", "pending"]
    last = meeting["agenda"][2]["id"]
    r = api.call(
        "PUT",
        f"/meetings/{meeting['id']}/agenda/{last}/current",
        api.token("operator"),
        json={"version": meeting["version"]},
    )
    meeting = r.json()
    assert states(meeting) == ["done", "pending", "current"]
    meeting = move(api, meeting, "next").json()
    assert states(meeting) == ["done", "pending", "done"]  # past the last item: none is current
    meeting = move(api, meeting, "next").json()
    assert states(meeting) == ["done", "current", "done"]  # the item skipped earlier
    meeting = move(api, meeting, "next").json()
    assert states(meeting) == ["done", "done", "done"]  # next skips the items already done
    end = move(api, meeting, "next")
    assert end.status_code == 409 and error_code(end) == "agenda_end"
    # The pre-0007 shape still reads: each entry has its title and presenter.
    assert all(set(i) >= {"title", "presenter"} for i in meeting["agenda"])


def test_members_ask_to_speak_and_the_chair_orders_starts_and_stops_them(shared_api: Api) -> None:
    api = shared_api
    meeting = with_members(
        api, {"operator": "chair", "participant": "member", "supervisor": "guest"}, agenda=AGENDA[:1]
    )
    item = meeting["agenda"][0]["id"]
    path = f"/meetings/{meeting['id']}/agenda/{item}/speakers"
    participant, chair = api.token("participant"), api.token("operator")
    first = api.post(path, participant)
    assert first.status_code == 201, first.text
    assert api.post(path, participant).json()["version"] == first.json()["version"]  # asking twice: once
    guest = api.post(path, api.token("supervisor"))
    assert guest.status_code == 403 and error_code(guest) == "meeting_role"
    meeting = api.post(path, chair).json()
    waiting = meeting["agenda"][0]["speakers"]
    assert [s["state"] for s in waiting] == ["waiting", "waiting"]
    order = [waiting[1]["id"], waiting[0]["id"]]
    r = api.call("PUT", path, participant, json={"version": meeting["version"], "order": order})
    assert r.status_code == 403
    bad = api.call("PUT", path, chair, json={"version": meeting["version"], "order": order[:1]})
    assert bad.status_code == 422 and "body.order" in error_fields(bad)
    meeting = api.call("PUT", path, chair, json={"version": meeting["version"], "order": order}).json()
    assert [s["id"] for s in meeting["agenda"][0]["speakers"]] == order

    def act(speaker_id: int, what: str) -> dict[str, Any]:
        r = api.post(f"{path}/{speaker_id}/{what}", chair, json={"version": meeting["version"]})
        assert r.status_code == 200, r.text
        return dict(r.json())

    meeting = act(order[0], "start")
    meeting = act(order[1], "start")  # the next speaker: whoever spoke is stopped
    meeting = act(order[1], "stop")
    listed = api.get(path, participant).json()
    for s in listed:
        M.Speaker.model_validate(s)
    by_id = {s["id"]: s for s in listed}
    assert [by_id[i]["state"] for i in order] == ["done", "done"]
    assert by_id[order[0]]["full_name"] and by_id[order[0]]["started_at"] <= by_id[order[0]]["stopped_at"]
    assert by_id[order[0]]["stopped_at"] <= by_id[order[1]]["started_at"] <= by_id[order[1]]["stopped_at"]
    again = api.post(f"{path}/{order[1]}/stop", chair, json={"version": meeting["version"]})
    assert again.status_code == 409 and error_code(again) == "speaker_state"
    # Asking again after speaking, then withdrawing.
    meeting = api.post(path, participant).json()
    mine = meeting["agenda"][0]["speakers"][-1]
    gone = api.call("DELETE", f"{path}/{mine['id']}", participant)
    assert gone.status_code == 200 and gone.json()["agenda"][0]["speakers"][-1]["state"] == "withdrawn"
    # Non-members of this members-only meeting see nothing of it.
    outsider = with_members(api, {"participant": "member"}, agenda=AGENDA[:1])
    hidden = api.get(f"/meetings/{outsider['id']}/agenda/{outsider['agenda'][0]['id']}/speakers", chair)
    assert hidden.status_code == 404


def test_a_conclusion_creates_its_task_in_the_same_transaction(shared_api: Api) -> None:
    api = shared_api
    meeting = with_members(
        api, {"operator": "chair", "supervisor": "secretary", "participant": "member"}, agenda=AGENDA[:2]
    )
    item = meeting["agenda"][1]["id"]
    path = f"/meetings/{meeting['id']}/agenda/{item}/conclusions"
    task = {
        "title": "Sơ tán hộ dân vùng trũng",
        "assignee_unit": "UBND Phường Thuận An",
        "due_at": "2026-12-10T17:00:00+07:00",
    }
    body = {"version": meeting["version"], "text": "Thống nhất phương án sơ tán 2.", "task": task}
    refused = api.post(path, api.token("participant"), json=body)
    assert refused.status_code == 403
    # The chair here is an operator, who may not create tasks: refused whole, nothing stored.
    no_task = api.post(path, api.token("operator"), json=body)
    assert no_task.status_code == 403
    bad = api.post(path, api.token("supervisor"), json={**body, "task": {**task, "due_at": "soon"}})
    assert bad.status_code == 422
    assert api.get(f"/meetings/{meeting['id']}", api.token("supervisor")).json()["version"] == meeting["version"]

    r = api.post(path, api.token("supervisor"), json=body)
    assert r.status_code == 201, r.text
    meeting = r.json()
    (conclusion,) = meeting["agenda"][1]["conclusions"]
    assert conclusion["text"] == body["text"] and len(conclusion["task_ids"]) == 1
    created = api.get(f"/tasks/{conclusion['task_ids'][0]}", api.token("supervisor")).json()
    M.Task.model_validate(created)
    assert created["meeting_id"] == meeting["id"] and created["conclusion_id"] == conclusion["id"]
    assert (created["title"], created["assignee_unit"], created["status"]) == (
        task["title"],
        task["assignee_unit"],
        "todo",
    )
    assert created["due_at"].startswith("2026-12-10T10:00:00")
    # A conclusion without a task, by the chair.
    plain = api.post(
        path, api.token("operator"), json={"version": meeting["version"], "text": "Giao Sở Xây dựng theo dõi."}
    )
    assert plain.status_code == 201 and plain.json()["agenda"][1]["conclusions"][1]["task_ids"] == []
    r = put_member(api, plain.json(), "participant", "member")  # unchanged role: no new version
    assert r.json()["version"] == plain.json()["version"]
