"""FFmpeg captures through OpenCV (RTSP, files, non-MJPEG HTTP) with timeouts, one decode thread and quiet logs."""

from __future__ import annotations

import os
from collections.abc import Callable

import cv2
import numpy as np

from ioc_console.services.video.mjpeg import StreamError

# FFmpeg writes its own errors to stderr, and some of them quote the URL it was given
# (credentials included): keep it quiet; the decoder reports a redacted reason instead.
# OpenCV reads these when a capture opens, so setting them here (before any capture) is enough.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
# RTSP over TCP: UDP loses packets under load and the picture smears until the next key frame.
os.environ.setdefault("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp")
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
# Every decoder has its own thread already: OpenCV's own worker pool would only add
# hand-offs and contention to each resize and colour conversion.
cv2.setNumThreads(1)

_FILE_FPS_DEFAULT = 25.0
LAG_SKIP = 0.5  # seconds behind a live stream before pictures are only decoded, not shown
LAG_RECONNECT = 5.0  # seconds behind before the connection is dropped to empty the backlog
LAG_CREEP = 0.002  # how fast the baseline may rise (s per s): camera and console clocks drift
_MAX_LAG = 0.5  # seconds a file may fall behind its own clock before its schedule restarts


class CaptureReader:
    """One ``cv2.VideoCapture`` (FFmpeg backend only, never OpenCV's other backends, which log the name).

    ``read(due)`` returns the next BGR frame; for files it waits until the frame is due at the
    file's own frame rate (through ``wait``, so a stop interrupts it), skips frames that are
    already late instead of queueing them, and starts over at the end (a looping clip).
    """

    def __init__(
        self,
        url: str,
        *,
        is_file: bool,
        wait: Callable[[float], bool],
        clock: Callable[[], float],
        open_timeout: float = 4.0,
        read_timeout: float = 4.0,
    ) -> None:
        self._url = url
        # FFmpeg's calls cannot be interrupted, only timed out: these bound how long a stop waits.
        self._open_timeout_ms = max(1, int(open_timeout * 1000))
        self._read_timeout_ms = max(1, int(read_timeout * 1000))
        self._is_file = is_file
        self._wait = wait
        self._clock = clock
        self._cap: cv2.VideoCapture | None = None
        self._fps = 0.0
        self._start = 0.0
        self._index = 0
        self.skipped = 0
        self._baseline: float | None = None  # smallest clock - timestamp offset seen (live streams)
        self._last_check = 0.0
        self._buffer: np.ndarray | None = None  # reused by retrieve(): no fresh 2.7 MB per 720p picture

    def open(self) -> None:
        if self._is_file:
            path = self._url[len("file://") :] if self._url.startswith("file://") else self._url
            if not os.path.exists(path):
                raise StreamError("the video file does not exist")
            self._url = path
        params = [
            cv2.CAP_PROP_N_THREADS,
            1,
            cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
            self._open_timeout_ms,
            cv2.CAP_PROP_READ_TIMEOUT_MSEC,
            self._read_timeout_ms,
        ]
        try:
            cap = cv2.VideoCapture(self._url, cv2.CAP_FFMPEG, params)
        except cv2.error:
            raise StreamError("the stream could not be opened") from None
        if not cap.isOpened():
            cap.release()
            raise StreamError("the stream could not be opened (unreachable, refused or not a video)")
        self._cap = cap
        fps = cap.get(cv2.CAP_PROP_FPS) if self._is_file else 0.0
        self._fps = fps if 0.5 <= fps <= 240 else _FILE_FPS_DEFAULT
        self._start = self._clock()
        self._index = 0

    def read(self, want: bool = True) -> np.ndarray | None:
        """The next frame (BGR), or None when ``want`` is False (decoded but not converted: cheaper)."""
        cap = self._cap
        if cap is None:
            raise StreamError("closed")
        if self._is_file:
            return self._read_file(cap, want)
        if not cap.grab():
            raise StreamError("no picture from the camera (stream ended or timed out)")
        if self._behind(cap):
            self.skipped += 1  # decoded (H.264 needs every picture) but not converted nor shown
            return None
        if not want:
            return None
        ok, frame = cap.retrieve(self._buffer)
        if not ok or frame is None:
            raise StreamError("the camera sent a picture that could not be decoded")
        self._buffer = frame
        return frame

    def _behind(self, cap: cv2.VideoCapture) -> bool:
        """True while pictures come out later than the camera sent them (a backlog in the socket).

        The offset between our clock and the stream's timestamps is smallest when we keep up;
        its running minimum (allowed to creep up 2 ms a second, for clocks that drift) is the
        baseline. Behind by more than ``LAG_SKIP`` s, pictures are decoded but not converted
        until the backlog is gone; behind by more than ``LAG_RECONNECT`` s, the connection is
        dropped, which empties the backlog at once: the delay never grows without bound.
        """
        pts = cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
        now = self._clock()
        if not pts > 0:  # no timestamps (some cameras): nothing to measure
            return False
        offset = now - pts
        if self._baseline is None or offset < self._baseline:
            self._baseline = offset
        else:
            self._baseline = min(offset, self._baseline + LAG_CREEP * max(0.0, now - self._last_check))
        self._last_check = now
        lag = offset - self._baseline
        if lag > LAG_RECONNECT:
            raise StreamError("the picture fell behind the camera; reconnecting")
        return lag > LAG_SKIP

    def _read_file(self, cap: cv2.VideoCapture, want: bool) -> np.ndarray | None:
        period = 1.0 / self._fps
        while True:
            due = self._start + self._index * period
            # Waiting also notices a stop, including while frames are being skipped.
            if self._wait(max(0.0, due - self._clock())):
                raise StreamError("closed")
            if not cap.grab():
                if self._index == 0:
                    raise StreamError("the video file holds no picture")
                cap.set(cv2.CAP_PROP_POS_FRAMES, 0)  # loop the clip
                self._start, self._index = self._clock(), 0
                continue
            self._index += 1
            late = self._clock() - (self._start + self._index * period)
            if late > _MAX_LAG:
                # Far behind (an overloaded or suspended machine): forget the debt and show this
                # picture, rather than decode a burst of pictures nobody will see.
                self._start, self._index = self._clock(), 0
            elif late > period:
                # The next picture is already due: this one would only be painted late.
                self.skipped += 1
                continue
            if not want:
                return None
            ok, frame = cap.retrieve(self._buffer)
            if not ok or frame is None:
                raise StreamError("the video file holds a picture that could not be decoded")
            self._buffer = frame
            return frame

    def close(self) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()


def fit_size(width: int, height: int, box: tuple[int, int] | None) -> tuple[int, int]:
    """The size ``width``×``height`` takes inside ``box`` keeping its aspect ratio; never larger than itself."""
    if box is None:
        return width, height
    bw, bh = box
    if bw <= 0 or bh <= 0:
        return width, height
    scale = min(bw / width, bh / height)
    if scale >= 1.0:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def to_pixels(bgr: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``bgr`` fitted to ``size`` as B, G, R, 255 pixels (QImage's RGB32), always a new array.

    Halvings by 2×2 averaging (INTER_AREA's fast exact-factor path) while the picture is three
    times the target or more, then one bilinear step (at ratios above 1/3 bilinear barely
    aliases). INTER_AREA straight to the target costs 4-6 ms per 720p picture at ratios that are
    not whole numbers; this way 0.1-0.4 ms, measured on this machine.
    """
    width, height = size
    while bgr.shape[1] >= 3 * width and bgr.shape[0] >= 3 * height:
        bgr = cv2.resize(bgr, (bgr.shape[1] // 2, bgr.shape[0] // 2), interpolation=cv2.INTER_AREA)
    if (bgr.shape[1], bgr.shape[0]) != size:
        bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_LINEAR)
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA)
