"""GET /events: Server-Sent Events of the change log — replay after Last-Event-ID, then live."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Annotated, Any, NamedTuple

from anyio import to_thread
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Text, cast, func, select

from ioc_backend.api.auth import ALL_ROLES, Principal, StreamAuthority, get_ctx, require_role
from ioc_backend.api.routes.common import base_url, reveals_credentials
from ioc_backend.api.routes.sync import parse_cursor
from ioc_backend.context import AppContext
from ioc_backend.db import models
from ioc_backend.db.meeting_members import manages_meetings, visible_meeting_ids
from ioc_backend.db.payloads import present, present_stored
from ioc_domain.roles import READABLE_RESOURCES

router = APIRouter(tags=["events"])
BATCH = 500


def _log_bounds(ctx: AppContext) -> tuple[int | None, int]:
    with ctx.db.read() as session:
        lo, hi = session.execute(select(func.min(models.ChangeEvent.id), func.max(models.ChangeEvent.id))).one()
    return lo, hi or 0


class LoggedChange(NamedTuple):
    """One change-log entry as the stream sends it; ``data`` is the stored JSON text (None for SQL NULL)."""

    id: int
    resource: str
    resource_id: str
    op: str
    data: str | None


_LOG = models.table_of(models.ChangeEvent)


def _fetch(ctx: AppContext, after: int, readable: frozenset[str]) -> tuple[list[LoggedChange], int]:
    """Visible events after ``after`` (≤ BATCH) and the cursor to continue from.

    The payload is read as the JSON text it is stored as and spliced into the message (as /sync
    does), not loaded into ORM objects, decoded and encoded again: a burst of 10,000 alerts is
    10,000 events per open stream, and that work ran on the backend's cores beside the writes.
    """
    with ctx.db.read() as session:
        snapshot_max = session.execute(select(func.max(_LOG.c.id))).scalar_one() or 0
        rows = [
            LoggedChange(*row)
            for row in session.execute(
                # Bounded by snapshot_max: SQLite reads here are not one snapshot, so an event committed
                # between the two queries must wait for the next fetch, or the cursor would re-send it.
                select(_LOG.c.id, _LOG.c.resource, _LOG.c.resource_id, _LOG.c.op, cast(_LOG.c.data, Text))
                .where(_LOG.c.id > after, _LOG.c.id <= snapshot_max, _LOG.c.resource.in_(readable))
                .order_by(_LOG.c.id)
                .limit(BATCH)
            )
        ]
    if len(rows) == BATCH:
        return rows, rows[-1].id
    # Everything up to the snapshot's max was scanned: skip past events this role cannot see.
    return rows, max(after, snapshot_max)


class _SharedFetch:
    """Streams woken by the same commit share one read of the change log instead of one each.

    A stream may only join a read that has not started yet: a read already running might have
    taken its snapshot before the commit that woke this stream, and joining it would leave that
    commit undelivered until the next wake-up. All streams run on one event loop, so "not started"
    is exact: the read starts when its task first runs, after the woken streams have queued up.
    """

    def __init__(self) -> None:
        self._pending: dict[tuple[int, frozenset[str]], asyncio.Future[tuple[list[LoggedChange], int]]] = {}

    async def fetch(self, ctx: AppContext, after: int, readable: frozenset[str]) -> tuple[list[LoggedChange], int]:
        key = (after, readable)
        future = self._pending.get(key)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._pending[key] = future
            asyncio.get_running_loop().create_task(self._run(key, future, ctx, after, readable))
        # shield: one stream leaving must not cancel the read the others wait for.
        return await asyncio.shield(future)

    async def _run(
        self,
        key: tuple[int, frozenset[str]],
        future: asyncio.Future[tuple[list[LoggedChange], int]],
        ctx: AppContext,
        after: int,
        readable: frozenset[str],
    ) -> None:
        del self._pending[key]  # started: later streams start their own read
        try:
            result = await to_thread.run_sync(_fetch, ctx, after, readable)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:  # noqa: BLE001 - handed to every waiting stream, which raises it
            if not future.done():
                future.set_exception(exc)
            return
        if not future.done():
            future.set_result(result)


def _shared_fetch(ctx: AppContext) -> _SharedFetch:
    if ctx.shared_reads is None:
        ctx.shared_reads = _SharedFetch()
    shared: _SharedFetch = ctx.shared_reads
    return shared


_MEETING_RESOURCES = frozenset({"meeting", "meeting_presenter"})


def _visible_meetings(ctx: AppContext, user_id: int, role: str, ids: set[int]) -> set[int]:
    """Which of these meetings the user may see (members-only meetings: their members only)."""
    meetings = models.table_of(models.Meeting)
    clause = visible_meeting_ids(meetings.c.id, user_id, role)
    with ctx.db.read() as session:
        query = select(meetings.c.id).where(meetings.c.id.in_(sorted(ids)))
        if clause is not None:
            query = query.where(clause)
        return {int(ident) for ident in session.execute(query).scalars()}


async def _members_only(ctx: AppContext, principal: Principal, rows: list[LoggedChange]) -> list[LoggedChange]:
    """Drop the changes of meetings the principal may not see. The shared read serves every stream
    of the role; membership is per user, so it is applied here, once per batch that holds any."""
    if manages_meetings(principal.role):
        return rows
    ids = {int(r.resource_id) for r in rows if r.resource in _MEETING_RESOURCES and r.op == "upsert"}
    if not ids:
        return rows
    visible = await to_thread.run_sync(_visible_meetings, ctx, principal.user_id, principal.role, ids)
    return [
        r for r in rows if r.resource not in _MEETING_RESOURCES or r.op != "upsert" or int(r.resource_id) in visible
    ]


@lru_cache(maxsize=64)
def _json_word(word: str) -> str:
    """A resource name or an op as a JSON string (a handful of words, encoded once each)."""
    return json.dumps(word)


def _format(event: LoggedChange, prev: int, base: str, reveal: bool) -> str:
    # ``prev`` lets a client prove it missed nothing: it must equal the id it applied last.
    stored = event.data
    if stored is None:
        data = "null"
    elif "\n" in stored or "\r" in stored:
        # Not one of our writers' texts (json.dumps never writes raw line breaks), and an SSE
        # data line must not hold one: encode it again.
        data = json.dumps(
            present(event.resource, json.loads(stored), base, reveal_credentials=reveal), ensure_ascii=False
        )
    else:
        data = present_stored(event.resource, stored, base, reveal_credentials=reveal)
    ident = json.dumps(event.resource_id, ensure_ascii=False)
    head = _json_word(event.resource), _json_word(event.op)
    payload = f'{{"seq":{event.id},"prev":{prev},"resource":{head[0]},"id":{ident},"op":{head[1]},"data":{data}}}'
    return f"id: {event.id}\nevent: change\ndata: {payload}\n\n"


def _reset(reason: str) -> str:
    return f"event: reset\ndata: {json.dumps({'reason': reason})}\n\n"


async def _event_stream(ctx: AppContext, principal: Principal, start: int | None, base: str) -> AsyncIterator[str]:
    readable = READABLE_RESOURCES[principal.role]
    reveal = reveals_credentials(principal)
    heartbeat = ctx.settings.heartbeat
    authority = StreamAuthority(ctx, principal)
    sub = ctx.notifier.subscribe()
    try:
        lo, hi = await to_thread.run_sync(_log_bounds, ctx)
        if start is None:
            cursor = hi  # no Last-Event-ID: the stream starts "now"
        elif (lo is None and start > 0) or (lo is not None and start < lo - 1):
            yield _reset("history_expired")
            cursor = hi
        elif start > hi:
            yield _reset("unknown_event_id")  # an id from another database: resync
            cursor = hi
        else:
            cursor = start
        prev = cursor  # the id this stream resumed from, then the id of each event it sent
        last_sent = time.monotonic()
        changed = True  # whether the change log may hold something this stream has not read
        while not ctx.shutting_down:
            if not await authority.valid():
                # Expired or revoked (logout): the client reconnects with a fresh token and Last-Event-ID.
                return
            if changed:
                # Clear before reading: a commit after this point sets the flag again, so no wake-up is lost.
                sub.event.clear()
                rows, cursor = await _shared_fetch(ctx).fetch(ctx, cursor, readable)
                if rows:
                    rows = await _members_only(ctx, principal, rows)
                    if not rows:
                        continue  # all of another meeting's members: read on (the batch may have been full)
                    chunks = []
                    for event in rows:
                        chunks.append(_format(event, prev, base, reveal))
                        prev = event.id
                    yield "".join(chunks)
                    last_sent = time.monotonic()
                    continue
            wait = heartbeat - (time.monotonic() - last_sent)
            if wait <= 0:
                yield ": heartbeat\n\n"
                last_sent = time.monotonic()
                changed = sub.event.is_set()
                continue
            try:
                # Also wake for the token's expiry and re-check, so the stream ends on time even when idle.
                timeout = min(wait, authority.seconds_left(), authority.interval)
                await asyncio.wait_for(sub.event.wait(), timeout=max(0.05, timeout))
            except TimeoutError:
                pass
            # A wake-up by timeout alone (token re-check, heartbeat) needs no read of the change log.
            changed = sub.event.is_set()
    finally:
        ctx.notifier.unsubscribe(sub)


@router.get("/events", response_class=StreamingResponse, responses={200: {"content": {"text/event-stream": {}}}})
def events(
    request: Request,
    principal: Annotated[Principal, Depends(require_role(*ALL_ROLES))],
    last_event_id_header: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    last_event_id: Annotated[str | None, Query(description="Alternative to the Last-Event-ID header")] = None,
) -> StreamingResponse:
    if last_event_id_header not in (None, ""):
        start = parse_cursor(last_event_id_header, "header.Last-Event-ID")
    else:
        start = parse_cursor(last_event_id, "query.last_event_id")
    ctx: Any = get_ctx(request)
    return StreamingResponse(
        _event_stream(ctx, principal, start, base_url(request)),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
