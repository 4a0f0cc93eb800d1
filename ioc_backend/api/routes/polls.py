"""/meetings/{id}/polls: named and secret polls, draft -> open -> closed -> published, one vote each.

A secret poll stores who has voted (``poll_voters``: poll and user, no time, no order) and the
tallies, nothing else: no ballot row, no choice in the change log, in the stored idempotent
answer, in its body hash or in the logs. A named poll also keeps each ballot (``poll_votes``)
and lists them once published.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from ioc_backend.api.auth import ALL_ROLES, POLL_VOTE, Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error, not_found
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.meeting_access import visible_meeting
from ioc_backend.api.meeting_checks import clean_options
from ioc_backend.api.routes.common import check_version, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import PollClose, PollCreate, PollVote
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.meeting_members import member_role, present_member_ids
from ioc_backend.db.meetings import refresh_summary, votes_cast
from ioc_backend.db.payloads import poll_summary
from ioc_backend.timeutil import iso, utcnow
from ioc_domain.roles import may

router = APIRouter(prefix="/meetings", tags=["meetings"])
# Managing is checked per meeting (poll.manage, or the meeting's chair or secretary): every
# signed-in role reaches the handler.
Member = Annotated[Principal, Depends(require_role(*ALL_ROLES))]
Voter = Annotated[Principal, Depends(require_role(*POLL_VOTE))]
Key = Annotated[str | None, Depends(idempotency_key)]

# The meeting roles that run a meeting's polls besides the global poll managers.
POLL_CHAIRS = frozenset({"chair", "secretary"})
# action -> (the state it starts from, the state it leads to)
TRANSITIONS: dict[str, tuple[str, str]] = {
    "open": ("draft", "open"),
    "close": ("open", "closed"),
    "publish": ("closed", "published"),
}


def _meeting_for(session: Session, principal: Principal, meeting_id: int) -> models.Meeting:
    # A members-only meeting does not exist for others: 404, its polls with it.
    return visible_meeting(session, meeting_id, principal)


def _poll_of(session: Session, meeting_id: int, poll_id: int) -> models.MeetingPoll:
    poll = session.get(models.MeetingPoll, poll_id)
    if poll is None or poll.meeting_id != meeting_id:
        raise not_found(f"Poll of meeting {meeting_id}", poll_id)
    return poll


def manages_polls(session: Session, principal: Principal, meeting_id: int) -> bool:
    """Global poll managers, and the chair and secretary of this meeting."""
    if may(principal.role, "poll.manage"):
        return True
    return member_role(session, meeting_id, principal.user_id) in POLL_CHAIRS


def _require_manager(session: Session, principal: Principal, meeting_id: int) -> None:
    if not manages_polls(session, principal, meeting_id):
        raise ApiError(403, "forbidden", "Only the meeting's chair or secretary, or a poll manager, may do this")


def _closed(request: Request, meeting: models.Meeting, poll: models.MeetingPoll) -> ApiError:
    return ApiError(
        409,
        "poll_closed",
        f"Poll {poll.id} of meeting {meeting.id} is {poll.status}",
        extra={"current": show(request, meeting)},
    )


@router.post(
    "/{meeting_id}/polls",
    status_code=201,
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 413, 422, status=201),
)
def create_poll(request: Request, meeting_id: int, body: PollCreate, principal: Member, key: Key = None) -> Response:
    question = body.question.strip()
    if not question:
        raise field_error("body.question", "must not be blank")
    try:
        options = clean_options(body.options)
    except ValueError as exc:
        raise field_error("body.options", str(exc)) from None

    def apply(session: Session) -> dict[str, Any]:
        meeting = _meeting_for(session, principal, meeting_id)
        _require_manager(session, principal, meeting_id)
        check_version(request, meeting, body.version, "Meeting")
        session.add(
            models.MeetingPoll(
                meeting_id=meeting.id,
                question=question,
                options=options,
                kind=body.kind,
                status="draft",
                tallies=[0] * len(options),
                created_by=principal.user_id,
                created_at=utcnow(),
            )
        )
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply, status_code=201)


def _move(request: Request, meeting_id: int, poll_id: int, action: str, version: int, principal: Principal) -> Any:
    source, target = TRANSITIONS[action]

    def apply(session: Session) -> dict[str, Any]:
        meeting = _meeting_for(session, principal, meeting_id)
        poll = _poll_of(session, meeting_id, poll_id)
        _require_manager(session, principal, meeting_id)
        check_version(request, meeting, version, "Meeting")
        if poll.status != source:
            if action == "close" and poll.status in ("closed", "published"):
                raise _closed(request, meeting, poll)
            raise ApiError(
                409,
                "invalid_transition",
                f"Poll {poll.id} is {poll.status}; only a {source} poll can be {target}",
                extra={"current": show(request, meeting)},
            )
        now = utcnow()
        if action == "open":
            # The snapshot of who may vote: the members present now. Someone checking in later
            # does not join it (the poll was put to the room as it was).
            eligible = sorted(present_member_ids(session, meeting_id))
            if not eligible:
                raise ApiError(
                    409,
                    "nobody_present",
                    f"No member of meeting {meeting_id} is checked in: nobody could vote in poll {poll.id}",
                    extra={"current": show(request, meeting)},
                )
            session.execute(
                insert(models.table_of(models.PollEligible)),
                [{"poll_id": poll.id, "user_id": user_id} for user_id in eligible],
            )
            poll.eligible_count = len(eligible)
            poll.opened_at = now
        elif action == "close":
            poll.closed_at = now
        else:
            poll.published_at = now
        poll.status = target
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return apply


@router.post(
    "/{meeting_id}/polls/{poll_id}/open", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def open_poll(
    request: Request, meeting_id: int, poll_id: int, body: PollClose, principal: Member, key: Key = None
) -> Response:
    return idempotent_write(
        request, principal, key, _move(request, meeting_id, poll_id, "open", body.version, principal)
    )


@router.post(
    "/{meeting_id}/polls/{poll_id}/close", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def close_poll(
    request: Request, meeting_id: int, poll_id: int, body: PollClose, principal: Member, key: Key = None
) -> Response:
    return idempotent_write(
        request, principal, key, _move(request, meeting_id, poll_id, "close", body.version, principal)
    )


@router.post(
    "/{meeting_id}/polls/{poll_id}/publish",
    response_model=None,
    responses=documented(M.Meeting, 401, 403, 404, 409, 422),
)
def publish_poll(
    request: Request, meeting_id: int, poll_id: int, body: PollClose, principal: Member, key: Key = None
) -> Response:
    return idempotent_write(
        request, principal, key, _move(request, meeting_id, poll_id, "publish", body.version, principal)
    )


def _vote_body_hash(meeting_id: int, poll_id: int) -> str:
    """What the idempotency record keeps instead of the body's hash: the same for every choice."""
    return hashlib.sha256(f"vote:{meeting_id}:{poll_id}".encode()).hexdigest()


