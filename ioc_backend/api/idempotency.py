"""Idempotency-Key handling shared by every mutating endpoint (docs/API.md "Idempotency")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Header, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ioc_backend.api.auth import Principal, get_ctx
from ioc_backend.api.errors import ApiError
from ioc_backend.api.middleware import BODY_HASH_SCOPE_KEY
from ioc_backend.db import models
from ioc_backend.db.maintenance import KEY_TTL
from ioc_backend.timeutil import utcnow

REPLAY_HEADER = "Idempotent-Replayed"


def idempotency_key(
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=200,
            description="Client-chosen key; a replay returns the stored answer",
        ),
    ] = None,
) -> str | None:
    """Dependency declaring (and validating, 1..200 chars) the optional Idempotency-Key header."""
    return key


def _replay(record: models.IdempotencyRecord, method: str, path: str, body_hash: str) -> Response:
    if (record.method, record.path, record.body_hash) != (method, path, body_hash):
        raise ApiError(422, "idempotency_key_mismatch", "This Idempotency-Key was already used for a different request")
    return Response(
        content=record.response_body.encode("utf-8"),
        status_code=record.status_code,
        media_type="application/json" if record.response_body else None,
        headers={REPLAY_HEADER: "true"},
    )


def _find(session: Session, user_id: int, key: str) -> models.IdempotencyRecord | None:
    record = session.execute(
        select(models.IdempotencyRecord).where(
            models.IdempotencyRecord.user_id == user_id, models.IdempotencyRecord.key == key
        )
    ).scalar_one_or_none()
    if record is not None and record.created_at < utcnow() - KEY_TTL:
        return None  # expired keys behave as new; the pruner deletes them
    return record


def idempotent_write(
    request: Request,
    principal: Principal,
    key: str | None,
    apply: Callable[[Session], Any],
    status_code: int = 200,
    *,
    body_hash: str | None = None,
) -> Response:
    """Run ``apply`` in one write transaction, storing its answer under ``key`` if given.

    ``apply`` returns the JSON body (or None for 204). The stored record commits in the same
    transaction as the change, so a crash can never leave one without the other.
    ``body_hash`` replaces the hash of the request body in the stored record (and in the
    comparison of a replay): a vote passes one that does not depend on the choice, because a
    SHA-256 of ``{"option": 2}`` is trivially reversed and would tie the voter to the choice.
    """
    ctx = get_ctx(request)
    method = request.method
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if body_hash is None:
        body_hash = request.scope.get(BODY_HASH_SCOPE_KEY, "")

    if key is None:
        with ctx.db.write() as session:
            body = apply(session)
        return _response(body, status_code)

    with ctx.db.read() as session:
        existing = _find(session, principal.user_id, key)
        if existing is not None:
            return _replay(existing, method, path, body_hash)

    slot = (principal.user_id, key)
    with ctx.in_flight_lock:
        if slot in ctx.in_flight_keys:
            raise ApiError(
                409, "idempotency_key_in_use", "A request with this Idempotency-Key is still being processed"
            )
        ctx.in_flight_keys.add(slot)
    try:
        with ctx.db.write() as session:
            # Re-check under the write lock: a request that finished meanwhile wins.
            existing = _find(session, principal.user_id, key)
            if existing is not None:
                return _replay(existing, method, path, body_hash)
            session.execute(
                delete(models.IdempotencyRecord).where(
                    models.IdempotencyRecord.user_id == principal.user_id, models.IdempotencyRecord.key == key
                )
            )
            response = _response(apply(session), status_code)
            # Stored byte-for-byte as sent, so a replay is indistinguishable from the original.
            session.add(
                models.IdempotencyRecord(
                    user_id=principal.user_id,
                    key=key,
                    method=method,
                    path=path,
                    body_hash=body_hash,
                    status_code=status_code,
                    response_body=bytes(response.body).decode("utf-8"),
                    created_at=utcnow(),
                )
            )
        return response
    finally:
        with ctx.in_flight_lock:
            ctx.in_flight_keys.discard(slot)


def _response(body: Any, status_code: int) -> Response:
    if body is None:
        return Response(status_code=status_code)
    return JSONResponse(body, status_code=status_code)
