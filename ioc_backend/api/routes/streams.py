"""/streams: simulated cameras as real MJPEG over HTTP, and single JPEG frames."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from ioc_backend.api.auth import OPS_READ, Principal, get_ctx, require_role
from ioc_backend.api.errors import ApiError
from ioc_backend.api.routes.common import get_or_404
from ioc_backend.api.schemas.vocabulary import StreamKind
from ioc_backend.context import AppContext
from ioc_backend.db import models

router = APIRouter(prefix="/streams", tags=["streams"])
MediaUser = Annotated[Principal, Depends(require_role(*OPS_READ, allow_query_token=True))]
NO_CACHE = {"Cache-Control": "no-store, no-cache, must-revalidate", "Pragma": "no-cache"}


def _streamable_camera(ctx: AppContext, camera_id: str) -> models.Camera:
    with ctx.db.read() as session:
        cam = get_or_404(session, models.Camera, camera_id, "Camera")
    if cam.status == "offline":
        raise ApiError(503, "camera_offline", f"Camera {camera_id} is offline")
    return cam


async def _mjpeg_parts(ctx: AppContext, cam: models.Camera, which: str) -> AsyncIterator[bytes]:
    """Yield one multipart part per frame tick until the client leaves or the server stops.

    Encoding happens in the thread pool (FrameSource shares one encode per tick between all
    viewers); the event loop only sleeps and writes. Starlette cancels this generator when
    the client disconnects; the shutdown flag ends it when the server stops.
    """
    from ioc_backend.demo.media import multipart_part

    source = ctx.frames
    interval = source.frame_interval
    next_tick = time.monotonic()
    while not ctx.shutting_down:
        jpeg = await run_in_threadpool(source.jpeg, cam.id, cam.name, cam.ward, which)
        yield multipart_part(jpeg)
        next_tick += interval
        delay = next_tick - time.monotonic()
        if delay < 0:  # slow client or busy machine: drop the missed ticks instead of bursting
            next_tick = time.monotonic()
            delay = 0.0
        await asyncio.sleep(delay)


@router.get(
    "/{camera_id}/{which}.mjpeg",
    response_class=StreamingResponse,
    responses={200: {"content": {"multipart/x-mixed-replace": {}}}},
)
def mjpeg_stream(request: Request, camera_id: str, which: StreamKind, principal: MediaUser) -> StreamingResponse:
    from ioc_backend.demo.media import MJPEG_CONTENT_TYPE

    ctx = get_ctx(request)
    cam = _streamable_camera(ctx, camera_id)
    return StreamingResponse(_mjpeg_parts(ctx, cam, which), media_type=MJPEG_CONTENT_TYPE, headers=NO_CACHE)


@router.get("/{camera_id}/{which}.jpg", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}})
def jpeg_frame(request: Request, camera_id: str, which: StreamKind, principal: MediaUser) -> Response:
    ctx = get_ctx(request)
    cam = _streamable_camera(ctx, camera_id)
    jpeg = ctx.frames.jpeg(cam.id, cam.name, cam.ward, which)
    return Response(jpeg, media_type="image/jpeg", headers=NO_CACHE)
