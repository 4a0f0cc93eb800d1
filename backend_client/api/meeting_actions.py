"""Outbox actions of the meeting procedure: attendance, agenda, speakers, conclusions, polls (docs/API.md).

``meeting`` is always the meeting the operator saw (a mapping or a ``Meeting`` model). Writes
that could be stale (agenda moves, speaker order/start/stop, conclusions, poll moves) carry its
``version`` in the body and as ``base_version``, so the server answers 409 with the current
meeting when someone else changed it meanwhile. The others (check-in/out, asking to speak,
withdrawing) do not depend on what changed meanwhile: ``base_version`` None, like a vote.

What the builders can check from the meeting seen (a poll seen closed, a speaker seen done)
is refused here with ``ValueError``; an item or poll the meeting seen does not list yet (it
arrived later) is left to the server to judge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from backend_client.api.action_base import Action, identity, path_id

MAX_CONCLUSION = 10_000
MAX_TASK_TITLE = 300
MAX_TASK_UNIT = 200
MAX_TASK_DESCRIPTION = 10_000
MAX_QUESTION = 300
MAX_OPTION = 200
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_SPEAKER_ORDER = 500
POLL_KINDS = ("named", "secret")
_TASK_KEYS = ("title", "assignee_unit", "due_at", "description")

#: Short English verbs for logs (``actions.describe``); the console words them in its own language.
MEETING_VERBS = {
    "meeting.check_in": "check in to meeting",
    "meeting.check_out": "check out of meeting",
    "meeting.agenda_next": "move to the next agenda item of meeting",
    "meeting.agenda_previous": "move back to the previous agenda item of meeting",
    "meeting.agenda_current": "make an agenda item current in meeting",
    "meeting.speak": "ask to speak in meeting",
    "meeting.speaker_withdraw": "withdraw a request to speak in meeting",
    "meeting.speakers_order": "reorder the speakers of meeting",
    "meeting.speaker_start": "give the floor in meeting",
    "meeting.speaker_stop": "end a speaking turn in meeting",
    "meeting.conclusion": "record a conclusion in meeting",
    "meeting.poll_create": "create a poll in meeting",
    "meeting.poll_open": "open a poll of meeting",
    "meeting.poll_close": "close a poll of meeting",
    "meeting.poll_publish": "publish a poll of meeting",
}


# --------------------------------------------------------------------------- reading what was seen
def _listed(obj: Any, name: str) -> list[dict[str, Any]]:
    """``obj[name]`` (agenda, polls, speakers) as plain dicts; [] when the object has none."""
    values = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
    out: list[dict[str, Any]] = []
    for value in values or ():
        if isinstance(value, Mapping):
            out.append(dict(value))
        elif hasattr(value, "model_dump"):
            out.append(value.model_dump())
    return out


def _seen(meeting: Any, name: str, wanted: int) -> dict[str, Any] | None:
    return next((obj for obj in _listed(meeting, name) if obj.get("id") == wanted), None)


def _seen_speaker(meeting: Any, item_id: int, speaker_id: int) -> dict[str, Any] | None:
    item = _seen(meeting, "agenda", item_id)
    return None if item is None else _seen(item, "speakers", speaker_id)


def _row_id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{what} must be a positive integer, not {value!r}.")
    return value


def _text(value: Any, what: str, limit: int) -> str:
    """Text the server stores as sent: not blank, within its limit, no NUL (PostgreSQL refuses it)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} needs some text.")
    if len(value) > limit:
        raise ValueError(f"{what} may have at most {limit} characters (this one has {len(value)}).")
    if "\x00" in value:
        raise ValueError(f"{what} cannot contain the NUL character.")
    return value


def _action(kind: str, meeting: Any, method: str, tail: str, body: dict[str, Any] | None, *, versioned: bool) -> Action:
    rid, version = identity(meeting)
    if versioned:
        body = {"version": version, **(body or {})}
    return Action(
        kind=kind,
        method=method,
        path=f"/meetings/{path_id(rid)}{tail}",
        body=body,
        resource="meeting",
        resource_id=rid,
        base_version=version if versioned else None,
    )


# --------------------------------------------------------------------------- attendance
def check_in(meeting: Mapping[str, Any] | Any) -> Action:
    """The signed-in member arrives (``POST .../attendance/check-in``, no body). Checking in
    while present changes nothing, so it never conflicts."""
    return _action("meeting.check_in", meeting, "POST", "/attendance/check-in", None, versioned=False)


