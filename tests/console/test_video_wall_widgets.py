"""The camera tree model and the wall widget: grouping, diacritic-blind search, favourites, drops, swaps, keys."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from ioc_console.workspaces.video.camera_tree_model import (
    CAMERA_ID_ROLE,
    CAMERA_MIME,
    FAVOURITES_GROUP,
    GROUP_CAMERAS_ROLE,
    CameraTreeModel,
    decode_camera_ids,
    encode_camera_ids,
)
from ioc_console.workspaces.video.wall import CELL_MIME, VideoWall
from widgets.video_tile import VideoTile

CAMERAS = [
    {"id": "cam-1", "name": "Cầu Vỹ Dạ", "ward": "Phường Vỹ Dạ", "category": "traffic", "status": "online"},
    {"id": "cam-2", "name": "Chợ Vỹ Dạ", "ward": "Phường Vỹ Dạ", "category": "urban_order", "status": "offline"},
    {"id": "cam-3", "name": "Chợ Đông Ba", "ward": "Phường Đông Ba", "category": "urban_order", "status": "degraded"},
    {"id": "cam-4", "name": "Cầu Trường Tiền", "ward": "Phường Phú Hội", "category": "traffic", "status": "online"},
    {"id": "cam-5", "name": "Bến Tòa Khâm", "ward": "Phường Phú Hội", "category": "tourism", "status": "online"},
]


def _tree(model: CameraTreeModel) -> dict[str, list[str]]:
    out = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        out[group.data()] = [model.index(r, 0, group).data(CAMERA_ID_ROLE) for r in range(model.rowCount(group))]
    return out


def test_tree_groups_by_ward_or_category_and_searches_without_diacritics(qapp) -> None:
    model = CameraTreeModel()
    model.set_cameras(CAMERAS)
    # Wards sorted as Vietnamese readers expect ("Đ" beside "D"); the count says how many are online.
    assert _tree(model) == {
        "Phường Đông Ba (0/1)": ["cam-3"],
        "Phường Phú Hội (2/2)": ["cam-5", "cam-4"],
        "Phường Vỹ Dạ (1/2)": ["cam-1", "cam-2"],
    }
    model.set_group_by("category")
    assert list(_tree(model)) == ["tourism (1/1)", "traffic (2/2)", "urban_order (0/2)"]
    model.set_group_by("ward")

    model.set_filter("vy da")
    assert _tree(model) == {"Phường Vỹ Dạ (1/2)": ["cam-1", "cam-2"]}
    model.set_filter("CHO dong")  # every word, any field, any case, no marks
    assert _tree(model) == {"Phường Đông Ba (0/1)": ["cam-3"]}
    model.set_filter("cam-5")
    assert _tree(model) == {"Phường Phú Hội (1/1)": ["cam-5"]}
    model.set_filter("")

    # Status: the dot's colour and the tooltip.
    group = model.index(2, 0)
    offline = model.index(1, 0, group)
    assert offline.data(CAMERA_ID_ROLE) == "cam-2"
    assert "offline" in offline.data(Qt.ItemDataRole.ToolTipRole)
    assert offline.data(Qt.ItemDataRole.DecorationRole) is not None

    # A live status change updates the row in place (no reset, the operator's expansion stays).
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.upsert_camera({**CAMERAS[1], "status": "online"})
    assert resets == [] and model.index(2, 0).data() == "Phường Vỹ Dạ (2/2)"


def test_favourites_come_first_and_drags_carry_cameras_or_whole_groups(qapp) -> None:
    model = CameraTreeModel()
    model.set_cameras(CAMERAS)
    assert model.toggle_favourite("cam-4") and model.toggle_favourite("cam-2")
    assert model.group_keys()[0] == FAVOURITES_GROUP
    favourites = model.index(0, 0)
    assert favourites.data() == "★ Favourites (1/2)"
    assert favourites.data(GROUP_CAMERAS_ROLE) == ["cam-4", "cam-2"]  # by name: "Cầu ..." before "Chợ ..."
    assert model.index(0, 0, favourites).data().startswith("★ ")
    assert not model.toggle_favourite("cam-2") and model.favourites() == {"cam-4"}

    ward = model.index(3, 0)  # Phường Vỹ Dạ
    mime = model.mimeData([ward])
    assert decode_camera_ids(mime) == ["cam-1", "cam-2"]
    one = model.mimeData([model.index(1, 0, ward)])
    assert decode_camera_ids(one) == ["cam-2"]
    junk = QMimeData()
    junk.setData(CAMERA_MIME, b"{not json")
    assert decode_camera_ids(junk) == [] and decode_camera_ids(QMimeData()) == []


class RecordingFeed:
    """What the wall tells one tile's feed (the real binding is tested with the backend)."""

    def __init__(self, camera_id: str, log: list[tuple[str, str, Any]]) -> None:
        self.camera_id, self.log = camera_id, log
        self.visible: bool | None = None
        self.full_screen = False
        self.released = False

    def set_full_screen(self, full_screen: bool) -> None:
        self.full_screen = full_screen

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self.log.append(("visible", self.camera_id, visible))

    def release(self) -> None:
        self.released = True
        self.log.append(("release", self.camera_id, None))


