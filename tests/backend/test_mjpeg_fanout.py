"""MJPEG fan-out: one encode per camera and tick for any number of viewers, released when they leave."""

from __future__ import annotations

import asyncio
import threading

from ioc_backend.demo.fanout import FeedHub
from ioc_backend.demo.media import FrameSource

PARTS = 3  # parts each viewer takes
CAMERAS = {"cam-0001": 60, "cam-0002": 40}  # camera -> viewers (100, as in issue 15)
DEADLINE = 60.0  # bound for the whole run; never a speed assertion


async def watch(hub: FeedHub, camera_id: str, got: list[bytes], watching: asyncio.Event | None = None) -> None:
    parts = hub.parts(camera_id, f"Camera {camera_id}", "Phường Phú Hội", "sub")
    try:
        async for part in parts:
            got.append(part)
            if watching is not None:
                watching.set()
            if len(got) == PARTS:
                return
    finally:
        await parts.aclose()


def test_many_viewers_share_one_encode_per_camera_and_tick() -> None:
    source = FrameSource(fps=20)
    hub = FeedHub(source, encoders=2)
    received: dict[str, list[list[bytes]]] = {cam: [[] for _ in range(n)] for cam, n in CAMERAS.items()}

    async def main() -> None:
        viewers = [watch(hub, cam, got) for cam, lists in received.items() for got in lists]
        await asyncio.wait_for(asyncio.gather(*viewers), DEADLINE)

    try:
        asyncio.run(main())
    finally:
        hub.close()
    # Every part any viewer got was encoded once: the encoder ran exactly as often as the
    # producers published, not once per viewer (100 viewers x 3 parts would be 300 encodes).
    assert source.encode_count == hub.produced
    assert hub.produced < sum(CAMERAS.values()) * PARTS
    for lists in received.values():
        assert all(len(got) == PARTS for got in lists)
        # Viewers of one camera were handed the very same encoded bytes.
        distinct = {id(part) for got in lists for part in got}
        assert len(distinct) <= hub.produced


def test_viewers_cost_no_thread_each() -> None:
    source = FrameSource(fps=20)
    hub = FeedHub(source, encoders=2)
    before = threading.active_count()
    during: list[int] = []

    async def main() -> None:
        ready = [asyncio.Event() for _ in range(40)]
        tasks = [asyncio.create_task(watch(hub, "cam-0003", [], ev)) for ev in ready]
        await asyncio.wait_for(asyncio.gather(*(ev.wait() for ev in ready)), DEADLINE)
        during.append(threading.active_count())
        await asyncio.wait_for(asyncio.gather(*tasks), DEADLINE)

    try:
        asyncio.run(main())
    finally:
        hub.close()
    assert during[0] - before <= 2  # the bounded encoder pool, whatever the number of viewers


def test_producer_and_frames_are_released_when_the_last_viewer_leaves() -> None:
    source = FrameSource(fps=20)
    hub = FeedHub(source, encoders=2)

    async def main() -> None:
        first, second = asyncio.Event(), asyncio.Event()
        a = asyncio.create_task(watch(hub, "cam-0004", [], first))
        b = asyncio.create_task(watch(hub, "cam-0004", [], second))
        await asyncio.wait_for(asyncio.gather(first.wait(), second.wait()), DEADLINE)
        assert hub.active_feeds == 1 and hub.viewers() == 2
        assert source.cached_frames > 0 and source.cached_backgrounds > 0
        await asyncio.wait_for(asyncio.gather(a, b), DEADLINE)
        # Let the cancelled producer finish its cleanup.
        await asyncio.sleep(0)

    try:
        asyncio.run(main())
    finally:
        hub.close()
    assert hub.active_feeds == 0 and hub.viewers() == 0 and hub.released == 1
    assert source.cached_frames == 0 and source.cached_backgrounds == 0


def test_viewer_that_leaves_early_does_not_stop_the_others() -> None:
    source = FrameSource(fps=20)
    hub = FeedHub(source, encoders=1)
    stayer: list[bytes] = []

    async def main() -> None:
        leaver_got: list[bytes] = []
        parts = hub.parts("cam-0005", "Camera 5", "Phường Vĩnh Ninh", "sub")
        leaver_got.append(await parts.__anext__())
        await parts.aclose()  # leaves after one part
        assert hub.active_feeds == 0  # it was the only viewer: released at once
        await asyncio.wait_for(watch(hub, "cam-0005", stayer), DEADLINE)

    try:
        asyncio.run(main())
    finally:
        hub.close()
    assert len(stayer) == PARTS and hub.released == 2
