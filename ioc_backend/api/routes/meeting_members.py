"""/meetings/{id}/members and /attendance: who belongs to a meeting, check-in and check-out, quorum."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from ioc_backend.api.auth import Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.meeting_access import require_act, require_member, visible_meeting
from ioc_backend.api.routes.common import check_version, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.bounded import MAX_BIGINT
from ioc_backend.api.schemas.requests import MemberPut
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.meeting_members import (
    check_in,
    check_out,
    count_members,
    member_role,
    member_rows,
    present_member_ids,
)
from ioc_backend.db.meetings import refresh_summary
from ioc_backend.timeutil import iso, utcnow
from ioc_domain.meetings import CONDUCTING_ROLES, quorum_needed
from ioc_domain.roles import ROLES, may, roles_with

router = APIRouter(prefix="/meetings", tags=["meetings"])
# Managing members: meeting managers (meeting.write) or a chair (who conducts: meeting.conduct).
_MANAGE_OR_CONDUCT = tuple(r for r in ROLES if may(r, "meeting.write") or may(r, "meeting.conduct"))
Manager = Annotated[Principal, Depends(require_role(*_MANAGE_OR_CONDUCT))]
Attendee = Annotated[Principal, Depends(require_role(*roles_with("meeting.attend")))]
Key = Annotated[str | None, Depends(idempotency_key)]


@router.put(
    "/{meeting_id}/members/{user_id}", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def put_member(
    request: Request, meeting_id: int, user_id: int, body: MemberPut, principal: Manager, key: Key = None
) -> Response:
    """Add a member or change their meeting role."""

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "members", managers=True)
        check_version(request, meeting, body.version, "Meeting")
        user = session.get(models.User, user_id)
        if user is None or not user.active:
            raise field_error("path.user_id", f"no active user {user_id}")
        if body.role in CONDUCTING_ROLES and not may(user.role, "meeting.conduct"):
            raise field_error("body.role", f"a user with the role '{user.role}' cannot be {body.role}")
        member = session.execute(
            select(models.MeetingMember).where(
                models.MeetingMember.meeting_id == meeting.id, models.MeetingMember.user_id == user_id
            )
        ).scalar_one_or_none()
        if member is not None and member.role == body.role:
            return show(request, meeting)  # nothing changes: no new version
        if member is None:
            session.add(models.MeetingMember(meeting_id=meeting.id, user_id=user_id, role=body.role, added_at=utcnow()))
        else:
            member.role = body.role
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply)


@router.delete(
    "/{meeting_id}/members/{user_id}", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def delete_member(
    request: Request,
    meeting_id: int,
    user_id: int,
    principal: Manager,
    version: Annotated[int, Query(ge=1, le=MAX_BIGINT, description="The meeting version the removal is based on")],
    key: Key = None,
) -> Response:
    """Remove a member (their open attendance stay is closed). The last member cannot be removed:
    a meeting with members is members-only, and removing the last would open it to everyone."""

    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "members", managers=True)
        check_version(request, meeting, version, "Meeting")
        member = session.execute(
            select(models.MeetingMember).where(
                models.MeetingMember.meeting_id == meeting.id, models.MeetingMember.user_id == user_id
            )
        ).scalar_one_or_none()
        if member is None:
            raise ApiError(404, "not_found", f"User {user_id} is not a member of meeting {meeting.id}")
        if count_members(session, meeting.id) == 1:
            raise ApiError(
                409,
                "last_member",
                f"User {user_id} is the last member of meeting {meeting.id}; add another member first",
                extra={"current": show(request, meeting)},
            )
        check_out(session, meeting.id, user_id)
        session.delete(member)
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply)


def _attend(request: Request, meeting_id: int, principal: Principal, key: str | None, arrive: bool) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)
        require_member(session, meeting, principal)
        changed = (check_in if arrive else check_out)(session, meeting.id, principal.user_id)
        if changed:  # idempotent: checking in twice changes nothing, no new version
            refresh_summary(session, meeting)
            record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply)


@router.post(
    "/{meeting_id}/attendance/check-in", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 422)
)
def check_in_route(request: Request, meeting_id: int, principal: Attendee, key: Key = None) -> Response:
    """The caller (a member) arrives; a second check-in while present changes nothing."""
    return _attend(request, meeting_id, principal, key, arrive=True)


@router.post(
    "/{meeting_id}/attendance/check-out", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 422)
)
def check_out_route(request: Request, meeting_id: int, principal: Attendee, key: Key = None) -> Response:
    """The caller (a member) leaves; checking out when not present changes nothing."""
    return _attend(request, meeting_id, principal, key, arrive=False)


@router.get("/{meeting_id}/attendance", response_model=None, responses=documented(M.Attendance, 401, 403, 404))
def get_attendance(request: Request, meeting_id: int, principal: Manager) -> dict[str, Any]:
    """Who is present, every stay with its times, and the quorum: for the chair and secretary
    (and meeting managers)."""
    with get_ctx(request).db.read() as session:
        meeting = visible_meeting(session, meeting_id, principal)
        require_act(session, meeting, principal, "attendance", managers=True)
        return attendance_report(session, meeting)


@router.get("/{meeting_id}/attendance/me", response_model=None, responses=documented(M.MyAttendance, 401, 403, 404))
def get_my_attendance(request: Request, meeting_id: int, principal: Attendee) -> dict[str, Any]:
    """The caller's meeting role, presence and stays (their console shows check in or check out);
    a reader who sees the meeting without being a member gets role null and no stays."""
    with get_ctx(request).db.read() as session:
        meeting = visible_meeting(session, meeting_id, principal)
        role = member_role(session, meeting.id, principal.user_id)
        stays = [
            {"checked_in_at": iso(stay.checked_in_at), "checked_out_at": iso(stay.checked_out_at)}
            for stay in session.execute(
                select(models.MeetingAttendance)
                .where(
                    models.MeetingAttendance.meeting_id == meeting.id,
                    models.MeetingAttendance.user_id == principal.user_id,
                )
                .order_by(models.MeetingAttendance.id)
            ).scalars()
        ]
        return {
            "meeting_id": meeting.id,
            "role": role,
            "present": principal.user_id in present_member_ids(session, meeting.id),
            "stays": stays,
        }


def attendance_report(session: Any, meeting: models.Meeting) -> dict[str, Any]:
    members = member_rows(session, meeting.id)
    present = present_member_ids(session, meeting.id)
    stays: dict[int, list[dict[str, Any]]] = {}
    for stay in session.execute(
        select(models.MeetingAttendance)
        .where(models.MeetingAttendance.meeting_id == meeting.id)
        .order_by(models.MeetingAttendance.id)
    ).scalars():
        stays.setdefault(stay.user_id, []).append(
            {"checked_in_at": iso(stay.checked_in_at), "checked_out_at": iso(stay.checked_out_at)}
        )
    needed = quorum_needed(meeting.quorum, len(members))
    return {
        "meeting_id": meeting.id,
        "members": [
            {
                "user_id": user.id,
                "username": user.username,
                "full_name": user.full_name,
                "role": member.role,
                "present": user.id in present,
                "stays": stays.get(user.id, []),
            }
            for member, user in members
        ],
        "present": len(present),
        "quorum": dict(meeting.quorum) if meeting.quorum else None,
        "quorum_needed": needed,
        "quorum_reached": len(present) >= needed,
    }
