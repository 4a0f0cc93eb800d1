"""/meetings/{id}/agenda: the chair moves through the items; speakers per item; conclusions (and their tasks)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from ioc_backend.api.auth import Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error, not_found
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.meeting_access import require_act, visible_meeting
from ioc_backend.api.routes.common import check_version, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import ConclusionCreate, MeetingVersion, SpeakerOrder
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.meetings import agenda_items, refresh_summary, speaker_summary, speakers_of
from ioc_backend.timeutil import utcnow
from ioc_domain.roles import may, roles_with

router = APIRouter(prefix="/meetings", tags=["meetings"])
# Global permissions; the meeting role is checked inside (ioc_domain.meetings.MEETING_ACTS).
Conductor = Annotated[Principal, Depends(require_role(*roles_with("meeting.conduct")))]
Attendee = Annotated[Principal, Depends(require_role(*roles_with("meeting.attend")))]
Key = Annotated[str | None, Depends(idempotency_key)]


def _item_of(session: Any, meeting_id: int, item_id: int) -> models.MeetingAgendaItem:
    item = session.get(models.MeetingAgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise not_found(f"Agenda item of meeting {meeting_id}", item_id)
    return item


def _speaker_of(session: Any, item: models.MeetingAgendaItem, speaker_id: int) -> models.MeetingSpeaker:
    speaker = session.get(models.MeetingSpeaker, speaker_id)
    if speaker is None or speaker.item_id != item.id:
        raise not_found(f"Speaker of agenda item {item.id}", speaker_id)
    return speaker


def _conflict(request: Request, meeting: models.Meeting, code: str, message: str) -> ApiError:
    return ApiError(409, code, message, extra={"current": show(request, meeting)})


def _changed(request: Request, session: Any, meeting: models.Meeting) -> dict[str, Any]:
    refresh_summary(session, meeting)
    record_change(session, meeting)
    return show(request, meeting)


def _make_current(session: Any, items: list[models.MeetingAgendaItem], target: models.MeetingAgendaItem | None) -> None:
    """``target`` becomes the one current item (None: none is); the item that was current is done."""
    for item in items:
        if item.state == "current" and item is not target:
            item.state = "done"
    session.flush()  # the old current item leaves first: at most one current item (a unique index)
    if target is not None:
        target.state = "current"
    session.flush()


def _move(request: Request, meeting_id: int, body: MeetingVersion, principal: Principal, key: str | None, step: int):
    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "agenda")
        check_version(request, meeting, body.version, "Meeting")
        items = agenda_items(session, meeting.id)
        if not items:
            raise _conflict(request, meeting, "agenda_empty", f"Meeting {meeting.id} has no agenda items")
        current = next((i for i, item in enumerate(items) if item.state == "current"), None)
        if step > 0:
            # The next item not yet done after the current one (from the start when none is
            # current). Past the last: the current item is done and none is (the agenda is through).
            start = 0 if current is None else current + 1
            target = next((item for item in items[start:] if item.state != "done"), None)
            if current is None and target is None:
                raise _conflict(request, meeting, "agenda_end", f"Meeting {meeting.id} is past its last item")
        else:
            index = (current if current is not None else len(items)) - 1
            if index < 0:
                raise _conflict(request, meeting, "agenda_start", f"Meeting {meeting.id} is at its first item")
            target = items[index]
            if current is not None:
                items[current].state = "pending"  # stepping back: the item was not finished
        _make_current(session, items, target)
        return _changed(request, session, meeting)

    return idempotent_write(request, principal, key, apply)


@router.post("/{meeting_id}/agenda/next", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422))
def agenda_next(request: Request, meeting_id: int, body: MeetingVersion, principal: Conductor, key: Key = None):
    """The chair moves on: the current item is done, the next one current (none after the last)."""
    return _move(request, meeting_id, body, principal, key, +1)


@router.post(
    "/{meeting_id}/agenda/previous", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def agenda_previous(request: Request, meeting_id: int, body: MeetingVersion, principal: Conductor, key: Key = None):
    """The chair steps back: the current item is pending again, the one before it current."""
    return _move(request, meeting_id, body, principal, key, -1)


@router.put(
    "/{meeting_id}/agenda/{item_id}/current",
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422),
)
def agenda_jump(
    request: Request, meeting_id: int, item_id: int, body: MeetingVersion, principal: Conductor, key: Key = None
) -> Response:
    """The chair takes up any item: it becomes current, the item that was current is done."""

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "agenda")
        item = _item_of(session, meeting.id, item_id)
        check_version(request, meeting, body.version, "Meeting")
        if item.state == "current":
            return show(request, meeting)
        _make_current(session, agenda_items(session, meeting.id), item)
        return _changed(request, session, meeting)

    return idempotent_write(request, principal, key, apply)


# ------------------------------------------------------------------------------------------ speakers


@router.get(
    "/{meeting_id}/agenda/{item_id}/speakers",
    response_model=None,
    responses=documented(list[M.Speaker], 401, 403, 404),
)
def list_speakers(request: Request, meeting_id: int, item_id: int, principal: Attendee) -> list[dict[str, Any]]:
    """The item's speakers in order: waiting, speaking, done and withdrawn, with their times."""
    with get_ctx(request).db.read() as session:
        meeting = visible_meeting(session, meeting_id, principal)
        item = _item_of(session, meeting.id, item_id)
        names = dict(session.execute(select(models.User.id, models.User.full_name)).all())
        return [{**speaker_summary(s), "full_name": names.get(s.user_id, "")} for s in speakers_of(session, item.id)]


