"""Meeting members and attendance on the real backend: members-only content, check-in/out, quorum."""

from __future__ import annotations

from backend_testkit import Api, error_code, error_fields
from meeting_kit import new_meeting, put_member, user_id, with_members
from pdf_samples import minimal_pdf

from ioc_backend.api.schemas import responses as M


def test_members_only_meeting_is_hidden_from_non_members(shared_api: Api) -> None:
    api = shared_api
    meeting = new_meeting(api)
    r = api.post(
        f"/meetings/{meeting['id']}/documents",
        api.token("leader"),
        data=minimal_pdf(),
        params={"filename": "mật.pdf"},
        headers={"Content-Type": "application/pdf"},
    )
    assert r.status_code == 201, r.text
    meeting = r.json()
    r = api.post(
        f"/meetings/{meeting['id']}/polls",
        api.token("leader"),
        json={"question": "Đồng ý?", "options": ["Có", "Không"], "version": meeting["version"]},
    )
    meeting = r.json()
    doc, poll = meeting["documents"][0], meeting["polls"][0]
    # Without members a meeting is open, as every meeting was before members existed.
    operator = api.token("operator")
    assert api.get(f"/meetings/{meeting['id']}/documents/{doc['id']}", operator).status_code == 200

    r = put_member(api, meeting, "participant", "member")
    assert r.status_code == 200, r.text
    meeting = r.json()
    M.Meeting.model_validate(meeting)
    assert [(m["username"], m["role"]) for m in meeting["members"]] == [("participant", "member")]

    # The operator is no member: the meeting, its documents and polls are "not found", as
    # another user's saved view; it is no longer listed nor in the operator's /sync.
    missing = api.get(f"/meetings/{meeting['id']}", operator)
    unknown = api.get("/meetings/999999", operator)
    assert missing.status_code == unknown.status_code == 404 and error_code(missing) == "not_found"
    assert missing.json()["error"]["message"] == f"Meeting {meeting['id']} does not exist"
    assert api.get(f"/meetings/{meeting['id']}/documents/{doc['id']}", operator).status_code == 404
    vote = api.post(f"/meetings/{meeting['id']}/polls/{poll['id']}/vote", operator, json={"option": 0})
    assert vote.status_code == 404
    listed = api.get("/meetings", operator, params={"limit": 1000}).json()["items"]
    assert meeting["id"] not in {m["id"] for m in listed}
    synced = api.get("/sync", operator, params={"since": 0, "limit": 10000}).json()["changes"]
    assert not [c for c in synced if c["resource"] == "meeting" and c["id"] == str(meeting["id"])]

    # Members and meeting managers still see everything.
    participant = api.token("participant")
    assert api.get(f"/meetings/{meeting['id']}/documents/{doc['id']}", participant).status_code == 200
    for role in ("participant", "admin", "supervisor"):
        assert api.get(f"/meetings/{meeting['id']}", api.token(role)).status_code == 200
    synced = api.get("/sync", participant, params={"since": 0, "limit": 10000}).json()["changes"]
    assert [c for c in synced if c["resource"] == "meeting" and c["id"] == str(meeting["id"])]


def test_check_in_and_out_are_idempotent_and_the_chair_sees_the_quorum(shared_api: Api) -> None:
    api = shared_api
    meeting = with_members(api, {"operator": "chair", "participant": "member"}, quorum={"min_present": 2})
    assert meeting["quorum"] == {"min_present": 2}
    assert meeting["attendance"] == {"present": 0, "members": 2, "quorum_needed": 2, "quorum_reached": False}
    participant, chair = api.token("participant"), api.token("operator")
    first = api.post(f"/meetings/{meeting['id']}/attendance/check-in", participant)
    assert first.status_code == 200, first.text
    again = api.post(f"/meetings/{meeting['id']}/attendance/check-in", participant)
    assert again.json()["version"] == first.json()["version"] == meeting["version"] + 1
    assert again.json()["attendance"]["present"] == 1

    # Only the chair and secretary (and meeting managers) see who is present.
    refused = api.get(f"/meetings/{meeting['id']}/attendance", participant)
    assert refused.status_code == 403
    report = api.get(f"/meetings/{meeting['id']}/attendance", chair).json()
    M.Attendance.model_validate(report)
    assert report["present"] == 1 and report["quorum_needed"] == 2 and not report["quorum_reached"]
    assert [m["present"] for m in report["members"]] == [False, True]

    assert api.post(f"/meetings/{meeting['id']}/attendance/check-in", chair).status_code == 200
    report = api.get(f"/meetings/{meeting['id']}/attendance", chair).json()
    assert report["present"] == 2 and report["quorum_reached"]

    out = api.post(f"/meetings/{meeting['id']}/attendance/check-out", participant)
    again = api.post(f"/meetings/{meeting['id']}/attendance/check-out", participant)
    assert out.json()["version"] == again.json()["version"]
    back = api.post(f"/meetings/{meeting['id']}/attendance/check-in", participant)
    assert back.status_code == 200
    report = api.get(f"/meetings/{meeting['id']}/attendance", api.token("admin")).json()
    stays = report["members"][1]["stays"]
    assert len(stays) == 2 and stays[0]["checked_out_at"] is not None and stays[1]["checked_out_at"] is None
    assert stays[0]["checked_in_at"] <= stays[0]["checked_out_at"] <= stays[1]["checked_in_at"]

    # A share of the members as quorum: half of two members is one.
    r = api.patch(
        f"/meetings/{meeting['id']}",
        api.token("leader"),
        json={"version": back.json()["version"], "quorum": {"share": 0.5}},
    )
    assert r.status_code == 200 and r.json()["attendance"]["quorum_needed"] == 1

    # Not a member: a meeting manager sees the meeting but cannot check in.
    r = api.post(f"/meetings/{meeting['id']}/attendance/check-in", api.token("supervisor"))
    assert r.status_code == 403 and error_code(r) == "not_a_member"


