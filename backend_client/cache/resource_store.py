"""The cache's synced resources: applying changes and sync pages, write results, views, reads."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select, text

from backend_client.cache.extract import RESOURCES, UpsertRow, check_resource, resource_row, split_changes
from backend_client.cache.resource_rows import (
    LOOKUP_CHUNK,
    ORDERINGS,
    REPLACE_ROW,
    UPSERT_BY_VERSION,
    Applied,
    Key,
    write_deletes,
    write_upserts,
)
from backend_client.cache.schema import resources
from backend_client.cache.store_core import StoreCore
from backend_client.cache.timeutil import now_iso, parse_iso
from backend_client.cache.writer import sqlite_of


class ResourceStore(StoreCore):
    """Synced resources in the ``resources`` table (and the saved views kept beside them)."""

    def apply_changes_async(
        self, changes: Sequence[Mapping[str, Any]], cursor: str | None, *, mark_synced: bool = True
    ) -> Future[Applied]:
        """Queue a batch of API change objects plus the new cursor as ONE transaction.

        The whole batch is validated first (``InvalidChange`` names the bad one) and nothing
        is written if any change is malformed; data and cursor commit together, so a crash
        can never leave the cursor ahead of the data. The result counts the changes that altered
        the cache (an ``int``) and names the others in ``.skipped``.
        """
        self._check_open()
        upserts, deletes = split_changes(list(changes))
        return self.apply_rows_async(upserts, deletes, cursor, mark_synced=mark_synced)

    def apply_rows_async(
        self,
        upserts: Sequence[UpsertRow],
        deletes: Sequence[tuple[str, str, int]],
        cursor: str | None,
        *,
        mark_synced: bool = True,
    ) -> Future[Applied]:
        """``apply_changes_async`` for changes already checked and split into rows, as
        ``backend_client.api.sync_payload.decode_sync_page`` does in the same pass as its checks.

        ``upserts`` are ``resources`` rows (see ``cache.extract.resource_row``), ``deletes``
        ``(resource, id, seq)`` keys; the caller vouches for their shape.
        """
        self._check_open()
        if cursor is not None and not isinstance(cursor, str):
            raise TypeError(f"cursor must be a string or None, not {type(cursor).__name__}")

        def write(conn: Connection) -> Applied:
            # Plain DBAPI executemany: the fastest path SQLite offers for bulk rows.
            raw = sqlite_of(conn).cursor()
            skipped: list[Key] = []
            try:
                if upserts:
                    skipped = write_upserts(raw, upserts)
                if deletes:
                    skipped += write_deletes(raw, deletes)
                state = []
                if cursor is not None:
                    state.append(("cursor", cursor))
                if mark_synced:
                    state.append(("last_sync_at", now_iso()))
                raw.executemany("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", state)
            finally:
                raw.close()
            return Applied(len(upserts) + len(deletes) - len(skipped), frozenset(skipped))

        # Synced data with its cursor need not be fsynced at each commit (~0.15 s for a
        # 5,000-change catch-up page): a power cut can only lose whole transactions from the
        # end of the WAL, each taking its cursor with it, so the next catch-up refetches them.
        # Outbox writes stay durable, and their fsync also covers every commit before them.
        return self._submit(write, "The synced data", durable=cursor is None)

    def apply_changes(
        self, changes: Sequence[Mapping[str, Any]], cursor: str | None, *, mark_synced: bool = True
    ) -> Applied:
        """Blocking form of ``apply_changes_async``."""
        return self.apply_changes_async(changes, cursor, mark_synced=mark_synced).result()

    def upsert_resource(self, resource: str, data: Mapping[str, Any]) -> None:
        """Store a resource the server returned from a write (kept unless the cache has a newer version)."""
        check_resource(resource)
        if not isinstance(data, Mapping) or "id" not in data:
            raise ValueError(f"A {resource} to cache must be an object with an 'id'.")
        row = resource_row(resource, data, 0)
        self._write(lambda conn: conn.exec_driver_sql(UPSERT_BY_VERSION, row), "The updated data")

    def delete_resource(self, resource: str, resource_id: str | int) -> bool:
        """Remove one cached resource; True if it was there."""
        query = delete(resources).where(
            resources.c.resource == check_resource(resource), resources.c.id == str(resource_id)
        )
        return self._write(lambda conn: conn.execute(query).rowcount == 1, "The cache update")

    def replace_resources(
        self, resource: str, items: Iterable[Mapping[str, Any]], *, keep_ids: Iterable[str | int] = ()
    ) -> None:
        """Make the cached ``resource`` rows exactly ``items`` (a full list from the server), plus
        the rows named in ``keep_ids`` (e.g. local placeholders whose creation is still pending).

        For resources the server lists whole instead of syncing by change (the user's saved
        views): a row deleted on another console disappears here too. One commit, so a reader
        never sees the list half replaced.
        """
        check_resource(resource)
        rows = []
        for item in items:
            if not isinstance(item, Mapping) or "id" not in item:
                raise ValueError(f"A {resource} to cache must be an object with an 'id'.")
            rows.append(resource_row(resource, item, 0))
        keep = {str(rid) for rid in keep_ids} | {row[1] for row in rows}

        def write(conn: Connection) -> None:
            cached = conn.execute(select(resources.c.id).where(resources.c.resource == resource)).scalars().all()
            gone = [rid for rid in cached if rid not in keep]
            for start in range(0, len(gone), LOOKUP_CHUNK):
                conn.execute(
                    delete(resources).where(
                        resources.c.resource == resource, resources.c.id.in_(gone[start : start + LOOKUP_CHUNK])
                    )
                )
            # Replacing, not merging: the server's list is the truth, whatever version we held.
            raw = sqlite_of(conn)
            raw.executemany(REPLACE_ROW, rows)

        self._write(write, "The cache update")

    def cursor(self) -> str | None:
        """The sync cursor to pass as ``since`` (None before the first sync)."""
        return self.get_state("cursor")

    def last_synced_at(self) -> datetime | None:
        """When data was last brought up to date from the server ("data as of")."""
        value = self.get_state("last_sync_at")
        return None if value is None else parse_iso(value)

    def get(self, resource: str, resource_id: str | int) -> dict[str, Any] | None:
        check_resource(resource)
        query = select(resources.c.data).where(resources.c.resource == resource, resources.c.id == str(resource_id))
        data = self._read(lambda conn: conn.execute(query).scalar())
        return None if data is None else json.loads(data)

    @staticmethod
    def _filtered(query: Any, resource: str, state: str | None, ward: str | None, kind: str | None) -> Any:
        query = query.where(resources.c.resource == check_resource(resource))
        for column, value in ((resources.c.state, state), (resources.c.ward, ward), (resources.c.kind, kind)):
            if value is not None:
                query = query.where(column == value)
        return query

    def list(
        self,
        resource: str,
        *,
        state: str | None = None,
        ward: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        order_by: str = "sort_time desc",
    ) -> builtins.list[dict]:
        """Cached resources of one type, filtered on the indexed columns, as plain dicts.

        ``state`` is the alert state / report, task, camera, sensor or meeting status;
        ``kind`` the alert analytic / camera category / sensor kind / report source;
        ``ward`` the ward (a task's assignee unit). ``order_by`` is one of ``ORDERINGS``.
        """
        if order_by not in ORDERINGS:
            raise ValueError(f"Unknown order_by {order_by!r}; expected one of {', '.join(ORDERINGS)}.")
        query = self._filtered(select(resources.c.data), resource, state, ward, kind)
        query = query.order_by(text(ORDERINGS[order_by])).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        rows = self._read(lambda conn: conn.execute(query).scalars().all())
        return [json.loads(row) for row in rows]

    def project(self, resource: str, fields: Sequence[str]) -> builtins.list[tuple[Any, ...]]:
        """``(id, field...)`` of every cached ``resource``, read from the stored JSON in SQL.

        For views of many records that need a few fields each (the map's 183,000 report points):
        no row's JSON is parsed in Python. ``fields`` are top-level field names (letters, digits
        and ``_``); a missing field reads as None.
        """
        for field in fields:
            if not field.replace("_", "").isalnum() or not field.isascii():
                raise ValueError(f"not a field name: {field!r}")
        columns = ", ".join(f"json_extract(data, '$.{field}')" for field in fields)
        sql = text(f"SELECT id, {columns} FROM resources WHERE resource = :resource")
        rows = self._read(lambda conn: conn.execute(sql, {"resource": check_resource(resource)}).all())
        return [tuple(row) for row in rows]

    def count(
        self, resource: str, *, state: str | None = None, ward: str | None = None, kind: str | None = None
    ) -> int:
        query = self._filtered(select(func.count()).select_from(resources), resource, state, ward, kind)
        return self._read(lambda conn: conn.execute(query).scalar_one())

    def counts(self) -> dict[str, int]:
        """How many resources of each type are cached."""
        query = select(resources.c.resource, func.count()).group_by(resources.c.resource)
        found: dict[str, int] = {row[0]: row[1] for row in self._read(lambda conn: conn.execute(query).all())}
        return {resource: found.get(resource, 0) for resource in RESOURCES}
