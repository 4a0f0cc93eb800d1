"""The single write path: bump a resource's version, log a change event, stamp the row's seq."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from sqlalchemy import JSON, Column, ColumnDefault, Table, false, func, insert, select, text, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.db.models import UTCDateTime
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


class JsonText(str):
    """JSON text made once, which also carries the value it encodes.

    A change event's ``data`` is the same serialised row as the row's ``sync_json``: handing
    ``insert_many`` the text made for one spares encoding it a second time for the other
    (SQLite stores JSON as text; other databases bind ``value`` through the column's type).
    """

    value: Any

    @classmethod
    def of(cls, value: Any) -> JsonText:
        text = cls(compact_json(value))
        text.value = value
        return text


def _column_values(column: Column[Any], values: list[Any], dialect: Dialect) -> list[Any]:
    """``values`` of one column as SQLAlchemy would bind them (its type's bind processor)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return values
    if isinstance(column.type, JSON):
        return [v if isinstance(v, JsonText) else process(v) for v in values]
    if isinstance(column.type, UTCDateTime):
        # A batch shares a handful of times (its "now", the detections' times): each is
        # converted once. Equal instants give the same UTC text, so the cache is exact.
        converted = {v: process(v) for v in set(values)}
        return [converted[v] for v in values]
    return [process(v) for v in values]


def insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys) in the caller's transaction: one executemany.

    Equivalent to ``session.execute(insert(table), rows)``: the columns missing from the rows
    get their Python-side defaults, every value goes through its column type's bind processor.
    On SQLite it skips SQLAlchemy's per-row parameter handling (a dict per row, a processor
    call per value), which was most of the time of storing a burst of 1,000 detections: the
    values are converted column by column and handed to the driver's executemany at once.
    Other databases take the SQLAlchemy path, with ``JsonText`` values unwrapped.
    """
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name != "sqlite":
        json_keys = [k for k in rows[0] if isinstance(table.c[k].type, JSON)]
        if json_keys:
            rows = [{**r, **{k: r[k].value for k in json_keys if isinstance(r[k], JsonText)}} for r in rows]
        session.execute(insert(table), rows)
        return
    keys = list(rows[0])
    columns = [_column_values(table.c[k], [r[k] for r in rows], dialect) for k in keys]
    for column in table.columns:
        if column.key in rows[0] or column.default is None:
            continue
        default = column.default
        if not isinstance(default, ColumnDefault) or not (default.is_scalar or default.is_callable):
            raise NotImplementedError(f"insert_many: default of {table.name}.{column.key}")
        # The models' callable defaults take no context (``list``): SQLAlchemy wraps them to take one.
        value = default.arg if default.is_scalar else default.arg(None)
        keys.append(column.key)
        columns.append(_column_values(column, [value] * len(rows), dialect))
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(table.c[k].name) for k in keys)})"
        f" VALUES ({', '.join('?' for _ in keys)})"
    )
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def allocate_ids(session: Session, table: Table, count: int) -> list[int]:
    """``count`` new ids of ``table``'s integer primary key, ascending, taken before the insert.

    Why: with the ids known up front a batch is two plain executemany inserts (the rows already
    carrying their ``seq`` and ``sync_json``, the change events their ids) instead of inserts
    with RETURNING and an UPDATE of every row. SQLite cannot keep RETURNING in parameter order
    for a multi-row insert, so SQLAlchemy sent those one row per statement (20,000 statements
    for a burst of 10,000 alerts). Must run inside the caller's write transaction, after which
    nothing else can take the same ids:

    * SQLite: the next ids are what SQLite itself would pick (max rowid + 1, or past
      ``sqlite_sequence`` for an AUTOINCREMENT table, whose pruned ids must never come back).
      A no-op UPDATE first makes this transaction the writer (it takes SQLite's write lock), so
      no other connection can insert between the read and our insert.
    * PostgreSQL: a block of ``nextval`` from the column's sequence; later default inserts go on
      after it. Under the write lock (``Database.write``) the blocks ascend in commit order, so
      change-event ids stay in commit order as the sync cursor needs.
    """
    if count <= 0:
        return []
    conn = session.connection()
    pk = table.c.id
    if conn.dialect.name == "sqlite":
        conn.execute(update(table).where(false()).values({pk: pk}))
        top = conn.execute(select(func.max(pk))).scalar() or 0
        if table.dialect_options["sqlite"]["autoincrement"]:
            used = conn.execute(
                text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table.name}
            ).scalar()
            top = max(top, used or 0)
        return list(range(top + 1, top + 1 + count))
    if conn.dialect.name == "postgresql":
        ids = (
            conn.execute(
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
                {"table": table.name, "count": count},
            )
            .scalars()
            .all()
        )
        return sorted(ids)
    raise NotImplementedError(f"id allocation for {conn.dialect.name}")


def bulk_create(session: Session, resource: str, rows: list[dict[str, Any]]) -> list[Any]:
    """Insert many new rows of one resource with their change events in two statements.

    The same bookkeeping as ``record_change`` (version 1, one event per row, seq = event id,
    ``sync_json``), done with executemany so seeding thousands of rows takes well under a second
    and an AI engine's burst of 1,000 detections is stored in a few tens of milliseconds.
    Rows may carry their own key (cameras: string ids); the others get ids from
    ``allocate_ids``. Returns the primary keys in input order; each row dict gets its ``id``.
    """
    if not rows:
        return []
    model, serializer = RESOURCES[resource]
    table = models.table_of(model)
    log_table = models.table_of(models.ChangeEvent)
    now = utcnow()
    missing = [r for r in rows if r.get("id") is None]
    for r, pk in zip(missing, allocate_ids(session, table, len(missing)), strict=True):
        r["id"] = pk
    event_ids = allocate_ids(session, log_table, len(rows))
    events = []
    for r, eid in zip(rows, event_ids, strict=True):
        r.setdefault("version", 1)
        r["updated_at"] = now
        r["seq"] = eid
        data = JsonText.of(serializer(SimpleNamespace(**r)))
        r["sync_json"] = str(data)
        events.append(
            {"id": eid, "resource": resource, "resource_id": str(r["id"]), "op": "upsert", "data": data, "at": now}
        )
    insert_many(session, table, rows)
    insert_many(session, log_table, events)
    session.info["last_event_id"] = event_ids[-1]
    return [r["id"] for r in rows]
