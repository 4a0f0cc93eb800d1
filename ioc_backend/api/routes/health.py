"""GET /health: liveness, version and whether demo data is served (no auth)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ioc_backend import __version__
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.responses import documented
from ioc_backend.timeutil import iso, utcnow

router = APIRouter(tags=["health"])


@router.get("/health", response_model=None, responses=documented(M.Health))
def health(request: Request) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "time": iso(utcnow()), "demo": request.app.state.ctx.settings.demo}
