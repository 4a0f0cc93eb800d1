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
    return (
        resource == "alert"
        and op == "upsert"
        and data is not None
        and bool(data)
        and data.get("state") == "new"
        and level_of(resource, data) in ATTENTION_LEVELS
    )
