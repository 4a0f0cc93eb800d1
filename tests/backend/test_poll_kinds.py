"""Named and secret polls: the state machine and who moves it, eligibility fixed when a poll opens,
one vote each (also under concurrency and offline replay), and a secret poll whose storage holds
no link between a voter and a choice."""

from __future__ import annotations

import json
import re
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from poll_support import Rig, rig
from sqlalchemy import inspect, select, text

from ioc_backend.api.schemas import responses as M
from ioc_backend.db import models

TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?")
ARGON = re.compile(r"\$argon2[^\s\"']*")


def seated(r: Rig, members: dict[str, str], present: list[str]) -> dict[str, Any]:
    """A meeting with these members (name -> meeting role), of whom ``present`` checked in."""
    meeting = r.meeting()
    for who, role in members.items():
        r.add_member(meeting, who, role)
    for who in present:
        r.check_in(meeting, who)
    return r.get(f"/meetings/{meeting['id']}", "boss").json()


def code(response: Any) -> str:
    return str(response.json()["error"]["code"])


def test_a_poll_goes_draft_open_closed_published_moved_by_the_chair_or_a_poll_manager(tmp_path: Path) -> None:
    with rig(tmp_path) as r:
        meeting = seated(r, {"chair": "chair", "ana": "member", "binh": "member"}, ["ana", "binh"])
        mid = meeting["id"]
        # A plain member may not put a question; the meeting's chair (an operator) and a leader may.
        body = {"question": "Q?", "options": ["Có", "Không"], "version": meeting["version"]}
        refused = r.post(f"/meetings/{mid}/polls", "ana", json=body)
        assert refused.status_code == 403, refused.text
        created, pid = r.poll(meeting, who="chair")
        poll = created["polls"][-1]
        M.Meeting.model_validate(created)
        assert poll == {
            "id": pid,
            "question": "Thông qua phương án sơ tán?",
            "options": ["Đồng ý", "Không đồng ý", "Cần bổ sung"],
            "kind": "named",
            "status": "draft",
            "votes_cast": 0,
            "eligible": None,
            "votes": None,
        }
        # A draft takes no votes and cannot be closed or published.
        assert code(r.vote(mid, pid, "ana", 0)) == "poll_not_open"
        for action in ("close", "publish"):
            wrong = r.move(mid, pid, action)
            assert (wrong.status_code, code(wrong)) == (409, "invalid_transition")
        assert r.move(mid, pid, "open", who="ana").status_code == 403
        opened = r.move(mid, pid, "open", who="chair")
        assert opened.status_code == 200, opened.text
        assert opened.json()["polls"][-1] | {} == {**poll, "status": "open", "eligible": 2}
        assert code(r.move(mid, pid, "open")) == "invalid_transition"
        assert code(r.move(mid, pid, "publish")) == "invalid_transition"
        # Stale meeting version: 409 conflict with the meeting as it is.
        stale = r.post(f"/meetings/{mid}/polls/{pid}/close", "chair", json={"version": 1})
        assert (stale.status_code, code(stale)) == (409, "conflict")
        assert r.move(mid, pid, "close", who="binh").status_code == 403
        assert r.move(mid, pid, "close", who="chair").json()["polls"][-1]["status"] == "closed"
        assert code(r.move(mid, pid, "close")) == "poll_closed"
        assert code(r.vote(mid, pid, "ana", 0)) == "poll_closed"
        published = r.move(mid, pid, "publish", who="boss")  # a poll manager who is no member
        assert published.json()["polls"][-1]["status"] == "published"
        assert published.json()["polls"][-1]["votes"] == [0, 0, 0]
        for action in ("open", "close", "publish"):
            assert r.move(mid, pid, action).status_code == 409
        # Chairing one meeting gives nothing in another (members-only: it does not even exist for them).
        other = r.meeting()
        r.add_member(other, "ana")
        elsewhere = r.post(f"/meetings/{other['id']}/polls", "chair", json={**body, "version": other["version"] + 1})
        assert elsewhere.status_code == 404
        r.add_member(other, "chair", "member")
        current = r.get(f"/meetings/{other['id']}", "boss").json()
        as_member = r.post(f"/meetings/{other['id']}/polls", "chair", json={**body, "version": current["version"]})
        assert as_member.status_code == 403


