"""The wall: video tiles placed by a layout; drop cameras on it, drag tiles to swap, full-screen one tile."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from ioc_console.services.event_text import fill
from ioc_console.workspaces.video.camera_tree_model import CAMERA_MIME, decode_camera_ids
from ioc_console.workspaces.video.layouts import DEFAULT_LAYOUT, Layout, layout_named, smallest_fitting

#: MIME type of a tile dragged within the wall: {"wall": id of the wall, "cell": index}.
CELL_MIME = "application/x-ioc-wall-cell"

GAP_PX = 2


class Feed(Protocol):
    """What the wall needs of a tile's stream binding (services.video.tile_binding.TileFeed)."""

    def set_visible(self, visible: bool) -> None: ...

    def release(self) -> None: ...


#: Builds the feed of one tile for one camera, or None when it cannot be played (no permission).
FeedFactory = Callable[[QWidget, Mapping[str, Any]], Feed | None]
TileFactory = Callable[[QWidget], QWidget]


class WallCell:
    """One place of the wall: its tile (kept across layout changes), the camera shown and its feed."""

    def __init__(self, tile: QWidget) -> None:
        self.tile = tile
        self.camera_id: str | None = None
        self.feed: Feed | None = None
        self.feed_visible: bool | None = None  # what the feed was last told (None: not yet)
        self.feed_full_screen = False


