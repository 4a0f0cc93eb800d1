"""/alerts/bulk: one move over up to 500 alerts, each checked for version and move (ops.write)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from ioc_backend.alerting.bulk import BulkItem, apply_bulk, request_problem
from ioc_backend.api.auth import OPS_WRITE, Principal, require_role
from ioc_backend.api.errors import field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.routes.common import show
from ioc_backend.api.schemas.alert_bulk import AlertBulk, AlertBulkResult
from ioc_backend.api.schemas.responses import documented
from ioc_backend.timeutil import utcnow

router = APIRouter(tags=["alerts"])
Writer = Annotated[Principal, Depends(require_role(*OPS_WRITE))]
Key = Annotated[str | None, Depends(idempotency_key)]


@router.post("/alerts/bulk", response_model=None, responses=documented(AlertBulkResult, 401, 403, 409, 413, 422))
def bulk_alerts(request: Request, body: AlertBulk, principal: Writer, key: Key = None) -> Response:
    items = [BulkItem(item.id, item.version) for item in body.items]
    problem = request_problem(body.action, items, body.reason, body.unit)
    if problem is not None:
        raise field_error(f"body.{problem[0]}", problem[1])

    def apply(session: Session) -> dict[str, Any]:
        outcome = apply_bulk(
            session,
            body.action,
            items,
            reason=body.reason,
            unit=body.unit,
            note=body.note,
            principal=principal,
            at=utcnow(),
        )
        return {
            "action": body.action,
            "succeeded": [show(request, alert) for alert in outcome.succeeded],
            "failed": [
                {
                    "id": failure.id,
                    "code": failure.code,
                    "message": failure.message,
                    "current": show(request, failure.alert) if failure.alert is not None else None,
                }
                for failure in outcome.failed
            ],
        }

    # Keyed like every write: a replay (the outbox retrying after a lost answer) gets the
    # first answer back instead of 500 conflicts with the changes it made itself.
    return idempotent_write(request, principal, key, apply)
