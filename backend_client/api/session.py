"""Authenticated HTTP session to the IOC API: tokens, refresh, retries, error mapping."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from backend_client.api.errors import AuthError, BackendUnavailable, Conflict, IocError
from backend_client.api.models import AuthSession, Health, OfflineGrant, TokenGrant, User
from backend_client.api.redact import get_logger, redact_text
from backend_client.api.tokens import TokenState
from backend_client.api.transport import (
    MAX_BACKOFF_SECONDS,
    MUTATING_METHODS,
    RETRY_STATUSES,
    decode_json,
    error_from_response,
    is_retryable_exception,
    request_never_reached_server,
    retry_after_seconds,
)
from backend_client.api.validation import parse_as
from backend_client.retry import full_jitter

_log = get_logger("backend_client")
# urllib3 logs request lines (with query strings) at DEBUG; a stream URL carries a token.
get_logger("urllib3.connectionpool")

API_PREFIX = "/api/v1"
DEFAULT_REFRESH_MARGIN = 60.0

T = TypeVar("T")


def _normalise_base_url(base_url: str) -> str:
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"backend URL must be http(s)://host[:port], got {redact_text(base_url)!r}")
    if url.endswith(API_PREFIX):
        url = url[: -len(API_PREFIX)]
    return url


def _wire_value(value: Any) -> Any:
    """Convert Python values to what the API expects on the wire (ISO times, plain dicts)."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("datetimes sent to the backend must be timezone-aware")
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [_wire_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _wire_value(v) for k, v in value.items()}
    return value


def _query(**params: Any) -> dict[str, Any]:
    """Query parameters without the ones left as None."""
    return {k: _wire_value(v) for k, v in params.items() if v is not None}


