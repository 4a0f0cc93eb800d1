"""/sensors and their readings (read-only: values come from devices / the simulator)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from ioc_backend.api.auth import OPS_READ, Principal, get_ctx, require_role
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.routes.common import get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import SensorKind, SensorStatus
from ioc_backend.db import models
from ioc_backend.timeutil import as_utc, iso

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


@router.get("/{sensor_id}/readings", response_model=None, responses=documented(M.Page[M.Reading], 401, 403, 404, 422))
def list_readings(
    request: Request,
    sensor_id: str,
    principal: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    since: datetime | None = None,
) -> JSONResponse:
    stmt = select(models.Reading).where(models.Reading.sensor_id == sensor_id)
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
