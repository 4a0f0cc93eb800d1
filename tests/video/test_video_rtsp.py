"""The video pipeline on real RTSP H.264 streams (GStreamer's RTSP server): live, signal lost, recovered."""

from __future__ import annotations

import logging
import time

import pytest
from rtsp_support import rtsp_server  # noqa: F401 - pytest fixture

from ioc_console.services.video import LIVE, LOST, StreamSource
from ioc_console.services.video.capture import CaptureReader
from ioc_console.services.video.mjpeg import StreamError
from widgets.video_tile import VideoTile

WAIT_MS = 30_000
# An RTSP session takes a few round trips to open: more room than the MJPEG tests' 1 s.
RTSP_TIMEOUTS = {"connect_timeout": 5.0, "read_timeout": 2.0}


def show_tile(qtbot) -> VideoTile:
    tile = VideoTile()
    qtbot.addWidget(tile)
    tile.resize(320, 240)
    tile.show()
    qtbot.waitExposed(tile)
    return tile


def test_tile_goes_live_on_rtsp_and_recovers_after_the_server_returns(qtbot, make_hub, rtsp_server):  # noqa: F811
    hub = make_hub(**RTSP_TIMEOUTS)
    url = rtsp_server.url(0)
    tiles = [show_tile(qtbot), show_tile(qtbot)]
    for tile in tiles:
        tile.set_feed(hub.subscribe(StreamSource("cam0", lambda: url, "cam0")))
    qtbot.waitUntil(lambda: all(t.stats.painted >= 3 for t in tiles), timeout=WAIT_MS)
    frame = tiles[0].feed().latest()
    assert (frame.source_width, frame.source_height) == (320, 240)
    (stream,) = hub.stats()["streams"]
    assert stream["opens"] == 1  # two tiles, one RTSP session

    rtsp_server.kill()
    qtbot.waitUntil(lambda: all(t.feed().health.state == LOST for t in tiles), timeout=WAIT_MS)
    assert tiles[0].health_text().startswith("Signal lost since")
    assert tiles[0].current_image() is not None  # the last picture stays, dimmed

    rtsp_server.restart()
    painted = tiles[0].stats.painted
    qtbot.waitUntil(lambda: tiles[0].stats.painted > painted, timeout=WAIT_MS)
    assert tiles[0].feed().health.state == LIVE and tiles[0].health_text() == ""


def test_rtsp_credentials_never_reach_the_log_or_stderr(qtbot, make_hub, rtsp_server, caplog, capfd):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    secret = "Rtsp-S3cret"
    # The test server asks for no password: a wrong path with credentials makes FFmpeg fail
    # after it connected, where it would otherwise print the URL it was given.
    url = rtsp_server.url(0).replace("rtsp://", f"rtsp://admin:{secret}@") + "/no-such-mount"
    tile = show_tile(qtbot)
    tile.set_feed(hub_sub := make_hub(**RTSP_TIMEOUTS).subscribe(StreamSource("wrong-mount", lambda: url)))
    qtbot.waitUntil(lambda: hub_sub.health.state == LOST, timeout=WAIT_MS)
    out, err = capfd.readouterr()
    for text in (caplog.text, out, err, tile.toolTip(), hub_sub.health.detail):
        assert secret not in text


def test_a_decoder_that_falls_behind_a_live_stream_catches_up(rtsp_server):  # noqa: F811
    # A clock that runs 0.3 s ahead at every picture: to the reader, the pictures come out
    # later and later than the camera sent them, as they would from a decoder too slow for them.
    calls = [0]

    def slow_clock() -> float:
        calls[0] += 1
        return time.monotonic() + 0.3 * calls[0]

    reader = CaptureReader(rtsp_server.url(0), is_file=False, wait=lambda s: False, clock=slow_clock, open_timeout=5)
    reader.open()
    shown = 0
    try:
        with pytest.raises(StreamError, match="fell behind"):
            for _ in range(200):
                shown += reader.read() is not None
    finally:
        reader.close()
    # The first pictures were shown; once behind, the rest only decoded, then the connection
    # was dropped (which empties the backlog) instead of the delay growing.
    assert 1 <= shown <= 5 and reader.skipped >= 5