def check_out(meeting: Mapping[str, Any] | Any) -> Action:
    """The signed-in member leaves (``POST .../attendance/check-out``, no body)."""
    return _action("meeting.check_out", meeting, "POST", "/attendance/check-out", None, versioned=False)


# --------------------------------------------------------------------------- agenda (chair)
def agenda_next(meeting: Mapping[str, Any] | Any) -> Action:
    """The current item is done, the next one not done becomes current (409 ``agenda_end`` at the end)."""
    return _action("meeting.agenda_next", meeting, "POST", "/agenda/next", {}, versioned=True)


def agenda_previous(meeting: Mapping[str, Any] | Any) -> Action:
    """Back to the item before the current one (409 ``agenda_start`` at the first)."""
    return _action("meeting.agenda_previous", meeting, "POST", "/agenda/previous", {}, versioned=True)


def set_current_item(meeting: Mapping[str, Any] | Any, item_id: int) -> Action:
    """Make ``item_id`` the current item; the one that was current is done."""
    item = _row_id(item_id, "An agenda item id")
    return _action("meeting.agenda_current", meeting, "PUT", f"/agenda/{item}/current", {}, versioned=True)


# --------------------------------------------------------------------------- speakers
def request_to_speak(meeting: Mapping[str, Any] | Any, item_id: int) -> Action:
    """The signed-in member joins the item's speakers list (asking again changes nothing)."""
    item = _row_id(item_id, "An agenda item id")
    seen = _seen(meeting, "agenda", item)
    if seen is not None and seen.get("state") == "done":
        raise ValueError(f"Agenda item {item} is done; nobody can ask to speak on it any more.")
    return _action("meeting.speak", meeting, "POST", f"/agenda/{item}/speakers", None, versioned=False)


def withdraw_speaker(meeting: Mapping[str, Any] | Any, item_id: int, speaker_id: int) -> Action:
    """Withdraw a waiting request to speak (the speaker themself, or the chair)."""
    item = _row_id(item_id, "An agenda item id")
    speaker = _row_id(speaker_id, "A speaker id")
    seen = _seen_speaker(meeting, item, speaker)
    if seen is not None and seen.get("state") != "waiting":
        raise ValueError(f"Speaker {speaker} is {seen.get('state')}; only a waiting request can be withdrawn.")
    return _action(
        "meeting.speaker_withdraw", meeting, "DELETE", f"/agenda/{item}/speakers/{speaker}", None, versioned=False
    )


def order_speakers(meeting: Mapping[str, Any] | Any, item_id: int, order: Iterable[int]) -> Action:
    """The waiting speakers' new order (each waiting speaker once, as the server requires)."""
    item = _row_id(item_id, "An agenda item id")
    ids = [_row_id(speaker, "A speaker id") for speaker in order]
    if len(set(ids)) != len(ids):
        raise ValueError("Each speaker may appear once in the order.")
    if len(ids) > MAX_SPEAKER_ORDER:
        raise ValueError(f"An order may name at most {MAX_SPEAKER_ORDER} speakers.")
    seen = _seen(meeting, "agenda", item)
    if seen is not None:
        waiting = {s.get("id") for s in _listed(seen, "speakers") if s.get("state") == "waiting"}
        strangers = [speaker for speaker in ids if speaker not in waiting]
        if strangers:
            raise ValueError(f"Speakers {strangers} are not waiting on agenda item {item}.")
    return _action("meeting.speakers_order", meeting, "PUT", f"/agenda/{item}/speakers", {"order": ids}, versioned=True)


def _speaker_move(kind: str, meeting: Any, item_id: int, speaker_id: int, move: str, needed: str) -> Action:
    item = _row_id(item_id, "An agenda item id")
    speaker = _row_id(speaker_id, "A speaker id")
    seen = _seen_speaker(meeting, item, speaker)
    if seen is not None and seen.get("state") != needed:
        raise ValueError(f"Speaker {speaker} is {seen.get('state')}, not {needed}.")
    return _action(kind, meeting, "POST", f"/agenda/{item}/speakers/{speaker}/{move}", {}, versioned=True)


def start_speaker(meeting: Mapping[str, Any] | Any, item_id: int, speaker_id: int) -> Action:
    """Give a waiting speaker the floor (whoever was still speaking stops)."""
    return _speaker_move("meeting.speaker_start", meeting, item_id, speaker_id, "start", "waiting")


def stop_speaker(meeting: Mapping[str, Any] | Any, item_id: int, speaker_id: int) -> Action:
    """End a speaking turn."""
    return _speaker_move("meeting.speaker_stop", meeting, item_id, speaker_id, "stop", "speaking")


