"""GET /audit: the trail of camera actions (PTZ commands, snapshots taken), newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from ioc_backend.api.auth import AUDIT_READ, Principal, get_ctx, require_role
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import AuditAction
from ioc_backend.db import models
from ioc_backend.db.audit import audit_dict

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=None, responses=documented(M.Page[M.AuditEntry], 401, 403, 422))
def list_audit(
    request: Request,
    principal: Annotated[Principal, Depends(require_role(*AUDIT_READ))],
    limit: Limit = 100,
    offset: Offset = 0,
    camera_id: str | None = None,
    action: AuditAction | None = None,
    user: str | None = None,
) -> JSONResponse:
    stmt = select(models.AuditEntry)
    if camera_id is not None:
        stmt = stmt.where(models.AuditEntry.camera_id == camera_id)
    if action is not None:
        stmt = stmt.where(models.AuditEntry.action == action)
    if user is not None:
        stmt = stmt.where(models.AuditEntry.username == user)
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.AuditEntry.id.desc(), limit, offset, audit_dict)