class ApiSession:
    """One signed-in connection to the backend: HTTP session, tokens, retries, error mapping.

    Safe to call from several threads at once (the console uses a thread pool): token
    refresh is serialised under a lock so only one thread refreshes and the others reuse
    the new token. ``IocClient`` adds the typed resource calls on top.
    """

    def __init__(
        self,
        base_url: str,
        *,
        verify: bool | str = True,
        connect_timeout: float = 3.05,
        read_timeout: float = 15.0,
        max_retries: int = 3,
        backoff: float = 0.3,
        on_auth_required: Callable[[], None] | None = None,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
    ) -> None:
        self.base_url = _normalise_base_url(base_url)
        self.api_root = self.base_url + API_PREFIX
        self.verify = verify
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_retries = max(0, int(max_retries))
        self.backoff = max(0.0, float(backoff))
        self.on_auth_required = on_auth_required
        self.refresh_margin = refresh_margin
        self._session = requests.Session()
        # verify is also passed on every request: requests lets $REQUESTS_CA_BUNDLE override a
        # Session-level CA path (psf/requests#3829), which would silently ignore ours.
        self._session.verify = verify
        # Our own retry loop decides what is safe to retry; urllib3 must not retry behind it.
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=16, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._auth_lock = threading.RLock()
        self._tokens: TokenState | None = None
        self._user: User | None = None
        self._offline_grant: OfflineGrant | None = None
        self._closed = False

    # ----------------------------------------------------------------- session state
    @property
    def user(self) -> User | None:
        return self._user

    @property
    def is_authenticated(self) -> bool:
        return self._tokens is not None

    @property
    def access_expires_at(self) -> datetime | None:
        tokens = self._tokens
        return tokens.access_expires_at if tokens else None

    def __repr__(self) -> str:
        who = self._user.username if self._user else "anonymous"
        return f"{type(self).__name__}({self.base_url!r}, user={who!r})"

    def __enter__(self) -> ApiSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections. Tokens are forgotten; call ``logout`` to revoke them."""
        self._closed = True
        with self._auth_lock:
            self._tokens = None
        self._session.close()

    @property
    def offline_grant(self) -> OfflineGrant | None:
        """The newest offline grant the backend issued to this session (login, refresh or redeem)."""
        return self._offline_grant

    def _install_grant(self, grant: TokenGrant) -> AuthSession:
        with self._auth_lock:
            self._tokens = TokenState.from_grant(grant)
            self._user = grant.user
            if grant.offline_grant is not None:
                # Each refresh rotates the grant server-side: only the newest one stays valid.
                self._offline_grant = grant.offline_grant
        return AuthSession(
            user=grant.user,
            expires_at=grant.expires_at,
            refresh_expires_at=grant.refresh_expires_at,
            offline_grant=grant.offline_grant,
        )

    def _forget_session(self) -> bool:
        """Drop the tokens; True if there was a session (so the caller notifies once)."""
        with self._auth_lock:
            had_session = self._tokens is not None
            self._tokens = None
            self._user = None
            return had_session

    def _notify_auth_required(self) -> None:
        callback = self.on_auth_required
        if callback is None:
            return
        try:
            callback()
        except Exception:  # noqa: BLE001 - a UI callback failing must not mask the AuthError being raised
            _log.exception("on_auth_required callback failed")

    def _session_lost(self, cause: IocError) -> AuthError:
        """Clear the session, tell the application once, and build the error to raise."""
        if self._forget_session():
            _log.warning("session ended by the backend: %s", cause.message)
            self._notify_auth_required()
        return AuthError(
            f"Session expired or revoked; sign in again ({cause.message})",
            code=cause.code or "unauthorized",
            status=cause.status or 401,
        )

    def _refresh_locked(self) -> AuthSession:
        """POST /auth/refresh with the current refresh token. Caller holds the auth lock."""
        tokens = self._tokens
        if tokens is None:
            raise AuthError("Not signed in", code="not_authenticated")
        response = self._send(
            "POST", "/auth/refresh", body={"refresh_token": tokens.refresh_token}, authenticated=False, repeatable=False
        )
        grant = parse_as(TokenGrant, decode_json(response, what="refresh response"), what="refresh response")
        _log.info("access token refreshed for %s", grant.user.username)
        return self._install_grant(grant)

    def _current_access_token(self) -> str:
        """A usable access token, refreshed first when it is about to expire."""
        failure: IocError | None = None
        with self._auth_lock:
            tokens = self._tokens
            if tokens is None:
                raise AuthError("Not signed in", code="not_authenticated")
            if tokens.should_refresh(self.refresh_margin):
                try:
                    self._refresh_locked()
                except AuthError as exc:
                    failure = exc
                except BackendUnavailable:
                    # A refresh that cannot reach the backend is not fatal while the old
                    # token still works; the next call will try again.
                    if tokens.expired():
                        raise
                    _log.warning("token refresh postponed: backend unreachable")
            if failure is None:
                assert self._tokens is not None
                return self._tokens.access_token
        raise self._session_lost(failure)

    def _recover_from_rejected_token(self, rejected: str) -> None:
        """After a 401: refresh once (unless another thread already did), else end the session."""
        failure: IocError | None = None
        with self._auth_lock:
            tokens = self._tokens
            if tokens is None:
                raise AuthError("Not signed in", code="not_authenticated", status=401)
            if tokens.access_token != rejected:
                return  # someone refreshed while our request was in flight
            try:
                self._refresh_locked()
                return
            except AuthError as exc:
                failure = exc
        raise self._session_lost(failure)

    def ensure_fresh_token(self) -> str:
        """Refresh now if the access token is close to expiry; returns the token to use.

        Public for the event stream and video players, which hold one long request open.
        """
        return self._current_access_token()

    # ----------------------------------------------------------------- transport
    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
        authenticated: bool = True,
        idempotency_key: str | None = None,
        repeatable: bool | None = None,
        accept: str = "application/json",
        content: bytes | None = None,
        content_type: str | None = None,
        retries: int | None = None,
    ) -> requests.Response:
        """Send one API call with timeouts, retries and token handling; return a 2xx response.

        ``repeatable`` says whether the call may be re-sent after it possibly reached the
        server. By default that is GET/HEAD and every mutating call, because each one
        carries an Idempotency-Key that is reused for its own retries. Login and refresh
        pass False: they are retried only when the request certainly was not sent.
        ``content`` sends raw bytes of ``content_type`` instead of a JSON ``body`` (uploads).
        ``retries`` overrides ``max_retries`` (0: one try, for callers that run their own schedule).
        """
        max_retries = self.max_retries if retries is None else max(0, retries)
        if self._closed:
            raise IocError("client is closed", code="closed")
        url = self.api_root + path
        headers = {"Accept": accept}
        data: bytes | None = None
        if body is not None and content is not None:
            raise ValueError("send either a JSON body or raw content, not both")
        if body is not None:
            data = json.dumps(_wire_value(body), ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json; charset=utf-8"
        elif content is not None:
            data = bytes(content)
            headers["Content-Type"] = content_type or "application/octet-stream"
        if repeatable is None:
            repeatable = True
            if method in MUTATING_METHODS:
                headers["Idempotency-Key"] = idempotency_key or str(uuid.uuid4())
        elif idempotency_key:
            headers["Idempotency-Key"] = idempotency_key

        attempt = 0
        retried_after_401 = False
        while True:
            token = self._current_access_token() if authenticated else None
            if token is not None:
                headers["Authorization"] = f"Bearer {token}"
            started = time.monotonic()
            try:
                response = self._session.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    headers=headers,
                    timeout=(self.connect_timeout, self.read_timeout),
                    verify=self.verify,
                )
            except requests.RequestException as exc:
                reason = redact_text(str(exc))
                retryable = is_retryable_exception(exc) and (repeatable or request_never_reached_server(exc))
                if retryable and attempt < max_retries:
                    delay = full_jitter(self.backoff, attempt, MAX_BACKOFF_SECONDS)
                    _log.info(
                        "%s %s failed (%s); retry %d/%d in %.2f s",
                        method,
                        path,
                        type(exc).__name__,
                        attempt + 1,
                        max_retries,
                        delay,
                    )
                    attempt += 1
                    time.sleep(delay)
                    continue
                _log.warning("%s %s failed: %s", method, path, reason)
                if isinstance(exc, requests.exceptions.SSLError):
                    message = f"TLS error talking to {self.base_url}: {reason}"
                else:
                    message = f"Backend {self.base_url} unreachable ({type(exc).__name__}): {reason}"
                raise BackendUnavailable(message, code="unreachable") from None

            status = response.status_code
            _log.debug(
                "%s %s -> %d in %.0f ms%s",
                method,
                path,
                status,
                (time.monotonic() - started) * 1000,
                " (replayed)" if response.headers.get("Idempotent-Replayed") == "true" else "",
            )
            if status < 400:
                return response
            if status == 401 and token is not None and not retried_after_401:
                retried_after_401 = True
                self._recover_from_rejected_token(token)
                continue
            if status in RETRY_STATUSES and repeatable and attempt < max_retries:
                delay = retry_after_seconds(response) or full_jitter(self.backoff, attempt, MAX_BACKOFF_SECONDS)
                _log.info("%s %s -> %d; retry %d/%d in %.2f s", method, path, status, attempt + 1, max_retries, delay)
                attempt += 1
                time.sleep(delay)
                continue
            error = error_from_response(response)
            if (
                isinstance(error, Conflict)
                and error.code == "idempotency_key_in_use"
                and attempt > 0
                and attempt < max_retries
            ):
                # Our previous attempt timed out but is still being processed by the
                # server; waiting and replaying the same key returns its stored result.
                delay = full_jitter(self.backoff, attempt, MAX_BACKOFF_SECONDS)
                attempt += 1
                time.sleep(delay)
                continue
            if status == 401 and token is not None:
                raise self._session_lost(error)
            if status >= 500:
                error.message = f"Backend error: {error.message}"
            raise error

    def _get_json(self, path: str, *, params: dict[str, Any] | None = None, what: str) -> Any:
        return decode_json(self._send("GET", path, params=params), what=what)

    def _fetch(self, type_: type[T], path: str, *, what: str, **params: Any) -> T:
        return parse_as(type_, self._get_json(path, params=_query(**params), what=what), what=what)

    def _write(
        self,
        type_: type[T],
        method: str,
        path: str,
        body: dict[str, Any],
        *,
        what: str,
        idempotency_key: str | None,
    ) -> T:
        response = self._send(method, path, body=body, idempotency_key=idempotency_key)
        return parse_as(type_, decode_json(response, what=what), what=what)

    # ----------------------------------------------------------------- health & auth
    def health(self, *, retries: int | None = None) -> Health:
        """The backend's health; ``retries=0`` makes it one probe (the sync engine schedules its own)."""
        payload = decode_json(self._send("GET", "/health", authenticated=False, retries=retries), what="health")
        return parse_as(Health, payload, what="health")

    def login(self, username: str, password: str) -> AuthSession:
        """Sign in. The password is sent once and not kept anywhere on this object."""
        response = self._send(
            "POST",
            "/auth/login",
            body={"username": username, "password": password},
            authenticated=False,
            repeatable=False,
        )
        grant = parse_as(TokenGrant, decode_json(response, what="login response"), what="login response")
        _log.info("signed in as %s (%s)", grant.user.username, grant.user.role)
        return self._install_grant(grant)

    def redeem_offline_grant(self, grant: str) -> AuthSession:
        """Start a session from an offline grant (``POST /auth/grant``) instead of a password.

        Raises ``AuthError`` when the grant is unknown, expired or revoked (sign in again).
        The grant is single use; the new one is in the result and in ``offline_grant``.
        """
        response = self._send("POST", "/auth/grant", body={"grant": grant}, authenticated=False, repeatable=False)
        token_grant = parse_as(TokenGrant, decode_json(response, what="grant response"), what="grant response")
        _log.info("session resumed from an offline grant as %s (%s)", token_grant.user.username, token_grant.user.role)
        return self._install_grant(token_grant)

    def refresh(self) -> AuthSession:
        """Rotate the tokens now. Raises ``AuthError`` (and ends the session) if refused."""
        failure: IocError | None = None
        with self._auth_lock:
            try:
                return self._refresh_locked()
            except AuthError as exc:
                if exc.code == "not_authenticated":
                    raise
                failure = exc
        raise self._session_lost(failure)

    def logout(self) -> None:
        """Revoke the session on the server and forget it locally (local part always happens)."""
        with self._auth_lock:
            tokens = self._tokens
            self._tokens = None
            self._user = None
            self._offline_grant = None  # the server revokes it with the pair
        if tokens is None:
            return
        try:
            response = self._session.post(
                self.api_root + "/auth/logout",
                headers={"Authorization": f"Bearer {tokens.access_token}", "Idempotency-Key": str(uuid.uuid4())},
                timeout=(self.connect_timeout, self.read_timeout),
                verify=self.verify,
            )
        except requests.RequestException as exc:
            raise BackendUnavailable(
                f"Signed out locally; could not reach the backend to revoke the session: {redact_text(str(exc))}",
                code="unreachable",
            ) from None
        if response.status_code not in (200, 204, 401):
            # 401 means the token was already dead, which is what logging out wants.
            raise error_from_response(response)
        _log.info("signed out")

    def me(self) -> User:
        user = self._fetch(User, "/auth/me", what="user")
        self._user = user
        return user