@router.post(
    "/{meeting_id}/agenda/{item_id}/speakers",
    status_code=201,
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422, status=201),
)
def request_to_speak(request: Request, meeting_id: int, item_id: int, principal: Attendee, key: Key = None):
    """The caller (a member who may speak) joins the item's list; asking again changes nothing."""

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "speak")
        item = _item_of(session, meeting.id, item_id)
        if item.state == "done":
            raise _conflict(request, meeting, "item_done", f"Agenda item {item.id} is done")
        speakers = speakers_of(session, item.id)
        if any(s.user_id == principal.user_id and s.state in ("waiting", "speaking") for s in speakers):
            return show(request, meeting)
        session.add(
            models.MeetingSpeaker(
                meeting_id=meeting.id,
                item_id=item.id,
                user_id=principal.user_id,
                position=max((s.position for s in speakers), default=-1) + 1,
                state="waiting",
                requested_at=utcnow(),
            )
        )
        return _changed(request, session, meeting)

    return idempotent_write(request, principal, key, apply, status_code=201)


@router.delete(
    "/{meeting_id}/agenda/{item_id}/speakers/{speaker_id}",
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422),
)
def withdraw(request: Request, meeting_id: int, item_id: int, speaker_id: int, principal: Attendee, key: Key = None):
    """A waiting speaker withdraws (the speaker themself, or the chair takes them off the list)."""

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        item = _item_of(session, meeting.id, item_id)
        speaker = _speaker_of(session, item, speaker_id)
        if speaker.user_id != principal.user_id:
            require_act(session, meeting, principal, "speakers")
            if not may(principal.role, "meeting.conduct"):
                raise ApiError(403, "forbidden", f"Role '{principal.role}' may not do this")
        if speaker.state == "withdrawn":
            return show(request, meeting)
        if speaker.state != "waiting":
            raise _conflict(request, meeting, "speaker_state", f"Speaker {speaker.id} is {speaker.state}")
        speaker.state = "withdrawn"
        return _changed(request, session, meeting)

    return idempotent_write(request, principal, key, apply)


@router.put(
    "/{meeting_id}/agenda/{item_id}/speakers",
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422),
)
def order_speakers(
    request: Request, meeting_id: int, item_id: int, body: SpeakerOrder, principal: Conductor, key: Key = None
) -> Response:
    """The chair orders the waiting speakers: ``order`` names each of them exactly once."""

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "speakers")
        item = _item_of(session, meeting.id, item_id)
        check_version(request, meeting, body.version, "Meeting")
        speakers = speakers_of(session, item.id)
        waiting = {s.id: s for s in speakers if s.state == "waiting"}
        if sorted(body.order) != sorted(waiting):
            raise field_error("body.order", f"name each waiting speaker exactly once: {sorted(waiting)}")
        base = max((s.position for s in speakers if s.state != "waiting"), default=-1) + 1
        for offset, ident in enumerate(body.order):
            waiting[ident].position = base + offset
        return _changed(request, session, meeting)

    return idempotent_write(request, principal, key, apply)


