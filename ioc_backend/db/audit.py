"""The audit trail of camera actions (PTZ commands, snapshots taken): writing and showing entries."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.timeutil import iso, utcnow
from ioc_domain.camera_actions import AUDIT_ACTIONS, SNAPSHOT_TAKEN

__all__ = ["AUDIT_ACTIONS", "SNAPSHOT_TAKEN", "audit_dict", "record_audit"]


def record_audit(
    session: Session, *, user_id: int, username: str, role: str, camera_id: str, action: str, detail: dict[str, Any]
) -> models.AuditEntry:
    """Add one entry inside the caller's write transaction (so it commits with the write it records)."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = models.AuditEntry(
        at=utcnow(), user_id=user_id, username=username, role=role, camera_id=camera_id, action=action, detail=detail
    )
    session.add(entry)
    session.flush()  # assigns the id the answer shows
    return entry


def audit_dict(entry: models.AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": iso(entry.at),
        "user": entry.username,
        "role": entry.role,
        "camera_id": entry.camera_id,
        "action": entry.action,
        "detail": dict(entry.detail or {}),
    }
