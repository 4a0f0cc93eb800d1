"""Background thread that keeps the demo city alive: alerts, sensor readings, reports, camera flaps."""

from __future__ import annotations

import heapq
import logging
import random
import threading
import time
from collections import deque
from typing import Any

from sqlalchemy import func, select

from ioc_backend.alerting.ingest import ingest_detection
from ioc_backend.alerting.sensor_alerts import record_reading
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.engine import Database
from ioc_backend.demo import alerts as demo_alerts
from ioc_backend.demo import reports as demo_reports
from ioc_backend.demo import sensors as demo_sensors
from ioc_backend.timeutil import utcnow
from ioc_domain.statuses import REPORT_FINAL_STATUSES

log = logging.getLogger("ioc_backend.demo.simulator")

MEAN_ALERT_GAP = 6.0  # seconds; exponential gaps, so most fall in the 4-8 s range on average
SENSOR_PERIOD = 10.0
REPORT_PERIOD = 10.0
FLAP_PERIOD = 60.0
# Share of simulated detections that repeat one of the latest alerts' (bundling at work).
REPEAT_SHARE = 0.3
RECENT_ALERTS = 20


class Simulator:
    """Runs in thread ``ioc-simulator``; every write goes through ``record_change``."""

    def __init__(self, db: Database, *, seed: int | None = None) -> None:
        self.db = db
        self.rng = random.Random(seed)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._cameras: list[dict[str, Any]] = []
        self._sensors: dict[str, dict[str, Any]] = {}
        self._flapped: dict[str, str] = {}  # camera id -> status to restore
        self.counts = {"alerts": 0, "bundled": 0, "readings": 0, "episode_changes": 0, "reports": 0, "flaps": 0}
        # (camera id, analytic, severity) of the latest alerts opened, for repeated detections.
        self._recent: deque[tuple[str, str, str]] = deque(maxlen=RECENT_ALERTS)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="ioc-simulator", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # ------------------------------------------------------------------ loop
    def _run(self) -> None:
        try:
            self._load()
        except Exception:
            log.exception("simulator could not load its data; not running")
            return
        now = time.monotonic()
        # (due time, job name, sensor id or "") in a heap: the thread sleeps until the next one.
        agenda: list[tuple[float, str, str]] = [
            (now + self.rng.expovariate(1 / MEAN_ALERT_GAP), "alert", ""),
            (now + self.rng.uniform(2, REPORT_PERIOD), "report", ""),
            (now + self.rng.uniform(10, FLAP_PERIOD), "flap", ""),
        ]
        agenda += [(now + self.rng.uniform(0, SENSOR_PERIOD), "sensor", sid) for sid in self._sensors]
        heapq.heapify(agenda)
        while not self._stop.is_set():
            wait = agenda[0][0] - time.monotonic()
            if wait > 0 and self._stop.wait(wait):
                break
            # Collect every job due within the next 0.5 s so sensors share one transaction.
            horizon = time.monotonic() + 0.5
            due: list[tuple[float, str, str]] = []
            while agenda and agenda[0][0] <= horizon:
                due.append(heapq.heappop(agenda))
            try:
                self._do(due)
            except Exception:
                log.exception("simulator step failed; continuing")
            now = time.monotonic()
            for _, job, arg in due:
                heapq.heappush(agenda, (now + self._period(job), job, arg))

    def _period(self, job: str) -> float:
        if job == "alert":
            return min(self.rng.expovariate(1 / MEAN_ALERT_GAP), 30.0)
        if job == "sensor":
            return SENSOR_PERIOD + self.rng.uniform(-1.0, 1.0)
        if job == "report":
            return REPORT_PERIOD + self.rng.uniform(-3.0, 3.0)
        return FLAP_PERIOD + self.rng.uniform(-20.0, 20.0)  # flap

    def _load(self) -> None:
        with self.db.read() as session:
            self._cameras = [
                {
                    "id": c.id,
                    "name": c.name,
                    "ward": c.ward,
                    "category": c.category,
                    "lat": c.lat,
                    "lon": c.lon,
                    "ptz": c.ptz,
                    "status": c.status,
                }
                for c in session.execute(select(models.Camera)).scalars()
            ]
            self._sensors = {
                s.id: {
                    "id": s.id,
                    "name": s.name,
                    "kind": s.kind,
                    "ward": s.ward,
                    "last_result": s.last_result,
                    "status": s.status,
                }
                for s in session.execute(select(models.Sensor)).scalars()
            }
        self._give_thresholds()

    def _give_thresholds(self) -> None:
        """Demo sensors of a database seeded before sensors had thresholds (revision 0006) get
        their site's, once: without them a sensor has no episodes."""
        with self.db.write() as session:
            for row in session.execute(
                select(models.Sensor).where(
                    models.Sensor.id.in_(list(self._sensors)),
                    (models.Sensor.threshold_warning.is_(None)) | (models.Sensor.threshold_alarm.is_(None)),
                )
            ).scalars():
                row.threshold_warning, row.threshold_alarm = demo_sensors.site_thresholds(self._sensors[row.id])
                record_change(session, row)

    def _do(self, due: list[tuple[float, str, str]]) -> None:
        jobs = {job for _, job, _ in due}
        sensors = [arg for _, job, arg in due if job == "sensor"]
        with self.db.write() as session:
            if "alert" in jobs and self._cameras:
                self._new_alert(session)
            if sensors:
                self._read_sensors(session, sensors)
            if "report" in jobs:
                self._report_activity(session)
            if "flap" in jobs and self._cameras:
                self._flap_camera(session)

    # ------------------------------------------------------------------ jobs
    def _new_alert(self, session: Any) -> None:
        """A detection through the live ingest path: a new alert, or one more of a recent one."""
        now = utcnow()
        if self._recent and self.rng.random() < REPEAT_SHARE:
            # The engine keeps seeing what it saw: the detection bundles into the open alert
            # (or opens a new one when that was closed or its window passed).
            camera_id, analytic, severity = self.rng.choice(self._recent)
            confidence, bbox = round(self.rng.uniform(0.55, 0.99), 2), demo_alerts.random_bbox(self.rng)
        else:
            online = [c for c in self._cameras if c["status"] != "offline"] or self._cameras
            data = demo_alerts.random_alert(self.rng, online, now)
            camera_id, analytic, severity = data["camera_id"], data["analytic"], data["severity"]
            confidence, bbox = data["confidence"], data["bbox"]
            self._recent.append((camera_id, analytic, severity))
        _, bundled = ingest_detection(
            session,
            camera_id=camera_id,
            analytic=analytic,
            severity=severity,
            confidence=confidence,
            bbox=bbox,
            detected_at=now,
        )
        self.counts["bundled" if bundled else "alerts"] += 1

    def _read_sensors(self, session: Any, sensor_ids: list[str]) -> None:
        now = utcnow()
        for sid in sensor_ids:
            state = self._sensors.get(sid)
            row = session.get(models.Sensor, sid)
            if state is None or row is None:
                continue
            value, _band = demo_sensors.next_reading(self.rng, state, now)
            # The reading, the sensor's status by the episode rule and, when an episode starts or
            # escalates, its one alert (alerting.sensor_alerts).
            change = record_reading(session, row, value, now)
            state["last_result"], state["status"] = value, row.status
            self.counts["readings"] += 1
            if change is not None:
                self.counts["episode_changes"] += 1

    def _report_activity(self, session: Any) -> None:
        now = utcnow()
        if self.rng.random() < 0.4:
            record_change(session, models.Report(**demo_reports.random_report(self.rng, now), notes=[]), created=True)
            self.counts["reports"] += 1
            return
        report = session.execute(
            select(models.Report)
            .where(models.Report.status.notin_(sorted(REPORT_FINAL_STATUSES)))
            .order_by(func.random())
            .limit(1)
        ).scalar_one_or_none()
        if report is None:
            return
        new_status = demo_reports.next_report_status(self.rng, report.status)
        if new_status is None:
            return
        report.status, report.updated_datetime = new_status, now
        record_change(session, report)
        self.counts["reports"] += 1

    def _flap_camera(self, session: Any) -> None:
        # Restore one earlier flap, or take a camera down briefly (a realistic network blip).
        if self._flapped and self.rng.random() < 0.6:
            cam_id, status = next(iter(self._flapped.items()))
            del self._flapped[cam_id]
        else:
            cam = self.rng.choice(self._cameras)
            if cam["id"] in self._flapped or cam["status"] != "online":
                return
            self._flapped[cam["id"]] = cam["status"]
            cam_id, status = cam["id"], self.rng.choice(("offline", "degraded"))
        row = session.get(models.Camera, cam_id)
        if row is None:
            return
        row.status = status
        record_change(session, row)
        for cam in self._cameras:
            if cam["id"] == cam_id:
                cam["status"] = status
        self.counts["flaps"] += 1
