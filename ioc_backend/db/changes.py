"""The single write path: bump a resource's version, log a change event, stamp the row's seq."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.db.payloads import RESOURCE_OF_MODEL, RESOURCES, serialize
from ioc_backend.timeutil import utcnow


def compact_json(data: dict[str, Any]) -> str:
    """The text /sync sends for a row: compact, Vietnamese kept as UTF-8 (no \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def record_change(session: Session, row: Any, *, created: bool = False) -> dict[str, Any]:
    """Apply the bookkeeping of one upsert inside the caller's write transaction.

    Every mutation of a resource row calls this (API handlers, simulator, seeding's per-row
    fallback), so ``version``, ``updated_at``, ``seq`` and the change log never disagree.
    Returns the serialised resource as stored in the event.
    """
    now = utcnow()
    if created:
        row.version = 1
        session.add(row)
    else:
        row.version = (row.version or 0) + 1
    row.updated_at = now
    session.flush()  # assigns autoincrement ids of new rows
    data = serialize(row)
    row.sync_json = compact_json(data)
    resource = RESOURCE_OF_MODEL[type(row)]
    event = models.ChangeEvent(resource=resource, resource_id=str(row.id), op="upsert", data=data, at=now)
    session.add(event)
    session.flush()
    row.seq = event.id
    session.flush()
    session.info["last_event_id"] = event.id
    return data


def record_delete(session: Session, row: Any) -> None:
    """Delete a resource row and log it, so /sync and /events tell clients to drop it."""
    resource = RESOURCE_OF_MODEL[type(row)]
    event = models.ChangeEvent(resource=resource, resource_id=str(row.id), op="delete", data=None, at=utcnow())
    session.delete(row)
    session.add(event)
    session.flush()
    session.info["last_event_id"] = event.id


def bulk_create(session: Session, resource: str, rows: list[dict[str, Any]]) -> list[Any]:
    """Insert many new rows of one resource with their change events in a few statements.

    The same bookkeeping as ``record_change`` (version 1, one event per row, seq = event id),
    done with executemany so seeding thousands of rows takes well under a second.
    Returns the primary keys in input order.
    """
    if not rows:
        return []
    model, serializer = RESOURCES[resource]
    now = utcnow()
    for r in rows:
        r.setdefault("version", 1)
        r["updated_at"] = now
        r.setdefault("seq", 0)
    table = models.table_of(model)
    # Core inserts (not ORM objects): executemany with RETURNING, ids in input order.
    ids = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
    events = []
    stamps = []
    for pk, r in zip(ids, rows, strict=True):
        r["id"] = pk
        data = serializer(SimpleNamespace(**r))
        events.append({"resource": resource, "resource_id": str(pk), "op": "upsert", "data": data, "at": now})
        stamps.append({"row_id": pk, "payload": compact_json(data)})
    log_table = models.table_of(models.ChangeEvent)
    event_ids = (
        session.execute(insert(log_table).returning(log_table.c.id, sort_by_parameter_order=True), events)
        .scalars()
        .all()
    )
    for stamp, eid in zip(stamps, event_ids, strict=True):
        stamp["event_id"] = eid
    session.execute(
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values(seq=bindparam("event_id"), sync_json=bindparam("payload")),
        stamps,
    )
    session.info["last_event_id"] = event_ids[-1]
    return list(ids)
