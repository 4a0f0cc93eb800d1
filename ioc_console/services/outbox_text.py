"""Words for outbox entries in the UI language: what the action does and which state it is in."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from backend_client.api.actions import (
    BULK_KIND,
    WARNING_CREATE_KIND,
    WARNING_PUBLISH_KIND,
    WARNING_UPDATE_KIND,
    bulk_result_of,
)
from backend_client.api.errors import BadResponse
from backend_client.api.models import BulkFailure
from ioc_console.services import event_text
from ioc_console.services.event_text import fill
from ioc_domain.alerts import DISPATCH_TARGET, MOVE_TARGETS, verify_outcome

log = logging.getLogger(__name__)

CONTEXT = "OutboxText"

ENTRY_STATES = {
    "pending": QT_TRANSLATE_NOOP("OutboxText", "Waiting to send"),
    "sending": QT_TRANSLATE_NOOP("OutboxText", "Sending"),
    "applied": QT_TRANSLATE_NOOP("OutboxText", "Applied"),
    "conflict": QT_TRANSLATE_NOOP("OutboxText", "Conflict"),
    "failed": QT_TRANSLATE_NOOP("OutboxText", "Refused"),
    "cancelled": QT_TRANSLATE_NOOP("OutboxText", "Withdrawn"),
}

CLOSE_REASONS = {
    "resolved": QT_TRANSLATE_NOOP("OutboxText", "Resolved"),
    "false_positive": QT_TRANSLATE_NOOP("OutboxText", "False alarm"),
    "duplicate": QT_TRANSLATE_NOOP("OutboxText", "Duplicate"),
    "no_action_needed": QT_TRANSLATE_NOOP("OutboxText", "No action needed"),
}

# The states an operator's transition asks for, from the workflow (ioc_domain.alerts).
_ALERT_TARGETS = tuple(target for target in MOVE_TARGETS.values() if target is not None)

VERDICTS = {
    "confirmed": QT_TRANSLATE_NOOP("OutboxText", "Confirmed — real incident"),
    "false_alarm": QT_TRANSLATE_NOOP("OutboxText", "False alarm"),
}

_TEMPLATES = {
    "acknowledged": QT_TRANSLATE_NOOP("OutboxText", "Acknowledge alert #%1"),
    "in_progress": QT_TRANSLATE_NOOP("OutboxText", "Start handling alert #%1"),
    "closed": QT_TRANSLATE_NOOP("OutboxText", "Close alert #%1 (%2)"),
    "note": QT_TRANSLATE_NOOP("OutboxText", "Add a note to alert #%1"),
    "verify": QT_TRANSLATE_NOOP("OutboxText", "Verify alert #%1: %2"),
    "dispatch": QT_TRANSLATE_NOOP("OutboxText", "Dispatch alert #%1 to %2"),
    "other": QT_TRANSLATE_NOOP("OutboxText", "%1 %2"),
}

# Actions told apart by their outbox kind (see backend_client.api.actions).
_KIND_TEMPLATES = {
    "view.create": QT_TRANSLATE_NOOP("OutboxText", "Save filter view “%1”"),
    "view.update": QT_TRANSLATE_NOOP("OutboxText", "Change saved filter view #%1"),
    "view.delete": QT_TRANSLATE_NOOP("OutboxText", "Delete saved filter view #%1"),
    "meeting.vote": QT_TRANSLATE_NOOP("OutboxText", "Vote in a poll of meeting #%1"),
    "report.status": QT_TRANSLATE_NOOP("OutboxText", "Change the status of report #%1"),
    "task.update": QT_TRANSLATE_NOOP("OutboxText", "Update task #%1"),
    # The meeting procedure (backend_client.api.meeting_actions); %1 is the meeting's id.
    "meeting.check_in": QT_TRANSLATE_NOOP("OutboxText", "Check in to meeting #%1"),
    "meeting.check_out": QT_TRANSLATE_NOOP("OutboxText", "Check out of meeting #%1"),
    "meeting.agenda_next": QT_TRANSLATE_NOOP("OutboxText", "Move meeting #%1 to the next agenda item"),
    "meeting.agenda_previous": QT_TRANSLATE_NOOP("OutboxText", "Move meeting #%1 back to the previous agenda item"),
    "meeting.agenda_current": QT_TRANSLATE_NOOP("OutboxText", "Take up another agenda item in meeting #%1"),
    "meeting.speak": QT_TRANSLATE_NOOP("OutboxText", "Ask to speak in meeting #%1"),
    "meeting.speaker_withdraw": QT_TRANSLATE_NOOP("OutboxText", "Withdraw a request to speak in meeting #%1"),
    "meeting.speakers_order": QT_TRANSLATE_NOOP("OutboxText", "Reorder the speakers in meeting #%1"),
    "meeting.speaker_start": QT_TRANSLATE_NOOP("OutboxText", "Give the floor to a speaker in meeting #%1"),
    "meeting.speaker_stop": QT_TRANSLATE_NOOP("OutboxText", "End a speaking turn in meeting #%1"),
    "meeting.conclusion": QT_TRANSLATE_NOOP("OutboxText", "Record a conclusion in meeting #%1"),
    "meeting.poll_create": QT_TRANSLATE_NOOP("OutboxText", "Create the poll “%2” in meeting #%1"),
    "meeting.poll_open": QT_TRANSLATE_NOOP("OutboxText", "Open a poll for voting in meeting #%1"),
    "meeting.poll_close": QT_TRANSLATE_NOOP("OutboxText", "Close a poll of meeting #%1"),
    "meeting.poll_publish": QT_TRANSLATE_NOOP("OutboxText", "Publish the result of a poll of meeting #%1"),
}
# A conclusion that also creates a task says so (the task is a record of its own).
_CONCLUSION_WITH_TASK = QT_TRANSLATE_NOOP("OutboxText", "Record a conclusion in meeting #%1 and assign the task “%2”")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def state_label(state: str) -> str:
    return tr(ENTRY_STATES[state]) if state in ENTRY_STATES else state


def close_reason_label(reason: Any) -> str:
    return tr(CLOSE_REASONS[reason]) if reason in CLOSE_REASONS else str(reason or "")


def verdict_label(verdict: Any) -> str:
    return tr(VERDICTS[verdict]) if verdict in VERDICTS else str(verdict or "")


def _field(entry: Any, name: str) -> Any:
    return entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)


def intent(entry: Any) -> str:
    """ "acknowledged" | "in_progress" | "closed" | "note" | "verify" | "dispatch" | "other":
    what the action asks for."""
    path = str(_field(entry, "path") or "")
    body = _field(entry, "body") or {}
    kind = _field(entry, "kind")
    if path.endswith("/notes"):
        return "note"
    if kind == "alert.verify" or (path.startswith("/alerts/") and path.endswith("/verify")):
        return "verify"
    if kind == "alert.dispatch" or (path.startswith("/alerts/") and path.endswith("/dispatch")):
        return "dispatch"
    if path.endswith("/transition") and isinstance(body, Mapping) and body.get("to") in _ALERT_TARGETS:
        return str(body["to"])
    return "other"


def describe(entry: Any) -> str:
    """One line for the pending-actions list, e.g. "Đóng cảnh báo #17 (Báo nhầm)"."""
    kind = intent(entry)
    resource_id = str(_field(entry, "resource_id") or "")
    body = _field(entry, "body") or {}
    action_kind = _field(entry, "kind")
    if action_kind == BULK_KIND:
        return describe_bulk(body)
    if action_kind in (WARNING_CREATE_KIND, WARNING_UPDATE_KIND, WARNING_PUBLISH_KIND):
        return describe_warning(action_kind, resource_id, body)
    if kind == "other" and action_kind in _KIND_TEMPLATES:
        if action_kind == "view.create":
            name = body.get("name") if isinstance(body, Mapping) else None
            return fill(tr(_KIND_TEMPLATES[action_kind]), str(name or ""))
        if action_kind == "meeting.poll_create":
            question = " ".join(str(_body_value(body, "question") or "").split())
            return fill(tr(_KIND_TEMPLATES[action_kind]), resource_id, question)
        task = _body_value(body, "task")
        if action_kind == "meeting.conclusion" and isinstance(task, Mapping):
            title = " ".join(str(task.get("title") or "").split())
            return fill(tr(_CONCLUSION_WITH_TASK), resource_id, title)
        return fill(tr(_KIND_TEMPLATES[action_kind]), resource_id)
    if kind == "closed":
        return fill(tr(_TEMPLATES[kind]), resource_id, close_reason_label(body.get("reason")))
    if kind == "verify":
        return fill(tr(_TEMPLATES[kind]), resource_id, verdict_label(_body_value(body, "verdict")))
    if kind == "dispatch":
        return fill(tr(_TEMPLATES[kind]), resource_id, str(_body_value(body, "unit") or ""))
    if kind == "other":
        return fill(tr(_TEMPLATES[kind]), str(_field(entry, "method") or ""), str(_field(entry, "path") or ""))
    return fill(tr(_TEMPLATES[kind]), resource_id)


def describe_bulk(body: Any) -> str:
    """A bulk action in words: what it does and to how many alerts ("Close 12 alerts (Resolved)")."""
    items = _body_value(body, "items")
    count = len(items) if isinstance(items, list) else 0
    action = _body_value(body, "action")
    # Literal strings in each call, so that lupdate sees them as plural (numerus) messages.
    if action == "acknowledge":
        return QCoreApplication.translate(CONTEXT, "Acknowledge %n alert(s)", None, count)
    if action == "false_alarm":
        return QCoreApplication.translate(CONTEXT, "Mark %n alert(s) as false alarms", None, count)
    if action == "close":
        return fill(
            QCoreApplication.translate(CONTEXT, "Close %n alert(s) (%1)", None, count),
            close_reason_label(_body_value(body, "reason")),
        )
    if action == "dispatch":
        return fill(
            QCoreApplication.translate(CONTEXT, "Dispatch %n alert(s) to %1", None, count),
            str(_body_value(body, "unit") or ""),
        )
    return fill(QCoreApplication.translate(CONTEXT, "Act on %n alert(s): %1", None, count), str(action or ""))


def _ui_language() -> str:
    # The UI language sets the default locale (ioc_console.services.i18n).
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def describe_warning(action_kind: str, resource_id: str, body: Any) -> str:
    """A warning write in words: drafting (from which alert, or what it updates), changing, publishing."""
    if action_kind == WARNING_PUBLISH_KIND:
        return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "Publish public warning #%1")), resource_id)
    if action_kind == WARNING_UPDATE_KIND:
        return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "Change draft warning #%1")), resource_id)
    msg_type = _body_value(body, "msg_type")
    references = str(_body_value(body, "references_id") or "")
    if msg_type == "Update":
        return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "Draft an update of public warning #%1")), references)
    if msg_type == "Cancel":
        return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "Draft the cancellation of public warning #%1")), references)
    alert_id = _body_value(body, "alert_id")
    if alert_id is not None:
        return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "Draft a public warning from alert #%1")), str(alert_id))
    headline = event_text.warning_headline(body if isinstance(body, Mapping) else {}, _ui_language())
    return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "Draft public warning “%1”")), " ".join(headline.split()))


def bulk_outcome(entry: Any) -> str | None:
    """How an applied bulk action went ("10 of 12 alerts changed; 2 not changed"), None while it
    has no answer (or the answer cannot be read, which is logged)."""
    try:
        result = bulk_result_of(entry)
    except BadResponse as exc:
        log.warning("outbox entry #%s: unreadable bulk answer: %s", _field(entry, "id"), exc)
        return None
    if result is None:
        return None
    done, total = len(result.succeeded), len(result.succeeded) + len(result.failed)
    if not result.failed:
        return QCoreApplication.translate(CONTEXT, "All %n alert(s) changed", None, done)
    return fill(
        QCoreApplication.translate(CONTEXT, "%1 of %n alert(s) changed; %2 not changed", None, total),
        str(done),
        str(len(result.failed)),
    )


_FAILURES = {
    "conflict": QT_TRANSLATE_NOOP("OutboxText", "Alert #%1 was changed by someone else meanwhile; look at it again"),
    "invalid_transition": QT_TRANSLATE_NOOP("OutboxText", "Alert #%1 cannot make this move in its current state"),
    "not_found": QT_TRANSLATE_NOOP("OutboxText", "Alert #%1 no longer exists"),
}


def bulk_failure_text(failure: BulkFailure) -> str:
    """Why one alert of a bulk action was left unchanged, in words (the server's message for a
    reason this console does not know yet)."""
    if failure.code in _FAILURES:
        return fill(tr(_FAILURES[failure.code]), str(failure.id))
    return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "Alert #%1 not changed: %2")), str(failure.id), failure.message)


def _body_value(body: Any, key: str) -> Any:
    return body.get(key) if isinstance(body, Mapping) else None


def target_state(entry: Any) -> str | None:
    """The alert state the action leads to, when it does not depend on the state it meets
    (verifying as confirmed acknowledges only a new alert, so it has none)."""
    kind = intent(entry)
    if kind in _ALERT_TARGETS:
        return kind
    if kind == "dispatch":
        return DISPATCH_TARGET
    if kind == "verify":
        verdict = str(_body_value(_field(entry, "body"), "verdict"))
        # The outcome from a state the verdict does not depend on (confirming only moves a new alert).
        outcome = verify_outcome("acknowledged", verdict)
        return outcome if outcome != "acknowledged" else None
    return None


def target_label(entry: Any) -> str | None:
    """What the alert becomes once the action is applied (for the row's "waiting to send" mark)."""
    if _field(entry, "kind") == WARNING_PUBLISH_KIND:
        return event_text.status_label("warning", "published")
    kind = intent(entry)
    body = _field(entry, "body")
    if kind in _ALERT_TARGETS:
        return event_text.status_label("alert", kind)
    if kind == "note":
        return tr(QT_TRANSLATE_NOOP("OutboxText", "note added"))
    if kind == "verify":
        return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "verified: %1")), verdict_label(_body_value(body, "verdict")))
    if kind == "dispatch":
        return fill(tr(QT_TRANSLATE_NOOP("OutboxText", "dispatched to %1")), str(_body_value(body, "unit") or ""))
    return None
