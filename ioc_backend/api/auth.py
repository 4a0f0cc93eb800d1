"""Bearer-token authentication and the per-endpoint role check (``require_role``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from anyio import to_thread
from fastapi import Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ioc_backend.api.errors import ApiError
from ioc_backend.context import AppContext
from ioc_backend.db import models
from ioc_backend.db.payloads import user_dict
from ioc_backend.security import new_token, token_hash
from ioc_backend.settings import Settings
from ioc_backend.timeutil import iso, utcnow
from ioc_domain.roles import ROLES, roles_with

# Role groups of the endpoints, read from the one permission table (ioc_domain.roles).
ALL_ROLES = roles_with("self")
OPS_READ = roles_with("ops.read")  # cameras, alerts, reports, sensors
OPS_WRITE = roles_with("ops.write")  # alerts, reports
TASK_CREATE = roles_with("task.create")
TASK_UPDATE = roles_with("task.update")
MEETING_WRITE = roles_with("meeting.write")
POLL_VOTE = roles_with("poll.vote")
ADMIN = roles_with("admin")
VIDEO_PLAY = roles_with("video.play")  # record a snapshot; receive stream URLs with credentials
CAMERA_PTZ = roles_with("camera.ptz")
CAMERA_CONFIGURE = roles_with("camera.configure")  # stream URLs of a camera
AUDIT_READ = roles_with("audit.read")
OFFLINE_GRANT_KIND = "offline"  # models.Token.kind of an offline grant

# The roles each require_role dependency lets through, for the route audit test.
REQUIRED_ROLES: dict[Callable[..., Principal], frozenset[str]] = {}

_bearer = HTTPBearer(auto_error=False, description="Access token from POST /auth/login")


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    full_name: str
    role: str
    pair: str
    token_expires_at: datetime
    # SHA-256 of the presented access token: lets a long-lived response re-check that very row.
    token_digest: str = ""


def get_ctx(request: Request) -> AppContext:
    return request.app.state.ctx


def issue_token_pair(
    session: Session, user: models.User, settings: Settings, family: str | None = None
) -> dict[str, Any]:
    """Create an access+refresh pair plus an offline grant (only hashes stored); return the login body.

    The three carry the session family id in ``pair``: a new one at login, the old one's when a
    refresh or a grant redemption continues the session. Logout revokes by it, so it ends every
    token of the session, the ones issued before a refresh included, and the offline grant.
    """
    now = utcnow()
    access, refresh, grant = new_token(), new_token(), new_token()
    pair = family or new_token()
    access_exp = now + timedelta(seconds=settings.access_ttl)
    refresh_exp = now + timedelta(seconds=settings.refresh_ttl)
    grant_exp = now + timedelta(seconds=settings.offline_grant_ttl)
    session.add_all(
        [
            models.Token(
                token_hash=token_hash(access),
                kind="access",
                user_id=user.id,
                pair=pair,
                expires_at=access_exp,
                revoked=False,
                created_at=now,
            ),
            models.Token(
                token_hash=token_hash(refresh),
                kind="refresh",
                user_id=user.id,
                pair=pair,
                expires_at=refresh_exp,
                revoked=False,
                created_at=now,
            ),
            models.Token(
                token_hash=token_hash(grant),
                kind=OFFLINE_GRANT_KIND,
                user_id=user.id,
                pair=pair,
                expires_at=grant_exp,
                revoked=False,
                created_at=now,
            ),
        ]
    )
    return {
        "access_token": access,
        "token_type": "bearer",
        "expires_at": iso(access_exp),
        "expires_in": settings.access_ttl,
        "refresh_token": refresh,
        "refresh_expires_at": iso(refresh_exp),
        "user": user_dict(user),
        "offline_grant": {"grant": grant, "expires_at": iso(grant_exp)},
    }


def revoke_offline_grants(session: Session, pair: str) -> None:
    """Revoke the offline grant of a pair that is being replaced (one live grant per session chain)."""
    session.execute(
        update(models.Token)
        .where(models.Token.pair == pair, models.Token.kind == OFFLINE_GRANT_KIND)
        .values(revoked=True)
    )


def lookup_token(session: Session, raw: str, kind: str) -> tuple[models.Token, models.User] | None:
    """The live (unexpired, unrevoked) token of that kind and its active user, or None."""
    return lookup_token_digest(session, token_hash(raw), kind)


def lookup_token_digest(session: Session, digest: str, kind: str) -> tuple[models.Token, models.User] | None:
    """``lookup_token`` by the token's stored SHA-256 (for re-checks after the raw token is gone)."""
    row = session.execute(
        select(models.Token, models.User)
        .join(models.User, models.User.id == models.Token.user_id)
        .where(models.Token.token_hash == digest, models.Token.kind == kind)
    ).first()
    if row is None:
        return None
    token, user = row
    if token.revoked or token.expires_at <= utcnow() or not user.active:
        return None
    return token, user


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


