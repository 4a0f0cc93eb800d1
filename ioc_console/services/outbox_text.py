"""Words for outbox entries in the UI language: what the action does and which state it is in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ioc_console.services import event_text
from ioc_console.services.event_text import fill
from ioc_domain.alerts import DISPATCH_TARGET, MOVE_TARGETS, verify_outcome

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
}


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
    if kind == "other" and action_kind in _KIND_TEMPLATES:
        if action_kind == "view.create":
            name = body.get("name") if isinstance(body, Mapping) else None
            return fill(tr(_KIND_TEMPLATES[action_kind]), str(name or ""))
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
