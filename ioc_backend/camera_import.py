"""``ioc-backend --import-cameras FILE``: add or update cameras from a CSV file, row by row.

Columns (header row, any order, names case-insensitive):
  required  id, name, ward, category, lat, lon
  optional  ptz (true/false, yes/no, 1/0; default false), status (online/degraded/offline;
            default online), main_stream_url, sub_stream_url (rtsp, rtsps, http, https; empty =
            the backend's own MJPEG stream), presets (PTZ positions, ``;``-separated, each
            ``N:name`` or just ``name``, numbered by position)
An optional column left out of the header keeps what an existing camera has (a new camera gets
the default); a cell left empty sets the default. A bad row is reported with its line number
and skipped; the good rows are imported, each with a change record, so consoles receive them
through /sync.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_domain.camera_urls import StreamUrlError, redact_text, validate_stream_url
from ioc_domain.statuses import CAMERA_CATEGORIES, CAMERA_STATUSES

REQUIRED = ("id", "name", "ward", "category", "lat", "lon")
OPTIONAL = ("ptz", "status", "main_stream_url", "sub_stream_url", "presets")
COLUMNS = REQUIRED + OPTIONAL
_ID = re.compile(r"[A-Za-z0-9._-]{1,32}")
_TRUE = {"true", "yes", "1", "x", "có"}
_FALSE = {"false", "no", "0", "", "không"}
_LIMITS = {"name": 200, "ward": 100}
MAX_PRESETS = 256


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (unreadable, not UTF-8, a bad header)."""


