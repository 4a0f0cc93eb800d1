"""IocClient's private notes and poll details: typed, validated answers; the note outbox actions."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess
from sync_engine_support import TEST_CLIENT

from backend_client import (
    BadResponse,
    Conflict,
    IocClient,
    NotFound,
    PollDetail,
    PrivateNote,
    create_note,
    delete_note,
    describe,
    update_note,
)
from backend_client.api.validation import parse_as

NOW = "2026-12-06T03:00:00.000+00:00"


def signed_in(url: str, role: str) -> IocClient:
    client = IocClient(url, **TEST_CLIENT)
    client.login(role, DEMO_PASSWORDS[role])
    return client


def test_notes_round_trip_privately_through_the_client(backend: BackendProcess) -> None:
    leader, admin = signed_in(backend.url, "leader"), signed_in(backend.url, "admin")
    try:
        meeting = next(m for m in leader.list_meetings().items if m.documents)
        doc = meeting.documents[0].id
        page = 1000 + uuid.uuid4().int % 90_000  # a page of its own on the shared backend
        made = leader.create_note(doc, page, "Cần hỏi Sở Xây dựng", [{"x": 10, "y": 20, "width": 30, "height": 5}])
        assert isinstance(made, PrivateNote) and made.highlights[0].width == 30.0
        assert made in leader.list_notes(document_id=doc)
        with pytest.raises(Conflict) as taken:
            leader.create_note(doc, page, "again")
        assert taken.value.code == "note_exists" and taken.value.current["id"] == made.id
        changed = leader.update_note(made.id, made.version, text="Đã hỏi")
        assert (changed.text, changed.version) == ("Đã hỏi", made.version + 1)
        with pytest.raises(NotFound):
            admin.get_note(made.id)  # someone else's note does not exist for them
        assert made.id not in {n.id for n in admin.list_notes()}
        leader.delete_note(made.id, changed.version)
        with pytest.raises(NotFound):
            leader.get_note(made.id)
    finally:
        leader.close()
        admin.close()


def poll(**overrides: Any) -> dict[str, Any]:
    base = {
        "id": 4,
        "question": "Q?",
        "options": ["Có", "Không"],
        "kind": "named",
        "status": "published",
        "votes_cast": 2,
        "eligible": 3,
        "votes": [1, 1],
        "opened_at": NOW,
        "closed_at": NOW,
        "published_at": NOW,
        "may_vote": False,
        "has_voted": True,
        "manages": False,
        "ballots": [
            {"user_id": 1, "username": "a", "full_name": "A", "option": 0},
            {"user_id": 2, "username": "b", "full_name": "B", "option": 1},
        ],
    }
    return {**base, **overrides}


def test_malformed_poll_details_and_notes_are_refused() -> None:
    assert parse_as(PollDetail, poll(), what="poll").ballots is not None
    for bad in (
        poll(votes=[1]),  # one count per option
        poll(votes=[-1, 3]),
        poll(votes_cast=4),  # more than the eligible members
        poll(kind="secret"),  # a secret poll never lists ballots
        poll(ballots=[{"user_id": 1, "username": "a", "full_name": "A", "option": 2}]),
        poll(status="finished"),
        poll(opened_at="2026-12-06T03:00:00"),  # naive time
        poll(votes_cast="2"),
    ):
        with pytest.raises(BadResponse):
            parse_as(PollDetail, bad, what="poll")
    note = {
        "id": 1,
        "meeting_id": 2,
        "document_id": 3,
        "page": 1,
        "text": "<b>x</b>",
        "highlights": [{"x": 0, "y": 0, "width": 1.5, "height": 2}],
        "version": 1,
        "created_at": NOW,
        "updated_at": NOW,
    }
    assert parse_as(PrivateNote, note, what="note").text == "<b>x</b>"
    for change in ({"page": 0}, {"text": None}, {"highlights": [{"x": 0, "y": 0, "width": 0, "height": 1}]}):
        with pytest.raises(BadResponse):
            parse_as(PrivateNote, {**note, **change}, what="note")


def test_note_actions_for_the_outbox() -> None:
    action = create_note(7, 2, "Hue\u0302\u0301", [{"x": 1, "y": 2, "width": 3, "height": 4}])
    assert (action.kind, action.method, action.path, action.resource) == ("note.create", "POST", "/me/notes", "note")
    assert action.body == {
        "document_id": 7,
        "page": 2,
        "text": "Huế",
        "highlights": [{"x": 1.0, "y": 2.0, "width": 3.0, "height": 4.0}],
    }
    seen = {"id": 9, "version": 3}
    changed = update_note(seen, text="mới")
    assert (changed.path, changed.body, changed.base_version) == ("/me/notes/9", {"version": 3, "text": "mới"}, 3)
    assert delete_note(seen).path == "/me/notes/9?version=3"
    assert describe(changed) == "change private note 9"
    for call in (
        lambda: create_note(0, 1),
        lambda: create_note(1, 0),
        lambda: create_note(1, 1, "x" * 20_001),
        lambda: create_note(1, 1, highlights=[{"x": 1, "y": 1, "width": 0, "height": 1}]),
        lambda: update_note(seen),
    ):
        with pytest.raises(ValueError):
            call()
