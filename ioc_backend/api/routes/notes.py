"""/me/notes: each member's private notes on the pages of meeting documents (text and highlights).

Private like saved views (/me/views): another user's note answers 404 exactly like a missing
one, notes are never in /sync or /events, and the author's consoles re-read them with
``GET /me/notes`` when they connect. The text is stored and returned as
it was typed: never interpreted as markup, never logged.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ioc_backend.api.auth import ALL_ROLES, Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError, field_error, not_found
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.bounded import MAX_BIGINT, Version
from ioc_backend.api.schemas.requests import Strict
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.meeting_members import may_see_meeting
from ioc_backend.db.payloads import note_dict
from ioc_backend.timeutil import utcnow

MAX_TEXT = 20_000  # characters: about ten typed pages on one page of a document
MAX_HIGHLIGHTS = 200
MAX_PAGE = 100_000
# PDF pages are at most 14,400 points on a side (ISO 32000 user-space limit at unit 1).
MAX_COORD = 14_400.0
MAX_NOTES_PER_USER = 5_000

router = APIRouter(prefix="/me/notes", tags=["notes"])
Owner = Annotated[Principal, Depends(require_role(*ALL_ROLES))]
Key = Annotated[str | None, Depends(idempotency_key)]


def _clean_text(value: str) -> str:
    # NFC so a note typed with decomposed Vietnamese marks reads back the same as a precomposed
    # one; otherwise kept verbatim (markup, scripts, RTL marks are just characters here).
    text = unicodedata.normalize("NFC", value)
    if len(text) > MAX_TEXT:
        raise ValueError(f"must be at most {MAX_TEXT} characters (this one has {len(text)})")
    return text


def _check_rect(value: dict[str, float]) -> dict[str, float]:
    if set(value) != {"x", "y", "width", "height"}:
        raise ValueError("a highlight is {x, y, width, height} in page points")
    for name, number in value.items():
        if not math.isfinite(number) or number < 0 or number > MAX_COORD:
            raise ValueError(f"{name} must be a finite number from 0 to {MAX_COORD:g}")
    if value["width"] <= 0 or value["height"] <= 0:
        raise ValueError("a highlight needs a width and a height above 0")
    return {name: float(value[name]) for name in ("x", "y", "width", "height")}


NoteText = Annotated[str, Field(max_length=4 * MAX_TEXT), AfterValidator(_clean_text)]
Rect = Annotated[dict[str, float], AfterValidator(_check_rect)]
Highlights = Annotated[list[Rect], Field(max_length=MAX_HIGHLIGHTS)]
Page = Annotated[int, Field(ge=1, le=MAX_PAGE, strict=True)]


class NoteCreate(Strict):
    document_id: int = Field(ge=1, le=MAX_BIGINT, strict=True)
    page: Page
    text: NoteText = ""
    highlights: Highlights = Field(default_factory=list)


class NotePatch(Strict):
    version: Version
    text: NoteText | None = None
    highlights: Highlights | None = None


def _own_note(session: Session, principal: Principal, note_id: int) -> models.PrivateNote:
    note = session.get(models.PrivateNote, note_id)
    # Someone else's note answers exactly like a missing one: its existence is not revealed.
    if note is None or note.owner_id != principal.user_id:
        raise not_found("Note", note_id)
    return note


def _check_version(note: models.PrivateNote, version: int) -> None:
    if note.version != version:
        raise ApiError(
            409,
            "conflict",
            f"Note {note.id} was changed elsewhere (version {note.version}, you sent {version})",
            extra={"current": note_dict(note)},
        )


def _document_for(session: Session, principal: Principal, document_id: int) -> models.MeetingDocument:
    doc = session.get(models.MeetingDocument, document_id)
    if doc is None or not may_see_meeting(session, doc.meeting_id, principal.user_id, principal.role):
        raise not_found("Document", document_id)
    return doc


@router.get("", response_model=None, responses=documented(M.PrivateNoteList, 401, 422))
def list_notes(
    request: Request,
    principal: Owner,
    meeting_id: Annotated[int | None, Query(ge=1, le=MAX_BIGINT)] = None,
    document_id: Annotated[int | None, Query(ge=1, le=MAX_BIGINT)] = None,
) -> dict[str, Any]:
    stmt = select(models.PrivateNote).where(models.PrivateNote.owner_id == principal.user_id)
    if meeting_id is not None:
        stmt = stmt.where(models.PrivateNote.meeting_id == meeting_id)
    if document_id is not None:
        stmt = stmt.where(models.PrivateNote.document_id == document_id)
    with get_ctx(request).db.read() as session:
        rows = session.execute(stmt.order_by(models.PrivateNote.document_id, models.PrivateNote.page)).scalars()
        items = [note_dict(row) for row in rows]
    return {"items": items, "total": len(items)}


@router.get("/{note_id}", response_model=None, responses=documented(M.PrivateNote, 401, 404))
def get_note(request: Request, note_id: int, principal: Owner) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return note_dict(_own_note(session, principal, note_id))


@router.post(
    "", status_code=201, response_model=None, responses=documented(M.PrivateNote, 401, 404, 409, 413, 422, status=201)
)
def create_note(request: Request, body: NoteCreate, principal: Owner, key: Key = None) -> Response:
    def apply(session: Session) -> dict[str, Any]:
        doc = _document_for(session, principal, body.document_id)
        holder = session.execute(
            select(models.PrivateNote).where(
                models.PrivateNote.owner_id == principal.user_id,
                models.PrivateNote.document_id == doc.id,
                models.PrivateNote.page == body.page,
            )
        ).scalar_one_or_none()
        if holder is not None:
            raise ApiError(
                409,
                "note_exists",
                f"You already have a note on page {body.page} of document {doc.id} (note {holder.id})",
                extra={"current": note_dict(holder)},
            )
        count = session.execute(
            select(func.count()).select_from(models.PrivateNote).where(models.PrivateNote.owner_id == principal.user_id)
        ).scalar_one()
        if count >= MAX_NOTES_PER_USER:
            raise ApiError(422, "too_many_notes", f"You already have {count} notes, the most allowed; delete one first")
        now = utcnow()
        note = models.PrivateNote(
            owner_id=principal.user_id,
            meeting_id=doc.meeting_id,
            document_id=doc.id,
            page=body.page,
            text=body.text,
            highlights=list(body.highlights),
            version=1,
            created_at=now,
            updated_at=now,
        )
        session.add(note)
        session.flush()
        return note_dict(note)

    return idempotent_write(request, principal, key, apply, status_code=201)


@router.patch("/{note_id}", response_model=None, responses=documented(M.PrivateNote, 401, 404, 409, 413, 422))
def patch_note(request: Request, note_id: int, body: NotePatch, principal: Owner, key: Key = None) -> Response:
    changing = body.model_fields_set - {"version"}
    if not changing:
        raise field_error("body", "name the fields to change: text and/or highlights")
    for name in changing:
        if getattr(body, name) is None:
            raise field_error(f"body.{name}", "may not be null")

    def apply(session: Session) -> dict[str, Any]:
        note = _own_note(session, principal, note_id)
        _check_version(note, body.version)
        if body.text is not None:
            note.text = body.text
        if body.highlights is not None:
            note.highlights = list(body.highlights)
        note.version += 1
        note.updated_at = utcnow()
        session.flush()
        return note_dict(note)

    return idempotent_write(request, principal, key, apply)


@router.delete(
    "/{note_id}", status_code=204, response_model=None, responses=documented(None, 401, 404, 409, 422, status=204)
)
def delete_note(
    request: Request,
    note_id: int,
    principal: Owner,
    version: Annotated[int, Query(ge=1, le=MAX_BIGINT, description="The version the deletion is based on")],
    key: Key = None,
) -> Response:
    def apply(session: Session) -> None:
        note = _own_note(session, principal, note_id)
        _check_version(note, version)
        session.delete(note)
        return None

    return idempotent_write(request, principal, key, apply, status_code=204)