def require_role(*roles: str, allow_query_token: bool = False) -> Callable[..., Principal]:
    """Dependency: a valid bearer token whose user has one of ``roles`` (401/403 otherwise).

    ``allow_query_token`` lets media endpoints take ``?access_token=`` because video
    decoders cannot send headers.
    """
    allowed = frozenset(roles)
    unknown = allowed - set(ROLES)
    if unknown or not allowed:
        raise ValueError(f"bad role list {roles}")

    def dependency(request: Request, credentials: HTTPAuthorizationCredentials | None = Security(_bearer)) -> Principal:
        raw = credentials.credentials if credentials else None
        if raw is None and allow_query_token:
            raw = request.query_params.get("access_token")
        if not raw:
            raise _unauthorized("A bearer access token is required")
        ctx = get_ctx(request)
        with ctx.db.read() as session:
            found = lookup_token(session, raw, "access")
        if found is None:
            raise _unauthorized("The access token is unknown, expired or revoked")
        token, user = found
        if user.role not in allowed:
            raise ApiError(403, "forbidden", f"Role '{user.role}' may not do this")
        return Principal(
            user.id, user.username, user.full_name, user.role, token.pair, token.expires_at, token.token_hash
        )

    dependency.__name__ = f"require_role_{'_'.join(sorted(allowed))}"
    REQUIRED_ROLES[dependency] = allowed
    return dependency


def token_still_valid(ctx: AppContext, principal: Principal) -> bool:
    """Is the access token this principal presented still valid now (unexpired, unrevoked, user active)?

    Reads the token row as stored, the same way ``require_role`` does, so whatever logout
    revokes is seen. Blocking (one indexed read): call it from a thread, and not per frame.
    """
    if utcnow() >= principal.token_expires_at:
        return False
    if not principal.token_digest:
        return True  # a principal not built from a stored token (nothing to re-check)
    with ctx.db.read() as session:
        return lookup_token_digest(session, principal.token_digest, "access") is not None


class StreamAuthority:
    """Tells a long-lived response when its token stops being valid, cheaply.

    Expiry is checked on every call (a clock read); revocation by reading the token row at
    most once per ``Settings.stream_recheck`` seconds, in a worker thread.
    """

    def __init__(self, ctx: AppContext, principal: Principal) -> None:
        self._ctx = ctx
        self._principal = principal
        self._interval = ctx.settings.stream_recheck
        self._checked_at = time.monotonic()  # require_role has just read the row
        self._valid = True
        self.db_checks = 0

    @property
    def interval(self) -> float:
        return self._interval

    def seconds_left(self) -> float:
        """Seconds until the token expires (negative once it has)."""
        return (self._principal.token_expires_at - utcnow()).total_seconds()

    async def valid(self) -> bool:
        if not self._valid:
            return False
        if self.seconds_left() <= 0:
            self._valid = False
            return False
        if time.monotonic() - self._checked_at >= self._interval:
            self.db_checks += 1
            self._valid = await to_thread.run_sync(token_still_valid, self._ctx, self._principal)
            self._checked_at = time.monotonic()
        return self._valid