def make_wall(qtbot) -> tuple[VideoWall, dict[str, RecordingFeed], list]:
    log: list[tuple[str, str, Any]] = []
    feeds: dict[str, RecordingFeed] = {}
    cameras = {c["id"]: c for c in CAMERAS}

    def feed_for(tile: QWidget, camera: dict) -> RecordingFeed:
        feed = feeds[camera["id"]] = RecordingFeed(camera["id"], log)
        return feed

    wall = VideoWall(lambda parent: VideoTile(parent), feed_for, cameras.get)
    qtbot.addWidget(wall)
    wall.resize(800, 600)
    wall.show()
    qtbot.waitExposed(wall)
    wall.set_seen(True)
    return wall, feeds, log


def test_drop_cameras_and_groups_then_swap_tiles_without_restarting_streams(qtbot) -> None:
    wall, feeds, log = make_wall(qtbot)
    assert wall.layout_name() == "2x2" and wall.cameras() == [None] * 4
    assert wall.drop_mime(encode_camera_ids(["cam-3"]), 2)
    assert wall.cameras() == [None, None, "cam-3", None] and feeds["cam-3"].visible is True
    assert wall.tile(2).title() == "Chợ Đông Ba"

    # A group larger than the layout, dropped on the first tile, picks the grid that holds it.
    assert wall.drop_mime(encode_camera_ids(["cam-1", "cam-2", "cam-4", "cam-5", "cam-3"]), 0)
    assert wall.layout_name() == "3x3"
    assert wall.cameras()[:5] == ["cam-1", "cam-2", "cam-4", "cam-5", "cam-3"]

    # Dragging tile 0 onto tile 4 swaps them; the tiles (and their streams) move, nothing is re-opened.
    tile_a, tile_b = wall.tile(0), wall.tile(4)
    released = [entry for entry in log if entry[0] == "release"]
    mime = QMimeData()
    mime.setData(CELL_MIME, f'{{"wall": {id(wall)}, "cell": 0}}'.encode())
    assert wall.drop_mime(mime, 4)
    assert wall.cameras()[:5] == ["cam-3", "cam-2", "cam-4", "cam-5", "cam-1"]
    assert wall.tile(0) is tile_b and wall.tile(4) is tile_a
    x, y, w, h = wall.current_layout().rects(wall.width(), wall.height(), 2)[4]
    assert (tile_a.x(), tile_a.y(), tile_a.width(), tile_a.height()) == (x, y, w, h)
    assert [entry for entry in log if entry[0] == "release"] == released
    assert wall.selected() == 4

    # A drag from another wall (another window's cells) is not a swap here.
    foreign = QMimeData()
    foreign.setData(CELL_MIME, b'{"wall": 1, "cell": 0}')
    assert not wall.drop_mime(foreign, 1)

    # The tile under the cursor is the drop target.
    centre = wall.tile(5).geometry().center()
    assert wall.cell_at(centre) == 5 and wall.cell_at(QPoint(-5, -5)) is None


