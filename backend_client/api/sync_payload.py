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

from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, get_args, overload

import orjson

from backend_client.api.errors import BadResponse
from backend_client.api.models import (
    AlertState,
    CameraCategory,
    CameraStatus,
    CapMsgType,
    Change,
    MeetingStatus,
    ReportSource,
    ReportStatus,
    SensorKind,
    SensorStatus,
    SyncBatch,
    TaskStatus,
    WarningState,
)

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


def _one_of(allowed: frozenset[str]) -> FieldCheck:
    expected = "one of " + ", ".join(repr(a) for a in sorted(allowed))

    def check(value: Any) -> str | None:
        return None if type(value) is str and value in allowed else expected

    return check


def _allowed(literal: Any) -> frozenset[str]:
    return frozenset(get_args(literal))


# Per resource: whether the id is an integer, then the (state, ward, kind, time) fields of
# ``cache.extract`` with what each accepts — a frozenset of enum values, ``str`` for any
# string, or None when the resource has no such column — and whether the time may be null or
# missing. ``decode_sync_page`` checks and extracts with it in one pass; ``_check_data`` names
# the bad field from the checks derived from it below.
_ROW_SPECS: dict[str, tuple[bool, tuple[str | None, ...], tuple[Any, ...], bool]] = {
    "camera": (
        False,
        ("status", "ward", "category", "updated_at"),
        (_allowed(CameraStatus), str, _allowed(CameraCategory), str),
        False,
    ),
    "alert": (True, ("state", "ward", "analytic", "detected_at"), (_allowed(AlertState), str, str, str), False),
    "report": (
        True,
        ("status", "ward", "source", "requested_datetime"),
        (_allowed(ReportStatus), str, _allowed(ReportSource), str),
        False,
    ),
    "sensor": (
        False,
        ("status", "ward", "kind", "last_phenomenon_time"),
        (_allowed(SensorStatus), str, _allowed(SensorKind), str),
        True,
    ),
    "task": (True, ("status", "assignee_unit", None, "due_at"), (_allowed(TaskStatus), str, None, str), True),
    "meeting": (True, ("status", None, None, "starts_at"), (_allowed(MeetingStatus), None, None, str), False),
    # A warning has no ward (its area is a shape); drafts have no ``sent`` yet, so it lists by creation.
    "warning": (
        True,
        ("state", None, "msg_type", "created_at"),
        (_allowed(WarningState), None, _allowed(CapMsgType), str),
        False,
    ),
    # What a meeting's presenter shows (id = the meeting's); members only, newest revision wins.
    "meeting_presenter": (True, (None, None, None, "updated_at"), (None, None, None, str), False),
}


def _field_checks(
    spec: tuple[bool, tuple[str | None, ...], tuple[Any, ...], bool],
) -> tuple[FieldCheck, tuple[tuple[str, FieldCheck], ...]]:
    id_is_int, names, allowed, time_optional = spec
    checks: list[tuple[str, FieldCheck]] = []
    for position, (name, accepts) in enumerate(zip(names, allowed, strict=True)):
        if name is None:
            continue
        if position == 3 and time_optional:
            checks.append((name, _optional_str))
        else:
            checks.append((name, _required_str if accepts is str else _one_of(accepts)))
    return (_required_int if id_is_int else _required_str), tuple(checks)


_COMMON: tuple[tuple[str, FieldCheck], ...] = (("version", _required_int), ("updated_at", _required_str))

#: Per resource: the type of its id, then the fields the cache extracts into its columns.
_RESOURCE_FIELDS = {resource: _field_checks(spec) for resource, spec in _ROW_SPECS.items()}
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


#: A cache row: (resource, id, seq, version, updated_at, state, ward, kind, sort_time, data JSON).
CacheRow = tuple[str, str, int, int, str, Any, Any, Any, Any, str]


def _ok(value: Any, allowed: Any) -> bool:
    if allowed is str:
        return type(value) is str
    return type(value) is str and value in allowed


def _encode(data: dict[str, Any]) -> str:
    # orjson writes the same compact, UTF-8 (no \u escapes) JSON as cache.extract.dumps at
    # about a third of the cost; the input came from orjson.loads, so it holds no NaN and
    # only string keys.
    return orjson.dumps(data).decode("utf-8")


class ChangeList(Sequence[Change]):
    """The changes of a sync page as ``Change`` objects, built only when one is read.

    A console that receives a 5,000-change page reloads its views from the cache instead of
    reading each change, so building 233,700 objects during an initial sync is skipped.
    """

    __slots__ = ("_raw",)

    def __init__(self, raw: list[dict[str, Any]]) -> None:
        self._raw = raw

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> Change: ...

    @overload
    def __getitem__(self, index: slice) -> list[Change]: ...

    def __getitem__(self, index: int | slice) -> Change | list[Change]:
        if isinstance(index, slice):
            return [_as_change(raw) for raw in self._raw[index]]
        return _as_change(self._raw[index])

    def __iter__(self) -> Iterator[Change]:
        return map(_as_change, self._raw)

    def __repr__(self) -> str:
        return f"ChangeList({len(self._raw)} changes)"

    def without(self, keys: AbstractSet[tuple[str, str, int]]) -> ChangeList:
        """The changes whose (resource, id, seq) is not in ``keys`` (those the cache did not take)."""
        if not keys:
            return self
        return ChangeList([raw for raw in self._raw if (raw["resource"], raw["id"], raw["seq"]) not in keys])


