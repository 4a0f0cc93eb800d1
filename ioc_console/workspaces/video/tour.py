"""A camera tour: pages a camera group through the wall's cells at an interval; held cells stay (pure)."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence


class Tour:
    """Which camera each cell shows while touring ``cameras`` through ``cells`` cells.

    The wall calls :meth:`tick` from a timer; a step happens once ``interval_s`` has passed
    on the injected ``clock``. Cells in ``held`` (a tile holding an active alarm) keep their
    camera; the others take the next cameras of the group in order, wrapping round, never a
    camera a held cell already shows. A group that fits in the free cells does not move.
    """

    def __init__(
        self,
        cameras: Sequence[str],
        cells: int,
        interval_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if interval_s <= 0:
            raise ValueError("the tour interval must be positive")
        if cells <= 0:
            raise ValueError("a tour needs at least one cell")
        self.cameras = list(dict.fromkeys(cameras))  # each camera once, in the group's order
        self.cells = cells
        self.interval_s = float(interval_s)
        self._clock = clock
        self._cursor = 0
        self._shown: list[str | None] = [None] * cells
        self._next_at = 0.0
        self.steps = 0

    def start(self) -> list[str | None]:
        """The first page; the next step is due one interval from now."""
        self._cursor = 0
        self._shown = [None] * self.cells
        self._fill(held=())
        self._next_at = self._clock() + self.interval_s
        return list(self._shown)

    def shown(self) -> list[str | None]:
        return list(self._shown)

    def seconds_to_next(self) -> float:
        return max(0.0, self._next_at - self._clock())

    def tick(self, held: Collection[int] = ()) -> list[str | None] | None:
        """Advance when due: the new camera per cell, or None when nothing is due yet."""
        now = self._clock()
        if now < self._next_at:
            return None
        # The next step counts from now: after a long pause (a hidden page) the tour resumes, not races.
        self._next_at = now + self.interval_s
        before = list(self._shown)
        self._fill(held=held)
        self.steps += 1
        return list(self._shown) if self._shown != before else None

    def _fill(self, held: Collection[int]) -> None:
        kept = {i for i in held if 0 <= i < self.cells}
        busy = {self._shown[i] for i in kept}
        free = [i for i in range(self.cells) if i not in kept]
        candidates = [c for c in self.cameras if c not in busy]
        if not free:
            return
        if not candidates:
            for i in free:
                self._shown[i] = None
            return
        if len(candidates) <= len(free):
            # Everything fits: show the whole group, no paging.
            for slot, i in enumerate(free):
                self._shown[i] = candidates[slot] if slot < len(candidates) else None
            return
        # Page on from where the last page ended (its position in the whole group).
        order = self.cameras[self._cursor :] + self.cameras[: self._cursor]
        page = [c for c in order if c not in busy][: len(free)]
        for i, camera in zip(free, page, strict=True):
            self._shown[i] = camera
        last = page[-1]
        self._cursor = (self.cameras.index(last) + 1) % len(self.cameras)
