"""One move over many alerts (POST /alerts/bulk): acknowledge, false alarm, close, dispatch.

Each alert is checked on its own — it must exist, be at the version the client saw and allow
the move — and the ones that pass are moved through ``moves`` exactly as a single request
would move them (history entry marked ``bulk``, one change event each). The others are
reported, not fatal: a triage of 200 alerts should not fail because a colleague closed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ioc_backend.alerting import moves
from ioc_backend.alerting.history import Actor
from ioc_backend.alerting.moves import MoveRefused
from ioc_backend.db import models

BULK_ACTIONS: tuple[str, ...] = ("acknowledge", "false_alarm", "close", "dispatch")
MAX_BULK_ITEMS = 500
CONFLICT = "conflict"
NOT_FOUND = "not_found"


@dataclass(frozen=True)
class BulkItem:
    """An alert as the client saw it: its id and the version its decision was based on."""

    id: int
    version: int


@dataclass(frozen=True)
class BulkFailure:
    id: int
    code: str  # conflict | invalid_transition | not_found
    message: str
    alert: models.Alert | None  # as it is now, so the client can show what changed


@dataclass
class BulkOutcome:
    succeeded: list[models.Alert] = field(default_factory=list)
    failed: list[BulkFailure] = field(default_factory=list)


def request_problem(
    action: str, items: Sequence[BulkItem], reason: str | None, unit: str | None
) -> tuple[str, str] | None:
    """What is wrong with a bulk request as a whole, as (field, message), or None.

    These refuse the whole request (422) before any alert is looked at, unlike the per-alert
    failures: they are the client's mistake, not a race with a colleague.
    """
    if action not in BULK_ACTIONS:
        return "action", f"must be one of {', '.join(BULK_ACTIONS)}"
    if not 1 <= len(items) <= MAX_BULK_ITEMS:
        return "items", f"must list 1 to {MAX_BULK_ITEMS} alerts"
    seen: set[int] = set()
    for item in items:
        if item.id in seen:
            return "items", f"alert {item.id} is listed more than once"
        seen.add(item.id)
    if action == "close" and reason is None:
        return "reason", "a close reason is required to close alerts"
    if action != "close" and reason is not None:
        return "reason", "a reason is only allowed with action close"
    if action == "dispatch" and unit is None:
        return "unit", "the unit to dispatch is required"
    if action != "dispatch" and unit is not None:
        return "unit", "a unit is only allowed with action dispatch"
    return None


def _move(
    session: Session,
    alert: models.Alert,
    action: str,
    reason: str | None,
    unit: str | None,
    note: str | None,
    principal: Actor,
    at: datetime,
) -> None:
    if action == "acknowledge":
        moves.apply_transition(session, alert, "acknowledged", None, note, principal, at, bulk=True)
    elif action == "close":
        moves.apply_transition(session, alert, "closed", reason, note, principal, at, bulk=True)
    elif action == "false_alarm":
        moves.apply_verify(session, alert, "false_alarm", note, principal, at, bulk=True)
    elif action == "dispatch":
        assert unit is not None  # request_problem refused it
        moves.apply_dispatch(session, alert, unit, note, principal, at, bulk=True)
    else:
        raise ValueError(f"unknown bulk action {action!r}")


def apply_bulk(
    session: Session,
    action: str,
    items: Sequence[BulkItem],
    *,
    reason: str | None,
    unit: str | None,
    note: str | None,
    principal: Actor,
    at: datetime,
) -> BulkOutcome:
    """Apply ``action`` to every item that still allows it, inside the caller's transaction.

    Successes and failures keep the order of ``items``. Raises ValueError for a request that
    ``request_problem`` refuses.
    """
    problem = request_problem(action, items, reason, unit)
    if problem is not None:
        raise ValueError(f"{problem[0]}: {problem[1]}")
    # One query for all of them: up to 500 lookups one by one would dominate the request.
    rows = session.execute(select(models.Alert).where(models.Alert.id.in_([i.id for i in items]))).scalars()
    alerts = {alert.id: alert for alert in rows}
    outcome = BulkOutcome()
    for item in items:
        alert = alerts.get(item.id)
        if alert is None:
            outcome.failed.append(BulkFailure(item.id, NOT_FOUND, f"Alert {item.id} does not exist", None))
            continue
        if alert.version != item.version:
            message = f"Alert {item.id} was changed by someone else (version {alert.version}, you sent {item.version})"
            outcome.failed.append(BulkFailure(item.id, CONFLICT, message, alert))
            continue
        try:
            _move(session, alert, action, reason, unit, note, principal, at)
        except MoveRefused as refused:
            # moves checks before it changes anything, so a refused alert is left as it was.
            outcome.failed.append(BulkFailure(item.id, refused.code, refused.message, alert))
            continue
        outcome.succeeded.append(alert)
    return outcome