def _speaker_act(
    request: Request,
    meeting_id: int,
    item_id: int,
    speaker_id: int,
    body: MeetingVersion,
    principal: Principal,
    key: str | None,
    start: bool,
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "speakers")
        item = _item_of(session, meeting.id, item_id)
        speaker = _speaker_of(session, item, speaker_id)
        check_version(request, meeting, body.version, "Meeting")
        now = utcnow()
        if start:
            if speaker.state != "waiting":
                raise _conflict(request, meeting, "speaker_state", f"Speaker {speaker.id} is {speaker.state}")
            # One speaker at a time in the meeting: whoever still speaks is stopped now.
            for other in session.execute(
                select(models.MeetingSpeaker).where(
                    models.MeetingSpeaker.meeting_id == meeting.id, models.MeetingSpeaker.state == "speaking"
                )
            ).scalars():
                other.state, other.stopped_at = "done", now
            speaker.state, speaker.started_at = "speaking", now
        else:
            if speaker.state != "speaking":
                raise _conflict(request, meeting, "speaker_state", f"Speaker {speaker.id} is {speaker.state}")
            speaker.state, speaker.stopped_at = "done", now
        return _changed(request, session, meeting)

    return idempotent_write(request, principal, key, apply)


@router.post(
    "/{meeting_id}/agenda/{item_id}/speakers/{speaker_id}/start",
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422),
)
def start_speaker(
    request: Request,
    meeting_id: int,
    item_id: int,
    speaker_id: int,
    body: MeetingVersion,
    principal: Conductor,
    key: Key = None,
) -> Response:
    """The chair gives the floor to a waiting speaker (the start time is recorded)."""
    return _speaker_act(request, meeting_id, item_id, speaker_id, body, principal, key, start=True)


@router.post(
    "/{meeting_id}/agenda/{item_id}/speakers/{speaker_id}/stop",
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422),
)
def stop_speaker(
    request: Request,
    meeting_id: int,
    item_id: int,
    speaker_id: int,
    body: MeetingVersion,
    principal: Conductor,
    key: Key = None,
) -> Response:
    """The chair ends the speaker's turn (the stop time is recorded)."""
    return _speaker_act(request, meeting_id, item_id, speaker_id, body, principal, key, start=False)


# --------------------------------------------------------------------------------------- conclusions


@router.post(
    "/{meeting_id}/agenda/{item_id}/conclusions",
    status_code=201,
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422, status=201),
)
def add_conclusion(
    request: Request, meeting_id: int, item_id: int, body: ConclusionCreate, principal: Conductor, key: Key = None
) -> Response:
    """The secretary (or chair) records a conclusion; with ``task``, the task for a unit is created
    in the same transaction, carrying the meeting's id and the conclusion's."""
    text = body.text.strip()
    if not text:
        raise field_error("body.text", "must not be blank")
    if body.task is not None and not may(principal.role, "task.create"):
        raise ApiError(403, "forbidden", f"Role '{principal.role}' may not create tasks")

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "conclusions")
        item = _item_of(session, meeting.id, item_id)
        check_version(request, meeting, body.version, "Meeting")
        conclusion = models.MeetingConclusion(
            meeting_id=meeting.id, item_id=item.id, text=text, created_by=principal.user_id, created_at=utcnow()
        )
        session.add(conclusion)
        session.flush()
        if body.task is not None:
            task = models.Task(
                title=body.task.title,
                # Not the conclusion's text by default: every task reader sees the task, while the
                # conclusion stays inside a members-only meeting.
                description=body.task.description,
                assignee_unit=body.task.assignee_unit,
                status="todo",
                due_at=body.task.due_at,
                created_by=principal.username,
                meeting_id=meeting.id,
                conclusion_id=conclusion.id,
            )
            record_change(session, task, created=True)
        return _changed(request, session, meeting)

    return idempotent_write(request, principal, key, apply, status_code=201)
