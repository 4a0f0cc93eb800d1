"""CacheStore: the console's local SQLite cache of synced resources plus its durable outbox."""

from __future__ import annotations

import builtins
import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, select, text
from sqlalchemy.pool import NullPool, QueuePool

from backend_client.cache.errors import (
    CacheClosedError,
    CacheError,
    CacheOpenError,
    is_corruption,
    is_sqlite_error,
    write_error_from,
)
from backend_client.cache.extract import RESOURCES, UpsertRow, check_resource, dumps, resource_row, split_changes
from backend_client.cache.outbox import OutboxEntry, fetch, insert_entry, move, new_entry_values, select_entries
from backend_client.cache.paths import default_cache_path, tighten_permissions
from backend_client.cache.recovery import (
    BUSY_TIMEOUT_S,
    OPEN_MARKER_KEY,
    RecoveryNotice,
    prepare_cache_file,
    replace_corrupt_file,
)
from backend_client.cache.schema import documents, offline_grant, outbox, readings, resources, snapshots, sync_state
from backend_client.cache.timeutil import now_iso, parse_iso

T = TypeVar("T")
_log = logging.getLogger(__name__)

DEFAULT_READINGS_PER_SENSOR = 500
DEFAULT_MAX_SNAPSHOTS = 2000
JPEG_MAGIC = b"\xff\xd8"
PDF_MAGIC = b"%PDF-"
DEFAULT_MAX_DOCUMENT_BYTES = 512 * 1024 * 1024
#: How long delivered (applied) and withdrawn (cancelled) outbox entries are kept for the panel.
OUTBOX_HISTORY = timedelta(days=7)
WRITER_CACHE_KIB = 65536
WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024
CHECKPOINT_IDLE_BYTES = 4 * 1024 * 1024  # SQLite's default auto-checkpoint: 1000 pages of 4 KiB
# While a multi-page sync is written (CacheStore.bulk_sync) the WAL may grow this far first.
BULK_WAL_LIMIT_BYTES = 512 * 1024 * 1024
CHECKPOINT_THREAD_NAME = "ioc-cache-checkpoint"

# Upsert that never lets an older change overwrite a newer one: a live event and a sync
# page can arrive out of order, and `seq` is the server's global change order.
_UPSERT_BY_SEQ = """
INSERT INTO resources (resource, id, seq, version, updated_at, state, ward, kind, sort_time, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (resource, id) DO UPDATE SET
    seq = excluded.seq, version = excluded.version, updated_at = excluded.updated_at,
    state = excluded.state, ward = excluded.ward, kind = excluded.kind,
    sort_time = excluded.sort_time, data = excluded.data
WHERE excluded.seq >= resources.seq
"""
# A write's own response carries no `seq`; it is ordered by the resource's `version` instead,
# and keeps the row's seq so a later sync still replaces it.
_UPSERT_BY_VERSION = """
INSERT INTO resources (resource, id, seq, version, updated_at, state, ward, kind, sort_time, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (resource, id) DO UPDATE SET
    version = excluded.version, updated_at = excluded.updated_at,
    state = excluded.state, ward = excluded.ward, kind = excluded.kind,
    sort_time = excluded.sort_time, data = excluded.data
WHERE excluded.version >= resources.version
"""
# Catch-up writes of rows the cache already holds. A row's indexed columns (state, ward,
# kind, sort_time) rarely all change — a report changes status, its ward and time stay — but
# an UPDATE that SETs a column rewrites every index on it, and each rewrite dirties a random
# index page of a 200 MB file. So each existing row is updated with only the indexed columns
# whose value really changed (read in the same transaction), which skipped two of the three
# index rewrites per row in the 10,000-change catch-up measurement.
_INDEXED_COLUMNS = ("state", "ward", "kind", "sort_time")  # positions 5..8 of an UpsertRow
_INDEXED_AT = 5
_LOOKUP_CHUNK = 900  # below SQLite's smallest default limit on bound parameters (999)


def _update_sql(changed: tuple[int, ...]) -> str:
    columns = ("seq", "version", "updated_at", *(_INDEXED_COLUMNS[i] for i in changed), "data")
    return f"UPDATE resources SET {', '.join(f'{c} = ?' for c in columns)} WHERE resource = ? AND id = ? AND seq <= ?"


_UPDATE_SQL = {
    changed: _update_sql(changed) for changed in [tuple(i for i in range(4) if mask & (1 << i)) for mask in range(16)]
}


