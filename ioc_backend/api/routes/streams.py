"""/streams: simulated cameras as real MJPEG over HTTP, and single JPEG frames."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse

from ioc_backend.api.auth import OPS_READ, Principal, StreamAuthority, get_ctx, require_role
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


async def _mjpeg_parts(ctx: AppContext, cam: models.Camera, which: str, principal: Principal) -> AsyncIterator[bytes]:
    """Yield the newest multipart part of each tick until the client leaves, the server stops
    or the token stops being valid (expired, or revoked by logout).

    The camera's one producer (ctx.feeds) encodes each tick once for all viewers in a bounded
    pool; this generator only waits and writes, so a viewer costs no thread. Starlette cancels
    it when the client disconnects; leaving the loop releases the viewer's place in the feed.
    """
    authority = StreamAuthority(ctx, principal)
    parts = ctx.feeds.parts(cam.id, cam.name, cam.ward, which)
    try:
        async for part in parts:
            if ctx.shutting_down or not await authority.valid():
                return
            yield part
    finally:
        await parts.aclose()


@router.get(
    "/{camera_id}/{which}.mjpeg",
    response_class=StreamingResponse,
    responses={200: {"content": {"multipart/x-mixed-replace": {}}}},
)
def mjpeg_stream(request: Request, camera_id: str, which: StreamKind, principal: MediaUser) -> StreamingResponse:
    from ioc_backend.demo.media import MJPEG_CONTENT_TYPE

    ctx = get_ctx(request)
    cam = _streamable_camera(ctx, camera_id)
    return StreamingResponse(_mjpeg_parts(ctx, cam, which, principal), media_type=MJPEG_CONTENT_TYPE, headers=NO_CACHE)


@router.get("/{camera_id}/{which}.jpg", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}})
def jpeg_frame(request: Request, camera_id: str, which: StreamKind, principal: MediaUser) -> Response:
    ctx = get_ctx(request)
    cam = _streamable_camera(ctx, camera_id)
    jpeg = ctx.frames.jpeg(cam.id, cam.name, cam.ward, which)
    return Response(jpeg, media_type="image/jpeg", headers=NO_CACHE)
