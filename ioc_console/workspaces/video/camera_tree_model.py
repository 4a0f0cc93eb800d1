"""The camera tree: every cached camera grouped by ward or category, favourites first, diacritic-blind filter."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from backend_client.sync.saved_views import sort_key
from ioc_domain.text import matches_all_words

#: MIME type of a camera drag: a JSON list of camera ids (one camera, or a whole group in order).
CAMERA_MIME = "application/x-ioc-camera-ids"

GROUP_BY_WARD = "ward"
GROUP_BY_CATEGORY = "category"
FAVOURITES_GROUP = "\x00favourites"  # sorts first; never a real ward or category

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole + 70
CAMERA_DATA_ROLE = Qt.ItemDataRole.UserRole + 71
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 72
GROUP_CAMERAS_ROLE = Qt.ItemDataRole.UserRole + 73  # list of camera ids of a group (as shown, filtered)

STATUS_COLOURS = {"online": QColor("#3ecf6e"), "degraded": QColor("#ffb020"), "offline": QColor("#ff5c5c")}
_UNKNOWN_COLOUR = QColor("#9aa7b4")


def status_text(status: str) -> str:
    """The camera status in the UI language."""
    texts = {
        "online": QCoreApplication.translate("CameraTreeModel", "online"),
        "degraded": QCoreApplication.translate("CameraTreeModel", "degraded"),
        "offline": QCoreApplication.translate("CameraTreeModel", "offline"),
    }
    return texts.get(status, status)


def encode_camera_ids(camera_ids: Sequence[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CAMERA_MIME, json.dumps(list(camera_ids)).encode("utf-8"))
    return mime


def decode_camera_ids(mime: QMimeData) -> list[str]:
    """The camera ids a drag carries; [] for anything else (or a malformed payload)."""
    if not mime.hasFormat(CAMERA_MIME):
        return []
    try:
        value = json.loads(bytes(mime.data(CAMERA_MIME).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


@dataclass
class _Group:
    key: str
    cameras: list[dict[str, Any]] = field(default_factory=list)


_icons: dict[str, QIcon] = {}


def status_icon(status: str) -> QIcon:
    """A filled dot in the status colour (built once per status)."""
    icon = _icons.get(status)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_COLOURS.get(status, _UNKNOWN_COLOUR))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icon = _icons[status] = QIcon(pixmap)
    return icon


class CameraTreeModel(QAbstractItemModel):
    """Two levels: groups (wards or categories; "Favourites" first when there are any) and their cameras.

    Internal ids: 0 for a group row, group row + 1 for a camera row, so a camera's parent is
    found without any per-item object. The filter is applied here (not in a proxy): groups
    without a matching camera disappear, and a group drag carries exactly the cameras shown.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cameras: dict[str, dict[str, Any]] = {}
        self._group_by = GROUP_BY_WARD
        self._filter = ""
        self._favourites: set[str] = set()
        self._groups: list[_Group] = []

    # -- content ------------------------------------------------------------------------------
    def set_cameras(self, cameras: Iterable[Mapping[str, Any]]) -> None:
        self._cameras = {str(c["id"]): dict(c) for c in cameras if "id" in c}
        self._rebuild()

    def upsert_camera(self, camera: Mapping[str, Any]) -> None:
        """One camera changed (a live change): its status dot or name updates in place when it can."""
        camera_id = str(camera["id"])
        old = self._cameras.get(camera_id)
        self._cameras[camera_id] = dict(camera)
        if old is not None and all(old.get(k) == camera.get(k) for k in ("name", "ward", "category")):
            for index in self.indexes_of(camera_id):
                self._replace_row_data(index, dict(camera))
                self.dataChanged.emit(index, index)
            return
        self._rebuild()

    def remove_camera(self, camera_id: str) -> None:
        if self._cameras.pop(str(camera_id), None) is not None:
            self._rebuild()

    def camera(self, camera_id: str) -> dict[str, Any] | None:
        return self._cameras.get(str(camera_id))

    def cameras(self) -> list[dict[str, Any]]:
        return list(self._cameras.values())

    def set_group_by(self, group_by: str) -> None:
        if group_by not in (GROUP_BY_WARD, GROUP_BY_CATEGORY):
            raise ValueError(f"cannot group cameras by {group_by!r}")
        if group_by != self._group_by:
            self._group_by = group_by
            self._rebuild()

    def group_by(self) -> str:
        return self._group_by

    def set_filter(self, text: str) -> None:
        if text != self._filter:
            self._filter = text
            self._rebuild()

    def filter_text(self) -> str:
        return self._filter

    def set_favourites(self, camera_ids: Iterable[str]) -> None:
        favourites = {str(c) for c in camera_ids}
        if favourites != self._favourites:  # re-read after every outbox change; rebuild only on news
            self._favourites = favourites
            self._rebuild()

    def favourites(self) -> set[str]:
        return set(self._favourites)

    def toggle_favourite(self, camera_id: str) -> bool:
        """Add or remove a favourite; True when it is one now."""
        camera_id = str(camera_id)
        if camera_id in self._favourites:
            self._favourites.discard(camera_id)
        else:
            self._favourites.add(camera_id)
        self._rebuild()
        return camera_id in self._favourites

    def group_keys(self) -> list[str]:
        return [g.key for g in self._groups]

    def group_cameras(self, row: int) -> list[str]:
        return [str(c["id"]) for c in self._groups[row].cameras]

    def indexes_of(self, camera_id: str) -> list[QModelIndex]:
        """Every row showing the camera (its group, and Favourites when it is one)."""
        found = []
        for g_row, group in enumerate(self._groups):
            for c_row, camera in enumerate(group.cameras):
                if str(camera["id"]) == camera_id:
                    found.append(self.createIndex(c_row, 0, g_row + 1))
        return found

    def _replace_row_data(self, index: QModelIndex, camera: dict[str, Any]) -> None:
        self._groups[index.internalId() - 1].cameras[index.row()] = camera

    def _matches(self, camera: Mapping[str, Any]) -> bool:
        return matches_all_words(
            self._filter,
            str(camera.get("name", "")),
            str(camera.get("id", "")),
            str(camera.get("ward", "")),
            str(camera.get("category", "")),
        )

    def _rebuild(self) -> None:
        self.beginResetModel()
        shown = sorted(
            (c for c in self._cameras.values() if self._matches(c)),
            key=lambda c: (sort_key(str(c.get("name", ""))), str(c["id"])),
        )
        groups: dict[str, _Group] = {}
        for camera in shown:
            key = str(camera.get(self._group_by) or "")
            groups.setdefault(key, _Group(key)).cameras.append(camera)
        ordered = [groups[k] for k in sorted(groups, key=sort_key)]
        favourites = [c for c in shown if str(c["id"]) in self._favourites]
        if favourites:
            ordered.insert(0, _Group(FAVOURITES_GROUP, favourites))
        self._groups = ordered
        self.endResetModel()

    # -- QAbstractItemModel -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        group_row = parent.row()
        if row >= len(self._groups[group_row].cameras):
            return QModelIndex()
        return self.createIndex(row, 0, group_row + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0:
            return len(self._groups[parent.row()].cameras)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def _group_title(self, group: _Group) -> str:
        if group.key == FAVOURITES_GROUP:
            return QCoreApplication.translate("CameraTreeModel", "★ Favourites")
        if not group.key:
            return (
                QCoreApplication.translate("CameraTreeModel", "(no ward)")
                if self._group_by == GROUP_BY_WARD
                else QCoreApplication.translate("CameraTreeModel", "(no category)")
            )
        return group.key

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                online = sum(1 for c in group.cameras if c.get("status") == "online")
                return f"{self._group_title(group)} ({online}/{len(group.cameras)})"
            if role == IS_GROUP_ROLE:
                return True
            if role == GROUP_CAMERAS_ROLE:
                return [str(c["id"]) for c in group.cameras]
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "CameraTreeModel", "Drag the group onto the wall to show all its cameras"
                )
            return None
        camera = self._groups[index.internalId() - 1].cameras[index.row()]
        status = str(camera.get("status", ""))
        if role == Qt.ItemDataRole.DisplayRole:
            star = "★ " if str(camera["id"]) in self._favourites else ""
            return f"{star}{camera.get('name', camera['id'])}"
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#9aa7b4") if status == "offline" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            ptz = QCoreApplication.translate("CameraTreeModel", ", PTZ") if camera.get("ptz") else ""
            return f"{camera.get('name', '')} — {camera['id']} — {status_text(status)}{ptz}"
        if role == CAMERA_ID_ROLE:
            return str(camera["id"])
        if role == CAMERA_DATA_ROLE:
            return dict(camera)
        if role == IS_GROUP_ROLE:
            return False
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[str] = []
        for index in indexes:
            if not index.isValid():
                continue
            if index.internalId() == 0:
                ids.extend(self.group_cameras(index.row()))
            else:
                ids.append(str(index.data(CAMERA_ID_ROLE)))
        return encode_camera_ids(list(dict.fromkeys(ids)))
