"""Votes go through the durable outbox: queued offline, delivered once after the backend returns."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from client_support import seat_members
from faultproxy import FaultProxy
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, copy_database, wait_until

from backend_client import OFFLINE, ONLINE, IocClient, SyncEngine, describe, vote
from backend_client.cache import CacheStore
from backend_client.cache.errors import OutboxStateError

OPTIONS = ["Đồng ý", "Không đồng ý", "Cần bổ sung"]


@dataclass
class Rig:
    backend: BackendProcess
    proxy: FaultProxy
    client: IocClient  # the participant's console, through the proxy
    leader: IocClient  # the chair, straight to the backend
    store: CacheStore
    engine: SyncEngine
    tmp: Path

    def meeting_with_polls(self, count: int = 1) -> tuple[dict[str, Any], list[int]]:
        """A new meeting with ``count`` open polls, as the participant's console has cached it
        (the participant is a member, present when the polls open)."""
        meeting = self.leader.create_meeting(
            "Họp biểu quyết", "Phòng họp IOC", "2026-12-04T08:00:00+07:00", "2026-12-04T09:00:00+07:00"
        )
        seat_members(self.leader, [self.client], meeting.id)
        meeting = self.leader.get_meeting(meeting.id)
        for n in range(count):
            meeting = self.leader.create_poll(meeting.id, meeting.version, f"Câu hỏi {n + 1}?", OPTIONS)
            meeting = self.leader.open_poll(meeting.id, meeting.polls[-1].id, meeting.version)
        wait_until(
            lambda: (self.store.get("meeting", meeting.id) or {}).get("version") == meeting.version,
            "the meeting with its polls reached the cache",
        )
        return self.store.get("meeting", meeting.id), [p.id for p in meeting.polls]

    def votes(self, meeting_id: int, poll_id: int) -> list[int] | None:
        """The live tally the chair sees (a named poll)."""
        return self.leader.get_poll(meeting_id, poll_id).votes


def meeting_events(db_path: Path, meeting_id: int) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM change_events WHERE resource = 'meeting' AND resource_id = ?", (str(meeting_id),)
        ).fetchone()[0]


@pytest.fixture()
def rig(backend: BackendProcess, tmp_path: Path) -> Iterator[Rig]:
    # A private backend (the test stops it) on a copy of the session's seeded database.
    private = start_backend(tmp_path, db_path=copy_database(backend.db_path, tmp_path / "backend.sqlite3"))
    proxy = FaultProxy(private.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    client.login("participant", DEMO_PASSWORDS["participant"])
    leader = IocClient(private.url, **TEST_CLIENT)
    leader.login("leader", DEMO_PASSWORDS["leader"])
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, store, **Recorder().callbacks(), **ENGINE)
    rig = Rig(private, proxy, client, leader, store, engine, tmp_path)
    try:
        yield rig
    finally:
        engine.stop()
        proxy.stop()
        client.close()
        rig.leader.close()
        store.close()
        rig.backend.stop()


def test_vote_builder_targets_the_poll_without_a_base_version() -> None:
    meeting = {
        "id": 7,
        "version": 4,
        "polls": [
            {"id": 3, "options": ["a", "b"], "status": "open", "votes": None},
            {"id": 5, "options": ["a", "b"], "status": "closed", "votes": None},
            {"id": 6, "options": ["a", "b"], "status": "draft", "votes": None},
            {"id": 8, "options": ["a", "b"], "status": "published", "votes": [1, 0]},
        ],
    }
    action = vote(meeting, 3, 1)
    assert (action.kind, action.method, action.path, action.body) == (
        "meeting.vote",
        "POST",
        "/meetings/7/polls/3/vote",
        {"option": 1},
    )
    assert (action.resource, action.resource_id, action.base_version) == ("meeting", "7", None)
    assert describe(action) == "vote in a poll of meeting 7"
    for poll_id, option, problem in (
        (3, 2, "options 0..1"),
        (5, 0, "closed"),
        (6, 0, "not open yet"),
        (8, 0, "closed"),
        (0, 0, "poll id"),
        (3, -1, "option"),
        (3, True, "option"),
    ):
        with pytest.raises(ValueError, match=problem):
            vote(meeting, poll_id, option)
    # A poll the cached meeting does not list yet (it arrived after) is left to the server to judge.
    assert vote(meeting, 9, 4).path == "/meetings/7/polls/9/vote"


def test_votes_cast_while_the_backend_is_down_are_applied_once_after_it_returns(rig: Rig) -> None:
    rig.engine.start()
    wait_until(lambda: rig.engine.status.state == ONLINE, "engine online")
    seen, [poll_id] = rig.meeting_with_polls()
    events_before = meeting_events(rig.backend.db_path, seen["id"])

    rig.backend.stop()
    wait_until(lambda: rig.engine.status.state == OFFLINE, "engine offline after the backend stopped")
    # The participant votes, then tries to change their mind, both offline: two durable outbox entries.
    first = rig.engine.submit(vote(seen, poll_id, 0))
    second = rig.engine.submit(vote(seen, poll_id, 2))
    assert rig.store.pending_count() == 2

    rig.backend = start_backend(rig.tmp, db_path=rig.backend.db_path)  # same database, new port
    rig.leader.close()
    rig.leader = IocClient(rig.backend.url, **TEST_CLIENT)
    rig.leader.login("leader", DEMO_PASSWORDS["leader"])
    rig.proxy.retarget(rig.backend.url)
    wait_until(
        lambda: rig.store.pending_count() == 0 and rig.engine.status.state == ONLINE,
        "both votes delivered after the restart",
    )

    # One vote each: the first counts, the second is refused and kept as a conflict to withdraw.
    assert rig.store.entry(first.id).state == "applied"
    refused = rig.store.entry(second.id)
    assert refused.state == "conflict" and "already voted" in (refused.last_error or "")
    assert rig.votes(seen["id"], poll_id) == [1, 0, 0]
    assert meeting_events(rig.backend.db_path, seen["id"]) == events_before + 1  # the vote applied once
    server = rig.leader.get_meeting(seen["id"])

    def cache_agrees() -> bool:
        cached = rig.store.get("meeting", seen["id"]) or {}
        return (cached.get("version"), cached.get("polls")) == (server.version, [p.model_dump() for p in server.polls])

    wait_until(cache_agrees, "the cache shows the server's tallies")


def test_a_lost_answer_is_not_a_second_vote_and_a_closed_poll_becomes_a_conflict(rig: Rig) -> None:
    rig.engine.start()
    wait_until(lambda: rig.engine.status.state == ONLINE, "engine online")
    seen, [open_poll, closing_poll] = rig.meeting_with_polls(2)
    rig.proxy.set_mode("refuse")
    wait_until(lambda: rig.engine.status.state == OFFLINE, "engine offline")
    first = rig.engine.submit(vote(seen, open_poll, 1))
    doomed = rig.engine.submit(vote(seen, closing_poll, 0))
    # Meanwhile the chair closes the second poll.
    current = rig.leader.get_meeting(seen["id"])
    rig.leader.close_poll(seen["id"], closing_poll, current.version)
    events_before = meeting_events(rig.backend.db_path, seen["id"])
    # The link returns, but the answer to the first vote is lost after the server applied it.
    rig.proxy.set_mode(
        "drop_after_forward", path_prefix=f"/api/v1/meetings/{seen['id']}/polls/{open_poll}/vote", times=1
    )
    wait_until(lambda: rig.store.pending_count() == 0, "outbox worked through")

    delivered, conflict = rig.store.entry(first.id), rig.store.entry(doomed.id)
    assert delivered.state == "applied" and delivered.attempts == 2  # sent twice, applied once
    assert rig.votes(seen["id"], open_poll) == [0, 1, 0]
    assert meeting_events(rig.backend.db_path, seen["id"]) == events_before + 1
    # The vote on the closed poll is kept as a conflict with the server's version, never dropped.
    assert conflict.state == "conflict" and "closed" in (conflict.last_error or "")
    closed = next(p for p in conflict.server_current["polls"] if p["id"] == closing_poll)
    assert closed["status"] == "closed" and (closed["votes"], closed["votes_cast"]) == (None, 0)
    # Re-applying a vote on "the new version" would meet the same refusal: only discard is offered.
    with pytest.raises(OutboxStateError, match="only discarded"):
        rig.engine.resolve_conflict(conflict.id, "retry_on_current")
    assert rig.store.entry(conflict.id).state == "conflict"
    assert rig.engine.resolve_conflict(conflict.id, "discard").state == "cancelled"
