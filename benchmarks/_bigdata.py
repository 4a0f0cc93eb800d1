"""Benchmark fixtures: a big backend database built with the backend's own helpers, and its server process."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ioc_backend.db import models
from ioc_backend.db.changes import bulk_create, record_change
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.db.users import create_user
from ioc_backend.demo import alerts as demo_alerts
from ioc_backend.demo import cameras as demo_cameras
from ioc_backend.demo import reports as demo_reports
from ioc_backend.timeutil import utcnow

_LISTEN_RE = re.compile(r"IOC backend listening on (http://\S+)")
# Rows per bulk_create call: bounds the memory of the generated dicts plus their events.
_CHUNK = 20_000
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0


def build_backend_database(
    db_path: Path, *, reports: int, alerts: int, cameras: int, username: str, password: str
) -> dict[str, float]:
    """Create a backend database holding the given numbers of resources plus one operator account.

    Rows go in through ``ioc_backend.db.changes.bulk_create`` (the seeding path: version 1, one
    change event per row, seq = event id), in the seed's order — cameras, then reports, then
    alerts — so ``/sync`` serves them exactly as it would after ``--demo`` seeding at this scale.
    Returns the time each step took (seconds).
    """
    timings: dict[str, float] = {}
    now = utcnow()
    db = Database(f"sqlite:///{db_path}")
    try:
        upgrade_database(db)
        started = time.perf_counter()
        camera_rows = demo_cameras.generate_cameras(cameras)
        report_rows = demo_reports.generate_reports(reports, now=now) if reports else []
        alert_rows = demo_alerts.generate_alerts(alerts, camera_rows, now=now) if alerts else []
        timings["generate"] = time.perf_counter() - started
        started = time.perf_counter()
        with db.write() as session:
            # The backend's own account helper: Argon2id hash, role checked.
            create_user(session, username, password, "operator", "Benchmark operator")
        with db.write() as session:
            bulk_create(session, "camera", [dict(c) for c in camera_rows])
        for resource, rows in (
            ("report", [{**r, "notes": []} for r in report_rows]),
            ("alert", [dict(a) for a in alert_rows]),
        ):
            for start in range(0, len(rows), _CHUNK):
                with db.write() as session:
                    bulk_create(session, resource, rows[start : start + _CHUNK])
        timings["insert"] = time.perf_counter() - started
    finally:
        db.dispose()
    return timings


def change_resources(db_path: Path, count: int, *, seed: int = 7) -> dict[str, int]:
    """Change ``count`` existing resources through the backend's single write path (``record_change``).

    Three in four are reports moving along the Open311 flow, the rest alerts being
    acknowledged or closed — what a busy day of operators would produce. Each change bumps
    the version, logs a change event and stamps the row's seq, exactly like an API PATCH.
    Done in one write transaction from this process (SQLite serialises it against the running
    backend); the backend's ``/sync`` then serves the changes. Returns counts per resource.
    """
    rng = random.Random(seed)
    n_reports = count * 3 // 4
    n_alerts = count - n_reports
    db = Database(f"sqlite:///{db_path}")
    try:
        with db.write() as session:
            report_ids = session.execute(select(models.Report.id)).scalars().all()
            alert_ids = session.execute(select(models.Alert.id)).scalars().all()
            if len(report_ids) < n_reports or len(alert_ids) < n_alerts:
                raise ValueError(
                    f"cannot change {count} resources: only {len(report_ids)} reports and {len(alert_ids)} alerts exist"
                )
            chosen_reports = rng.sample(report_ids, n_reports)
            chosen_alerts = rng.sample(alert_ids, n_alerts)
            now = utcnow()
            for start in range(0, n_reports, 1000):
                rows = (
                    session.execute(
                        select(models.Report).where(models.Report.id.in_(chosen_reports[start : start + 1000]))
                    )
                    .scalars()
                    .all()
                )
                for row in rows:
                    row.status = rng.choice(("in_progress", "action_scheduled", "closed"))
                    row.updated_datetime = now
                    record_change(session, row)
            for start in range(0, n_alerts, 1000):
                rows = (
                    session.execute(
                        select(models.Alert).where(models.Alert.id.in_(chosen_alerts[start : start + 1000]))
                    )
                    .scalars()
                    .all()
                )
                for row in rows:
                    row.state = "closed" if row.state == "in_progress" else "acknowledged"
                    row.owner = "operator"
                    if row.state == "closed":
                        row.close_reason = "resolved"
                    record_change(session, row)
    finally:
        db.dispose()
    return {"report": n_reports, "alert": n_alerts}


@dataclass
class BackendProcess:
    """A running ``python -m ioc_backend`` and where its output goes."""

    url: str
    proc: subprocess.Popen[Any]
    log_path: Path

    def stop(self) -> None:
        """SIGTERM (the backend shuts down cleanly on it), SIGKILL if it does not exit in time."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_backend(db_path: Path, log_path: Path) -> BackendProcess:
    """Start the real backend on a free loopback port over ``db_path`` (no demo seeding, no simulator)."""
    args = [
        sys.executable,
        "-m",
        "ioc_backend",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        f"sqlite:///{db_path}",
        "--no-simulator",
        "--log-level",
        "warning",
    ]
    with open(log_path, "w", encoding="utf-8") as log_file:
        proc = subprocess.Popen(args, stdout=log_file, stderr=subprocess.STDOUT, env=dict(os.environ))
    backend = BackendProcess(url="", proc=proc, log_path=log_path)
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            text = log_path.read_text(encoding="utf-8", errors="replace")
            match = _LISTEN_RE.search(text)
            if match:
                backend.url = match.group(1)
                return backend
            if proc.poll() is not None:
                raise RuntimeError(f"the backend exited with status {proc.returncode}:\n{text}")
            time.sleep(0.05)
        raise RuntimeError(f"the backend did not start within {START_TIMEOUT_S:.0f} s:\n{text}")
    except BaseException:
        backend.stop()
        raise