# --------------------------------------------------------------------------- conclusions
def _due_at(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"A task's due_at must be an ISO date and time, not {value!r}.") from None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("A task's due_at must be a date and time with a time zone.")
    return value.isoformat()  # the outbox stores JSON


def _task(task: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(task, Mapping):
        raise ValueError("A conclusion's task must be a mapping of title, assignee_unit, due_at, description.")
    unknown = sorted(set(task) - set(_TASK_KEYS))
    if unknown:
        raise ValueError(f"A conclusion's task got unknown fields {unknown}; allowed: {', '.join(_TASK_KEYS)}.")
    missing = [key for key in _TASK_KEYS[:3] if task.get(key) is None]
    if missing:
        raise ValueError(f"A conclusion's task needs {', '.join(missing)}.")
    body = {
        "title": _text(task["title"], "A task title", MAX_TASK_TITLE),
        "assignee_unit": _text(task["assignee_unit"], "A task's unit", MAX_TASK_UNIT),
        "due_at": _due_at(task["due_at"]),
    }
    description = task.get("description")
    if description is not None:
        if not isinstance(description, str):
            raise ValueError("A task's description must be text.")
        if description:
            body["description"] = _text(description, "A task's description", MAX_TASK_DESCRIPTION)
    return body


def add_conclusion(
    meeting: Mapping[str, Any] | Any, item_id: int, text: str, task: Mapping[str, Any] | None = None
) -> Action:
    """Record a conclusion of an agenda item (secretary or chair); with ``task``
    ({"title", "assignee_unit", "due_at", "description"?}) the server also creates that task, in
    the same transaction (the caller then needs ``task.create`` too)."""
    item = _row_id(item_id, "An agenda item id")
    body: dict[str, Any] = {"text": _text(text, "A conclusion", MAX_CONCLUSION)}
    if task is not None:
        body["task"] = _task(task)
    return _action("meeting.conclusion", meeting, "POST", f"/agenda/{item}/conclusions", body, versioned=True)


# --------------------------------------------------------------------------- polls (chair, secretary, poll managers)
def _options(options: Iterable[str]) -> list[str]:
    if isinstance(options, str):
        raise ValueError("A poll's options are a list of texts, not one text.")
    cleaned = [_text(option, f"Option {index + 1}", MAX_OPTION).strip() for index, option in enumerate(options)]
    if not MIN_OPTIONS <= len(cleaned) <= MAX_OPTIONS:
        raise ValueError(f"A poll has {MIN_OPTIONS} to {MAX_OPTIONS} options (this one has {len(cleaned)}).")
    if len({option.casefold() for option in cleaned}) != len(cleaned):
        raise ValueError("Two options of the poll are the same.")
    return cleaned


def create_poll(meeting: Mapping[str, Any] | Any, question: str, options: Iterable[str], kind: str = "named") -> Action:
    """A new poll in ``draft`` (``named``: the published result lists who chose what; ``secret``)."""
    if kind not in POLL_KINDS:
        raise ValueError(f"Poll kind {kind!r} is not one of {', '.join(POLL_KINDS)}.")
    body = {"question": _text(question, "A poll question", MAX_QUESTION).strip(), "options": _options(options)}
    body["kind"] = kind
    return _action("meeting.poll_create", meeting, "POST", "/polls", body, versioned=True)


def _poll_move(kind: str, meeting: Any, poll_id: int, move: str, needed: str) -> Action:
    poll = _row_id(poll_id, "A poll id")
    seen = _seen(meeting, "polls", poll)
    if seen is not None and seen.get("status") != needed:
        raise ValueError(f"Poll {poll} is {seen.get('status')}, not {needed}.")
    return _action(kind, meeting, "POST", f"/polls/{poll}/{move}", {}, versioned=True)


def open_poll(meeting: Mapping[str, Any] | Any, poll_id: int) -> Action:
    """draft → open: the members checked in now become its voters (409 ``nobody_present`` if none)."""
    return _poll_move("meeting.poll_open", meeting, poll_id, "open", "draft")


def close_poll(meeting: Mapping[str, Any] | Any, poll_id: int) -> Action:
    """open → closed: no more votes (final)."""
    return _poll_move("meeting.poll_close", meeting, poll_id, "close", "open")


def publish_poll(meeting: Mapping[str, Any] | Any, poll_id: int) -> Action:
    """closed → published: the tallies (and a named poll's ballots) for everyone who sees the meeting."""
    return _poll_move("meeting.poll_publish", meeting, poll_id, "publish", "closed")
