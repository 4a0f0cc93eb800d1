"""Named map views (kind "map" in /me/views): centre, zoom, visible layers, density and filter."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from backend_client.sync.saved_views import ViewEntry
from ioc_console.services.connection import ConnectionService
from ioc_console.services.saved_views_control import SavedViewsControl
from ioc_console.workspaces.map.layer_data import LAYERS
from ioc_domain.record_filter import RecordFilter

MAP_VIEW_KIND = "map"


def map_view_data(
    view: Mapping[str, Any] | None, visible: Mapping[str, bool], density: bool, record_filter: RecordFilter
) -> dict[str, Any]:
    """What a map view stores (docs/API.md "Saved view")."""
    return {
        "center": {"lat": view["lat"], "lon": view["lon"]} if view else None,
        "zoom": view["zoom"] if view else None,
        "layers": {name: bool(on) for name, on in visible.items() if name in LAYERS},
        "density": bool(density),
        "filter": record_filter.to_dict(),
    }


def read_map_view(data: Mapping[str, Any]) -> tuple[dict[str, float] | None, dict[str, bool], bool, RecordFilter]:
    """(view, visible layers, density, filter) from a stored view; junk parts fall back to defaults."""
    view = None
    center, zoom = data.get("center"), data.get("zoom")
    if isinstance(center, Mapping) and isinstance(zoom, int | float):
        lat, lon = center.get("lat"), center.get("lon")
        if (
            isinstance(lat, int | float)
            and isinstance(lon, int | float)
            and math.isfinite(lat)
            and math.isfinite(lon)
            and -85 <= lat <= 85
            and -180 <= lon <= 180
            and 0 <= zoom <= 22
        ):
            view = {"lat": float(lat), "lon": float(lon), "zoom": float(zoom)}
    raw_layers = data.get("layers")
    visible = {name: bool(raw_layers.get(name, True)) for name in LAYERS} if isinstance(raw_layers, Mapping) else {}
    try:
        record_filter = RecordFilter.from_dict(data.get("filter"))
    except ValueError:
        record_filter = RecordFilter()
    return view, visible, bool(data.get("density")), record_filter


class MapViewsControl(SavedViewsControl):
    view_applied = Signal(dict)  # the stored data, read with read_map_view
    NAME_PREFIX = "mapView"

    def __init__(
        self, connection: ConnectionService, current: Callable[[], dict[str, Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(connection, MAP_VIEW_KIND, current, parent)
        self.view_selected.connect(self._on_selected)
        self.combo().setMinimumContentsLength(8)

    def _on_selected(self, view: ViewEntry) -> None:
        self.view_applied.emit(dict(view.data))

    def texts(self) -> dict[str, str]:
        return {
            "save_title": self.tr("Save map view"),
            "save_label": self.tr("Name of the view (place, zoom, layers and filter are saved):"),
            "delete_title": self.tr("Delete map view"),
            "delete_question": self.tr("Delete the map view “%1”?"),
            "sign_in_first": self.tr("Sign in first: views are saved for your account."),
            "not_made": self.tr("The change to your map views was NOT made: %1"),
            "info_title": self.tr("Map views"),
            "placeholder": self.tr("— Map views —"),
            "waiting": self.tr(" (waiting to send)"),
            "accessible_name": self.tr("Map view"),
            "menu_tooltip": self.tr("Save, update or delete map views"),
            "act_save": self.tr("&Save the map as a view…"),
            "act_update": self.tr("&Update the selected view with the map"),
            "act_delete": self.tr("&Delete the selected view…"),
        }
