"""The summaries of its documents and polls a meeting carries in the API, rebuilt from their tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.db.meeting_members import attendance_summary, member_rows
from ioc_backend.db.payloads import document_summary, poll_summary
from ioc_backend.timeutil import iso


def votes_cast(session: Session, poll_ids: list[int]) -> dict[int, int]:
    """How many have voted in each poll (from ``poll_voters``, which both kinds fill)."""
    if not poll_ids:
        return {}
    rows = session.execute(
        select(models.PollVoter.poll_id, func.count())
        .where(models.PollVoter.poll_id.in_(poll_ids))
        .group_by(models.PollVoter.poll_id)
    ).all()
    return {int(poll_id): int(count) for poll_id, count in rows}


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
    cast = votes_cast(session, [poll.id for poll in polls])
    meeting.polls = [poll_summary(poll, cast.get(poll.id, 0)) for poll in polls]
    members = member_rows(session, meeting.id)
    meeting.members = [
        {"user_id": user.id, "username": user.username, "full_name": user.full_name, "role": member.role}
        for member, user in members
    ]
    meeting.attendance = attendance_summary(session, meeting, len(members))
    items = agenda_items(session, meeting.id)
    if items or not meeting.agenda:
        meeting.agenda = agenda_summary(session, items)


def agenda_items(session: Session, meeting_id: int) -> list[models.MeetingAgendaItem]:
    return list(
        session.execute(
            select(models.MeetingAgendaItem)
            .where(models.MeetingAgendaItem.meeting_id == meeting_id)
            .order_by(models.MeetingAgendaItem.position, models.MeetingAgendaItem.id)
        )
        .scalars()
        .all()
    )


def speaker_summary(speaker: models.MeetingSpeaker) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "item_id": speaker.item_id,
        "user_id": speaker.user_id,
        "position": speaker.position,
        "state": speaker.state,
        "requested_at": iso(speaker.requested_at),
        "started_at": iso(speaker.started_at),
        "stopped_at": iso(speaker.stopped_at),
    }


def speakers_of(session: Session, item_id: int) -> list[models.MeetingSpeaker]:
    return list(
        session.execute(
            select(models.MeetingSpeaker)
            .where(models.MeetingSpeaker.item_id == item_id)
            .order_by(models.MeetingSpeaker.position, models.MeetingSpeaker.id)
        )
        .scalars()
        .all()
    )


def conclusion_summaries(session: Session, item_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(models.MeetingConclusion)
        .where(models.MeetingConclusion.item_id == item_id)
        .order_by(models.MeetingConclusion.id)
    ).scalars()
    out = []
    for c in rows:
        task_ids = session.execute(
            select(models.Task.id).where(models.Task.conclusion_id == c.id).order_by(models.Task.id)
        ).scalars()
        out.append(
            {
                "id": c.id,
                "item_id": c.item_id,
                "text": c.text,
                "created_by": c.created_by,
                "created_at": iso(c.created_at),
                "task_ids": list(task_ids),
            }
        )
    return out


def agenda_summary(session: Session, items: list[models.MeetingAgendaItem]) -> list[dict[str, Any]]:
    """The meeting's ``agenda`` as the API shows it: the pre-0007 ``title`` and ``presenter`` keys
    first (old clients read only those), then the item's id, presenter user, time budget, documents,
    state, speakers and conclusions."""
    return [
        {
            "title": item.title,
            "presenter": item.presenter or "",
            "id": item.id,
            "position": item.position,
            "presenter_id": item.presenter_id,
            "minutes": item.minutes,
            "documents": list(item.documents or []),
            "state": item.state,
            "speakers": [speaker_summary(s) for s in speakers_of(session, item.id)],
            "conclusions": conclusion_summaries(session, item.id),
        }
        for item in items
    ]


def replace_agenda(session: Session, meeting: models.Meeting, entries: list[dict[str, Any]]) -> None:
    """Make the agenda items match ``entries`` (the meeting payload's ``agenda`` as created or
    PATCHed by a client): item i keeps its id, state, speakers and conclusions and takes the new
    title and presenter; items past the end are removed; new ones are added pending."""
    items = agenda_items(session, meeting.id)
    for position, entry in enumerate(entries):
        if position < len(items):
            item = items[position]
        else:
            item = models.MeetingAgendaItem(meeting_id=meeting.id, state="pending", documents=[])
            session.add(item)
        item.position = position
        item.title = entry["title"]
        item.presenter = entry.get("presenter") or ""
        for name in ("presenter_id", "minutes", "documents"):
            if entry.get(name) is not None:
                setattr(item, name, entry[name])
    for item in items[len(entries) :]:
        session.delete(item)
    session.flush()
