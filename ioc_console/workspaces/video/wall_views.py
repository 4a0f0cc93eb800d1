"""Named wall views (kind "video_wall" in /me/views): saved per user through the outbox, listed from the cache."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from backend_client.sync.saved_views import ViewEntry
from ioc_console.services.connection import ConnectionService
from ioc_console.services.saved_views_control import SavedViewsControl
from ioc_console.workspaces.video.layouts import LAYOUTS

log = logging.getLogger(__name__)

VIDEO_WALL_KIND = "video_wall"


def wall_view_data(layout: str, cameras: Sequence[str | None]) -> dict[str, Any]:
    """What a wall view stores (docs/API.md "Saved view"): the layout and the camera of each cell."""
    return {"layout": layout, "cameras": [c if c else None for c in cameras]}


def read_wall_view(data: Mapping[str, Any]) -> tuple[str, list[str | None]]:
    """(layout, cameras) from a stored view; unknown layouts fall back, junk cells become empty."""
    layout = str(data.get("layout", ""))
    if layout not in LAYOUTS:
        layout = "2x2"
    raw = data.get("cameras")
    cameras = [str(c) if isinstance(c, str) and c else None for c in raw] if isinstance(raw, list) else []
    return layout, cameras[: len(LAYOUTS[layout])]


class WallViewsControl(SavedViewsControl):
    """A combo of the operator's wall views and a menu to save, update and delete them
    (the shared :class:`SavedViewsControl`, with the wall's words and its layout + cameras)."""

    view_applied = Signal(str, list)  # layout, cameras
    NAME_PREFIX = "wallView"

    def __init__(
        self,
        connection: ConnectionService,
        current: Callable[[], dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(connection, VIDEO_WALL_KIND, current, parent)
        self.view_selected.connect(self._on_selected)

    def _on_selected(self, view: ViewEntry) -> None:
        layout, cameras = read_wall_view(view.data)
        self.view_applied.emit(layout, cameras)

    def texts(self) -> dict[str, str]:
        return {
            "save_title": self.tr("Save wall view"),
            "save_label": self.tr("Name of the view (the layout and the camera of every tile are saved):"),
            "delete_title": self.tr("Delete wall view"),
            "delete_question": self.tr("Delete the wall view “%1”?"),
            "sign_in_first": self.tr("Sign in first: views are saved for your account."),
            "not_made": self.tr("The change to your wall views was NOT made: %1"),
            "info_title": self.tr("Wall views"),
            "placeholder": self.tr("— Wall views —"),
            "waiting": self.tr(" (waiting to send)"),
            "accessible_name": self.tr("Wall view"),
            "menu_tooltip": self.tr("Save, update or delete wall views"),
            "act_save": self.tr("&Save the wall as a view…"),
            "act_update": self.tr("&Update the selected view with the wall"),
            "act_delete": self.tr("&Delete the selected view…"),
        }
