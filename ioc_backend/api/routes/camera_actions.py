"""Camera actions that leave an audit entry: PTZ commands and snapshots taken at a console."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ioc_backend.api.auth import CAMERA_PTZ, VIDEO_PLAY, Principal, require_role
from ioc_backend.api.errors import ApiError, field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.routes.common import get_or_404
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import PtzCommand, SnapshotRecord
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.audit import SNAPSHOT_TAKEN, audit_dict, record_audit
from ioc_backend.timeutil import iso

router = APIRouter(prefix="/cameras", tags=["cameras"])

# Which body fields each action takes: (required — at least one of them, allowed).
_PTZ_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "move": (("pan", "tilt"), ("pan", "tilt")),
    "zoom": (("zoom",), ("zoom",)),
    "preset": (("preset",), ("preset",)),
    "stop": ((), ()),
}


def _ptz_detail(body: PtzCommand, camera: models.Camera) -> dict[str, Any]:
    """The command's own fields, checked against its action (422 naming the field otherwise)."""
    required, allowed = _PTZ_FIELDS[body.action]
    given = {name: getattr(body, name) for name in ("pan", "tilt", "zoom", "preset") if getattr(body, name) is not None}
    for name in given:
        if name not in allowed:
            raise field_error(f"body.{name}", f"is not used by the action {body.action!r}; leave it out")
    if required and not any(name in given for name in required):
        raise field_error(f"body.{required[0]}", f"the action {body.action!r} needs {' or '.join(required)}")
    if body.action == "preset":
        presets = {p.get("id"): p.get("name") for p in camera.ptz_presets or []}
        if body.preset not in presets:
            known = ", ".join(str(i) for i in presets) or "none"
            raise field_error("body.preset", f"camera {camera.id} has no preset {body.preset} (its presets: {known})")
        given["name"] = presets[body.preset]
    return given


@router.post(
    "/{camera_id}/ptz",
    response_model=None,
    responses=documented(M.PtzAck, 401, 403, 404, 409, 422),
)
def ptz(
    request: Request,
    camera_id: str,
    body: PtzCommand,
    principal: Annotated[Principal, Depends(require_role(*CAMERA_PTZ))],
    key: Annotated[str | None, Depends(idempotency_key)] = None,
) -> Response:
    """Move, zoom, recall a preset or stop. The reference backend records and acknowledges the
    command (no camera moves); a real deployment forwards it to the camera's controller."""

    def apply(session: Any) -> dict[str, Any]:
        cam = get_or_404(session, models.Camera, camera_id, "Camera")
        if not cam.ptz:
            raise ApiError(409, "not_ptz", f"Camera {cam.id} is a fixed camera; it cannot pan, tilt or zoom")
        if cam.status == "offline":
            raise ApiError(409, "camera_offline", f"Camera {cam.id} is offline; it cannot take PTZ commands")
        detail = _ptz_detail(body, cam)
        entry = record_audit(
            session,
            user_id=principal.user_id,
            username=principal.username,
            role=principal.role,
            camera_id=cam.id,
            action=f"ptz.{body.action}",
            detail=detail,
        )
        return {"camera_id": cam.id, "accepted": True, "audit": audit_dict(entry)}

    return idempotent_write(request, principal, key, apply)


@router.post(
    "/{camera_id}/snapshots",
    response_model=None,
    status_code=201,
    responses=documented(M.AuditEntry, 401, 403, 404, 422, status=201),
)
def record_snapshot(
    request: Request,
    camera_id: str,
    body: SnapshotRecord,
    principal: Annotated[Principal, Depends(require_role(*VIDEO_PLAY))],
    key: Annotated[str | None, Depends(idempotency_key)] = None,
) -> Response:
    """Record that a console saved a snapshot of this camera (the image stays at the console)."""

    def apply(session: Any) -> dict[str, Any]:
        cam = get_or_404(session, models.Camera, camera_id, "Camera")
        entry = record_audit(
            session,
            user_id=principal.user_id,
            username=principal.username,
            role=principal.role,
            camera_id=cam.id,
            action=SNAPSHOT_TAKEN,
            detail={"taken_at": iso(body.taken_at), "sha256": body.sha256.lower(), "file_name": body.file_name},
        )
        return audit_dict(entry)

    return idempotent_write(request, principal, key, apply, status_code=201)