def _may_vote(session: Session, principal: Principal, poll: models.MeetingPoll) -> bool:
    if poll.eligible_count is None:
        return True  # opened before revision 0008: every role holding poll.vote, as then
    return bool(
        session.execute(
            select(
                exists().where(models.PollEligible.poll_id == poll.id, models.PollEligible.user_id == principal.user_id)
            )
        ).scalar()
    )


def _has_voted(session: Session, poll_id: int, user_id: int) -> bool:
    return bool(
        session.execute(
            select(exists().where(models.PollVoter.poll_id == poll_id, models.PollVoter.user_id == user_id))
        ).scalar()
    )


@router.post(
    "/{meeting_id}/polls/{poll_id}/vote", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def vote(
    request: Request, meeting_id: int, poll_id: int, body: PollVote, principal: Voter, key: Key = None
) -> Response:
    def apply(session: Session) -> dict[str, Any]:
        meeting = _meeting_for(session, principal, meeting_id)
        poll = _poll_of(session, meeting_id, poll_id)
        if poll.status == "draft":
            raise ApiError(
                409, "poll_not_open", f"Poll {poll.id} is not open yet", extra={"current": show(request, meeting)}
            )
        if poll.status != "open":
            raise _closed(request, meeting, poll)
        if body.option >= len(poll.options):
            raise field_error("body.option", f"poll {poll.id} has options 0..{len(poll.options) - 1}")
        if not _may_vote(session, principal, poll):
            raise ApiError(
                403,
                "not_eligible",
                f"Only the members present when poll {poll.id} opened may vote in it",
            )
        if _has_voted(session, poll.id, principal.user_id):
            raise _already_voted(request, meeting, poll)
        # Writes are serialised (Database.write), so the check above cannot race; the primary key
        # of poll_voters would refuse a second row regardless.
        session.execute(insert(models.table_of(models.PollVoter)).values(poll_id=poll.id, user_id=principal.user_id))
        if poll.kind == "named":
            session.add(
                models.PollVote(
                    meeting_id=meeting.id,
                    poll_id=poll.id,
                    user_id=principal.user_id,
                    option=body.option,
                    voted_at=utcnow(),
                )
            )
        tallies = list(poll.tallies)
        tallies[body.option] += 1
        poll.tallies = tallies  # a new list: the JSON column sees the change
        refresh_summary(session, meeting)
        record_change(session, meeting)
        # The answer is the meeting, whose poll summary shows how many have voted, never the tallies
        # of an open poll: stored under the Idempotency-Key, it keeps no trace of the choice.
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply, body_hash=_vote_body_hash(meeting_id, poll_id))


