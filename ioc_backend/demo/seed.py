"""Fills an empty database with the Huế demo data set (users, cameras, sensors, history)."""

from __future__ import annotations

import hashlib
import logging
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from ioc_backend.alerting import sensor_alerts
from ioc_backend.alerting.ingest import absorb_changes, bundled_detail, detected_detail
from ioc_backend.db import models
from ioc_backend.db.changes import bulk_create, record_change
from ioc_backend.db.engine import Database
from ioc_backend.db.meeting_members import check_in
from ioc_backend.db.meetings import agenda_items, refresh_summary, replace_agenda
from ioc_backend.db.readings import insert_readings
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
from ioc_domain.alert_history import BUNDLED, DETECTED, TRANSITION
from ioc_domain.sensor_episodes import END, ESCALATE, START, EpisodeTracker, Thresholds

log = logging.getLogger("ioc_backend.demo.seed")

DEMO_COUNTS = {"cameras": 700, "sensors": 60, "reports": 5000, "alerts": 2000, "tasks": 40, "meetings": 6}
# Every sensor: a week of readings every 10 minutes. Two Hương river stations: the same week every
# minute (the sensor panel's zoom from hours to days at full grain). The flood peaks at Kim Long
# FLOOD_PEAK_AGO before the seed's time, inside both.
READING_INTERVAL = timedelta(minutes=10)
READING_HISTORY = timedelta(days=7)
FINE_INTERVAL = timedelta(minutes=1)
FINE_HISTORY = timedelta(days=7)
FINE_SITES = frozenset({"Trạm thủy văn Kim Long - sông Hương", "Mực nước sông Hương - Cầu Trường Tiền"})
FLOOD_PEAK_AGO = timedelta(days=3)
# How the operator on duty handled the seeded flood's alerts: acknowledged minutes after each
# opened, closed ("resolved") a while after the readings fell back below the threshold.
EPISODE_ACK_AFTER = timedelta(minutes=4)
EPISODE_CLOSE_AFTER = timedelta(minutes=30)


def database_is_empty(db: Database) -> bool:
    with db.read() as session:
        users = session.execute(select(func.count()).select_from(models.User)).scalar_one()
        cameras = session.execute(select(func.count()).select_from(models.Camera)).scalar_one()
    return users == 0 and cameras == 0


@dataclass
class EpisodeStep:
    """A reading of the seeded history that started, escalated or ended its sensor's episode."""

    sensor: dict[str, Any]
    change: str
    level: str
    value: float
    at: datetime


def _sensor_history(
    sensors: list[dict[str, Any]], now: datetime
) -> tuple[list[tuple[str, datetime, float]], list[EpisodeStep]]:
    """The readings of the history walked forward with the simulator's model (and the flood), each
    sensor's status by the episode rule, and the readings that moved an episode."""
    rng = random.Random("seed-readings")
    flood_peak = now - FLOOD_PEAK_AGO
    readings: list[tuple[str, datetime, float]] = []  # (sensor id, time, value)
    steps: list[EpisodeStep] = []
    for sensor in sensors:
        fine = sensor["kind"] == "water_level" and sensor["name"] in FINE_SITES
        interval, history = (FINE_INTERVAL, FINE_HISTORY) if fine else (READING_INTERVAL, READING_HISTORY)
        tracker = EpisodeTracker(Thresholds(sensor["threshold_warning"], sensor["threshold_alarm"]))
        t = now - history
        for _ in range(int(history / interval) + 1):
            value, _band = demo_sensors.next_reading(rng, sensor, t, flood_peak)
            sensor["last_result"] = value
            readings.append((sensor["id"], t, value))
            step = tracker.observe(value, t)
            if step.change is not None:
                steps.append(EpisodeStep(sensor, step.change, step.level, value, t))
            t += interval
        sensor["status"] = tracker.level
        sensor["last_phenomenon_time"] = t - interval
    return readings, steps


