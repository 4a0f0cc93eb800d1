"""Roles and the one permission table: the backend checks it on every endpoint, the console hides
what a role may not do from the same table."""

from __future__ import annotations

from typing import Final

OPERATOR: Final = "operator"
SUPERVISOR: Final = "supervisor"
LEADER: Final = "leader"
PARTICIPANT: Final = "participant"
ADMIN: Final = "admin"

ROLES: tuple[str, ...] = (OPERATOR, SUPERVISOR, LEADER, PARTICIPANT, ADMIN)

# Permission -> the roles that hold it (docs/API.md, "Roles").
PERMISSIONS: dict[str, frozenset[str]] = {
    # cameras, alerts, citizen reports, sensors, their streams and snapshots
    "ops.read": frozenset({OPERATOR, SUPERVISOR, LEADER, ADMIN}),
    # alert transitions, verify, dispatch, notes; report status changes
    "ops.write": frozenset({OPERATOR, SUPERVISOR, ADMIN}),
    "task.read": frozenset(ROLES),
    "task.create": frozenset({SUPERVISOR, LEADER, ADMIN}),
    "task.update": frozenset({OPERATOR, SUPERVISOR, LEADER, ADMIN}),
    "meeting.read": frozenset(ROLES),
    # create meetings, add documents and polls, open and close polls
    "meeting.write": frozenset({LEADER, SUPERVISOR, ADMIN}),
    "poll.vote": frozenset(ROLES),
    # take part in a meeting one is a member of: check in and out, ask to speak, present (when the
    # meeting role allows it, ioc_domain.meetings)
    "meeting.attend": frozenset(ROLES),
    # conduct a meeting as its chair or secretary (the meeting role decides which acts): move
    # the agenda, order and time speakers, see the attendance, record conclusions
    "meeting.conduct": frozenset({OPERATOR, SUPERVISOR, LEADER, ADMIN}),
    # create, open, close and publish the polls of every meeting, and read a named poll's live
    # tally (a meeting's chair and secretary may do the same in their own meeting)
    "poll.manage": frozenset({LEADER, SUPERVISOR, ADMIN}),
    # one's own session, saved views, the sync feed and the event stream
    "self": frozenset(ROLES),
    # users, camera settings
    "admin": frozenset({ADMIN}),
    # watch live video; only these roles receive camera stream URLs with their credentials
    "video.play": frozenset({OPERATOR, SUPERVISOR, LEADER, ADMIN}),
    # move, zoom and recall presets of PTZ cameras
    "camera.ptz": frozenset({OPERATOR, SUPERVISOR}),
    # set a camera's stream URLs, import cameras in bulk
    "camera.configure": frozenset({ADMIN}),
    # read the audit trail (PTZ commands, snapshots taken)
    "audit.read": frozenset({SUPERVISOR, ADMIN}),
    # the escalation queue (SLA breached) and the false-alarm statistics per detector
    "alert.supervise": frozenset({SUPERVISOR, ADMIN}),
    # feed detections from the AI engine (POST /alerts/detections): a service account
    "alert.ingest": frozenset({ADMIN}),
    # read public warnings (ours and other agencies'), their CAP documents
    "warning.read": frozenset({OPERATOR, SUPERVISOR, LEADER, ADMIN}),
    # draft a warning from a confirmed alert, edit a draft, import another agency's CAP message
    "warning.draft": frozenset({OPERATOR, SUPERVISOR, ADMIN}),
    # publish a warning (and so its updates and cancels)
    "warning.publish": frozenset({SUPERVISOR, ADMIN}),
}

# What each role may read through /sync and the event stream.
_OPS_RESOURCES = frozenset({"camera", "alert", "report", "sensor"})
READABLE_RESOURCES: dict[str, frozenset[str]] = {
    role: frozenset({"task", "meeting", "meeting_presenter"})
    | (_OPS_RESOURCES if role in PERMISSIONS["ops.read"] else frozenset())
    | (frozenset({"warning"}) if role in PERMISSIONS["warning.read"] else frozenset())
    for role in ROLES
}


def roles_with(permission: str) -> tuple[str, ...]:
    """The roles holding ``permission``, in the order of :data:`ROLES` (KeyError if unknown)."""
    holders = PERMISSIONS[permission]
    return tuple(role for role in ROLES if role in holders)


def may(role: str | None, permission: str) -> bool:
    """True when ``role`` holds ``permission``; an unknown permission is never granted."""
    return role is not None and role in PERMISSIONS.get(permission, frozenset())
