"""Demo public warnings: a few published CAP warnings drafted from confirmed forest-fire and
flood alerts of the seeded data set, as a supervisor would have sent them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.timeutil import as_utc
from ioc_domain.cap import DEFAULT_SENDER, draft_from_alert, warning_identifier

# (analytics of one hazard, how many warnings of it): forest fires and floods are what Huế warns
# the public about most; each hazard gets its own few.
DEMO_WARNINGS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("forest_fire",), 2),
    (("flooded_road", "water_level_rise"), 2),
)
# The demo's duty officers: who drafted, who published.
DRAFTER, PUBLISHER = "operator", "supervisor"
# How long after the detection each step happened in the demo story.
_VERIFIED_AFTER = timedelta(minutes=4)
_DRAFTED_AFTER = timedelta(minutes=9)
_SENT_AFTER = timedelta(minutes=15)
_IN_FORCE = timedelta(hours=12)


def _is_confirmed(alert: models.Alert) -> bool:
    return (alert.verification or {}).get("verdict") == "confirmed"


def _candidates(session: Any, analytics: tuple[str, ...], count: int, now: datetime) -> list[models.Alert]:
    """The newest alerts of ``analytics`` that an operator confirmed on camera (the seed's own
    verdicts, with their history), detected long enough ago for a warning to have gone out."""
    rows = (
        session.execute(
            select(models.Alert)
            .where(models.Alert.analytic.in_(analytics), models.Alert.detected_at <= now - _SENT_AFTER)
            .order_by(models.Alert.detected_at.desc())
        )
        .scalars()
        .all()
    )
    return [a for a in rows if _is_confirmed(a)][:count]


def _sent_at(session: Any, alert: models.Alert) -> datetime:
    """When the demo's supervisor sent the warning: a while after the verdict, and after whatever
    the alert's history already holds (the history stays in time order)."""
    verified = datetime.fromisoformat(str((alert.verification or {}).get("at")))
    latest = session.execute(
        select(func.max(models.AlertHistoryEntry.at)).where(models.AlertHistoryEntry.alert_id == alert.id)
    ).scalar()
    sent = as_utc(verified) + _SENT_AFTER - _VERIFIED_AFTER
    if latest is not None:
        sent = max(sent, as_utc(latest) + timedelta(minutes=1))
    return sent.replace(microsecond=0) + timedelta(seconds=1)


def _publish(session: Any, alert: models.Alert, camera_name: str) -> models.PublicWarning:
    detected = as_utc(alert.detected_at)
    body = draft_from_alert(
        {
            "id": alert.id,
            "analytic": alert.analytic,
            "severity": alert.severity,
            "camera_id": alert.camera_id,
            "ward": alert.ward,
            "lat": alert.lat,
            "lon": alert.lon,
            "detected_at": detected,
        },
        {"camera": camera_name},
    )
    sent = _sent_at(session, alert)
    for block in body["info"]:
        block["expires"] = (sent + _IN_FORCE).isoformat()
    created = sent - (_SENT_AFTER - _DRAFTED_AFTER)
    warning = models.PublicWarning(
        identifier=f"pending-demo-{alert.id}",  # replaced below, once the id is known
        sender=DEFAULT_SENDER,
        state="published",
        status=body["status"],
        msg_type=body["msg_type"],
        scope=body["scope"],
        sent=sent,
        references=None,
        references_id=None,
        alert_id=alert.id,
        info=body["info"],
        area=body["area"],
        created_by=DRAFTER,
        created_at=created,
        published_by=PUBLISHER,
        updated_at=created,  # NOT NULL at the first flush; record_change sets it again
    )
    session.add(warning)
    session.flush()
    warning.identifier = warning_identifier(warning.id, created)
    record_change(session, warning, created=True)
    session.add(
        models.AlertHistoryEntry(
            alert_id=alert.id,
            at=sent,
            username=PUBLISHER,
            role="supervisor",
            action="warning",
            detail={"warning_id": warning.id, "identifier": warning.identifier, "msg_type": warning.msg_type},
        )
    )
    return warning


def seed_warnings(session: Any, now: datetime) -> int:
    """Publish the demo warnings inside the seeding transaction; returns how many."""
    published = 0
    for analytics, count in DEMO_WARNINGS:
        for alert in _candidates(session, analytics, count, as_utc(now)):
            camera = session.get(models.Camera, alert.camera_id)
            _publish(session, alert, camera.name if camera else alert.camera_id)
            published += 1
    return published
