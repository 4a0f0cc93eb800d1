"""/users: the account list, for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from ioc_backend.api.auth import ADMIN, Principal, get_ctx, require_role
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.payloads import user_dict

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=None, responses=documented(M.Page[M.User], 401, 403, 422))
def list_users(
    request: Request,
    principal: Annotated[Principal, Depends(require_role(*ADMIN))],
    limit: Limit = 100,
    offset: Offset = 0,
) -> JSONResponse:
    with get_ctx(request).db.read() as session:
        return paginate(session, select(models.User), models.User.id, limit, offset, user_dict)
