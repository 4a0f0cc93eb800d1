"""One decoder thread per shared stream: connect, decode the newest picture, fit it to its tiles, reconnect."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import cv2
import numpy as np

from backend_client.retry import Backoff
from backend_client.workers import Worker
from ioc_console.services.video.capture import CaptureReader, fit_size, to_pixels
from ioc_console.services.video.mjpeg import MjpegReader, NotMultipart, StreamError
from ioc_console.services.video.sources import (
    AUTO_SCALE,
    CONNECTING,
    LIVE,
    LOST,
    RECONNECTING,
    Frame,
    StreamHealth,
    safe_text,
    source_kind,
)

if TYPE_CHECKING:
    from ioc_console.services.video.hub import Channel, Subscription

_log = logging.getLogger(__name__)

_REDUCED = {
    1: cv2.IMREAD_COLOR,
    2: cv2.IMREAD_REDUCED_COLOR_2,
    4: cv2.IMREAD_REDUCED_COLOR_4,
    8: cv2.IMREAD_REDUCED_COLOR_8,
}


class DecoderSettings:
    """Timeouts and retry policy of the decoders (tests shorten them).

    The timeouts stay under ``StreamHub.close``'s default 5 s: a decoder blocked in FFmpeg (which
    only a timeout interrupts) still ends in time to be joined.
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 4.0,
        read_timeout: float = 4.0,
        backoff_initial: float = 0.5,
        backoff_max: float = 10.0,
        lost_after: int = 3,
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.lost_after = lost_after


