"""The QWebChannel object between the map page and the console.

The console sends commands as JSON text (one signal, so the page's API is one dispatch table);
the page answers through slots. Every slot takes text or numbers only and validates it: the
page is code we wrote, but what it forwards (ids, shapes) started outside.
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

MAX_MESSAGE = 2_000_000  # a drawn polygon or a state report; anything bigger is not ours


def _parse(text: str) -> Any:
    if not isinstance(text, str) or len(text) > MAX_MESSAGE:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


class MapBridge(QObject):
    """Registered in the page's channel as ``iocBridge``."""

    # Console -> page
    command = Signal(str)

    # Page -> console, re-emitted as checked Python values
    page_ready = Signal()
    layers_ready = Signal(int, dict)  # generation, counts per layer
    patched = Signal(dict)  # counts per layer after a live patch
    marker_clicked = Signal(str, str)  # layer, id
    context_requested = Signal(float, float, str, str)  # lat, lon, layer, id ("" when on empty map)
    shape_drawn = Signal(dict)  # {"circle": {...}} | {"polygon": [[lat, lon], ...]}
    view_changed = Signal(dict)  # {"lat", "lon", "zoom"}
    page_error = Signal(str)

    def send(self, op: str, **fields: Any) -> None:
        self.command.emit(json.dumps({"op": op, **fields}, allow_nan=False))

    @Slot()
    def pageReady(self) -> None:  # noqa: N802 - called by name from the page
        self.page_ready.emit()

    @Slot(str)
    def layersReady(self, text: str) -> None:  # noqa: N802
        data = _parse(text)
        if not isinstance(data, dict) or not isinstance(data.get("counts"), dict):
            log.warning("map page sent a malformed layers-ready report")
            return
        counts = {str(k): int(v) for k, v in data["counts"].items() if isinstance(v, int | float)}
        generation = data.get("generation")
        self.layers_ready.emit(int(generation) if isinstance(generation, int) else -1, counts)

    @Slot(str)
    def patchApplied(self, text: str) -> None:  # noqa: N802
        data = _parse(text)
        if isinstance(data, dict):
            self.patched.emit({str(k): int(v) for k, v in data.items() if isinstance(v, int | float)})

    @Slot(str, str)
    def markerClicked(self, layer: str, item_id: str) -> None:  # noqa: N802
        if isinstance(layer, str) and isinstance(item_id, str) and len(item_id) <= 64:
            self.marker_clicked.emit(layer, item_id)

    @Slot(float, float, str, str)
    def contextRequested(self, lat: float, lon: float, layer: str, item_id: str) -> None:  # noqa: N802
        if _valid_point(lat, lon):
            self.context_requested.emit(lat, lon, str(layer)[:32], str(item_id)[:64])

    @Slot(str)
    def shapeDrawn(self, text: str) -> None:  # noqa: N802
        shape = checked_shape(_parse(text))
        if shape is None:
            log.warning("map page sent a malformed shape")
            return
        self.shape_drawn.emit(shape)

    @Slot(str)
    def viewChanged(self, text: str) -> None:  # noqa: N802
        data = _parse(text)
        if isinstance(data, dict) and _valid_point(data.get("lat"), data.get("lon")):
            zoom = data.get("zoom")
            if isinstance(zoom, int | float) and 0 <= zoom <= 24:
                self.view_changed.emit({"lat": float(data["lat"]), "lon": float(data["lon"]), "zoom": float(zoom)})

    @Slot(str)
    def pageError(self, text: str) -> None:  # noqa: N802
        self.page_error.emit(str(text)[:500])


def _valid_point(lat: Any, lon: Any) -> bool:
    return (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def checked_shape(data: Any) -> dict[str, Any] | None:
    """A circle or polygon as the page draws it, with every number checked; None if malformed."""
    if not isinstance(data, dict):
        return None
    circle = data.get("circle")
    if isinstance(circle, dict):
        lat, lon, radius = circle.get("lat"), circle.get("lon"), circle.get("radius_km")
        if _valid_point(lat, lon) and isinstance(radius, int | float) and 0 < radius <= 500:
            return {"circle": {"lat": float(lat), "lon": float(lon), "radius_km": float(radius)}}
        return None
    polygon = data.get("polygon")
    if isinstance(polygon, list) and 4 <= len(polygon) <= 5000:
        points = []
        for point in polygon:
            if not (isinstance(point, list) and len(point) == 2 and _valid_point(point[0], point[1])):
                return None
            points.append([float(point[0]), float(point[1])])
        if points[0] != points[-1]:
            points.append(list(points[0]))
        return {"polygon": points}
    return None
