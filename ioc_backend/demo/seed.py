"""Fills an empty database with the Huế demo data set (users, cameras, sensors, history)."""

from __future__ import annotations

import hashlib
import logging
import random
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from ioc_backend.db import models
from ioc_backend.db.changes import bulk_create, record_change
from ioc_backend.db.engine import Database
from ioc_backend.db.meetings import refresh_summary
from ioc_backend.demo import alerts as demo_alerts
from ioc_backend.demo import cameras as demo_cameras
from ioc_backend.demo import documents as demo_documents
from ioc_backend.demo import meetings as demo_meetings
from ioc_backend.demo import reports as demo_reports
from ioc_backend.demo import sensors as demo_sensors
from ioc_backend.demo import tasks as demo_tasks
from ioc_backend.demo import users as demo_users
from ioc_backend.demo import warnings as demo_warnings
from ioc_backend.security import hash_password
from ioc_backend.timeutil import utcnow

log = logging.getLogger("ioc_backend.demo.seed")

DEMO_COUNTS = {"cameras": 700, "sensors": 60, "reports": 5000, "alerts": 2000, "tasks": 40, "meetings": 6}
READING_INTERVAL = timedelta(minutes=10)
READING_HISTORY = timedelta(hours=24)


def database_is_empty(db: Database) -> bool:
    with db.read() as session:
        users = session.execute(select(func.count()).select_from(models.User)).scalar_one()
        cameras = session.execute(select(func.count()).select_from(models.Camera)).scalar_one()
    return users == 0 and cameras == 0


def _sensor_history(sensors: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """24 h of readings every 10 min per sensor, walked forward with the simulator's model."""
    rng = random.Random("seed-readings")
    readings: list[dict[str, Any]] = []
    steps = int(READING_HISTORY / READING_INTERVAL)
    for sensor in sensors:
        status = sensor["status"]
        t = now - READING_HISTORY
        for _ in range(steps + 1):
            value, status = demo_sensors.next_reading(rng, sensor, t)
            sensor["last_result"] = value
            readings.append({"sensor_id": sensor["id"], "phenomenon_time": t, "result": value})
            t += READING_INTERVAL
        sensor["status"] = status
        sensor["last_phenomenon_time"] = t - READING_INTERVAL
    return readings


def _attach_documents_and_polls(
    session: Any,
    meeting_ids: list[int],
    meetings: list[dict[str, Any]],
    documents: list[list[tuple[str, bytes]]],
    now: datetime,
) -> None:
    """Give the demo meetings their PDF documents and, while not ended, an open poll."""
    leader = session.execute(select(models.User.id).where(models.User.username == "leader")).scalar()
    for meeting_id, meeting, docs in zip(meeting_ids, meetings, documents, strict=True):
        for filename, content in docs:
            session.add(
                models.MeetingDocument(
                    meeting_id=meeting_id,
                    filename=filename,
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    content=content,
                    uploaded_by=leader,
                    uploaded_at=now,
                )
            )
        poll = demo_documents.meeting_poll(meeting)
        if poll is not None:
            session.add(
                models.MeetingPoll(
                    meeting_id=meeting_id,
                    question=poll["question"],
                    options=poll["options"],
                    status="open",
                    tallies=[0] * len(poll["options"]),
                    created_by=leader,
                    created_at=now,
                )
            )
        row = session.get(models.Meeting, meeting_id)
        refresh_summary(session, row)
        record_change(session, row)


def seed_demo(db: Database, now: datetime | None = None) -> dict[str, float] | None:
    """Seed when the database is empty; returns counts and the time taken, or None if not empty."""
    if not database_is_empty(db):
        return None
    started = time.perf_counter()
    now = now or utcnow()
    # Argon2id is deliberately slow (~0.1-0.25 s per hash) and releases the GIL: hash the demo
    # passwords in parallel while the data set is generated.
    with ThreadPoolExecutor(max_workers=len(demo_users.DEMO_USERS), thread_name_prefix="ioc-seed-hash") as pool:
        pending = [pool.submit(hash_password, u["password"]) for u in demo_users.DEMO_USERS]
        cameras = demo_cameras.generate_cameras(DEMO_COUNTS["cameras"])
        sensors = demo_sensors.generate_sensors(DEMO_COUNTS["sensors"])
        readings = _sensor_history(sensors, now)
        reports = demo_reports.generate_reports(DEMO_COUNTS["reports"], now=now)
        alerts = demo_alerts.generate_alerts(DEMO_COUNTS["alerts"], cameras, now=now)
        meetings = demo_meetings.generate_meetings(DEMO_COUNTS["meetings"], now=now)
        meeting_docs = [demo_documents.meeting_documents(m, i) for i, m in enumerate(meetings)]
        tasks = demo_tasks.generate_tasks(DEMO_COUNTS["tasks"], now=now)
        hashes = [f.result() for f in pending]
    with db.write() as session:
        session.execute(
            insert(models.User),
            [
                {
                    "username": u["username"],
                    "full_name": u["full_name"],
                    "role": u["role"],
                    "password_hash": h,
                    "active": True,
                    "created_at": now,
                }
                for u, h in zip(demo_users.DEMO_USERS, hashes, strict=True)
            ],
        )
        bulk_create(session, "camera", [dict(c) for c in cameras])
        bulk_create(session, "sensor", [dict(s) for s in sensors])
        session.execute(insert(models.table_of(models.Reading)), readings)
        bulk_create(session, "report", [{**r, "notes": []} for r in reports])
        bulk_create(session, "alert", [dict(a) for a in alerts])
        meeting_ids = bulk_create(session, "meeting", [dict(m) for m in meetings])
        _attach_documents_and_polls(session, meeting_ids, meetings, meeting_docs, now)
        # Directives usually come out of a meeting: link every third task to one.
        bulk_create(
            session,
            "task",
            [
                {**t, "meeting_id": meeting_ids[i % len(meeting_ids)] if i % 3 == 0 else None}
                for i, t in enumerate(tasks)
            ],
        )
        # A few published CAP warnings from confirmed forest-fire and flood alerts.
        warnings_published = demo_warnings.seed_warnings(session, now)
    elapsed = time.perf_counter() - started
    counts: dict[str, float] = {**DEMO_COUNTS, "readings": len(readings), "seconds": round(elapsed, 2)}
    counts["warnings"] = warnings_published
    log.info("seeded demo data in %.2f s: %s", elapsed, counts)
    return counts
