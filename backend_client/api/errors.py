"""Exception hierarchy raised by the IOC API client (one class per kind of failure)."""

from __future__ import annotations

from typing import Any


class IocError(Exception):
    """Base class of every error the client raises; ``message`` is safe to show to a user."""

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status

    def __str__(self) -> str:
        parts = [self.message]
        if self.code:
            parts.append(f"[{self.code}]")
        if self.status is not None:
            parts.append(f"(HTTP {self.status})")
        return " ".join(parts)


class AuthError(IocError):
    """Login refused, or the session is gone (token invalid and refreshing impossible)."""


class PermissionDenied(IocError):
    """The signed-in role may not do this (HTTP 403)."""


class NotFound(IocError):
    """Unknown id or path (HTTP 404)."""


class Conflict(IocError):
    """The write was based on a stale state (HTTP 409).

    ``code`` is ``conflict`` (stale version), ``invalid_transition`` (state machine) or
    ``idempotency_key_in_use``; ``current`` is the resource as the server has it now, so
    the caller can show it and let the operator redo the action.
    """

    def __init__(
        self, message: str, *, code: str | None = None, status: int | None = 409, current: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.current = current


class InvalidRequest(IocError):
    """The server rejected the request as malformed (HTTP 400/413/422).

    ``details`` lists one ``{"field": "body.status", "message": "..."}`` per bad field.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.details: list[dict[str, Any]] = list(details or [])


class BackendUnavailable(IocError):
    """The backend could not be reached or kept failing (connection, timeout, 5xx)."""


class TooManyAttempts(IocError):
    """The backend refuses more tries for now (HTTP 429, e.g. after repeated failed sign-ins).

    ``retry_after`` is the server's wait in seconds (its ``Retry-After``), None when it gave none.
    Never retried automatically: each retry of a sign-in would count as one more failure.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str | None = "too_many_attempts",
        status: int | None = 429,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.retry_after = retry_after


class ServerBusy(BackendUnavailable):
    """The backend is overloaded and said so (HTTP 503, e.g. too many sign-ins hashing at once).

    ``retry_after`` is the server's ``Retry-After`` in seconds, None when it gave none.
    """

    def __init__(
        self, message: str, *, code: str | None = "busy", status: int | None = 503, retry_after: float | None = None
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.retry_after = retry_after


class BadResponse(IocError):
    """The backend answered something that does not match the API contract.

    ``field`` is the dotted path of the offending value (``items.3.lat``); it is the empty
    string when the body as a whole is wrong (not JSON, or a list instead of an object).
    """

    def __init__(
        self, message: str, *, field: str = "", code: str | None = "bad_response", status: int | None = None
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.field = field
