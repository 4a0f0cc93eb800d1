"""How urgent a change is, on the one critical / warning / info scale every view shares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LEVELS: tuple[str, ...] = ("critical", "warning", "info")  # most urgent first
ATTENTION_LEVELS: tuple[str, ...] = ("critical", "warning")

_SENSOR_LEVELS = {"alarm": "critical", "warning": "warning", "offline": "warning"}
_CAMERA_LEVELS = {"offline": "warning", "degraded": "warning"}


def level_of(resource: str, data: Mapping[str, Any] | None) -> str:
    """Map a resource's state to the shared critical/warning/info scale."""
    if not data:
        return "info"
    if resource == "alert":
        severity = data.get("severity")
        return severity if severity in LEVELS else "info"
    if resource == "sensor":
        return _SENSOR_LEVELS.get(str(data.get("status")), "info")
    if resource == "camera":
        return _CAMERA_LEVELS.get(str(data.get("status")), "info")
    return "info"


def needs_attention(resource: str, op: str, data: Mapping[str, Any] | None) -> bool:
    """A new, not yet acknowledged alert of warning or critical severity."""
    if resource != "alert" or op != "upsert" or not data:
        return False
    return data.get("state") == "new" and level_of(resource, data) in ATTENTION_LEVELS


# Sensor statuses that say "nothing to see": the reading stayed within its thresholds.
ROUTINE_SENSOR_STATUSES: frozenset[str] = frozenset({"ok"})


def shows_in_log(resource: str, op: str, data: Mapping[str, Any] | None, previous_status: str | None = None) -> bool:
    """Whether a change belongs in the live event log.

    A sensor reports every reading, and each one changes the sensor; the log shows only the
    readings that change its status — a threshold crossed either way, going offline or coming
    back — with ``previous_status`` the status the log last knew (None: not known yet, when a
    reading outside the routine statuses is shown). The readings themselves belong to the
    sensor panel. Every other change is shown.
    """
    if resource != "sensor" or op != "upsert" or not data:
        return True
    status = str(data.get("status") or "")
    if previous_status is None:
        return status not in ROUTINE_SENSOR_STATUSES
    return status != previous_status