def _stored_index_values(raw: Any, rows: Sequence[UpsertRow]) -> dict[tuple[str, str], tuple[Any, ...]]:
    ids_by_resource: dict[str, list[str]] = {}
    for row in rows:
        ids_by_resource.setdefault(row[0], []).append(row[1])
    stored: dict[tuple[str, str], tuple[Any, ...]] = {}
    for resource, ids in ids_by_resource.items():
        for start in range(0, len(ids), _LOOKUP_CHUNK):
            chunk = ids[start : start + _LOOKUP_CHUNK]
            query = (
                f"SELECT id, state, ward, kind, sort_time FROM resources "
                f"WHERE resource = ? AND id IN ({','.join('?' * len(chunk))})"
            )
            found = 0
            for rid, *values in raw.execute(query, (resource, *chunk)):
                stored[(resource, rid)] = tuple(values)
                found += 1
            if not found:
                # An initial sync: none of them is cached yet, so skip the other lookups. Rows
                # not looked up take the plain upsert, which is correct for any row anyway.
                break
    return stored


def _write_upserts(raw: Any, rows: Sequence[UpsertRow]) -> None:
    """Upsert ``rows`` (newer seq wins), rewriting only the indexes whose columns changed."""
    if len({(row[0], row[1]) for row in rows}) != len(rows):
        # The same resource twice in one batch (live events): the values read up front would
        # be stale for the second one, so apply them in order with the plain upsert.
        raw.executemany(_UPSERT_BY_SEQ, rows)
        return
    stored = _stored_index_values(raw, rows)
    new_rows: list[UpsertRow] = []
    updates: dict[tuple[int, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        old = stored.get((row[0], row[1]))
        if old is None:
            new_rows.append(row)
            continue
        changed = tuple(i for i in range(4) if old[i] != row[_INDEXED_AT + i])
        updates.setdefault(changed, []).append(
            (row[2], row[3], row[4], *(row[_INDEXED_AT + i] for i in changed), row[9], row[0], row[1], row[2])
        )
    if new_rows:
        raw.executemany(_UPSERT_BY_SEQ, new_rows)
    for changed, params in updates.items():
        raw.executemany(_UPDATE_SQL[changed], params)


_REPLACE_ROW = (
    "INSERT OR REPLACE INTO resources (resource, id, seq, version, updated_at, state, ward, kind, "
    "sort_time, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_DELETE_BY_SEQ = "DELETE FROM resources WHERE resource = ? AND id = ? AND seq <= ?"
_DROP_ORPHAN_SNAPSHOT = (
    "DELETE FROM snapshots WHERE alert_id = ?1 AND NOT EXISTS "
    "(SELECT 1 FROM resources WHERE resource = 'alert' AND id = ?1)"
)
_DROP_ORPHAN_READINGS = (
    "DELETE FROM readings WHERE sensor_id = ?1 AND NOT EXISTS "
    "(SELECT 1 FROM resources WHERE resource = 'sensor' AND id = ?1)"
)
_TRIM_READINGS = """
DELETE FROM readings WHERE sensor_id = :sensor AND phenomenon_time < (
    SELECT phenomenon_time FROM readings WHERE sensor_id = :sensor
    ORDER BY phenomenon_time DESC LIMIT 1 OFFSET :keep - 1)
"""

#: Orders ``list()`` accepts. Ids sort by length first so "9" comes before "10". Equal times
#: are broken by rowid because the (resource, sort_time) index ends in it: the first page of
#: 183,000 reports is then read straight off the index, with no sort.
ORDERINGS = {
    "sort_time desc": "sort_time DESC, rowid DESC",
    "sort_time asc": "sort_time ASC, rowid ASC",
    "id asc": "length(id) ASC, id ASC",
    "id desc": "length(id) DESC, id DESC",
    "seq asc": "seq ASC",
    "seq desc": "seq DESC",
    "updated_at desc": "updated_at DESC, length(id) DESC, id DESC",
}


@dataclass(frozen=True)
class OfflineGrant:
    """The time-limited offline grant the backend issued at the last online login (opaque token)."""

    user: dict[str, Any]
    expires_at: str
    grant: str = field(repr=False)  # a credential: kept out of logs and tracebacks
    saved_at: str = ""

    def is_valid(self, now: datetime | None = None) -> bool:
        """True while the grant has not expired."""
        return (now or datetime.now(UTC)) < parse_iso(self.expires_at)


def _make_engine(path: Path, *, writer: bool) -> Engine:
    """An engine whose connections run in autocommit mode with transactions we begin ourselves.

    pysqlite's own implicit transactions start late (only before DML), so a read-then-write
    would not be atomic; SQLAlchemy's documented recipe hands transaction control to us.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=NullPool if writer else QueuePool,
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        # No table has a foreign key yet; on, so any a later schema version adds is enforced.
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: in WAL mode every commit fsyncs the WAL before returning. NORMAL would survive
        # a process crash but could lose the last commits on power loss, and an outbox entry
        # the UI already shows as "pending" must never vanish. The cost is one fsync per
        # transaction. Sync pages alone commit with NORMAL (see apply_changes_async).
        cursor.execute("PRAGMA synchronous = FULL")
        if writer:
            # A bigger page cache keeps the index pages hot across bulk sync pages (default 2 MiB).
            cursor.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            # After a big initial sync the WAL would otherwise keep its peak size on disk forever.
            cursor.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")
            # No automatic checkpoint inside COMMIT: copying a sync page's pages from the WAL into
            # the database (~0.3 s for a 10,000-change catch-up of a 200 MB cache) would delay
            # the commit's caller. The writer thread checkpoints right after instead (see
            # CacheStore._checkpoint), while the sync engine is already fetching the next page.
            cursor.execute("PRAGMA wal_autocheckpoint = 0")
        else:
            cursor.execute("PRAGMA query_only = ON")  # readers can never write by mistake
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock up front: a write transaction never fails half-way
        # with SQLITE_BUSY. Readers take a plain (deferred) snapshot.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


class CacheStore:
    """The local cache file: synced resources, sync state, snapshots, readings, outbox, views.

    Writes all go through one writer thread (see ``CacheWriter``); the blocking methods
    return only after the transaction committed, ``*_async`` ones return a Future. Reads use
    pooled connections of their own and may run on any thread while the writer writes (WAL).
    """

    def __init__(
        self,
        path: Path | str,
        *,
        readings_per_sensor: int = DEFAULT_READINGS_PER_SENSOR,
        max_snapshots: int = DEFAULT_MAX_SNAPSHOTS,
        max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
    ) -> None:
        self.path = Path(path)
        self.readings_per_sensor = readings_per_sensor
        self.max_snapshots = max_snapshots
        self.max_document_bytes = max_document_bytes
        #: Set when the previous file was corrupt or too new and was moved aside.
        self.recovery: RecoveryNotice | None = prepare_cache_file(self.path)
        #: Set once SQLite reported the file damaged during this session: the open marker then
        #: stays in the file, so the next open runs the full integrity check and moves it aside.
        self.damage_seen = False
        #: Open ``bulk_sync()`` blocks (see there); read on the writer thread, so a plain int.
        self._bulk_depth = 0
        self._checkpoint_thread: threading.Thread | None = None
        try:
            self._start()
        except CacheOpenError as exc:
            cause = exc.__cause__
            if self.recovery is not None or cause is None or not is_corruption(cause):
                raise
            # The cheap checks at open passed, but the first transaction hit damage.
            self.recovery = replace_corrupt_file(self.path, f"SQLite reported: {getattr(cause, 'orig', cause)}")
            self.damage_seen = False
            self._start()
        tighten_permissions(self.path)

    def _start(self) -> None:
        from backend_client.cache.writer import CacheWriter  # local: keeps the import graph one-directional

        self._closed = False
        self._close_lock = threading.Lock()
        self._write_engine = _make_engine(self.path, writer=True)
        self._read_engine = _make_engine(self.path, writer=False)
        self.writer = CacheWriter(self._write_engine.connect, after_write=self._checkpoint)
        try:
            #: Entries that were being sent when the console last stopped; they are pending
            #: again and will be resent with their original idempotency key.
            self.interrupted_requeued: int = self.writer.run(self._open_session)
        except Exception as exc:
            self.damage_seen = is_corruption(exc)  # then close() leaves the damaged file alone
            self.close()
            raise CacheOpenError(f"The local cache {self.path} cannot be opened for writing: {exc}.") from exc

    @classmethod
    def open_default(cls, backend_url: str, username: str, **kwargs: Any) -> CacheStore:
        """Open the standard per-backend, per-user cache file (see ``paths.default_cache_path``)."""
        return cls(default_cache_path(backend_url, username), **kwargs)

    # -- plumbing -------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise CacheClosedError("The local cache is closed.")

    def _submit(
        self, fn: Callable[[Connection], T], action: str, *, urgent: bool = False, durable: bool = True
    ) -> Future[T]:
        """Queue ``fn`` on the writer; SQLite failures arrive as ``CacheWriteError``."""
        self._check_open()
        inner = self.writer.submit(fn, urgent=urgent, durable=durable)
        outer: Future[T] = Future()

        def relay(done: Future[T]) -> None:
            exc = done.exception()
            if exc is None:
                outer.set_result(done.result())
            elif is_sqlite_error(exc) and not isinstance(exc, CacheError):
                self._note_damage(exc)
                translated = write_error_from(exc, action)
                translated.__cause__ = exc  # keep SQLite's own words for the log
                outer.set_exception(translated)
            else:
                outer.set_exception(exc)

        inner.add_done_callback(relay)
        return outer

    def _write(self, fn: Callable[[Connection], T], action: str, *, urgent: bool = False) -> T:
        return self._submit(fn, action, urgent=urgent).result()

    def _outbox_write(self, fn: Callable[[Connection], T], action: str = "The outbox update") -> T:
        """Outbox writes are urgent: the operator is waiting and they must not queue behind sync
        pages. All of them share the one priority, so among themselves they keep their order."""
        return self._write(fn, action, urgent=True)

    def _read(self, fn: Callable[[Connection], T]) -> T:
        self._check_open()
        try:
            with self._read_engine.connect() as conn, conn.begin():
                return fn(conn)
        except Exception as exc:
            self._note_damage(exc)
            raise

    @staticmethod
    def _open_session(conn: Connection) -> int:
        """First transaction of a session: mark the file open (see ``OPEN_MARKER_KEY``) and put
        back in line the entries that were being sent when the console last stopped."""
        raw = conn.connection.driver_connection
        raw.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (OPEN_MARKER_KEY, now_iso()))
        result = conn.execute(
            outbox.update()
            .where(outbox.c.state == "sending")
            .values(state="pending", updated_at=now_iso(), last_error="interrupted: the console stopped while sending")
        )
        # Delivered and withdrawn actions are history: the pending-actions panel reads the whole
        # outbox, so it would otherwise grow for the life of the file. Pending, failed and
        # conflicting entries are never pruned, however old.
        cutoff = (datetime.now(UTC) - OUTBOX_HISTORY).isoformat(timespec="milliseconds")
        conn.execute(delete(outbox).where(outbox.c.state.in_(("applied", "cancelled")), outbox.c.updated_at < cutoff))
        return result.rowcount

    def _checkpoint(self, conn: Connection, idle: bool) -> None:
        """Move committed pages from the WAL into the database once the writer has nothing queued
        (or the WAL grew past its limit even so), like SQLite's own auto-checkpoint at 1000 pages
        but after the committing caller was answered. PASSIVE: never waits for readers."""
        try:
            wal_bytes = os.stat(f"{self.path}-wal").st_size
        except OSError:
            return
        if self._bulk_depth:
            limit = BULK_WAL_LIMIT_BYTES
        else:
            limit = CHECKPOINT_IDLE_BYTES if idle else WAL_SIZE_LIMIT_BYTES
        if wal_bytes > limit:
            conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    @contextmanager
    def bulk_sync(self) -> Iterator[None]:
        """Defer WAL checkpoints while a multi-page sync is written; checkpoint once at the end.

        Between two sync pages the writer is idle (the engine is fetching the next page), so
        it would checkpoint after every page: the next page's write then waits behind copying
        the last one into the database (~0.3 s for a 5,000-change catch-up page), and an
        initial sync copies its index pages over and over. Inside this block the WAL may grow
        to ``BULK_WAL_LIMIT_BYTES``; on leaving it, one PASSIVE checkpoint runs on a connection
        of its own in a short-lived thread, because a checkpoint of a whole initial sync takes
        seconds and in WAL mode need not hold up the writer (an operator's action) meanwhile.
        Durability is unchanged: every commit is in the WAL either way.
        """
        self._bulk_depth += 1
        try:
            yield
        finally:
            self._bulk_depth -= 1
            if not self._bulk_depth and not self._closed:
                self._checkpoint_in_background()

    def _checkpoint_in_background(self) -> None:
        running = self._checkpoint_thread
        if running is not None and running.is_alive():
            return  # it goes on copying; what it misses the writer's next idle checkpoint takes

        def checkpoint() -> None:
            try:
                # mode=rw: never create a file that was moved aside meanwhile.
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                finally:
                    conn.close()
            except sqlite3.Error:
                # Housekeeping only: the writer's own idle checkpoints will catch up.
                _log.warning("background checkpoint of the local cache %s failed", self.path, exc_info=True)

        thread = threading.Thread(target=checkpoint, name=CHECKPOINT_THREAD_NAME, daemon=True)
        self._checkpoint_thread = thread
        thread.start()

    def _note_damage(self, exc: BaseException) -> None:
        if is_corruption(exc) and not self.damage_seen:
            self.damage_seen = True
            _log.error(
                "the local cache %s is damaged (%s); it will be checked and set aside at the next start",
                self.path,
                getattr(exc, "orig", exc),
            )

    def close(self) -> None:
        """Finish queued writes, stop the writer thread and release the file. Idempotent."""
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        if (
            not self.damage_seen
            and self.writer.thread.is_alive()
            and threading.current_thread() is not self.writer.thread
        ):
            try:
                # A clean close: the next open can skip the full integrity check.
                self.writer.run(
                    lambda conn: conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (OPEN_MARKER_KEY,))
                )
            except Exception:  # noqa: BLE001 - the marker only costs the next open a check
                _log.warning("could not mark the local cache %s as cleanly closed", self.path, exc_info=True)
        self.writer.close()
        if self._checkpoint_thread is not None:
            self._checkpoint_thread.join()
        self._write_engine.dispose()
        self._read_engine.dispose()

    def __enter__(self) -> CacheStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def journal_mode(self) -> str:
        return self._read(lambda conn: conn.exec_driver_sql("PRAGMA journal_mode").scalar())

    # -- synced resources -----------------------------------------------------------------
    def apply_changes_async(
        self, changes: Sequence[Mapping[str, Any]], cursor: str | None, *, mark_synced: bool = True
    ) -> Future[int]:
        """Queue a batch of API change objects plus the new cursor as ONE transaction.

        The whole batch is validated first (``InvalidChange`` names the bad one) and nothing
        is written if any change is malformed; data and cursor commit together, so a crash
        can never leave the cursor ahead of the data. Returns the number of changes.
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
    ) -> Future[int]:
        """``apply_changes_async`` for changes already checked and split into rows, as
        ``backend_client.api.sync_payload.decode_sync_page`` does in the same pass as its checks.

        ``upserts`` are ``resources`` rows (see ``cache.extract.resource_row``), ``deletes``
        ``(resource, id, seq)`` keys; the caller vouches for their shape.
        """
        self._check_open()
        if cursor is not None and not isinstance(cursor, str):
            raise TypeError(f"cursor must be a string or None, not {type(cursor).__name__}")

        def write(conn: Connection) -> int:
            # Plain DBAPI executemany: the fastest path SQLite offers for bulk rows.
            raw = conn.connection.driver_connection.cursor()
            try:
                if upserts:
                    _write_upserts(raw, upserts)
                if deletes:
                    raw.executemany(_DELETE_BY_SEQ, deletes)
                    raw.executemany(_DROP_ORPHAN_SNAPSHOT, [(rid,) for res, rid, _ in deletes if res == "alert"])
                    raw.executemany(_DROP_ORPHAN_READINGS, [(rid,) for res, rid, _ in deletes if res == "sensor"])
                state = []
                if cursor is not None:
                    state.append(("cursor", cursor))
                if mark_synced:
                    state.append(("last_sync_at", now_iso()))
                raw.executemany("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", state)
            finally:
                raw.close()
            return len(upserts) + len(deletes)

        # Synced data with its cursor need not be fsynced at each commit (~0.15 s for a
        # 5,000-change catch-up page): a power cut can only lose whole transactions from the
        # end of the WAL, each taking its cursor with it, so the next catch-up refetches them.
        # Outbox writes stay durable, and their fsync also covers every commit before them.
        return self._submit(write, "The synced data", durable=cursor is None)

    def apply_changes(
        self, changes: Sequence[Mapping[str, Any]], cursor: str | None, *, mark_synced: bool = True
    ) -> int:
        """Blocking form of ``apply_changes_async``."""
        return self.apply_changes_async(changes, cursor, mark_synced=mark_synced).result()

    def upsert_resource(self, resource: str, data: Mapping[str, Any]) -> None:
        """Store a resource the server returned from a write (kept unless the cache has a newer version)."""
        check_resource(resource)
        if not isinstance(data, Mapping) or "id" not in data:
            raise ValueError(f"A {resource} to cache must be an object with an 'id'.")
        row = resource_row(resource, data, 0)
        self._write(lambda conn: conn.exec_driver_sql(_UPSERT_BY_VERSION, row), "The updated data")

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
            for start in range(0, len(gone), _LOOKUP_CHUNK):
                conn.execute(
                    delete(resources).where(
                        resources.c.resource == resource, resources.c.id.in_(gone[start : start + _LOOKUP_CHUNK])
                    )
                )
            # Replacing, not merging: the server's list is the truth, whatever version we held.
            raw = conn.connection.driver_connection
            raw.executemany(_REPLACE_ROW, rows)

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

    def count(
        self, resource: str, *, state: str | None = None, ward: str | None = None, kind: str | None = None
    ) -> int:
        query = self._filtered(select(func.count()).select_from(resources), resource, state, ward, kind)
        return self._read(lambda conn: conn.execute(query).scalar_one())

    def counts(self) -> dict[str, int]:
        """How many resources of each type are cached."""
        query = select(resources.c.resource, func.count()).group_by(resources.c.resource)
        found = dict(self._read(lambda conn: conn.execute(query).all()))
        return {resource: found.get(resource, 0) for resource in RESOURCES}

    # -- sync state -----------------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        return self._read(lambda conn: conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar())

    def set_state(self, key: str, value: str | None) -> None:
        """Set (or with None, remove) a sync_state value such as ``last_event_id``."""
        if value is not None and not isinstance(value, str):
            raise TypeError(f"sync state values are strings, not {type(value).__name__}")

        def write(conn: Connection) -> None:
            conn.execute(delete(sync_state).where(sync_state.c.key == key))
            if value is not None:
                conn.execute(sync_state.insert().values(key=key, value=value))

        self._write(write, "The sync state")

    # -- snapshots and readings -----------------------------------------------------------
    def put_snapshot(self, alert_id: str | int, jpeg: bytes) -> None:
        """Store an alert's snapshot JPEG; the oldest beyond ``max_snapshots`` are dropped."""
        if not isinstance(jpeg, bytes | bytearray) or not bytes(jpeg[:2]) == JPEG_MAGIC:
            raise ValueError(f"The snapshot of alert {alert_id} is not a JPEG image.")
        row = {"alert_id": str(alert_id), "jpeg": bytes(jpeg), "fetched_at": now_iso()}
        keep = self.max_snapshots

        def write(conn: Connection) -> None:
            conn.execute(snapshots.insert().prefix_with("OR REPLACE").values(**row))
            conn.exec_driver_sql(
                "DELETE FROM snapshots WHERE alert_id IN (SELECT alert_id FROM snapshots "
                "ORDER BY fetched_at DESC LIMIT -1 OFFSET ?)",
                (keep,),
            )

        self._write(write, "The snapshot")

    def get_snapshot(self, alert_id: str | int) -> bytes | None:
        return self._read(
            lambda conn: conn.execute(select(snapshots.c.jpeg).where(snapshots.c.alert_id == str(alert_id))).scalar()
        )

    # -- meeting documents ---------------------------------------------------------------
    def put_document(self, doc_id: str | int, meeting_id: str | int, sha256: str, content: bytes) -> None:
        """Store a meeting document (PDF) for reading offline; it must be a PDF and hash to ``sha256``.

        The least recently fetched documents are dropped beyond ``max_document_bytes``, but never
        the one just stored.
        """
        content = bytes(content)
        if not content.startswith(PDF_MAGIC):
            raise ValueError(f"Document {doc_id} is not a PDF file.")
        actual = hashlib.sha256(content).hexdigest()
        if not isinstance(sha256, str) or actual != sha256.lower():
            raise ValueError(f"Document {doc_id} does not match its SHA-256 ({sha256!r}); it was not stored.")
        row = {
            "id": str(doc_id),
            "meeting_id": str(meeting_id),
            "sha256": actual,
            "size": len(content),
            "content": content,
            "fetched_at": now_iso(),
        }
        budget = self.max_document_bytes

        def write(conn: Connection) -> None:
            conn.execute(documents.insert().prefix_with("OR REPLACE").values(**row))
            used = 0
            for rid, size in conn.execute(
                select(documents.c.id, documents.c.size).order_by(documents.c.fetched_at.desc(), documents.c.id.desc())
            ).all():
                used += size
                if used > budget and rid != row["id"]:
                    conn.execute(delete(documents).where(documents.c.id == rid))

        self._write(write, "The meeting document")

    def get_document(self, doc_id: str | int) -> bytes | None:
        return self._read(
            lambda conn: conn.execute(select(documents.c.content).where(documents.c.id == str(doc_id))).scalar()
        )

    def document_hashes(self) -> dict[str, str]:
        """Cached documents: id → SHA-256 of the bytes held."""
        rows = self._read(lambda conn: conn.execute(select(documents.c.id, documents.c.sha256)).all())
        return dict(rows)

    def drop_documents_except(self, doc_ids: Iterable[str | int]) -> int:
        """Forget cached documents not in ``doc_ids`` (no longer listed by any kept meeting)."""
        keep = {str(doc_id) for doc_id in doc_ids}

        def write(conn: Connection) -> int:
            gone = [rid for rid in conn.execute(select(documents.c.id)).scalars().all() if rid not in keep]
            for rid in gone:
                conn.execute(delete(documents).where(documents.c.id == rid))
            return len(gone)

        return self._write(write, "The meeting documents")

    def put_readings(self, sensor_id: str, items: Iterable[tuple[str, float | None] | Mapping[str, Any]]) -> None:
        """Store readings (``(time, result)`` pairs or API reading objects); keep the newest N."""
        rows = []
        for item in items:
            time_, result = (
                (item.get("phenomenon_time"), item.get("result")) if isinstance(item, Mapping) else tuple(item)
            )
            if not isinstance(time_, str) or not time_:
                raise ValueError(f"A reading of sensor {sensor_id} has no phenomenon_time: {item!r}.")
            if result is not None and (isinstance(result, bool) or not isinstance(result, int | float)):
                raise ValueError(f"A reading of sensor {sensor_id} has a non-numeric result: {item!r}.")
            rows.append({"sensor_id": str(sensor_id), "phenomenon_time": time_, "result": result})
        if not rows:
            return
        keep = self.readings_per_sensor

        def write(conn: Connection) -> None:
            conn.execute(readings.insert().prefix_with("OR REPLACE"), rows)
            conn.execute(text(_TRIM_READINGS), {"sensor": str(sensor_id), "keep": keep})

        self._write(write, "The sensor readings")

    def readings(self, sensor_id: str, limit: int | None = None) -> builtins.list[tuple[str, float | None]]:
        """Cached readings of a sensor, newest first."""
        query = (
            select(readings.c.phenomenon_time, readings.c.result)
            .where(readings.c.sensor_id == str(sensor_id))
            .order_by(readings.c.phenomenon_time.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [tuple(row) for row in self._read(lambda conn: conn.execute(query).all())]

    # -- outbox ---------------------------------------------------------------------------
    def enqueue_async(
        self,
        kind: str,
        method: str,
        path: str,
        body: Any,
        *,
        resource: str | None,
        resource_id: str | int | None,
        base_version: int | None,
        idempotency_key: str | None = None,
    ) -> Future[OutboxEntry]:
        values = new_entry_values(
            kind,
            method,
            path,
            body,
            resource=resource,
            resource_id=resource_id,
            base_version=base_version,
            idempotency_key=idempotency_key,
        )
        # Urgent like every outbox write (see _outbox_write).
        return self._submit(lambda conn: insert_entry(conn, values), "The action", urgent=True)

    def enqueue(
        self,
        kind: str,
        method: str,
        path: str,
        body: Any,
        *,
        resource: str | None,
        resource_id: str | int | None,
        base_version: int | None,
        idempotency_key: str | None = None,
    ) -> OutboxEntry:
        """Durably queue an operator action; returns only once it is committed to disk.

        Show the action as pending only after this returns. ``CacheWriteError`` (disk full,
        read-only, I/O error) means it was NOT saved and nothing of it was written.
        """
        return self.enqueue_async(
            kind,
            method,
            path,
            body,
            resource=resource,
            resource_id=resource_id,
            base_version=base_version,
            idempotency_key=idempotency_key,
        ).result()

    def entry(self, entry_id: int) -> OutboxEntry:
        return self._read(lambda conn: fetch(conn, entry_id))

    def pending(self) -> builtins.list[OutboxEntry]:
        """Entries waiting to be sent, in the order they were taken."""
        return self.entries(states=("pending",))

    def entries(
        self,
        states: Iterable[str] | None = None,
        limit: int | None = None,
        resources: Iterable[tuple[str, str]] | None = None,
    ) -> builtins.list[OutboxEntry]:
        """Outbox entries in order, optionally only those in ``states`` or about ``resources``
        ((resource, id) pairs)."""
        states = None if states is None else builtins.list(states)
        resources = None if resources is None else builtins.list(resources)
        return self._read(lambda conn: select_entries(conn, states, limit, resources))

    def pending_count(self) -> int:
        """Actions not yet delivered (pending or being sent) — the status bar's number."""
        query = select(func.count()).select_from(outbox).where(outbox.c.state.in_(("pending", "sending")))
        return self._read(lambda conn: conn.execute(query).scalar_one())

    def conflict_count(self) -> int:
        query = select(func.count()).select_from(outbox).where(outbox.c.state == "conflict")
        return self._read(lambda conn: conn.execute(query).scalar_one())

    def mark_sending(self, entry_id: int) -> OutboxEntry:
        """pending → sending, counting the attempt. Do this before the request goes out."""
        return self._outbox_write(
            lambda conn: move(conn, entry_id, "mark_sending", "sending", attempts=outbox.c.attempts + 1)
        )

    def mark_applied(self, entry_id: int, response: Any, *, update_resource: bool = True) -> OutboxEntry:
        """sending → applied; with ``update_resource`` the response resource is cached in the same commit
        (an applied DELETE removes the cached row instead)."""

        def write(conn: Connection) -> OutboxEntry:
            entry = move(conn, entry_id, "mark_applied", "applied", response=response, last_error=None)
            if update_resource and entry.method == "DELETE" and entry.resource and entry.resource_id:
                conn.execute(
                    delete(resources).where(resources.c.resource == entry.resource, resources.c.id == entry.resource_id)
                )
            else:
                self._cache_resource(conn, entry.resource, response if update_resource else None)
            return entry

        return self._outbox_write(write)

    def mark_conflict(
        self, entry_id: int, server_current: Any, error: str, *, update_resource: bool = True
    ) -> OutboxEntry:
        """sending → conflict, keeping the server's current copy for the operator to compare."""

        def write(conn: Connection) -> OutboxEntry:
            entry = move(
                conn, entry_id, "mark_conflict", "conflict", server_current=server_current, last_error=str(error)
            )
            self._cache_resource(conn, entry.resource, server_current if update_resource else None)
            return entry

        return self._outbox_write(write)

    def mark_failed(self, entry_id: int, error: str) -> OutboxEntry:
        """sending → failed (the server refused it for good, e.g. 403 or 422)."""
        return self._outbox_write(lambda conn: move(conn, entry_id, "mark_failed", "failed", last_error=str(error)))

    def requeue(self, entry_id: int, error: str | None = None) -> OutboxEntry:
        """Back to pending with the same idempotency key (after a network error, or on request)."""
        values = {} if error is None else {"last_error": str(error)}
        return self._outbox_write(lambda conn: move(conn, entry_id, "requeue", "pending", **values))

    def cancel(self, entry_id: int) -> OutboxEntry:
        """Withdraw an entry that is not in flight (pending, failed or conflict)."""
        return self._outbox_write(lambda conn: move(conn, entry_id, "cancel", "cancelled"))

    def supersede(self, entry_id: int, body: Any, *, base_version: int | None) -> OutboxEntry:
        """Resolve a conflict by redoing the action on the server's version: one commit cancels
        the old entry and queues the new body under a NEW idempotency key (the old key is bound
        to the old body on the server)."""

        def write(conn: Connection) -> OutboxEntry:
            old = move(conn, entry_id, "cancel", "cancelled")
            values = new_entry_values(
                old.kind,
                old.method,
                old.path,
                body,
                resource=old.resource,
                resource_id=old.resource_id,
                base_version=base_version,
                idempotency_key=None,
            )
            return insert_entry(conn, values)

        return self._outbox_write(write, "The action")

    @staticmethod
    def _cache_resource(conn: Connection, resource: str | None, data: Any) -> None:
        if resource in RESOURCES and isinstance(data, Mapping) and "id" in data:
            conn.exec_driver_sql(_UPSERT_BY_VERSION, resource_row(resource, data, 0))

    # -- offline grant -------------------------------------------------------------------
    def put_offline_grant(self, user: Mapping[str, Any], expires_at: str, grant: str) -> None:
        """Keep the offline grant from the last online login (replaces any previous one)."""
        try:
            expiry = parse_iso(expires_at)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"The offline grant's expiry {expires_at!r} is not an ISO 8601 time.") from exc
        if not isinstance(grant, str) or not grant:
            raise ValueError("The offline grant token is empty.")
        row = {
            "id": 1,
            "user": dumps(dict(user)),
            "expires_at": expiry.isoformat(),
            "grant": grant,
            "saved_at": now_iso(),
        }
        self._write(
            lambda conn: conn.execute(offline_grant.insert().prefix_with("OR REPLACE").values(**row)),
            "The offline grant",
        )

    def offline_grant(self) -> OfflineGrant | None:
        row = self._read(lambda conn: conn.execute(select(offline_grant)).mappings().first())
        if row is None:
            return None
        return OfflineGrant(
            user=json.loads(row["user"]), expires_at=row["expires_at"], grant=row["grant"], saved_at=row["saved_at"]
        )

    def clear_offline_grant(self) -> None:
        """Forget the grant (on logout: an offline session must not outlive an explicit sign-out)."""
        self._write(lambda conn: conn.execute(delete(offline_grant)), "The offline grant")
