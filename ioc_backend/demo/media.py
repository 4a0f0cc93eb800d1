"""Simulated camera media: shared, cached MJPEG frames per camera stream and alert snapshots."""

from __future__ import annotations

import math
import os
import random
import threading
import time
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Generic, TypeVar

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "FrameSource",
    "snapshot_jpeg",
    "multipart_part",
    "MJPEG_CONTENT_TYPE",
    "STREAM_SIZES",
    "JPEG_QUALITY",
    "find_font_path",
    "ascii_fallback",
]

MJPEG_CONTENT_TYPE = "multipart/x-mixed-replace; boundary=frame"
STREAM_SIZES: dict[str, tuple[int, int]] = {"main": (1280, 720), "sub": (640, 360)}
JPEG_QUALITY = 75

try:
    from zoneinfo import ZoneInfo

    _HUE_TZ: timezone | ZoneInfo = ZoneInfo("Asia/Ho_Chi_Minh")
except (
    ImportError,
    KeyError,
):  # ZoneInfoNotFoundError is a KeyError: no tz database on this system: Vietnam has had no DST since 1975
    _HUE_TZ = timezone(timedelta(hours=7), "ICT")

# TrueType fonts with Vietnamese coverage, most likely first. IOC_MEDIA_FONT overrides.
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/google-noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
)


_TEXT_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def find_font_path() -> str | None:
    """Path of a TrueType font able to draw Vietnamese, or None when the system has none."""
    override = os.environ.get("IOC_MEDIA_FONT")
    for path in ((override,) if override else ()) + _FONT_CANDIDATES:
        if path and os.path.isfile(path):
            return path
    return None


@lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont | None:
    path = find_font_path()
    if path is None:
        return None
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return None


# Characters with no ASCII decomposition that our overlays use.
_ASCII_SUBSTITUTES = {"Đ": "D", "đ": "d", "·": "-", "×": "x", "…": "...", "–": "-", "—": "-", "µ": "u", "°": " deg"}


def ascii_fallback(text: str) -> str:
    """'Cầu Trường Tiền' -> 'Cau Truong Tien' (for when no TrueType font is available)."""
    for special, plain in _ASCII_SUBSTITUTES.items():
        text = text.replace(special, plain)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.encode("ascii", "replace").decode("ascii")


def _draw_texts(image: np.ndarray, items: list[tuple[str, tuple[int, int], int, tuple[int, int, int]]]) -> None:
    """Draw (text, (x, y) top-left, pixel size, BGR colour) items onto a BGR image in place.

    cv2.putText only knows ASCII Hershey glyphs, so diacritics ("Huế", "Phường") need Pillow
    with a TrueType font. Without any TTF on the system we fall back to cv2.putText with an
    ASCII transliteration rather than drawing "?" boxes.
    """
    if not items:
        return
    if _font(max(8, items[0][2])) is None:
        for text, (x, y), size, colour in items:
            scale = size / 30.0
            cv2.putText(
                image,
                ascii_fallback(text),
                (x, y + size),
                cv2.FONT_HERSHEY_SIMPLEX,
                scale,
                colour,
                max(1, round(size / 14)),
                cv2.LINE_AA,
            )
        return
    # Text is drawn only into cached backgrounds and snapshots, so this round trip is rare.
    pil = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(pil)
    # One FreeType face is shared by all threads; FreeType faces are not safe to use concurrently.
    with _TEXT_LOCK:
        for text, (x, y), size, (b, g, r) in items:
            draw.text((x, y), text, font=_font(max(8, size)), fill=(r, g, b))
    image[:] = cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)


def _fit(text: str, size: int, max_width: int) -> str:
    """Shorten text with an ellipsis so it fits max_width pixels at this font size."""
    font = _font(max(8, size))
    if font is None:

        def measure(s: str) -> float:
            return cv2.getTextSize(ascii_fallback(s), cv2.FONT_HERSHEY_SIMPLEX, size / 30.0, 1)[0][0]
    else:

        def measure(s: str) -> float:
            with _TEXT_LOCK:
                return font.getlength(s)

    if measure(text) <= max_width:
        return text
    while text and measure(text + "…") > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def _stable_seed(*parts: str) -> int:
    """A seed that is the same in every process (str hash() is randomised per process)."""
    return zlib.crc32("\x1f".join(parts).encode("utf-8"))


