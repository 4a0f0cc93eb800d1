"""The append-only history of each alert (table alert_history): who did what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.timeutil import iso, utcnow
from ioc_domain.alert_history import HISTORY_ACTIONS


class Actor(Protocol):
    """Who acts: the API's Principal fits (this package must not import ioc_backend.api)."""

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


def record(
    session: Session,
    alert_id: int,
    action: str,
    detail: dict[str, Any],
    principal: Actor | None = None,
    at: datetime | None = None,
) -> None:
    """Append one entry inside the caller's transaction; ``principal`` None is the system."""
    if action not in HISTORY_ACTIONS:
        raise ValueError(f"unknown alert history action {action!r}")
    session.add(
        models.AlertHistoryEntry(
            alert_id=alert_id,
            at=at or utcnow(),
            username=principal.username if principal is not None else None,
            role=principal.role if principal is not None else None,
            action=action,
            detail=dict(detail),
        )
    )


def entry_dict(entry: models.AlertHistoryEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": iso(entry.at),
        "username": entry.username,
        "role": entry.role,
        "action": entry.action,
        "detail": dict(entry.detail or {}),
    }


def history_of(session: Session, alert_id: int) -> list[dict[str, Any]]:
    """Every entry of one alert, oldest first (ids grow with time within a database)."""
    rows = session.execute(
        select(models.AlertHistoryEntry)
        .where(models.AlertHistoryEntry.alert_id == alert_id)
        .order_by(models.AlertHistoryEntry.id)
    ).scalars()
    return [entry_dict(row) for row in rows]
