"""MJPEG fan-out: one asyncio producer per watched camera stream, shared by all its viewers."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import os
import time
from collections.abc import AsyncGenerator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ioc_backend.demo.media import FrameSource, multipart_part

__all__ = ["FeedHub"]

FeedKey = tuple[str, str, str, str]  # camera id, stream (main/sub), name, ward


def _trim_heap() -> None:
    """Give freed frame memory back to the OS (glibc keeps it in its arenas otherwise)."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return
    trim(0)


@dataclass
class _Feed:
    key: FeedKey
    viewers: int = 0
    part: bytes | None = None  # the newest multipart part; viewers always get the newest
    seq: int = 0  # how many parts were produced
    fresh: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None


class FeedHub:
    """Serves MJPEG parts to any number of viewers from one producer per camera stream.

    A producer encodes each tick once, in a small bounded thread pool (the event loop never
    encodes), keeps only the newest part and wakes its viewers; a slow viewer skips to the
    newest part instead of queueing old ones. When the last viewer of a stream leaves, its
    producer stops and the stream's cached frames and background are dropped, so memory
    returns to its idle level. All methods run on the event loop's thread.
    """

    def __init__(self, source: FrameSource, *, encoders: int | None = None) -> None:
        self.source = source
        workers = encoders or max(1, min(4, os.cpu_count() or 1))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mjpeg-encode")
        self._feeds: dict[FeedKey, _Feed] = {}
        self.produced = 0  # parts produced over the hub's life (one per feed and tick)
        self.released = 0  # producers stopped because their last viewer left

    @property
    def active_feeds(self) -> int:
        return len(self._feeds)

    def viewers(self) -> int:
        return sum(feed.viewers for feed in self._feeds.values())

    def close(self) -> None:
        """Stop every producer (their viewers end) and the encoder pool; callable from any thread."""
        try:
            current: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        for feed in list(self._feeds.values()):
            task = feed.task
            if task is None or task.done() or task.get_loop().is_closed():
                continue
            if task.get_loop() is current:
                task.cancel()
            else:  # asyncio objects are not thread-safe: cancel on the producer's own loop
                task.get_loop().call_soon_threadsafe(task.cancel)
        self._feeds.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def parts(self, camera_id: str, name: str, ward: str, which: str) -> AsyncGenerator[bytes, None]:
        """Yield the newest part of each tick for one viewer, until the caller stops iterating."""
        key = (camera_id, which, name, ward)
        feed = self._feeds.get(key)
        if feed is None:
            feed = self._feeds[key] = _Feed(key)
            feed.task = asyncio.get_running_loop().create_task(self._produce(feed), name=f"mjpeg {camera_id}/{which}")
        feed.viewers += 1
        try:
            seen = 0
            while True:
                if feed.seq == seen:
                    await feed.fresh.wait()
                    if feed.task is not None and feed.task.done() and feed.seq == seen:
                        if not feed.task.cancelled():
                            feed.task.result()  # the producer failed: re-raise its error here
                        return
                    continue
                seen = feed.seq
                assert feed.part is not None
                yield feed.part
        finally:
            feed.viewers -= 1
            if feed.viewers == 0:
                self._release(feed)

    def _release(self, feed: _Feed) -> None:
        if self._feeds.get(feed.key) is feed:
            del self._feeds[feed.key]
        if feed.task is not None:
            feed.task.cancel()
        feed.part = None
        self.released += 1
        camera_id, which = feed.key[0], feed.key[1]
        if not any(k[0] == camera_id and k[1] == which for k in self._feeds):
            self.source.forget(camera_id, which)
            if not self._feeds:
                _trim_heap()

    async def _produce(self, feed: _Feed) -> None:
        loop = asyncio.get_running_loop()
        camera_id, which, name, ward = feed.key
        source = self.source
        last_tick = -1
        try:
            while feed.viewers > 0:
                now = time.time()
                tick = source.tick(now)
                if tick != last_tick:
                    jpeg = await loop.run_in_executor(self._pool, source.jpeg, camera_id, name, ward, which, now)
                    last_tick = tick
                    feed.part = multipart_part(jpeg)
                    feed.seq += 1
                    self.produced += 1
                    fresh, feed.fresh = feed.fresh, asyncio.Event()
                    fresh.set()
                await asyncio.sleep(source.seconds_until_next_tick() + 0.001)
        finally:
            feed.fresh.set()  # wake viewers so they see the producer has ended
