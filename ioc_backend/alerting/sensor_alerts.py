"""Sensor readings through the one episode rule: the reading stored, the sensor's value and status
(its episode level, ioc_domain.sensor_episodes) updated, and exactly one alert per threshold episode.

An episode's alert goes through the existing alert workflow: it is an ordinary alert (state ``new``,
the SLA of its analytic, a ``detected`` history entry) of the catalogued disaster analytic for the
sensor's kind (``SENSOR_ALERT_ANALYTIC``), with ``sensor_id`` naming the sensor and ``camera_id`` the
camera nearest to it (the camera an operator looks through to check the river or the slope: every
alert has a camera, so the queues, the video wall and the snapshot keep working). An escalation
(warning → alarm) within the episode joins that same alert as one more detection of higher
severity, as a repeated AI detection would; the end of an episode leaves the alert to the operator.
AI detections never bundle into a sensor's alert (ingest.joins).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ioc_backend.alerting.ingest import (
    Detection,
    absorb_changes,
    bundle_fields,
    bundled_detail,
    detected_detail,
    new_alert_fields,
)
from ioc_backend.db import models
from ioc_backend.db.changes import bulk_create, record_change
from ioc_backend.timeutil import as_utc
from ioc_domain.alert_history import BUNDLED, DETECTED
from ioc_domain.sensor_episodes import (
    ESCALATE,
    OK,
    SENSOR_ALERT_ANALYTIC,
    SEVERITY_OF_LEVEL,
    START,
    Thresholds,
    next_level,
    transition,
)

log = logging.getLogger(__name__)

# A reading is a measurement, not a guess: full confidence, and the whole frame of the camera.
SENSOR_CONFIDENCE = 1.0
WHOLE_FRAME: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)


def thresholds_of(sensor: Any) -> Thresholds | None:
    warning, alarm = getattr(sensor, "threshold_warning", None), getattr(sensor, "threshold_alarm", None)
    if warning is None or alarm is None:
        return None
    return Thresholds(warning=float(warning), alarm=float(alarm))


def nearest_camera(
    cameras: Sequence[Mapping[str, Any]], ward: str, lat: float, lon: float
) -> Mapping[str, Any] | None:
    """The camera nearest to (lat, lon), among the ward's cameras when it has any."""
    pool = [c for c in cameras if c["ward"] == ward] or list(cameras)
    if not pool:
        return None
    scale = math.cos(math.radians(lat))
    return min(pool, key=lambda c: ((c["lat"] - lat) ** 2 + ((c["lon"] - lon) * scale) ** 2, str(c["id"])))


def _cameras_near(session: Session, ward: str) -> list[dict[str, Any]]:
    columns = (models.Camera.id, models.Camera.ward, models.Camera.lat, models.Camera.lon)
    rows = session.execute(select(*columns).where(models.Camera.ward == ward)).mappings().all()
    if not rows:
        rows = session.execute(select(*columns)).mappings().all()
    return [dict(r) for r in rows]


def episode_detection(sensor: Mapping[str, Any], level: str, at: datetime, camera_id: str) -> Detection | None:
    """The detection a reading at ``level`` amounts to, or None for a kind that raises no alert."""
    analytic = SENSOR_ALERT_ANALYTIC.get(str(sensor["kind"]))
    if analytic is None or level not in SEVERITY_OF_LEVEL:
        return None
    return Detection(camera_id, analytic, SEVERITY_OF_LEVEL[level], SENSOR_CONFIDENCE, WHOLE_FRAME, as_utc(at))


def episode_alert_fields(sensor: Mapping[str, Any], det: Detection) -> dict[str, Any]:
    """The columns of the alert an episode of ``sensor`` opens: placed at the sensor, not the camera."""
    fields = new_alert_fields(det, {"ward": sensor["ward"], "lat": sensor["lat"], "lon": sensor["lon"]})
    fields["sensor_id"] = sensor["id"]
    return fields


def reading_detail(value: float, level: str) -> dict[str, Any]:
    """What a sensor alert's history entry adds to a detection's: the reading and its episode level."""
    return {"sensor_reading": value, "level": level}


def record_reading(
    session: Session, sensor: models.Sensor, value: float, at: datetime, *, store_reading: bool = True
) -> str | None:
    """Store one reading of ``sensor`` in the caller's transaction; returns what it did to the
    sensor's episode (``start``, ``escalate``, ``deescalate``, ``end`` or None)."""
    at = as_utc(at)
    if store_reading:
        session.add(models.Reading(sensor_id=sensor.id, phenomenon_time=at, result=value))
    thresholds = thresholds_of(sensor)
    before = sensor.status
    level = OK if thresholds is None else next_level(before, value, thresholds)
    change = transition(before, level)
    sensor.last_result, sensor.last_phenomenon_time, sensor.status = value, at, level
    record_change(session, sensor)
    if change == START:
        _open_episode_alert(session, sensor, level, value, at)
    elif change == ESCALATE:
        _escalate_episode_alert(session, sensor, level, value, at)
    return change


def _sensor_fields(sensor: models.Sensor) -> dict[str, Any]:
    return {"id": sensor.id, "kind": sensor.kind, "ward": sensor.ward, "lat": sensor.lat, "lon": sensor.lon}


def _open_episode_alert(session: Session, sensor: models.Sensor, level: str, value: float, at: datetime) -> None:
    if sensor.kind not in SENSOR_ALERT_ANALYTIC:
        return
    camera = nearest_camera(_cameras_near(session, sensor.ward), sensor.ward, sensor.lat, sensor.lon)
    if camera is None:
        log.warning("sensor %s crossed its %s threshold but there is no camera to attach an alert to", sensor.id, level)
        return
    det = episode_detection(_sensor_fields(sensor), level, at, str(camera["id"]))
    assert det is not None  # the kind raises alerts and the level is an episode's
    [alert_id] = bulk_create(session, "alert", [episode_alert_fields(_sensor_fields(sensor), det)])
    entry = {**detected_detail(det), "sensor_id": sensor.id, **reading_detail(value, level)}
    session.execute(
        insert(models.table_of(models.AlertHistoryEntry)),
        [{"alert_id": alert_id, "at": at, "username": None, "role": None, "action": DETECTED, "detail": entry}],
    )


def _escalate_episode_alert(session: Session, sensor: models.Sensor, level: str, value: float, at: datetime) -> None:
    # The episode's alert is the sensor's latest: every episode start opens one.
    alert = session.execute(
        select(models.Alert).where(models.Alert.sensor_id == sensor.id).order_by(models.Alert.id.desc()).limit(1)
    ).scalar_one_or_none()
    if alert is None:
        return
    det = episode_detection(_sensor_fields(sensor), level, at, alert.camera_id)
    if det is None:
        return
    # absorb_changes, not joins: the episode's alert takes the escalation even once an operator
    # moved it on (the same episode is never a second alert); its severity rises, due times shorten.
    for name, new in absorb_changes(bundle_fields(alert), det).items():
        setattr(alert, name, new)
    record_change(session, alert)
    entry = {**bundled_detail(det, alert.detections), "sensor_id": sensor.id, **reading_detail(value, level)}
    session.execute(
        insert(models.table_of(models.AlertHistoryEntry)),
        [{"alert_id": alert.id, "at": at, "username": None, "role": None, "action": BUNDLED, "detail": entry}],
    )