def _episode_alerts(
    steps: list[EpisodeStep], cameras: list[dict[str, Any]], now: datetime
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The alerts the seeded episodes raised (one each, escalations joined), with their history;
    an episode that ended was closed by the operator on duty."""
    alerts: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    current: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}  # sensor id -> its episode's alert
    for step in sorted(steps, key=lambda s: s.at):
        sensor = step.sensor
        if step.change == START:
            camera = sensor_alerts.nearest_camera(cameras, sensor["ward"], sensor["lat"], sensor["lon"])
            det = None if camera is None else sensor_alerts.episode_detection(sensor, step.level, step.at, camera["id"])
            if det is None:
                continue
            row = sensor_alerts.episode_alert_fields(sensor, det)
            detail = {
                **detected_detail(det),
                "sensor_id": sensor["id"],
                **sensor_alerts.reading_detail(step.value, step.level),
            }
            history = [_system_entry(step.at, DETECTED, detail)]
            current[sensor["id"]] = (row, history)
            alerts.append((row, history))
        elif step.change == ESCALATE and sensor["id"] in current:
            row, history = current[sensor["id"]]
            det = sensor_alerts.episode_detection(sensor, step.level, step.at, row["camera_id"])
            if det is not None:
                row.update(absorb_changes(row, det))
                detail = {**bundled_detail(det, row["detections"]), "sensor_id": sensor["id"],
                          **sensor_alerts.reading_detail(step.value, step.level)}  # fmt: skip
                history.append(_system_entry(step.at, BUNDLED, detail))
        elif step.change == END and sensor["id"] in current:
            row, history = current.pop(sensor["id"])
            acknowledged, closed = row["first_detected_at"] + EPISODE_ACK_AFTER, step.at + EPISODE_CLOSE_AFTER
            if closed >= now:
                continue
            row.update(state="closed", close_reason="resolved", owner="operator", acknowledged_at=acknowledged,
                       closed_at=closed)  # fmt: skip
            history.append(_operator_entry(acknowledged, {"from": "new", "to": "acknowledged"}))
            history.append(_operator_entry(closed, {"from": "acknowledged", "to": "closed", "reason": "resolved"}))
    for row, history in alerts:
        demo_alerts.mark_breach(row, history, now)  # as the SLA watch would have left it
        history.sort(key=lambda entry: entry["at"])
    return alerts


def _system_entry(at: datetime, action: str, detail: dict[str, Any]) -> dict[str, Any]:
    return {"at": at, "username": None, "role": None, "action": action, "detail": detail}


def _operator_entry(at: datetime, detail: dict[str, Any]) -> dict[str, Any]:
    return {"at": at, "username": "operator", "role": "operator", "action": TRANSITION, "detail": detail}


def _attach_documents_and_polls(
    session: Any,
    meeting_ids: list[int],
    meetings: list[dict[str, Any]],
    documents: list[list[tuple[str, bytes]]],
    now: datetime,
) -> None:
    """Give the demo meetings their PDF documents and, while not ended, a draft poll (its chair
    opens it once the members are checked in: who may vote is who is present then)."""
    leader = session.execute(select(models.User.id).where(models.User.username == "leader")).scalar()
    for index, (meeting_id, meeting, docs) in enumerate(zip(meeting_ids, meetings, documents, strict=True)):
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
                    status="draft",
                    tallies=[0] * len(poll["options"]),
                    created_by=leader,
                    created_at=now,
                )
            )
        row = session.get(models.Meeting, meeting_id)
        _seed_meeting_procedure(session, row, meeting, index, now)
        refresh_summary(session, row)
        record_change(session, row)


def _seed_meeting_procedure(
    session: Any, row: models.Meeting, meeting: dict[str, Any], index: int, now: datetime
) -> None:
    """Members with their meeting roles, a quorum, agenda items with presenters, time budgets and
    documents; the meeting under way is at its first item with the chair and presenter present."""
    users = dict(session.execute(select(models.User.username, models.User.id)).all())
    for username, meeting_role in demo_meetings.DEMO_MEMBERS:
        session.add(models.MeetingMember(meeting_id=row.id, user_id=users[username], role=meeting_role, added_at=now))
    row.quorum = demo_meetings.demo_quorum(index)
    session.flush()
    doc_ids = list(
        session.execute(
            select(models.MeetingDocument.id)
            .where(models.MeetingDocument.meeting_id == row.id)
            .order_by(models.MeetingDocument.id)
        ).scalars()
    )
    entries = demo_meetings.demo_agenda_details(meeting, index, doc_ids)
    if entries:
        entries[0]["presenter_id"] = users["operator"]
    replace_agenda(session, row, entries)
    items = agenda_items(session, row.id)
    if meeting["status"] == "ended":
        for item in items:
            item.state = "done"
    elif meeting["status"] == "in_progress" and items:
        items[0].state = "current"
        for username in ("leader", "operator"):
            check_in(session, row.id, users[username])
        if doc_ids:  # the operator presents the meeting's agenda, first page
            view = {"kind": "document", "document_id": doc_ids[0], "page": 1, "zoom": 1.0}
            state = models.MeetingPresenter(id=row.id, presenter_id=users["operator"], view=view)
            record_change(session, state, created=True)
    session.flush()


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
        readings, episode_steps = _sensor_history(sensors, now)
        reports = demo_reports.generate_reports(DEMO_COUNTS["reports"], now=now)
        alerts = demo_alerts.generate_seeded_alerts(DEMO_COUNTS["alerts"], cameras, now=now)
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
        insert_readings(session, readings)
        bulk_create(session, "report", [{**r, "notes": []} for r in reports])
        alert_ids = bulk_create(session, "alert", [dict(a.row) for a in alerts])
        history = [{**entry, "alert_id": pk} for pk, a in zip(alert_ids, alerts, strict=True) for entry in a.history]
        # The alerts of the history's threshold episodes (the flood), as the simulator raises them.
        episodes = _episode_alerts(episode_steps, cameras, now)
        episode_ids = bulk_create(session, "alert", [dict(row) for row, _ in episodes])
        history += [
            {**entry, "alert_id": pk}
            for pk, (_, entries) in zip(episode_ids, episodes, strict=True)
            for entry in entries
        ]
        if history:
            session.execute(insert(models.table_of(models.AlertHistoryEntry)), history)
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
    counts["episode_alerts"] = len(episode_ids)
    counts["warnings"] = warnings_published
    log.info("seeded demo data in %.2f s: %s", elapsed, counts)
    return counts
