"""/reports: citizen (Huế-S) and hotline reports, Open311 flavour; list, get, PATCH status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from ioc_backend.api.auth import OPS_READ, OPS_WRITE, Principal, get_ctx, require_role
from ioc_backend.api.errors import field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import ReportPatch
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import ReportSource, ReportStatus
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.timeutil import iso, utcnow

router = APIRouter(prefix="/reports", tags=["reports"])
Reader = Annotated[Principal, Depends(require_role(*OPS_READ))]


@router.get("", response_model=None, responses=documented(M.Page[M.Report], 401, 403, 422))
def list_reports(
    request: Request,
    principal: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    status: ReportStatus | None = None,
    ward: str | None = None,
    source: ReportSource | None = None,
) -> JSONResponse:
    stmt = select(models.Report)
    if status is not None:
        stmt = stmt.where(models.Report.status == status)
    if ward is not None:
        stmt = stmt.where(models.Report.ward == ward)
    if source is not None:
        stmt = stmt.where(models.Report.source == source)
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.Report.id, limit, offset, lambda r: show(request, r))


@router.get("/{report_id}", response_model=None, responses=documented(M.Report, 401, 403, 404))
def get_report(request: Request, report_id: int, principal: Reader) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return show(request, get_or_404(session, models.Report, report_id, "Report"))


@router.patch("/{report_id}", response_model=None, responses=documented(M.Report, 401, 403, 404, 409, 413, 422))
def patch_report(
    request: Request,
    report_id: int,
    body: ReportPatch,
    principal: Annotated[Principal, Depends(require_role(*OPS_WRITE))],
    key: Annotated[str | None, Depends(idempotency_key)] = None,
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        report = get_or_404(session, models.Report, report_id, "Report")
        check_version(request, report, body.version, "Report")
        if body.satisfaction is not None:
            if body.status != "closed":
                raise field_error("body.satisfaction", "can only be given when closing the report (status closed)")
            if report.status == "closed":
                raise field_error(
                    "body.satisfaction", "can only be given with the move to closed; this report is already closed"
                )
        now = utcnow()
        if body.status != "closed":
            # The rating judged the closing: a report reopened or reclassified loses it.
            report.satisfaction = None
        elif body.satisfaction is not None:
            report.satisfaction = body.satisfaction
        report.status = body.status
        if body.agency_responsible is not None:
            report.agency_responsible = body.agency_responsible
        if body.note:
            report.notes = [
                *(report.notes or []),
                {"author": principal.username, "text": body.note, "at": iso(now), "status": body.status},
            ]
        report.updated_datetime = now
        record_change(session, report)
        return show(request, report)

    return idempotent_write(request, principal, key, apply)
