"""/meetings/{id}/presenter: what the presenter shows the room (a document page or a workspace view)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from ioc_backend.api.auth import Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.meeting_access import visible_meeting
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import PresenterPut
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.meeting_members import member_role
from ioc_backend.db.payloads import presenter_dict
from ioc_domain.meetings import meeting_may
from ioc_domain.roles import roles_with

router = APIRouter(prefix="/meetings", tags=["meetings"])
Attendee = Annotated[Principal, Depends(require_role(*roles_with("meeting.attend")))]
Key = Annotated[str | None, Depends(idempotency_key)]


def _none_yet(meeting_id: int) -> dict[str, Any]:
    """The state of a meeting whose presenter has shown nothing yet (revision 0: any state is newer)."""
    return {
        "id": meeting_id,
        "meeting_id": meeting_id,
        "presenter_id": None,
        "view": None,
        "revision": 0,
        "version": 0,
        "updated_at": None,
    }


def _may_present(session: Any, meeting: models.Meeting, principal: Principal) -> None:
    role = member_role(session, meeting.id, principal.user_id)
    if meeting_may(role, "present"):
        return
    if role is not None:  # the presenter of the item under discussion, whatever their meeting role
        current = session.execute(
            select(models.MeetingAgendaItem.presenter_id).where(
                models.MeetingAgendaItem.meeting_id == meeting.id, models.MeetingAgendaItem.state == "current"
            )
        ).scalar_one_or_none()
        if current == principal.user_id:
            return
    shown = role or "non-member"
    raise ApiError(403, "meeting_role", f"A {shown} of meeting {meeting.id} may not present")


@router.get("/{meeting_id}/presenter", response_model=None, responses=documented(M.PresenterState, 401, 403, 404))
def get_presenter(request: Request, meeting_id: int, principal: Attendee) -> dict[str, Any]:
    """The current state at once (a late joiner); then follow ``meeting_presenter`` on /events."""
    with get_ctx(request).db.read() as session:
        visible_meeting(session, meeting_id, principal)
        state = session.get(models.MeetingPresenter, meeting_id)
        return presenter_dict(state) if state is not None else _none_yet(meeting_id)


@router.put("/{meeting_id}/presenter", response_model=None, responses=documented(M.PresenterState, 401, 403, 404, 422))
def put_presenter(
    request: Request, meeting_id: int, body: PresenterPut, principal: Attendee, key: Key = None
) -> Response:
    """The presenter (or chair) shows the room a document page or a shared view. No version: the
    newest state wins; each change has a higher ``revision``, so followers drop older ones."""
    view = body.view.model_dump()

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        _may_present(session, meeting, principal)
        if view["kind"] == "document":
            doc = session.get(models.MeetingDocument, view["document_id"])
            if doc is None or doc.meeting_id != meeting.id:
                raise field_error(
                    "body.view.document_id", f"meeting {meeting.id} has no document {view['document_id']}"
                )
        elif view["kind"] == "camera" and session.get(models.Camera, view["camera_id"]) is None:
            raise field_error("body.view.camera_id", f"no camera {view['camera_id']}")
        state = session.get(models.MeetingPresenter, meeting.id)
        created = state is None
        if state is None:
            state = models.MeetingPresenter(id=meeting.id)
        state.presenter_id = principal.user_id
        state.view = view
        record_change(session, state, created=created)
        return presenter_dict(state)

    return idempotent_write(request, principal, key, apply)
