"""Cross-workspace moves as intents ("reveal this alert in the event log", "open this camera on the
wall", "show this alert on the map"): a workspace asks, the workspace that handles the intent acts,
and the shell brings that workspace to the front. No workspace imports another."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

# The intents this build knows; a payload is a plain mapping (ids, keys), never a widget.
REVEAL_EVENT = "event.reveal"  # {"key": "alert:17"}: select the row in the live event log
SHOW_CAMERA_ON_WALL = "camera.show_on_wall"  # {"camera_id": "cam-0001"}
# {"key": "alert:17"} or {"lat": ..., "lon": ...}, optionally with "zoom" (0..22): shown at exactly that zoom
SHOW_ON_MAP = "map.show"
REVEAL_ALERT = "alert.reveal"  # {"alert_id": 17}: make the alert current in the alert queues
# {"camera_ids": ["cam-0001", ...]}: put these cameras (nearest first) on the wall, in a layout that holds them
SHOW_CAMERAS_ON_WALL = "camera.show_many_on_wall"
# {"area": {"circle": {"lat", "lon", "radius_km"}} | {"polygon": [[lat, lon], ...]}, "description": str}:
# open a new CAP warning draft with this area (drawn on the map)
DRAFT_WARNING_FOR_AREA = "warning.draft_for_area"
# {"filter": ioc_domain.record_filter.RecordFilter.to_dict(), "origin": "map" | "dashboards" (optional)}:
# narrow the alert queues to this filter
APPLY_ALERT_FILTER = "alert.apply_filter"
# {"filter": RecordFilter.to_dict()}: show the citizen reports matching this filter (ward, source as its
# category, status, time of the request) in the event log
APPLY_REPORT_FILTER = "report.apply_filter"
# {"name": str}: show the dashboard with that title (a meeting presenter's dashboard view); an unknown
# name is reported in the status bar and changes nothing
SHOW_DASHBOARD = "dashboard.show"

# {"meeting_id": int}: open the meeting's page in the meetings workspace
SHOW_MEETING = "meeting.show"

Handler = Callable[[Mapping[str, Any]], bool]


class Navigation(QObject):
    """One per console. Workspaces :meth:`handle` the intents they can serve and :meth:`request` others."""

    #: The shell shows this workspace (by key) before its handler runs.
    workspace_requested = Signal(str)
    #: An intent became served (a workspace registered after others were built, e.g. the map).
    served_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: dict[str, tuple[str, Handler]] = {}

    def handle(self, intent: str, workspace_key: str, handler: Handler) -> None:
        """Serve ``intent`` in workspace ``workspace_key``; ``handler(payload)`` says if it found the thing."""
        # The same workspace may register again: a new window over the same services replaces the old page.
        if intent in self._handlers and self._handlers[intent][0] != workspace_key:
            raise ValueError(f"intent {intent!r} is already handled by {self._handlers[intent][0]!r}")
        self._handlers[intent] = (workspace_key, handler)
        self.served_changed.emit(intent)

    def can(self, intent: str) -> bool:
        """True when some workspace of this build serves ``intent`` (hide the menu entry otherwise)."""
        return intent in self._handlers

    def request(self, intent: str, payload: Mapping[str, Any] | None = None) -> bool:
        """Bring the serving workspace forward and let it act; False if nobody serves the intent."""
        served = self._handlers.get(intent)
        if served is None:
            log.info("no workspace serves %s", intent)
            return False
        workspace_key, handler = served
        self.workspace_requested.emit(workspace_key)
        return handler(dict(payload or {}))
