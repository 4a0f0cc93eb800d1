"""The Qt side of the video pipeline: translated tile notices, timers, and the overload governor's clock tick."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ioc_console.services.video.adaptive import LEVEL_FPS, NORMAL, SUB_STREAM, OverloadGovernor, TileLoad

if TYPE_CHECKING:
    from ioc_console.services.video.tile_binding import TileFeed


def reduction_notice(level: int) -> str:
    """What a tile says when the governor reduced it ("" at the normal level); in the tile's translation context."""
    if level == NORMAL:
        return ""
    if level == SUB_STREAM:
        return QCoreApplication.translate("VideoTile", "Sub stream: CPU overloaded")
    fps = LEVEL_FPS.get(level)
    return QCoreApplication.translate("VideoTile", "%1 frames/s: CPU overloaded").replace("%1", f"{fps:g}")


class OneShot:
    """A cancellable single-shot timer on the GUI thread (a stream switch waiting for its minimum interval)."""

    def __init__(self, callback: Callable[[], None]) -> None:
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(callback)

    def start(self, seconds: float) -> None:
        self._timer.start(max(0, int(seconds * 1000) + 1))

    def cancel(self) -> None:
        self._timer.stop()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()


class CpuLoad:
    """How busy the CPU was since the previous call, 0..1: the larger of this process's share of
    the cores it may use and the whole machine's busy share (Linux), since another program
    hogging the cores makes the wall stutter just as much."""

    def __init__(self) -> None:
        try:
            self.cores = max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not Linux
            self.cores = max(1, os.cpu_count() or 1)
        self._cpu = time.process_time()
        self._wall = time.monotonic()
        self._system = _system_times()

    def __call__(self) -> float:
        cpu, wall, system = time.process_time(), time.monotonic(), _system_times()
        spent, elapsed = cpu - self._cpu, wall - self._wall
        own = spent / (elapsed * self.cores) if elapsed > 0 else 0.0
        machine = 0.0
        if system is not None and self._system is not None:
            busy, total = system[0] - self._system[0], system[1] - self._system[1]
            machine = busy / total if total > 0 else 0.0
        self._cpu, self._wall, self._system = cpu, wall, system
        return max(own, machine)


def _system_times() -> tuple[int, int] | None:
    """(busy, total) jiffies of all CPUs from /proc/stat, or None where there is none."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    values = [int(v) for v in fields[1:9]]  # user nice system idle iowait irq softirq steal
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


class WallGovernor(QObject):
    """Ticks the overload governor over the wall's tile feeds (one per wall), on the GUI thread.

    Each tick measures the load (the process's CPU share, or 1.0 when the GUI thread itself
    was so busy that the tick came late by half an interval or more), asks the governor for
    every tile's level and applies it; the tick also retries stream switches that waited for
    the chooser's minimum interval.
    """

    def __init__(
        self,
        governor: OverloadGovernor | None = None,
        *,
        probe: Callable[[], float] | None = None,
        interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.governor = governor or OverloadGovernor()
        self.probe = probe or CpuLoad()
        self.last_load = 0.0
        self._feeds: list[TileFeed] = []
        self._interval = interval_ms / 1000.0
        self._last_tick: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

    def add(self, feed: TileFeed) -> None:
        if feed not in self._feeds:
            self._feeds.append(feed)

    def remove(self, feed: TileFeed) -> None:
        if feed in self._feeds:
            self._feeds.remove(feed)
            self.governor.forget(id(feed))

    def feeds(self) -> list[TileFeed]:
        return list(self._feeds)

    def start(self) -> None:
        self._last_tick = time.monotonic()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last_tick = None

    def tick(self) -> None:
        now = time.monotonic()
        load = self.probe()
        if self._last_tick is not None and now - self._last_tick > self._interval * 1.5:
            load = max(load, 1.0)  # the GUI thread could not keep its own timer: overloaded whatever the CPU says
        self._last_tick = now
        self.last_load = load
        feeds = [feed for feed in self._feeds if feed.visible]
        tiles = {id(feed): TileLoad(feed.area(), feed.wants_main()) for feed in feeds}
        levels = self.governor.update(load, tiles)
        for feed in feeds:
            feed.set_level(levels.get(id(feed), NORMAL))
