"""The wall's video pipeline: one stream hub per workspace, tiles, and a feed binding each tile to a camera."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from ioc_console.services.video import StreamHub
from ioc_console.services.video.bridge import WallGovernor
from ioc_console.services.video.tile_binding import TileFeed
from ioc_console.workspaces.video.camera_streams import UrlFor
from ioc_console.workspaces.video.wall import Feed
from widgets.video_tile import TileOverlay, VideoTile


class VideoPipeline:
    """Builds tiles and feeds over one :class:`StreamHub` (a camera shown twice is decoded once) and
    runs the overload governor over them while the wall can be seen."""

    def __init__(self, url_for: UrlFor, can_play: Callable[[], bool]) -> None:
        self.hub = StreamHub()
        self.governor = WallGovernor()
        self._url_for = url_for
        self._can_play = can_play

    def make_tile(self, parent: QWidget) -> QWidget:
        return VideoTile(parent)

    def make_feed(self, tile: QWidget, camera: Mapping[str, Any]) -> Feed | None:
        """A feed for ``camera`` on ``tile``; None for a role that may not watch video."""
        if not self._can_play() or self.hub.closed:
            return None
        return GovernedFeed(TileFeed(self.hub, tile, camera, self._url_for), self.governor)

    def set_running(self, running: bool) -> None:
        """The wall is seen (govern the load) or not (nothing decodes, nothing to govern)."""
        if running:
            self.governor.start()
        else:
            self.governor.stop()

    def close(self, timeout: float = 5.0) -> bool:
        """Stop the governor and join every decoder thread."""
        try:
            self.governor.stop()
        except RuntimeError:  # its timer went with the page already (closing at exit): nothing ticks
            pass
        return self.hub.close(timeout)


class GovernedFeed:
    """A TileFeed registered with the wall's governor for as long as it shows its camera."""

    def __init__(self, feed: TileFeed, governor: WallGovernor) -> None:
        self.feed = feed
        self._governor = governor
        governor.add(feed)

    def set_visible(self, visible: bool) -> None:
        self.feed.set_visible(visible)

    def set_full_screen(self, full_screen: bool) -> None:
        self.feed.set_full_screen(full_screen)

    def release(self) -> None:
        self._governor.remove(self.feed)
        self.feed.release()


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
