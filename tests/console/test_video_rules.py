"""The video wall's pure rules: layout geometry, tour timing with held alarm tiles, alarm queue, views, file names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ioc_console.workspaces.video.alert_index import AlarmQueue, OpenAlertIndex
from ioc_console.workspaces.video.layouts import LAYOUTS, layout_named, smallest_fitting
from ioc_console.workspaces.video.snapshot import snapshot_name
from ioc_console.workspaces.video.tour import Tour
from ioc_console.workspaces.video.wall_views import read_wall_view, wall_view_data


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_every_layout_tiles_its_area_exactly_once() -> None:
    assert list(LAYOUTS) == ["1", "2x2", "3x3", "4x4", "5x5", "6x6", "8x8", "1+5", "1+7", "2+8"]
    expected_cells = {"1": 1, "2x2": 4, "3x3": 9, "4x4": 16, "5x5": 25, "6x6": 36, "8x8": 64}
    expected_cells.update({"1+5": 6, "1+7": 8, "2+8": 10})
    for name, layout in LAYOUTS.items():
        assert len(layout) == expected_cells[name], name
        width, height = 1917, 1083  # not divisible by any grid: rounding must not leave a gap
        rects = layout.rects(width, height)
        covered = sum(w * h for _x, _y, w, h in rects)
        assert covered == width * height, name
        for i, (x, y, w, h) in enumerate(rects):
            assert x >= 0 and y >= 0 and x + w <= width and y + h <= height
            for ox, oy, ow, oh in rects[i + 1 :]:
                assert x + w <= ox or ox + ow <= x or y + h <= oy or oy + oh <= y, f"{name}: cells overlap"


def test_uneven_layouts_have_their_large_cells_first() -> None:
    assert layout_named("1+5").rects(300, 300) == [
        (0, 0, 200, 200),
        (200, 0, 100, 100),
        (200, 100, 100, 100),
        (0, 200, 100, 100),
        (100, 200, 100, 100),
        (200, 200, 100, 100),
    ]
    one_seven = layout_named("1+7")
    assert one_seven.rects(400, 400)[0] == (0, 0, 300, 300) and one_seven.area(0) == 9
    assert [one_seven.area(i) for i in range(1, 8)] == [1] * 7
    two_eight = layout_named("2+8").rects(400, 400)
    assert two_eight[:2] == [(0, 0, 200, 200), (200, 0, 200, 200)]
    assert all(w == 100 and h == 100 for _x, _y, w, h in two_eight[2:])
    # With a gap between tiles, no tile touches its neighbour.
    assert layout_named("2x2").rects(202, 102, gap=2) == [
        (0, 0, 100, 50),
        (102, 0, 100, 50),
        (0, 52, 100, 50),
        (102, 52, 100, 50),
    ]


def test_unknown_layout_names_and_group_sizes() -> None:
    assert layout_named("7x7").name == "2x2"  # an old or foreign view still opens
    assert [smallest_fitting(n).name for n in (1, 2, 4, 5, 10, 36, 37, 64, 700)] == [
        "1",
        "2x2",
        "2x2",
        "3x3",
        "4x4",
        "6x6",
        "8x8",
        "8x8",
        "8x8",
    ]


def test_tour_pages_through_the_group_at_its_interval() -> None:
    clock = FakeClock()
    cameras = [f"cam-{i}" for i in range(1, 10)]
    tour = Tour(cameras, 4, 10, clock=clock)
    assert tour.start() == ["cam-1", "cam-2", "cam-3", "cam-4"]
    clock.now += 9.9
    assert tour.tick() is None  # not due yet
    clock.now += 0.1
    assert tour.tick() == ["cam-5", "cam-6", "cam-7", "cam-8"]
    clock.now += 10
    assert tour.tick() == ["cam-9", "cam-1", "cam-2", "cam-3"]  # wraps round
    assert tour.steps == 2
    # A long pause (page hidden) does not make the tour race to catch up: one step, then a full interval.
    clock.now += 300
    assert tour.tick() == ["cam-4", "cam-5", "cam-6", "cam-7"]
    assert tour.tick() is None and tour.seconds_to_next() == pytest.approx(10)


def test_a_tile_holding_an_alarm_is_not_toured_away() -> None:
    clock = FakeClock()
    tour = Tour([f"cam-{i}" for i in range(1, 8)], 3, 5, clock=clock)
    assert tour.start() == ["cam-1", "cam-2", "cam-3"]
    clock.now += 5
    # cam-2 (cell 1) has an active alarm: it stays; the others move on, never showing cam-2 twice.
    assert tour.tick(held={1}) == ["cam-4", "cam-2", "cam-5"]
    clock.now += 5
    assert tour.tick(held={1}) == ["cam-6", "cam-2", "cam-7"]
    clock.now += 5
    assert tour.tick(held={1}) == ["cam-1", "cam-2", "cam-3"]
    clock.now += 5
    assert tour.tick(held={0, 1, 2}) is None  # everything held: nothing moves
    clock.now += 5
    assert tour.tick() == ["cam-4", "cam-5", "cam-6"]


def test_a_small_group_stays_put_and_bad_tours_are_refused() -> None:
    clock = FakeClock()
    tour = Tour(["a", "b", "a"], 4, 5, clock=clock)
    assert tour.start() == ["a", "b", None, None]
    clock.now += 5
    assert tour.tick() is None
    with pytest.raises(ValueError):
        Tour(["a"], 4, 0)
    with pytest.raises(ValueError):
        Tour(["a"], 0, 5)


def test_open_alerts_by_camera_and_the_alarm_queue() -> None:
    index = OpenAlertIndex()
    index.load(
        [
            {"id": 1, "camera_id": "cam-1", "state": "new", "severity": "critical"},
            {"id": 2, "camera_id": "cam-1", "state": "acknowledged", "severity": "warning"},
            {"id": 3, "camera_id": "cam-2", "state": "closed", "severity": "critical"},
        ]
    )
    assert [a["id"] for a in index.for_camera("cam-1")] == [1, 2] and index.for_camera("cam-2") == []
    assert index.alarm_cameras() == {"cam-1"}
    assert index.apply({"id": 1, "camera_id": "cam-1", "state": "acknowledged", "severity": "critical"})
    assert index.alarm_cameras() == set()
    assert index.apply({"id": 2, "camera_id": "cam-1", "state": "closed"}) and len(index) == 1

    queue = AlarmQueue()
    assert not queue.offer({"id": 7, "state": "new", "severity": "warning"})  # only critical ones
    assert queue.offer({"id": 8, "state": "new", "severity": "critical"})
    assert not queue.offer({"id": 9, "state": "new", "severity": "critical"})  # waits behind 8
    assert queue.current()["id"] == 8 and len(queue) == 2
    assert queue.offer({"id": 8, "state": "acknowledged", "severity": "critical"})  # taken: 9 shows
    assert queue.current()["id"] == 9
    queue.dismiss("9")
    assert queue.current() is None


def test_wall_view_data_round_trip() -> None:
    data = wall_view_data("1+5", ["cam-1", None, "cam-3", "", None, "cam-6"])
    assert data == {"layout": "1+5", "cameras": ["cam-1", None, "cam-3", None, None, "cam-6"]}
    assert read_wall_view(data) == ("1+5", ["cam-1", None, "cam-3", None, None, "cam-6"])
    assert read_wall_view({"layout": "9x9", "cameras": ["a", 5, "b", "c", "d", "e"]}) == ("2x2", ["a", None, "b", "c"])
    assert read_wall_view({}) == ("2x2", [])


def test_snapshot_names_carry_camera_and_utc_second() -> None:
    taken = datetime(2026, 12, 5, 11, 22, 33, 999_000, tzinfo=UTC)
    assert snapshot_name("cam-0001", taken) == "cam-0001_20261205T112233Z.png"
    assert snapshot_name("../x y", taken) == ".._x_y_20261205T112233Z.png"


def test_ai_overlay_boxes_from_open_alerts() -> None:
    from ioc_console.workspaces.video.pipeline import overlays

    alerts = [
        {"id": 1, "severity": "critical", "bbox": [0.1, 0.2, 0.3, 0.4], "analytic": "fire"},
        {"id": 2, "severity": "warning", "bbox": [0.5, 0.5, 0.2, 0.2], "analytic": "crowd"},
        {"id": 3, "severity": "info", "bbox": "junk"},
        {"id": 4, "severity": "info"},
    ]
    boxes = overlays(alerts, lambda a: f"#{a['id']} {a['analytic']}")
    assert [(b.x, b.y, b.w, b.h, b.label) for b in boxes] == [
        (0.1, 0.2, 0.3, 0.4, "#1 fire"),
        (0.5, 0.5, 0.2, 0.2, "#2 crowd"),
    ]
    assert boxes[0].colour == "#ff5c5c" and boxes[1].colour == "#ffb020"
