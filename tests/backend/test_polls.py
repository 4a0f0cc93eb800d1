"""Meeting polls on the real backend: who may create, close and vote; a vote replaces the voter's last one."""

from __future__ import annotations

from typing import Any

from backend_testkit import Api, error_code, error_fields

from ioc_backend.api.schemas import responses as M


def meeting_with_poll(api: Api, options: list[str] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """A fresh meeting of this test with one open poll: (meeting, poll)."""
    leader = api.token("leader")
    meeting = api.post(
        "/meetings",
        leader,
        json={
            "title": "Họp kiểm thử biểu quyết",
            "location": "Phòng họp IOC",
            "starts_at": "2026-12-02T08:00:00+07:00",
            "ends_at": "2026-12-02T09:00:00+07:00",
        },
    ).json()
    r = api.post(
        f"/meetings/{meeting['id']}/polls",
        leader,
        json={
            "question": "Thông qua phương án sơ tán?",
            "options": options or ["Đồng ý", "Không đồng ý", "Cần bổ sung"],
            "version": meeting["version"],
        },
    )
    assert r.status_code == 201, r.text
    meeting = r.json()
    return meeting, meeting["polls"][-1]


def vote(api: Api, role: str, meeting: dict[str, Any], poll: dict[str, Any], option: Any, **kw: Any) -> Any:
    return api.post(
        f"/meetings/{meeting['id']}/polls/{poll['id']}/vote", api.token(role), json={"option": option}, **kw
    )


def test_leaders_create_polls_others_may_not(shared_api: Api) -> None:
    meeting, poll = meeting_with_poll(shared_api)
    M.Meeting.model_validate(meeting)
    assert poll == {
        "id": poll["id"],
        "question": "Thông qua phương án sơ tán?",
        "options": ["Đồng ý", "Không đồng ý", "Cần bổ sung"],
        "status": "open",
        "votes": [0, 0, 0],
    }
    body = {"question": "Câu hỏi?", "options": ["Có", "Không"], "version": meeting["version"]}
    for role in ("participant", "operator"):
        r = shared_api.post(f"/meetings/{meeting['id']}/polls", shared_api.token(role), json=body)
        assert r.status_code == 403 and error_code(r) == "forbidden"
    stale = shared_api.post(
        f"/meetings/{meeting['id']}/polls", shared_api.token("admin"), json={**body, "version": meeting["version"] - 1}
    )
    assert stale.status_code == 409 and stale.json()["current"] == meeting


def test_bad_polls_are_refused_with_the_field_named(shared_api: Api) -> None:
    meeting, _ = meeting_with_poll(shared_api)
    leader = shared_api.token("leader")
    base = {"question": "Câu hỏi?", "options": ["Có", "Không"], "version": meeting["version"]}
    for change, field in (
        ({"options": ["Chỉ một"]}, "body.options"),
        ({"options": [str(i) for i in range(11)]}, "body.options"),
        ({"options": ["Có", " có "]}, "body.options"),
        ({"options": ["Có", "   "]}, "body.options"),
        ({"question": "   "}, "body.question"),
        ({"question": "x" * 301}, "body.question"),
        ({"extra": 1}, "body.extra"),
    ):
        r = shared_api.post(f"/meetings/{meeting['id']}/polls", leader, json={**base, **change})
        assert r.status_code == 422 and field in error_fields(r), (change, r.text)
    assert shared_api.get(f"/meetings/{meeting['id']}", leader).json() == meeting


def test_a_second_vote_replaces_the_first_and_every_role_may_vote(shared_api: Api) -> None:
    meeting, poll = meeting_with_poll(shared_api)
    first = vote(shared_api, "participant", meeting, poll, 0)
    assert first.status_code == 200 and first.json()["polls"][-1]["votes"] == [1, 0, 0]
    assert first.json()["version"] == meeting["version"] + 1
    changed = vote(shared_api, "participant", meeting, poll, 2).json()
    assert changed["polls"][-1]["votes"] == [0, 0, 1]  # the participant counts once, with the latest choice
    same_again = vote(shared_api, "participant", meeting, poll, 2).json()
    assert same_again == changed  # no change, no new version
    for role in ("operator", "supervisor", "leader", "admin"):
        assert vote(shared_api, role, meeting, poll, 0).status_code == 200
    final = shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("operator")).json()
    assert final["polls"][-1]["votes"] == [4, 0, 1]


def test_bad_votes_are_422_and_unknown_polls_404(shared_api: Api) -> None:
    meeting, poll = meeting_with_poll(shared_api, options=["Có", "Không"])
    for option in (2, 9, 10, -1, "0", None, 1.5):
        r = vote(shared_api, "participant", meeting, poll, option)
        assert r.status_code == 422 and error_fields(r) == ["body.option"], (option, r.text)
    other, other_poll = meeting_with_poll(shared_api)
    cross = shared_api.post(
        f"/meetings/{meeting['id']}/polls/{other_poll['id']}/vote", shared_api.token("participant"), json={"option": 0}
    )
    assert cross.status_code == 404
    assert (
        shared_api.post(
            f"/meetings/{meeting['id']}/polls/999999/vote", shared_api.token("participant"), json={"option": 0}
        ).status_code
        == 404
    )
    assert shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json() == meeting


def test_a_closed_poll_refuses_votes_with_409_poll_closed(shared_api: Api) -> None:
    meeting, poll = meeting_with_poll(shared_api)
    meeting = vote(shared_api, "participant", meeting, poll, 1).json()
    refused = shared_api.post(
        f"/meetings/{meeting['id']}/polls/{poll['id']}/close",
        shared_api.token("participant"),
        json={"version": meeting["version"]},
    )
    assert refused.status_code == 403
    stale = shared_api.post(
        f"/meetings/{meeting['id']}/polls/{poll['id']}/close",
        shared_api.token("leader"),
        json={"version": meeting["version"] - 1},
    )
    assert stale.status_code == 409 and error_code(stale) == "conflict"
    closed = shared_api.post(
        f"/meetings/{meeting['id']}/polls/{poll['id']}/close",
        shared_api.token("leader"),
        json={"version": meeting["version"]},
    )
    assert closed.status_code == 200
    closed_poll = closed.json()["polls"][-1]
    assert closed_poll["status"] == "closed" and closed_poll["votes"] == [0, 1, 0]

    late = vote(shared_api, "operator", meeting, poll, 0)
    assert late.status_code == 409 and error_code(late) == "poll_closed"
    assert late.json()["current"] == closed.json()  # what the poll looks like now, for the conflicts list
    twice = shared_api.post(
        f"/meetings/{meeting['id']}/polls/{poll['id']}/close",
        shared_api.token("leader"),
        json={"version": closed.json()["version"]},
    )
    assert twice.status_code == 409 and error_code(twice) == "poll_closed"


def test_a_vote_replayed_with_its_key_counts_once(shared_api: Api) -> None:
    meeting, poll = meeting_with_poll(shared_api)
    key = {"Idempotency-Key": f"vote-{meeting['id']}"}
    first = vote(shared_api, "participant", meeting, poll, 1, headers=key)
    # Meanwhile someone else votes: the replay still returns the stored answer, applying nothing.
    vote(shared_api, "operator", meeting, poll, 1)
    replay = vote(shared_api, "participant", meeting, poll, 1, headers=key)
    assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json() == first.json()
    now = shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json()
    assert now["polls"][-1]["votes"] == [0, 2, 0]
