"""Detections from the AI engine become alerts: a new alert with its SLA due times, or, when the
same analytic fired on the same camera within its bundling window, one more detection of the
alert already open (ioc_domain.alert_sla).

The rules are plain functions over the alert's fields (``new_alert_fields``, ``joins``,
``absorb_changes``) so the demo seed can build thousands of rows with them without a query per
detection; ``ingest_detection`` applies them to the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.db.changes import bulk_create, insert_many, record_change
from ioc_backend.timeutil import as_utc, iso
from ioc_domain.alert_history import BUNDLED, DETECTED
from ioc_domain.alert_sla import bundle_window_s, due_times
from ioc_domain.alerts import OPEN_ALERT_STATES

SEVERITY_RANK = {"info": 0, "warning": 1, "critical": 2}


@dataclass(frozen=True)
class Detection:
    """One detection as the AI engine reports it (bbox: x, y, w, h as fractions of the frame)."""

    camera_id: str
    analytic: str
    severity: str
    confidence: float
    bbox: Sequence[float]
    detected_at: datetime


def new_alert_fields(det: Detection, camera: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of a new alert opened by ``det`` on ``camera`` (a mapping with ward, lat, lon)."""
    at = as_utc(det.detected_at)
    ack_due, close_due = due_times(det.analytic, det.severity, at)
    return {
        "analytic": det.analytic,
        "severity": det.severity,
        "camera_id": det.camera_id,
        "ward": camera["ward"],
        "lat": camera["lat"],
        "lon": camera["lon"],
        "detected_at": at,
        "confidence": det.confidence,
        "bbox": [float(v) for v in det.bbox],
        "state": "new",
        "close_reason": None,
        "owner": None,
        "notes": [],
        "detections": 1,
        "first_detected_at": at,
        "last_detected_at": at,
        "acknowledged_at": None,
        "closed_at": None,
        "ack_due_at": ack_due,
        "close_due_at": close_due,
        "sla_breached": False,
        "sla_breached_at": None,
    }


def _first_last(alert: Mapping[str, Any]) -> tuple[datetime, datetime]:
    # Rows from before revision 0003 have only detected_at.
    first = alert.get("first_detected_at") or alert["detected_at"]
    last = alert.get("last_detected_at") or alert["detected_at"]
    return as_utc(first), as_utc(last)


def joins(alert: Mapping[str, Any], det: Detection) -> bool:
    """Does ``det`` belong to ``alert``: same camera and analytic, the alert still open, and the
    detection within the analytic's window of the alert's detections (either side: the engine
    may deliver a slightly older detection after a newer one)."""
    if alert["camera_id"] != det.camera_id or alert["analytic"] != det.analytic:
        return False
    if alert["state"] not in OPEN_ALERT_STATES:
        return False
    window = timedelta(seconds=bundle_window_s(det.analytic))
    first, last = _first_last(alert)
    at = as_utc(det.detected_at)
    return first - window <= at <= last + window


def absorb_changes(alert: Mapping[str, Any], det: Detection) -> dict[str, Any]:
    """The columns that change when ``det`` joins ``alert``.

    The newest detection's snapshot data (time, confidence, bbox) become the alert's; a higher
    severity raises the alert's and can only shorten its due times (a fire that grew is more
    urgent, a weaker repeat makes it no less so).
    """
    first, last = _first_last(alert)
    at = as_utc(det.detected_at)
    changes: dict[str, Any] = {
        "detections": (alert.get("detections") or 1) + 1,
        "first_detected_at": min(first, at),
        "last_detected_at": max(last, at),
    }
    if at >= last:
        changes.update(detected_at=at, confidence=det.confidence, bbox=[float(v) for v in det.bbox])
    if SEVERITY_RANK.get(det.severity, 0) > SEVERITY_RANK.get(alert["severity"], 0):
        changes["severity"] = det.severity
        ack_due, close_due = due_times(alert["analytic"], det.severity, changes["first_detected_at"])
        old_ack, old_close = alert.get("ack_due_at"), alert.get("close_due_at")
        changes["ack_due_at"] = min(ack_due, as_utc(old_ack)) if old_ack else ack_due
        changes["close_due_at"] = min(close_due, as_utc(old_close)) if old_close else close_due
    return changes


def detected_detail(det: Detection) -> dict[str, Any]:
    return {
        "detected_at": iso(det.detected_at),
        "severity": det.severity,
        "confidence": det.confidence,
        "bbox": [float(v) for v in det.bbox],
    }


def bundled_detail(det: Detection, detections: int) -> dict[str, Any]:
    return {**detected_detail(det), "detections": detections}


_BUNDLE_COLUMNS = (
    "camera_id",
    "analytic",
    "state",
    "severity",
    "detections",
    "detected_at",
    "first_detected_at",
    "last_detected_at",
    "ack_due_at",
    "close_due_at",
)


def _fields_of(alert: models.Alert) -> dict[str, Any]:
    return {name: getattr(alert, name) for name in _BUNDLE_COLUMNS}


