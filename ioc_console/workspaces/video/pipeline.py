"""The wall's video pipeline: one stream hub per workspace, tiles, and a feed binding each tile to a camera."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from ioc_console.services.video import AUTO_SCALE, StreamHub, StreamSource, Subscription
from ioc_console.workspaces.video.camera_streams import UrlFor, stream_key
from ioc_console.workspaces.video.wall import Feed
from widgets.video_tile import TileOverlay, VideoTile


class VideoPipeline:
    """Builds tiles and feeds over one :class:`StreamHub`: a camera shown twice is decoded once."""

    def __init__(self, url_for: UrlFor, can_play: Callable[[], bool]) -> None:
        self.hub = StreamHub()
        self._url_for = url_for
        self._can_play = can_play

    def make_tile(self, parent: QWidget) -> QWidget:
        return VideoTile(parent)

    def make_feed(self, tile: QWidget, camera: Mapping[str, Any]) -> Feed | None:
        """A feed for ``camera`` on ``tile``; None for a role that may not watch video."""
        if not self._can_play() or self.hub.closed:
            return None
        try:
            from ioc_console.services.video.tile_binding import TileFeed
        except ImportError:  # the adaptive binding is not in this build: the sub stream, fitted by the hub
            return _SubStreamFeed(self.hub, tile, camera, self._url_for)
        return TileFeed(self.hub, tile, camera, self._url_for)  # type: ignore[arg-type]

    def close(self, timeout: float = 5.0) -> bool:
        """Stop and join every decoder thread."""
        return self.hub.close(timeout)


class _SubStreamFeed:
    """The simplest binding of a tile to a camera: its sub stream, decoded at the tile's size."""

    def __init__(self, hub: StreamHub, tile: Any, camera: Mapping[str, Any], url_for: UrlFor) -> None:
        camera = dict(camera)
        source = StreamSource(stream_key(camera, "sub"), lambda: url_for(camera, "sub"), str(camera.get("name", "")))
        self._tile = tile
        self.subscription: Subscription | None = hub.subscribe(source, AUTO_SCALE)
        tile.set_feed(self.subscription)

    def set_visible(self, visible: bool) -> None:
        if self.subscription is not None:
            self.subscription.set_active(visible)

    def release(self) -> None:
        subscription, self.subscription = self.subscription, None
        if subscription is not None:
            self._tile.set_feed(None)
            subscription.close()


def overlays(alerts: Sequence[Mapping[str, Any]], label: Callable[[Mapping[str, Any]], str]) -> list[Any]:
    """Boxes and labels of a camera's open alerts (their ``bbox`` is x, y, w, h as fractions of the frame)."""
    from widgets.palette import LEVEL_COLOURS

    out = []
    for alert in alerts:
        box = alert.get("bbox")
        if not isinstance(box, list | tuple) or len(box) != 4:
            continue
        try:
            x, y, w, h = (float(v) for v in box)
        except (TypeError, ValueError):
            continue
        colour = LEVEL_COLOURS.get(str(alert.get("severity")), LEVEL_COLOURS["info"])
        out.append(TileOverlay(x, y, w, h, label(alert), colour.name()))
    return out
