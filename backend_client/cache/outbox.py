"""The durable outbox: operator actions waiting to be sent, and the states each may move through."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, tuple_, update
from sqlalchemy import exc as sa_exc

from backend_client.cache.errors import InvalidOutboxRequest, OutboxStateError
from backend_client.cache.extract import RESOURCES, dumps
from backend_client.cache.schema import OUTBOX_STATES, outbox
from backend_client.cache.timeutil import now_iso

METHODS = ("POST", "PATCH", "PUT", "DELETE")
MAX_KEY_LENGTH = 200  # the API's Idempotency-Key limit

# Which states each move may start from. `requeue` puts an entry back in line with the SAME
# idempotency key, so a request the server did apply (but whose answer was lost) is
# recognised and not applied twice.
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "mark_sending": ("pending",),
    "mark_applied": ("sending",),
    "mark_conflict": ("sending",),
    "mark_failed": ("sending",),
    "requeue": ("sending", "failed", "conflict"),
    # An entry being sent may already be applied on the server: it cannot be taken back.
    "cancel": ("pending", "failed", "conflict"),
}


class DuplicateIdempotencyKey(InvalidOutboxRequest):
    """An entry with this idempotency key is already in the outbox."""


@dataclass(frozen=True)
class OutboxEntry:
    """One queued operator action exactly as stored; ``id`` is its place in the replay order."""

    id: int
    idempotency_key: str
    created_at: str
    kind: str
    method: str
    path: str
    body: Any
    resource: str | None
    resource_id: str | None
    base_version: int | None
    state: str
    attempts: int
    last_error: str | None
    response: Any
    server_current: Any
    updated_at: str

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> OutboxEntry:
        def load(text: str | None) -> Any:
            return None if text is None else json.loads(text)

        return cls(
            id=row["id"],
            idempotency_key=row["idempotency_key"],
            created_at=row["created_at"],
            kind=row["kind"],
            method=row["method"],
            path=row["path"],
            body=load(row["body"]),
            resource=row["resource"],
            resource_id=row["resource_id"],
            base_version=row["base_version"],
            state=row["state"],
            attempts=row["attempts"],
            last_error=row["last_error"],
            response=load(row["response"]),
            server_current=load(row["server_current"]),
            updated_at=row["updated_at"],
        )


def new_entry_values(
    kind: str,
    method: str,
    path: str,
    body: Any,
    *,
    resource: str | None,
    resource_id: str | int | None,
    base_version: int | None,
    idempotency_key: str | None,
) -> dict[str, Any]:
    """Validate an action and return the row to insert; raises ``InvalidOutboxRequest``."""
    if not isinstance(kind, str) or not kind.strip():
        raise InvalidOutboxRequest("An outbox action needs a kind such as 'alert.transition'.")
    if not isinstance(method, str) or method.upper() not in METHODS:
        raise InvalidOutboxRequest(f"Method {method!r} is not a mutating HTTP method ({', '.join(METHODS)}).")
    if not isinstance(path, str) or not path.startswith("/") or any(ch.isspace() for ch in path):
        raise InvalidOutboxRequest(f"Path {path!r} must start with '/' and contain no spaces.")
    if resource is not None and resource not in RESOURCES:
        raise InvalidOutboxRequest(f"Unknown resource {resource!r}; expected one of {', '.join(RESOURCES)}.")
    if base_version is not None and (not isinstance(base_version, int) or isinstance(base_version, bool)):
        raise InvalidOutboxRequest(f"base_version must be an integer or None, not {base_version!r}.")
    key = str(uuid.uuid4()) if idempotency_key is None else idempotency_key
    if not isinstance(key, str) or not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidOutboxRequest(f"The idempotency key must be 1..{MAX_KEY_LENGTH} printable characters.")
    try:
        body_text = None if body is None else dumps(body)
    except (TypeError, ValueError) as exc:
        raise InvalidOutboxRequest(f"The action's body cannot be stored as JSON: {exc}.") from exc
    now = now_iso()
    return {
        "idempotency_key": key,
        "created_at": now,
        "kind": kind.strip(),
        "method": method.upper(),
        "path": path,
        "body": body_text,
        "resource": resource,
        "resource_id": None if resource_id is None else str(resource_id),
        "base_version": base_version,
        "state": "pending",
        "attempts": 0,
        "updated_at": now,
    }


def insert_entry(conn: Connection, values: dict[str, Any]) -> OutboxEntry:
    try:
        key = conn.execute(insert(outbox).values(**values)).inserted_primary_key
        assert key is not None  # an INSERT always has one
        new_id = key[0]
    except sa_exc.IntegrityError as exc:
        existing = conn.execute(
            select(outbox.c.id).where(outbox.c.idempotency_key == values["idempotency_key"])
        ).scalar()
        if existing is None:
            raise
        raise DuplicateIdempotencyKey(
            f"An action with idempotency key {values['idempotency_key']!r} is "
            f"already in the outbox (entry #{existing})."
        ) from exc
    return fetch(conn, new_id)


def fetch(conn: Connection, entry_id: int) -> OutboxEntry:
    row = conn.execute(select(outbox).where(outbox.c.id == entry_id)).mappings().first()
    if row is None:
        raise OutboxStateError(f"Outbox entry #{entry_id} does not exist.")
    return OutboxEntry.from_row(row)


def move(conn: Connection, entry_id: int, action: str, new_state: str, **values: Any) -> OutboxEntry:
    """Move entry ``entry_id`` to ``new_state`` if ``action`` is allowed from its current state."""
    assert new_state in OUTBOX_STATES
    allowed = ALLOWED_FROM[action]
    values = {
        key: (dumps(value) if key in ("response", "server_current") and value is not None else value)
        for key, value in values.items()
    }
    result = conn.execute(
        update(outbox)
        .where(outbox.c.id == entry_id, outbox.c.state.in_(allowed))
        .values(state=new_state, updated_at=now_iso(), **values)
    )
    if result.rowcount != 1:
        current = fetch(conn, entry_id)  # raises if it does not exist
        raise OutboxStateError(
            f"Outbox entry #{entry_id} is {current.state}; {action.replace('_', ' ')} "
            f"needs it to be {' or '.join(allowed)}."
        )
    return fetch(conn, entry_id)


def select_entries(
    conn: Connection,
    states: Iterable[str] | None,
    limit: int | None,
    resources: Iterable[tuple[str, str]] | None = None,
) -> list[OutboxEntry]:
    query = select(outbox).order_by(outbox.c.id)
    if resources is not None:
        query = query.where(tuple_(outbox.c.resource, outbox.c.resource_id).in_(list(resources)))
    if states is not None:
        states = list(states)
        unknown = [s for s in states if s not in OUTBOX_STATES]
        if unknown:
            raise ValueError(f"Unknown outbox state(s) {unknown}; expected some of {', '.join(OUTBOX_STATES)}.")
        query = query.where(outbox.c.state.in_(states))
    if limit is not None:
        query = query.limit(limit)
    return [OutboxEntry.from_row(row) for row in conn.execute(query).mappings()]
