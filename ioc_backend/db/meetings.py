"""The summaries of its documents and polls a meeting carries in the API, rebuilt from their tables."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.db.payloads import document_summary, poll_summary


def recount(session: Session, poll: models.MeetingPoll) -> None:
    """Recompute a poll's tallies from the votes (each user counts once, with their latest choice)."""
    counts = dict(
        session.execute(
            select(models.PollVote.option, func.count())
            .where(models.PollVote.poll_id == poll.id)
            .group_by(models.PollVote.option)
        ).all()
    )
    poll.tallies = [int(counts.get(index, 0)) for index in range(len(poll.options))]


def refresh_summary(session: Session, meeting: models.Meeting) -> None:
    """Rebuild the meeting's ``documents`` and ``polls`` lists from their tables (before record_change)."""
    session.flush()
    docs = session.execute(
        select(
            models.MeetingDocument.id,
            models.MeetingDocument.filename,
            models.MeetingDocument.size,
            models.MeetingDocument.sha256,
            models.MeetingDocument.uploaded_at,
        )  # never the bytes
        .where(models.MeetingDocument.meeting_id == meeting.id)
        .order_by(models.MeetingDocument.id)
    ).all()
    polls = (
        session.execute(
            select(models.MeetingPoll)
            .where(models.MeetingPoll.meeting_id == meeting.id)
            .order_by(models.MeetingPoll.id)
        )
        .scalars()
        .all()
    )
    meeting.documents = [document_summary(doc) for doc in docs]
    meeting.polls = [poll_summary(poll) for poll in polls]
