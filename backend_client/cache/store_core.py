"""The cache's plumbing: opening the SQLite file, its one writer and pooled readers, checkpoints."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self, TypeVar

from sqlalchemy import Connection, Engine, create_engine, delete, event, select
from sqlalchemy.pool import NullPool, QueuePool

from backend_client.cache.errors import (
    CacheClosedError,
    CacheError,
    CacheOpenError,
    is_corruption,
    is_sqlite_error,
    write_error_from,
)
from backend_client.cache.paths import default_cache_path, tighten_permissions
from backend_client.cache.recovery import (
    BUSY_TIMEOUT_S,
    OPEN_MARKER_KEY,
    RecoveryNotice,
    prepare_cache_file,
    replace_corrupt_file,
)
from backend_client.cache.schema import outbox, sync_state
from backend_client.cache.timeutil import now_iso
from backend_client.cache.writer import sqlite_of

T = TypeVar("T")
_log = logging.getLogger(__name__)

DEFAULT_READINGS_PER_SENSOR = 500
DEFAULT_MAX_SNAPSHOTS = 2000
DEFAULT_MAX_DOCUMENT_BYTES = 512 * 1024 * 1024
#: How long delivered (applied) and withdrawn (cancelled) outbox entries are kept for the panel.
OUTBOX_HISTORY = timedelta(days=7)
WRITER_CACHE_KIB = 65536
WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024
CHECKPOINT_IDLE_BYTES = 4 * 1024 * 1024  # SQLite's default auto-checkpoint: 1000 pages of 4 KiB
# While a multi-page sync is written (CacheStore.bulk_sync) the WAL may grow this far first.
BULK_WAL_LIMIT_BYTES = 512 * 1024 * 1024
CHECKPOINT_THREAD_NAME = "ioc-cache-checkpoint"


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


class StoreCore:
    """Opening and closing the cache file, its one writer and its readers, checkpoints, sync state.

    The base of every part of ``CacheStore`` (see store.py): each part adds the methods of one job.
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
    def open_default(cls, backend_url: str, username: str, **kwargs: Any) -> Self:
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
        raw = sqlite_of(conn)
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
            sqlite_of(conn).execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

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
        writer_thread = self.writer.thread
        if (
            not self.damage_seen
            and writer_thread is not None
            and writer_thread.is_alive()
            and threading.current_thread() is not writer_thread
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def journal_mode(self) -> str:
        return str(self._read(lambda conn: conn.exec_driver_sql("PRAGMA journal_mode").scalar()))

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
