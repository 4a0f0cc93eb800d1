"""A min/max pyramid over a time series, so a chart draws a year of 1-minute readings at ~2 points a pixel.

Qt-free (numpy only), tested against a brute-force min/max.

Level 0 holds the entries as given: raw readings (one point each, ``lo == hi``) or the server's
buckets (``lo`` = the bucket's min at its start, ``hi`` = its max half a bucket later). Level
``k`` groups ``FACTOR`` entries of level ``k - 1`` into one block and keeps the block's lowest and
highest value *with their times*. Each level also keeps its drawing arrays: the block's min and
max as two points in the order they happened, so ``x`` never decreases and the visible part is
one ``searchsorted`` slice — a view, no copy. :meth:`MinMaxPyramid.select` picks the finest level
that puts at most two points on each pixel of the visible range. :meth:`MinMaxPyramid.append`
adds live readings and recomputes only the last block of each level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Entries of one level that make one block of the next.
FACTOR = 4
#: No level is built above one that has at most this many blocks.
TOP_BLOCKS = 64
#: Levels from this one up are computed with the series (cheap: long contiguous blocks, well under a
#: millisecond for a year of minutes); finer ones on first use (a few ms once: short blocks are slow in numpy).
EAGER_FROM = 3


def _room(array: np.ndarray, needed: int) -> np.ndarray:
    """``array`` if it can hold ``needed`` items, else a larger copy (capacity doubles: appends are amortised)."""
    if len(array) >= needed:
        return array
    bigger = np.empty(max(needed, 2 * len(array), 64), dtype=array.dtype)
    bigger[: len(array)] = array
    return bigger


@dataclass
class _Level:
    """One level: ``n`` entries (lowest value and its time, highest value and its time) and the drawing arrays."""

    lo: np.ndarray
    lo_t: np.ndarray
    hi: np.ndarray
    hi_t: np.ndarray
    x: np.ndarray
    y: np.ndarray
    n: int
    #: Raw readings drawn one point per entry (level 0 of raw data); otherwise two points per entry.
    exact: bool

    @property
    def points(self) -> int:
        return self.n if self.exact else 2 * self.n

    def reserve(self, n: int) -> None:
        if self.exact:
            # One value and one time per reading: the four entry arrays and the drawing arrays are the same two.
            self.lo_t = self.hi_t = self.x = _room(self.x, n)
            self.lo = self.hi = self.y = _room(self.y, n)
        else:
            self.lo, self.lo_t = _room(self.lo, n), _room(self.lo_t, n)
            self.hi, self.hi_t = _room(self.hi, n), _room(self.hi_t, n)
            self.x, self.y = _room(self.x, 2 * n), _room(self.y, 2 * n)

    def draw_from(self, start: int) -> None:
        """Write the drawing points of entries ``start..n``: min and max, earlier first."""
        if self.exact:
            return
        lo, lo_t = self.lo[start : self.n], self.lo_t[start : self.n]
        hi, hi_t = self.hi[start : self.n], self.hi_t[start : self.n]
        low_first = lo_t <= hi_t
        self.x[2 * start : 2 * self.n : 2] = np.where(low_first, lo_t, hi_t)
        self.x[2 * start + 1 : 2 * self.n : 2] = np.where(low_first, hi_t, lo_t)
        self.y[2 * start : 2 * self.n : 2] = np.where(low_first, lo, hi)
        self.y[2 * start + 1 : 2 * self.n : 2] = np.where(low_first, hi, lo)


def _empty_level(exact: bool, n: int = 0) -> _Level:
    size = max(n, 64)
    if exact:
        x, y = np.empty(size), np.empty(size)
        return _Level(y, x, y, x, x, y, 0, True)
    return _Level(
        np.empty(size), np.empty(size), np.empty(size), np.empty(size), np.empty(2 * size), np.empty(2 * size), 0, False
    )


def _blocks(
    source: _Level, start: int, stop: int, factor: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Min (value, time) and max (value, time) of each run of ``factor`` entries of ``source[start:stop]``
    (``start`` a multiple of ``factor``; the last run may be shorter)."""
    count = stop - start
    full = count // factor
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    if full:
        end = start + full * factor
        first = start + np.arange(full) * factor
        i_lo = first + source.lo[start:end].reshape(full, factor).argmin(axis=1)
        if source.exact:  # one array of values: its minima and maxima
            i_hi = first + source.lo[start:end].reshape(full, factor).argmax(axis=1)
        else:
            i_hi = first + source.hi[start:end].reshape(full, factor).argmax(axis=1)
        parts.append((source.lo[i_lo], source.lo_t[i_lo], source.hi[i_hi], source.hi_t[i_hi]))
    if count > full * factor:
        begin = start + full * factor
        i_lo = begin + int(source.lo[begin:stop].argmin())
        i_hi = begin + int(source.hi[begin:stop].argmax())
        parts.append(
            (
                source.lo[i_lo : i_lo + 1],
                source.lo_t[i_lo : i_lo + 1],
                source.hi[i_hi : i_hi + 1],
                source.hi_t[i_hi : i_hi + 1],
            )
        )
    if len(parts) == 1:
        return parts[0]
    lo, lo_t, hi, hi_t = zip(*parts, strict=True)
    return np.concatenate(lo), np.concatenate(lo_t), np.concatenate(hi), np.concatenate(hi_t)


