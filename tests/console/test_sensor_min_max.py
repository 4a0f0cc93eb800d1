"""The sensor chart's min/max pyramid and the readings helpers (Qt-free), checked against brute force."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ioc_console.workspaces.sensors import min_max
from ioc_console.workspaces.sensors.min_max import FACTOR, MinMaxPyramid
from ioc_console.workspaces.sensors.readings import (
    DAY,
    HISTORY,
    MalformedReadings,
    Window,
    buckets_series,
    readings_series,
    resolution_for,
    thresholds_of,
    window_for,
)

T0 = 1_733_011_200.0


def _series(n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = T0 + 60.0 * np.arange(n)
    y = np.cumsum(rng.normal(0.0, 1.0, n)) + 5 * np.sin(np.arange(n) / 50)
    return t, y


def _brute_blocks(t: np.ndarray, y: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    lo, lo_t, hi, hi_t = [], [], [], []
    for start in range(0, len(y), size):
        chunk = y[start : start + size]
        i, j = int(np.argmin(chunk)), int(np.argmax(chunk))
        lo.append(chunk[i])
        lo_t.append(t[start + i])
        hi.append(chunk[j])
        hi_t.append(t[start + j])
    return np.array(lo), np.array(lo_t), np.array(hi), np.array(hi_t)


@pytest.mark.parametrize("n", [1, 3, 4, 5, 63, 64, 65, 1000, 4097, 70_001])
def test_every_level_holds_each_blocks_min_and_max_with_their_times(n):
    t, y = _series(n)
    pyramid = MinMaxPyramid.from_readings(t, y)
    assert len(pyramid) == n
    for k in range(pyramid.level_count):
        expected = _brute_blocks(t, y, FACTOR**k)
        for got, want in zip(pyramid.level_entries(k), expected, strict=True):
            np.testing.assert_array_equal(got, want)
        x, values = pyramid.level_points(k)
        assert np.all(np.diff(x) >= 0), "a level's points must run forward in time"
        if k:
            # Every block is drawn as its min and max, the earlier first.
            lo, lo_t, hi, hi_t = expected
            pairs = values.reshape(-1, 2)
            np.testing.assert_array_equal(pairs.min(axis=1), lo)
            np.testing.assert_array_equal(pairs.max(axis=1), hi)


def test_levels_computed_on_first_use_equal_those_computed_with_the_series():
    t, y = _series(300_000)
    pyramid = MinMaxPyramid.from_readings(t, y)
    assert min(k for k in pyramid.computed_levels() if k) >= min_max.EAGER_FROM
    for k in (2, 1):  # the finer levels, out of order
        expected = _brute_blocks(t, y, FACTOR**k)
        for got, want in zip(pyramid.level_entries(k), expected, strict=True):
            np.testing.assert_array_equal(got, want)


def test_append_updates_only_the_last_blocks_and_equals_a_rebuild():
    t, y = _series(20_000)
    live = MinMaxPyramid.from_readings(t[:777], y[:777])
    for k in range(live.level_count):
        live.level(k)  # every level in use, as after zooming around
    rng = np.random.default_rng(9)
    i = 777
    while i < len(t):
        step = int(rng.integers(1, 40))
        assert live.append(t[i : i + step], y[i : i + step]) == len(t[i : i + step])
        i += step
    rebuilt = MinMaxPyramid.from_readings(t, y)
    assert live.level_count == rebuilt.level_count
    for k in range(rebuilt.level_count):
        for got, want in zip(live.level_entries(k), rebuilt.level_entries(k), strict=True):
            np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(live.level_points(k)[1], rebuilt.level_points(k)[1])


def test_append_drops_old_and_non_finite_readings():
    t, y = _series(100)
    pyramid = MinMaxPyramid.from_readings(t, y)
    assert pyramid.append([t[50], t[-1] + 60, t[-1] + 120], [1.0, math.nan, 7.0]) == 1
    assert len(pyramid) == 101 and pyramid.last_time() == t[-1] + 120


def test_select_gives_one_or_two_points_a_pixel_and_every_extreme_in_view():
    t, y = _series(525_600)
    pyramid = MinMaxPyramid.from_readings(t, y)
    for start, end, pixels in ((0, 525_599, 1500), (100_000, 150_000, 1500), (200_000, 201_000, 800)):
        x0, x1 = t[start], t[end]
        x, values, level = pyramid.select(x0, x1, pixels)
        assert len(x) <= 2 * pixels + 4
        if level:
            assert len(x) >= pixels / 2, "not coarser than needed"
        # The drawn line reaches the edges of the view (within a block) and shows the extremes in it.
        block = 60 * FACTOR**level
        assert x[0] <= x0 + block and x[-1] >= x1 - block
        inside = y[start : end + 1]
        assert values.min() <= inside.min() and values.max() >= inside.max()
        if end < len(t) - 1:  # (at the end the newest reading is added: see the test below)
            assert np.shares_memory(values, pyramid.level_points(level)[1]), "a view, not a copy"


def test_a_coarse_level_ends_at_the_newest_reading_even_when_it_is_no_extreme_of_its_block():
    t, y = _series(10_000)
    y[-1] = (y[-FACTOR:].min() + y[-FACTOR:].max()) / 2  # neither the min nor the max of its block
    pyramid = MinMaxPyramid.from_readings(t, y)
    x, values, level = pyramid.select(t[0], t[-1], 400)
    assert level > 0
    assert (x[-1], values[-1]) == (t[-1], y[-1]), "the line ends at the value shown beside it"
    assert np.all(np.diff(x) >= 0)
    pyramid.append([t[-1] + 60], [y[-1] + 0.001])  # live: the new newest reading, again mid-block
    x, values, _level = pyramid.select(t[0], t[-1] + 60, 400)
    assert (x[-1], values[-1]) == (t[-1] + 60, y[-1] + 0.001)


def test_buckets_draw_min_then_max_and_coarser_levels_keep_them():
    t = T0 + 3600.0 * np.arange(1000)
    lo = np.sin(np.arange(1000) / 10)
    hi = lo + 1.0 + np.arange(1000) % 3
    pyramid = MinMaxPyramid.from_buckets(t, lo, hi, 3600.0, until=t[-1] + 600.0)
    x, values = pyramid.level_points(0)
    np.testing.assert_array_equal(values[0::2], lo)
    np.testing.assert_array_equal(values[1::2], hi)
    assert x[-1] == t[-1] + 600.0, "the last, filling bucket's max is not drawn after the answer"
    for k in range(1, pyramid.level_count):
        size = FACTOR**k
        got_lo, _lo_t, got_hi, _hi_t = pyramid.level_entries(k)
        np.testing.assert_array_equal(got_lo, [lo[i : i + size].min() for i in range(0, 1000, size)])
        np.testing.assert_array_equal(got_hi, [hi[i : i + size].max() for i in range(0, 1000, size)])


def test_bad_series_are_refused():
    with pytest.raises(ValueError):
        MinMaxPyramid.from_readings([2.0, 1.0], [0.0, 0.0])
    with pytest.raises(ValueError):
        MinMaxPyramid.from_readings([1.0, 2.0], [0.0])
    # Non-finite readings are left out, not drawn.
    assert len(MinMaxPyramid.from_readings([1.0, 2.0, math.inf], [0.0, math.nan, 1.0])) == 1


def test_resolution_and_window_follow_the_visible_span():
    now = T0 + 400 * DAY
    hour = 3600
    # Raw readings only for a view of up to six hours ending in the last six hours: a raw window
    # runs from its start to now, 1,000 readings a request.
    assert resolution_for(now - 6 * hour, now, now) == "raw"
    assert resolution_for(now - 12 * hour, now - 6 * hour, now) == "raw"
    assert resolution_for(now - 6 * hour - 1, now, now) == "1m"
    assert resolution_for(now - 12 * hour - 1, now - 6 * hour - 1, now) == "1m"
    assert resolution_for(now - 26 * hour, now - 20 * hour, now) == "1m", "six hours yesterday"
    # From six hours to two days: 1-minute buckets, recent or not.
    assert resolution_for(now - DAY, now, now) == "1m"
    assert resolution_for(now - 2 * DAY, now, now) == "1m"
    assert resolution_for(now - 100 * DAY, now - 99 * DAY, now) == "1m"
    assert resolution_for(now - 2 * DAY - 1, now, now) == "1h"
    assert resolution_for(now - 7 * DAY, now, now) == "1h"
    assert resolution_for(now - 90 * DAY, now, now) == "1h"
    assert resolution_for(now - 90 * DAY - 1, now, now) == "1d"
    assert resolution_for(now - 365 * DAY, now, now) == "1d"
    window = window_for(now - 30 * DAY, now - 20 * DAY, now)
    assert window == Window("1h", now - 35 * DAY, now - 15 * DAY)
    assert window.covers(now - 33 * DAY, now - 25 * DAY, now)
    assert not window.covers(now - 40 * DAY, now - 30 * DAY, now)
    assert not window.covers(now - 21 * DAY, now - 20 * DAY, now), "a day needs another resolution"
    assert window_for(now - 365 * DAY, now, now).start == now - HISTORY
    # The longest raw window reaches back 15 hours (5,400 readings at one every 10 s); a day of a
    # live sensor is one answer of 1-minute buckets.
    assert window_for(now - 12 * hour, now - 6 * hour, now) == Window("raw", now - 15 * hour, now)
    assert window_for(now - DAY, now, now) == Window("1m", now - 36 * hour, now)
    assert window_for(now - 2 * DAY, now - DAY, now) == Window("1m", now - 2.5 * DAY, now - DAY / 2)
    # A live view, fetched ten minutes ago and following the readings since, asks nothing more.
    live = window_for(now - 6 * hour - 600, now - 600, now - 600)
    assert live.resolution == "raw" and live.end == now - 600
    assert live.covers(now - 6 * hour, now, now, newest=now)
    assert not live.covers(now - 6 * hour, now, now, newest=now - 600)
    day = window_for(now - DAY - 600, now - 600, now - 600)
    assert day.resolution == "1m" and day.covers(now - DAY, now, now, newest=now)


def test_readings_and_buckets_become_arrays_and_bad_ones_are_named():
    window = Window("raw", T0, T0 + 3600)
    series = readings_series(
        window,
        [
            {"phenomenon_time": "2024-12-01T00:02:00+00:00", "result": 2.0},
            {"phenomenon_time": "2024-12-01T07:01:00+07:00", "result": 1.5},
        ],
    )
    assert series.raw and list(series.t) == [T0 + 60, T0 + 120] and list(series.lo) == [1.5, 2.0]
    buckets = buckets_series(
        Window("1h", T0, T0 + 7200), [{"t": "2024-12-01T00:00:00Z", "min": 1, "max": 2, "mean": 1.5, "count": 60}]
    )
    assert not buckets.raw and list(buckets.hi) == [2.0]
    with pytest.raises(MalformedReadings, match="above its max"):
        buckets_series(window, [{"t": "2024-12-01T00:00:00Z", "min": 3, "max": 2}])
    with pytest.raises(MalformedReadings, match="not a number"):
        readings_series(window, [{"phenomenon_time": "2024-12-01T00:00:00Z", "result": "high"}])
    with pytest.raises(MalformedReadings, match="not a time"):
        readings_series(window, [{"phenomenon_time": "yesterday", "result": 1.0}])
    with pytest.raises(MalformedReadings, match="time order"):
        buckets_series(
            window,
            [{"t": "2024-12-01T01:00:00Z", "min": 1, "max": 2}, {"t": "2024-12-01T00:00:00Z", "min": 1, "max": 2}],
        )


def test_thresholds_come_from_the_payload_or_not_at_all():
    assert thresholds_of({"thresholds": {"warning": 1.0, "alarm": 2}}) == (1.0, 2.0)
    assert thresholds_of({"thresholds": None}) == (None, None)
    assert thresholds_of({}) == (None, None)
    assert thresholds_of({"thresholds": {"warning": "x", "alarm": math.nan}}) == (None, None)
