"""Reads the map's layers from the offline cache, on the cache pool, and makes their payloads.

Everything here runs off the GUI thread: the cache read (183,000 report rows), the filter, the
labels (``QCoreApplication.translate`` is thread-safe) and the JSON encoding.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from ioc_console.services import event_text
from ioc_console.services.event_text import AnalyticsCatalogue
from ioc_console.workspaces.map import layer_data
from ioc_domain.record_filter import RecordFilter

REPORT_FIELDS = ("lat", "lon", "status", "source", "ward", "requested_datetime")


@dataclass
class LoadedLayers:
    """What one read gave: encoded payloads per layer, the item layers' records (for nearest
    cameras and shape queries), and how long the read took."""

    payloads: dict[str, bytes]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    report_points: list[tuple[Any, ...]] = field(default_factory=list)
    read_ms: float = 0.0


class Labels:
    """The one-line texts the page shows when the pointer rests on a marker."""

    def __init__(self, analytics: AnalyticsCatalogue, language: str) -> None:
        self._analytics = analytics
        self._language = language

    def __call__(self, resource: str, record: Mapping[str, Any]) -> str:
        text = self._text(resource, record)
        return text[:300]

    def _text(self, resource: str, record: Mapping[str, Any]) -> str:
        # Separators only: the words (statuses, analytic names) are translated where they come from.
        status = event_text.status_label(resource, record.get("status") or record.get("state"))
        if resource in ("camera", "sensor"):
            return f"{record.get('name') or record.get('id')} — {status}"
        if resource == "alert":
            name = self._analytics.name(record.get("analytic"), self._language)
            return f"{name} — {status} — {record.get('ward') or ''}"
        if resource == "task":
            return f"{record.get('title') or ''} — {record.get('assignee_unit') or ''}"
        if resource == "warning":
            return event_text.warning_headline(record, self._language)
        return str(record.get("id"))


def read_layers(
    store: Any,
    labels: Labels,
    record_filter: RecordFilter,
    wards_answer: Mapping[str, Any] | None,
    which: tuple[str, ...] = layer_data.LAYERS,
    now: datetime | None = None,
) -> LoadedLayers:
    """Payloads of the layers in ``which``, read from ``store`` (a backend_client CacheStore)."""
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    loaded = LoadedLayers(payloads={})
    for layer in which:
        if layer == "reports":
            rows = store.project("report", REPORT_FIELDS)
            loaded.report_points = rows
            payload: Any = layer_data.report_columns(rows, record_filter, now)
        elif layer == "wards":
            payload = layer_data.ward_areas(wards_answer)
        elif layer == "warnings":
            payload = layer_data.warning_areas(store.list("warning", order_by="sort_time desc"), labels)
        else:
            resource = layer_data.RESOURCE_OF[layer]
            records = store.list(resource)
            loaded.records[layer] = records
            payload = layer_data.items_layer(resource, records, labels, record_filter, now)
        loaded.payloads[layer] = orjson.dumps(payload)
    loaded.read_ms = (time.perf_counter() - started) * 1000
    return loaded
