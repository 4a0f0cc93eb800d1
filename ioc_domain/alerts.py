"""The AI alert workflow: states, the moves an operator can make from each, close reasons, verdicts."""

from __future__ import annotations

from ioc_domain.roles import may

ALERT_STATES: tuple[str, ...] = ("new", "acknowledged", "in_progress", "closed")
OPEN_ALERT_STATES: tuple[str, ...] = ("new", "acknowledged", "in_progress")
CLOSE_REASONS: tuple[str, ...] = ("resolved", "false_positive", "duplicate", "no_action_needed")
VERDICTS: tuple[str, ...] = ("confirmed", "false_alarm")
# The close reason of an alert verified as a false alarm.
FALSE_ALARM_CLOSE_REASON = "false_positive"

# POST /alerts/{id}/transition: from-state -> the states it may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"acknowledged", "closed"}),
    "acknowledged": frozenset({"in_progress", "closed"}),
    "in_progress": frozenset({"closed"}),
    "closed": frozenset(),
}

# The operator's moves and the transition target each one asks for (None: its own endpoint).
MOVE_TARGETS: dict[str, str | None] = {
    "acknowledge": "acknowledged",
    "start": "in_progress",
    "close": "closed",
    "verify": None,  # POST /alerts/{id}/verify: any state but closed
    "dispatch": None,  # POST /alerts/{id}/dispatch: any state but closed; the alert moves to in_progress
    "note": None,  # POST /alerts/{id}/notes: any state, closed included
}
MOVES: tuple[str, ...] = tuple(MOVE_TARGETS)
# Where a dispatch leaves the alert, whatever open state it was in.
DISPATCH_TARGET = "in_progress"

# The permission every alert move needs (ioc_domain.roles.PERMISSIONS).
ALERT_WRITE_PERMISSION = "ops.write"


def may_transition(state: str, target: str) -> bool:
    return target in TRANSITIONS.get(state, frozenset())


def moves_from(state: str) -> frozenset[str]:
    """The moves the workflow allows on an alert in ``state`` (any role that may act)."""
    allowed = {move for move, target in MOVE_TARGETS.items() if target is not None and may_transition(state, target)}
    if state in OPEN_ALERT_STATES:
        allowed |= {"verify", "dispatch"}
    if state in ALERT_STATES:
        allowed.add("note")
    return frozenset(allowed)


def allowed_moves(state: str, role: str | None) -> frozenset[str]:
    """What a user with ``role`` may do to an alert in ``state``: the workflow and the role, together."""
    return moves_from(state) if may(role, ALERT_WRITE_PERMISSION) else frozenset()


def verify_outcome(state: str, verdict: str) -> str:
    """The state an alert in ``state`` moves to when verified with ``verdict``."""
    if verdict == "false_alarm":
        return "closed"  # closed with FALSE_ALARM_CLOSE_REASON
    if verdict == "confirmed" and state == "new":
        return "acknowledged"  # confirming on camera is the acknowledgement
    return state


def dispatch_outcome(state: str) -> str:
    """The state an open alert moves to when a unit is dispatched to it: the work is under way."""
    return "in_progress"
