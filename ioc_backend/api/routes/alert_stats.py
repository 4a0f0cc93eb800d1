"""/stats/alert-funnel (ops.read) and /stats/alert-false-alarms (alert.supervise); the window and
ward filter every /stats endpoint shares."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ioc_backend.alerting.stats import alert_funnel, false_alarm_stats, window_of
from ioc_backend.api.auth import OPS_READ, Principal, get_ctx, require_role
from ioc_backend.api.errors import field_error
from ioc_backend.api.schemas.alert_stats import AlertFunnel, FalseAlarmStats, FunnelGrouping
from ioc_backend.api.schemas.bounded import MAX_BIGINT, storable_text_problem
from ioc_backend.api.schemas.responses import documented
from ioc_backend.timeutil import as_utc, utcnow
from ioc_domain.roles import roles_with

router = APIRouter(tags=["alerts"])
Reader = Annotated[Principal, Depends(require_role(*OPS_READ))]
Supervisor = Annotated[Principal, Depends(require_role(*roles_with("alert.supervise")))]
Since = Annotated[datetime | None, Query(description="first detected at or after (ISO 8601); default until - 30 days")]
Until = Annotated[datetime | None, Query(description="first detected before (ISO 8601); default now")]
Ward = Annotated[str | None, Query(min_length=1, max_length=100, description="only this ward (its exact name)")]


def checked_ward(ward: str | None) -> str | None:
    """The ward filter, 422 when it holds what no ward name can (NUL, lone surrogates)."""
    problem = None if ward is None else storable_text_problem(ward)
    if problem:
        raise field_error("query.ward", problem)
    return ward


def stats_window(since: datetime | None, until: datetime | None) -> tuple[datetime, datetime]:
    """The report window in UTC, 422 naming the parameter when it cannot be one."""
    bounds: dict[str, datetime | None] = {}
    for name, value in (("since", since), ("until", until)):
        try:
            bounds[name] = None if value is None else as_utc(value)
        except OverflowError:
            raise field_error(f"query.{name}", "is outside the years 1..9999 once converted to UTC") from None
    try:
        start, end = window_of(bounds["since"], bounds["until"], utcnow())
    except OverflowError:
        raise field_error("query.until", "is too early for the default 30-day window") from None
    if start >= end:
        raise field_error("query.since", "must be before until")
    return start, end


@router.get("/stats/alert-funnel", response_model=None, responses=documented(AlertFunnel, 401, 403, 422))
def get_alert_funnel(
    request: Request,
    principal: Reader,
    since: Since = None,
    until: Until = None,
    group_by: FunnelGrouping = "category",
    ward: Ward = None,
) -> dict[str, Any]:
    start, end = stats_window(since, until)
    ward = checked_ward(ward)
    with get_ctx(request).db.read() as session:
        return alert_funnel(session, group_by, start, end, ward=ward, now=utcnow())


@router.get("/stats/alert-false-alarms", response_model=None, responses=documented(FalseAlarmStats, 401, 403, 422))
def get_alert_false_alarms(
    request: Request,
    principal: Supervisor,
    since: Since = None,
    until: Until = None,
    min_alerts: Annotated[int, Query(ge=1, le=MAX_BIGINT, description="leave out detectors with fewer alerts")] = 1,
) -> dict[str, Any]:
    start, end = stats_window(since, until)
    with get_ctx(request).db.read() as session:
        return false_alarm_stats(session, start, end, min_alerts, utcnow())
