"""The camera tree panel: search, ward or category grouping, the tree (drag to the wall, double-click: one view)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

from ioc_console.workspaces.video.camera_tree_model import (
    CAMERA_ID_ROLE,
    GROUP_BY_CATEGORY,
    GROUP_BY_WARD,
    GROUP_CAMERAS_ROLE,
    IS_GROUP_ROLE,
    CameraTreeModel,
)

FILTER_DELAY_MS = 120  # typing "vy da" rebuilds the tree once, not per key


class CameraTree(QWidget):
    single_view_requested = Signal(str)  # camera id (double-click)
    tour_requested = Signal(list)  # camera ids of a group
    favourites_changed = Signal()
    favourite_toggled = Signal(str, bool)  # camera id, whether it is a favourite now

    def __init__(self, model: CameraTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraTree")
        self.model = model
        self.search = QLineEdit(self)
        self.search.setObjectName("cameraSearch")
        self.search.setClearButtonEnabled(True)
        self.group_by = QComboBox(self)
        self.group_by.setObjectName("cameraGroupBy")
        self.group_by.addItem("", GROUP_BY_WARD)
        self.group_by.addItem("", GROUP_BY_CATEGORY)
        self.group_by.currentIndexChanged.connect(lambda _i: model.set_group_by(self.group_by.currentData()))
        self.tree = QTreeView(self)
        self.tree.setObjectName("cameraTreeView")
        self.tree.setModel(model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # 700 cameras: no per-row size queries
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        model.modelReset.connect(self._after_reset)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(lambda: model.set_filter(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._timer.start())

        self.act_favourite = QAction(self)
        self.act_favourite.setObjectName("cameraFavourite")
        self.act_favourite.triggered.connect(self.toggle_current_favourite)
        self.act_tour = QAction(self)
        self.act_tour.setObjectName("cameraTourGroup")
        self.act_tour.triggered.connect(self._tour_current)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.group_by)
        layout.addWidget(self.tree, 1)
        self.retranslate_ui()

    def apply_filter_now(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.search.text())

    def current_camera(self) -> str | None:
        index = self.tree.currentIndex()
        return None if not index.isValid() or index.data(IS_GROUP_ROLE) else index.data(CAMERA_ID_ROLE)

    def toggle_current_favourite(self) -> None:
        camera_id = self.current_camera()
        if camera_id is not None:
            on = self.model.toggle_favourite(camera_id)
            self.favourite_toggled.emit(camera_id, on)
            self.favourites_changed.emit()

    def _tour_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and not index.data(IS_GROUP_ROLE):
            index = index.parent()
        if index.isValid():
            self.tour_requested.emit(list(index.data(GROUP_CAMERAS_ROLE) or []))

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and not index.data(IS_GROUP_ROLE):
            self.single_view_requested.emit(str(index.data(CAMERA_ID_ROLE)))
        elif index.isValid():
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def _after_reset(self) -> None:
        # While searching, show every match; otherwise only the favourites are open.
        if self.model.filter_text():
            self.tree.expandAll()
        elif self.model.rowCount() > 0 and self.model.favourites():
            self.tree.expand(self.model.index(0, 0))

    def _context_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        if not index.isValid():
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        if not index.data(IS_GROUP_ROLE):
            camera_id = str(index.data(CAMERA_ID_ROLE))
            self.act_favourite.setText(
                self.tr("Remove from favourites")
                if camera_id in self.model.favourites()
                else self.tr("Add to favourites")
            )
            menu.addAction(self.act_favourite)
        menu.addAction(self.act_tour)
        menu.popup(self.tree.viewport().mapToGlobal(position))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search cameras (name, ward, id)…"))
        self.group_by.setItemText(0, self.tr("Group by ward"))
        self.group_by.setItemText(1, self.tr("Group by category"))
        self.act_favourite.setText(self.tr("Add to favourites"))
        self.act_tour.setText(self.tr("Tour this group on the wall"))
