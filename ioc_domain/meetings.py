"""Meeting procedure rules written once: meeting roles, what each may do, agenda and speaker states, quorum."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

CHAIR: Final = "chair"
SECRETARY: Final = "secretary"
PRESENTER: Final = "presenter"
MEMBER: Final = "member"
GUEST: Final = "guest"
MEETING_ROLES: tuple[str, ...] = (CHAIR, SECRETARY, PRESENTER, MEMBER, GUEST)

# Meeting acts -> the meeting roles that may perform them (the global permission is checked too:
# ioc_domain.roles "meeting.attend" / "meeting.conduct" / "meeting.write").
MEETING_ACTS: dict[str, frozenset[str]] = {
    # add, change and remove members (besides the global meeting managers)
    "members": frozenset({CHAIR}),
    # see who is present, with the times, and whether the quorum is reached
    "attendance": frozenset({CHAIR, SECRETARY}),
    # move the meeting from agenda item to agenda item
    "agenda": frozenset({CHAIR}),
    # order, start and stop speakers
    "speakers": frozenset({CHAIR}),
    # record conclusions (and the tasks they create)
    "conclusions": frozenset({CHAIR, SECRETARY}),
    # publish what the room sees (also the presenter of the current agenda item, whatever their role)
    "present": frozenset({CHAIR, PRESENTER}),
    # ask to speak (a guest listens)
    "speak": frozenset({CHAIR, SECRETARY, PRESENTER, MEMBER}),
}
# Meeting roles that conduct the meeting: only users holding "meeting.conduct" may be given them.
CONDUCTING_ROLES: frozenset[str] = frozenset({CHAIR, SECRETARY})

AGENDA_STATES: tuple[str, ...] = ("pending", "current", "done")
SPEAKER_STATES: tuple[str, ...] = ("waiting", "speaking", "done", "withdrawn")
PRESENTER_VIEW_KINDS: tuple[str, ...] = ("document", "map", "camera", "dashboard")


def meeting_may(meeting_role: str | None, act: str) -> bool:
    """True when a member with ``meeting_role`` may perform ``act``; non-members (None) never."""
    return meeting_role is not None and meeting_role in MEETING_ACTS.get(act, frozenset())


def quorum_needed(quorum: Mapping[str, Any] | None, members: int) -> int:
    """How many members must be present: ``{"min_present": n}``, ``{"share": s}`` of the members
    (rounded up), or 0 without a quorum setting."""
    if not quorum:
        return 0
    if "min_present" in quorum:
        return int(quorum["min_present"])
    return math.ceil(float(quorum["share"]) * members - 1e-9)


def quorum_reached(quorum: Mapping[str, Any] | None, members: int, present: int) -> bool:
    return present >= quorum_needed(quorum, members)
