"""The meeting procedure through the durable outbox: the exact requests, a meeting run through the
sync engine (offline, then online) against the real backend, and stale moves kept as conflicts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from backend_process import BackendProcess
from faultproxy import FaultProxy
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, wait_until

from backend_client import OFFLINE, IocClient, SyncEngine, describe
from backend_client.api import actions
from backend_client.api.models import Meeting
from backend_client.cache import CacheStore, OutboxEntry

ITEMS = 7, 8
SEEN = {
    "id": 4,
    "version": 9,
    "agenda": [
        {
            "id": 7,
            "title": "Mục 1",
            "state": "done",
            "speakers": [{"id": 30, "state": "done"}],
        },
        {
            "id": 8,
            "title": "Mục 2",
            "state": "current",
            "speakers": [
                {"id": 31, "state": "speaking"},
                {"id": 32, "state": "waiting"},
                {"id": 33, "state": "waiting"},
            ],
        },
    ],
    "polls": [
        {"id": 2, "status": "draft", "options": ["a", "b"]},
        {"id": 3, "status": "open", "options": ["a", "b"]},
        {"id": 5, "status": "closed", "options": ["a", "b"]},
    ],
}
DUE = datetime(2026, 12, 11, 10, tzinfo=UTC)
TASK = {"title": "Khơi thông cống", "assignee_unit": "UBND phường Phú Xuân", "due_at": DUE}


def _request(action: actions.Action) -> tuple[Any, ...]:
    return (
        action.kind,
        action.method,
        action.path,
        action.body,
        action.resource,
        action.resource_id,
        action.base_version,
    )


def test_each_builder_makes_the_documented_request() -> None:
    v = {"version": 9}
    assert [_request(a) for a in (
        actions.check_in(SEEN),
        actions.check_out(SEEN),
        actions.agenda_next(SEEN),
        actions.agenda_previous(SEEN),
        actions.set_current_item(SEEN, 7),
        actions.request_to_speak(SEEN, 8),
        actions.withdraw_speaker(SEEN, 8, 32),
        actions.order_speakers(SEEN, 8, [33, 32]),
        actions.start_speaker(SEEN, 8, 32),
        actions.stop_speaker(SEEN, 8, 31),
        actions.add_conclusion(SEEN, 8, "Giao phường triển khai.", task=TASK),
        actions.create_poll(SEEN, " Thông qua? ", [" Đồng ý", "Không đồng ý "], kind="secret"),
        actions.open_poll(SEEN, 2),
        actions.close_poll(SEEN, 3),
        actions.publish_poll(SEEN, 5),
    )] == [
        ("meeting.check_in", "POST", "/meetings/4/attendance/check-in", None, "meeting", "4", None),
        ("meeting.check_out", "POST", "/meetings/4/attendance/check-out", None, "meeting", "4", None),
        ("meeting.agenda_next", "POST", "/meetings/4/agenda/next", v, "meeting", "4", 9),
        ("meeting.agenda_previous", "POST", "/meetings/4/agenda/previous", v, "meeting", "4", 9),
        ("meeting.agenda_current", "PUT", "/meetings/4/agenda/7/current", v, "meeting", "4", 9),
        ("meeting.speak", "POST", "/meetings/4/agenda/8/speakers", None, "meeting", "4", None),
        ("meeting.speaker_withdraw", "DELETE", "/meetings/4/agenda/8/speakers/32", None, "meeting", "4", None),
        ("meeting.speakers_order", "PUT", "/meetings/4/agenda/8/speakers", {**v, "order": [33, 32]}, "meeting", "4", 9),
        ("meeting.speaker_start", "POST", "/meetings/4/agenda/8/speakers/32/start", v, "meeting", "4", 9),
        ("meeting.speaker_stop", "POST", "/meetings/4/agenda/8/speakers/31/stop", v, "meeting", "4", 9),
        (
            "meeting.conclusion", "POST", "/meetings/4/agenda/8/conclusions",
            {**v, "text": "Giao phường triển khai.", "task": {**TASK, "due_at": "2026-12-11T10:00:00+00:00"}},
            "meeting", "4", 9,
        ),
        (
            "meeting.poll_create", "POST", "/meetings/4/polls",
            {**v, "question": "Thông qua?", "options": ["Đồng ý", "Không đồng ý"], "kind": "secret"},
            "meeting", "4", 9,
        ),
        ("meeting.poll_open", "POST", "/meetings/4/polls/2/open", v, "meeting", "4", 9),
        ("meeting.poll_close", "POST", "/meetings/4/polls/3/close", v, "meeting", "4", 9),
        ("meeting.poll_publish", "POST", "/meetings/4/polls/5/publish", v, "meeting", "4", 9),
    ]  # fmt: skip
    # The typed model the client returns works as well as the cached mapping.
    model = Meeting.model_validate({
        "id": 4, "title": "t", "location": "l", "starts_at": "2026-12-04T08:00:00+07:00",
        "ends_at": "2026-12-04T09:00:00+07:00", "status": "in_progress", "version": 9,
        "updated_at": "2026-12-04T08:00:00+07:00",
        "agenda": [{"title": "Mục 1", "presenter": "", "id": 7, "state": "current"}],
    })  # fmt: skip
    assert _request(actions.agenda_next(model)) == _request(actions.agenda_next(SEEN))
    assert describe(actions.start_speaker(SEEN, 8, 32)) == "give the floor in meeting 4"


@pytest.mark.parametrize(
    ("build", "problem"),
    [
        (lambda: actions.request_to_speak(SEEN, 7), "is done"),
        (lambda: actions.withdraw_speaker(SEEN, 8, 31), "speaking; only a waiting"),
        (lambda: actions.start_speaker(SEEN, 8, 31), "speaking, not waiting"),
        (lambda: actions.stop_speaker(SEEN, 8, 32), "waiting, not speaking"),
        (lambda: actions.order_speakers(SEEN, 8, [32, 32]), "once"),
        (lambda: actions.order_speakers(SEEN, 8, [31, 32]), r"\[31\] are not waiting"),
        (lambda: actions.set_current_item(SEEN, 0), "agenda item id"),
        (lambda: actions.start_speaker(SEEN, 8, True), "speaker id"),
        (lambda: actions.add_conclusion(SEEN, 8, "  "), "needs some text"),
        (lambda: actions.add_conclusion(SEEN, 8, "x" * 10_001), "at most 10000"),
        (lambda: actions.add_conclusion(SEEN, 8, "ok", task={**TASK, "owner": "x"}), "unknown fields"),
        (lambda: actions.add_conclusion(SEEN, 8, "ok", task={"title": "t"}), "needs assignee_unit, due_at"),
        (lambda: actions.add_conclusion(SEEN, 8, "ok", task={**TASK, "due_at": datetime(2026, 12, 1)}), "time zone"),
        (lambda: actions.add_conclusion(SEEN, 8, "ok", task={**TASK, "due_at": "mai"}), "ISO"),
        (lambda: actions.add_conclusion(SEEN, 8, "a\x00b"), "NUL"),
        (lambda: actions.create_poll(SEEN, "?", ["Có"]), "2 to 10 options"),
        (lambda: actions.create_poll(SEEN, "?", ["Có", " có "]), "the same"),
        (lambda: actions.create_poll(SEEN, "?", "Có, Không"), "list of texts"),
        (lambda: actions.create_poll(SEEN, "?", ["a", "b"], kind="open"), "kind"),
        (lambda: actions.create_poll(SEEN, "", ["a", "b"]), "question needs"),
        (lambda: actions.open_poll(SEEN, 3), "open, not draft"),
        (lambda: actions.close_poll(SEEN, 2), "draft, not open"),
        (lambda: actions.publish_poll(SEEN, 3), "open, not closed"),
        (lambda: actions.agenda_next({"id": 4, "version": 0}), "version"),
    ],
)
def test_what_the_meeting_seen_rules_out_is_refused_before_it_is_queued(build, problem) -> None:
    with pytest.raises(ValueError, match=problem):
        build()


def test_items_polls_and_speakers_the_meeting_seen_does_not_list_are_left_to_the_server() -> None:
    assert actions.request_to_speak(SEEN, 99).path == "/meetings/4/agenda/99/speakers"
    assert actions.start_speaker(SEEN, 8, 99).path.endswith("/speakers/99/start")
    assert actions.close_poll(SEEN, 99).path == "/meetings/4/polls/99/close"
    assert actions.order_speakers(SEEN, 99, [1, 2]).body == {"version": 9, "order": [1, 2]}


# --------------------------------------------------------------------------- through the engine
@dataclass
class Rig:
    proxy: FaultProxy
    chair: IocClient  # the chair's console (the leader), through the proxy: its engine sends
    other: IocClient  # the chair at another console, straight to the backend
    participant: IocClient
    store: CacheStore
    engine: SyncEngine

    def new_meeting(self, items: int = 3) -> int:
        ids = {name: client.me().id for name, client in (("chair", self.other), ("member", self.participant))}
        agenda = [{"title": f"Mục {n}", "presenter": "Phòng Kỹ thuật", "minutes": 10} for n in range(1, items + 1)]
        meeting = self.other.create_meeting(
            "Họp qua hộp thư đi", "Phòng họp IOC", "2026-12-04T08:00:00+07:00", "2026-12-04T10:00:00+07:00", agenda
        )
        meeting = self.other.put_member(meeting.id, ids["chair"], "chair", meeting.version)
        meeting = self.other.put_member(meeting.id, ids["member"], "member", meeting.version)
        self.cached_at(meeting.id, meeting.version)
        return meeting.id

    def cached_at(self, meeting_id: int, version: int) -> dict[str, Any]:
        wait_until(
            lambda: (self.seen(meeting_id) or {}).get("version", 0) >= version, f"meeting at v{version} in the cache"
        )
        return self.seen(meeting_id)

    def seen(self, meeting_id: int) -> dict[str, Any]:
        return self.store.get("meeting", meeting_id) or {}

    def settled(self, *entries: OutboxEntry) -> list[OutboxEntry]:
        def done() -> bool:
            return all(self.store.entry(e.id).state not in ("pending", "sending") for e in entries)

        wait_until(done, "the outbox worked through")
        return [self.store.entry(e.id) for e in entries]

    def run(self, action: actions.Action) -> dict[str, Any]:
        """Send one action through the engine; the meeting as the cache has it afterwards."""
        (entry,) = self.settled(self.engine.submit(action))
        assert entry.state == "applied", (entry.kind, entry.state, entry.last_error)
        return self.cached_at(int(action.resource_id), entry.response["version"])


@pytest.fixture()
def rig(backend: BackendProcess, make_client, tmp_path: Path) -> Iterator[Rig]:
    proxy = FaultProxy(backend.url)
    chair = make_client(proxy.url, "leader", **TEST_CLIENT)
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(chair, store, **Recorder().callbacks(), **ENGINE)
    rig = Rig(proxy, chair, make_client(backend.url, "leader"), make_client(backend.url, "participant"), store, engine)
    engine.start()
    try:
        yield rig
    finally:
        engine.stop()
        proxy.stop()
        store.close()


def _item(meeting: dict[str, Any], position: int) -> dict[str, Any]:
    return meeting["agenda"][position]


def test_a_meeting_run_offline_is_replayed_in_order_and_cached(rig: Rig) -> None:
    meeting_id = rig.new_meeting()
    seen = rig.seen(meeting_id)
    rig.proxy.set_mode("refuse")
    wait_until(lambda: rig.engine.status.state == OFFLINE, "engine offline")
    # The chair moves two items on and prepares a poll without a connection: each based on
    # the version seen; the second move is not a conflict with the first (its own version).
    queued = [
        rig.engine.submit(actions.agenda_next(seen)),
        rig.engine.submit(actions.agenda_next(seen)),
        rig.engine.submit(actions.create_poll(seen, "Thông qua phương án?", ["Đồng ý", "Không đồng ý"])),
        rig.engine.submit(actions.check_in(seen)),
    ]
    assert rig.store.pending_count() == 4
    rig.proxy.set_mode("pass")
    rig.engine.wake()
    entries = rig.settled(*queued)
    assert [e.state for e in entries] == ["applied"] * 4, [e.last_error for e in entries]
    server = rig.other.get_meeting(meeting_id)
    assert [i.state for i in server.agenda] == ["done", "current", "pending"]
    assert [(p.question, p.status) for p in server.polls] == [("Thông qua phương án?", "draft")]
    assert server.attendance is not None and server.attendance.present == 1
    cached = rig.cached_at(meeting_id, server.version)
    assert cached["version"] == server.version
    assert [i["state"] for i in cached["agenda"]] == ["done", "current", "pending"]


def test_speakers_conclusion_and_poll_through_the_engine(rig: Rig) -> None:
    meeting_id = rig.new_meeting(2)
    seen = rig.run(actions.check_in(rig.seen(meeting_id)))
    seen = rig.run(actions.agenda_next(seen))
    item = _item(seen, 0)["id"]
    rig.participant.check_in(meeting_id)
    rig.participant.request_to_speak(meeting_id, item)
    seen = rig.run(actions.request_to_speak(rig.cached_at(meeting_id, seen["version"] + 2), item))
    theirs, mine = (s["id"] for s in _item(seen, 0)["speakers"])
    seen = rig.run(actions.order_speakers(seen, item, [mine, theirs]))
    assert [s["id"] for s in _item(seen, 0)["speakers"]] == [mine, theirs]
    seen = rig.run(actions.withdraw_speaker(seen, item, mine))
    seen = rig.run(actions.start_speaker(seen, item, theirs))
    seen = rig.run(actions.stop_speaker(seen, item, theirs))
    spoken = next(s for s in _item(seen, 0)["speakers"] if s["id"] == theirs)
    assert spoken["state"] == "done" and spoken["started_at"] and spoken["stopped_at"]
    seen = rig.run(actions.add_conclusion(seen, item, "Giao phường khơi thông cống.", task=TASK))
    (conclusion,) = _item(seen, 0)["conclusions"]
    task = rig.other.get_task(conclusion["task_ids"][0])
    assert (task.title, task.conclusion_id, task.due_at) == (TASK["title"], conclusion["id"], DUE)

    seen = rig.run(actions.create_poll(seen, "Thông qua kết luận?", ["Đồng ý", "Không đồng ý"]))
    poll = seen["polls"][-1]["id"]
    seen = rig.run(actions.open_poll(seen, poll))
    # The chair votes and closes the poll, both from the meeting seen before the vote: the
    # version the vote moved is the console's own, so closing is not a conflict with it.
    vote, close = rig.engine.submit(actions.vote(seen, poll, 0)), rig.engine.submit(actions.close_poll(seen, poll))
    assert [e.state for e in rig.settled(vote, close)] == ["applied", "applied"]
    seen = rig.run(actions.publish_poll(rig.cached_at(meeting_id, rig.store.entry(close.id).response["version"]), poll))
    published = next(p for p in seen["polls"] if p["id"] == poll)
    assert published["status"] == "published" and published["votes"] == [1, 0]
    assert rig.run(actions.check_out(seen))["attendance"]["present"] == 1  # the participant stays


def test_a_stale_agenda_move_becomes_a_conflict_with_the_current_meeting(rig: Rig) -> None:
    meeting_id = rig.new_meeting()
    seen = rig.seen(meeting_id)
    # The chair moves on at another console meanwhile: the move queued here is based on an old version.
    moved = rig.other.agenda_next(meeting_id, seen["version"])
    (stale,) = rig.settled(rig.engine.submit(actions.agenda_next(seen)))
    assert stale.state == "conflict" and stale.server_current["version"] == moved.version
    assert [i["state"] for i in stale.server_current["agenda"]] == ["current", "pending", "pending"]
    assert rig.other.get_meeting(meeting_id).version == moved.version  # nothing applied twice
    # Redone on the current meeting, it applies: the second item becomes current.
    retried = rig.engine.resolve_conflict(stale.id, "retry_on_current")
    assert retried is not None and retried.body == {"version": moved.version}
    (retried,) = rig.settled(retried)
    assert retried.state == "applied"
    seen = rig.cached_at(meeting_id, retried.response["version"])
    assert [i["state"] for i in seen["agenda"]] == ["done", "current", "pending"]

    # A move the agenda does not allow any more is a conflict too, with the meeting as it is.
    rig.other.agenda_previous(meeting_id, seen["version"])
    first = rig.other.get_meeting(meeting_id)
    assert [i.state for i in first.agenda] == ["current", "pending", "pending"]
    (refused,) = rig.settled(rig.engine.submit(actions.agenda_previous(rig.cached_at(meeting_id, first.version))))
    assert refused.state == "conflict" and "first item" in (refused.last_error or "")
    assert refused.server_current["version"] == first.version
    assert rig.engine.resolve_conflict(refused.id, "discard").state == "cancelled"
