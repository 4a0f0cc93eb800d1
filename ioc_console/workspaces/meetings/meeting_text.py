"""Wording of the meeting vocabularies (roles, agenda, speakers, polls) and of meeting times, in one place."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ioc_console.services.event_text import LOCAL_TZ, parse_time

_CTX = "MeetingText"

MEETING_ROLE_NAMES = {
    "chair": QT_TRANSLATE_NOOP("MeetingText", "Chair"),
    "secretary": QT_TRANSLATE_NOOP("MeetingText", "Secretary"),
    "presenter": QT_TRANSLATE_NOOP("MeetingText", "Presenter"),
    "member": QT_TRANSLATE_NOOP("MeetingText", "Member"),
    "guest": QT_TRANSLATE_NOOP("MeetingText", "Guest"),
}
MEETING_STATUS_NAMES = {
    "scheduled": QT_TRANSLATE_NOOP("MeetingText", "Scheduled"),
    "in_progress": QT_TRANSLATE_NOOP("MeetingText", "In progress"),
    "ended": QT_TRANSLATE_NOOP("MeetingText", "Ended"),
}
AGENDA_STATE_NAMES = {
    "pending": QT_TRANSLATE_NOOP("MeetingText", "Not started"),
    "current": QT_TRANSLATE_NOOP("MeetingText", "Under discussion"),
    "done": QT_TRANSLATE_NOOP("MeetingText", "Done"),
}
SPEAKER_STATE_NAMES = {
    "waiting": QT_TRANSLATE_NOOP("MeetingText", "Waiting"),
    "speaking": QT_TRANSLATE_NOOP("MeetingText", "Speaking"),
    "done": QT_TRANSLATE_NOOP("MeetingText", "Has spoken"),
    "withdrawn": QT_TRANSLATE_NOOP("MeetingText", "Withdrawn"),
}
POLL_KIND_NAMES = {
    "named": QT_TRANSLATE_NOOP("MeetingText", "Named vote"),
    "secret": QT_TRANSLATE_NOOP("MeetingText", "Secret ballot"),
}
POLL_STATUS_NAMES = {
    "draft": QT_TRANSLATE_NOOP("MeetingText", "Draft"),
    "open": QT_TRANSLATE_NOOP("MeetingText", "Voting open"),
    "closed": QT_TRANSLATE_NOOP("MeetingText", "Voting closed"),
    "published": QT_TRANSLATE_NOOP("MeetingText", "Result published"),
}
STATUS_COLOURS = {"scheduled": "#5b9bd5", "in_progress": "#4caf50", "ended": "#8a8f98"}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _label(names: Mapping[str, str], code: Any) -> str:
    code = "" if code is None else str(code)
    return tr(names[code]) if code in names else code


def meeting_role_label(role: Any) -> str:
    return _label(MEETING_ROLE_NAMES, role)


def meeting_status_label(status: Any) -> str:
    return _label(MEETING_STATUS_NAMES, status)


def agenda_state_label(state: Any) -> str:
    return _label(AGENDA_STATE_NAMES, state)


def speaker_state_label(state: Any) -> str:
    return _label(SPEAKER_STATE_NAMES, state)


def poll_kind_label(kind: Any) -> str:
    return _label(POLL_KIND_NAMES, kind)


def poll_status_label(status: Any) -> str:
    return _label(POLL_STATUS_NAMES, status)


def local(value: Any) -> datetime | None:
    """An API time in Huế time (None when missing or malformed)."""
    moment = parse_time(value)
    return moment.astimezone(LOCAL_TZ) if moment is not None else None


def clock(value: Any) -> str:
    """ "08:30" in Huế time; "—" when missing."""
    moment = local(value)
    return moment.strftime("%H:%M") if moment else "—"


def meeting_span(meeting: Mapping[str, Any]) -> str:
    """ "05/12/2026 08:30–10:00" (the end's date too when it is another day)."""
    start, end = local(meeting.get("starts_at")), local(meeting.get("ends_at"))
    if start is None:
        return "—"
    if end is None:
        return start.strftime("%d/%m/%Y %H:%M")
    end_text = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%d/%m/%Y %H:%M")
    return f"{start.strftime('%d/%m/%Y %H:%M')}–{end_text}"
