"""TileFeed: binds one VideoTile to one camera — which stream, at what decode scale, visible or not, reduced or not."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from ioc_console.services.video.adaptive import LEVEL_FPS, MAIN, NORMAL, SUB, StreamChooser
from ioc_console.services.video.bridge import OneShot, reduction_notice
from ioc_console.services.video.hub import StreamHub, Subscription
from ioc_console.services.video.sources import AUTO_SCALE, StreamSource

UrlFor = Callable[[Mapping[str, Any], str], str]


class TileFeed:
    """Shows ``camera`` in ``tile`` through ``hub``; lives on the GUI thread.

    The stream follows the tile's size (:class:`StreamChooser`: sub for small tiles, main for
    large ones and full screen); MJPEG is decoded at the reduction the tile allows (the hub's
    AUTO scale). ``url_for(camera, which)`` makes the stream URL and is called on the decoder
    thread at each (re)connect, so it may refresh a token over the network. ``set_visible``
    starts and stops the decoding; the wall's governor lowers the tile with ``set_level`` and
    the tile says so.
    """

    def __init__(
        self,
        hub: StreamHub,
        tile: Any,
        camera: Mapping[str, Any],
        url_for: UrlFor,
        *,
        chooser: StreamChooser | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.hub = hub
        self.tile = tile
        self.camera = dict(camera)
        self.camera_id = str(camera["id"])
        self._url_for = url_for
        self.chooser = chooser or StreamChooser(clock=clock)
        self._visible = True
        self._full_screen = False
        self._level = NORMAL
        self._chosen = SUB
        self._which: str | None = None
        self._sub: Subscription | None = None
        self._released = False
        self._retry = OneShot(self.refresh)
        tile.set_title(str(camera.get("name") or self.camera_id))
        tile.set_notice("")
        tile.resized.connect(self._on_resized)
        self.refresh()

    # -- state ---------------------------------------------------------------------------
    @property
    def which(self) -> str | None:
        """The stream shown now ("main" or "sub")."""
        return self._which

    @property
    def subscription(self) -> Subscription | None:
        return self._sub

    @property
    def visible(self) -> bool:
        return self._visible

    @property
    def level(self) -> int:
        return self._level

    def wants_main(self) -> bool:
        """Whether the tile's size (or full screen) asks for the main stream, whatever the governor says."""
        return self._chosen == MAIN

    def area(self) -> float:
        ratio = self.tile.devicePixelRatioF()
        return self.tile.width() * ratio * self.tile.height() * ratio

    # -- what the wall calls ---------------------------------------------------------------
    def set_visible(self, visible: bool) -> None:
        """False when nobody can see the tile (page hidden, window minimised, covered): decoding stops."""
        self._visible = visible
        if self._sub is not None:
            self._sub.set_active(visible)

    def set_full_screen(self, full_screen: bool) -> None:
        self._full_screen = full_screen
        self.refresh()

    def set_level(self, level: int) -> None:
        """The governor's reduction (adaptive.NORMAL .. FPS_QUARTER); the tile shows a notice while reduced."""
        if level == self._level:
            return
        self._level = level
        self.tile.set_notice(reduction_notice(level))
        self.refresh()

    def refresh(self) -> None:
        """Re-apply the stream rule (after a resize, full screen, a level change or a waiting switch)."""
        if self._released:
            return
        ratio = self.tile.devicePixelRatioF()
        self._chosen = self.chooser.choose(
            self.tile.width() * ratio, self.tile.height() * ratio, full_screen=self._full_screen
        )
        if self.chooser.retry_at is not None:
            self._retry.start(self.chooser.retry_at - self.chooser.clock())
        which = SUB if self._level > NORMAL else self._chosen
        if not self._url_of(which):
            which = MAIN if which == SUB else SUB
        if which != self._which:
            self._switch(which)
        if self._sub is not None:
            self._sub.set_max_fps(LEVEL_FPS.get(self._level))

    def release(self) -> None:
        """Stop showing the camera: the tile is emptied and the subscription closed."""
        if self._released:
            return
        self._released = True
        self._retry.cancel()
        try:
            self.tile.resized.disconnect(self._on_resized)
        except (RuntimeError, TypeError):  # the tile is already gone
            pass
        sub, self._sub = self._sub, None
        try:
            self.tile.set_feed(None)
            self.tile.set_notice("")
        except RuntimeError:  # the tile is already gone
            pass
        if sub is not None:
            sub.close()

    # -- inside --------------------------------------------------------------------------
    def _url_of(self, which: str) -> str:
        return str(self.camera.get(f"{which}_stream_url") or "")

    def _switch(self, which: str) -> None:
        if self.hub.closed:  # the wall is closing: a late timer must not start a decoder
            return
        raw = self._url_of(which)
        # MJPEG (the backend's relative or absolute http URLs) can be decoded at a reduced scale;
        # FFmpeg decodes H.264 whole, so RTSP and files share one decoder whatever the tile size.
        scale = AUTO_SCALE if raw.lower().startswith(("http:", "https:", "/api/")) else 1
        camera = self.camera
        url_for = self._url_for
        source = StreamSource(f"{self.camera_id}/{which}", lambda: url_for(camera, which), str(camera.get("name", "")))
        new = self.hub.subscribe(source, scale)
        new.set_active(self._visible)
        new.set_max_fps(LEVEL_FPS.get(self._level))
        old, self._sub, self._which = self._sub, new, which
        # Keep the old picture until the new stream has one (same camera, only another stream).
        self.tile.set_feed(new, keep_picture=old is not None)
        if old is not None:
            old.close()

    def _on_resized(self, *_args: Any) -> None:
        self.refresh()
