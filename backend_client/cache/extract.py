"""Turns API change objects into cache rows: validation plus the indexed columns views filter on."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from backend_client.cache.errors import InvalidChange

# "view" (the user's saved views) and "note" (their private notes on document pages) are never
# in /sync — they are private to their owner — but are cached in the same table so the outbox
# and the panels read them the same way.
SYNCED_RESOURCES = ("camera", "alert", "report", "sensor", "task", "meeting", "warning", "meeting_presenter")
RESOURCES = SYNCED_RESOURCES + ("view", "note")

# Which field of each resource fills the indexed columns. `state` is the workflow state a
# view filters on; `kind` the main category; `sort_time` the time lists are ordered by.
_STATE_FIELD = {
    "camera": "status",
    "alert": "state",
    "report": "status",
    "sensor": "status",
    "task": "status",
    "meeting": "status",
    "warning": "state",  # draft | published | external
}
_KIND_FIELD = {
    "camera": "category",
    "alert": "analytic",
    "report": "source",
    "sensor": "kind",
    "view": "kind",
    "warning": "msg_type",  # CAP Alert | Update | Cancel
    "note": "document_id",  # a document's notes
}
_WARD_FIELD = {"camera": "ward", "alert": "ward", "report": "ward", "sensor": "ward", "task": "assignee_unit"}
_TIME_FIELD = {
    "camera": "updated_at",
    "alert": "detected_at",
    "report": "requested_datetime",
    "sensor": "last_phenomenon_time",
    "task": "due_at",
    "meeting": "starts_at",
    "warning": "created_at",  # a draft has no CAP ``sent`` yet
    "meeting_presenter": "updated_at",
    "view": "name",
    "note": "updated_at",
}  # views list by name

UpsertRow = tuple[str, str, int, int, Any, Any, Any, Any, Any, str]


# One shared encoder: json.dumps() with options builds a new encoder on every call, which
# shows up when serialising 183,000 rows. NaN is refused: SQLite's JSON functions reject it.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def dumps(value: Any) -> str:
    """Compact JSON, Vietnamese kept readable (no \\u escapes) and smaller on disk."""
    return _ENCODE(value)


# Per resource: the (state, ward, kind, sort_time) field names, looked up once per row.
_COLUMN_FIELDS = {
    resource: (_STATE_FIELD.get(resource), _WARD_FIELD.get(resource), _KIND_FIELD.get(resource), _TIME_FIELD[resource])
    for resource in RESOURCES
}


def _text(value: Any) -> str | None:
    return value if value is None or type(value) is str else str(value)


def resource_row(resource: str, data: Mapping[str, Any], seq: int) -> UpsertRow:
    """The ``resources`` row for one resource object (``data`` as the API sent it)."""
    # This runs once per change in a 183,000-row initial sync, hence the flat, lookup-light code.
    state_field, ward_field, kind_field, time_field = _COLUMN_FIELDS[resource]
    get = data.get
    version = get("version", 0)
    if type(version) is not int:
        version = 0
    return (
        resource,
        str(data["id"]),
        seq,
        version,
        _text(get("updated_at")),
        _text(get(state_field)) if state_field else None,
        _text(get(ward_field)) if ward_field else None,
        _text(get(kind_field)) if kind_field else None,
        _text(get(time_field)),
        dumps(data),
    )


def check_resource(resource: Any) -> str:
    if resource not in RESOURCES:
        raise InvalidChange(f"Unknown resource {resource!r}; expected one of {', '.join(RESOURCES)}.")
    return resource


def split_changes(changes: list[Mapping[str, Any]]) -> tuple[list[UpsertRow], list[tuple[str, str, int]]]:
    """Validate every change first, then return (upsert rows, delete keys) in batch order.

    Nothing is written unless the whole batch is well-formed, so one bad change can never
    leave half a page applied with the cursor pointing past it.
    """
    upserts: list[UpsertRow] = []
    deletes: list[tuple[str, str, int]] = []
    for index, change in enumerate(changes):
        where = f"change #{index}"
        if not isinstance(change, Mapping):
            raise InvalidChange(f"{where} is not an object.")
        seq = change.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise InvalidChange(f"{where} has no valid 'seq' (a non-negative integer): {seq!r}.")
        resource = change.get("resource")
        if resource not in SYNCED_RESOURCES:
            raise InvalidChange(f"{where} (seq {seq}) names unknown resource {resource!r}.")
        rid = change.get("id")
        if not isinstance(rid, str) or not rid:
            raise InvalidChange(f"{where} (seq {seq}) has no valid 'id' (a non-empty string): {rid!r}.")
        op = change.get("op")
        if op == "delete":
            deletes.append((resource, rid, seq))
            continue
        if op != "upsert":
            raise InvalidChange(f"{where} (seq {seq}) has unknown op {op!r}; expected 'upsert' or 'delete'.")
        data = change.get("data")
        if not isinstance(data, Mapping):
            raise InvalidChange(f"{where} (seq {seq}) is an upsert without a 'data' object.")
        if str(data.get("id")) != rid:
            raise InvalidChange(f"{where} (seq {seq}): data.id {data.get('id')!r} does not match id {rid!r}.")
        try:
            upserts.append(resource_row(resource, data, seq))
        except (TypeError, ValueError) as exc:
            raise InvalidChange(f"{where} (seq {seq}): data cannot be stored as JSON ({exc}).") from exc
    return upserts, deletes
