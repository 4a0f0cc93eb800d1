"""/warnings: public warnings as CAP 1.2 messages — drafted from a confirmed alert, published by a
supervisor, served as CAP documents; other agencies' CAP messages imported (ioc_domain.cap)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ioc_backend.api.auth import Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error, not_found
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import WarningArea, WarningCreate, WarningInfo, WarningPatch, WarningPublish
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import WarningState
from ioc_backend.cap_validation import MAX_CAP_BYTES, CapRejected, validate_cap
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.timeutil import utcnow
from ioc_domain.cap import (
    CAP_MEDIA_TYPE,
    DEFAULT_SENDER,
    EDITABLE_WARNING_STATES,
    cap_reference,
    cap_xml,
    parse_references,
    warning_identifier,
    warning_problems,
)
from ioc_domain.roles import roles_with

router = APIRouter(prefix="/warnings", tags=["warnings"])
Reader = Annotated[Principal, Depends(require_role(*roles_with("warning.read")))]
Drafter = Annotated[Principal, Depends(require_role(*roles_with("warning.draft")))]
Publisher = Annotated[Principal, Depends(require_role(*roles_with("warning.publish")))]
Key = Annotated[str | None, Depends(idempotency_key)]

#: The media types POST /warnings/import takes (RFC 7303 application/xml, CAP's own).
IMPORT_MEDIA_TYPES = (CAP_MEDIA_TYPE, "application/xml")
# Longest CAP <identifier> / <sender> the warnings table holds.
_MAX_NAME = 200

_CAP_BODY = {
    "requestBody": {
        "required": True,
        "description": f"A CAP 1.2 document (at most {MAX_CAP_BYTES} bytes)",
        "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in IMPORT_MEDIA_TYPES},
    }
}
_CAP_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The warning's CAP 1.2 document",
        "content": {CAP_MEDIA_TYPE: {"schema": {"type": "string"}}},
    }
}


def _record_alert_warning(session: Any, alert_id: int, detail: dict[str, Any], principal: Principal) -> None:
    """History entry "warning" on the alert a warning was published from.

    Stands in for ioc_backend.alerting.history.record(session, alert_id, "warning", detail,
    principal) until that module is on main; the integrator swaps the call.
    """
    session.add(
        models.AlertHistoryEntry(
            alert_id=alert_id,
            at=utcnow(),
            username=principal.username,
            role=principal.role,
            action="warning",
            detail=detail,
        )
    )


def _immutable(request: Request, warning: models.PublicWarning) -> ApiError:
    return ApiError(
        409,
        "warning_immutable",
        f"Warning {warning.id} is {warning.state}: it cannot change; send an Update or a Cancel instead",
        extra={"current": show(request, warning)},
    )


def _check_body(info: list[WarningInfo], area: WarningArea) -> None:
    problems = warning_problems([block.model_dump() for block in info], area.model_dump())
    if problems:
        field, message = problems[0]
        raise field_error(f"body.{field}", message)


def _stored_info(info: list[WarningInfo]) -> list[dict[str, Any]]:
    blocks = []
    for block in info:
        data = block.model_dump()
        data["expires"] = block.expires.isoformat() if block.expires else None
        blocks.append(data)
    return blocks


def _stored_area(area: WarningArea) -> dict[str, Any]:
    data = area.model_dump()
    data["polygon"] = [list(point) for point in area.polygon] if area.polygon else None
    return data


def _confirmed_alert(session: Any, alert_id: int) -> models.Alert:
    alert = get_or_404(session, models.Alert, alert_id, "Alert")
    if (alert.verification or {}).get("verdict") != "confirmed":
        raise ApiError(
            409,
            "alert_not_confirmed",
            f"Alert {alert_id} has not been verified as confirmed: only a confirmed alert becomes a warning",
        )
    return alert


def _referenced(session: Any, body: WarningCreate) -> models.PublicWarning | None:
    """The published warning an Update / Cancel refers to (None for an Alert)."""
    if body.msg_type == "Alert":
        if body.references_id is not None:
            raise field_error("body.references_id", "an Alert refers to no earlier warning; use Update or Cancel")
        return None
    if body.references_id is None:
        raise field_error("body.references_id", f"an {body.msg_type} names the published warning it refers to")
    earlier = session.get(models.PublicWarning, body.references_id)
    if earlier is None:
        raise not_found("Warning", body.references_id)
    if earlier.state != "published":
        raise ApiError(
            409,
            "reference_not_published",
            f"Warning {earlier.id} is {earlier.state}: only a published warning can be updated or cancelled",
        )
    return earlier


@router.get("", response_model=None, responses=documented(M.Page[M.PublicWarning], 401, 403, 422))
def list_warnings(
    request: Request,
    principal: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    state: WarningState | None = None,
    alert_id: int | None = None,
) -> JSONResponse:
    stmt = select(models.PublicWarning)
    if state is not None:
        stmt = stmt.where(models.PublicWarning.state == state)
    if alert_id is not None:
        stmt = stmt.where(models.PublicWarning.alert_id == alert_id)
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.PublicWarning.id, limit, offset, lambda r: show(request, r))


@router.get("/{warning_id}", response_model=None, responses=documented(M.PublicWarning, 401, 403, 404))
def get_warning(request: Request, warning_id: int, principal: Reader) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return show(request, get_or_404(session, models.PublicWarning, warning_id, "Warning"))


@router.get(
    "/{warning_id}/cap.xml",
    response_class=Response,
    responses={**documented(None, 401, 403, 404), **_CAP_RESPONSE},
)
def warning_cap(request: Request, warning_id: int, principal: Reader) -> Response:
    with get_ctx(request).db.read() as session:
        warning = get_or_404(session, models.PublicWarning, warning_id, "Warning")
        # Another agency's message is served as it came (the record); ours is written from the row.
        document = warning.source_xml.encode("utf-8") if warning.source_xml else cap_xml(show(request, warning))
    return Response(document, media_type=CAP_MEDIA_TYPE)


@router.post(
    "",
    status_code=201,
    response_model=None,
    responses=documented(M.PublicWarning, 401, 403, 404, 409, 413, 422, status=201),
)
def create_warning(request: Request, body: WarningCreate, principal: Drafter, key: Key = None) -> Response:
    _check_body(body.info, body.area)

    def apply(session: Any) -> dict[str, Any]:
        earlier = _referenced(session, body)
        alert_id = body.alert_id if body.alert_id is not None else (earlier.alert_id if earlier else None)
        if alert_id is not None:
            _confirmed_alert(session, alert_id)
        references = None
        if earlier is not None:
            # CAP lists the whole chain: what the earlier message referred to, then itself.
            chain = [",".join(entry) for entry in parse_references(earlier.references)]
            sent = earlier.sent or earlier.created_at  # published warnings always have been sent
            references = " ".join([*chain, cap_reference(earlier.sender, earlier.identifier, sent)])
        now = utcnow()
        warning = models.PublicWarning(
            # A unique stand-in until the id is known; replaced before the transaction commits.
            identifier=f"pending-{uuid.uuid4().hex}",
            sender=DEFAULT_SENDER,
            state="draft",
            status=body.status,
            msg_type=body.msg_type,
            scope=body.scope,
            sent=None,
            references=references,
            references_id=earlier.id if earlier else None,
            alert_id=alert_id,
            info=_stored_info(body.info),
            area=_stored_area(body.area),
            created_by=principal.username,
            created_at=now,
            published_by=None,
            updated_at=now,  # NOT NULL at the first flush; record_change sets it again
        )
        session.add(warning)
        session.flush()
        warning.identifier = warning_identifier(warning.id, now)
        record_change(session, warning, created=True)
        return show(request, warning)

    return idempotent_write(request, principal, key, apply, 201)


@router.patch("/{warning_id}", response_model=None, responses=documented(M.PublicWarning, 401, 403, 404, 409, 413, 422))
def patch_warning(
    request: Request, warning_id: int, body: WarningPatch, principal: Drafter, key: Key = None
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        warning = get_or_404(session, models.PublicWarning, warning_id, "Warning")
        if warning.state not in EDITABLE_WARNING_STATES:
            raise _immutable(request, warning)
        check_version(request, warning, body.version, "Warning")
        info = _stored_info(body.info) if body.info is not None else warning.info
        area = _stored_area(body.area) if body.area is not None else warning.area
        problems = warning_problems(info, area)
        if problems:
            field, message = problems[0]
            raise field_error(f"body.{field}", message)
        warning.info, warning.area = info, area
        if body.status is not None:
            warning.status = body.status
        record_change(session, warning)
        return show(request, warning)

    return idempotent_write(request, principal, key, apply)


@router.post(
    "/{warning_id}/publish", response_model=None, responses=documented(M.PublicWarning, 401, 403, 404, 409, 413, 422)
)
def publish_warning(
    request: Request, warning_id: int, body: WarningPublish, principal: Publisher, key: Key = None
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        warning = get_or_404(session, models.PublicWarning, warning_id, "Warning")
        if warning.state not in EDITABLE_WARNING_STATES:
            raise _immutable(request, warning)
        check_version(request, warning, body.version, "Warning")
        warning.state = "published"
        # CAP <sent> carries whole seconds; stored so, the references of later updates match it.
        warning.sent = utcnow().replace(microsecond=0)
        warning.published_by = principal.username
        record_change(session, warning)
        if warning.alert_id is not None:
            detail = {"warning_id": warning.id, "identifier": warning.identifier, "msg_type": warning.msg_type}
            _record_alert_warning(session, warning.alert_id, detail, principal)
        return show(request, warning)

    return idempotent_write(request, principal, key, apply)


@router.post(
    "/import",
    status_code=201,
    response_model=None,
    openapi_extra=_CAP_BODY,
    responses=documented(M.PublicWarning, 401, 403, 409, 413, 415, 422, status=201),
)
async def import_warning(request: Request, principal: Drafter, key: Key = None) -> Response:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in IMPORT_MEDIA_TYPES:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Send the CAP document as {' or '.join(IMPORT_MEDIA_TYPES)}, not {media_type or 'no content type'}",
        )
    content = await request.body()  # buffered by the body-limit middleware (≤ 1 MiB by default)
    try:
        # Parsing and schema validation are CPU work: off the event loop.
        fields = await run_in_threadpool(validate_cap, content)
    except CapRejected as exc:
        code = "payload_too_large" if exc.status == 413 else "validation_error"
        raise ApiError(
            exc.status, code, f"Invalid CAP document: {exc}", details=[{"field": "body", "message": str(exc)}]
        ) from None
    for name in ("identifier", "sender"):
        if len(fields[name]) > _MAX_NAME:
            raise field_error("body", f"the CAP <{name}> is longer than {_MAX_NAME} characters")

    def apply(session: Any) -> dict[str, Any]:
        known = session.execute(
            select(models.PublicWarning).where(models.PublicWarning.identifier == fields["identifier"])
        ).scalar_one_or_none()
        if known is not None and known.sender == fields["sender"]:
            raise ApiError(
                409,
                "duplicate_warning",
                f"The CAP message {fields['identifier']} of {fields['sender']} is already stored (warning {known.id})",
                extra={"current": show(request, known)},
            )
        if known is not None:
            raise ApiError(
                409,
                "identifier_taken",
                f"Another sender's message already uses the identifier {fields['identifier']}",
            )
        warning = models.PublicWarning(
            identifier=fields["identifier"],
            sender=fields["sender"],
            state="external",
            status=fields["status"],
            msg_type=fields["msg_type"],
            scope=fields["scope"],
            sent=fields["sent"],
            references=fields["references"],
            references_id=_stored_reference(session, fields["references"]),
            alert_id=None,
            info=fields["info"],
            area=fields["area"],
            created_by=principal.username,
            created_at=utcnow(),
            published_by=None,
            source_xml=fields["source_xml"],
        )
        record_change(session, warning, created=True)
        return show(request, warning)

    return await run_in_threadpool(idempotent_write, request, principal, key, apply, 201)


def _stored_reference(session: Any, references: str | None) -> int | None:
    """The id of the latest stored message that ``references`` names (an update of a message we
    hold links to it), or None."""
    for sender, identifier, _sent in reversed(parse_references(references)):
        found = session.execute(
            select(models.PublicWarning.id).where(
                models.PublicWarning.identifier == identifier, models.PublicWarning.sender == sender
            )
        ).scalar_one_or_none()
        if found is not None:
            return int(found)
    return None
