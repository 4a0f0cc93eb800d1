"""/stats/reports, /stats/cameras, /stats/tasks, /stats/sensors: key figures from the records (ops.read)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ioc_backend import kpi
from ioc_backend.api.auth import OPS_READ, Principal, get_ctx, require_role
from ioc_backend.api.routes.alert_stats import Ward, checked_ward, stats_window
from ioc_backend.api.schemas.kpi_stats import (
    CameraStats,
    ReportGrouping,
    ReportStats,
    SensorStats,
    TaskGrouping,
    TaskStats,
)
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import ReportSource
from ioc_backend.timeutil import utcnow

router = APIRouter(tags=["stats"])
Reader = Annotated[Principal, Depends(require_role(*OPS_READ))]
Since = Annotated[datetime | None, Query(description="received at or after (ISO 8601); default until - 30 days")]
Until = Annotated[datetime | None, Query(description="received before (ISO 8601); default now")]
DueSince = Annotated[datetime | None, Query(description="due at or after (ISO 8601); default until - 30 days")]
DueUntil = Annotated[datetime | None, Query(description="due before (ISO 8601); default now")]


@router.get("/stats/reports", response_model=None, responses=documented(ReportStats, 401, 403, 422))
def get_report_stats(
    request: Request,
    principal: Reader,
    since: Since = None,
    until: Until = None,
    ward: Ward = None,
    source: Annotated[ReportSource | None, Query(description="only the reports of this source")] = None,
    group_by: ReportGrouping = "ward",
) -> dict[str, Any]:
    start, end = stats_window(since, until)
    ward = checked_ward(ward)
    with get_ctx(request).db.read() as session:
        return kpi.report_stats(
            session, since=start, until=end, now=utcnow(), ward=ward, source=source, group_by=group_by
        )


@router.get("/stats/cameras", response_model=None, responses=documented(CameraStats, 401, 403, 422))
def get_camera_stats(request: Request, principal: Reader, ward: Ward = None) -> dict[str, Any]:
    ward = checked_ward(ward)
    with get_ctx(request).db.read() as session:
        return kpi.camera_stats(session, now=utcnow(), ward=ward)


@router.get("/stats/tasks", response_model=None, responses=documented(TaskStats, 401, 403, 422))
def get_task_stats(
    request: Request,
    principal: Reader,
    since: DueSince = None,
    until: DueUntil = None,
    ward: Ward = None,
    group_by: TaskGrouping = "unit",
) -> dict[str, Any]:
    start, end = stats_window(since, until)
    ward = checked_ward(ward)
    with get_ctx(request).db.read() as session:
        return kpi.task_stats(session, since=start, until=end, now=utcnow(), ward=ward, group_by=group_by)


@router.get("/stats/sensors", response_model=None, responses=documented(SensorStats, 401, 403, 422))
def get_sensor_stats(request: Request, principal: Reader, ward: Ward = None) -> dict[str, Any]:
    ward = checked_ward(ward)
    with get_ctx(request).db.read() as session:
        return kpi.sensor_stats(session, now=utcnow(), ward=ward)
