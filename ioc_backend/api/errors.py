"""Every error the API returns, shaped as docs/API.md's error body, produced in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ioc_backend.logsafe import safe_logger

# Its records carry the client's path and values: escaped even under the console's handlers.
log = safe_logger("ioc_backend.api.errors")

_CODE_FOR_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    503: "service_unavailable",
}


class ApiError(Exception):
    """Raise anywhere in a handler to answer with the standard error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: list[dict[str, str]] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.extra = extra or {}
        self.headers = headers


def error_body(
    code: str, message: str, details: list[dict[str, str]] | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        err["details"] = details
    body: dict[str, Any] = {"error": err}
    body.update(extra or {})
    return body


def error_response(status: int, code: str, message: str, **kw: Any) -> JSONResponse:
    headers = kw.pop("headers", None)
    return JSONResponse(error_body(code, message, **kw), status_code=status, headers=headers)


def not_found(what: str, ident: object) -> ApiError:
    return ApiError(404, "not_found", f"{what} {ident} does not exist")


def field_error(field: str, message: str) -> ApiError:
    return ApiError(
        422, "validation_error", f"Invalid value for {field}: {message}", details=[{"field": field, "message": message}]
    )


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message, details=exc.details, extra=exc.extra, headers=exc.headers)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "invalid_json", "The request body is not valid JSON")
    details = [{"field": ".".join(str(p) for p in e.get("loc", ())), "message": str(e.get("msg", ""))} for e in errors]
    fields = ", ".join(d["field"] for d in details)
    return error_response(422, "validation_error", f"Invalid request: {fields}", details=details)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _CODE_FOR_STATUS.get(exc.status_code, "error")
    if exc.status_code == 404:
        message = f"No such resource: {request.url.path}"
    elif exc.status_code == 405:
        message = f"Method {request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    # Write transactions roll back in Database.write() before the exception reaches here.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "Internal server error; nothing was changed")


async def _data_error(request: Request, exc: DataError) -> JSONResponse:
    # Only stricter databases (PostgreSQL) raise this, for input SQLite would accept: a NUL
    # character in text, an integer beyond the column's range, a string over its length.
    # It is the client's value, not a bug; the transaction was rolled back.
    log.warning("database refused a value on %s %s: %s", request.method, request.url.path, exc.orig)
    return error_response(
        422,
        "validation_error",
        "A value in the request cannot be stored by the database "
        "(out of range, too long, or containing a NUL character)",
    )


async def _overflow(request: Request, exc: OverflowError) -> JSONResponse:
    # SQLite cannot bind integers beyond 64 bits (e.g. /alerts/2**70 or offset=2**70): the
    # number is the client's mistake, answered like any other out-of-range value.
    log.warning("integer out of range on %s %s: %s", request.method, request.url.path, exc)
    return error_response(422, "validation_error", "A number in the request is out of range")


E = TypeVar("E", bound=Exception)


def _for(kind: type[E], handler: Callable[[Request, E], Awaitable[Response]]) -> Callable[..., Awaitable[Response]]:
    """``handler`` as Starlette takes it (any exception), for the exceptions of ``kind`` it is registered for."""

    async def handle(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, kind):  # Starlette only calls it for ``kind``; say so to the type checker
            raise exc
        return await handler(request, exc)

    return handle


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _for(ApiError, _api_error))
    app.add_exception_handler(RequestValidationError, _for(RequestValidationError, _validation_error))
    app.add_exception_handler(StarletteHTTPException, _for(StarletteHTTPException, _http_error))
    app.add_exception_handler(DataError, _for(DataError, _data_error))
    app.add_exception_handler(OverflowError, _for(OverflowError, _overflow))
    app.add_exception_handler(Exception, _unhandled)
