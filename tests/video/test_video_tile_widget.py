"""VideoTile on its own: coalesced updates, aspect ratio, banners, zoom and pan, overlays, alarm, signals."""

from __future__ import annotations

import threading
import time
import tracemalloc
from datetime import datetime

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication

from ioc_console.services.video import Frame, StreamHealth
from widgets.video_tile import TileOverlay, TileStats, VideoTile


class StillFeed:
    """A feed that shows pictures a test hands it (what the hub's Subscription offers a tile)."""

    def __init__(self, health: StreamHealth | None = None) -> None:
        self.frame: Frame | None = None
        self.health = health or StreamHealth("live", time.time())
        self.listener = None
        self.target_sizes: list[tuple[int, int]] = []
        self.seq = 0

    def latest(self) -> Frame | None:
        return self.frame

    def set_listener(self, listener) -> None:
        self.listener = listener

    def set_target_size(self, size) -> None:
        self.target_sizes.append(size)

    def show(self, bgr: tuple[int, int, int], size=(640, 360)) -> None:
        pixels = np.empty((size[1], size[0], 4), np.uint8)
        pixels[:, :] = (*bgr, 255)
        self.seq += 1
        self.frame = Frame(pixels, self.seq, time.monotonic(), size)
        if self.listener is not None:
            self.listener()


class CountingTile(VideoTile):
    def __init__(self) -> None:
        super().__init__()
        self.looks = 0

    def _take_feed(self) -> None:
        self.looks += 1
        super()._take_feed()


def make_tile(qtbot, width=400, height=400, cls=VideoTile):
    tile = cls()
    qtbot.addWidget(tile)
    tile.resize(width, height)
    tile.show()
    qtbot.waitExposed(tile)
    return tile


def colour_at(tile: VideoTile, x: int, y: int) -> QColor:
    return tile.grab().toImage().pixelColor(x, y)


def test_a_burst_of_pictures_costs_the_gui_thread_one_look(qtbot):
    tile = make_tile(qtbot, cls=CountingTile)
    feed = StillFeed()
    tile.set_feed(feed)
    looks = tile.looks

    def burst() -> None:
        for _ in range(500):
            feed.show((0, 0, 255))

    thread = threading.Thread(target=burst, name="fake-decoder")
    thread.start()
    thread.join()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: tile.current_image() is not None)
    # 500 pictures from the decoder thread while the GUI thread was busy: one event, one look.
    assert tile.looks - looks == 1
    assert tile.feed().latest().seq == 500


def test_picture_keeps_its_aspect_ratio_and_tells_the_feed_the_tile_size(qtbot):
    tile = make_tile(qtbot, 400, 400)
    feed = StillFeed()
    tile.set_feed(feed)
    assert feed.target_sizes[-1] == (400, 400)
    feed.show((0, 0, 255))  # red, B G R
    qtbot.waitUntil(lambda: tile.current_image() is not None)
    assert colour_at(tile, 200, 200) == QColor(255, 0, 0)
    # 640x360 in 400x400: 225 rows of picture, bars above and below.
    assert colour_at(tile, 200, 60) != QColor(255, 0, 0)
    assert colour_at(tile, 200, 100) == QColor(255, 0, 0)
    assert colour_at(tile, 200, 340) != QColor(255, 0, 0)
    qtbot.waitUntil(lambda: tile.stats.painted >= 1)
    assert len(tile.stats.ages_ms) == tile.stats.painted
    image = tile.current_image()
    assert (image.width(), image.height()) == (640, 360) and image.pixelColor(0, 0) == QColor(255, 0, 0)
    tile.resize(200, 100)
    assert feed.target_sizes[-1] == (200, 100)


