"""Fast checking of ``/sync`` pages: the change envelopes plus what the cache needs of each resource.

Why the bulk path differs from every other response: a catch-up or an initial sync carries
thousands of changes per page (233,700 for a full city), and full pydantic validation of each
embedded resource costs ~55 µs per change — a second per 10,000 changes, more than the whole
catch-up budget. So a sync page is checked here with plain Python: the envelope of every
change completely (seq, resource, id, op, data) and, of each resource, the fields the cache
indexes and orders by (id, version, updated_at, the state/ward/kind/time columns of
``cache.extract``), including their enum values. A page that breaks the contract still fails
as ``BadResponse`` naming the field (``changes.3.data.status``) and nothing of it is cached.
The remaining fields (coordinates, notes, units...) are validated by the full model when the
console reads a resource: ``Change.model()`` validates lazily and raises ``BadResponse``
naming the field, and the cache's readers hand out the JSON the server sent. Live events
(one change at a time) keep the full validation of ``parse_as(Change, ...)``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

from .errors import BadResponse
from .models import (AlertState, CameraCategory, CameraStatus, Change, MeetingStatus, ReportSource, ReportStatus,
                     SensorKind, SensorStatus, SyncBatch, TaskStatus)

_OPS = ("upsert", "delete")
_WHAT = "sync batch"

# A field check returns None when the value is acceptable, else what was expected.
FieldCheck = Callable[[Any], "str | None"]


def _is_int(value: Any) -> bool:
    return type(value) is int  # bool is an int subclass and not a valid number here


def _required_str(value: Any) -> str | None:
    return None if type(value) is str else "a string"


def _optional_str(value: Any) -> str | None:
    return None if value is None or type(value) is str else "a string or null"


def _required_int(value: Any) -> str | None:
    return None if _is_int(value) else "an integer"


def _one_of(literal: Any) -> FieldCheck:
    allowed = frozenset(get_args(literal))
    expected = "one of " + ", ".join(repr(a) for a in sorted(allowed))

    def check(value: Any) -> str | None:
        return None if type(value) is str and value in allowed else expected

    return check


_COMMON: tuple[tuple[str, FieldCheck], ...] = (("version", _required_int), ("updated_at", _required_str))

#: Per resource: the type of its id, then the fields the cache extracts into its columns.
_RESOURCE_FIELDS: dict[str, tuple[FieldCheck, tuple[tuple[str, FieldCheck], ...]]] = {
    "camera": (_required_str, (("status", _one_of(CameraStatus)), ("ward", _required_str),
                               ("category", _one_of(CameraCategory)))),
    "alert": (_required_int, (("state", _one_of(AlertState)), ("ward", _required_str),
                              ("analytic", _required_str), ("detected_at", _required_str))),
    "report": (_required_int, (("status", _one_of(ReportStatus)), ("ward", _required_str),
                               ("source", _one_of(ReportSource)), ("requested_datetime", _required_str))),
    "sensor": (_required_str, (("status", _one_of(SensorStatus)), ("ward", _required_str),
                               ("kind", _one_of(SensorKind)), ("last_phenomenon_time", _optional_str))),
    "task": (_required_int, (("status", _one_of(TaskStatus)), ("assignee_unit", _required_str),
                             ("due_at", _optional_str))),
    "meeting": (_required_int, (("status", _one_of(MeetingStatus)), ("starts_at", _required_str))),
}
KNOWN_RESOURCES = tuple(_RESOURCE_FIELDS)

_CHANGE_FIELDS = frozenset(Change.model_fields)
_new_object = object.__new__
_set = object.__setattr__


def _construct_change(seq: int, resource: str, change_id: str, op: str, data: dict[str, Any] | None) -> Change:
    """A ``Change`` from already-checked values: what ``Change.model_construct`` does, minus its
    generic per-call work (it was ~11 µs of the ~16 µs a change cost on this path)."""
    change = _new_object(Change)
    _set(change, "__dict__", {"seq": seq, "resource": resource, "id": change_id, "op": op, "data": data})
    _set(change, "__pydantic_fields_set__", set(_CHANGE_FIELDS))
    _set(change, "__pydantic_extra__", None)
    _set(change, "__pydantic_private__", {"_typed": None})
    return change


def _bad(path: str, message: str) -> BadResponse:
    return BadResponse(f"Malformed {_WHAT}: {path}: {message}", field=path)


def _check_data(where: str, resource: str, change_id: str, data: dict[str, Any]) -> None:
    id_check, fields = _RESOURCE_FIELDS[resource]
    if "id" not in data:
        raise _bad(f"{where}.data.id", "Field required")
    raw_id = data["id"]
    expected = id_check(raw_id)
    if expected is not None:
        raise _bad(f"{where}.data.id", f"expected {expected}, got {raw_id!r}")
    if str(raw_id) != change_id:
        raise _bad(f"{where}.data.id", "data.id does not match the change id")
    for name, check in (*_COMMON, *fields):
        if name not in data:
            if check is _optional_str:
                continue  # optional in the model, so it may be left out
            raise _bad(f"{where}.data.{name}", "Field required")
        expected = check(data[name])
        if expected is not None:
            raise _bad(f"{where}.data.{name}", f"expected {expected}, got {data[name]!r}")


def parse_sync_batch(payload: Any) -> SyncBatch:
    """Check one decoded ``/sync`` page and wrap it as a ``SyncBatch`` without per-field pydantic work.

    Raises ``BadResponse`` whose ``field`` is the dotted path of the first bad value, the same
    path ``parse_as(SyncBatch, ...)`` reports for the envelope and the cached fields.
    """
    if not isinstance(payload, dict):
        raise _bad("", "expected a JSON object")
    if "cursor" not in payload:
        raise _bad("cursor", "Field required")
    if type(payload["cursor"]) is not str:
        raise _bad("cursor", f"expected a string, got {payload['cursor']!r}")
    has_more = payload.get("has_more")
    if type(has_more) is not bool:
        raise _bad("has_more", "Field required" if "has_more" not in payload else "expected a boolean")
    raw_changes = payload.get("changes")
    if type(raw_changes) is not list:
        raise _bad("changes", "Field required" if "changes" not in payload else "expected a list")
    changes: list[Change] = []
    append = changes.append
    fields = _RESOURCE_FIELDS
    for index, raw in enumerate(raw_changes):
        if type(raw) is not dict:
            raise _bad(f"changes.{index}", "expected an object")
        seq = raw.get("seq")
        resource = raw.get("resource")
        change_id = raw.get("id")
        op = raw.get("op")
        data = raw.get("data")
        if type(seq) is not int:
            raise _bad(f"changes.{index}.seq", f"expected an integer, got {seq!r}")
        if resource not in fields:
            raise _bad(f"changes.{index}.resource",
                       f"expected one of {', '.join(KNOWN_RESOURCES)}, got {resource!r}")
        if type(change_id) is not str:
            raise _bad(f"changes.{index}.id", f"expected a string, got {change_id!r}")
        if op not in _OPS:
            raise _bad(f"changes.{index}.op", f"expected 'upsert' or 'delete', got {op!r}")
        if data is not None:
            if type(data) is not dict:
                raise _bad(f"changes.{index}.data", "expected an object or null")
            _check_data(f"changes.{index}", resource, change_id, data)
        elif op == "upsert":
            raise _bad(f"changes.{index}.data", "an upsert must carry data")
        append(_construct_change(seq, resource, change_id, op, data))
    return SyncBatch.model_construct(changes=changes, cursor=payload["cursor"], has_more=has_more)
