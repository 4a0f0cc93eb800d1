"""uvicorn's HTTP/1.1 protocol with a header read timeout: a stalled or trickling request is dropped.

uvicorn bounds the idle time between requests (keep-alive) but not the time a client may take
to send a request's headers: a client that opens a connection and sends nothing, or one byte
every few seconds (slowloris), would hold it forever. The body's read time is bounded by the
ASGI middleware (api/middleware.py), which reads every body before the route sees it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("ioc_backend.http")


class HeaderTimeoutProtocol(H11Protocol):
    """Closes the connection when a request's headers are not complete ``header_timeout`` s after it began.

    The clock starts when the connection opens and, on a kept-alive connection, at the first
    byte of each following request; it stops when the headers are complete (uvicorn then
    starts a new request cycle). Responses, however long they stream, are not timed.
    """

    header_timeout: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._timed_cycle: object | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self._awaiting_request():
            self._arm_header_timer()
        super().data_received(data)
        if self._header_timer is not None and self.cycle is not self._timed_cycle:
            self._cancel_header_timer()  # the headers are in: a new request cycle began

    def _awaiting_request(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._timed_cycle = self.cycle
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_timeout_expired)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_timeout_expired(self) -> None:
        self._header_timer = None
        if self.cycle is self._timed_cycle and self._awaiting_request() and not self.transport.is_closing():
            client = f"{self.client[0]}:{self.client[1]}" if self.client else "-"
            log.info("%s: no complete request headers within %.1f s; connection closed", client, self.header_timeout)
            self.transport.close()


def protocol_with_header_timeout(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class uvicorn instantiates per connection, with this server's header timeout."""
    return type("IocHttpProtocol", (HeaderTimeoutProtocol,), {"header_timeout": seconds})
