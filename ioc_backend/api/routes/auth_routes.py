"""/auth: login (throttled), refresh (rotating), offline grant redemption, logout (revokes the session family), me."""

from __future__ import annotations

import math
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select, update

from ioc_backend.api.auth import (
    ALL_ROLES,
    OFFLINE_GRANT_KIND,
    Principal,
    get_ctx,
    issue_token_pair,
    lookup_token,
    require_role,
    revoke_offline_grants,
)
from ioc_backend.api.errors import ApiError
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import GrantRequest, LoginRequest, RefreshRequest
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.payloads import user_dict
from ioc_backend.security import HashBusy

router = APIRouter(prefix="/auth", tags=["auth"])
AnyUser = Annotated[Principal, Depends(require_role(*ALL_ROLES))]


@router.post("/login", response_model=None, responses=documented(M.TokenPair, 401, 422, 429, 503))
async def login(request: Request, body: LoginRequest) -> dict[str, Any]:
    # A login waits for its hashing slot on the event loop (HashGate.admission), holding no
    # thread, and runs on the gate's own threads: during a login flood /health, /alerts and every
    # other synchronous route keep the server's thread pool.
    ctx = get_ctx(request)
    _refuse_if_throttled(ctx, request, body)  # in memory: a throttled attempt needs no thread at all
    gate = ctx.hash_gate
    try:
        async with gate.admission():
            return await anyio.to_thread.run_sync(_login, request, body, limiter=gate.threads)
    except HashBusy:
        raise _busy(ctx) from None


def _busy(ctx: Any) -> ApiError:
    retry = str(max(1, math.ceil(ctx.hash_gate.wait)))
    return ApiError(503, "busy", "Too many sign-ins at once; try again shortly", headers={"Retry-After": retry})


def _refuse_if_throttled(ctx: Any, request: Request, body: LoginRequest) -> None:
    """429 when the account name or the client address must wait.

    Checked before the user is looked up: a refused attempt costs no hash and reads the same
    for names that exist and names that do not.
    """
    address = request.client.host if request.client else ""
    wait = ctx.login_throttle.retry_after(body.username, address)
    if wait:
        raise ApiError(
            429,
            "too_many_attempts",
            f"Too many failed sign-ins; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )


def _login(request: Request, body: LoginRequest) -> dict[str, Any]:
    ctx = get_ctx(request)
    address = request.client.host if request.client else ""
    # Again on the login thread: failures may have been counted while this one waited for it.
    _refuse_if_throttled(ctx, request, body)
    with ctx.db.read() as session:
        user = session.execute(select(models.User).where(models.User.username == body.username)).scalar_one_or_none()
    # verify_password runs a full hash even for unknown users so timing does not reveal names.
    try:
        ok = ctx.hash_gate.verify(user.password_hash if user else None, body.password)
    except HashBusy:
        raise _busy(ctx) from None
    if user is None or not ok or not user.active:
        ctx.login_throttle.failed(body.username, address)
        raise ApiError(401, "invalid_credentials", "Wrong username or password")
    ctx.login_throttle.succeeded(body.username)
    with ctx.db.write() as session:
        return issue_token_pair(session, user, ctx.settings)


@router.post("/refresh", response_model=None, responses=documented(M.TokenPair, 401, 422))
def refresh(request: Request, body: RefreshRequest) -> dict[str, Any]:
    ctx = get_ctx(request)
    with ctx.db.write() as session:
        found = lookup_token(session, body.refresh_token, "refresh")
        if found is None:
            raise ApiError(401, "unauthorized", "The refresh token is unknown, expired or revoked")
        token, user = found
        token.revoked = True  # rotation: a refresh token works once
        revoke_offline_grants(session, token.pair)  # the new pair carries the new grant
        return issue_token_pair(session, user, ctx.settings, family=token.pair)


@router.post("/grant", response_model=None, responses=documented(M.TokenPair, 401, 422))
def redeem_offline_grant(request: Request, body: GrantRequest) -> dict[str, Any]:
    """Trade an offline grant for a fresh token pair (and a new grant): a console that opened
    offline resumes its session when the backend returns, without the password."""
    ctx = get_ctx(request)
    with ctx.db.write() as session:
        found = lookup_token(session, body.grant, OFFLINE_GRANT_KIND)
        if found is None:
            raise ApiError(401, "unauthorized", "The offline grant is unknown, expired or revoked")
        grant, user = found
        grant.revoked = True  # single use: the answer carries its successor
        return issue_token_pair(session, user, ctx.settings, family=grant.pair)


@router.post("/logout", status_code=204, response_class=Response, responses={401: {"model": M.ErrorBody}})
def logout(
    request: Request, principal: AnyUser, key: Annotated[str | None, Depends(idempotency_key)] = None
) -> Response:
    def apply(session: Any) -> None:
        # ``pair`` is the session family: every token issued since the login, by refreshes
        # and grant redemptions, shares it, so older access tokens die here too.
        session.execute(update(models.Token).where(models.Token.pair == principal.pair).values(revoked=True))
        return None

    return idempotent_write(request, principal, key, apply, status_code=204)


@router.get("/me", response_model=None, responses=documented(M.User, 401))
def me(request: Request, principal: AnyUser) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        user = session.get(models.User, principal.user_id)
        if user is None:  # deleted since the token was checked
            raise ApiError(401, "unauthorized", "the user of this token no longer exists")
        return user_dict(user)
