"""ASGI middleware: request-body size and time limits (+ body hash for idempotency) and redacted access log."""

from __future__ import annotations

import hashlib
import json
import re
import time
from typing import Any

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ioc_backend.api.errors import error_body
from ioc_backend.logsafe import safe_logger

# Escaped at the logger too: the embedded backend logs through the console's handlers.
access_log = safe_logger("ioc_backend.access")

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
BODY_HASH_SCOPE_KEY = "ioc.body_sha256"
# Past this many bytes an oversized body is not even drained: we answer and drop the connection.
_MAX_DRAIN = 64 * 1024 * 1024
_SECRET_PARAM = re.compile(r"((?:^|&)(?:access_token|refresh_token|token|password)=)[^&]*", re.I)


def redact_query(query: str) -> str:
    return _SECRET_PARAM.sub(r"\1REDACTED", query)


async def _send_413(send: Send, limit: int) -> None:
    await _send_and_close(send, 413, "payload_too_large", f"Request body is larger than {limit} bytes")


async def _send_and_close(send: Send, status: int, code: str, message: str) -> None:
    """An error answer that also ends the connection (the rest of the body is never read)."""
    body = json.dumps(error_body(code, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Refuses bodies over ``max_bytes`` (by Content-Length and by counting streamed bytes).

    Accepted bodies are buffered (≤ 1 MiB; more on the routes of ``route_limits``) and their
    SHA-256 stored in the scope, so the idempotency layer can compare replays byte-for-byte
    without re-reading the stream.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        route_limits: tuple[tuple[str, re.Pattern[str], int], ...] = (),
        body_timeout: float = 60.0,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Seconds a client has to send the whole body; a stalled upload is answered 408 and dropped.
        self.body_timeout = body_timeout
        # (method, path pattern, limit): the few routes that take larger bodies (meeting PDFs).
        self.route_limits = route_limits

    def _limit_for(self, method: str, path: str) -> int:
        for route_method, pattern, limit in self.route_limits:
            if method == route_method and pattern.match(path):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        max_bytes = self._limit_for(scope["method"], scope.get("path", ""))
        declared = None
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None and declared > _MAX_DRAIN:
            await _send_413(send, max_bytes)
            return
        chunks: list[bytes] = []
        size = 0
        too_large = declared is not None and declared > max_bytes
        with anyio.move_on_after(self.body_timeout) as reading:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > max_bytes:
                    too_large = True
                if not too_large:
                    chunks.append(chunk)
                if size > _MAX_DRAIN:
                    break
                if not message.get("more_body", False):
                    break
        if reading.cancelled_caught:
            stalled = f"The request body was not complete within {self.body_timeout:g} s"
            await _send_and_close(send, 408, "request_timeout", stalled)
            return
        if too_large:
            await _send_413(send, max_bytes)
            return
        body = b"".join(chunks)
        scope[BODY_HASH_SCOPE_KEY] = hashlib.sha256(body).hexdigest()
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class AccessLogMiddleware:
    """Logs method, path, status and duration; secrets in the query string are redacted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status: dict[str, Any] = {"code": 0}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            if not status["code"]:
                status["code"] = 500  # the error middleware outside us answers 500
            raise
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope["path"] + ("?" + redact_query(query) if query else "")
            client = scope.get("client") or ("-", 0)
            access_log.info(
                "%s %s %s %d %.1fms",
                client[0],
                scope["method"],
                target,
                status["code"],
                (time.perf_counter() - started) * 1000,
            )
