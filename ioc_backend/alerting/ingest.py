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
from typing import Any, Protocol

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
    if alert.get("sensor_id") is not None:  # a sensor's threshold episode (alerting.sensor_alerts)
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
    "sensor_id",
)


def bundle_fields(alert: models.Alert) -> dict[str, Any]:
    """The columns of a stored alert that bundling (joins, absorb_changes) reads."""
    return {name: getattr(alert, name) for name in _BUNDLE_COLUMNS}


class CameraPlace(Protocol):
    """What a new alert takes from its camera: a ``models.Camera`` or a row of these columns."""

    ward: str
    lat: float
    lon: float


class _New(int):
    """An index into the batch's new alerts (their ids are known once they are inserted)."""


class _Existing(int):
    """The id of an open alert that was already stored."""


_Target = _New | _Existing


def ingest_detection(
    session: Session,
    *,
    camera_id: str,
    analytic: str,
    severity: str,
    confidence: float,
    bbox: Sequence[float],
    detected_at: datetime,
    camera: CameraPlace | None = None,
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
    session: Session, detections: Sequence[Detection], cameras: Mapping[str, CameraPlace]
) -> list[tuple[int, bool]]:
    """Store a batch of detections (oldest first, as ``ingest_detection`` would one by one) in a
    few statements: one query for the open alerts they may join, the new alerts and their change
    events inserted together, the history in one insert. An AI engine's burst of thousands of
    detections is then bound by the network, not by a flush per detection.

    ``cameras`` must hold every camera of the batch. Returns (alert id, bundled) in input order.
    """
    pairs = {(d.camera_id, d.analytic) for d in detections}
    # The open alerts a detection may join, as plain rows of the columns the rules read: a
    # burst's batch finds about as many open alerts on its cameras as it has detections, and
    # loading each as an ORM object took longer than the insert. Only the alerts a detection
    # actually joins are loaded as objects, at the end, to be changed through record_change.
    open_alerts: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if pairs:
        model = models.Alert
        rows = session.execute(
            select(model.id, *(getattr(model, name) for name in _BUNDLE_COLUMNS)).where(
                model.camera_id.in_({camera for camera, _ in pairs}),
                model.analytic.in_({analytic for _, analytic in pairs}),
                model.state.in_(OPEN_ALERT_STATES),
                model.sensor_id.is_(None),  # never a sensor's episode alert
            )
        ).mappings()
        for row in rows:
            if (row["camera_id"], row["analytic"]) in pairs:
                open_alerts.setdefault((row["camera_id"], row["analytic"]), []).append(dict(row))
    for candidates in open_alerts.values():  # the most recently detected first
        candidates.sort(key=lambda a: as_utc(a["last_detected_at"] or a["detected_at"]), reverse=True)

    new_rows: list[dict[str, Any]] = []  # alerts this batch opens, still to insert
    new_of_pair: dict[tuple[str, str], list[int]] = {}  # pair -> indexes into new_rows
    # Existing alerts a detection joined: id -> the names of the columns changed (first joined first).
    touched: dict[int, set[str]] = {}
    # (existing alert id or index into new_rows, action, detail, at)
    entries: list[tuple[_Target, str, dict[str, Any], datetime]] = []
    results: list[tuple[_Target, bool]] = [(_New(0), False)] * len(detections)
    for i in sorted(range(len(detections)), key=lambda n: as_utc(detections[n].detected_at)):
        det = replace(detections[i], bbox=tuple(detections[i].bbox), detected_at=as_utc(detections[i].detected_at))
        pair = (det.camera_id, det.analytic)
        joined: dict[str, Any] | None = None
        target: _Target | None = None
        for index in reversed(new_of_pair.get(pair, [])):  # the newest alert of this batch first
            if joins(new_rows[index], det):
                joined, target = new_rows[index], _New(index)
                break
        if joined is None:
            joined = next((a for a in open_alerts.get(pair, ())[:5] if joins(a, det)), None)
            if joined is not None:
                target = _Existing(joined["id"])
                touched.setdefault(joined["id"], set())
        if joined is not None and target is not None:
            changes = absorb_changes(joined, det)
            joined.update(changes)
            if isinstance(target, _Existing):
                touched[target].update(changes)
            entries.append((target, BUNDLED, bundled_detail(det, joined["detections"]), det.detected_at))
            results[i] = (target, True)
            continue
        cam = cameras[det.camera_id]
        new_rows.append(new_alert_fields(det, {"ward": cam.ward, "lat": cam.lat, "lon": cam.lon}))
        new_of_pair.setdefault(pair, []).append(len(new_rows) - 1)
        entries.append((_New(len(new_rows) - 1), DETECTED, detected_detail(det), det.detected_at))
        results[i] = (_New(len(new_rows) - 1), False)

    new_ids = bulk_create(session, "alert", new_rows)
    if touched:
        found = session.execute(select(models.Alert).where(models.Alert.id.in_(touched))).scalars()
        loaded = {alert.id: alert for alert in found}
        fields = {a["id"]: a for candidates in open_alerts.values() for a in candidates if a["id"] in touched}
        for alert_id_, names in touched.items():  # first joined first, as the change events were before
            alert = loaded[alert_id_]
            for name in names:
                setattr(alert, name, fields[alert_id_][name])
            record_change(session, alert)

    def alert_id(target: _Target) -> int:
        return new_ids[target] if isinstance(target, _New) else int(target)

    if entries:
        history_rows = [
            {"alert_id": alert_id(target), "at": at, "username": None, "role": None, "action": action, "detail": detail}
            for target, action, detail, at in entries
        ]
        insert_many(session, models.table_of(models.AlertHistoryEntry), history_rows)
    # A joined new alert is "bundled" only for the detections after its first.
    return [(alert_id(target), bundled) for target, bundled in results]
