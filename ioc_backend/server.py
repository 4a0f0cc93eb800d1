"""Prepares a backend (schema, seed, simulator) and runs uvicorn on a socket we bound ourselves."""

from __future__ import annotations

import gc
import logging
import math
import socket
from collections.abc import Callable

import uvicorn

from ioc_backend.alerting.sla_watch import SlaWatch
from ioc_backend.api.app import create_app
from ioc_backend.context import AppContext
from ioc_backend.db.engine import Database
from ioc_backend.db.maintenance import MaintenanceThread, prune
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.demo.seed import seed_demo
from ioc_backend.http_protocol import protocol_with_header_timeout
from ioc_backend.settings import Settings

log = logging.getLogger("ioc_backend.server")


def prepare_context(settings: Settings) -> AppContext:
    """Open the database, migrate it to the newest schema, seed demo data if asked and empty, trim history."""
    db = Database(settings.db_url)
    try:
        upgrade_database(db)
        if settings.demo:
            seed_demo(db)
        prune(db, settings.event_retention)
    except BaseException:
        db.dispose()
        raise
    ctx = AppContext(settings=settings, db=db)
    if settings.demo and settings.simulator:
        from ioc_backend.demo.simulator import Simulator

        ctx.simulator = Simulator(db)
    ctx.maintenance = MaintenanceThread(db, settings.event_retention)
    if settings.sla_watch_interval > 0:
        ctx.sla_watch = SlaWatch(db, settings.sla_watch_interval)
    return ctx


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind and listen before uvicorn starts so port 0 resolves to a real port we can print."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be IPPROTO_TCP explicitly: asyncio only disables Nagle (TCP_NODELAY) on
    # accepted sockets whose proto says TCP; with proto 0 every keep-alive response would
    # wait ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def socket_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class IocServer(uvicorn.Server):
    """uvicorn server that first tells long-lived streams to finish when shutdown begins.

    Without this uvicorn would wait for open MJPEG/SSE responses (they never end on their
    own) until ``timeout_graceful_shutdown`` and then cancel them.
    """

    def __init__(self, config: uvicorn.Config, ctx: AppContext, on_started: Callable[[], None] | None = None) -> None:
        super().__init__(config)
        self.ctx = ctx
        self.on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        # Announce readiness only now: uvicorn's own signal handling is in place, so a
        # supervisor that sends SIGTERM right after the announcement gets a graceful stop.
        if self.started and not self.should_exit and self.on_started is not None:
            self.on_started()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.ctx.notifier.close()
        await super().shutdown(sockets=sockets)


def build_server(ctx: AppContext, on_started: Callable[[], None] | None = None) -> IocServer:
    app = create_app(ctx)
    # Everything built so far (ORM mappers, routes, schemas, the seeded caches) lives as long as
    # the process: out of the collector's sight, a full collection during a burst of writes
    # scans only what the requests made.
    gc.freeze()
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=math.ceil(ctx.settings.graceful_shutdown),
        proxy_headers=False,
        server_header=False,
        http=protocol_with_header_timeout(ctx.settings.header_timeout),
        timeout_keep_alive=ctx.settings.keep_alive_timeout,
        # uvicorn answers 503 once it holds this many connections (the asking one included)
        # or requests: +1 makes both bounds exactly max_connections.
        limit_concurrency=ctx.settings.max_connections + 1,
    )
    return IocServer(config, ctx, on_started)
