"""Pure rules for the wall's streams: main or sub by tile size, and which tiles step down under CPU overload."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

MAIN = "main"
SUB = "sub"


class StreamChooser:
    """Chooses a tile's stream: the sub stream while the tile is small, the main one when large.

    The measure is the height the picture gets in the tile (a 16:9 picture in a wide tile is
    limited by the tile's height, in a tall one by its width). The switch up happens above
    ``main_height × (1 + hysteresis)``, the switch down below ``main_height × (1 − hysteresis)``,
    so a tile resized around the threshold does not flap; and never sooner than
    ``min_interval`` seconds after the previous switch (each switch costs a new connection and
    a key frame). Full screen asks for the main stream at once.
    """

    def __init__(
        self,
        *,
        main_height: int = 480,
        hysteresis: float = 0.15,
        min_interval: float = 5.0,
        aspect: float = 16 / 9,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 <= hysteresis < 1:
            raise ValueError("hysteresis must be in [0, 1)")
        self.main_height = main_height
        self.hysteresis = hysteresis
        self.min_interval = min_interval
        self.aspect = aspect
        self.clock = clock
        self.current: str | None = None
        self._switched_at = -math.inf
        #: When the rule wanted another stream but had to wait: the clock time it may switch.
        self.retry_at: float | None = None

    def picture_height(self, width: float, height: float) -> float:
        return min(height, width / self.aspect)

    def wanted(self, width: float, height: float) -> str:
        """What the size alone asks for, with the hysteresis band around the current choice."""
        picture = self.picture_height(width, height)
        if self.current == MAIN:
            return SUB if picture < self.main_height * (1 - self.hysteresis) else MAIN
        if self.current == SUB:
            return MAIN if picture > self.main_height * (1 + self.hysteresis) else SUB
        return MAIN if picture > self.main_height else SUB

    def choose(self, width: float, height: float, *, full_screen: bool = False) -> str:
        """The stream to show now for a tile of ``width``×``height`` device pixels."""
        want = MAIN if full_screen else self.wanted(width, height)
        now = self.clock()
        if self.current is None or (full_screen and want != self.current):
            return self._switch(want, now)
        if want == self.current:
            self.retry_at = None
            return want
        if now - self._switched_at < self.min_interval:
            self.retry_at = self._switched_at + self.min_interval
            return self.current
        return self._switch(want, now)

    def _switch(self, want: str, now: float) -> str:
        self.current = want
        self._switched_at = now
        self.retry_at = None
        return want


#: Reduction levels of a tile under overload: its normal stream, the sub stream, then fewer pictures.
NORMAL, SUB_STREAM, FPS_HALF, FPS_QUARTER = 0, 1, 2, 3
MAX_LEVEL = FPS_QUARTER
#: Frame-rate caps of the levels that lower the frame rate (the levels below have none).
LEVEL_FPS: dict[int, float | None] = {NORMAL: None, SUB_STREAM: None, FPS_HALF: 10.0, FPS_QUARTER: 5.0}


@dataclass(frozen=True)
class TileLoad:
    """A tile as the governor sees it: its area in pixels, and whether its own choice is the main stream."""

    area: float
    wants_main: bool = False


class OverloadGovernor:
    """Decides which tiles step down when the CPU is overloaded, smallest tiles first.

    ``update(load, tiles)`` takes the measured load (busy fraction of the usable cores, 0..1+)
    and the wall's tiles, and returns every tile's level. Above ``high`` for
    ``step_interval`` s, a step lowers the smallest tiles that can still go lower, one level
    each (a tile that wants the main stream goes to the sub stream first; a tile already on sub goes to
    half the frame rate, then a quarter) — more tiles per step the higher the overload, so a
    64-tile wall does not need a minute to settle. Below ``low`` for ``recover_interval`` s,
    the largest reduced tile goes back up one level. Between the two thresholds nothing
    changes (hysteresis). Pure: the clock is injected.
    """

    def __init__(
        self,
        *,
        high: float = 0.85,
        low: float = 0.6,
        step_interval: float = 2.0,
        recover_interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 < low < high:
            raise ValueError("need 0 < low < high")
        self.high = high
        self.low = low
        self.step_interval = step_interval
        self.recover_interval = recover_interval
        self.clock = clock
        self.levels: dict[Any, int] = {}
        self._over_since: float | None = None
        self._under_since: float | None = None
        self._last_change = -math.inf

    def level(self, key: Hashable) -> int:
        return self.levels.get(key, NORMAL)

    def forget(self, key: Hashable) -> None:
        self.levels.pop(key, None)

    def update(self, load: float, tiles: Mapping[Any, TileLoad]) -> dict[Any, int]:
        now = self.clock()
        self.levels = {key: self.levels.get(key, NORMAL) for key in tiles}
        if load > self.high:
            self._under_since = None
            if self._over_since is None:
                self._over_since = now
            if now - self._over_since >= self.step_interval and now - self._last_change >= self.step_interval:
                self._step_down(load, tiles)
                self._last_change = now
        elif load < self.low:
            self._over_since = None
            if self._under_since is None:
                self._under_since = now
            if now - self._under_since >= self.recover_interval and now - self._last_change >= self.recover_interval:
                if self._step_up(tiles):
                    self._last_change = now
        else:
            self._over_since = self._under_since = None
        return dict(self.levels)

    def _next_level(self, key: Hashable, tile: TileLoad) -> int | None:
        level = self.levels[key]
        if level == NORMAL:
            return SUB_STREAM if tile.wants_main else FPS_HALF
        if level < MAX_LEVEL:
            return level + 1
        return None

    def _steps(self, key: Hashable, tile: TileLoad) -> int:
        """How many times the tile was already lowered (a tile on sub skips the sub-stream level)."""
        level = self.levels[key]
        return level if tile.wants_main else max(0, level - 1)

    def _step_down(self, load: float, tiles: Mapping[Any, TileLoad]) -> None:
        candidates = [key for key in tiles if self._next_level(key, tiles[key]) is not None]
        # Fewest reductions first, then smallest: every small tile gives something before any
        # tile gives a second time; large tiles (what the operator watches) give last.
        candidates.sort(key=lambda key: (self._steps(key, tiles[key]), tiles[key].area, str(key)))
        overshoot = (load - self.high) / self.high
        count = max(1, math.ceil(len(tiles) * min(0.5, overshoot)))
        for key in candidates[:count]:
            nxt = self._next_level(key, tiles[key])
            if nxt is not None:
                self.levels[key] = nxt

    def _step_up(self, tiles: Mapping[Any, TileLoad]) -> bool:
        reduced = [key for key in tiles if self.levels[key] > NORMAL]
        if not reduced:
            return False
        # The mirror of stepping down: largest first, and of equal tiles the most lowered one.
        key = max(reduced, key=lambda k: (tiles[k].area, self._steps(k, tiles[k]), str(k)))
        level = self.levels[key]
        first = SUB_STREAM if tiles[key].wants_main else FPS_HALF
        self.levels[key] = NORMAL if level <= first else level - 1
        return True