class DecoderWorker(Worker):
    """Reads one stream for one hub channel and hands each new picture to the channel's subscriptions.

    Only the newest picture is ever decoded (MJPEG parts that a newer one replaced are skipped;
    file frames that are already late are skipped), and a picture is decoded at all only when
    an active subscription wants one (its frame-rate cap). The picture is fitted to each
    subscription's tile size here, once per distinct size, and converted to the painter's
    native pixel format, so the GUI thread only draws. Failures become health states with a
    jittered backoff; the loop ends only on ``stop``.
    """

    thread_name = "ioc-video-decoder"

    def __init__(self, channel: Channel, settings: DecoderSettings, clock: Callable[[], float]) -> None:
        super().__init__(name=f"ioc-video {channel.key}/{channel.scale or 'auto'}")
        self.channel = channel
        self.settings = settings
        self.clock = clock
        self._reader: MjpegReader | CaptureReader | None = None
        self._not_multipart = False
        self._native: tuple[int, int] | None = None
        self._live = False  # pictures arrived since the last (re)connect

    # -- control -------------------------------------------------------------------------
    def request_stop(self) -> None:
        """Ask the loop to end without waiting for it (the GUI thread never joins a decoder)."""
        self._stop_event.set()
        self.wake_up()

    def wake_up(self) -> None:
        reader = self._reader
        if isinstance(reader, MjpegReader):
            reader.close()

    @property
    def current(self) -> bool:
        return not self.stopping and self.channel.worker is self

    # -- the loop ------------------------------------------------------------------------
    def loop(self) -> None:
        settings = self.settings
        backoff = Backoff(settings.backoff_initial, settings.backoff_max)
        failures = 0
        outage_since: float | None = None
        self._publish(StreamHealth(CONNECTING, time.time()))
        while not self.stopping:
            detail = ""
            try:
                self._open()
                self.channel.opens += 1
                self._pump()
            except StreamError as exc:
                detail = str(exc)
            except Exception as exc:  # noqa: BLE001 - any failure of one stream only reconnects that stream
                detail = safe_text(f"{type(exc).__name__}: {exc}")[:200]
            finally:
                self._close_reader()
            if self.stopping:
                break
            if self._live:
                # It had pictures: a new outage begins, and the retry sequence starts over.
                self._live = False
                backoff.reset()
                failures = 0
                outage_since = time.time()
            failures += 1
            if outage_since is None:
                outage_since = time.time()
            delay = backoff.next()
            self.channel.errors += 1
            state = LOST if failures >= settings.lost_after else RECONNECTING
            _log.info("video %s: %s (%s, retry in %.1f s)", self.channel.key, detail, state, delay)
            self._publish(StreamHealth(state, outage_since, time.time() + delay, detail))
            if self.sleep(delay):
                break

    def _open(self) -> None:
        url = self.channel.source.url()
        if not url:
            raise StreamError("the camera has no stream URL")
        kind = source_kind(url)
        settings = self.settings
        if kind == "http" and not self._not_multipart:
            reader = MjpegReader(url, connect_timeout=settings.connect_timeout, read_timeout=settings.read_timeout)
            self._reader = reader
            if self.stopping:
                raise StreamError("closed")
            try:
                reader.open()
                return
            except NotMultipart:
                self._not_multipart = True  # FFmpeg reads the rest (HLS, MP4, FLV over HTTP)
                reader.close()
        capture = CaptureReader(
            url,
            is_file=kind == "file",
            wait=self.sleep,
            clock=time.monotonic,
            open_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
        )
        self._reader = capture
        capture.open()

    def _close_reader(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()

    def _pump(self) -> None:
        """Decode and deliver until the stream fails (raises) or the worker stops."""
        reader = self._reader
        assert reader is not None
        channel = self.channel
        counted = 0  # the reader's own skips already added to the channel's
        while not self.stopping:
            if reader.skipped != counted:
                channel.skipped += reader.skipped - counted
                counted = reader.skipped
            if isinstance(reader, MjpegReader):
                jpeg = reader.read()
                wanted = channel.due_subscriptions(self.clock())
                if not wanted:
                    channel.skipped += 1
                    continue
                bgr = self._decode_jpeg(jpeg, wanted)
            else:
                wanted = channel.due_subscriptions(self.clock())
                bgr = reader.read(want=bool(wanted))
                if bgr is None:
                    channel.skipped += 1
                    continue
                self._native = (bgr.shape[1], bgr.shape[0])
            if bgr is None:
                continue
            if not self.current:
                return
            self._deliver(bgr, wanted)

    def _decode_jpeg(self, jpeg: bytes, wanted: list[Subscription]) -> np.ndarray | None:
        reduce = self.channel.scale
        if reduce == AUTO_SCALE:
            reduce = self._auto_reduction(wanted)
        bgr = cv2.imdecode(np.frombuffer(jpeg, np.uint8), _REDUCED.get(reduce, cv2.IMREAD_COLOR))
        if bgr is None:
            self.channel.errors += 1
            return None
        if reduce == 1 or self._native is None:
            self._native = (bgr.shape[1] * reduce, bgr.shape[0] * reduce)
        return bgr

    def _auto_reduction(self, wanted: list[Subscription]) -> int:
        """The largest JPEG reduction whose picture still covers the largest tile that wants it."""
        native = self._native
        if native is None:
            return 1
        need_w = need_h = 0
        for sub in wanted:
            if sub.target_size is None:
                return 1
            w, h = fit_size(native[0], native[1], sub.target_size)
            need_w, need_h = max(need_w, w), max(need_h, h)
        for reduce in (8, 4, 2):
            if native[0] // reduce >= need_w and native[1] // reduce >= need_h:
                return reduce
        return 1

    def _deliver(self, bgr: np.ndarray, wanted: list[Subscription]) -> None:
        channel = self.channel
        now = self.clock()
        channel.decoded += 1
        seq = channel.decoded
        native = self._native or (bgr.shape[1], bgr.shape[0])
        height, width = bgr.shape[0], bgr.shape[1]
        by_size: dict[tuple[int, int], Frame] = {}
        for sub in wanted:
            size = fit_size(width, height, sub.target_size)
            frame = by_size.get(size)
            if frame is None:
                frame = by_size[size] = Frame(to_pixels(bgr, size), seq, now, native)
            sub.deliver(frame, now)
        channel.last_frame = next(iter(by_size.values()), channel.last_frame)
        if not self._live:
            self._live = True
            self._publish(StreamHealth(LIVE, time.time()))

    def _publish(self, health: StreamHealth) -> None:
        if self.current:
            self.channel.publish(health)