class RowError(ValueError):
    """One row cannot be imported; the message says why."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # (line number, reason) of every refused row, in file order.
    errors: list[tuple[int, str]] = field(default_factory=list)


def read_rows(data: bytes) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header's columns and the rows as (line number where the row starts, {column: cell})."""
    try:
        text = data.decode("utf-8-sig")  # a BOM (as Excel writes it) is dropped
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(f"line {line}: the file is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("the file is empty; it needs a header row naming the columns") from None
    except csv.Error as exc:
        raise ImportFileError(f"line 1: {exc}") from None
    columns = [name.strip().lower() for name in header]
    unknown = [name for name in columns if name not in COLUMNS]
    if unknown:
        raise ImportFileError(f"line 1: unknown column(s) {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}")
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(f"line 1: required column(s) missing: {', '.join(missing)}")
    doubled = sorted({name for name in columns if columns.count(name) > 1})
    if doubled:
        raise ImportFileError(f"line 1: column(s) named twice: {', '.join(doubled)}")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield start, {"": f"unreadable CSV ({exc})"}
                return
            if not cells or all(not cell.strip() for cell in cells):
                continue  # blank line
            if len(cells) != len(columns):
                yield start, {"": f"has {len(cells)} cells, the header names {len(columns)} columns"}
                continue
            yield start, dict(zip(columns, cells, strict=True))

    return columns, rows()


def _text(row: dict[str, str], name: str) -> str:
    value = row[name].strip()
    if not value:
        raise RowError(f"{name} is empty")
    if len(value) > _LIMITS.get(name, 10_000):
        raise RowError(f"{name} is longer than {_LIMITS[name]} characters")
    return value


def _coordinate(row: dict[str, str], name: str, bound: float) -> float:
    raw = row[name].strip()
    try:
        value = float(raw)
    except ValueError:
        raise RowError(f"{name} {raw!r} is not a number") from None
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise RowError(f"{name} {raw} is outside -{bound:g}..{bound:g}")
    return value


def _ptz(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise RowError(f"ptz {raw!r} is not true/false (also yes/no, 1/0)")


def _url(row: dict[str, str], name: str) -> str | None:
    raw = row[name].strip()
    if not raw:
        return None
    try:
        return validate_stream_url(raw)
    except StreamUrlError as exc:
        raise RowError(f"{name}: {exc}") from None


def _presets(raw: str) -> list[dict[str, Any]]:
    presets: list[dict[str, Any]] = []
    items = [item.strip() for item in raw.split(";") if item.strip()]
    if len(items) > MAX_PRESETS:
        raise RowError(f"presets: at most {MAX_PRESETS}")
    for position, item in enumerate(items, 1):
        number, sep, name = item.partition(":")
        if sep and number.strip().isdigit():
            ident, name = int(number.strip()), name.strip()
        else:
            ident, name = position, item
        if ident < 1 or not name or len(name) > 100:
            raise RowError(f"presets: {item!r} is not 'N:name' or 'name' (N from 1, a name of 1..100 characters)")
        if any(p["id"] == ident for p in presets):
            raise RowError(f"presets: number {ident} is used twice")
        presets.append({"id": ident, "name": name})
    return presets


def parse_row(row: dict[str, str]) -> dict[str, Any]:
    """The camera fields a row sets (only the optional ones its header has); RowError if bad."""
    if "" in row:
        raise RowError(row[""])
    ident = row["id"].strip()
    if not _ID.fullmatch(ident):
        raise RowError(f"id {ident!r} must be 1..32 letters, digits, '.', '_' or '-'")
    fields: dict[str, Any] = {
        "id": ident,
        "name": _text(row, "name"),
        "ward": _text(row, "ward"),
        "category": row["category"].strip(),
        "lat": _coordinate(row, "lat", 90),
        "lon": _coordinate(row, "lon", 180),
    }
    if fields["category"] not in CAMERA_CATEGORIES:
        raise RowError(f"category {fields['category']!r} is not one of {', '.join(CAMERA_CATEGORIES)}")
    if "ptz" in row:
        fields["ptz"] = _ptz(row["ptz"])
    if "status" in row:
        status = row["status"].strip() or "online"
        if status not in CAMERA_STATUSES:
            raise RowError(f"status {status!r} is not one of {', '.join(CAMERA_STATUSES)}")
        fields["status"] = status
    for name in ("main_stream_url", "sub_stream_url"):
        if name in row:
            fields[name] = _url(row, name)
    if "presets" in row:
        fields["ptz_presets"] = _presets(row["presets"])
    return fields


_DEFAULTS: dict[str, Any] = {
    "ptz": False,
    "status": "online",
    "main_stream_url": None,
    "sub_stream_url": None,
    "ptz_presets": [],
}


def upsert_camera(session: Session, fields: dict[str, Any]) -> str:
    """Create or update one camera with its change record: "created", "updated" or "unchanged"."""
    camera = session.get(models.Camera, fields["id"])
    if camera is None:
        current = dict(_DEFAULTS)
    else:
        current = {name: getattr(camera, name) for name in fields}
        current["ptz"] = camera.ptz
        current["ptz_presets"] = list(camera.ptz_presets or [])
    wanted = {**current, **fields}
    # Checked before anything is set: a refused row leaves the camera as it was.
    if wanted["ptz_presets"] and not wanted["ptz"]:
        raise RowError("presets are given but ptz is not true")
    if camera is None:
        record_change(session, models.Camera(**wanted), created=True)
        return "created"
    changes = {name: value for name, value in fields.items() if current[name] != value}
    if not changes:
        return "unchanged"
    for name, value in changes.items():
        setattr(camera, name, value)
    record_change(session, camera)
    return "updated"


def import_cameras(session: Session, data: bytes) -> ImportResult:
    """Import every good row of the CSV ``data`` inside the caller's write transaction.

    Raises ImportFileError if the file as a whole is unusable.
    """
    result = ImportResult()
    _columns, rows = read_rows(data)
    seen: dict[str, int] = {}
    for line, row in rows:
        try:
            fields = parse_row(row)
            if fields["id"] in seen:
                raise RowError(f"camera {fields['id']} is already on line {seen[fields['id']]}")
            outcome = upsert_camera(session, fields)
        except RowError as exc:
            result.errors.append((line, redact_text(str(exc))))
            continue
        seen[fields["id"]] = line
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result
