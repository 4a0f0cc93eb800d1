"""StreamHub: one decoder per (stream, scale), shared by every tile showing it, running while one can see it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from ioc_console.services.video.decoder import DecoderSettings, DecoderWorker
from ioc_console.services.video.sources import CONNECTING, SCALES, Frame, StreamHealth, StreamSource

Listener = Callable[[], None]


class Subscription:
    """One viewer of a stream (a tile). Thread-safe; the listener is called on the decoder thread.

    ``set_target_size`` tells the decoder the tile's pixel size (pictures are fitted to it off
    the GUI thread); ``set_max_fps`` caps the pictures this viewer gets (the overload governor's
    lever); ``set_active(False)`` says the viewer cannot see the stream now.
    """

    def __init__(self, hub: StreamHub, channel: Channel) -> None:
        self._hub = hub
        self.channel = channel
        self._active = True
        self._closed = False
        self.target_size: tuple[int, int] | None = None
        self.max_fps: float | None = None
        self._last_delivered = -1e18
        self._frame: Frame | None = channel.last_frame
        self._listener: Listener | None = None
        self._listener_lock = threading.Lock()

    # -- the feed protocol the tile uses ---------------------------------------------------
    @property
    def key(self) -> str:
        return self.channel.key

    @property
    def scale(self) -> int:
        return self.channel.scale

    def latest(self) -> Frame | None:
        return self._frame

    @property
    def health(self) -> StreamHealth:
        return self.channel.health

    @property
    def active(self) -> bool:
        return self._active and not self._closed

    def set_listener(self, listener: Listener | None) -> None:
        """Called (with no arguments) on the decoder thread after a new frame or health change.

        It must only schedule work (post an event). Once ``set_listener(None)`` returns, the old
        listener is never called again, so a tile may be destroyed right after.
        """
        with self._listener_lock:
            self._listener = listener

    def set_target_size(self, size: tuple[int, int] | None) -> None:
        """The tile's size in device pixels (None: full size); pictures are fitted inside it."""
        if size is not None:
            size = (max(1, int(size[0])), max(1, int(size[1])))
        self.target_size = size

    def set_max_fps(self, fps: float | None) -> None:
        self.max_fps = fps if fps is None or fps > 0 else None

    def set_active(self, active: bool) -> None:
        if self._closed or active == self._active:
            return
        self._active = active
        self._hub._activity_changed(self.channel)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.set_listener(None)
        self._hub._unsubscribe(self)

    # -- for the decoder -----------------------------------------------------------------
    def due(self, now: float) -> bool:
        if self.max_fps is None:
            return True
        # A little slack: a frame arriving just before its slot still counts for that slot.
        return now - self._last_delivered >= 0.85 / self.max_fps

    def deliver(self, frame: Frame, now: float) -> None:
        self._frame = frame
        self._last_delivered = now
        self.notify()

    def notify(self) -> None:
        with self._listener_lock:
            listener = self._listener
            if listener is not None:
                listener()


class Channel:
    """The hub's record of one (key, scale): its source, subscriptions, decoder and counters."""

    def __init__(self, source: StreamSource, scale: int) -> None:
        self.source = source
        self.key = source.key
        self.scale = scale
        self.subscriptions: list[Subscription] = []
        self.worker: DecoderWorker | None = None
        self.health = StreamHealth(CONNECTING, time.time())
        self.last_frame: Frame | None = None
        self.opens = 0  # connections opened (each reconnect and restart counts)
        self.decoded = 0  # pictures decoded and delivered
        self.skipped = 0  # pictures not decoded: replaced by a newer one, late, or nobody due
        self.errors = 0  # failed connections and undecodable pictures

    def due_subscriptions(self, now: float) -> list[Subscription]:
        return [sub for sub in list(self.subscriptions) if sub.active and sub.due(now)]

    def publish(self, health: StreamHealth) -> None:
        self.health = health
        for sub in list(self.subscriptions):
            sub.notify()