def test_only_members_present_when_the_poll_opens_may_vote_once(tmp_path: Path) -> None:
    users = {"boss": "leader", "ana": "participant", "binh": "participant", "cuong": "operator", "dung": "operator"}
    with rig(tmp_path, users) as r:
        meeting = seated(r, {"ana": "member", "binh": "member", "cuong": "member"}, [])
        mid = meeting["id"]
        _, pid = r.poll(meeting)
        assert code(r.move(mid, pid, "open")) == "nobody_present"  # nobody could vote
        r.check_in(meeting, "ana")
        r.check_in(meeting, "binh")
        assert r.move(mid, pid, "open").json()["polls"][-1]["eligible"] == 2
        r.check_in(meeting, "cuong")  # arrives after the opening: not in the snapshot
        late = r.vote(mid, pid, "cuong", 0)
        assert (late.status_code, code(late)) == (403, "not_eligible")
        outsider = r.vote(mid, pid, "dung", 0)  # not a member: the meeting does not exist for them
        assert outsider.status_code == 404
        assert r.get(f"/meetings/{mid}/polls/{pid}", "dung").status_code == 404
        first = r.vote(mid, pid, "ana", 1)
        assert first.status_code == 200, first.text
        assert first.json()["polls"][-1]["votes_cast"] == 1 and first.json()["polls"][-1]["votes"] is None
        again = r.vote(mid, pid, "ana", 2)  # one vote each: no changing it either
        assert (again.status_code, code(again)) == (409, "already_voted")
        assert again.json()["current"]["polls"][-1]["votes_cast"] == 1
        mine = r.poll_detail(mid, pid, "ana")
        assert (mine["has_voted"], mine["may_vote"], mine["votes"]) == (True, True, None)
        assert r.poll_detail(mid, pid, "cuong")["may_vote"] is False
        assert r.poll_detail(mid, pid, "boss")["votes"] == [0, 1, 0]  # the chair's live tally (named)