def _as_change(raw: dict[str, Any]) -> Change:
    return _construct_change(raw["seq"], raw["resource"], raw["id"], raw["op"], raw.get("data"))


@dataclass(frozen=True)
class SyncPage:
    """One checked ``/sync`` page, already split into the cache's rows."""

    cursor: str
    has_more: bool
    upserts: list[CacheRow]
    deletes: list[tuple[str, str, int]]
    changes: ChangeList

    def __len__(self) -> int:
        return len(self.changes)


def decode_sync_page(body: bytes) -> SyncPage:
    """Decode and check one ``/sync`` response body in one pass, producing the cache's rows.

    The same checks as ``parse_sync_batch``, and the same ``BadResponse`` naming the first
    bad field, but each change is looked at once: its fields are checked and copied into its
    cache row together, and its data re-encoded with orjson. This is the initial sync's hot
    loop (233,700 changes for a full city).
    """
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise BadResponse(f"Malformed {_WHAT}: body is not JSON ({len(body)} bytes)", field="") from None
    return _page_from_payload(payload)


def _page_from_payload(payload: Any) -> SyncPage:
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
    upserts: list[CacheRow] = []
    deletes: list[tuple[str, str, int]] = []
    add_row, add_delete = upserts.append, deletes.append
    specs = _ROW_SPECS
    encode = _encode
    for index, raw in enumerate(raw_changes):
        if type(raw) is not dict:
            raise _bad(f"changes.{index}", "expected an object")
        seq = raw.get("seq")
        # Any: checked field by field below, by type() tests mypy does not narrow from Optional.
        resource: Any = raw.get("resource")
        change_id: Any = raw.get("id")
        op = raw.get("op")
        data = raw.get("data")
        if type(seq) is not int:
            raise _bad(f"changes.{index}.seq", f"expected an integer, got {seq!r}")
        spec = specs.get(resource) if type(resource) is str else None
        if spec is None:
            raise _bad(f"changes.{index}.resource", f"expected one of {', '.join(KNOWN_RESOURCES)}, got {resource!r}")
        if type(change_id) is not str:
            raise _bad(f"changes.{index}.id", f"expected a string, got {change_id!r}")
        if op != "upsert" and op != "delete":
            raise _bad(f"changes.{index}.op", f"expected 'upsert' or 'delete', got {op!r}")
        if data is None:
            if op == "upsert":
                raise _bad(f"changes.{index}.data", "an upsert must carry data")
            add_delete((resource, change_id, seq))
            continue
        if type(data) is not dict:
            raise _bad(f"changes.{index}.data", "expected an object or null")
        id_is_int, (state_f, ward_f, kind_f, time_f), (state_ok, ward_ok, kind_ok, time_ok), time_optional = spec
        rid = data.get("id")
        version = data.get("version")
        updated_at = data.get("updated_at")
        state = data.get(state_f) if state_f else None
        ward = data.get(ward_f) if ward_f else None
        kind = data.get(kind_f) if kind_f else None
        time = data.get(time_f)
        if (
            type(version) is not int
            or type(updated_at) is not str
            or type(rid) is not (int if id_is_int else str)
            or str(rid) != change_id
            or (state_ok is not None and not _ok(state, state_ok))
            or (ward_ok is not None and not _ok(ward, ward_ok))
            or (kind_ok is not None and not _ok(kind, kind_ok))
            or not (type(time) is str or (time_optional and time is None))
        ):
            # Something is off: let the field-by-field check name it precisely.
            _check_data(f"changes.{index}", resource, change_id, data)
            raise _bad(f"changes.{index}.data", "does not match the resource's contract")
        if op == "delete":
            add_delete((resource, change_id, seq))
        else:
            add_row((resource, change_id, seq, version, updated_at, state, ward, kind, time, encode(data)))
    return SyncPage(
        cursor=payload["cursor"], has_more=has_more, upserts=upserts, deletes=deletes, changes=ChangeList(raw_changes)
    )


def parse_sync_batch(payload: Any) -> SyncBatch:
    """Check one decoded ``/sync`` page and wrap it as a ``SyncBatch`` without per-field pydantic work.

    Raises ``BadResponse`` whose ``field`` is the dotted path of the first bad value, the same
    path ``parse_as(SyncBatch, ...)`` reports for the envelope and the cached fields.
    """
    page = _page_from_payload(payload)
    return SyncBatch.model_construct(changes=list(page.changes), cursor=page.cursor, has_more=page.has_more)
