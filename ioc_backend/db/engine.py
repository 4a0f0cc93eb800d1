"""Database engine, sessions and the serialised write transaction every change goes through."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ioc_backend.db.files import secure_sqlite_files


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL (readers never block the writer), FKs and a busy timeout."""
    if url.startswith("sqlite"):
        # Pool sized like the worker thread pool (app.THREADPOOL_SIZE) so threads never queue for
        # a connection; SQLite connections are cheap.
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=16, max_overflow=48
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            # SQLite's lower() folds ASCII only; searches like "cầu" must also match "CẦU".
            dbapi_conn.create_function("lower", 1, _unicode_lower, deterministic=True)

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=16, max_overflow=48)


class Database:
    """Owns the engine; hands out read sessions and serialised write sessions.

    Why one process-wide write lock: the global change sequence is the autoincrement id of
    ``change_events``. SSE readers send "every event with id > last sent". If two writers
    could commit out of id order (B takes id 11, A takes id 10 but commits later), a reader
    that already sent 11 would never send 10. Serialising write transactions makes commit
    order equal id order, so "id > cursor" never skips anything. SQLite serialises writers
    anyway; PostgreSQL goes through the same lock (single backend process), so the guarantee
    holds there too. Reads take no lock.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        secure_sqlite_files(url)
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=True)
        self.write_lock = threading.Lock()
        self._after_commit: list[Callable[[int], None]] = []

    def on_commit(self, callback: Callable[[int], None]) -> None:
        """Register a callback run after each write commit with the last change-event id."""
        self._after_commit.append(callback)

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
        finally:
            # close() ends the transaction but keeps loaded rows usable (rollback would expire them).
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any exception, then notify."""
        with self.write_lock:
            session = self._sessions()
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                last_event = session.info.pop("last_event_id", None)
                session.close()
        if last_event is not None:
            for callback in self._after_commit:
                callback(last_event)

    def dispose(self) -> None:
        self.engine.dispose()
