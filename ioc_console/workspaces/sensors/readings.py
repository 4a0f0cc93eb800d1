"""What the trend chart needs from the server or the cache, Qt-free: which resolution a visible span
asks for, the window to fetch around it, and readings or buckets turned into numpy arrays.

A year of 1-minute readings never travels: spans over two days come as the server's buckets
(``GET /sensors/{id}/readings?bucket=1h|1d``), spans of up to six hours ending in the last six hours
as raw readings, other spans up to two days as 1-minute buckets. Raw readings come 1,000 a request
from the window's start to now (the API has no end for them): two days of a reading every 10 s took
~26 requests one after the other; now a raw window reaches back at most 15 hours (≤ 6 requests).
Everything here runs on a worker thread (the HTTP or cache pool).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

HOUR = 3600.0
DAY = 24 * HOUR
#: Spans up to this, ending no longer than this ago, are drawn from raw readings.
RAW_SPAN = 6 * HOUR
#: Other spans up to this are drawn from 1-minute buckets.
MINUTE_SPAN = 2 * DAY
#: Spans up to this are drawn from hourly buckets; longer ones from daily buckets.
HOURLY_SPAN = 90 * DAY
#: How far back the chart goes (the backend keeps 400 days).
HISTORY = 366 * DAY
BUCKET_SECONDS = {"1m": 60.0, "1h": HOUR, "1d": DAY}
RAW_PAGE = 1000
#: At most this many raw readings for one view (a raw window is at most 15 hours: 5,400 readings
#: at one every 10 s); a safety stop for a sensor reading far faster than that.
RAW_LIMIT = 40_000
#: The readings the cache keeps (the prefetcher's last day) are labelled with a window this long.
CACHED_SPAN = 2 * DAY


class MalformedReadings(ValueError):
    """The readings or buckets cannot be drawn (times out of order, min above max, not numbers)."""


def resolution_for(start: float, end: float, now: float) -> str:
    """The resolution ("raw", "1m", "1h" or "1d") for a view of ``start..end`` (seconds since the epoch)."""
    span = end - start
    if span <= RAW_SPAN and end >= now - RAW_SPAN:
        return "raw"
    if span <= MINUTE_SPAN:
        return "1m"
    return "1h" if span <= HOURLY_SPAN else "1d"


@dataclass(frozen=True)
class Window:
    """What to fetch for a view: a resolution and a time window (seconds since the epoch)."""

    resolution: str
    start: float
    end: float

    def covers(self, start: float, end: float, now: float, newest: float | None = None) -> bool:
        """True when this window, at this resolution, still serves a view of ``start..end``.
        ``newest``: the time of the newest reading on the chart (live readings extend a window
        that reached "now" when it was fetched, so a view following them asks nothing)."""
        if resolution_for(start, end, now) != self.resolution:
            return False
        earliest = now - HISTORY
        left_ok = start >= self.start or self.start <= earliest + HOUR
        right_ok = end <= self.end + 60.0 or (newest is not None and end <= newest + 120.0)
        return left_ok and right_ok


def window_for(start: float, end: float, now: float) -> Window:
    """The window to fetch for a view: half a span of margin each side, within the last year and now."""
    resolution = resolution_for(start, end, now)
    margin = (end - start) / 2
    low = max(now - HISTORY, start - margin)
    high = now if resolution == "raw" else min(now, end + margin)
    return Window(resolution, low, max(low + 60.0, high))


@dataclass(frozen=True)
class Series:
    """Readings or buckets for the chart, oldest first. ``lo is hi`` for raw readings."""

    window: Window
    t: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    #: The server's time when it answered (None: read from the cache).
    as_of: datetime | None = None

    @property
    def raw(self) -> bool:
        return self.lo is self.hi

    def __len__(self) -> int:
        return len(self.t)


def _seconds(moment: Any) -> float:
    if isinstance(moment, datetime):
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
    if isinstance(moment, str):
        try:
            parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        except ValueError:
            raise MalformedReadings(f"not a time: {moment!r}") from None
        return _seconds(parsed)
    raise MalformedReadings(f"not a time: {moment!r}")


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MalformedReadings(f"{what} is not a number: {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise MalformedReadings(f"{what} is not a finite number: {value!r}")
    return number


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def readings_series(window: Window, items: Iterable[Any], as_of: datetime | None = None) -> Series:
    """Raw readings (``phenomenon_time``, ``result``; any order, e.g. the API's newest first)."""
    pairs = [(_seconds(_get(item, "phenomenon_time")), _number(_get(item, "result"), "a reading")) for item in items]
    pairs.sort(key=lambda pair: pair[0])
    t = np.fromiter((p[0] for p in pairs), dtype=np.float64, count=len(pairs))
    y = np.fromiter((p[1] for p in pairs), dtype=np.float64, count=len(pairs))
    return Series(window, t, y, y, as_of)


def buckets_series(window: Window, items: Iterable[Any], as_of: datetime | None = None) -> Series:
    """The server's buckets (``t``, ``min``, ``max``), oldest first; checked before drawing."""
    rows = []
    for item in items:
        low, high = _number(_get(item, "min"), "a bucket's min"), _number(_get(item, "max"), "a bucket's max")
        if low > high:
            raise MalformedReadings(f"a bucket's min {low:g} is above its max {high:g}")
        rows.append((_seconds(_get(item, "t")), low, high))
    for before, after in zip(rows, rows[1:], strict=False):
        if after[0] < before[0]:
            raise MalformedReadings("the buckets are not in time order")
    t = np.fromiter((r[0] for r in rows), dtype=np.float64, count=len(rows))
    lo = np.fromiter((r[1] for r in rows), dtype=np.float64, count=len(rows))
    hi = np.fromiter((r[2] for r in rows), dtype=np.float64, count=len(rows))
    return Series(window, t, lo, hi, as_of)


def fetch_series(client: Any, sensor_id: str, window: Window) -> Series:
    """Ask the server for the window (blocking: call on the HTTP pool)."""
    since = datetime.fromtimestamp(window.start, UTC)
    if window.resolution != "raw":
        until = datetime.fromtimestamp(window.end, UTC)
        answer = client.sensor_readings_buckets(sensor_id, window.resolution, since, until)
        return buckets_series(window, _get(answer, "items") or [], _get(answer, "as_of"))
    items: list[Any] = []
    offset = 0
    while len(items) < RAW_LIMIT:
        page = client.sensor_readings(sensor_id, since=since, limit=RAW_PAGE, offset=offset)
        items += page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            break
    return readings_series(window, items, datetime.now(UTC))


def cached_series(store: Any, sensor_id: str, now: float) -> tuple[Series, dict[str, Any] | None]:
    """The readings the cache keeps for the sensor (the last day, prefetched) and its cached record."""
    rows = store.readings(sensor_id)
    items = [
        {"phenomenon_time": time_, "result": value}
        for time_, value in rows
        if value is not None and math.isfinite(float(value))
    ]
    series = readings_series(Window("raw", now - CACHED_SPAN, now), items, None)
    return series, store.get("sensor", sensor_id)


def thresholds_of(sensor: Mapping[str, Any] | None) -> tuple[float | None, float | None]:
    """(warning, alarm) from the sensor's ``thresholds`` field; (None, None) when absent or unusable."""
    thresholds = (sensor or {}).get("thresholds")
    if not isinstance(thresholds, Mapping):
        return None, None
    values = []
    for key in ("warning", "alarm"):
        value = thresholds.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(float(value))
        values.append(float(value) if ok else None)
    return values[0], values[1]
