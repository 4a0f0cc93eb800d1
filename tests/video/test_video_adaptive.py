"""The sub/main stream rule and the overload governor, on a fake clock."""

from __future__ import annotations

import pytest

from ioc_console.services.video.adaptive import (
    FPS_HALF,
    FPS_QUARTER,
    MAIN,
    NORMAL,
    SUB,
    SUB_STREAM,
    OverloadGovernor,
    StreamChooser,
    TileLoad,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_small_tiles_get_the_sub_stream_and_large_ones_the_main():
    clock = FakeClock()
    assert StreamChooser(clock=clock).choose(480, 270) == SUB  # a 4x4 cell on a 1080p screen
    assert StreamChooser(clock=clock).choose(1920, 1080) == MAIN
    # A wide but short tile is limited by its height; a tall narrow one by its width.
    assert StreamChooser(clock=clock).choose(3000, 300) == SUB
    assert StreamChooser(clock=clock).choose(500, 2000) == SUB
    assert StreamChooser(clock=clock).choose(320, 180, full_screen=True) == MAIN


def test_switches_have_hysteresis_and_a_minimum_interval():
    clock = FakeClock()
    chooser = StreamChooser(main_height=480, hysteresis=0.15, min_interval=5.0, clock=clock)
    assert chooser.choose(1280, 720) == MAIN
    clock.now += 10
    # Just under the threshold is inside the band: no switch.
    assert chooser.choose(800, 450) == MAIN and chooser.retry_at is None
    # Well under it: switch down at once (the last switch was long ago).
    assert chooser.choose(640, 360) == SUB
    # Back up right away is refused until the interval has passed, and the chooser says when.
    clock.now += 1
    assert chooser.choose(1280, 720) == SUB
    assert chooser.retry_at == pytest.approx(clock.now + 4)
    clock.now += 4
    assert chooser.choose(1280, 720) == MAIN and chooser.retry_at is None
    # Full screen does not wait.
    clock.now += 0.1
    assert chooser.choose(320, 180) == MAIN
    assert chooser.choose(320, 180, full_screen=True) == MAIN
    clock.now += 5
    assert chooser.choose(320, 180) == SUB


def test_governor_steps_the_smallest_tiles_down_first_and_recovers_the_largest_first():
    clock = FakeClock()
    governor = OverloadGovernor(high=0.85, low=0.6, step_interval=2.0, recover_interval=10.0, clock=clock)
    tiles = {
        "big": TileLoad(1280 * 720, wants_main=True),
        "mid": TileLoad(640 * 360, wants_main=True),
        "small-a": TileLoad(320 * 180),
        "small-b": TileLoad(320 * 180),
    }
    assert set(governor.update(0.99, tiles).values()) == {NORMAL}  # overload must last a step_interval
    clock.now += 1
    assert set(governor.update(0.99, tiles).values()) == {NORMAL}
    clock.now += 1
    levels = governor.update(0.9, tiles)  # small overshoot: one tile per step
    assert levels == {"big": NORMAL, "mid": NORMAL, "small-a": FPS_HALF, "small-b": NORMAL}
    clock.now += 1
    assert governor.update(0.9, tiles) == levels  # not before the next step_interval
    clock.now += 1
    assert governor.update(0.9, tiles)["small-b"] == FPS_HALF
    clock.now += 2
    # The next tile gives its main stream up first; the large one only when all others gave.
    assert governor.update(0.9, tiles)["mid"] == SUB_STREAM
    clock.now += 2
    assert governor.update(0.9, tiles)["big"] == SUB_STREAM
    clock.now += 2
    assert governor.update(0.9, tiles)["small-a"] == FPS_QUARTER
    # Between the thresholds nothing moves.
    for _ in range(10):
        clock.now += 5
        held = governor.update(0.7, tiles)
    assert held["small-a"] == FPS_QUARTER and held["big"] == SUB_STREAM
    # Load well down: after recover_interval, the largest reduced tile comes back first.
    governor.update(0.3, tiles)
    clock.now += 10
    assert governor.update(0.3, tiles)["big"] == NORMAL
    clock.now += 10
    assert governor.update(0.3, tiles)["mid"] == NORMAL
    clock.now += 10
    assert governor.update(0.3, tiles)["small-a"] == FPS_HALF  # the same size goes one level at a time


def test_a_heavy_overload_steps_many_tiles_at_once():
    clock = FakeClock()
    governor = OverloadGovernor(step_interval=2.0, clock=clock)
    tiles = {i: TileLoad(100 + i) for i in range(64)}
    governor.update(1.5, tiles)
    clock.now += 2
    levels = governor.update(1.5, tiles)
    reduced = sorted(key for key, level in levels.items() if level != NORMAL)
    assert len(reduced) >= 16 and reduced == list(range(len(reduced)))  # the smallest ones
    # A tile that left the wall is forgotten.
    assert 0 not in governor.update(1.5, {k: v for k, v in tiles.items() if k != 0})
