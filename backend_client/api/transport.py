"""HTTP plumbing shared by the client: what to retry, error-body mapping and JSON decoding."""

from __future__ import annotations

import json
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from backend_client.api.errors import (
    AuthError,
    BackendUnavailable,
    BadResponse,
    Conflict,
    InvalidRequest,
    IocError,
    NotFound,
    PermissionDenied,
    ServerBusy,
    TooManyAttempts,
)

MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_STATUSES = frozenset({502, 503, 504})
MAX_BACKOFF_SECONDS = 10.0  # cap of one call's own retries (backend_client.retry)
MAX_RETRY_AFTER_SECONDS = 30.0


def retry_after_seconds(response: requests.Response) -> float | None:
    """The server's ``Retry-After`` (seconds form) if present and sane, capped for automatic retries."""
    seconds = requested_wait(response)
    return None if seconds is None else min(seconds, MAX_RETRY_AFTER_SECONDS)


def requested_wait(response: requests.Response) -> float | None:
    """The server's ``Retry-After`` in seconds as given (for telling the operator), else None."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None  # the HTTP-date form is not worth supporting for a LAN backend
    if not 0 <= seconds < float("inf"):
        return None
    return seconds


def request_never_reached_server(exc: requests.RequestException) -> bool:
    """True when the failure happened while connecting, so the request was never sent.

    Only then is it safe to retry a call that is not idempotent (login, token refresh).
    """
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and not isinstance(exc, requests.exceptions.SSLError):
        reason = getattr(exc.args[0], "reason", None) if exc.args else None
        return isinstance(reason, (NewConnectionError, ConnectTimeoutError))
    return False


def is_retryable_exception(exc: requests.RequestException) -> bool:
    """Transport failures worth retrying; TLS and malformed-URL errors are not."""
    if isinstance(exc, requests.exceptions.SSLError):
        return False
    return isinstance(exc, (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError))


def decode_json(response: requests.Response, *, what: str) -> Any:
    """Decode the body as JSON or raise ``BadResponse`` (field "" = the whole body)."""
    try:
        return json.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        ctype = response.headers.get("Content-Type", "unknown type")
        raise BadResponse(
            f"Malformed {what}: body is not JSON ({ctype}, {len(response.content)} bytes)",
            field="",
            status=response.status_code,
        ) from None


def _error_fields(response: requests.Response) -> tuple[str | None, str | None, list[dict], dict | None]:
    """Extract (code, message, details, current) from an error body, tolerating any shape."""
    try:
        body = json.loads(response.content.decode("utf-8")) if response.content else None
    except (UnicodeDecodeError, ValueError):
        body = None
    code = message = None
    details: list[dict] = []
    current = None
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            code = err.get("code") if isinstance(err.get("code"), str) else None
            message = err.get("message") if isinstance(err.get("message"), str) else None
            raw_details = err.get("details")
            if isinstance(raw_details, list):
                details = [d for d in raw_details if isinstance(d, dict)]
            if isinstance(err.get("current"), dict):
                current = err["current"]
        if current is None and isinstance(body.get("current"), dict):
            current = body["current"]
        if message is None and isinstance(body.get("detail"), str):
            message = body["detail"]  # a proxy or framework default rather than our backend
    return code, message, details, current


def error_from_response(response: requests.Response) -> IocError:
    """Map a 4xx/5xx answer to the matching ``IocError`` subclass."""
    status = response.status_code
    code, message, details, current = _error_fields(response)
    if not message:
        message = f"HTTP {status} {response.reason or ''}".strip()
    if details and code in (None, "validation_error"):
        listed = "; ".join(f"{d.get('field', '?')}: {d.get('message', '?')}" for d in details[:5])
        message = f"{message} ({listed})"
    if status == 401:
        return AuthError(message, code=code or "unauthorized", status=status)
    if status == 403:
        return PermissionDenied(message, code=code or "forbidden", status=status)
    if status == 404:
        return NotFound(message, code=code or "not_found", status=status)
    if status == 409:
        return Conflict(message, code=code or "conflict", status=status, current=current)
    if status == 429:
        return TooManyAttempts(
            message, code=code or "too_many_attempts", status=status, retry_after=requested_wait(response)
        )
    if status == 503 and (code == "busy" or "Retry-After" in response.headers):
        return ServerBusy(message, code=code, status=status, retry_after=requested_wait(response))
    if 400 <= status < 500:
        return InvalidRequest(message, code=code, status=status, details=details)
    return BackendUnavailable(message, code=code, status=status)