def test_members_are_managed_by_managers_and_the_chair_only(shared_api: Api) -> None:
    api = shared_api
    meeting = with_members(api, {"operator": "chair", "participant": "member"})
    # The chair (no meeting manager) adds a guest; a plain member may not.
    r = put_member(api, meeting, "supervisor", "guest", by="operator")
    assert r.status_code == 200, r.text
    meeting = r.json()
    r = put_member(api, meeting, "admin", "guest", by="participant")
    assert r.status_code == 403
    # A participant (an outside attendee) cannot chair or take the minutes.
    r = put_member(api, meeting, "participant", "chair")
    assert r.status_code == 422 and "body.role" in error_fields(r)
    bad = api.call(
        "PUT", f"/meetings/{meeting['id']}/members/1", api.token("leader"), json={"role": "boss", "version": 1}
    )
    assert bad.status_code == 422
    stale = put_member(api, {**meeting, "version": meeting["version"] - 1}, "admin", "member")
    assert stale.status_code == 409
    gone = api.call(
        "DELETE",
        f"/meetings/{meeting['id']}/members/{user_id(api, 'supervisor')}",
        api.token("operator"),
        params={"version": meeting["version"]},
    )
    assert gone.status_code == 200, gone.text
    meeting = gone.json()
    assert {m["username"] for m in meeting["members"]} == {"operator", "participant"}
    api.call(
        "DELETE",
        f"/meetings/{meeting['id']}/members/{user_id(api, 'participant')}",
        api.token("leader"),
        params={"version": meeting["version"]},
    )
    meeting = api.get(f"/meetings/{meeting['id']}", api.token("leader")).json()
    last = api.call(
        "DELETE",
        f"/meetings/{meeting['id']}/members/{user_id(api, 'operator')}",
        api.token("leader"),
        params={"version": meeting["version"]},
    )
    assert last.status_code == 409 and error_code(last) == "last_member"


def test_the_demo_meetings_have_members_a_quorum_and_agenda_items(shared_api: Api) -> None:
    api = shared_api
    meetings = [m for m in api.get("/meetings", api.token("admin")).json()["items"] if m["id"] <= 6]
    assert len(meetings) == 6
    for meeting in meetings:
        roles = {m["username"]: m["role"] for m in meeting["members"]}
        assert roles == {"leader": "chair", "supervisor": "secretary", "operator": "presenter", "participant": "member"}
        assert meeting["quorum"] in ({"share": 0.5}, {"min_present": 3})
        agenda = meeting["agenda"]
        assert agenda and all(item["id"] and item["minutes"] for item in agenda)
        assert agenda[0]["presenter_id"] == user_id(api, "operator") and agenda[0]["documents"]
        doc_ids = {d["id"] for d in meeting["documents"]}
        assert all(set(item["documents"]) <= doc_ids for item in agenda)
    (live,) = [m for m in meetings if m["status"] == "in_progress"]
    assert [i["state"] for i in live["agenda"]][0] == "current" and live["attendance"]["present"] == 2
    state = api.get(f"/meetings/{live['id']}/presenter", api.token("participant")).json()
    assert state["view"]["kind"] == "document" and state["view"]["document_id"] == live["agenda"][0]["documents"][0]


def test_every_member_sees_their_own_presence_and_stays(shared_api: Api) -> None:
    api = shared_api
    meeting = with_members(api, {"operator": "chair", "participant": "guest"})
    participant = api.token("participant")
    mine = api.get(f"/meetings/{meeting['id']}/attendance/me", participant)
    assert mine.status_code == 200, mine.text
    M.MyAttendance.model_validate(mine.json())
    assert mine.json() == {"meeting_id": meeting["id"], "role": "guest", "present": False, "stays": []}
    api.post(f"/meetings/{meeting['id']}/attendance/check-in", participant)
    mine = api.get(f"/meetings/{meeting['id']}/attendance/me", participant).json()
    assert mine["present"] and len(mine["stays"]) == 1 and mine["stays"][0]["checked_out_at"] is None
    # Another member's presence is not in it; a manager who is no member sees no role.
    chair = api.get(f"/meetings/{meeting['id']}/attendance/me", api.token("operator")).json()
    assert chair["role"] == "chair" and not chair["present"] and chair["stays"] == []
    manager = api.get(f"/meetings/{meeting['id']}/attendance/me", api.token("leader")).json()
    assert manager["role"] is None and not manager["present"]
    # A non-member of a members-only meeting gets 404, as for everything of that meeting.
    closed = with_members(api, {"operator": "chair"})
    assert api.get(f"/meetings/{closed['id']}/attendance/me", participant).status_code == 404
