"""The alert queues of the triage workspace: which queue an alert belongs to, and the order they are worked.

Qt-free, so the console's queue model and the tests read the same rules. An alert is the plain
mapping the API sends (``backend_client`` / ``ioc_backend.db.payloads.alert_dict``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from ioc_domain.alert_sla import breach_of
from ioc_domain.alerts import FALSE_ALARM_CLOSE_REASON, OPEN_ALERT_STATES
from ioc_domain.analytics import CATEGORIES, category_of

OPEN = "open"
MINE = "mine"
NEW = "new"
BREACHED = "breached"
FALSE_ALARM_REVIEW = "false_alarm_review"
GROUP_PREFIX = "group:"

GROUP_QUEUES: tuple[str, ...] = tuple(GROUP_PREFIX + category for category in CATEGORIES)
QUEUES: tuple[str, ...] = (OPEN, *GROUP_QUEUES, MINE, NEW, BREACHED, FALSE_ALARM_REVIEW)
# Who sees a queue beyond ops.read: the escalation queue is the supervisors' (ioc_domain.roles).
QUEUE_PERMISSION: dict[str, str] = {BREACHED: "alert.supervise"}

# A closed false alarm stays in the review queue this long after it was closed: long enough for
# the next shift's supervisor to look at what the detectors got wrong.
FALSE_ALARM_REVIEW_WINDOW = timedelta(hours=24)

SEVERITY_RANK: dict[str, int] = {"critical": 0, "warning": 1, "info": 2}
_UNKNOWN_RANK = 3


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time from the API as an aware datetime (naive ones are UTC); None if absent or bad."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_open(alert: Mapping[str, Any]) -> bool:
    return alert.get("state") in OPEN_ALERT_STATES


def is_false_alarm(alert: Mapping[str, Any]) -> bool:
    """Closed as a false alarm: by verification, or by the close reason that verdict sets."""
    verification = alert.get("verification")
    verdict = verification.get("verdict") if isinstance(verification, Mapping) else None
    return alert.get("state") == "closed" and (
        alert.get("close_reason") == FALSE_ALARM_CLOSE_REASON or verdict == "false_alarm"
    )


def is_breached(alert: Mapping[str, Any], now: datetime | None = None) -> bool:
    """An open alert past its SLA: flagged by the server's SLA watch, or (with ``now``) past a due time
    already, so the escalation queue does not wait for the server's next check."""
    if not is_open(alert):
        return False
    if alert.get("sla_breached"):
        return True
    if now is None:
        return False
    state = str(alert.get("state"))
    return breach_of(state, parse_time(alert.get("ack_due_at")), parse_time(alert.get("close_due_at")), now) is not None


def queue_members(
    alert: Mapping[str, Any], queue: str, username: str | None = None, now: datetime | None = None
) -> bool:
    """True when ``alert`` belongs in ``queue`` for the user ``username`` (see :data:`QUEUES`).

    ``now`` makes the time-bound rules exact (the false-alarm review window, an SLA just passed);
    without it the review queue keeps every false alarm and only the server's breach flag counts.
    """
    if queue == OPEN:
        return is_open(alert)
    if queue.startswith(GROUP_PREFIX):
        return is_open(alert) and category_of(str(alert.get("analytic") or "")) == queue[len(GROUP_PREFIX) :]
    if queue == MINE:
        return is_open(alert) and bool(username) and alert.get("owner") == username
    if queue == NEW:
        return alert.get("state") == "new"
    if queue == BREACHED:
        return is_breached(alert, now)
    if queue == FALSE_ALARM_REVIEW:
        if not is_false_alarm(alert):
            return False
        closed_at = parse_time(alert.get("closed_at"))
        return now is None or closed_at is None or now - closed_at <= FALSE_ALARM_REVIEW_WINDOW
    raise ValueError(f"unknown queue {queue!r}; expected one of {', '.join(QUEUES)}")


def queues_of(alert: Mapping[str, Any], username: str | None = None, now: datetime | None = None) -> frozenset[str]:
    """Every queue ``alert`` belongs in."""
    return frozenset(queue for queue in QUEUES if queue_members(alert, queue, username, now))


def queue_mask(alert: Mapping[str, Any], username: str | None = None, now: datetime | None = None) -> int:
    """:func:`queues_of` as a bit mask (bit i: ``QUEUES[i]``), for models holding 100,000 alerts.

    The same rules as :func:`queue_members`, evaluated once per alert instead of once per queue
    (the console computes it for every alert it receives, on the GUI thread).
    """
    state = alert.get("state")
    if state in OPEN_ALERT_STATES:
        mask = _BITS[OPEN]
        group = _GROUP_BITS.get(category_of(str(alert.get("analytic") or "")) or "")
        if group:
            mask |= group
        if username and alert.get("owner") == username:
            mask |= _BITS[MINE]
        if state == "new":
            mask |= _BITS[NEW]
        if is_breached(alert, now):
            mask |= _BITS[BREACHED]
        return mask
    if state == "closed" and queue_members(alert, FALSE_ALARM_REVIEW, username, now):
        return _BITS[FALSE_ALARM_REVIEW]
    return 0


def queue_bit(queue: str) -> int:
    return _BITS[queue]


_BITS: dict[str, int] = {queue: 1 << bit for bit, queue in enumerate(QUEUES)}
_GROUP_BITS: dict[str, int] = {queue[len(GROUP_PREFIX) :]: _BITS[queue] for queue in GROUP_QUEUES}


def sort_key(alert: Mapping[str, Any]) -> tuple[int, float, int]:
    """Worked in this order: severity (critical first), then age (the oldest first detection first).

    The id breaks ties so the order is total and stable across consoles.
    """
    rank = SEVERITY_RANK.get(str(alert.get("severity")), _UNKNOWN_RANK)
    first = parse_time(alert.get("first_detected_at")) or parse_time(alert.get("detected_at"))
    try:
        ident = int(alert.get("id") or 0)
    except (TypeError, ValueError):
        ident = 0
    return rank, first.timestamp() if first is not None else float("inf"), ident


def sla_due(alert: Mapping[str, Any]) -> tuple[str, datetime] | None:
    """The SLA that runs now: ("ack", due) while new, ("close", due) while being handled; None when closed
    or the alert has no SLA (rows from before SLAs)."""
    state = alert.get("state")
    if state == "new":
        due = parse_time(alert.get("ack_due_at"))
        return ("ack", due) if due is not None else None
    if state in OPEN_ALERT_STATES:
        due = parse_time(alert.get("close_due_at"))
        return ("close", due) if due is not None else None
    return None


def sla_seconds_left(alert: Mapping[str, Any], now: datetime) -> float | None:
    """Seconds until the running SLA is due (negative: overdue by that much); None when none runs."""
    due = sla_due(alert)
    return None if due is None else (due[1] - now).total_seconds()