class VideoWall(QWidget):
    """Places one tile per cell of the current layout; owns which camera each cell shows.

    The wall never decodes anything itself: ``feed_factory`` binds a tile to a camera
    (a TileFeed through the stream hub), and the wall tells each feed whether its tile can be
    seen (the page shown, not covered by a full-screen tile) so hidden tiles stop decoding.
    """

    #: The cameras per cell changed (layout, drop, swap, tour): for "view changed" marks.
    cells_changed = Signal()
    layout_changed = Signal(str)
    selection_changed = Signal(int)
    full_screen_changed = Signal(bool)
    #: A message for the status bar (text, ms).
    message = Signal(str, int)

    def __init__(
        self,
        tile_factory: TileFactory,
        feed_factory: FeedFactory,
        camera_lookup: Callable[[str], Mapping[str, Any] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videoWall")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._tile_factory = tile_factory
        self._feed_factory = feed_factory
        self._camera_lookup = camera_lookup
        self._layout: Layout = layout_named(DEFAULT_LAYOUT)
        self._cells: list[WallCell] = []
        self._spare: list[QWidget] = []  # tiles of cells a smaller layout dropped, reused later
        self._selected = 0
        self._full_screen: int | None = None
        self._single_before: tuple[str, list[str | None], int] | None = None
        self._seen = False  # the page / window showing the wall can be seen
        self._press: tuple[int, QPoint] | None = None
        self._drop_target: int | None = None
        self._reserved_right = 0  # pixels at the right kept free (the alarm spot)
        self.act_full_screen = self.add_key_action("wallFullScreen", ["F", "Return", "Enter"], self.toggle_full_screen)
        self.act_leave = self.add_key_action("wallLeaveFullScreen", ["Esc"], self.leave_full_screen)
        self.arrow_actions = [
            self.add_key_action(name, [key], partial(self.move_selection, dx, dy))
            for name, key, dx, dy in (
                ("wallLeft", "Left", -1, 0),
                ("wallRight", "Right", 1, 0),
                ("wallUp", "Up", 0, -1),
                ("wallDown", "Down", 0, 1),
            )
        ]
        self.set_layout(DEFAULT_LAYOUT)

    def add_key_action(self, name: str, keys: list[str], slot: Callable[[], object]) -> QAction:
        """An action on the wall's keys: only while the wall (or a tile) has the focus, so single
        letters never fire while the operator types in the camera search."""
        act = QAction(self)
        act.setObjectName(name)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    # -- state --------------------------------------------------------------------------------
    def layout_name(self) -> str:
        return self._layout.name

    def current_layout(self) -> Layout:
        return self._layout

    def cameras(self) -> list[str | None]:
        return [cell.camera_id for cell in self._cells]

    def cells(self) -> list[WallCell]:
        return list(self._cells)

    def tile(self, index: int) -> QWidget:
        return self._cells[index].tile

    def selected(self) -> int:
        return self._selected

    def full_screen_cell(self) -> int | None:
        return self._full_screen

    def in_single_view(self) -> bool:
        return self._single_before is not None

    def cell_of_tile(self, tile: QObject) -> int | None:
        return next((i for i, c in enumerate(self._cells) if c.tile is tile), None)

    # -- layout and cameras -------------------------------------------------------------------
    def set_layout(self, name: str) -> None:
        """Switch layout; cameras keep their cells in order, those that no longer fit are released."""
        layout = layout_named(name)
        self._leave_full_screen(emit=False)
        self._layout = layout
        while len(self._cells) > len(layout):
            cell = self._cells.pop()
            self._unbind(cell)
            cell.tile.hide()
            self._spare.append(cell.tile)
        while len(self._cells) < len(layout):
            tile = self._spare.pop() if self._spare else self._new_tile()
            self._cells.append(WallCell(tile))
        self._selected = min(self._selected, len(self._cells) - 1)
        self._place()
        self._update_selection()
        self.layout_changed.emit(layout.name)
        self.cells_changed.emit()

    def set_cameras(self, cameras: Sequence[str | None]) -> None:
        """Show ``cameras[i]`` in cell i (None: empty); extra ids are ignored."""
        changed = False
        for i, cell in enumerate(self._cells):
            wanted = cameras[i] if i < len(cameras) else None
            if cell.camera_id != wanted:
                self._bind(cell, wanted)
                changed = True
        self._place()
        if changed:
            self.cells_changed.emit()

    def set_view(self, layout: str, cameras: Sequence[str | None]) -> None:
        self._single_before = None
        self.set_layout(layout)
        self.set_cameras(cameras)

    def put_cameras(self, start: int, camera_ids: Sequence[str]) -> int:
        """Show ``camera_ids`` from cell ``start`` on (a dropped group); returns how many fitted.

        A group larger than the layout makes the wall switch to the smallest grid that holds it
        when it is dropped on the first cell (the operator asked for "all of these")."""
        ids = list(dict.fromkeys(camera_ids))
        if start == 0 and len(ids) > len(self._cells):
            self.set_layout(smallest_fitting(len(ids)).name)
        wanted = self.cameras()
        placed = 0
        for offset, camera_id in enumerate(ids):
            if start + offset >= len(wanted):
                break
            wanted[start + offset] = camera_id
            placed += 1
        self.set_cameras(wanted)
        return placed

    def swap(self, a: int, b: int) -> None:
        """Exchange the cameras of two cells; the feeds move with their tiles' cameras."""
        if a == b or not (0 <= a < len(self._cells) and 0 <= b < len(self._cells)):
            return
        ca, cb = self._cells[a], self._cells[b]
        # Swap the tiles between the cells (feeds stay bound to their tile): no stream restarts.
        self._cells[a], self._cells[b] = cb, ca
        self._place()
        self._update_selection()
        self.cells_changed.emit()

    def clear_cell(self, index: int) -> None:
        if 0 <= index < len(self._cells) and self._cells[index].camera_id is not None:
            self._bind(self._cells[index], None)
            self._place()
            self.cells_changed.emit()

    def refresh_camera(self, camera_id: str) -> None:
        """A camera's data changed (name, URLs): rebind the tiles that show it."""
        for cell in self._cells:
            if cell.camera_id == camera_id:
                self._bind(cell, camera_id, force=True)
        self._apply_visibility()

    def select(self, index: int) -> None:
        if 0 <= index < len(self._cells) and index != self._selected:
            self._selected = index
            self._update_selection()
            self.selection_changed.emit(index)

    # -- full screen and the single large view --------------------------------------------------
    def toggle_full_screen(self) -> None:
        """Full-screen the selected tile over the wall, or go back (one key: F or Enter)."""
        if self._full_screen is not None:
            self._leave_full_screen()
        else:
            self._full_screen = self._selected
            self._place()
            self.full_screen_changed.emit(True)

    def leave_full_screen(self) -> bool:
        """Esc: leave the full-screen tile or the single large view; False when neither was on."""
        if self._full_screen is not None:
            self._leave_full_screen()
            return True
        if self._single_before is not None:
            layout, cameras, selected = self._single_before
            self._single_before = None
            self.set_layout(layout)
            self.set_cameras(cameras)
            self.select(selected)
            return True
        return False

    def show_single(self, camera_id: str) -> None:
        """One large view of ``camera_id`` (double-click in the tree); Esc brings the wall back."""
        if self._single_before is None:
            self._single_before = (self._layout.name, self.cameras(), self._selected)
        self.set_layout("1")
        self.set_cameras([camera_id])

    def _leave_full_screen(self, *, emit: bool = True) -> None:
        if self._full_screen is None:
            return
        self._full_screen = None
        self._place()
        if emit:
            self.full_screen_changed.emit(False)

    # -- visibility ---------------------------------------------------------------------------
    def set_seen(self, seen: bool) -> None:
        """Whether the wall can be seen at all (page shown, window not minimised)."""
        if seen != self._seen:
            self._seen = seen
            self._apply_visibility()

    def is_seen(self) -> bool:
        return self._seen

    def tile_visible(self, index: int) -> bool:
        """True when cell ``index``'s tile can be seen now (so its feed should decode)."""
        if not self._seen:
            return False
        return self._full_screen is None or self._full_screen == index

    def _apply_visibility(self) -> None:
        for i, cell in enumerate(self._cells):
            visible = self.tile_visible(i)
            if cell.feed is not None and cell.feed_visible != visible:
                cell.feed.set_visible(visible)
                cell.feed_visible = visible
            full_screen = self._full_screen == i
            if cell.feed is not None and cell.feed_full_screen != full_screen:
                # Full screen asks for the main stream at once (the adaptive rule in the feed).
                call_if_present(cell.feed, "set_full_screen", full_screen)
                cell.feed_full_screen = full_screen

    def reserve_right(self, pixels: int) -> None:
        """Keep ``pixels`` at the right edge free (the alarm spot sits there)."""
        if pixels != self._reserved_right:
            self._reserved_right = pixels
            self._place()

    def grid_rect(self) -> QRect:
        return QRect(0, 0, max(0, self.width() - self._reserved_right), self.height())

    # -- closing ------------------------------------------------------------------------------
    def release_all(self) -> None:
        """Release every feed (the wall is closing); tiles stay, empty."""
        for cell in self._cells:
            self._unbind(cell)

    # -- internals ----------------------------------------------------------------------------
    def _new_tile(self) -> QWidget:
        tile = self._tile_factory(self)
        tile.installEventFilter(self)
        tile.setAcceptDrops(False)  # drops reach the wall, which knows the cells
        return tile

    def _bind(self, cell: WallCell, camera_id: str | None, *, force: bool = False) -> None:
        if cell.camera_id == camera_id and not force:
            return
        self._unbind(cell)
        cell.camera_id = camera_id
        camera = self._camera_lookup(camera_id) if camera_id is not None else None
        title = str(camera.get("name", camera_id)) if camera is not None else (camera_id or "")
        call_if_present(cell.tile, "set_title", title)
        if camera_id is None:
            return
        if camera is None:
            call_if_present(cell.tile, "set_notice", fill(self.tr("Camera not found: %1"), camera_id))
            return
        cell.feed = self._feed_factory(cell.tile, camera)

    def _unbind(self, cell: WallCell) -> None:
        feed, cell.feed = cell.feed, None
        cell.feed_visible = None
        cell.feed_full_screen = False
        if feed is not None:
            feed.release()
        call_if_present(cell.tile, "set_feed", None)
        call_if_present(cell.tile, "set_overlays", [])
        call_if_present(cell.tile, "set_alarm", None)
        call_if_present(cell.tile, "set_notice", "")
        cell.camera_id = None

    def _place(self) -> None:
        area = self.grid_rect()
        if self._full_screen is not None and self._full_screen < len(self._cells):
            for i, cell in enumerate(self._cells):
                if i == self._full_screen:
                    cell.tile.setGeometry(area)
                    cell.tile.show()
                    cell.tile.raise_()
                else:
                    cell.tile.hide()  # covered: invisible, and its feed stops below
        else:
            rects = self._layout.rects(area.width(), area.height(), GAP_PX)
            for cell, (x, y, w, h) in zip(self._cells, rects, strict=True):
                cell.tile.setGeometry(area.x() + x, area.y() + y, w, h)
                cell.tile.show()
        self._apply_visibility()

    def _update_selection(self) -> None:
        for i, cell in enumerate(self._cells):
            call_if_present(cell.tile, "set_selected", i == self._selected)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def cell_at(self, position: QPoint) -> int | None:
        if self._full_screen is not None:
            return self._full_screen if self.grid_rect().contains(position) else None
        for i, cell in enumerate(self._cells):
            if cell.tile.geometry().contains(position):
                return i
        return None

    # -- mouse on tiles: select, double-click, drag to swap ----------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        index = self.cell_of_tile(watched)
        if index is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self.select(index)
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            if event.button() == Qt.MouseButton.LeftButton and not _is_zoomed(watched):
                self._press = (index, event.position().toPoint())
            return False
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self._press is not None:
            start_index, start = self._press
            moved = (event.position().toPoint() - start).manhattanLength()
            if event.buttons() & Qt.MouseButton.LeftButton and moved >= QApplication.startDragDistance():
                self._press = None
                self._start_tile_drag(start_index)
                return True
            return False
        if kind == QEvent.Type.MouseButtonRelease:
            self._press = None
            return False
        if kind == QEvent.Type.MouseButtonDblClick:
            self.select(index)
            self.toggle_full_screen()
            return True
        return False

    def _start_tile_drag(self, index: int) -> None:
        if self._cells[index].camera_id is None:
            return
        mime = QMimeData()
        mime.setData(CELL_MIME, json.dumps({"wall": id(self), "cell": index}).encode("utf-8"))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def _dropped_cell(self, mime: QMimeData) -> int | None:
        if not mime.hasFormat(CELL_MIME):
            return None
        try:
            payload = json.loads(bytes(mime.data(CELL_MIME).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(payload, dict) or payload.get("wall") != id(self):
            return None
        cell = payload.get("cell")
        return cell if isinstance(cell, int) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(CAMERA_MIME) or self._dropped_cell(mime) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self.cell_at(event.position().toPoint())
        if target is None:
            event.ignore()
            return
        self.select(target)
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self.cell_at(event.position().toPoint())
        if target is None:
            event.ignore()
            return
        if not self.drop_mime(event.mimeData(), target):
            event.ignore()
            return
        event.acceptProposedAction()

    def drop_mime(self, mime: QMimeData, target: int) -> bool:
        """Apply a drop on cell ``target``: a tile of this wall swaps, cameras are placed from there."""
        source = self._dropped_cell(mime)
        if source is not None:
            self.swap(source, target)
            self.select(target)
            return True
        ids = decode_camera_ids(mime)
        if not ids:
            return False
        self._single_before = None
        placed = self.put_cameras(target, ids)
        if placed < len(ids):
            self.message.emit(
                fill(self.tr("%1 of %2 cameras fit on the wall from this tile on"), str(placed), str(len(ids))),
                8000,
            )
        return True

    # -- keyboard -----------------------------------------------------------------------------
    def move_selection(self, dx: int, dy: int) -> None:
        """Arrow keys: select the neighbouring cell in that direction (by cell centres)."""
        rects = self._layout.rects(1000, 1000)
        x, y, w, h = rects[self._selected]
        cx, cy = x + w / 2, y + h / 2
        best: tuple[float, int] | None = None
        for i, (ox, oy, ow, oh) in enumerate(rects):
            if i == self._selected:
                continue
            ex, ey = ox + ow / 2 - cx, oy + oh / 2 - cy
            along = ex * dx + ey * dy
            if along <= 0:
                continue
            across = abs(ex * dy) + abs(ey * dx)
            score = along + 2 * across
            if best is None or score < best[0]:
                best = (score, i)
        if best is not None:
            self.select(best[1])


def call_if_present(target: object, method: str, *args: Any) -> None:
    """Call ``target.method(*args)`` when it has it (the wall takes any QWidget as a tile, any feed)."""
    fn = getattr(target, method, None)
    if callable(fn):
        fn(*args)


def _is_zoomed(tile: QObject) -> bool:
    """A zoomed-in tile uses a left-button drag to pan, so it does not start a swap."""
    for name in ("is_zoomed", "zoomed"):
        value = getattr(tile, name, None)
        if callable(value):
            return bool(value())
        if isinstance(value, bool):
            return value
    zoom = getattr(tile, "zoom", None)
    if callable(zoom):
        zoom = zoom()
    return isinstance(zoom, int | float) and zoom > 1.0
