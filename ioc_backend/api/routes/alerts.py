"""/alerts (list, get, transition state machine, verify, dispatch, notes, snapshot) and /analytics."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

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
from ioc_backend.db.changes import record_change
from ioc_backend.timeutil import as_utc, iso_now
from ioc_domain.alerts import FALSE_ALARM_CLOSE_REASON, dispatch_outcome, may_transition, moves_from, verify_outcome
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
) -> JSONResponse:
    stmt = select(models.Alert)
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

    def apply(session: Any) -> dict[str, Any]:
        alert = get_or_404(session, models.Alert, alert_id, "Alert")
        check_version(request, alert, body.version, "Alert")
        if not may_transition(alert.state, body.to):
            raise ApiError(
                409,
                "invalid_transition",
                f"Alert {alert_id} cannot move from {alert.state} to {body.to}",
                extra={"current": show(request, alert)},
            )
        alert.state = body.to
        if body.to == "acknowledged":
            alert.owner = principal.username
        if body.to == "closed":
            alert.close_reason = body.reason
        if body.note:
            alert.notes = [*alert.notes, {"author": principal.username, "text": body.note, "at": iso_now()}]
        record_change(session, alert)
        return show(request, alert)

    return idempotent_write(request, principal, key, apply)


def _open_alert(request: Request, session: Any, alert_id: int, version: int, action: str) -> models.Alert:
    """The alert to verify or dispatch: it must exist, be at ``version`` and not be closed."""
    alert = get_or_404(session, models.Alert, alert_id, "Alert")
    check_version(request, alert, version, "Alert")
    if action not in moves_from(alert.state):
        raise ApiError(
            409,
            "invalid_transition",
            f"Alert {alert_id} is {alert.state}: it cannot be {action}ed",
            extra={"current": show(request, alert)},
        )
    return alert


def _append_note(alert: models.Alert, author: str, note: str | None, at: str) -> None:
    if note:
        alert.notes = [*alert.notes, {"author": author, "text": note, "at": at}]


@router.post(
    "/alerts/{alert_id}/verify", response_model=None, responses=documented(M.Alert, 401, 403, 404, 409, 413, 422)
)
def verify_alert(request: Request, alert_id: int, body: AlertVerify, principal: Writer, key: Key = None) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        alert = _open_alert(request, session, alert_id, body.version, "verify")
        at = iso_now()
        alert.verification = {"verdict": body.verdict, "by": principal.username, "at": at}
        state = verify_outcome(alert.state, body.verdict)
        if state == "acknowledged" and alert.state != state:
            # Confirming on camera is the acknowledgement: the verifier takes the alert.
            alert.owner = principal.username
        if state == "closed":
            alert.close_reason = FALSE_ALARM_CLOSE_REASON
        alert.state = state
        _append_note(alert, principal.username, body.note, at)
        record_change(session, alert)
        return show(request, alert)

    return idempotent_write(request, principal, key, apply)


@router.post(
    "/alerts/{alert_id}/dispatch", response_model=None, responses=documented(M.Alert, 401, 403, 404, 409, 413, 422)
)
def dispatch_alert(
    request: Request, alert_id: int, body: AlertDispatch, principal: Writer, key: Key = None
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        alert = _open_alert(request, session, alert_id, body.version, "dispatch")
        at = iso_now()
        alert.dispatch = {"unit": body.unit, "by": principal.username, "at": at}
        alert.state = dispatch_outcome(alert.state)
        if alert.owner is None:
            alert.owner = principal.username
        _append_note(alert, principal.username, body.note, at)
        record_change(session, alert)
        return show(request, alert)

    return idempotent_write(request, principal, key, apply)


@router.post("/alerts/{alert_id}/notes", response_model=None, responses=documented(M.Alert, 401, 403, 404, 413, 422))
def add_alert_note(request: Request, alert_id: int, body: AlertNote, principal: Writer, key: Key = None) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        alert = get_or_404(session, models.Alert, alert_id, "Alert")
        alert.notes = [*alert.notes, {"author": principal.username, "text": body.text, "at": iso_now()}]
        record_change(session, alert)
        return show(request, alert)

    return idempotent_write(request, principal, key, apply)


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
