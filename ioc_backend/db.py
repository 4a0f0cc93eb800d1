"""Database engine, sessions and the serialised write transaction every change goes through."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import DateTime, bindparam, create_engine, event, inspect, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from ioc_backend.timeutil import as_utc

_log = logging.getLogger(__name__)
_REFRESH_BATCH = 1000


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: SQLite has no time zones, PostgreSQL gets the same."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    pass


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
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=True)
        self.write_lock = threading.Lock()
        self._after_commit: list[Callable[[int], None]] = []

    def create_schema(self) -> None:
        from ioc_backend import models  # noqa: F401  (registers the tables)

        Base.metadata.create_all(self.engine)
        # create_all skips tables that already exist, and with them any index added by a later
        # release (e.g. the one /sync uses to find deletes): add those to older databases too.
        for table in Base.metadata.tables.values():
            for index in table.indexes:
                index.create(self.engine, checkfirst=True)
        with self.engine.begin() as conn:
            self._add_missing_columns(conn)
            self._refresh_stored_json(conn)

    def _add_missing_columns(self, conn: Any) -> None:
        """Give tables of an older database the (nullable) columns a later release added.

        create_all never alters an existing table, and a missing column would fail every query
        of its model. Only nullable columns may be added this way: old rows get NULL.
        """
        existing = inspect(conn)
        for table in Base.metadata.sorted_tables:
            if not existing.has_table(table.name):
                continue
            present = {column["name"] for column in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name in present:
                    continue
                if not column.nullable:
                    raise RuntimeError(
                        f"Database table {table.name} lacks the NOT NULL column {column.name}; "
                        "it cannot be added automatically"
                    )
                preparer = self.engine.dialect.identifier_preparer
                type_sql = column.type.compile(dialect=self.engine.dialect)
                conn.execute(
                    text(
                        f"ALTER TABLE {preparer.format_table(table)} "
                        f"ADD COLUMN {preparer.format_column(column)} {type_sql}"
                    )
                )

    def _refresh_stored_json(self, conn: Any) -> None:
        """Rewrite the stored /sync JSON of every row of a resource table whose stored JSON is stale.

        /sync sends each row's stored JSON (``sync_json``, else its latest change event's
        payload). After an upgrade that added columns (or fields) both were written by the
        release before: without this, a client syncing an upgraded database would get those
        rows without the new fields (or, from a database older than ``sync_json`` itself, every
        row re-serialised on each /sync) until each row next changed. Stale means the newest
        row's stored JSON lacks (or has extra) keys against what the serialiser makes of it now;
        the rewrite goes in id order, so a rewrite cut short by a crash leaves the newest row
        stale and the next start finishes it. The version and seq stay: the resource did not change.
        """
        from ioc_backend.changes import compact_json
        from ioc_backend.serializers import RESOURCES

        for resource, (model, serialise) in RESOURCES.items():
            table = model.__table__
            if "sync_json" not in table.c or not self._stored_json_is_stale(conn, table, serialise):
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

    @staticmethod
    def _stored_json_is_stale(conn: Any, table: Any, serialise: Callable[[Any], dict[str, Any]]) -> bool:
        newest = conn.execute(select(*table.c).order_by(table.c.id.desc()).limit(1)).mappings().first()
        if newest is None:
            return False
        fields = {name: value for name, value in newest.items() if name != "sync_json"}
        try:
            stored = json.loads(newest["sync_json"] or "null")
        except ValueError:
            return True
        return not isinstance(stored, dict) or set(stored) != set(serialise(SimpleNamespace(**fields)))

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