def ingest_detection(
    session: Session,
    *,
    camera_id: str,
    analytic: str,
    severity: str,
    confidence: float,
    bbox: Sequence[float],
    detected_at: datetime,
    camera: models.Camera | None = None,
) -> tuple[models.Alert, bool]:
    """Store one detection in the caller's transaction (a batch of one); True when it joined an
    open alert.

    Raises LookupError when the camera does not exist (the API checks this first and answers 422).
    """
    cam = camera if camera is not None else session.get(models.Camera, camera_id)
    if cam is None:
        raise LookupError(f"camera {camera_id!r} does not exist")
    det = Detection(camera_id, analytic, severity, confidence, tuple(bbox), as_utc(detected_at))
    [(alert_id, bundled)] = ingest_batch(session, [det], {camera_id: cam})
    alert = session.get(models.Alert, alert_id)
    assert alert is not None  # inserted or updated just now, in this transaction
    return alert, bundled


def ingest_batch(
    session: Session, detections: Sequence[Detection], cameras: Mapping[str, models.Camera]
) -> list[tuple[int, bool]]:
    """Store a batch of detections (oldest first, as ``ingest_detection`` would one by one) in a
    few statements: one query for the open alerts they may join, the new alerts and their change
    events inserted together, the history in one insert. An AI engine's burst of thousands of
    detections is then bound by the network, not by a flush per detection.

    ``cameras`` must hold every camera of the batch. Returns (alert id, bundled) in input order.
    """
    pairs = {(d.camera_id, d.analytic) for d in detections}
    open_alerts: dict[tuple[str, str], list[models.Alert]] = {}
    if pairs:
        rows = session.execute(
            select(models.Alert).where(
                models.Alert.camera_id.in_({camera for camera, _ in pairs}),
                models.Alert.analytic.in_({analytic for _, analytic in pairs}),
                models.Alert.state.in_(OPEN_ALERT_STATES),
            )
        ).scalars()
        for alert in rows:
            if (alert.camera_id, alert.analytic) in pairs:
                open_alerts.setdefault((alert.camera_id, alert.analytic), []).append(alert)
    for candidates in open_alerts.values():  # the most recently detected first
        candidates.sort(key=lambda a: as_utc(a.last_detected_at or a.detected_at), reverse=True)

    new_rows: list[dict[str, Any]] = []  # alerts this batch opens, still to insert
    new_of_pair: dict[tuple[str, str], list[int]] = {}  # pair -> indexes into new_rows
    touched: dict[int, models.Alert] = {}  # existing alerts a detection joined
    # (existing alert or index into new_rows, action, detail, at)
    entries: list[tuple[models.Alert | int, str, dict[str, Any], datetime]] = []
    results: list[tuple[models.Alert | int, bool]] = [(0, False)] * len(detections)
    for i in sorted(range(len(detections)), key=lambda n: as_utc(detections[n].detected_at)):
        det = replace(detections[i], bbox=tuple(detections[i].bbox), detected_at=as_utc(detections[i].detected_at))
        pair = (det.camera_id, det.analytic)
        joined: models.Alert | int | None = None
        for index in reversed(new_of_pair.get(pair, [])):  # the newest alert of this batch first
            if joins(new_rows[index], det):
                joined = index
                break
        if joined is None:
            joined = next((a for a in open_alerts.get(pair, ())[:5] if joins(_fields_of(a), det)), None)
        if isinstance(joined, int):
            new_rows[joined].update(absorb_changes(new_rows[joined], det))
            detail = bundled_detail(det, new_rows[joined]["detections"])
            entries.append((joined, BUNDLED, detail, det.detected_at))
            results[i] = (joined, True)
            continue
        if joined is not None:
            for name, value in absorb_changes(_fields_of(joined), det).items():
                setattr(joined, name, value)
            touched[id(joined)] = joined
            entries.append((joined, BUNDLED, bundled_detail(det, joined.detections), det.detected_at))
            results[i] = (joined, True)
            continue
        cam = cameras[det.camera_id]
        new_rows.append(new_alert_fields(det, {"ward": cam.ward, "lat": cam.lat, "lon": cam.lon}))
        new_of_pair.setdefault(pair, []).append(len(new_rows) - 1)
        entries.append((len(new_rows) - 1, DETECTED, detected_detail(det), det.detected_at))
        results[i] = (len(new_rows) - 1, False)

    new_ids = bulk_create(session, "alert", new_rows)
    for alert in touched.values():
        record_change(session, alert)

    def alert_id(target: models.Alert | int) -> int:
        return new_ids[target] if isinstance(target, int) else int(target.id)

    if entries:
        history_rows = [
            {"alert_id": alert_id(target), "at": at, "username": None, "role": None, "action": action, "detail": detail}
            for target, action, detail, at in entries
        ]
        insert_many(session, models.table_of(models.AlertHistoryEntry), history_rows)
    # A joined new alert is "bundled" only for the detections after its first.
    return [(alert_id(target), bundled) for target, bundled in results]
