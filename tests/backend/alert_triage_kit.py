"""Seed alerts with known states, verdicts, dispatches and warnings straight into a backend's database.

The funnel and bulk tests need records whose every figure is known in advance, which the
randomised demo data cannot give. Rows are written through the backend's own write path
(``record_change``), so they carry versions and change events like rows the API made, and they
can be seeded into the database of a running backend process (SQLite in WAL mode lets the two
processes share it). Seed them in a time window of their own (e.g. in 2021) so the demo's alerts,
all recent, never fall into it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.engine import Database
from ioc_backend.db.payloads import alert_dict, warning_dict
from ioc_domain.analytics import ANALYTICS_BY_CODE


@contextmanager
def backend_db(db_path: Path) -> Iterator[Database]:
    """The SQLite database of a running backend (BackendProcess.db_path), opened from the test."""
    db = Database(f"sqlite:///{db_path}")
    try:
        yield db
    finally:
        db.dispose()


def seed_alert(
    db: Database,
    *,
    camera_id: str,
    analytic: str,
    first_detected_at: datetime,
    state: str = "new",
    ward: str | None = None,
    severity: str | None = None,
    detections: int = 1,
    verdict: str | None = None,
    close_reason: str | None = None,
    dispatch_unit: str | None = None,
    owner: str | None = None,
    ack_after: timedelta | None = None,
    close_after: timedelta | None = None,
) -> dict[str, Any]:
    """One alert exactly as described; returns its API dict (version 1).

    ``ack_after`` / ``close_after``: acknowledged_at / closed_at that long after first detection.
    A verdict or a dispatch is stamped by ``owner`` (or "operator") at the acknowledgement time.
    """
    last = first_detected_at + timedelta(minutes=max(detections - 1, 0))
    acknowledged_at = first_detected_at + ack_after if ack_after is not None else None
    stamp_at = (acknowledged_at or first_detected_at).isoformat(timespec="milliseconds")
    by = owner or "operator"
    with db.write() as session:
        camera = session.get(models.Camera, camera_id)
        assert camera is not None, f"no camera {camera_id} in the database"
        alert = models.Alert(
            analytic=analytic,
            severity=severity or ANALYTICS_BY_CODE[analytic].default_severity,
            camera_id=camera_id,
            ward=ward if ward is not None else camera.ward,
            lat=camera.lat,
            lon=camera.lon,
            detected_at=last,
            confidence=0.9,
            bbox=[0.1, 0.1, 0.2, 0.2],
            state=state,
            close_reason=close_reason,
            owner=owner,
            notes=[],
            verification={"verdict": verdict, "by": by, "at": stamp_at} if verdict else None,
            dispatch={"unit": dispatch_unit, "by": by, "at": stamp_at} if dispatch_unit else None,
            detections=detections,
            first_detected_at=first_detected_at,
            last_detected_at=last,
            acknowledged_at=acknowledged_at,
            closed_at=first_detected_at + close_after if close_after is not None else None,
            sla_breached=False,
        )
        record_change(session, alert, created=True)
        return alert_dict(alert)


def seed_new_alerts(db: Database, count: int, *, camera_id: str, analytic: str, first: datetime) -> list[int]:
    """``count`` new alerts, one minute apart, in one transaction (fast enough for hundreds)."""
    ids = []
    with db.write() as session:
        camera = session.get(models.Camera, camera_id)
        assert camera is not None, f"no camera {camera_id} in the database"
        for n in range(count):
            detected = first + timedelta(minutes=n)
            alert = models.Alert(
                analytic=analytic,
                severity=ANALYTICS_BY_CODE[analytic].default_severity,
                camera_id=camera_id,
                ward=camera.ward,
                lat=camera.lat,
                lon=camera.lon,
                detected_at=detected,
                confidence=0.8,
                bbox=[0.1, 0.1, 0.2, 0.2],
                state="new",
                notes=[],
                detections=1,
                first_detected_at=detected,
                last_detected_at=detected,
                sla_breached=False,
            )
            record_change(session, alert, created=True)
            ids.append(alert.id)
    return ids


def seed_warning(db: Database, alert_id: int | None, *, state: str = "published", at: datetime) -> dict[str, Any]:
    """A minimal CAP-shaped warning on ``alert_id`` in ``state`` (draft | published | external)."""
    with db.write() as session:
        serial = session.execute(select(func.count()).select_from(models.PublicWarning)).scalar_one() + 1
        warning = models.PublicWarning(
            identifier=f"test-kit-{alert_id}-{serial}-{at.timestamp():.0f}",
            sender="ioc@hue.gov.vn",
            state=state,
            status="Actual",
            msg_type="Alert",
            scope="Public",
            sent=at if state != "draft" else None,
            alert_id=alert_id,
            info=[
                {
                    "language": "vi-VN",
                    "category": ["Fire"],
                    "event": "Cháy rừng",
                    "urgency": "Immediate",
                    "severity": "Severe",
                    "certainty": "Observed",
                    "headline": "Cảnh báo cháy rừng",
                    "description": "Phát hiện cháy rừng.",
                    "instruction": "Tránh xa khu vực.",
                }
            ],
            area={"description": "A Lưới", "polygon": None, "circle": {"lat": 16.2, "lon": 107.2, "radius_km": 2.0}},
            created_by="operator",
            created_at=at,
            published_by="supervisor" if state == "published" else None,
        )
        record_change(session, warning, created=True)
        return warning_dict(warning)


def alert_row(db: Database, alert_id: int) -> dict[str, Any]:
    """The alert as stored now (API dict)."""
    with db.read() as session:
        alert = session.get(models.Alert, alert_id)
        assert alert is not None, alert_id
        return alert_dict(alert)


def change_events_of(db: Database, alert_id: int, after: int = 0) -> list[dict[str, Any]]:
    """The change events logged for one alert after event id ``after``, oldest first."""
    with db.read() as session:
        events = session.execute(
            select(models.ChangeEvent)
            .where(
                models.ChangeEvent.resource == "alert",
                models.ChangeEvent.resource_id == str(alert_id),
                models.ChangeEvent.id > after,
            )
            .order_by(models.ChangeEvent.id)
        ).scalars()
        return [{"id": e.id, "op": e.op, "data": e.data} for e in events]


def last_event_id(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.coalesce(func.max(models.ChangeEvent.id), 0))).scalar_one())


def history_of(db: Database, alert_id: int) -> list[dict[str, Any]]:
    """The alert_history rows of one alert, oldest first (read directly, not through the API)."""
    with db.read() as session:
        rows = session.execute(
            select(models.AlertHistoryEntry)
            .where(models.AlertHistoryEntry.alert_id == alert_id)
            .order_by(models.AlertHistoryEntry.id)
        ).scalars()
        return [
            {"action": r.action, "username": r.username, "role": r.role, "detail": dict(r.detail or {})} for r in rows
        ]
