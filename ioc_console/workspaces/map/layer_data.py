"""Turns cached records into the map page's layers (Qt-free, runs on a worker thread).

Two shapes of layer: *items* for the few thousand records drawn one by one (cameras, alerts,
sensors, tasks) with a colour key, a shape and a label; *columns* for the citizen reports, up to
hundreds of thousands, sent as parallel arrays the page clusters itself. Areas (wards, warnings)
are polygons or circles with a label. Labels are made by the caller's ``label`` function (so the
workspace translates them); the page shows them as text only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from ioc_domain.alert_queues import parse_time as _parse_time
from ioc_domain.alerts import OPEN_ALERT_STATES
from ioc_domain.analytics import category_of
from ioc_domain.record_filter import RecordFilter
from ioc_domain.statuses import REPORT_FINAL_STATUSES

POINT_LAYERS = ("cameras", "alerts", "reports", "sensors", "tasks")
AREA_LAYERS = ("wards", "warnings")
LAYERS = (*POINT_LAYERS, *AREA_LAYERS)
# Which cached resource feeds each layer.
RESOURCE_OF = {"cameras": "camera", "alerts": "alert", "reports": "report", "sensors": "sensor", "tasks": "task"}
LAYER_OF = {resource: layer for layer, resource in RESOURCE_OF.items()}

# An alert's shape says its category group at a glance; its colour, its severity.
ALERT_SHAPES = {
    "traffic": "square",
    "urban_order": "diamond",
    "public_safety": "triangle",
    "forest_fire": "hexagon",
    "disaster": "circle",
}
SENSOR_COLOURS = {"ok": "normal", "warning": "warning", "alarm": "danger", "offline": "stale"}
# Report dots: index into REPORT_COLOURS (open first, so most dots in a busy ward read "open").
REPORT_COLOURS = ["#ffb020", "#6f7b88"]
OPEN_TASK_STATUSES = frozenset({"todo", "in_progress"})

Label = Callable[[str, Mapping[str, Any]], str]


def _point(record: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = record.get("lat"), record.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -85 <= lat <= 85 and -180 <= lon <= 180):
        return None
    return float(lat), float(lon)


def default_shows(resource: str, record: Mapping[str, Any], now: datetime) -> bool:
    """What a layer shows when the operator has not filtered on status: the live picture —
    open alerts, open tasks; every camera, sensor and report."""
    if resource == "alert":
        return record.get("state") in OPEN_ALERT_STATES
    if resource == "task":
        return record.get("status") in OPEN_TASK_STATUSES
    return True


def shown_on_map(resource: str, record: Mapping[str, Any], record_filter: RecordFilter, now: datetime) -> bool:
    """The one rule for whether a record is on its layer: the live picture unless the operator
    filtered on status, then the filter."""
    if not record_filter.statuses and not default_shows(resource, record, now):
        return False
    return record_filter.matches(resource, record, now)


def item_of(resource: str, record: Mapping[str, Any], label: Label, now: datetime) -> dict[str, Any] | None:
    """The page's item for one record, or None when it has no usable place."""
    where = _point(record)
    if where is None or record.get("id") is None:
        return None
    item: dict[str, Any] = {"id": str(record["id"]), "lat": where[0], "lon": where[1], "label": label(resource, record)}
    if resource == "camera":
        item["shape"] = "camera"
        item["colour"] = str(record.get("status") or "offline")
    elif resource == "alert":
        item["shape"] = ALERT_SHAPES.get(category_of(str(record.get("analytic") or "")) or "", "circle")
        item["colour"] = str(record.get("severity") or "info")
        item["pulse"] = record.get("state") == "new"
    elif resource == "sensor":
        item["shape"] = "diamond"
        item["colour"] = SENSOR_COLOURS.get(str(record.get("status")), "stale")
        value = record.get("last_result")
        unit = record.get("unit") if isinstance(record.get("unit"), Mapping) else {}
        if isinstance(value, int | float) and math.isfinite(value):
            item["text"] = f"{value:.1f} {str(unit.get('symbol') or '')[:8]}".strip()
    elif resource == "task":
        due = _parse_time(record.get("due_at"))
        item["shape"] = "square"
        item["colour"] = "overdue" if due is not None and due < now else "task"
    return item


def items_layer(
    resource: str,
    records: Iterable[Mapping[str, Any]],
    label: Label,
    record_filter: RecordFilter = RecordFilter(),
    now: datetime | None = None,
) -> dict[str, Any]:
    """A layer of items for cameras, alerts, sensors or tasks."""
    now = now or datetime.now(UTC)
    items = []
    for record in records:
        if not shown_on_map(resource, record, record_filter, now):
            continue
        item = item_of(resource, record, label, now)
        if item is not None:
            items.append(item)
    return {"items": items}


