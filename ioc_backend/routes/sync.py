"""GET /sync: compacted changes since a cursor (latest state of each changed resource)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from ioc_backend import api_models as M
from ioc_backend.api_models import documented
from ioc_backend import models
from ioc_backend.auth import ALL_ROLES, READABLE_RESOURCES, Principal, get_ctx, require_role
from ioc_backend.errors import field_error
from ioc_backend.routes.common import base_url
from ioc_backend.serializers import RESOURCES, present

router = APIRouter(tags=["sync"])


def parse_cursor(raw: str | None, field: str) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise field_error(field, "must be a cursor returned by the server (a non-negative integer)") from None
    if value < 0:
        raise field_error(field, "must be a cursor returned by the server (a non-negative integer)")
    return value


@router.get("/sync", response_model=None, responses=documented(M.SyncPage, 401, 422))
def sync(request: Request, principal: Annotated[Principal, Depends(require_role(*ALL_ROLES))],
         since: Annotated[str | None, Query(description="Cursor from a previous sync; 0 = everything")] = None,
         limit: Annotated[int, Query(ge=1, le=10000)] = 5000) -> JSONResponse:
    cursor = parse_cursor(since, "query.since") or 0
    readable = READABLE_RESOURCES[principal.role]
    base = base_url(request)
    with get_ctx(request).db.read() as session:
        # pysqlite runs each SELECT in its own implicit snapshot, so every query below is bounded
        # by max_seq: a write committed meanwhile waits for the next sync instead of being
        # skipped by a cursor that jumped past it (writers commit in seq order under the lock).
        max_seq = session.execute(select(func.max(models.ChangeEvent.id))).scalar_one() or 0
        candidates: list[tuple[int, str, str, str, dict[str, Any] | None]] = []
        for name in sorted(readable):
            model, serializer = RESOURCES[name]
            rows = session.execute(select(model).where(model.seq > cursor, model.seq <= max_seq).order_by(model.seq)
                                   .limit(limit + 1)).scalars().all()
            candidates += [(r.seq, name, str(r.id), "upsert", present(name, serializer(r), base)) for r in rows]
        deletes = session.execute(
            select(models.ChangeEvent).where(models.ChangeEvent.id > cursor, models.ChangeEvent.id <= max_seq,
                                             models.ChangeEvent.op == "delete",
                                             models.ChangeEvent.resource.in_(readable))
            .order_by(models.ChangeEvent.id).limit(limit + 1)).scalars().all()
        candidates += [(e.id, e.resource, e.resource_id, "delete", None) for e in deletes]
    candidates.sort(key=lambda c: c[0])
    has_more = len(candidates) > limit
    page = candidates[:limit]
    changes = [{"seq": seq, "resource": res, "id": ident, "op": op, "data": data}
               for seq, res, ident, op, data in page]
    # When everything visible was returned, the cursor jumps to the newest sequence so that
    # changes the role cannot see (or no changes at all) still move the client forward.
    next_cursor = page[-1][0] if has_more else max_seq
    return JSONResponse({"changes": changes, "cursor": str(next_cursor), "has_more": has_more})