def _finite(*arrays: np.ndarray) -> np.ndarray:
    keep = np.isfinite(arrays[0])
    for array in arrays[1:]:
        keep &= np.isfinite(array)
    return keep


class MinMaxPyramid:
    """Min/max levels over a series whose times never decrease (seconds since the epoch, floats).

    Level ``k`` (``k >= 1``) has one block per ``FACTOR ** k`` entries of level 0. A level is
    computed the first time a view needs it — from the finest level already computed, so each
    level is computed once per series — and kept up to date by :meth:`append` from then on.
    """

    def __init__(self) -> None:
        self._base = _empty_level(True)
        #: Computed levels by number (level 0 is the entries themselves).
        self._levels: dict[int, _Level] = {0: self._base}

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def from_readings(cls, t: np.ndarray, y: np.ndarray) -> MinMaxPyramid:
        """Raw readings; entries whose time or value is not finite are left out. Float64 arrays
        are used as they are, not copied: the caller hands them over and changes them no more
        (:meth:`append` writes into new arrays)."""
        t, y = np.asarray(t, dtype=np.float64), np.asarray(y, dtype=np.float64)
        if t.shape != y.shape or t.ndim != 1:
            raise ValueError("times and values must be 1-D arrays of the same length")
        keep = _finite(t, y)
        if not keep.all():
            t, y = t[keep], y[keep]
        if len(t) > 1 and bool((t[1:] < t[:-1]).any()):
            raise ValueError("reading times must never decrease")
        pyramid = cls()
        base = pyramid._base
        base.lo_t = base.hi_t = base.x = t
        base.lo = base.hi = base.y = y
        base.n = len(t)
        pyramid._prepare()
        return pyramid

    @classmethod
    def from_buckets(
        cls, t: np.ndarray, lo: np.ndarray, hi: np.ndarray, width: float, *, until: float | None = None
    ) -> MinMaxPyramid:
        """The server's buckets (start time, min, max) of ``width`` seconds: min drawn at the
        bucket's start, max half a bucket later but not after ``until`` (the answer's time, so
        the last bucket, still filling, does not reach past the readings that follow it)."""
        t = np.asarray(t, dtype=np.float64)
        lo, hi = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
        if not (t.shape == lo.shape == hi.shape) or t.ndim != 1:
            raise ValueError("bucket times, minima and maxima must be 1-D arrays of the same length")
        keep = _finite(t, lo, hi)
        if not keep.all():
            t, lo, hi = t[keep], lo[keep], hi[keep]
        if len(t) > 1 and np.any(np.diff(t) < 0):
            raise ValueError("bucket times must never decrease")
        pyramid = cls()
        n = len(t)
        base = _empty_level(False, n)
        base.lo[:n], base.lo_t[:n] = np.minimum(lo, hi), t
        hi_t = t + width / 2.0
        if until is not None:
            hi_t = np.maximum(t, np.minimum(hi_t, until))
        base.hi[:n], base.hi_t[:n] = np.maximum(lo, hi), hi_t
        base.n = n
        base.draw_from(0)
        pyramid._base = base
        pyramid._levels = {0: base}
        pyramid._prepare()
        return pyramid

    def _prepare(self) -> None:
        for k in range(EAGER_FROM, self.level_count):
            self.level(k)

    def _source_of(self, k: int) -> int:
        """The finest computed level below ``k``."""
        return max(j for j in self._levels if j < k)

    def level(self, k: int) -> _Level:
        """Level ``k``, computed now if no view needed it yet."""
        level = self._levels.get(k)
        if level is None:
            j = self._source_of(k)
            source = self._levels[j]
            factor = FACTOR ** (k - j)
            level = _empty_level(False, -(-source.n // factor))
            self._fill(level, source, factor, 0)
            self._levels[k] = level
        return level

    @staticmethod
    def _fill(level: _Level, source: _Level, factor: int, first_block: int) -> None:
        lo, lo_t, hi, hi_t = _blocks(source, first_block * factor, source.n, factor)
        n = first_block + len(lo)
        level.reserve(n)
        level.lo[first_block:n], level.lo_t[first_block:n] = lo, lo_t
        level.hi[first_block:n], level.hi_t[first_block:n] = hi, hi_t
        level.n = n
        level.draw_from(first_block)

    def append(self, t: np.ndarray, y: np.ndarray) -> int:
        """Add live readings (times not before the last entry; older or non-finite ones are
        dropped); only the last block of each computed level is recomputed. Returns how many were added."""
        t, y = np.atleast_1d(np.asarray(t, dtype=np.float64)), np.atleast_1d(np.asarray(y, dtype=np.float64))
        keep = _finite(t, y)
        last = self.last_time()
        if last is not None:
            keep &= t >= last
        t, y = t[keep], y[keep]
        if len(t) > 1:
            order = np.argsort(t, kind="stable")
            t, y = t[order], y[order]
        if not len(t):
            return 0
        base = self._base
        start, n = base.n, base.n + len(t)
        base.reserve(n)
        base.lo[start:n], base.lo_t[start:n] = y, t
        base.hi[start:n], base.hi_t[start:n] = y, t
        base.n = n
        base.draw_from(start)
        for k in sorted(self._levels):
            if k:
                j = self._source_of(k)
                factor = FACTOR ** (k - j)
                self._fill(self._levels[k], self._levels[j], factor, start // FACTOR**k)
        return len(t)

    # -- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        """Entries at level 0 (readings or buckets)."""
        return self._base.n

    @property
    def level_count(self) -> int:
        """Levels a view may use: up to the first with at most TOP_BLOCKS blocks."""
        k, n = 0, self._base.n
        while n > TOP_BLOCKS:
            k, n = k + 1, -(-n // FACTOR)
        return k + 1

    def level_points(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The drawing points of level ``k`` (views)."""
        level = self.level(k)
        return level.x[: level.points], level.y[: level.points]

    def level_entries(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(min, time of min, max, time of max) of each entry of level ``k`` (views)."""
        level = self.level(k)
        return level.lo[: level.n], level.lo_t[: level.n], level.hi[: level.n], level.hi_t[: level.n]

    def computed_levels(self) -> list[int]:
        return sorted(self._levels)

    def first_time(self) -> float | None:
        base = self._base
        return float(min(base.lo_t[0], base.hi_t[0])) if base.n else None

    def last_time(self) -> float | None:
        base = self._base
        return float(max(base.lo_t[base.n - 1], base.hi_t[base.n - 1])) if base.n else None

    def level_for(self, x0: float, x1: float, pixels: int) -> int:
        """The finest level with at most two points a pixel between ``x0`` and ``x1``."""
        base = self._base
        budget = max(2, 2 * int(pixels))
        x = base.x[: base.points]
        step = 1 if base.exact else 2
        i0 = int(np.searchsorted(x, x0, "left")) // step
        i1 = int(np.searchsorted(x, x1, "right")) // step  # entries i0..i1-1 are (partly) inside
        if i1 <= i0 or (i1 - i0) * (1 if base.exact else 2) <= budget:
            return 0
        top = self.level_count - 1
        for k in range(1, top + 1):
            size = FACTOR**k
            if 2 * ((i1 - 1) // size - i0 // size + 1) <= budget:
                return k
        return top

    def select(self, x0: float, x1: float, pixels: int) -> tuple[np.ndarray, np.ndarray, int]:
        """The points to draw for the range ``x0..x1`` on ``pixels`` pixels: the finest level with at
        most two points a pixel there, sliced to the range plus one point on each side (so the line
        reaches the edges). Returns (x, y, level) — views into the pyramid, not copies, except that
        a coarse level reaching the end gets the newest entry itself as its last point: the line
        must end at the value the operator reads beside it, and a block's min and max need not
        include its newest reading."""
        chosen = self.level_for(x0, x1, pixels)
        level = self.level(chosen)
        total = level.points
        x, y = level.x[:total], level.y[:total]
        step = 1 if level.exact else 2
        i0 = max(0, int(np.searchsorted(x, x0, "left")) - step)
        i1 = min(total, int(np.searchsorted(x, x1, "right")) + step)
        xs, ys = x[i0:i1], y[i0:i1]
        base = self._base
        if chosen and i1 == total and len(xs) and base.points:
            newest_x, newest_y = base.x[base.points - 1], base.y[base.points - 1]
            if newest_x > xs[-1]:
                xs, ys = np.append(xs, newest_x), np.append(ys, newest_y)
        return xs, ys, chosen

    def value_range(self, x0: float, x1: float, pixels: int = 2048) -> tuple[float, float] | None:
        """Lowest and highest value drawn between ``x0`` and ``x1`` (the drawn points carry every
        block's extremes), None if nothing is there."""
        x, y, _level = self.select(x0, x1, pixels)
        inside = (x >= x0) & (x <= x1)
        if not inside.any():
            return None
        values = y[inside]
        return float(values.min()), float(values.max())
