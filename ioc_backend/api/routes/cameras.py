"""/cameras: list, get, admin PATCH (status, name, stream URLs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from ioc_backend.api.auth import CAMERA_CONFIGURE, OPS_READ, Principal, get_ctx, require_role
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import CameraPatch
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import CameraCategory, CameraStatus
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.logsafe import safe_logger

log = safe_logger(__name__)

router = APIRouter(prefix="/cameras", tags=["cameras"])


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@router.get("", response_model=None, responses=documented(M.Page[M.Camera], 401, 403, 422))
def list_cameras(
    request: Request,
    principal: Annotated[Principal, Depends(require_role(*OPS_READ))],
    limit: Limit = 100,
    offset: Offset = 0,
    ward: str | None = None,
    category: CameraCategory | None = None,
    status: CameraStatus | None = None,
    q: str | None = None,
) -> JSONResponse:
    stmt = select(models.Camera)
    if ward is not None:
        stmt = stmt.where(models.Camera.ward == ward)
    if category is not None:
        stmt = stmt.where(models.Camera.category == category)
    if status is not None:
        stmt = stmt.where(models.Camera.status == status)
    if q:
        stmt = stmt.where(models.Camera.name.ilike(like_pattern(q), escape="\\"))
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.Camera.id, limit, offset, lambda r: show(request, r, principal))


@router.get("/{camera_id}", response_model=None, responses=documented(M.Camera, 401, 403, 404))
def get_camera(
    request: Request, camera_id: str, principal: Annotated[Principal, Depends(require_role(*OPS_READ))]
) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return show(request, get_or_404(session, models.Camera, camera_id, "Camera"), principal)


@router.patch("/{camera_id}", response_model=None, responses=documented(M.Camera, 401, 403, 404, 409, 413, 422))
def patch_camera(
    request: Request,
    camera_id: str,
    body: CameraPatch,
    principal: Annotated[Principal, Depends(require_role(*CAMERA_CONFIGURE))],
    key: Annotated[str | None, Depends(idempotency_key)] = None,
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        cam = get_or_404(session, models.Camera, camera_id, "Camera")
        check_version(request, cam, body.version, "Camera", principal)
        if body.status is not None:
            cam.status = body.status
        if body.name is not None:
            cam.name = body.name
        for field in ("main_stream_url", "sub_stream_url"):
            if field in body.model_fields_set:  # null: back to the backend's own stream
                setattr(cam, field, getattr(body, field))
                # Which stream changed and by whom, never the URL: it may hold a password.
                log.info("%s set %s of camera %s (%s)", principal.username, field, cam.id, _kind(getattr(body, field)))
        record_change(session, cam)
        return show(request, cam, principal)

    return idempotent_write(request, principal, key, apply)


def _kind(url: str | None) -> str:
    return "backend stream" if url is None else f"{url.split(':', 1)[0]} URL"