# --------------------------------------------------------------------------- scene drawing
class _Scene:
    """Static geometry of one simulated camera view, at a given frame size."""

    def __init__(self, seed: int, width: int, height: int) -> None:
        rng = random.Random(seed)
        self.width, self.height = width, height
        self.scale = width / 1280.0
        self.horizon = int(height * rng.uniform(0.36, 0.46))
        # Vanishing point of the road, and its half-width at the bottom edge.
        self.vanish_x = int(width * rng.uniform(0.4, 0.6))
        self.road_half = int(width * rng.uniform(0.32, 0.45))
        self.sky_top = np.array([rng.randint(150, 200), rng.randint(110, 150), rng.randint(60, 100)], np.float32)
        self.sky_low = np.array([rng.randint(210, 235), rng.randint(190, 215), rng.randint(160, 190)], np.float32)
        self.ground = (rng.randint(60, 90), rng.randint(100, 130), rng.randint(70, 100))
        self.buildings = []
        x = 0
        while x < width:
            w = int(width * rng.uniform(0.04, 0.11))
            h = int(height * rng.uniform(0.06, 0.24))
            shade = rng.randint(90, 190)
            tint = (shade + rng.randint(-20, 20), shade + rng.randint(-20, 20), shade + rng.randint(-10, 30))
            self.buildings.append((x, w, h, tuple(int(min(255, max(0, c))) for c in tint)))
            x += w + int(width * rng.uniform(0.0, 0.02))
        # Vehicles moving down the road: (lane -1..1, period in ticks, phase, BGR colour).
        palette = [(40, 40, 200), (200, 200, 200), (30, 30, 30), (200, 120, 30), (40, 180, 230), (60, 140, 60)]
        self.vehicles = [
            (rng.uniform(-0.7, 0.7), rng.randint(24, 64), rng.random(), rng.choice(palette))
            for _ in range(rng.randint(4, 7))
        ]
        # Pedestrians walking along the kerb, left to right or back.
        self.walkers = [
            (rng.uniform(0.0, 1.0), rng.choice((-1, 1)) * rng.uniform(0.002, 0.006), rng.choice(palette))
            for _ in range(rng.randint(2, 4))
        ]

    def road_at(self, y: float) -> tuple[float, float]:
        """(centre x, half width) of the road at image row y (perspective)."""
        t = (y - self.horizon) / max(1, self.height - self.horizon)
        return self.vanish_x, max(1.0, self.road_half * t)

    def render_static(self) -> np.ndarray:
        w, h = self.width, self.height
        img = np.empty((h, w, 3), np.uint8)
        # Sky: vertical gradient down to the horizon.
        t = np.linspace(0.0, 1.0, self.horizon, dtype=np.float32)[:, None]
        img[: self.horizon] = (self.sky_top * (1 - t) + self.sky_low * t).astype(np.uint8)[:, None, :]
        img[self.horizon :] = self.ground
        for x, bw, bh, colour in self.buildings:
            top = self.horizon - bh
            cv2.rectangle(img, (x, top), (x + bw, self.horizon), colour, -1)
            # A few windows so the skyline does not look flat.
            step = max(6, int(18 * self.scale))
            for wy in range(top + step // 2, self.horizon - step, step):
                for wx in range(x + step // 3, x + bw - step // 2, step):
                    cv2.rectangle(
                        img, (wx, wy), (wx + step // 3, wy + step // 3), tuple(max(0, c - 50) for c in colour), -1
                    )
        # Road trapezoid with kerbs and dashed centre line (static; the traffic moves).
        bottom_half = self.road_half
        pts = np.array(
            [
                [self.vanish_x - 2, self.horizon],
                [self.vanish_x + 2, self.horizon],
                [self.vanish_x + bottom_half, h],
                [self.vanish_x - bottom_half, h],
            ],
            np.int32,
        )
        cv2.fillPoly(img, [pts], (70, 70, 72))
        cv2.line(
            img,
            (self.vanish_x - 2, self.horizon),
            (self.vanish_x - bottom_half, h),
            (200, 200, 200),
            max(1, int(3 * self.scale)),
        )
        cv2.line(
            img,
            (self.vanish_x + 2, self.horizon),
            (self.vanish_x + bottom_half, h),
            (200, 200, 200),
            max(1, int(3 * self.scale)),
        )
        rows = np.geomspace(self.horizon + 4, h, 14)
        for y0, y1 in zip(rows[::2], rows[1::2], strict=True):
            cv2.line(
                img,
                (self.vanish_x, int(y0)),
                (self.vanish_x, int(y1)),
                (220, 220, 220),
                max(1, int(4 * self.scale * (y1 - self.horizon) / (h - self.horizon))),
            )
        return img

    def draw_motion(self, img: np.ndarray, tick: int) -> None:
        """Draw what moves: vehicles along the road, walkers on the kerb (a function of tick only)."""
        h = self.height
        span = h - self.horizon
        positions = sorted(
            (((tick / period) + phase) % 1.0, lane, colour) for lane, period, phase, colour in self.vehicles
        )
        for p, lane, colour in positions:  # far ones first so near ones are drawn over them
            y = self.horizon + span * p * p  # accelerate towards the viewer (perspective)
            cx, half = self.road_at(y)
            size = max(2.0, half * 0.22)
            x = cx + lane * half * 0.8
            top_left = (int(x - size), int(y - size * 0.75))
            bottom_right = (int(x + size), int(y + size * 0.25))
            cv2.rectangle(img, top_left, bottom_right, colour, -1)
            cv2.rectangle(img, top_left, bottom_right, (20, 20, 20), max(1, int(2 * self.scale)))
        kerb_y = self.horizon + int(span * 0.3)
        for start, speed, colour in self.walkers:
            fx = (start + speed * tick) % 1.0
            x = int(fx * self.width)
            r = max(2, int(7 * self.scale))
            cv2.circle(img, (x, kerb_y - 3 * r), r, colour, -1)
            cv2.rectangle(img, (x - r, kerb_y - 2 * r), (x + r, kerb_y + r), colour, -1)


def _darken(img: np.ndarray, x0: int, y0: int, x1: int, y1: int, keep: float = 0.4) -> None:
    """Shade a box so burned-in text stays legible on any background."""
    x0, y0 = max(0, x0), max(0, y0)
    region = img[y0:y1, x0:x1]
    region[:] = (region.astype(np.uint16) * int(keep * 256) >> 8).astype(np.uint8)


class _Layout:
    """Where each overlay element goes for a stream size (computed once per size)."""

    def __init__(self, width: int, height: int) -> None:
        s = width / 1280.0
        self.s = s
        self.pad = int(16 * s)
        self.title_size = max(10, int(30 * s))
        self.ward_size = max(9, int(22 * s))
        self.small_size = max(8, int(18 * s))
        self.clock_scale = 1.0 * s
        self.clock_thickness = max(1, int(round(2 * s)))
        (cw, ch), _ = cv2.getTextSize(
            "00:00:00  00/00/0000", cv2.FONT_HERSHEY_SIMPLEX, self.clock_scale, self.clock_thickness
        )
        self.clock_box = (width - cw - 3 * self.pad, 0, width, ch + 2 * self.pad + int(8 * s))
        self.clock_origin = (width - cw - 2 * self.pad, self.pad + ch + int(4 * s))
        self.rec_centre = (self.clock_box[0] - int(20 * s), self.clock_box[3] // 2)
        self.rec_radius = max(3, int(9 * s))


def _render_background(camera_id: str, name: str, ward: str, which: str) -> np.ndarray:
    width, height = STREAM_SIZES[which]
    scene = _Scene(_stable_seed(camera_id), width, height)
    img = scene.render_static()
    layout = _Layout(width, height)
    pad = layout.pad
    text_width = int(width * 0.62)
    title = _fit(name, layout.title_size, text_width)
    ward_text = _fit(f"{ward} · Huế", layout.ward_size, text_width)
    box_h = pad * 2 + layout.title_size + layout.ward_size + int(10 * layout.s)
    _darken(img, 0, 0, text_width + 2 * pad, box_h)
    x0, y0, x1, y1 = layout.clock_box
    _darken(img, x0 - int(40 * layout.s), y0, x1, y1)
    label = f"{camera_id} · {which.upper()} {width}×{height}"
    footer_h = layout.small_size + 2 * pad
    _darken(img, 0, height - footer_h, int(width * 0.5), height)
    _draw_texts(
        img,
        [
            (title, (pad, pad), layout.title_size, (255, 255, 255)),
            (ward_text, (pad, pad + layout.title_size + int(8 * layout.s)), layout.ward_size, (200, 230, 255)),
            (label, (pad, height - footer_h + pad - int(2 * layout.s)), layout.small_size, (230, 230, 230)),
        ],
    )
    img.setflags(write=False)  # shared between threads: never draw on the cached copy
    return img


# --------------------------------------------------------------------------- single flight
V = TypeVar("V")


class _BoundedCache(Generic[V]):
    """A thread-safe LRU map that also makes concurrent builders of one key share one build."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._inflight: dict[Hashable, Future[V]] = {}
        self._lock = threading.Lock()
        self.builds = 0
        self.shared_waits = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    @property
    def inflight(self) -> int:
        with self._lock:
            return len(self._inflight)

    def discard_where(self, predicate: Callable[[Hashable], bool]) -> int:
        """Drop the cached entries whose key matches (in-flight builds finish undisturbed)."""
        with self._lock:
            doomed = [key for key in self._items if predicate(key)]
            for key in doomed:
                del self._items[key]
        return len(doomed)

    def get_or_build(self, key: Hashable, build: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            pending = self._inflight.get(key)
            if pending is None:
                future: Future[V] = Future()
                self._inflight[key] = future
            else:
                self.shared_waits += 1
        if pending is not None:
            return pending.result()  # raises the builder's exception too
        try:
            value = build()
        except BaseException as exc:
            with self._lock:
                del self._inflight[key]
            future.set_exception(exc)
            raise
        with self._lock:
            self.builds += 1
            self._items[key] = value
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
            del self._inflight[key]
        future.set_result(value)
        return value


# --------------------------------------------------------------------------- public API
class FrameSource:
    """Produces the current JPEG of a simulated camera stream, shared by all its viewers.

    A frame is identified by (camera, stream, tick) with tick = floor(now * fps). The first
    caller for a tick renders and encodes it; concurrent callers for the same tick wait for
    that one encode, later ones get it from a bounded LRU cache. The static part of each view
    (scene + camera name + ward) is rendered once per camera stream and cached separately, so
    a tick costs one copy, a few shapes, the clock text and one JPEG encode.
    """

    def __init__(
        self,
        fps: float = 8.0,
        cache_size: int = 256,
        *,
        background_cache_size: int = 48,
        jpeg_quality: int = JPEG_QUALITY,
    ) -> None:
        if isinstance(fps, bool) or not isinstance(fps, (int, float)) or not math.isfinite(fps) or not 0 < fps <= 60:
            raise ValueError(f"fps must be a number in (0, 60], got {fps!r}")
        for label, value in (("cache_size", cache_size), ("background_cache_size", background_cache_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{label} must be a positive integer, got {value!r}")
        if not isinstance(jpeg_quality, int) or not 1 <= jpeg_quality <= 100:
            raise ValueError(f"jpeg_quality must be 1..100, got {jpeg_quality!r}")
        self._fps = float(fps)
        self._quality = jpeg_quality
        self._frames: _BoundedCache[bytes] = _BoundedCache(cache_size)
        # A 1280x720 background is 2.7 MB; keep this cache smaller than the frame cache.
        self._backgrounds: _BoundedCache[np.ndarray] = _BoundedCache(background_cache_size)
        self._layouts = {which: _Layout(*size) for which, size in STREAM_SIZES.items()}

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def frame_interval(self) -> float:
        """Seconds between two ticks (how long a streamer should wait between parts)."""
        return 1.0 / self._fps

    @property
    def encode_count(self) -> int:
        """How many frames were encoded so far (one per distinct camera/stream/tick)."""
        return self._frames.builds

    @property
    def background_count(self) -> int:
        """How many static backgrounds were rendered so far."""
        return self._backgrounds.builds

    @property
    def shared_waits(self) -> int:
        """How many callers waited for another caller's in-flight encode instead of encoding."""
        return self._frames.shared_waits

    @property
    def cached_frames(self) -> int:
        return len(self._frames)

    @property
    def cached_backgrounds(self) -> int:
        return len(self._backgrounds)

    def tick(self, now: float | None = None) -> int:
        """The tick number of a wall-clock time (seconds since the epoch)."""
        if now is None:
            now = time.time()
        if isinstance(now, bool) or not isinstance(now, (int, float)) or not math.isfinite(now) or now < 0:
            raise ValueError(f"now must be a non-negative number of seconds, got {now!r}")
        return math.floor(now * self._fps)

    def seconds_until_next_tick(self, now: float | None = None) -> float:
        """How long until the next frame exists (lets a streamer sleep exactly that long)."""
        if now is None:
            now = time.time()
        return max(0.0, (self.tick(now) + 1) / self._fps - now)

    @staticmethod
    def clock_text(now: float) -> str:
        """The burned-in clock for a moment: Huế local time (UTC+7), 'HH:MM:SS  DD/MM/YYYY'."""
        return datetime.fromtimestamp(now, tz=_HUE_TZ).strftime("%H:%M:%S  %d/%m/%Y")

    def jpeg(self, camera_id: str, name: str, ward: str, which: str, now: float | None = None) -> bytes:
        """The JPEG of the current tick of a camera's 'main' (1280x720) or 'sub' (640x360) stream."""
        if which not in STREAM_SIZES:
            raise ValueError(f"stream must be 'main' or 'sub', got {which!r}")
        for label, value in (("camera_id", camera_id), ("name", name), ("ward", ward)):
            if not isinstance(value, str):
                raise ValueError(f"{label} must be a string, got {type(value).__name__}")
        if not camera_id:
            raise ValueError("camera_id must not be empty")
        which = "main" if which == "main" else "sub"  # canonical plain str for the cache key
        tick = self.tick(now)
        # name/ward are part of the key so a renamed camera shows its new name on the next tick.
        return self._frames.get_or_build(
            (camera_id, which, tick, name, ward),
            lambda: self._encode(self._render_frame(camera_id, name, ward, which, tick)),
        )

    def forget(self, camera_id: str, which: str) -> int:
        """Drop a camera stream's cached frames and background (its last viewer left); returns how many."""

        def of_stream(key: Hashable) -> bool:
            return isinstance(key, tuple) and key[0] == camera_id and key[1] == which

        return self._frames.discard_where(of_stream) + self._backgrounds.discard_where(of_stream)

    # -- internals (one job each; _render_frame is the per-tick cost)
    def _background(self, camera_id: str, name: str, ward: str, which: str) -> np.ndarray:
        return self._backgrounds.get_or_build(
            (camera_id, which, name, ward), lambda: _render_background(camera_id, name, ward, which)
        )

    def _render_frame(self, camera_id: str, name: str, ward: str, which: str, tick: int) -> np.ndarray:
        frame = self._background(camera_id, name, ward, which).copy()
        # Rebuilding the scene description is a few dozen random numbers: cheaper than caching it.
        _Scene(_stable_seed(camera_id), *STREAM_SIZES[which]).draw_motion(frame, tick)
        layout = self._layouts[which]
        clock = self.clock_text(tick / self._fps)  # ASCII only, so cv2.putText is enough here
        cv2.putText(
            frame,
            clock,
            layout.clock_origin,
            cv2.FONT_HERSHEY_SIMPLEX,
            layout.clock_scale,
            (255, 255, 255),
            layout.clock_thickness,
            cv2.LINE_AA,
        )
        # A recording dot blinking twice a second: obvious proof the picture is live.
        if int(tick / self._fps * 2) % 2 == 0:
            cv2.circle(frame, layout.rec_centre, layout.rec_radius, (0, 0, 230), -1, cv2.LINE_AA)
        return frame

    def _encode(self, frame: np.ndarray) -> bytes:
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, self._quality])
        if not ok:
            raise RuntimeError("JPEG encoding failed")
        return buf.tobytes()


def _check_bbox(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(v) for v in bbox)
    except (TypeError, ValueError):
        raise ValueError(f"bbox must be four numbers [x, y, w, h], got {bbox!r}") from None
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise ValueError(f"bbox must be four finite numbers [x, y, w, h], got {bbox!r}")
    x, y, w, h = values
    if not (0 <= x <= 1 and 0 <= y <= 1 and 0 < w <= 1 and 0 < h <= 1):
        raise ValueError(f"bbox values must be fractions of the frame (x, y in 0..1, w, h in (0, 1]), got {bbox!r}")
    return values


def snapshot_jpeg(camera_name: str, label: str, bbox: tuple[float, float, float, float], seed: int) -> bytes:
    """A 1280x720 still of a camera view with the detection box and its label drawn (alert snapshots)."""
    x, y, w, h = _check_bbox(bbox)
    if not isinstance(camera_name, str) or not isinstance(label, str):
        raise ValueError("camera_name and label must be strings")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    width, height = STREAM_SIZES["main"]
    scene = _Scene(_stable_seed(camera_name, str(seed)), width, height)
    img = scene.render_static()
    scene.draw_motion(img, seed)
    layout = _Layout(width, height)
    pad = layout.pad
    title = _fit(camera_name, layout.title_size, int(width * 0.62))
    _darken(img, 0, 0, int(width * 0.62) + 2 * pad, 2 * pad + layout.title_size)
    x0, y0 = int(x * width), int(y * height)
    x1, y1 = min(width - 1, int((x + w) * width)), min(height - 1, int((y + h) * height))
    thickness = 4
    cv2.rectangle(img, (x0, y0), (x1, y1), (0, 0, 255), thickness)
    # Label on a red tab above the box (inside it when the box touches the top edge).
    tag = _fit(label, layout.ward_size, max(60, width - x0 - pad))
    tag_h = layout.ward_size + 12
    tag_y = y0 - tag_h if y0 - tag_h >= 0 else y0 + thickness
    font = _font(layout.ward_size)
    if font is not None:
        with _TEXT_LOCK:
            tag_w = int(font.getlength(tag)) + 16
    else:
        tag_w = cv2.getTextSize(ascii_fallback(tag), cv2.FONT_HERSHEY_SIMPLEX, layout.ward_size / 30.0, 1)[0][0] + 16
    cv2.rectangle(img, (x0, tag_y), (min(width - 1, x0 + tag_w), tag_y + tag_h), (0, 0, 255), -1)
    _draw_texts(
        img,
        [
            (title, (pad, pad), layout.title_size, (255, 255, 255)),
            (tag, (x0 + 8, tag_y + 4), layout.ward_size, (255, 255, 255)),
        ],
    )
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return buf.tobytes()


_BOUNDARY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=?")


def multipart_part(jpeg: bytes, boundary: str = "frame") -> bytes:
    """One part of a multipart/x-mixed-replace MJPEG body, boundary line to trailing CRLF."""
    if not isinstance(jpeg, (bytes, bytearray, memoryview)):
        raise ValueError(f"jpeg must be bytes, got {type(jpeg).__name__}")
    # RFC 2046 boundary: 1..70 safe characters (no CR/LF that would let data forge headers).
    if not isinstance(boundary, str) or not 1 <= len(boundary) <= 70 or not set(boundary) <= _BOUNDARY_CHARS:
        raise ValueError(f"invalid multipart boundary {boundary!r}")
    data = bytes(jpeg)
    head = f"--{boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {len(data)}\r\n\r\n".encode("ascii")
    return head + data + b"\r\n"
