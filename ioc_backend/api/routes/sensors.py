"""/sensors and their readings (read-only: values come from devices / the simulator)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from ioc_backend.api.auth import OPS_READ, Principal, get_ctx, require_role
from ioc_backend.api.errors import field_error
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.routes.common import get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import SensorKind, SensorStatus
from ioc_backend.db import models
from ioc_backend.db.readings import MAX_BUCKETS, bucket_count, reading_buckets
from ioc_backend.timeutil import as_utc, iso, utcnow

router = APIRouter(prefix="/sensors", tags=["sensors"])
Reader = Annotated[Principal, Depends(require_role(*OPS_READ))]


@router.get("", response_model=None, responses=documented(M.Page[M.Sensor], 401, 403, 422))
def list_sensors(
    request: Request,
    principal: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    kind: SensorKind | None = None,
    ward: str | None = None,
    status: SensorStatus | None = None,
) -> JSONResponse:
    stmt = select(models.Sensor)
    if kind is not None:
        stmt = stmt.where(models.Sensor.kind == kind)
    if ward is not None:
        stmt = stmt.where(models.Sensor.ward == ward)
    if status is not None:
        stmt = stmt.where(models.Sensor.status == status)
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.Sensor.id, limit, offset, lambda r: show(request, r))


@router.get("/{sensor_id}", response_model=None, responses=documented(M.Sensor, 401, 403, 404))
def get_sensor(request: Request, sensor_id: str, principal: Reader) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return show(request, get_or_404(session, models.Sensor, sensor_id, "Sensor"))


Bucket = Literal["1m", "1h", "1d"]
# The window a bucketed answer covers when ``since`` is not given: a day of minutes, a month of
# hours, a year of days (1,440, 720 and 365 buckets at most).
DEFAULT_SPAN: dict[str, timedelta] = {"1m": timedelta(days=1), "1h": timedelta(days=30), "1d": timedelta(days=365)}


def _utc_or_422(name: str, value: datetime | None) -> datetime | None:
    try:
        return None if value is None else as_utc(value)
    except OverflowError:
        raise field_error(f"query.{name}", "is outside the years 1..9999 once converted to UTC") from None


def _bucket_window(bucket: str, since: datetime | None, until: datetime | None, now: datetime) -> tuple[datetime, datetime]:
    end = _utc_or_422("until", until) or now
    start = _utc_or_422("since", since)
    if start is None:
        try:
            start = end - DEFAULT_SPAN[bucket]
        except OverflowError:
            raise field_error("query.until", "is too early for the default window") from None
    if start >= end:
        raise field_error("query.since", "must be before until")
    if bucket_count(start, end, bucket) > MAX_BUCKETS:
        raise field_error(
            "query.bucket",
            f"{bucket} buckets from since to until would be more than {MAX_BUCKETS:,}; "
            "use a wider bucket or a shorter window",
        )
    return start, end


@router.get(
    "/{sensor_id}/readings",
    response_model=None,
    responses=documented(M.Page[M.Reading] | M.ReadingBuckets, 401, 403, 404, 422),
)
def list_readings(
    request: Request,
    sensor_id: str,
    principal: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    since: datetime | None = None,
    until: Annotated[datetime | None, Query(description="before this time (ISO 8601); default now")] = None,
    bucket: Annotated[
        Bucket | None, Query(description="aggregate per bucket (min, max, mean, count) instead of the raw page")
    ] = None,
) -> JSONResponse | dict[str, Any]:
    if bucket is not None:
        now = utcnow()
        start, end = _bucket_window(bucket, since, until, now)
        with get_ctx(request).db.read() as session:
            get_or_404(session, models.Sensor, sensor_id, "Sensor")
            items = reading_buckets(session, sensor_id, bucket, start, end)
        return {"sensor_id": sensor_id, "bucket": bucket, "as_of": iso(now), "since": iso(start), "until": iso(end),
                "items": items}  # fmt: skip
    stmt = select(models.Reading).where(models.Reading.sensor_id == sensor_id)
    if until is not None:
        stmt = stmt.where(models.Reading.phenomenon_time < _utc_or_422("until", until))
    if since is not None:
        stmt = stmt.where(models.Reading.phenomenon_time >= as_utc(since))
    with get_ctx(request).db.read() as session:
        get_or_404(session, models.Sensor, sensor_id, "Sensor")
        return paginate(
            session,
            stmt,
            models.Reading.phenomenon_time.desc(),
            limit,
            offset,
            lambda r: {"phenomenon_time": iso(r.phenomenon_time), "result": r.result},
        )
