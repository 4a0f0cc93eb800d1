"""Housekeeping: trim the change log, stale idempotency keys, expired tokens and old readings."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import Delete, delete, func, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.db.engine import Database
from ioc_backend.timeutil import utcnow

log = logging.getLogger("ioc_backend.db.maintenance")

# Readings are kept a year and a month: the sensor panel zooms out to a year (in daily buckets).
READING_RETENTION = timedelta(days=400)
TOKEN_GRACE = timedelta(days=1)
# How long an Idempotency-Key is remembered (a replay after that runs the request again).
KEY_TTL = timedelta(days=7)


def _deleted(session: Session, statement: Delete) -> int:
    """Run a DELETE and say how many rows it removed."""
    return cast("CursorResult[Any]", session.execute(statement)).rowcount or 0


def prune_idempotency(session: Session) -> int:
    return _deleted(
        session, delete(models.IdempotencyRecord).where(models.IdempotencyRecord.created_at < utcnow() - KEY_TTL)
    )


def prune(db: Database, event_retention: int) -> dict[str, int]:
    """Keep the newest ``event_retention`` change events (older Last-Event-IDs get a reset)."""
    now = utcnow()
    with db.write() as session:
        max_id = session.execute(select(func.max(models.ChangeEvent.id))).scalar_one() or 0
        events = 0
        if max_id > event_retention:
            events = _deleted(
                session, delete(models.ChangeEvent).where(models.ChangeEvent.id <= max_id - event_retention)
            )
        keys = prune_idempotency(session)
        tokens = _deleted(session, delete(models.Token).where(models.Token.expires_at < now - TOKEN_GRACE))
        readings = _deleted(
            session, delete(models.Reading).where(models.Reading.phenomenon_time < now - READING_RETENTION)
        )
    removed = {"events": events, "idempotency_keys": keys, "tokens": tokens, "readings": readings}
    if any(removed.values()):
        log.info("pruned %s", removed)
    return removed


class MaintenanceThread:
    """Thread ``ioc-maintenance``: runs ``prune`` every ``period`` seconds until stopped."""

    def __init__(self, db: Database, event_retention: int, period: float = 60.0) -> None:
        self.db = db
        self.event_retention = event_retention
        self.period = period
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ioc-maintenance", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.period):
            try:
                prune(self.db, self.event_retention)
            except Exception:
                log.exception("maintenance failed; will retry")

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
