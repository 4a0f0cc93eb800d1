"""What the map shows inside a drawn circle or polygon (Qt-free; the report part runs on a worker).

"What the map shows" is the visible layers under the current filter, by the same rule the
layers are drawn with (``layer_data.shown_on_map``): a shape never lists a closed alert the
map does not show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ioc_console.workspaces.map import layer_data
from ioc_domain.geo import inside_shape
from ioc_domain.record_filter import RecordFilter


def _place(record: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = record.get("lat"), record.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def records_inside(
    records_by_layer: Mapping[str, Mapping[str, Mapping[str, Any]]],
    visible: Iterable[str],
    record_filter: RecordFilter,
    shape: Mapping[str, Any],
    now: datetime,
) -> list[tuple[str, Mapping[str, Any]]]:
    """(resource, record) of the item layers' records inside ``shape``, visible layers only."""
    shown_layers = set(visible)
    found: list[tuple[str, Mapping[str, Any]]] = []
    for layer, records in records_by_layer.items():
        if layer not in shown_layers:
            continue
        resource = layer_data.RESOURCE_OF[layer]
        for record in records.values():
            place = _place(record)
            if place is None or not layer_data.shown_on_map(resource, record, record_filter, now):
                continue
            if inside_shape(place[0], place[1], shape):
                found.append((resource, record))
    return found


def report_ids_inside(
    points: Iterable[tuple[Any, ...]], record_filter: RecordFilter, shape: Mapping[str, Any], now: datetime
) -> list[Any]:
    """Ids of the reports inside ``shape`` from the projected rows the reports layer was made of
    (``id, lat, lon, status, source, ward, requested_datetime``), under the filter."""
    inside = []
    for report_id, lat, lon, status, source, ward, requested in points:
        if not (isinstance(lat, int | float) and isinstance(lon, int | float)):
            continue
        fields = {"status": status, "source": source, "ward": ward, "requested_datetime": requested}
        if record_filter.matches("report", fields, now) and inside_shape(lat, lon, shape):
            inside.append(report_id)
    return inside
