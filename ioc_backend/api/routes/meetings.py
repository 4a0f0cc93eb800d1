"""/meetings: leadership meetings with agendas; create and update (members-only meetings hidden from others)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from ioc_backend.api.auth import ALL_ROLES, MEETING_WRITE, Principal, get_ctx, require_role
from ioc_backend.api.errors import field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.meeting_access import visible_meeting
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import AgendaItem, MeetingCreate, MeetingPatch
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import MeetingStatus
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.meeting_members import visible_meeting_ids
from ioc_backend.db.meetings import refresh_summary, replace_agenda
from ioc_backend.timeutil import utcnow

router = APIRouter(prefix="/meetings", tags=["meetings"])
Reader = Annotated[Principal, Depends(require_role(*ALL_ROLES))]
Writer = Annotated[Principal, Depends(require_role(*MEETING_WRITE))]
Key = Annotated[str | None, Depends(idempotency_key)]


def _checked_agenda(session: Any, meeting: models.Meeting, items: list[AgendaItem]) -> list[dict[str, Any]]:
    """The agenda entries as dicts, once their presenters are users and their documents the meeting's."""
    own_docs = set(
        session.execute(
            select(models.MeetingDocument.id).where(models.MeetingDocument.meeting_id == meeting.id)
        ).scalars()
    )
    entries = []
    for index, item in enumerate(items):
        if item.presenter_id is not None and session.get(models.User, item.presenter_id) is None:
            raise field_error(f"body.agenda.{index}.presenter_id", f"no user {item.presenter_id}")
        foreign = sorted(set(item.documents or []) - own_docs)
        if foreign:
            raise field_error(f"body.agenda.{index}.documents", f"meeting {meeting.id} has no documents {foreign}")
        entries.append(item.model_dump())
    return entries


@router.get("", response_model=None, responses=documented(M.Page[M.Meeting], 401, 403, 422))
def list_meetings(
    request: Request, principal: Reader, limit: Limit = 100, offset: Offset = 0, status: MeetingStatus | None = None
) -> JSONResponse:
    stmt = select(models.Meeting)
    visible = visible_meeting_ids(models.Meeting.id, principal.user_id, principal.role)
    if visible is not None:  # members-only meetings are not listed for non-members
        stmt = stmt.where(visible)
    if status is not None:
        stmt = stmt.where(models.Meeting.status == status)
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.Meeting.id, limit, offset, lambda r: show(request, r))


@router.get("/{meeting_id}", response_model=None, responses=documented(M.Meeting, 401, 403, 404))
def get_meeting(request: Request, meeting_id: int, principal: Reader) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return show(request, visible_meeting(session, meeting_id, principal))


@router.post("", status_code=201, response_model=None, responses=documented(M.Meeting, 401, 403, 413, 422, status=201))
def create_meeting(request: Request, body: MeetingCreate, principal: Writer, key: Key = None) -> Response:
    if body.ends_at < body.starts_at:
        raise field_error("body.ends_at", "must not be before starts_at")

    def apply(session: Any) -> dict[str, Any]:
        meeting = models.Meeting(
            title=body.title,
            location=body.location,
            starts_at=body.starts_at,
            ends_at=body.ends_at,
            status=body.status,
            agenda=[],
            quorum=body.quorum.stored() if body.quorum is not None else None,
            updated_at=utcnow(),  # the row needs its id for the agenda items: record_change sets it again
        )
        session.add(meeting)
        session.flush()
        replace_agenda(session, meeting, _checked_agenda(session, meeting, body.agenda))
        refresh_summary(session, meeting)
        record_change(session, meeting, created=True)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply, status_code=201)


@router.patch("/{meeting_id}", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 413, 422))
def patch_meeting(
    request: Request, meeting_id: int, body: MeetingPatch, principal: Writer, key: Key = None
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        meeting = get_or_404(session, models.Meeting, meeting_id, "Meeting")
        check_version(request, meeting, body.version, "Meeting")
        for name in body.model_fields_set - {"version"}:
            value = getattr(body, name)
            if name == "quorum":
                meeting.quorum = body.quorum.stored() if body.quorum is not None else None
                continue
            if value is None:
                raise field_error(f"body.{name}", "may not be null")
            if name == "agenda":
                replace_agenda(session, meeting, _checked_agenda(session, meeting, value))
                continue
            setattr(meeting, name, value)
        if meeting.ends_at < meeting.starts_at:
            raise field_error("body.ends_at", "must not be before starts_at")
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply)
