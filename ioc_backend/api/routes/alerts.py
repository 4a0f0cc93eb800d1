"""/alerts (list, get, transition state machine, verify, dispatch, notes, snapshot) and /analytics."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from ioc_backend.alerting import history, moves
from ioc_backend.alerting.moves import MoveRefused
from ioc_backend.api.auth import OPS_READ, OPS_WRITE, Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import AlertDispatch, AlertNote, AlertTransition, AlertVerify
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import AlertState, Severity
from ioc_backend.db import models
from ioc_backend.timeutil import as_utc, utcnow
from ioc_domain.analytics import ANALYTICS

router = APIRouter(tags=["alerts"])
Reader = Annotated[Principal, Depends(require_role(*OPS_READ))]
Writer = Annotated[Principal, Depends(require_role(*OPS_WRITE))]
Key = Annotated[str | None, Depends(idempotency_key)]


def analytics_catalogue() -> list[dict[str, str]]:
    return [{"code": a.code, "name_vi": a.name_vi, "name_en": a.name_en, "category": a.category} for a in ANALYTICS]


@router.get("/analytics", response_model=None, responses=documented(list[M.Analytic], 401, 403))
def list_analytics(principal: Reader) -> list[dict[str, str]]:
    return analytics_catalogue()


@router.get("/alerts", response_model=None, responses=documented(M.Page[M.Alert], 401, 403, 422))
def list_alerts(
    request: Request,
    principal: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    state: AlertState | None = None,
    severity: Severity | None = None,
    analytic: str | None = None,
    camera_id: str | None = None,
    since: datetime | None = None,
    sla_breached: bool | None = None,
    owner: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    category: str | None = None,
) -> JSONResponse:
    stmt = select(models.Alert)
    if sla_breached is not None:
        stmt = stmt.where(models.Alert.sla_breached.is_(sla_breached))
    if owner is not None:
        stmt = stmt.where(models.Alert.owner == owner)
    if category is not None:
        codes = sorted(a.code for a in ANALYTICS if a.category == category)
        if not codes:
            known = ", ".join(sorted({a.category for a in ANALYTICS}))
            raise field_error("query.category", f"unknown analytic category '{category}' (one of {known})")
        stmt = stmt.where(models.Alert.analytic.in_(codes))
    if state is not None:
        stmt = stmt.where(models.Alert.state == state)
    if severity is not None:
        stmt = stmt.where(models.Alert.severity == severity)
    if analytic is not None:
        if analytic not in {a["code"] for a in analytics_catalogue()}:
            raise field_error("query.analytic", f"unknown analytic code '{analytic}'")
        stmt = stmt.where(models.Alert.analytic == analytic)
    if camera_id is not None:
        stmt = stmt.where(models.Alert.camera_id == camera_id)
    if since is not None:
        stmt = stmt.where(models.Alert.detected_at >= as_utc(since))
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.Alert.id, limit, offset, lambda r: show(request, r))


@router.get("/alerts/{alert_id}", response_model=None, responses=documented(M.Alert, 401, 403, 404))
def get_alert(request: Request, alert_id: int, principal: Reader) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return show(request, get_or_404(session, models.Alert, alert_id, "Alert"))


@router.get("/alerts/{alert_id}/history", response_model=None, responses=documented(M.AlertHistory, 401, 403, 404, 422))
def get_alert_history(request: Request, alert_id: int, principal: Reader) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        get_or_404(session, models.Alert, alert_id, "Alert")
        return {"alert_id": alert_id, "entries": history.history_of(session, alert_id)}


def _move(request: Request, alert_id: int, version: int | None, move: Callable[[Any, models.Alert], None]) -> Any:
    """The apply step of a write: load the alert, check its version, apply ``move`` (moves.py)."""

    def apply(session: Any) -> dict[str, Any]:
        alert = get_or_404(session, models.Alert, alert_id, "Alert")
        if version is not None:
            check_version(request, alert, version, "Alert")
        try:
            move(session, alert)
        except MoveRefused as refused:
            raise ApiError(409, refused.code, refused.message, extra={"current": show(request, alert)}) from None
        return show(request, alert)

    return apply


@router.post(
    "/alerts/{alert_id}/transition", response_model=None, responses=documented(M.Alert, 401, 403, 404, 409, 413, 422)
)
def transition_alert(
    request: Request, alert_id: int, body: AlertTransition, principal: Writer, key: Key = None
) -> Response:
    if body.to == "closed" and body.reason is None:
        raise field_error("body.reason", "a close reason is required when to=closed")
    if body.to != "closed" and body.reason is not None:
        raise field_error("body.reason", "a reason is only allowed when to=closed")

    def move(session: Any, alert: models.Alert) -> None:
        moves.apply_transition(session, alert, body.to, body.reason, body.note, principal, utcnow())

    return idempotent_write(request, principal, key, _move(request, alert_id, body.version, move))


@router.post(
    "/alerts/{alert_id}/verify", response_model=None, responses=documented(M.Alert, 401, 403, 404, 409, 413, 422)
)
def verify_alert(request: Request, alert_id: int, body: AlertVerify, principal: Writer, key: Key = None) -> Response:
    def move(session: Any, alert: models.Alert) -> None:
        moves.apply_verify(session, alert, body.verdict, body.note, principal, utcnow())

    return idempotent_write(request, principal, key, _move(request, alert_id, body.version, move))


@router.post(
    "/alerts/{alert_id}/dispatch", response_model=None, responses=documented(M.Alert, 401, 403, 404, 409, 413, 422)
)
def dispatch_alert(
    request: Request, alert_id: int, body: AlertDispatch, principal: Writer, key: Key = None
) -> Response:
    def move(session: Any, alert: models.Alert) -> None:
        moves.apply_dispatch(session, alert, body.unit, body.note, principal, utcnow())

    return idempotent_write(request, principal, key, _move(request, alert_id, body.version, move))


@router.post("/alerts/{alert_id}/notes", response_model=None, responses=documented(M.Alert, 401, 403, 404, 413, 422))
def add_alert_note(request: Request, alert_id: int, body: AlertNote, principal: Writer, key: Key = None) -> Response:
    # A note changes nothing another operator relies on, so it carries no version.
    def move(session: Any, alert: models.Alert) -> None:
        moves.add_note(session, alert, body.text, principal, utcnow())

    return idempotent_write(request, principal, key, _move(request, alert_id, None, move))


@router.get(
    "/alerts/{alert_id}/snapshot.jpg", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}}
)
def alert_snapshot(
    request: Request,
    alert_id: int,
    principal: Annotated[Principal, Depends(require_role(*OPS_READ, allow_query_token=True))],
) -> Response:
    ctx = get_ctx(request)
    jpeg = ctx.snapshots.get(alert_id)
    if jpeg is None:
        from ioc_backend.demo.media import snapshot_jpeg

        with ctx.db.read() as session:
            alert = get_or_404(session, models.Alert, alert_id, "Alert")
            cam = session.get(models.Camera, alert.camera_id)
        names = {a["code"]: a["name_vi"] for a in analytics_catalogue()}
        label = f"{names.get(alert.analytic, alert.analytic)} {alert.confidence:.0%}"
        x, y, w, h = (float(v) for v in alert.bbox)
        jpeg = snapshot_jpeg(cam.name if cam else alert.camera_id, label, (x, y, w, h), alert_id)
        ctx.snapshots.put(alert_id, jpeg)
    # Snapshots never change once an alert exists, so clients may cache them.
    return Response(jpeg, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=86400"})