def _already_voted(request: Request, meeting: models.Meeting, poll: models.MeetingPoll) -> ApiError:
    return ApiError(
        409,
        "already_voted",
        f"You have already voted in poll {poll.id}; each member votes once",
        extra={"current": show(request, meeting)},
    )


@router.get("/{meeting_id}/polls/{poll_id}", response_model=None, responses=documented(M.PollDetail, 401, 403, 404))
def get_poll(request: Request, meeting_id: int, poll_id: int, principal: Member) -> dict[str, Any]:
    """A poll with what the caller may see of it: their own part, the tally, the named ballots."""
    with get_ctx(request).db.read() as session:
        _meeting_for(session, principal, meeting_id)
        poll = _poll_of(session, meeting_id, poll_id)
        return poll_detail(session, principal, poll)


def poll_detail(session: Session, principal: Principal, poll: models.MeetingPoll) -> dict[str, Any]:
    manager = manages_polls(session, principal, poll.meeting_id)
    cast = votes_cast(session, [poll.id]).get(poll.id, 0)
    out = poll_summary(poll, cast)
    # The live tally: the managers of a named poll from its opening, of a secret poll only once
    # it is closed (a running secret tally watched as members vote would tell who chose what).
    if manager and (poll.status == "closed" or (poll.status == "open" and poll.kind == "named")):
        out["votes"] = list(poll.tallies)
    out["opened_at"] = iso(poll.opened_at)
    out["closed_at"] = iso(poll.closed_at)
    out["published_at"] = iso(poll.published_at)
    out["may_vote"] = poll.status == "open" and _may_vote(session, principal, poll)
    out["has_voted"] = _has_voted(session, poll.id, principal.user_id)
    out["manages"] = manager
    out["ballots"] = None
    if poll.kind == "named" and poll.status == "published":
        rows = session.execute(
            select(models.PollVote.option, models.User.id, models.User.username, models.User.full_name)
            .join(models.User, models.User.id == models.PollVote.user_id)
            .where(models.PollVote.poll_id == poll.id)
            .order_by(models.User.full_name, models.User.id)
        ).all()
        out["ballots"] = [
            {"user_id": uid, "username": username, "full_name": full_name, "option": option}
            for option, uid, username, full_name in rows
        ]
    return out
