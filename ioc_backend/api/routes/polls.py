"""/meetings/{id}/polls: put a question to a meeting, close it, and vote (one current vote per user)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from ioc_backend.api.auth import MEETING_WRITE, POLL_VOTE, Principal, require_role
from ioc_backend.api.errors import ApiError, field_error, not_found
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.meeting_access import visible_meeting
from ioc_backend.api.meeting_checks import clean_options
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import PollClose, PollCreate, PollVote
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.meetings import recount, refresh_summary
from ioc_backend.timeutil import utcnow

router = APIRouter(prefix="/meetings", tags=["meetings"])
# Everyone who can read a meeting may vote in its polls: the IOC's own briefings have shift
# operators among their members, and a vote is a meeting member's act, not an edit of the meeting.
Writer = Annotated[Principal, Depends(require_role(*MEETING_WRITE))]
Voter = Annotated[Principal, Depends(require_role(*POLL_VOTE))]
Key = Annotated[str | None, Depends(idempotency_key)]


def _poll_of(session: Any, meeting_id: int, poll_id: int) -> models.MeetingPoll:
    poll = session.get(models.MeetingPoll, poll_id)
    if poll is None or poll.meeting_id != meeting_id:
        raise not_found(f"Poll of meeting {meeting_id}", poll_id)
    return poll


def _closed(request: Request, meeting: models.Meeting, poll: models.MeetingPoll) -> ApiError:
    return ApiError(
        409,
        "poll_closed",
        f"Poll {poll.id} of meeting {meeting.id} is closed",
        extra={"current": show(request, meeting)},
    )


@router.post(
    "/{meeting_id}/polls",
    status_code=201,
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 413, 422, status=201),
)
def create_poll(request: Request, meeting_id: int, body: PollCreate, principal: Writer, key: Key = None) -> Response:
    question = body.question.strip()
    if not question:
        raise field_error("body.question", "must not be blank")
    try:
        options = clean_options(body.options)
    except ValueError as exc:
        raise field_error("body.options", str(exc)) from None

    def apply(session: Any) -> dict[str, Any]:
        meeting = get_or_404(session, models.Meeting, meeting_id, "Meeting")
        check_version(request, meeting, body.version, "Meeting")
        session.add(
            models.MeetingPoll(
                meeting_id=meeting.id,
                question=question,
                options=options,
                status="open",
                tallies=[0] * len(options),
                created_by=principal.user_id,
                created_at=utcnow(),
            )
        )
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply, status_code=201)


@router.post(
    "/{meeting_id}/polls/{poll_id}/close", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def close_poll(
    request: Request, meeting_id: int, poll_id: int, body: PollClose, principal: Writer, key: Key = None
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        meeting = get_or_404(session, models.Meeting, meeting_id, "Meeting")
        poll = _poll_of(session, meeting_id, poll_id)
        check_version(request, meeting, body.version, "Meeting")
        if poll.status == "closed":
            raise _closed(request, meeting, poll)
        poll.status = "closed"
        poll.closed_at = utcnow()
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply)


@router.post(
    "/{meeting_id}/polls/{poll_id}/vote", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def vote(
    request: Request, meeting_id: int, poll_id: int, body: PollVote, principal: Voter, key: Key = None
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        meeting = visible_meeting(session, meeting_id, principal)  # members-only meetings: 404 for others
        poll = _poll_of(session, meeting_id, poll_id)
        if poll.status != "open":
            raise _closed(request, meeting, poll)
        if body.option >= len(poll.options):
            raise field_error("body.option", f"poll {poll.id} has options 0..{len(poll.options) - 1}")
        ballot = session.execute(
            select(models.PollVote).where(
                models.PollVote.meeting_id == meeting.id,
                models.PollVote.poll_id == poll.id,
                models.PollVote.user_id == principal.user_id,
            )
        ).scalar_one_or_none()
        if ballot is not None and ballot.option == body.option:
            return show(request, meeting)  # the same choice again changes nothing: no new version
        if ballot is None:
            session.add(
                models.PollVote(
                    meeting_id=meeting.id,
                    poll_id=poll.id,
                    user_id=principal.user_id,
                    option=body.option,
                    voted_at=utcnow(),
                )
            )
        else:  # changing one's vote while the poll is open replaces the earlier one
            ballot.option = body.option
            ballot.voted_at = utcnow()
        session.flush()
        recount(session, poll)
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply)