def test_concurrent_votes_count_once_each_and_the_double_vote_is_refused(tmp_path: Path) -> None:
    voters = [f"v{i}" for i in range(8)]
    with rig(tmp_path, {"boss": "leader", **{v: "participant" for v in voters}}) as r:
        meeting = seated(r, {v: "member" for v in voters}, voters)
        mid = meeting["id"]
        _, pid = r.poll(meeting, kind="secret")
        r.move(mid, pid, "open")
        answers: list[tuple[str, int, str | None]] = []
        lock = threading.Lock()
        start = threading.Barrier(len(voters) * 2)

        def cast(who: str, option: int) -> None:
            start.wait()
            resp = r.vote(mid, pid, who, option)
            with lock:
                answers.append((who, resp.status_code, code(resp) if resp.status_code != 200 else None))

        threads = [threading.Thread(target=cast, args=(v, n % 3)) for n, v in enumerate(voters * 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert len(answers) == 16
        for v in voters:
            mine = sorted((status, c or "") for who, status, c in answers if who == v)
            assert mine == [(200, ""), (409, "already_voted")], (v, mine)
        assert r.get(f"/meetings/{mid}", "boss").json()["polls"][-1]["votes_cast"] == 8
        r.move(mid, pid, "close")
        closed = r.poll_detail(mid, pid, "boss")
        assert sum(closed["votes"]) == 8  # the managers see a secret tally once it is closed


def test_a_replayed_vote_answers_as_the_first_time_and_counts_once(tmp_path: Path) -> None:
    with rig(tmp_path) as r:
        meeting = seated(r, {"ana": "member", "binh": "member"}, ["ana", "binh"])
        mid = meeting["id"]
        _, pid = r.poll(meeting)
        r.move(mid, pid, "open")
        key = str(uuid.uuid4())
        first = r.vote(mid, pid, "ana", 2, key=key)
        r.vote(mid, pid, "binh", 0)
        replay = r.vote(mid, pid, "ana", 2, key=key)  # the outbox resends after a lost answer
        assert replay.status_code == 200 and replay.headers.get("Idempotent-Replayed") == "true"
        assert replay.json() == first.json()
        assert r.poll_detail(mid, pid, "boss")["votes"] == [1, 0, 1]
        # Without the key the same vote is a second one: refused.
        assert code(r.vote(mid, pid, "ana", 2)) == "already_voted"


def test_a_named_poll_publishes_who_chose_what_and_everyone_sees_the_result(tmp_path: Path) -> None:
    with rig(tmp_path) as r:
        meeting = seated(r, {"chair": "chair", "ana": "member", "binh": "member"}, ["chair", "ana", "binh"])
        mid = meeting["id"]
        _, pid = r.poll(meeting, options=["Có", "Không"])
        r.move(mid, pid, "open", who="chair")
        r.vote(mid, pid, "ana", 0)
        r.vote(mid, pid, "binh", 1)
        r.vote(mid, pid, "chair", 0)
        member_view = r.poll_detail(mid, pid, "ana")
        assert (member_view["votes"], member_view["votes_cast"], member_view["ballots"]) == (None, 3, None)
        assert r.poll_detail(mid, pid, "chair")["votes"] == [2, 1]  # the chair's live tally
        r.move(mid, pid, "close", who="chair")
        assert r.poll_detail(mid, pid, "ana")["votes"] is None  # closed, not yet published
        r.move(mid, pid, "publish", who="chair")
        result = r.poll_detail(mid, pid, "binh")
        M.PollDetail.model_validate(result)
        assert result["votes"] == [2, 1] and result["status"] == "published"
        ballots = {b["username"]: b["option"] for b in result["ballots"]}
        assert ballots == {"ana": 0, "binh": 1, "chair": 0}
        assert r.get(f"/meetings/{mid}", "ana").json()["polls"][-1]["votes"] == [2, 1]


def _run_secret_poll(tmp_path: Path, name: str, choices: dict[str, int]) -> dict[str, list[tuple[Any, ...]]]:
    """One secret poll voted with ``choices`` (voter -> option), every vote with an Idempotency-Key;
    returns every row of every table of the database once the poll is closed."""
    users = {"boss": "leader", "ana": "participant", "binh": "participant", "cuong": "participant"}
    with rig(tmp_path, users, db_name=f"{name}.sqlite3") as r:
        meeting = seated(r, {who: "member" for who in choices}, list(choices))
        mid = meeting["id"]
        _, pid = r.poll(meeting, kind="secret", options=["Có", "Không", "Phiếu trắng"])
        r.move(mid, pid, "open")
        for n, (who, option) in enumerate(choices.items()):
            answer = r.vote(mid, pid, who, option, key=f"vote-key-{n}")
            assert answer.status_code == 200, answer.text
            assert answer.json()["polls"][-1]["votes"] is None
        r.move(mid, pid, "close")
        engine = r.db.engine
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            dump = {t: [tuple(row) for row in conn.execute(text(f'SELECT * FROM "{t}"'))] for t in tables}
            # No hidden rowid either: the voters table keeps no insertion order.
            with pytest.raises(Exception, match="rowid"):
                conn.execute(text("SELECT rowid FROM poll_voters"))
        with r.db.read() as session:
            assert session.execute(select(models.PollVote).where(models.PollVote.poll_id == pid)).first() is None
            records = session.execute(select(models.IdempotencyRecord)).scalars().all()
            votes = [rec for rec in records if rec.path.endswith("/vote")]
            assert len(votes) == len(choices)
            assert len({rec.body_hash for rec in votes}) == 1  # the same for every choice
            for rec in votes:
                assert all(p["votes"] is None for p in json.loads(rec.response_body)["polls"])
            for event in session.execute(select(models.ChangeEvent)).scalars():
                for p in (event.data or {}).get("polls") or []:
                    assert p["votes"] is None  # never a tally in the log while the poll is not published
        dump["__columns__"] = [("poll_voters", *sorted(c["name"] for c in inspect(engine).get_columns("poll_voters")))]
        return dump


def test_a_secret_poll_stores_no_link_between_a_voter_and_a_choice(tmp_path: Path) -> None:
    """The same poll voted twice with the choices swapped between the voters leaves the same
    database: nothing stored (any table, any column, the change log, the idempotency records,
    the audit log) depends on who chose what. Values that differ between two runs with the
    *same* choices (times, password hashes, the issued tokens) are masked first."""
    a = _run_secret_poll(tmp_path, "a", {"ana": 0, "binh": 1, "cuong": 1})
    again = _run_secret_poll(tmp_path, "again", {"ana": 0, "binh": 1, "cuong": 1})
    swapped = _run_secret_poll(tmp_path, "swapped", {"ana": 1, "binh": 1, "cuong": 0})
    assert a["__columns__"] == [("poll_voters", "poll_id", "user_id")]
    assert set(a) == set(swapped)

    def normal(value: Any) -> Any:
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if not isinstance(value, str):
            return value
        value = TIME.sub("<time>", value)
        return ARGON.sub("<password hash>", value)

    def rows(dump: dict[str, list[tuple[Any, ...]]], table: str) -> list[tuple[Any, ...]]:
        return [tuple(normal(v) for v in row) for row in dump[table]]

    noisy: set[tuple[str, int]] = set()
    for table in a:
        if table == "__columns__":
            continue
        assert len(a[table]) == len(again[table]) == len(swapped[table]), table
        for first, second in zip(rows(a, table), rows(again, table), strict=True):
            noisy |= {(table, i) for i, (x, y) in enumerate(zip(first, second, strict=True)) if x != y}
    # Only random secrets differ between two identical runs (the issued tokens).
    assert {table for table, _ in noisy} <= {"tokens"}, noisy

    for table in a:
        if table == "__columns__":
            continue

        def masked(dump: dict[str, list[tuple[Any, ...]]], table: str = table) -> list[tuple[Any, ...]]:
            out = [tuple("~" if (table, i) in noisy else v for i, v in enumerate(row)) for row in rows(dump, table)]
            return sorted(out, key=repr)

        assert masked(a) == masked(swapped), f"{table} depends on who chose what"
    # The tallies are there, the same in both runs: 1 x "Có", 2 x "Không".
    stored = [v for row in rows(a, "meeting_polls") for v in row]
    assert "[1, 2, 0]" in stored or "[1,2,0]" in stored, a["meeting_polls"]