def patch_of(
    resource: str,
    changed: Mapping[str, Mapping[str, Any] | None],
    known: dict[str, Mapping[str, Any]],
    label: Label,
    record_filter: RecordFilter,
    now: datetime,
) -> dict[str, list[Any]]:
    """The page's live patch for changed records of one layer (``None``: deleted), keeping
    ``known`` (id -> record, the workspace's copy) current: a record now off the layer (closed,
    filtered out, without a place) is a removal."""
    upserts: list[dict[str, Any]] = []
    removals: list[str] = []
    for record_id, record in changed.items():
        if record is None:
            known.pop(record_id, None)
            removals.append(record_id)
            continue
        known[record_id] = record
        item = item_of(resource, record, label, now) if shown_on_map(resource, record, record_filter, now) else None
        if item is None:
            removals.append(record_id)
        else:
            upserts.append(item)
    return {"upserts": upserts, "removals": removals}


def report_columns(
    rows: Iterable[tuple[Any, Any, Any, Any, Any, Any, Any]],
    record_filter: RecordFilter = RecordFilter(),
    now: datetime | None = None,
) -> dict[str, Any]:
    """The reports layer from projected cache rows ``(id, lat, lon, status, source, ward, requested)``.

    Reports are many, so they arrive as bare columns rather than records, and the filter is applied
    to a minimal mapping of the fields it reads.
    """
    now = now or datetime.now(UTC)
    ids: list[int | str] = []
    lats: list[float] = []
    lons: list[float] = []
    colours: list[int] = []
    check = not record_filter.is_empty
    for rid, lat, lon, status, source, ward, requested in rows:
        if not isinstance(lat, int | float) or not isinstance(lon, int | float):
            continue
        if not (-85 <= lat <= 85 and -180 <= lon <= 180):
            continue
        if check and not record_filter.matches(
            "report", {"status": status, "source": source, "ward": ward, "requested_datetime": requested}, now
        ):
            continue
        ids.append(rid)
        lats.append(round(lat, 6))
        lons.append(round(lon, 6))
        colours.append(1 if status in REPORT_FINAL_STATUSES else 0)
    return {"columns": {"ids": ids, "lat": lats, "lon": lons, "colour": colours, "colours": REPORT_COLOURS}}


def ward_areas(answer: Mapping[str, Any] | None) -> dict[str, Any]:
    """The wards layer from the backend's ``GET /wards`` answer (malformed entries skipped)."""
    areas = []
    for ward in (answer or {}).get("wards") or []:
        if not isinstance(ward, Mapping):
            continue
        polygon = _polygon(ward.get("polygon"))
        if polygon is None:
            continue
        areas.append({"polygon": polygon, "label": str(ward.get("name") or "")[:200]})
    return {"areas": areas}


def warning_areas(warnings: Iterable[Mapping[str, Any]], label: Label) -> dict[str, Any]:
    """Areas of the warnings in force: published ones of ours and imported (external) ones;
    cancelled and superseded messages are left out by the caller's choice of records."""
    areas = []
    for warning in warnings:
        if warning.get("state") not in ("published", "external") or warning.get("msg_type") == "Cancel":
            continue
        area = warning.get("area") if isinstance(warning.get("area"), Mapping) else {}
        shape = _area_shape(area)
        if shape is None:
            continue
        shape["label"] = label("warning", warning)
        shape["id"] = str(warning.get("id"))
        areas.append(shape)
    return {"areas": areas}


def _area_shape(area: Mapping[str, Any]) -> dict[str, Any] | None:
    polygon = _polygon(area.get("polygon"))
    if polygon is not None:
        return {"polygon": polygon}
    circle = area.get("circle")
    if isinstance(circle, Mapping):
        where = _point(circle)
        radius = circle.get("radius_km")
        if where is not None and isinstance(radius, int | float) and 0 < radius <= 1000:
            return {"circle": {"lat": where[0], "lon": where[1], "radius_km": float(radius)}}
    return None


def _polygon(value: Any) -> list[list[float]] | None:
    if not isinstance(value, list) or len(value) < 3:
        return None
    points = []
    for point in value:
        if not isinstance(point, list | tuple) or len(point) != 2:
            return None
        where = _point({"lat": point[0], "lon": point[1]})
        if where is None:
            return None
        points.append([where[0], where[1]])
    return points
