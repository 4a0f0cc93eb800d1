"""Small helpers shared by the resource routers: lookups, version checks, presentation."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from ioc_backend.api.auth import Principal
from ioc_backend.api.errors import ApiError, not_found
from ioc_backend.db.payloads import RESOURCE_OF_MODEL, present, serialize
from ioc_domain.roles import may


def base_url(request: Request) -> str:
    return str(request.base_url)


def reveals_credentials(principal: Principal | None) -> bool:
    """May this caller receive the credentials inside camera stream URLs (``video.play``)?"""
    return principal is not None and may(principal.role, "video.play")


def show(request: Request, row: Any, principal: Principal | None = None) -> dict[str, Any]:
    """A row as the API returns it (cameras get stream URLs for the host the client used, their
    credentials only for a ``principal`` that may play video)."""
    reveal = reveals_credentials(principal)
    return present(RESOURCE_OF_MODEL[type(row)], serialize(row), base_url(request), reveal_credentials=reveal)


def get_or_404(session: Session, model: type, ident: Any, what: str) -> Any:
    row = session.get(model, ident)
    if row is None:
        raise not_found(what, ident)
    return row


def check_version(request: Request, row: Any, version: int, what: str, principal: Principal | None = None) -> None:
    """Optimistic concurrency: refuse a write based on a stale version, returning the current state."""
    if row.version != version:
        raise ApiError(
            409,
            "conflict",
            f"{what} {row.id} was changed by someone else (version {row.version}, you sent {version})",
            extra={"current": show(request, row, principal)},
        )
