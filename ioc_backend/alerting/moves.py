"""The one place an operator's move is applied to a stored alert.

The single-alert routes and the bulk endpoint both call these, so every move sets the same
fields (state, owner, close reason, acknowledged_at, closed_at), writes one history entry and
one change event. Version checks stay with the callers: a single request answers 409
``conflict``, a bulk request reports the item as failed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ioc_backend.alerting import history
from ioc_backend.alerting.history import Actor
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.timeutil import iso
from ioc_domain.alert_history import DISPATCH, NOTE, TRANSITION, VERIFY
from ioc_domain.alerts import (
    FALSE_ALARM_CLOSE_REASON,
    dispatch_outcome,
    may_transition,
    moves_from,
    verify_outcome,
)

INVALID_TRANSITION = "invalid_transition"


class MoveRefused(Exception):
    """The workflow does not allow this move on the alert in its current state."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _enter_state(alert: models.Alert, state: str, at: datetime) -> None:
    # acknowledged_at is the first time a person took the alert out of "new", whichever move
    # did it (acknowledge, confirm, dispatch, even closing it): the funnel's time to respond
    # and the end of the acknowledge SLA (ioc_domain.alert_sla.breach_of looks only at "new").
    if alert.state == "new" and state != "new" and alert.acknowledged_at is None:
        alert.acknowledged_at = at
    if state == "closed" and alert.state != "closed":
        alert.closed_at = at
    alert.state = state


def _append_note(alert: models.Alert, author: str, text: str | None, at: datetime) -> None:
    if text:
        alert.notes = [*alert.notes, {"author": author, "text": text, "at": iso(at)}]


def _detail(bulk: bool, **fields: Any) -> dict[str, Any]:
    detail = {k: v for k, v in fields.items() if v is not None}
    if bulk:
        detail["bulk"] = True
    return detail


def apply_transition(
    session: Session,
    alert: models.Alert,
    to: str,
    reason: str | None,
    note: str | None,
    principal: Actor,
    at: datetime,
    *,
    bulk: bool = False,
) -> None:
    """Move ``alert`` to ``to`` (acknowledged / in_progress / closed, with ``reason`` when closed)."""
    if not may_transition(alert.state, to):
        raise MoveRefused(INVALID_TRANSITION, f"Alert {alert.id} cannot move from {alert.state} to {to}")
    if to == "closed" and reason is None:
        raise MoveRefused(INVALID_TRANSITION, f"Alert {alert.id}: closing needs a close reason")
    before = alert.state
    if to == "acknowledged":
        alert.owner = principal.username
    if to == "closed":
        alert.close_reason = reason
    _enter_state(alert, to, at)
    _append_note(alert, principal.username, note, at)
    detail = _detail(bulk, **{"from": before, "to": to, "reason": reason if to == "closed" else None, "note": note})
    history.record(session, alert.id, TRANSITION, detail, principal, at)
    record_change(session, alert)


def _check_open(alert: models.Alert, action: str) -> None:
    if action not in moves_from(alert.state):
        raise MoveRefused(INVALID_TRANSITION, f"Alert {alert.id} is {alert.state}: it cannot be {action}ed")


def apply_verify(
    session: Session,
    alert: models.Alert,
    verdict: str,
    note: str | None,
    principal: Actor,
    at: datetime,
    *,
    bulk: bool = False,
) -> None:
    """Record a verdict (confirmed / false_alarm) on an open alert and move it accordingly."""
    _check_open(alert, "verify")
    before = alert.state
    alert.verification = {"verdict": verdict, "by": principal.username, "at": iso(at)}
    state = verify_outcome(alert.state, verdict)
    if state == "acknowledged" and alert.state != state:
        # Confirming on camera is the acknowledgement: the verifier takes the alert.
        alert.owner = principal.username
    if state == "closed":
        alert.close_reason = FALSE_ALARM_CLOSE_REASON
    _enter_state(alert, state, at)
    _append_note(alert, principal.username, note, at)
    detail = _detail(bulk, verdict=verdict, **{"from": before, "to": state, "note": note})
    history.record(session, alert.id, VERIFY, detail, principal, at)
    record_change(session, alert)


def apply_dispatch(
    session: Session,
    alert: models.Alert,
    unit: str,
    note: str | None,
    principal: Actor,
    at: datetime,
    *,
    bulk: bool = False,
) -> None:
    """Send ``unit`` to an open alert; the work is then under way (in_progress)."""
    _check_open(alert, "dispatch")
    before = alert.state
    alert.dispatch = {"unit": unit, "by": principal.username, "at": iso(at)}
    if alert.owner is None:
        alert.owner = principal.username
    _enter_state(alert, dispatch_outcome(alert.state), at)
    _append_note(alert, principal.username, note, at)
    detail = _detail(bulk, unit=unit, **{"from": before, "to": alert.state, "note": note})
    history.record(session, alert.id, DISPATCH, detail, principal, at)
    record_change(session, alert)


def add_note(session: Session, alert: models.Alert, text: str, principal: Actor, at: datetime) -> None:
    """Append a note (any state, closed included: the record may need a correction)."""
    _append_note(alert, principal.username, text, at)
    history.record(session, alert.id, NOTE, {"text": text}, principal, at)
    record_change(session, alert)
