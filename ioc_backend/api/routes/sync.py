"""GET /sync: compacted changes since a cursor (latest state of each changed resource)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import ColumnElement, Text, cast, func, select
from sqlalchemy.orm import Session

from ioc_backend.api.auth import ALL_ROLES, Principal, get_ctx, require_role
from ioc_backend.api.errors import field_error
from ioc_backend.api.routes.common import base_url, reveals_credentials
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.responses import documented
from ioc_backend.db import models
from ioc_backend.db.meeting_members import visible_meeting_ids
from ioc_backend.db.payloads import RESOURCES, present, present_stored
from ioc_domain.roles import READABLE_RESOURCES

router = APIRouter(tags=["sync"])

CHANGE_LOG = models.ChangeEvent.__table__
# Rows whose stored payload is missing are re-read in chunks of this many seqs (an IN list
# far below SQLite's bound-parameter limit).
FALLBACK_CHUNK = 500


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
def sync(
    request: Request,
    principal: Annotated[Principal, Depends(require_role(*ALL_ROLES))],
    since: Annotated[str | None, Query(description="Cursor from a previous sync; 0 = everything")] = None,
    limit: Annotated[int, Query(ge=1, le=10000)] = 5000,
) -> Response:
    cursor = parse_cursor(since, "query.since") or 0
    readable = READABLE_RESOURCES[principal.role]
    with get_ctx(request).db.read() as session:
        body = sync_page_json(
            session,
            readable,
            cursor,
            limit,
            base_url(request),
            reveal_credentials=reveals_credentials(principal),
            row_filters=meeting_row_filters(principal.user_id, principal.role),
        )
    return Response(body.encode("utf-8"), media_type="application/json")


RowFilters = Mapping[str, ColumnElement[bool]]


def meeting_row_filters(user_id: int, role: str) -> dict[str, ColumnElement[bool]]:
    """Per resource, the rows the user may see beyond their role's resources: members-only
    meetings (and what their presenters show) only for their members and meeting managers."""
    out: dict[str, ColumnElement[bool]] = {}
    for name in ("meeting", "meeting_presenter"):
        clause = visible_meeting_ids(RESOURCES[name][0].__table__.c.id, user_id, role)
        if clause is not None:
            out[name] = clause
    return out


def _max_seq(session: Session) -> int:
    # Read FIRST and bound every later query by it: pysqlite runs each SELECT in its own
    # implicit snapshot, so a write committed meanwhile must wait for the next sync instead of
    # being skipped by a cursor that jumped past it (writers commit in seq order under the lock).
    return session.execute(select(func.max(CHANGE_LOG.c.id))).scalar_one() or 0


def _deletes_between(readable: Iterable[str], low: int, high: int) -> tuple[Any, ...]:
    return (
        CHANGE_LOG.c.op == "delete",
        CHANGE_LOG.c.id > low,
        CHANGE_LOG.c.id <= high,
        CHANGE_LOG.c.resource.in_(sorted(readable)),
    )


def _page_bound(
    session: Session, readable: frozenset[str], cursor: int, max_seq: int, limit: int, row_filters: RowFilters
) -> tuple[int, bool]:
    """The highest seq this page covers and whether more changes remain after it.

    Only the seq index of each table (and the delete entries of the log) is read, so finding
    the bound costs a few milliseconds however many rows each table holds.
    """
    seqs: list[int] = []
    for name in readable:
        table = RESOURCES[name][0].__table__
        seqs += (
            session.execute(
                select(table.c.seq)
                .where(table.c.seq > cursor, table.c.seq <= max_seq, *_filter_of(row_filters, name))
                .order_by(table.c.seq)
                .limit(limit + 1)
            )
            .scalars()
            .all()
        )
    seqs += (
        session.execute(
            select(CHANGE_LOG.c.id)
            .where(*_deletes_between(readable, cursor, max_seq))
            .order_by(CHANGE_LOG.c.id)
            .limit(limit + 1)
        )
        .scalars()
        .all()
    )
    if len(seqs) <= limit:
        # When everything visible fits, the cursor jumps to the newest sequence so that changes
        # the role cannot see (or no changes at all) still move the client forward.
        return max_seq, False
    seqs.sort()
    return seqs[limit - 1], True


def _json_id(ident: Any) -> str:
    return f'"{ident}"' if isinstance(ident, int) else json.dumps(str(ident), ensure_ascii=False)


def _compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _filter_of(row_filters: RowFilters, name: str) -> tuple[ColumnElement[bool], ...]:
    clause = row_filters.get(name)
    return () if clause is None else (clause,)


def _upserts(
    session: Session, name: str, cursor: int, bound: int, base: str, reveal: bool, row_filters: RowFilters
) -> list[tuple[int, str]]:
    """(seq, JSON text of the change) for every row of ``name`` with cursor < seq <= bound.

    Each row keeps its latest serialised form (``sync_json``, written by every change), so it
    is spliced into the response as text (no ORM load, no json round trip). A database from
    before that column has it NULL: then the row's latest change event, whose ``data`` is the
    same serialised row, is used while the log still holds it, and the serialiser after that.
    """
    model, serializer = RESOURCES[name]
    table = model.__table__
    rows = session.execute(
        select(table.c.seq, table.c.id, func.coalesce(table.c.sync_json, cast(CHANGE_LOG.c.data, Text)))
        .select_from(table.outerjoin(CHANGE_LOG, CHANGE_LOG.c.id == table.c.seq))
        .where(table.c.seq > cursor, table.c.seq <= bound, *_filter_of(row_filters, name))
    ).all()
    head = f',"resource":"{name}","id":'
    out: list[tuple[int, str]] = []
    missing: list[int] = []
    for seq, ident, stored in rows:
        if stored is None or stored == "null":
            missing.append(seq)
            continue
        data = present_stored(name, stored, base, reveal_credentials=reveal)
        out.append((seq, f'{{"seq":{seq}{head}{_json_id(ident)},"op":"upsert","data":{data}}}'))
    for start in range(0, len(missing), FALLBACK_CHUNK):
        # Matched by seq, not by range: a row changed since the query above has a new seq
        # (> max_seq) and is simply left to the next sync, as if it had changed earlier.
        for row in session.execute(select(table).where(table.c.seq.in_(missing[start : start + FALLBACK_CHUNK]))):
            data = _compact_json(present(name, serializer(row), base, reveal_credentials=reveal))
            out.append((row.seq, f'{{"seq":{row.seq}{head}{_json_id(row.id)},"op":"upsert","data":{data}}}'))
    return out


def sync_page_json(
    session: Session,
    readable: frozenset[str],
    cursor: int,
    limit: int,
    base: str,
    *,
    reveal_credentials: bool = False,
    row_filters: RowFilters | None = None,
) -> str:
    """One /sync page as JSON text: ``{"changes": [...], "cursor": "...", "has_more": ...}``.

    The page is bounded by sequence first (the ``limit``-th smallest seq after the cursor over
    every readable table and the deletes), so each table only yields the rows that are sent.
    ``reveal_credentials``: the caller may play video (camera stream URLs keep their credentials).
    ``row_filters``: per resource, a WHERE clause on its table keeping the rows the caller may see.
    """
    filters = row_filters or {}
    max_seq = _max_seq(session)
    bound, has_more = _page_bound(session, readable, cursor, max_seq, limit, filters)
    changes: list[tuple[int, str]] = []
    for name in readable:
        changes += _upserts(session, name, cursor, bound, base, reveal_credentials, filters)
    deletes = session.execute(
        select(CHANGE_LOG.c.id, CHANGE_LOG.c.resource, CHANGE_LOG.c.resource_id).where(
            *_deletes_between(readable, cursor, bound)
        )
    ).all()
    changes += [
        (seq, f'{{"seq":{seq},"resource":"{res}","id":{_json_id(str(rid))},"op":"delete","data":null}}')
        for seq, res, rid in deletes
    ]
    changes.sort(key=itemgetter(0))
    # Cursor semantics of the serialiser path: the seq of the last change sent while more
    # remain (the bound), else the newest sequence number.
    flag = "true" if has_more else "false"
    return f'{{"changes":[{",".join(text for _, text in changes)}],"cursor":"{bound}","has_more":{flag}}}'


def sync_page_serialised(
    session: Session, readable: frozenset[str], cursor: int, limit: int, base: str, *, reveal_credentials: bool = False
) -> dict[str, Any]:
    """The reference implementation of a page: every row ORM-loaded and serialised again.

    Slow (it loads ``limit + 1`` rows of every table per page); kept as the definition the fast
    path is tested against, so the two can be compared on the same database.
    """
    max_seq = _max_seq(session)
    reveal = reveal_credentials
    candidates: list[tuple[int, str, str, str, dict[str, Any] | None]] = []
    for name in sorted(readable):
        model, serializer = RESOURCES[name]
        rows: Sequence[Any] = (
            session.execute(
                select(model).where(model.seq > cursor, model.seq <= max_seq).order_by(model.seq).limit(limit + 1)
            )
            .scalars()
            .all()
        )
        candidates += [
            (r.seq, name, str(r.id), "upsert", present(name, serializer(r), base, reveal_credentials=reveal))
            for r in rows
        ]
    deletes = (
        session.execute(
            select(models.ChangeEvent)
            .where(
                models.ChangeEvent.id > cursor,
                models.ChangeEvent.id <= max_seq,
                models.ChangeEvent.op == "delete",
                models.ChangeEvent.resource.in_(readable),
            )
            .order_by(models.ChangeEvent.id)
            .limit(limit + 1)
        )
        .scalars()
        .all()
    )
    candidates += [(e.id, e.resource, e.resource_id, "delete", None) for e in deletes]
    candidates.sort(key=lambda c: c[0])
    has_more = len(candidates) > limit
    page = candidates[:limit]
    changes = [{"seq": seq, "resource": res, "id": ident, "op": op, "data": data} for seq, res, ident, op, data in page]
    next_cursor = page[-1][0] if has_more else max_seq
    return {"changes": changes, "cursor": str(next_cursor), "has_more": has_more}
