"""Builds the FastAPI application (routers, error handlers, middleware, lifespan) for a context."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from ioc_backend import __version__
from ioc_backend.api.errors import install_error_handlers
from ioc_backend.api.middleware import AccessLogMiddleware, BodyLimitMiddleware
from ioc_backend.api.routes import (
    alert_bulk,
    alert_ingest,
    alert_stats,
    alerts,
    audit,
    auth_routes,
    camera_actions,
    cameras,
    events,
    health,
    kpi_stats,
    meeting_agenda,
    meeting_documents,
    meeting_members,
    meeting_presenter,
    meetings,
    notes,
    polls,
    reports,
    sensors,
    streams,
    sync,
    tasks,
    users,
    views,
    wards,
    warnings,
)
from ioc_backend.context import AppContext

log = logging.getLogger("ioc_backend.api.app")
API_PREFIX = "/api/v1"
# Worker threads for blocking work (DB queries, JPEG encoding); video walls open many streams.
THREADPOOL_SIZE = 64


def create_app(ctx: AppContext) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = THREADPOOL_SIZE
        for worker in (ctx.simulator, ctx.maintenance, ctx.sla_watch):
            if worker is not None:
                worker.start()
        try:
            yield
        finally:
            ctx.close()

    # FastAPI's built-in OpenTelemetry hooks are off: spans would record URLs carrying
    # ?access_token= and the reference backend ships no collector.
    app = FastAPI(
        title="IOC API",
        version=__version__,
        lifespan=lifespan,
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
        description="Reference backend of the Huế IOC console (docs/API.md).",
    )
    app.state.ctx = ctx
    for module in (
        health,
        auth_routes,
        cameras,
        camera_actions,
        streams,
        alerts,
        reports,
        sensors,
        tasks,
        meetings,
        users,
        views,
        audit,
        sync,
        events,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    for module in (meeting_documents, polls, meeting_members, meeting_agenda, meeting_presenter, notes):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(alert_ingest.router, prefix=API_PREFIX)
    for module in (alert_stats, kpi_stats, alert_bulk, warnings, wards):
        app.include_router(module.router, prefix=API_PREFIX)
    install_error_handlers(app)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=ctx.settings.max_body_bytes,
        route_limits=(meeting_documents.UPLOAD_LIMIT,),
        body_timeout=ctx.settings.body_timeout,
    )
    app.add_middleware(AccessLogMiddleware)  # added last = outermost: sees the final status
    return app