class StreamHub:
    """Shares decoders between tiles: ``subscribe(source, scale)`` → :class:`Subscription`.

    One decoder thread per (source key, scale) however many subscriptions; it runs while at
    least one of them is active, and a new one starts at once when a viewer becomes active
    again (the old one may still be leaving a blocking read: it is joined by ``close``).
    ``scale`` is the MJPEG decode reduction (1, 2, 4) or ``AUTO_SCALE`` (the largest reduction
    the biggest tile allows); captures (RTSP, files) ignore it. Nothing here blocks the caller.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, settings: DecoderSettings | None = None) -> None:
        self.clock = clock
        self.settings = settings or DecoderSettings()
        self._lock = threading.RLock()
        self._channels: dict[tuple[str, int], Channel] = {}
        self._retiring: list[DecoderWorker] = []
        self._closed = False

    def subscribe(self, source: StreamSource, scale: int = 1) -> Subscription:
        if scale not in SCALES:
            raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")
        with self._lock:
            if self._closed:
                raise RuntimeError("the stream hub is closed")
            channel = self._channels.get((source.key, scale))
            if channel is None:
                channel = self._channels[(source.key, scale)] = Channel(source, scale)
            sub = Subscription(self, channel)
            channel.subscriptions.append(sub)
            self._activity_changed(channel)
            return sub

    def close(self, timeout: float = 5.0) -> bool:
        """Stop every decoder and join them all within ``timeout`` s; True if every thread ended."""
        with self._lock:
            self._closed = True
            workers = [c.worker for c in self._channels.values() if c.worker is not None] + self._retiring
            for channel in self._channels.values():
                channel.worker = None
                for sub in channel.subscriptions:
                    sub._closed = True
                    sub.set_listener(None)
            self._channels.clear()
            self._retiring = []
        for worker in workers:
            worker.request_stop()
        deadline = time.monotonic() + timeout
        ended = True
        for worker in workers:
            ended = worker.join(max(0.0, deadline - time.monotonic())) and ended
        return ended

    @property
    def closed(self) -> bool:
        return self._closed

    def stats(self) -> dict[str, Any]:
        """Counters for the status bar, tests and the benchmark."""
        with self._lock:
            self._retiring = [w for w in self._retiring if w.running]
            streams = [
                {
                    "key": c.key,
                    "scale": c.scale,
                    "subscriptions": len(c.subscriptions),
                    "active": sum(1 for s in c.subscriptions if s.active),
                    "decoding": c.worker is not None and c.worker.running,
                    "state": c.health.state,
                    "opens": c.opens,
                    "decoded": c.decoded,
                    "skipped": c.skipped,
                    "errors": c.errors,
                }
                for c in self._channels.values()
            ]
            return {
                "streams": streams,
                "decoders": sum(1 for s in streams if s["decoding"]) + len(self._retiring),
                "decoded": sum(s["decoded"] for s in streams),
                "skipped": sum(s["skipped"] for s in streams),
            }

    def threads(self) -> list[threading.Thread]:
        """Decoder threads still alive (current and leaving)."""
        with self._lock:
            workers = [c.worker for c in self._channels.values() if c.worker is not None] + self._retiring
        return [w.thread for w in workers if w.thread is not None and w.thread.is_alive()]

    # -- for subscriptions ---------------------------------------------------------------
    def _activity_changed(self, channel: Channel) -> None:
        with self._lock:
            if self._closed or self._channels.get((channel.key, channel.scale)) is not channel:
                return
            wanted = any(sub.active for sub in channel.subscriptions)
            worker = channel.worker
            if wanted and worker is None:
                worker = channel.worker = DecoderWorker(channel, self.settings, self.clock)
                worker.start()
            elif not wanted and worker is not None:
                self._retire(channel)

    def _unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            channel = sub.channel
            if sub in channel.subscriptions:
                channel.subscriptions.remove(sub)
            if not channel.subscriptions:
                if channel.worker is not None:
                    self._retire(channel)
                if self._channels.get((channel.key, channel.scale)) is channel:
                    del self._channels[(channel.key, channel.scale)]
            else:
                self._activity_changed(channel)

    def _retire(self, channel: Channel) -> None:
        worker, channel.worker = channel.worker, None
        if worker is not None:
            worker.request_stop()
            self._retiring = [w for w in self._retiring if w.running]
            self._retiring.append(worker)
