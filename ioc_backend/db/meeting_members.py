"""Who belongs to a meeting, with which meeting role, who is present now, and who may see it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.timeutil import utcnow
from ioc_domain.meetings import quorum_needed
from ioc_domain.roles import may

_MEMBERS = models.table_of(models.MeetingMember)


def member_role(session: Session, meeting_id: int, user_id: int) -> str | None:
    """The user's meeting role (chair | secretary | presenter | member | guest), or None for a non-member."""
    return session.execute(
        select(models.MeetingMember.role).where(
            models.MeetingMember.meeting_id == meeting_id, models.MeetingMember.user_id == user_id
        )
    ).scalar_one_or_none()


def present_member_ids(session: Session, meeting_id: int) -> set[int]:
    """The members checked in and not checked out (a user removed from the members no longer counts)."""
    rows = session.execute(
        select(models.MeetingAttendance.user_id)
        .join(
            models.MeetingMember,
            (models.MeetingMember.meeting_id == models.MeetingAttendance.meeting_id)
            & (models.MeetingMember.user_id == models.MeetingAttendance.user_id),
        )
        .where(models.MeetingAttendance.meeting_id == meeting_id, models.MeetingAttendance.checked_out_at.is_(None))
    )
    return {int(user_id) for (user_id,) in rows}


def has_members(session: Session, meeting_id: int) -> bool:
    return bool(session.execute(select(exists().where(models.MeetingMember.meeting_id == meeting_id))).scalar())


def manages_meetings(role: str) -> bool:
    """Meeting managers (global ``meeting.write``) administer every meeting: they see all of them."""
    return may(role, "meeting.write")


def may_see_meeting(session: Session, meeting_id: int, user_id: int, role: str) -> bool:
    """Members see their meeting; a meeting without members (every meeting before revision 0007)
    is open to all readers, as it always was; meeting managers see every meeting."""
    if manages_meetings(role):
        return True
    if member_role(session, meeting_id, user_id) is not None:
        return True
    return not has_members(session, meeting_id)


def visible_meeting_ids(meeting_id_column: Any, user_id: int, role: str) -> ColumnElement[bool] | None:
    """A WHERE clause keeping the meetings (by id column) the user may see; None: all of them."""
    if manages_meetings(role):
        return None
    any_member = exists().where(_MEMBERS.c.meeting_id == meeting_id_column)
    is_member = exists().where(_MEMBERS.c.meeting_id == meeting_id_column, _MEMBERS.c.user_id == user_id)
    return or_(~any_member, is_member)


def check_in(session: Session, meeting_id: int, user_id: int) -> bool:
    """Open a stay unless one is open (idempotent); True when something changed."""
    open_stay = session.execute(
        select(models.MeetingAttendance.id).where(
            models.MeetingAttendance.meeting_id == meeting_id,
            models.MeetingAttendance.user_id == user_id,
            models.MeetingAttendance.checked_out_at.is_(None),
        )
    ).first()
    if open_stay is not None:
        return False
    session.add(models.MeetingAttendance(meeting_id=meeting_id, user_id=user_id, checked_in_at=utcnow()))
    session.flush()
    return True


def check_out(session: Session, meeting_id: int, user_id: int) -> bool:
    """Close the open stay if there is one (idempotent); True when something changed."""
    stays = (
        session.execute(
            select(models.MeetingAttendance).where(
                models.MeetingAttendance.meeting_id == meeting_id,
                models.MeetingAttendance.user_id == user_id,
                models.MeetingAttendance.checked_out_at.is_(None),
            )
        )
        .scalars()
        .all()
    )
    for stay in stays:
        stay.checked_out_at = utcnow()
    session.flush()
    return bool(stays)


def member_rows(session: Session, meeting_id: int) -> list[tuple[models.MeetingMember, models.User]]:
    return [
        (member, user)
        for member, user in session.execute(
            select(models.MeetingMember, models.User)
            .join(models.User, models.User.id == models.MeetingMember.user_id)
            .where(models.MeetingMember.meeting_id == meeting_id)
            .order_by(models.MeetingMember.id)
        ).all()
    ]


def attendance_summary(session: Session, meeting: models.Meeting, members: int) -> dict[str, Any]:
    present = len(present_member_ids(session, meeting.id))
    needed = quorum_needed(meeting.quorum, members)
    return {"present": present, "members": members, "quorum_needed": needed, "quorum_reached": present >= needed}


def count_members(session: Session, meeting_id: int) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(_MEMBERS).where(_MEMBERS.c.meeting_id == meeting_id)
        ).scalar_one()
    )
