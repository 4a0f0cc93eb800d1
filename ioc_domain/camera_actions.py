"""What may be done to a camera and recorded in the audit trail: PTZ commands, snapshots taken."""

from __future__ import annotations

#: ``POST /cameras/{id}/ptz`` actions: move (pan/tilt speeds until stop), zoom, go to a preset, stop.
PTZ_ACTIONS: tuple[str, ...] = ("move", "zoom", "preset", "stop")
SNAPSHOT_TAKEN = "snapshot.taken"
#: Every ``action`` of an audit entry (``GET /audit?action=``).
AUDIT_ACTIONS: tuple[str, ...] = (*(f"ptz.{action}" for action in PTZ_ACTIONS), SNAPSHOT_TAKEN)
#: Speeds of a PTZ move or zoom: -1 (full left / down / out) .. 1 (full right / up / in).
PTZ_SPEED_RANGE: tuple[float, float] = (-1.0, 1.0)
