"""Bring a database made before Alembic to revision 0001, and keep every row's stored /sync JSON fresh."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import MetaData, bindparam, inspect, select, text, update
from sqlalchemy.engine import Connection

from ioc_backend.db.changes import compact_json
from ioc_backend.db.initial_schema import initial_schema
from ioc_backend.db.models import table_of
from ioc_backend.db.payloads import RESOURCES

_log = logging.getLogger(__name__)
_REFRESH_BATCH = 1000


def bring_to_initial_revision(conn: Connection) -> None:
    """Make an unversioned database hold exactly the tables, indexes and columns of revision 0001.

    Releases before Alembic created tables with ``create_all`` and grew older databases by hand:
    missing tables and indexes (e.g. the one /sync uses to find deletes) are created, and columns a
    later release added are added. Only nullable columns may be added this way: old rows get NULL.
    """
    schema = initial_schema()
    schema.create_all(conn)  # skips tables that exist, and with them any index added later
    for table in schema.tables.values():
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    _add_missing_columns(conn, schema)


def _add_missing_columns(conn: Connection, schema: MetaData) -> None:
    existing = inspect(conn)
    preparer = conn.dialect.identifier_preparer
    for table in schema.sorted_tables:
        present = {column["name"] for column in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            if not column.nullable:
                raise RuntimeError(
                    f"Database table {table.name} lacks the NOT NULL column {column.name}; "
                    "it cannot be added automatically"
                )
            type_sql = column.type.compile(dialect=conn.dialect)
            conn.execute(
                text(
                    f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN {preparer.format_column(column)} {type_sql}"
                )
            )


def refresh_stored_json(conn: Connection) -> None:
    """Rewrite the stored /sync JSON of every row of a resource table whose stored JSON is stale.

    /sync sends each row's stored JSON (``sync_json``, else its latest change event's
    payload). After an upgrade that added columns (or fields) both were written by the
    release before: without this, a client syncing an upgraded database would get those
    rows without the new fields (or, from a database older than ``sync_json`` itself, every
    row re-serialised on each /sync) until each row next changed. Stale means the newest
    row's stored JSON lacks (or has extra) keys against what the serialiser makes of it now;
    the rewrite goes in id order, so a rewrite cut short by a crash leaves the newest row
    stale and the next start finishes it. The version and seq stay: the resource did not change.
    Runs at every start, not as a migration: the serialiser changes with the code, not the schema.
    """
    for resource, (model, serialise) in RESOURCES.items():
        table = table_of(model)
        if "sync_json" not in table.c or not _stored_json_is_stale(conn, table, serialise):
            continue
        _log.warning("upgrading the database: rewriting the stored sync JSON of every %s", resource)
        columns = [c for c in table.c if c.name != "sync_json"]
        store = update(table).where(table.c.id == bindparam("row_id")).values(sync_json=bindparam("payload"))
        # In id order, a batch at a time: never a cursor open over rows being updated,
        # and never a whole table (183,000 reports) in memory.
        last: Any = None
        while True:
            query = select(*columns).order_by(table.c.id).limit(_REFRESH_BATCH)
            if last is not None:
                query = query.where(table.c.id > last)
            rows = conn.execute(query).mappings().all()
            if not rows:
                break
            conn.execute(
                store,
                [{"row_id": row["id"], "payload": compact_json(serialise(SimpleNamespace(**row)))} for row in rows],
            )
            last = rows[-1]["id"]


def _stored_json_is_stale(conn: Connection, table: Any, serialise: Callable[[Any], dict[str, Any]]) -> bool:
    newest = conn.execute(select(*table.c).order_by(table.c.id.desc()).limit(1)).mappings().first()
    if newest is None:
        return False
    fields = {name: value for name, value in newest.items() if name != "sync_json"}
    try:
        stored = json.loads(newest["sync_json"] or "null")
    except ValueError:
        return True
    return not isinstance(stored, dict) or set(stored) != set(serialise(SimpleNamespace(**fields)))
