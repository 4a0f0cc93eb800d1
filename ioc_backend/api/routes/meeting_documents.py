"""/meetings/{id}/documents: upload, download and delete the PDF documents of a meeting."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Annotated, Any
from urllib.parse import quote, unquote

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ioc_backend.api.auth import ALL_ROLES, MEETING_WRITE, Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error, not_found
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.meeting_access import visible_meeting
from ioc_backend.api.meeting_checks import MAX_DOCUMENT_BYTES, check_pdf, sanitize_filename
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.bounded import MAX_BIGINT
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.meetings import refresh_summary
from ioc_backend.timeutil import utcnow

router = APIRouter(prefix="/meetings", tags=["meetings"])
Reader = Annotated[Principal, Depends(require_role(*ALL_ROLES))]
Writer = Annotated[Principal, Depends(require_role(*MEETING_WRITE))]
Key = Annotated[str | None, Depends(idempotency_key)]

#: The one route whose body may exceed the global 1 MiB limit (app.py hands it to the middleware).
UPLOAD_PATH = re.compile(r"^/api/v1/meetings/[^/]+/documents/?$")
UPLOAD_LIMIT = ("POST", UPLOAD_PATH, MAX_DOCUMENT_BYTES)

_PDF_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The PDF file itself (at most {MAX_DOCUMENT_BYTES} bytes)",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}
_PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The PDF bytes; ETag is the quoted SHA-256",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def _document_of(session: Any, meeting_id: int, doc_id: int) -> models.MeetingDocument:
    doc = session.get(models.MeetingDocument, doc_id)
    if doc is None or doc.meeting_id != meeting_id:  # never reachable through another meeting's path
        raise not_found(f"Document of meeting {meeting_id}", doc_id)
    return doc


def _content_disposition(filename: str) -> str:
    """RFC 6266: an ASCII fallback for old readers plus the exact UTF-8 name (RFC 5987)."""
    plain = unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if ch.isascii() and ch.isprintable() and ch not in '"\\') or "document.pdf"
    return f"inline; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


@router.post(
    "/{meeting_id}/documents",
    status_code=201,
    response_model=None,
    openapi_extra=_PDF_BODY,
    responses=documented(M.Meeting, 401, 403, 404, 413, 422, status=201),
)
async def upload_document(
    request: Request,
    meeting_id: int,
    principal: Writer,
    key: Key = None,
    filename: Annotated[str | None, Query(max_length=1000, description="The file's name (UTF-8)")] = None,
    x_filename: Annotated[
        str | None, Header(alias="X-Filename", max_length=3000, description="The file's name, percent-encoded UTF-8")
    ] = None,
) -> Response:
    # The raw body (not JSON): the body-limit middleware already buffered it (≤ 50 MiB here).
    content = await request.body()
    raw_name = filename
    if raw_name is None and x_filename is not None:
        try:
            raw_name = unquote(x_filename, errors="strict")
        except UnicodeDecodeError:
            raise field_error("header.X-Filename", "not percent-encoded UTF-8") from None
    if raw_name is None:
        raise field_error("query.filename", "give the file name as ?filename= or in the X-Filename header")
    try:
        safe_name = sanitize_filename(raw_name)
    except ValueError as exc:
        raise field_error("query.filename", str(exc)) from None
    try:
        await run_in_threadpool(check_pdf, content)  # parses the PDF in a worker process: seconds at worst
    except ValueError as exc:
        raise ApiError(
            422, "validation_error", f"Invalid document: {exc}", details=[{"field": "body", "message": str(exc)}]
        ) from None
    digest = hashlib.sha256(content).hexdigest()

    def apply(session: Any) -> dict[str, Any]:
        meeting = get_or_404(session, models.Meeting, meeting_id, "Meeting")
        session.add(
            models.MeetingDocument(
                meeting_id=meeting.id,
                filename=safe_name,
                size=len(content),
                sha256=digest,
                content=content,
                uploaded_by=principal.user_id,
                uploaded_at=utcnow(),
            )
        )
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    # Database work blocks: off the event loop, like the plain (sync) handlers.
    return await run_in_threadpool(idempotent_write, request, principal, key, apply, 201)


@router.get(
    "/{meeting_id}/documents/{doc_id}",
    response_model=None,
    response_class=Response,
    responses={**documented(None, 401, 403, 404), **_PDF_RESPONSE},
)
def download_document(
    request: Request,
    meeting_id: int,
    doc_id: int,
    principal: Reader,
    if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
) -> Response:
    with get_ctx(request).db.read() as session:
        visible_meeting(session, meeting_id, principal)  # members-only meetings: 404 for others
        doc = _document_of(session, meeting_id, doc_id)
        etag = f'"{doc.sha256}"'
        headers = {
            "ETag": etag,
            "Cache-Control": "private, max-age=0, must-revalidate",
            "Content-Disposition": _content_disposition(doc.filename),
            "X-Content-Type-Options": "nosniff",
        }
        if if_none_match is not None and etag in {tag.strip() for tag in if_none_match.split(",")}:
            return Response(status_code=304, headers=headers)
        return Response(content=doc.content, media_type="application/pdf", headers=headers)


@router.delete(
    "/{meeting_id}/documents/{doc_id}", response_model=None, responses=documented(M.Meeting, 401, 403, 404, 409, 422)
)
def delete_document(
    request: Request,
    meeting_id: int,
    doc_id: int,
    principal: Writer,
    version: Annotated[int, Query(ge=1, le=MAX_BIGINT, description="The meeting version the deletion is based on")],
    key: Key = None,
) -> Response:
    def apply(session: Any) -> dict[str, Any]:
        meeting = get_or_404(session, models.Meeting, meeting_id, "Meeting")
        doc = _document_of(session, meeting_id, doc_id)
        check_version(request, meeting, version, "Meeting")
        session.delete(doc)
        refresh_summary(session, meeting)
        record_change(session, meeting)
        return show(request, meeting)

    return idempotent_write(request, principal, key, apply)
