"""Meeting polls on the real (demo) backend: who may create them, what is refused, closing is final.

The state machine, eligibility, concurrency and secrecy are in test_poll_kinds (private databases).
"""

from __future__ import annotations

from typing import Any

from backend_testkit import Api, error_code, error_fields
from meeting_kit import with_members

from ioc_backend.api.schemas import responses as M

VOTERS = ("participant", "operator")


def meeting_with_poll(api: Api, options: list[str] | None = None, kind: str = "named") -> tuple[dict[str, Any], int]:
    """A fresh meeting of this test whose members participant and operator are present, with one
    draft poll: (meeting, poll id)."""
    meeting = with_members(api, {"participant": "member", "operator": "member"})
    for role in VOTERS:
        assert api.post(f"/meetings/{meeting['id']}/attendance/check-in", api.token(role)).status_code == 200
    meeting = api.get(f"/meetings/{meeting['id']}", api.token("leader")).json()
    r = api.post(
        f"/meetings/{meeting['id']}/polls",
        api.token("leader"),
        json={
            "question": "Thông qua phương án sơ tán?",
            "options": options or ["Đồng ý", "Không đồng ý", "Cần bổ sung"],
            "kind": kind,
            "version": meeting["version"],
        },
    )
    assert r.status_code == 201, r.text
    return r.json(), r.json()["polls"][-1]["id"]


def move(api: Api, meeting: dict[str, Any], poll_id: int, action: str, role: str = "leader") -> Any:
    current = api.get(f"/meetings/{meeting['id']}", api.token("leader")).json()
    return api.post(
        f"/meetings/{meeting['id']}/polls/{poll_id}/{action}", api.token(role), json={"version": current["version"]}
    )


def vote(api: Api, role: str, meeting: dict[str, Any], poll_id: int, option: Any, **kw: Any) -> Any:
    return api.post(f"/meetings/{meeting['id']}/polls/{poll_id}/vote", api.token(role), json={"option": option}, **kw)


def test_leaders_create_draft_polls_members_may_not(shared_api: Api) -> None:
    meeting, poll_id = meeting_with_poll(shared_api)
    M.Meeting.model_validate(meeting)
    assert meeting["polls"][-1] == {
        "id": poll_id,
        "question": "Thông qua phương án sơ tán?",
        "options": ["Đồng ý", "Không đồng ý", "Cần bổ sung"],
        "kind": "named",
        "status": "draft",
        "votes_cast": 0,
        "eligible": None,
        "votes": None,
    }
    body = {"question": "Câu hỏi?", "options": ["Có", "Không"], "version": meeting["version"]}
    for role in VOTERS:  # members, not the chair: no polls of their own
        r = shared_api.post(f"/meetings/{meeting['id']}/polls", shared_api.token(role), json=body)
        assert r.status_code == 403 and error_code(r) == "forbidden"
    stale = shared_api.post(
        f"/meetings/{meeting['id']}/polls", shared_api.token("admin"), json={**body, "version": meeting["version"] - 1}
    )
    assert stale.status_code == 409 and stale.json()["current"] == meeting
    bad_kind = shared_api.post(
        f"/meetings/{meeting['id']}/polls", shared_api.token("leader"), json={**body, "kind": "anonymous"}
    )
    assert bad_kind.status_code == 422 and error_fields(bad_kind) == ["body.kind"]


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


def test_bad_votes_are_422_and_unknown_polls_404(shared_api: Api) -> None:
    meeting, poll_id = meeting_with_poll(shared_api, options=["Có", "Không"])
    assert move(shared_api, meeting, poll_id, "open").status_code == 200
    for option in (2, 9, 10, -1, "0", None, 1.5):
        r = vote(shared_api, "participant", meeting, poll_id, option)
        assert r.status_code == 422 and error_fields(r) == ["body.option"], (option, r.text)
    _, other_poll = meeting_with_poll(shared_api)
    assert vote(shared_api, "participant", meeting, other_poll, 0).status_code == 404
    assert vote(shared_api, "participant", meeting, 999999, 0).status_code == 404
    now = shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json()
    assert now["polls"][-1]["votes_cast"] == 0


def test_a_closed_poll_refuses_votes_with_409_poll_closed(shared_api: Api) -> None:
    meeting, poll_id = meeting_with_poll(shared_api)
    move(shared_api, meeting, poll_id, "open")
    assert vote(shared_api, "participant", meeting, poll_id, 1).status_code == 200
    assert move(shared_api, meeting, poll_id, "close", role="participant").status_code == 403
    closed = move(shared_api, meeting, poll_id, "close")
    assert closed.status_code == 200
    closed_poll = closed.json()["polls"][-1]
    assert closed_poll["status"] == "closed" and closed_poll["votes"] is None and closed_poll["votes_cast"] == 1
    late = vote(shared_api, "operator", meeting, poll_id, 0)
    assert late.status_code == 409 and error_code(late) == "poll_closed"
    assert late.json()["current"] == closed.json()  # what the poll looks like now, for the conflicts list
    twice = move(shared_api, meeting, poll_id, "close")
    assert twice.status_code == 409 and error_code(twice) == "poll_closed"
    published = move(shared_api, meeting, poll_id, "publish").json()["polls"][-1]
    assert published["status"] == "published" and published["votes"] == [0, 1, 0]


def test_a_vote_replayed_with_its_key_counts_once(shared_api: Api) -> None:
    meeting, poll_id = meeting_with_poll(shared_api, kind="secret")
    move(shared_api, meeting, poll_id, "open")
    key = {"Idempotency-Key": f"vote-{meeting['id']}"}
    first = vote(shared_api, "participant", meeting, poll_id, 1, headers=key)
    # Meanwhile someone else votes: the replay still returns the stored answer, applying nothing.
    vote(shared_api, "operator", meeting, poll_id, 1)
    replay = vote(shared_api, "participant", meeting, poll_id, 1, headers=key)
    assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json() == first.json()
    again = vote(shared_api, "participant", meeting, poll_id, 0)
    assert again.status_code == 409 and error_code(again) == "already_voted"
    now = shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json()
    assert now["polls"][-1]["votes_cast"] == 2
