"""POST /alerts/detections: the AI engine's detections become alerts (bundled, with SLA due times)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from ioc_backend.alerting.ingest import CameraPlace, Detection, ingest_batch
from ioc_backend.api.auth import Principal, require_role
from ioc_backend.api.errors import ApiError
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import DetectionBatch, DetectionIn
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.timeutil import utcnow
from ioc_domain.analytics import ANALYTICS_BY_CODE
from ioc_domain.roles import roles_with

router = APIRouter(tags=["alerts"])
Ingester = Annotated[Principal, Depends(require_role(*roles_with("alert.ingest")))]
Key = Annotated[str | None, Depends(idempotency_key)]

# A detection older than this is a replay of an archive, not a live alert; one further ahead
# than this means the engine's clock is wrong (a little skew between machines is normal).
MAX_AGE = timedelta(days=365)
MAX_AHEAD = timedelta(minutes=10)
# Problems listed in one 422 answer: enough to fix a batch, not a megabyte of them.
MAX_PROBLEMS = 50


def _problems(detections: list[DetectionIn], cameras: set[str]) -> list[dict[str, str]]:
    now = utcnow()
    problems: list[dict[str, str]] = []
    for i, det in enumerate(detections):
        field = f"body.detections.{i}"
        if det.camera_id not in cameras:
            problems.append({"field": f"{field}.camera_id", "message": f"unknown camera '{det.camera_id}'"})
        if det.analytic not in ANALYTICS_BY_CODE:
            problems.append({"field": f"{field}.analytic", "message": f"unknown analytic code '{det.analytic}'"})
        if det.detected_at < now - MAX_AGE:
            problems.append({"field": f"{field}.detected_at", "message": "is more than a year in the past"})
        elif det.detected_at > now + MAX_AHEAD:
            problems.append(
                {"field": f"{field}.detected_at", "message": "is more than 10 minutes in the future (check the clock)"}
            )
    return problems


@router.post(
    "/alerts/detections",
    response_model=None,
    responses=documented(M.DetectionResults, 401, 403, 413, 422),
)
def ingest_detections(request: Request, body: DetectionBatch, principal: Ingester, key: Key = None) -> Response:
    detections = body.detections

    def apply(session: Any) -> dict[str, Any]:
        wanted = {d.camera_id for d in detections}
        # Plain rows of the columns a new alert takes, not ORM objects: a batch names up to 1,000 cameras.
        camera = models.Camera
        cameras: dict[str, CameraPlace] = {
            c.id: c
            for c in session.execute(
                select(camera.id, camera.ward, camera.lat, camera.lon).where(camera.id.in_(wanted))
            )
        }
        problems = _problems(detections, set(cameras))
        if problems:
            # Nothing is stored: a batch is taken whole or not at all, so a retry cannot double it.
            shown = problems[:MAX_PROBLEMS]
            fields = ", ".join(p["field"] for p in shown[:5])
            more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
            raise ApiError(
                422,
                "validation_error",
                f"Invalid detections ({fields}{more}); nothing was stored",
                details=shown,
            )
        batch = [
            Detection(d.camera_id, d.analytic, d.severity, d.confidence, tuple(d.bbox), d.detected_at)
            for d in detections
        ]
        # One query for the open alerts, one insert for the new ones: a burst is not a flush per detection.
        results = [
            {"alert_id": alert_id, "bundled": bundled} for alert_id, bundled in ingest_batch(session, batch, cameras)
        ]
        return {"results": results}

    return idempotent_write(request, principal, key, apply)