def test_health_banners_and_a_tooltip_without_credentials(qtbot):
    tile = make_tile(qtbot)
    tile.set_title("Cầu Trường Tiền")
    assert tile.health_text() == "Drag a camera here"
    lost_at = time.time() - 30
    feed = StillFeed(StreamHealth("lost", lost_at, time.time() + 5, "refused by rtsp://admin:hunter2@10.0.0.9/x"))
    tile.set_feed(feed)
    assert tile.health_text() == "Signal lost since " + datetime.fromtimestamp(lost_at).strftime("%H:%M:%S")
    assert "hunter2" not in tile.toolTip() and "Cầu Trường Tiền" in tile.toolTip()
    feed.health = StreamHealth("reconnecting", lost_at, time.time() + 7.5, "connection refused")
    feed.listener()
    qtbot.waitUntil(lambda: tile.health_text().startswith("Reconnecting in"))
    assert tile.health_text() == "Reconnecting in 8 s"
    feed.health = StreamHealth("live", time.time())
    feed.show((0, 255, 0))
    qtbot.waitUntil(lambda: tile.health_text() == "")
    assert tile.toolTip() == "Cầu Trường Tiền"


def test_digital_zoom_and_pan(qtbot):
    tile = make_tile(qtbot, 400, 225)
    feed = StillFeed()
    tile.set_feed(feed)
    feed.show((255, 0, 0))
    qtbot.waitUntil(lambda: tile.current_image() is not None)
    centre = QPointF(200, 112)
    wheel = QWheelEvent(
        centre,
        tile.mapToGlobal(centre),
        QPoint(),
        QPoint(0, 240),  # two notches forward
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(tile, wheel)
    assert tile.zoom() > 1.5
    # Zoomed in, the decoder is asked for more pixels (up to the stream's own size).
    assert feed.target_sizes[-1][0] > 400
    view_before = tile._view_rect()
    qtbot.mousePress(tile, Qt.MouseButton.LeftButton, pos=QPoint(200, 112))
    qtbot.mouseMove(tile, QPoint(150, 112))
    qtbot.mouseMove(tile, QPoint(100, 112))
    qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton, pos=QPoint(100, 112))
    assert tile._view_rect().x() > view_before.x()  # dragged left: the view moved right
    tile.reset_zoom()
    assert tile.zoom() == 1.0 and feed.target_sizes[-1] == (400, 225)


def test_clicks_overlays_alarm_and_selection(qtbot):
    tile = make_tile(qtbot, 400, 225)
    feed = StillFeed()
    tile.set_feed(feed)
    feed.show((0, 0, 0), size=(400, 225))
    qtbot.waitUntil(lambda: tile.current_image() is not None)
    with qtbot.waitSignal(tile.clicked):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(50, 150))
    with qtbot.waitSignal(tile.activated):
        qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(50, 150))
    tile.set_overlays([TileOverlay(0.5, 0.5, 0.25, 0.25, "", "#00ff00")])
    assert colour_at(tile, 200, 150) == QColor(0, 255, 0)  # the box's left edge, on the picture
    tile.set_alarm("Cháy")
    assert tile.alarm() == "Cháy" and tile._flash.isActive()
    assert colour_at(tile, 1, 120) == QColor("#ff2d2d")
    tile.set_alarm(None)
    assert not tile._flash.isActive()
    tile.set_selected(True)
    assert tile.is_selected() and colour_at(tile, 0, 120) == QColor("#5aa9ff")
    tile.set_feed(None)
    assert feed.listener is None and tile.current_image() is None


def test_recording_frame_ages_does_not_grow_memory():
    # A wall records the age of every painted frame; kept as Python floats in a deque that grew
    # a 16-tile wall by ~7 MB over ten minutes (benchmarks/README.md, video wall memory run).
    stats = TileStats()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for i in range(5_000):
            stats.record(float(i % 97))
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stats.painted == 5_000 and len(stats.ages_ms) == 5_000
    assert after - before < 16_000, f"{after - before} bytes allocated to record 5,000 ages"
    for _ in range(TileStats.AGES_KEPT):
        stats.record(1.0)
    assert len(stats.ages_ms) == TileStats.AGES_KEPT  # bounded: the newest ones are kept
