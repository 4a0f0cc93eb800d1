"""The SLA watch: open alerts whose time to acknowledge or to close has passed are marked
breached, once, which moves them to the supervisors' escalation queue and tells every client."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ioc_backend.alerting import history
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.engine import Database
from ioc_backend.timeutil import iso, utcnow
from ioc_domain.alert_history import SLA_BREACH
from ioc_domain.alert_sla import breach_of
from ioc_domain.alerts import OPEN_ALERT_STATES

log = logging.getLogger("ioc_backend.alerting.sla_watch")

# Alerts marked per transaction: a backlog (a backend that was down for a day) is worked off in
# several short write transactions instead of one that holds the write lock for long.
BATCH = 500


def check_breaches(session: Session, now: datetime, *, limit: int = BATCH) -> list[int]:
    """Mark the open alerts whose SLA is broken at ``now``; returns their ids (at most ``limit``).

    Each gets ``sla_breached``/``sla_breached_at``, a "sla_breach" history entry naming the SLA
    and its due time, and a change event (record_change), in the caller's transaction.
    """
    alerts = models.Alert
    rows = session.execute(
        select(alerts)
        .where(
            alerts.sla_breached.is_(False),
            alerts.state.in_(OPEN_ALERT_STATES),
            or_(and_(alerts.state == "new", alerts.ack_due_at < now), alerts.close_due_at < now),
        )
        .order_by(alerts.id)
        .limit(limit)
    ).scalars()
    breached: list[int] = []
    for alert in rows:
        kind = breach_of(alert.state, alert.ack_due_at, alert.close_due_at, now)
        if kind is None:
            continue
        due = alert.ack_due_at if kind == "ack" else alert.close_due_at
        alert.sla_breached = True
        alert.sla_breached_at = now
        history.record(session, alert.id, SLA_BREACH, {"sla": kind, "due_at": iso(due)}, None, now)
        record_change(session, alert)
        breached.append(alert.id)
    return breached


class SlaWatch:
    """Thread ``ioc-sla-watch``: runs ``check_breaches`` every ``interval`` seconds until stopped."""

    def __init__(self, db: Database, interval: float, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.interval = interval
        self.clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ioc-sla-watch", daemon=True)
            self._thread.start()

    def run_once(self) -> list[int]:
        """One pass: every breach up to now, in batches of BATCH per transaction."""
        marked: list[int] = []
        while not self._stop.is_set():
            with self.db.write() as session:
                ids = check_breaches(session, self.clock())
            marked += ids
            if len(ids) < BATCH:
                break
        return marked

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                ids = self.run_once()
                if ids:
                    log.info("SLA breached on %d alert(s)", len(ids))
            except Exception:
                log.exception("SLA watch failed; will retry")

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
