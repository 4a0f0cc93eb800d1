"""Who may see and act on a meeting: the global permission (ioc_domain.roles) and the meeting role."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ioc_backend.api.auth import Principal
from ioc_backend.api.errors import ApiError, not_found
from ioc_backend.db import models
from ioc_backend.db.meeting_members import manages_meetings, may_see_meeting, member_role
from ioc_domain.meetings import meeting_may


def visible_meeting(session: Session, meeting_id: int, principal: Principal) -> models.Meeting:
    """The meeting, or 404 exactly as for a meeting that does not exist when the caller may not
    see it (as another user's saved view): its existence is not revealed to non-members."""
    meeting = session.get(models.Meeting, meeting_id)
    if meeting is None or not may_see_meeting(session, meeting_id, principal.user_id, principal.role):
        raise not_found("Meeting", meeting_id)
    return meeting


def not_a_member(meeting_id: int) -> ApiError:
    return ApiError(403, "not_a_member", f"Only members of meeting {meeting_id} may do this")


def require_member(session: Session, meeting: models.Meeting, principal: Principal) -> str:
    """The caller's meeting role; 403 ``not_a_member`` for a manager or reader of an open meeting."""
    role = member_role(session, meeting.id, principal.user_id)
    if role is None:
        raise not_a_member(meeting.id)
    return role


def require_act(
    session: Session, meeting: models.Meeting, principal: Principal, act: str, *, managers: bool = False
) -> str | None:
    """Refuse (403 ``meeting_role``) unless the caller's meeting role allows ``act``; with
    ``managers``, meeting managers (global ``meeting.write``) may too. Returns the meeting role."""
    role = member_role(session, meeting.id, principal.user_id)
    if managers and manages_meetings(principal.role):
        return role
    if not meeting_may(role, act):
        shown = role or "non-member"
        raise ApiError(403, "meeting_role", f"A {shown} of meeting {meeting.id} may not do this ({act})")
    return role