def test_full_screen_key_covers_the_others_and_stops_their_feeds(qtbot) -> None:
    wall, feeds, _log = make_wall(qtbot)
    wall.set_cameras(["cam-1", "cam-2", "cam-3", "cam-4"])
    wall.select(1)
    act = _action(wall, "F")
    act.trigger()
    assert wall.full_screen_cell() == 1
    assert wall.tile(1).geometry() == wall.rect() and wall.tile(1).isVisible()
    assert [wall.tile(i).isVisible() for i in (0, 2, 3)] == [False, False, False]
    assert feeds["cam-2"].visible is True and feeds["cam-2"].full_screen  # it may take the main stream now
    assert [feeds[c].visible for c in ("cam-1", "cam-3", "cam-4")] == [False, False, False]
    # The same key, Enter or Esc brings the wall back; every tile decodes again.
    _action(wall, "Esc").trigger()
    assert wall.full_screen_cell() is None and all(wall.tile(i).isVisible() for i in range(4))
    assert not feeds["cam-2"].full_screen
    assert all(feed.visible for feed in feeds.values())
    _action(wall, "Return").trigger()
    assert wall.full_screen_cell() == 1
    _action(wall, "Return").trigger()
    assert wall.full_screen_cell() is None

    # With the focus on the wall, the keys themselves: F toggles, Esc leaves, arrows move the selection.
    wall.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wall)
    wall.setFocus()
    qtbot.keyClick(wall, Qt.Key.Key_F)
    assert wall.full_screen_cell() == 1
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert wall.full_screen_cell() is None
    qtbot.keyClick(wall, Qt.Key.Key_Left)
    assert wall.selected() == 0
    qtbot.keyClick(wall, Qt.Key.Key_Down)
    assert wall.selected() == 2

    # A page that cannot be seen stops every feed.
    wall.set_seen(False)
    assert not any(feed.visible for feed in feeds.values())


def test_single_view_and_back(qtbot) -> None:
    wall, feeds, _log = make_wall(qtbot)
    wall.set_view("1+5", ["cam-1", "cam-2", None, "cam-4", None, "cam-5"])
    wall.select(3)
    wall.show_single("cam-3")
    assert wall.layout_name() == "1" and wall.cameras() == ["cam-3"] and wall.in_single_view()
    assert feeds["cam-2"].released
    assert wall.leave_full_screen()
    assert wall.layout_name() == "1+5" and wall.cameras() == ["cam-1", "cam-2", None, "cam-4", None, "cam-5"]
    assert wall.selected() == 3 and not wall.leave_full_screen()


def _action(wall: VideoWall, key: str) -> QAction:
    """The wall's action bound to ``key``."""
    return next(act for act in wall.actions() if QKeySequence(key) in act.shortcuts())


def test_detach_the_wall_to_its_own_window_and_back(make_window, qtbot) -> None:
    window = make_window("http://127.0.0.1:9")
    window.show()
    qtbot.waitExposed(window)
    video = window.workspace("video")
    window.show_workspace_key("video")
    assert video.wall.is_seen() and not video.is_detached()

    video.act_detach.trigger()
    detached = video.detached_window()
    assert detached is not None and detached.isVisible() and video.wall_area.window() is detached
    assert video.placeholder.isVisible()
    # The wall stays live in its own window even when the console shows another page...
    window.show_workspace_key("events")
    assert video.wall.is_seen()
    # ...and stops when that window is minimised.
    detached.showMinimized()
    qtbot.waitUntil(lambda: not video.wall.is_seen())
    detached.showNormal()
    qtbot.waitUntil(video.wall.is_seen)

    # Closing the window (or the same key) puts the wall back in the workspace.
    detached.close()
    assert not video.is_detached() and video.wall_area.window() is window
    assert not video.placeholder.isVisible() and not video.wall.is_seen()  # the events page is in front
    window.show_workspace_key("video")
    assert video.wall.is_seen()
