"""TileFeed on the real backend: the stream follows the tile's size, visibility and the overload governor."""

from __future__ import annotations

import time

from ioc_console.services.video import LIVE, OverloadGovernor, StreamChooser
from ioc_console.services.video.adaptive import FPS_QUARTER, NORMAL, SUB_STREAM
from ioc_console.services.video.bridge import WallGovernor
from ioc_console.services.video.tile_binding import TileFeed
from widgets.video_tile import VideoTile

WAIT_MS = 10_000


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def camera_feed(qtbot, hub, client, camera, size=(320, 180), clock=None) -> TileFeed:
    tile = VideoTile()
    qtbot.addWidget(tile)
    tile.resize(*size)
    tile.show()
    qtbot.waitExposed(tile)
    models = {camera.id: camera}

    def url_for(cam, which):  # on the decoder thread, as the console's workspace does it
        return client.stream_url(models[cam["id"]], which)

    chooser = StreamChooser(clock=clock) if clock is not None else None
    return TileFeed(hub, tile, camera.model_dump(), url_for, chooser=chooser)


def new_picture(feed: TileFeed, painted: int) -> bool:
    return feed.tile.stats.painted > painted


def test_small_tile_plays_the_sub_stream_and_a_large_one_the_main(qtbot, make_hub, video_client, cameras):
    clock = FakeClock()
    hub = make_hub()
    feed = camera_feed(qtbot, hub, video_client, cameras[0], clock=clock)
    assert feed.which == "sub" and feed.tile.title() == cameras[0].name
    qtbot.waitUntil(lambda: feed.tile.stats.painted >= 2, timeout=WAIT_MS)
    assert feed.subscription.latest().source_width == 640

    feed.tile.resize(1280, 720)  # too soon after the first choice: the switch waits
    assert feed.which == "sub" and feed.chooser.retry_at is not None
    clock.now += 10
    feed.tile.resize(1280, 722)
    assert feed.which == "main"
    # The sub stream's picture stays up, undimmed and without a banner, until main has one.
    assert feed.tile.current_image() is not None and feed.tile.health_text() == ""
    qtbot.waitUntil(lambda: feed.subscription.latest() is not None, timeout=WAIT_MS)
    assert feed.subscription.latest().source_width == 1280
    assert [s["key"] for s in hub.stats()["streams"]] == [f"{cameras[0].id}/main"]  # the sub one was closed

    feed.release()
    assert feed.tile.feed() is None and hub.stats()["streams"] == []


def test_hidden_feed_stops_decoding_and_resumes(qtbot, make_hub, video_client, cameras):
    hub = make_hub()
    feed = camera_feed(qtbot, hub, video_client, cameras[1])
    qtbot.waitUntil(lambda: feed.tile.stats.painted >= 2, timeout=WAIT_MS)
    feed.set_visible(False)
    qtbot.waitUntil(lambda: not hub.threads(), timeout=WAIT_MS)
    painted = feed.tile.stats.painted
    feed.set_visible(True)
    qtbot.waitUntil(lambda: new_picture(feed, painted), timeout=3_000)
    assert feed.subscription.health.state == LIVE
    feed.release()


def test_governor_reduces_the_tile_and_the_tile_says_so(qtbot, make_hub, video_client, cameras):
    hub = make_hub()
    feed = camera_feed(qtbot, hub, video_client, cameras[2])
    big = camera_feed(qtbot, hub, video_client, cameras[3], size=(1280, 720))
    assert big.which == "main" and big.wants_main()
    load = [1.5]
    governor = WallGovernor(OverloadGovernor(step_interval=0, clock=FakeClock()), probe=lambda: load[0])
    governor.add(feed)
    governor.add(big)
    governor.tick()
    # The small tile (already on sub) gives frames first; the big one gives its main stream up.
    assert feed.level > NORMAL and feed.subscription.max_fps is not None
    assert "CPU" in feed.tile.notice()
    for _ in range(3):
        governor.tick()
    assert feed.level == FPS_QUARTER and feed.subscription.max_fps == 5.0
    assert big.level >= SUB_STREAM and big.which == "sub" and big.wants_main()
    assert "CPU" in big.tile.notice()
    qtbot.waitUntil(lambda: big.subscription.latest() is not None, timeout=WAIT_MS)

    feed.set_level(NORMAL)
    assert feed.tile.notice() == "" and feed.subscription.max_fps is None
    governor.remove(feed)
    governor.remove(big)
    feed.release()
    big.release()


def test_cpu_load_sees_this_process_working():
    from ioc_console.services.video.bridge import CpuLoad

    probe = CpuLoad()
    spin_until = time.process_time() + 0.3
    while time.process_time() < spin_until:
        pass
    load = probe()
    # One busy thread: at least its share of the usable cores (the machine share can only add).
    assert 0.9 / probe.cores <= load <= 1.05
