"""What the video pipeline hands around: stream sources, decoded frames, health, and safe error text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np

from ioc_domain.camera_urls import redact_text

CONNECTING = "connecting"
LIVE = "live"
RECONNECTING = "reconnecting"
LOST = "lost"
HEALTH_STATES = (CONNECTING, LIVE, RECONNECTING, LOST)

#: Let the decoder pick the JPEG reduction (1/2, 1/4, 1/8) from the largest tile that shows the stream.
AUTO_SCALE = 0
SCALES = (AUTO_SCALE, 1, 2, 4)

# Secrets that travel in a query string: the backend's access token, vendors' user/password pairs.
_SECRET_QUERY = re.compile(
    r"(?P<name>\b(?:access_token|token|auth|password|passwd|pwd|pass|user|username|key|signature|sig)=)[^&\s#\"']+",
    re.IGNORECASE,
)


def safe_text(text: str) -> str:
    """``text`` (an error, a URL, a line from FFmpeg) with URL credentials and query secrets hidden."""
    return _SECRET_QUERY.sub(lambda m: f"{m.group('name')}***", redact_text(text))


@dataclass(frozen=True)
class StreamSource:
    """One stream to decode.

    ``key`` identifies the stream for sharing (two tiles with the same key and scale share one
    decoder) and must never hold a secret; ``url()`` is called on the decoder thread at every
    (re)connect, so a backend token it adds is fresh and a slow lookup never blocks the GUI.
    """

    key: str
    url: Callable[[], str] = field(compare=False)
    label: str = ""


class Frame:
    """One decoded picture, ready to paint.

    ``pixels`` is a C-contiguous height×width×4 uint8 array in B, G, R, 255 byte order, which is
    QImage's ``Format_RGB32`` on little-endian machines: painting it needs no conversion on the
    GUI thread. ``image`` gives the RGB array (computed on first use). ``width``/``height`` are
    the pixels' size (already fitted to the tile when it is smaller than the stream);
    ``source_width``/``source_height`` the stream's own size. ``decoded_at`` is the hub clock's
    time (time.monotonic by default) when the decoder had the picture.
    """

    __slots__ = ("pixels", "seq", "decoded_at", "width", "height", "source_width", "source_height", "_rgb")

    def __init__(self, pixels: np.ndarray, seq: int, decoded_at: float, source_size: tuple[int, int]) -> None:
        self.pixels = pixels
        self.seq = seq
        self.decoded_at = decoded_at
        self.height, self.width = int(pixels.shape[0]), int(pixels.shape[1])
        self.source_width, self.source_height = source_size
        self._rgb: np.ndarray | None = None

    @property
    def image(self) -> np.ndarray:
        """The picture as a height×width×3 RGB array."""
        if self._rgb is None:
            self._rgb = np.ascontiguousarray(self.pixels[:, :, 2::-1])
        return self._rgb

    def __repr__(self) -> str:
        return f"Frame(seq={self.seq}, {self.width}x{self.height} of {self.source_width}x{self.source_height})"


@dataclass(frozen=True)
class StreamHealth:
    """How a stream is doing. ``since`` and ``retry_at`` are wall-clock epoch seconds (time.time()).

    connecting: opening, no picture yet; live: pictures arrive; reconnecting: the stream failed
    and the next attempt is at ``retry_at``; lost: several attempts failed (still retrying,
    ``since`` is when the outage began). ``detail`` is already free of credentials.
    """

    state: str
    since: float
    retry_at: float | None = None
    detail: str = ""


def source_kind(url: str) -> str:
    """ "http" (tried as MJPEG first), "capture" (RTSP and other FFmpeg URLs) or "file" (a local path)."""
    scheme = urlsplit(url).scheme.lower() if "://" in url else ""
    if scheme in ("http", "https"):
        return "http"
    if scheme in ("", "file") or len(scheme) == 1:  # a Windows drive letter is not a scheme
        return "file"
    return "capture"
