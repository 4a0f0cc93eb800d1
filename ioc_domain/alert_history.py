"""The vocabulary of an alert's history (GET /alerts/{id}/history): what can happen to an alert.

Shared by the backend that writes the entries and the console that shows them.
"""

from __future__ import annotations

from typing import Final

DETECTED: Final = "detected"  # the AI engine opened the alert
BUNDLED: Final = "bundled"  # a repeated detection joined the open alert
TRANSITION: Final = "transition"  # acknowledge / start / close
VERIFY: Final = "verify"  # confirmed or false alarm, after looking at the camera
DISPATCH: Final = "dispatch"  # a unit sent
NOTE: Final = "note"
BULK: Final = "bulk"  # reserved for a summary of a bulk request; bulk moves are their own actions with detail["bulk"]
SLA_BREACH: Final = "sla_breach"  # the SLA watch found a due time passed unmet
WARNING: Final = "warning"  # a public warning was published from the alert

HISTORY_ACTIONS: tuple[str, ...] = (DETECTED, BUNDLED, TRANSITION, VERIFY, DISPATCH, NOTE, BULK, SLA_BREACH, WARNING)

# Actions the system takes on its own (no user): the AI engine and the SLA watch.
SYSTEM_ACTIONS: frozenset[str] = frozenset({DETECTED, BUNDLED, SLA_BREACH})


def is_history_action(action: str) -> bool:
    return action in HISTORY_ACTIONS
