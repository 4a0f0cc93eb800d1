"""/me/views: each user's private saved views (named filter presets), with versions and idempotency."""

from __future__ import annotations

import json
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
from ioc_backend.db.payloads import view_dict
from ioc_backend.timeutil import utcnow

MAX_NAME = 80
MAX_KIND = 40
MAX_DATA_BYTES = 16 * 1024
MAX_VIEWS_PER_USER = 200

router = APIRouter(prefix="/me/views", tags=["views"])
Owner = Annotated[Principal, Depends(require_role(*ALL_ROLES))]
Key = Annotated[str | None, Depends(idempotency_key)]


def _clean_name(value: str) -> str:
    # NFC: Vietnamese typed with Telex/VNI may arrive decomposed ("e" + combining marks); without
    # it two names that look the same would be two different views.
    name = unicodedata.normalize("NFC", value).strip()
    if not name:
        raise ValueError("must not be blank")
    if len(name) > MAX_NAME:
        raise ValueError(f"must be at most {MAX_NAME} characters")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in name):
        raise ValueError("must not contain control characters or line breaks")
    return name


def _check_data(value: dict[str, Any]) -> dict[str, Any]:
    try:
        # allow_nan=False: the JSON parser accepts NaN/Infinity, but no JSON reader elsewhere does.
        encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except ValueError as exc:
        raise ValueError("must contain only finite numbers") from exc
    if len(encoded) > MAX_DATA_BYTES:
        raise ValueError(f"is {len(encoded)} bytes as JSON; at most {MAX_DATA_BYTES} are allowed")
    return value


ViewName = Annotated[str, Field(min_length=1, max_length=4 * MAX_NAME), AfterValidator(_clean_name)]
ViewKind = Annotated[str, Field(pattern=rf"^[a-z][a-z0-9_]{{0,{MAX_KIND - 1}}}$")]
ViewData = Annotated[dict[str, Any], AfterValidator(_check_data)]


class ViewCreate(Strict):
    name: ViewName
    kind: ViewKind
    data: ViewData


class ViewPatch(Strict):
    version: Version
    name: ViewName | None = None
    data: ViewData | None = None


def _own_view(session: Session, principal: Principal, view_id: int) -> models.SavedView:
    view = session.get(models.SavedView, view_id)
    # Someone else's view answers exactly like a missing one: its existence is not revealed.
    if view is None or view.owner_id != principal.user_id:
        raise not_found("View", view_id)
    return view


def _name_holder(session: Session, principal: Principal, name: str) -> models.SavedView | None:
    return session.execute(
        select(models.SavedView).where(models.SavedView.owner_id == principal.user_id, models.SavedView.name == name)
    ).scalar_one_or_none()


def _name_taken(holder: models.SavedView) -> ApiError:
    return ApiError(
        409,
        "name_taken",
        f'You already have a view named "{holder.name}" (view {holder.id})',
        extra={"current": view_dict(holder)},
    )


def _check_version(view: models.SavedView, version: int) -> None:
    if view.version != version:
        raise ApiError(
            409,
            "conflict",
            f"View {view.id} was changed elsewhere (version {view.version}, you sent {version})",
            extra={"current": view_dict(view)},
        )


@router.get("", response_model=None, responses=documented(M.SavedViewList, 401))
def list_views(request: Request, principal: Owner) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        rows = (
            session.execute(
                select(models.SavedView)
                .where(models.SavedView.owner_id == principal.user_id)
                .order_by(models.SavedView.name, models.SavedView.id)
            )
            .scalars()
            .all()
        )
        items = [view_dict(row) for row in rows]
    return {"items": items, "total": len(items)}


@router.post(
    "", status_code=201, response_model=None, responses=documented(M.SavedView, 401, 409, 413, 422, status=201)
)
def create_view(request: Request, body: ViewCreate, principal: Owner, key: Key = None) -> Response:
    def apply(session: Session) -> dict[str, Any]:
        holder = _name_holder(session, principal, body.name)
        if holder is not None:
            raise _name_taken(holder)
        count = session.execute(
            select(func.count()).select_from(models.SavedView).where(models.SavedView.owner_id == principal.user_id)
        ).scalar_one()
        if count >= MAX_VIEWS_PER_USER:
            raise ApiError(
                422, "too_many_views", f"You already have {count} saved views, the most allowed; delete one first"
            )
        now = utcnow()
        view = models.SavedView(
            owner_id=principal.user_id,
            name=body.name,
            kind=body.kind,
            data=body.data,
            version=1,
            created_at=now,
            updated_at=now,
        )
        session.add(view)
        session.flush()  # assigns the id
        return view_dict(view)

    return idempotent_write(request, principal, key, apply, status_code=201)


@router.patch("/{view_id}", response_model=None, responses=documented(M.SavedView, 401, 404, 409, 413, 422))
def patch_view(request: Request, view_id: int, body: ViewPatch, principal: Owner, key: Key = None) -> Response:
    changing = body.model_fields_set - {"version"}
    if not changing:
        raise field_error("body", "name the fields to change: name and/or data")
    for name in changing:
        if getattr(body, name) is None:
            raise field_error(f"body.{name}", "may not be null")

    def apply(session: Session) -> dict[str, Any]:
        view = _own_view(session, principal, view_id)
        _check_version(view, body.version)
        if "name" in changing and body.name is not None and body.name != view.name:
            holder = _name_holder(session, principal, body.name)
            if holder is not None:
                raise _name_taken(holder)
            view.name = body.name
        if "data" in changing and body.data is not None:
            view.data = body.data
        view.version += 1
        view.updated_at = utcnow()
        session.flush()
        return view_dict(view)

    return idempotent_write(request, principal, key, apply)


@router.delete(
    "/{view_id}", status_code=204, response_model=None, responses=documented(None, 401, 404, 409, 422, status=204)
)
def delete_view(
    request: Request,
    view_id: int,
    principal: Owner,
    version: Annotated[int, Query(ge=1, le=MAX_BIGINT, description="The version the deletion is based on")],
    key: Key = None,
) -> Response:
    def apply(session: Session) -> None:
        view = _own_view(session, principal, view_id)
        _check_version(view, version)
        session.delete(view)
        return None

    return idempotent_write(request, principal, key, apply, status_code=204)
