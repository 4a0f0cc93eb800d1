"""/tasks: directives assigned to units (often from a meeting); create and update."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from ioc_backend.api.auth import ALL_ROLES, TASK_CREATE, TASK_UPDATE, Principal, get_ctx, require_role
from ioc_backend.api.errors import field_error
from ioc_backend.api.idempotency import idempotency_key, idempotent_write
from ioc_backend.api.listing import Limit, Offset, paginate
from ioc_backend.api.routes.common import check_version, get_or_404, show
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.requests import TaskCreate, TaskPatch
from ioc_backend.api.schemas.responses import documented
from ioc_backend.api.schemas.vocabulary import TaskStatus
from ioc_backend.db import models
from ioc_backend.db.changes import record_change

router = APIRouter(prefix="/tasks", tags=["tasks"])
# May be set to null by PATCH (no deadline, no place).
_NULLABLE = frozenset({"due_at", "lat", "lon", "ward"})
Reader = Annotated[Principal, Depends(require_role(*ALL_ROLES))]
Key = Annotated[str | None, Depends(idempotency_key)]


@router.get("", response_model=None, responses=documented(M.Page[M.Task], 401, 403, 422))
def list_tasks(
    request: Request,
    principal: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    status: TaskStatus | None = None,
    meeting_id: int | None = None,
) -> JSONResponse:
    stmt = select(models.Task)
    if status is not None:
        stmt = stmt.where(models.Task.status == status)
    if meeting_id is not None:
        stmt = stmt.where(models.Task.meeting_id == meeting_id)
    with get_ctx(request).db.read() as session:
        return paginate(session, stmt, models.Task.id, limit, offset, lambda r: show(request, r))


@router.get("/{task_id}", response_model=None, responses=documented(M.Task, 401, 403, 404))
def get_task(request: Request, task_id: int, principal: Reader) -> dict[str, Any]:
    with get_ctx(request).db.read() as session:
        return show(request, get_or_404(session, models.Task, task_id, "Task"))


@router.post("", status_code=201, response_model=None, responses=documented(M.Task, 401, 403, 413, 422, status=201))
def create_task(
    request: Request,
    body: TaskCreate,
    principal: Annotated[Principal, Depends(require_role(*TASK_CREATE))],
    key: Key = None,
) -> Response:
    check_place(body.lat, body.lon, given={"lat", "lon"})

    def apply(session: Any) -> dict[str, Any]:
        if body.meeting_id is not None and session.get(models.Meeting, body.meeting_id) is None:
            raise field_error("body.meeting_id", f"meeting {body.meeting_id} does not exist")
        task = models.Task(
            title=body.title,
            description=body.description,
            assignee_unit=body.assignee_unit,
            status="todo",
            due_at=body.due_at,
            created_by=principal.username,
            meeting_id=body.meeting_id,
            lat=body.lat,
            lon=body.lon,
            ward=body.ward,
        )
        record_change(session, task, created=True)
        return show(request, task)

    return idempotent_write(request, principal, key, apply, status_code=201)


@router.patch("/{task_id}", response_model=None, responses=documented(M.Task, 401, 403, 404, 409, 413, 422))
def patch_task(
    request: Request,
    task_id: int,
    body: TaskPatch,
    principal: Annotated[Principal, Depends(require_role(*TASK_UPDATE))],
    key: Key = None,
) -> Response:
    given = body.model_fields_set & {"lat", "lon"}
    if given:
        check_place(body.lat, body.lon, given=given)

    def apply(session: Any) -> dict[str, Any]:
        task = get_or_404(session, models.Task, task_id, "Task")
        check_version(request, task, body.version, "Task")
        for name in body.model_fields_set - {"version"}:
            value = getattr(body, name)
            if value is None and name not in _NULLABLE:
                raise field_error(f"body.{name}", "may not be null")
            setattr(task, name, value)
        record_change(session, task)
        return show(request, task)

    return idempotent_write(request, principal, key, apply)


def check_place(lat: float | None, lon: float | None, *, given: set[str]) -> None:
    """A task's place has both coordinates or neither: 422 naming the one missing."""
    if given == {"lat", "lon"}:
        if (lat is None) == (lon is None):
            return
        missing = "lon" if lon is None else "lat"
    else:
        missing = "lat" if "lat" not in given else "lon"
    raise field_error(f"body.{missing}", "lat and lon go together: give both or neither")
