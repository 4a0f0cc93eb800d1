"""The cache's single writer thread: every write runs there, one transaction at a time, in order."""

from __future__ import annotations

import itertools
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy import Connection

from backend_client.cache.errors import CacheClosedError
from backend_client.workers import Worker

log = logging.getLogger(__name__)

T = TypeVar("T")
WRITER_THREAD_NAME = "ioc-cache-writer"
# Queue priorities: lower runs first. Operator actions jump ahead of bulk sync pages so a
# click never waits behind a sync; the stop marker comes after everything already queued.
URGENT, NORMAL, _STOP_PRIORITY = 0, 1, 2
_STOP = object()


def sqlite_of(conn: Connection) -> sqlite3.Connection:
    """The pysqlite connection under a SQLAlchemy one, for executemany and PRAGMAs."""
    raw = conn.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        raise TypeError(f"the cache runs on SQLite, not on {type(raw).__name__}")
    return raw


class CacheWriter(Worker):
    """Owns the one write connection and runs submitted functions on it, serially, in a thread.

    SQLite allows one writer at a time anyway; funnelling all writes through one thread
    means no write ever waits on a lock, writes happen in submission order, and callers on
    any thread just wait on a Future. Each function runs inside its own transaction
    (``BEGIN IMMEDIATE`` … ``COMMIT``); if it raises, the transaction is rolled back and the
    exception is delivered through the Future. Work runs in submission order, except that
    ``urgent`` work goes before queued normal work (never before work already running).

    Every commit is fsynced (``PRAGMA synchronous = FULL``) unless the work is submitted with
    ``durable=False``: then its commit survives a crash of the process but may be lost on a
    power cut (``NORMAL``; never corrupts the WAL file). Later durable commits sync it too.
    """

    def __init__(
        self,
        connect: Callable[[], Connection],
        *,
        name: str = WRITER_THREAD_NAME,
        after_write: Callable[[Connection, bool], None] | None = None,
    ) -> None:
        super().__init__(name=name)
        self._connect = connect
        #: Called on the writer thread after each committed write (and after its caller was
        #: told), with whether the queue is empty: housekeeping such as WAL checkpoints that
        #: should not delay the write itself.
        self._after_write = after_write
        self._queue: queue.PriorityQueue[tuple[int, int, Any]] = queue.PriorityQueue()
        self._order = itertools.count()  # ties keep submission order (and never compare items)
        self._lock = threading.Lock()
        self._closed = False
        self._conn: Connection | None = None
        self._durable: bool | None = None  # the connection's synchronous setting: FULL, NORMAL or unknown
        # A daemon thread (see Worker) so a console that forgets close() can still exit; nothing
        # is lost by that, because a caller's write only counts as done once it has committed.
        self.start()

    def submit(self, fn: Callable[[Connection], T], *, urgent: bool = False, durable: bool = True) -> Future[T]:
        """Queue ``fn(connection)`` to run in its own transaction; the Future gets its result."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise CacheClosedError("The local cache is closed; nothing more can be written to it.")
            self._queue.put((URGENT if urgent else NORMAL, next(self._order), (fn, future, durable)))
        return future

    def run(self, fn: Callable[[Connection], T], *, urgent: bool = False) -> T:
        """Submit ``fn`` and block the calling thread until it has committed (or failed)."""
        if threading.current_thread() is self.thread:
            raise RuntimeError("CacheWriter.run() called from the writer thread itself would deadlock")
        return self.submit(fn, urgent=urgent).result()

    def close(self) -> None:
        """Refuse new work, finish everything already queued, then stop and join the thread."""
        self.stop(timeout=None)

    def wake_up(self) -> None:
        # The stop marker queues behind the work already submitted, so that work still commits.
        with self._lock:
            if not self._closed:
                self._closed = True
                self._queue.put((_STOP_PRIORITY, next(self._order), _STOP))

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self._connect()
        return self._conn

    def _discard_connection(self) -> None:
        """Drop a connection SQLite may have left unusable (after an I/O error); reopen on next use."""
        conn, self._conn = self._conn, None
        self._durable = None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                log.debug("closing a broken cache connection failed", exc_info=True)

    def loop(self) -> None:
        try:
            while True:
                _priority, _order, item = self._queue.get()
                if item is _STOP:
                    return
                fn, future, durable = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    conn = self._connection()
                    if durable is not self._durable:
                        # SQLite refuses to change this inside a transaction, so it is set before BEGIN.
                        sqlite_of(conn).execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
                        self._durable = durable
                    with conn.begin():
                        result = fn(conn)
                except BaseException as exc:  # noqa: BLE001 - delivered to the caller, who decides
                    if self._conn is not None and self._conn.in_transaction():
                        self._discard_connection()
                    future.set_exception(exc)
                else:
                    future.set_result(result)
                    if self._after_write is not None:
                        try:
                            self._after_write(conn, self._queue.empty())
                        except Exception:
                            log.warning("cache housekeeping after a write failed", exc_info=True)
        finally:
            self._discard_connection()
