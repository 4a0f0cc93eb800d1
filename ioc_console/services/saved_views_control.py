"""A combo of the operator's saved views of one kind, with a menu to save, update and delete them.

Shared by the workspaces that keep named views in /me/views (the video wall's layouts, the map's
views): changes are outbox actions queued on the cache pool (so they work offline and reach the
server later); the list is read from the cache (cached server rows with the waiting changes laid
over them), refreshed by the sync engine on every connect. A subclass gives the words
(:meth:`texts`, translated in its own context) and the object-name prefix.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLineEdit, QMenu, QMessageBox, QToolButton, QWidget

from backend_client.api.actions import MAX_VIEW_NAME
from backend_client.sync import saved_views
from backend_client.sync.saved_views import ViewEntry
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import fill
from ioc_console.services.saved_views_list import SavedViewsList, ViewChange

log = logging.getLogger(__name__)

#: The words a control needs, by key; see :meth:`SavedViewsControl.texts`.
TEXT_KEYS = (
    "save_title",
    "save_label",
    "delete_title",
    "delete_question",
    "sign_in_first",
    "not_made",
    "info_title",
    "placeholder",
    "waiting",
    "accessible_name",
    "menu_tooltip",
    "act_save",
    "act_update",
    "act_delete",
)


class SavedViewsControl(QWidget):
    view_selected = Signal(object)  # ViewEntry, chosen in the combo (or by name)
    views_loaded = Signal()
    change_queued = Signal(object)
    change_failed = Signal(object)

    #: Object names are this prefix plus a part ("Combo", "Save"...); tests and styles find them.
    NAME_PREFIX = "savedView"

    def __init__(
        self,
        connection: ConnectionService,
        kind: str,
        current: Callable[[], dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        prefix = self.NAME_PREFIX
        self.setObjectName(f"{prefix}sControl")
        self._connection = connection
        self._kind = kind
        self._current = current
        self._views: list[ViewEntry] = []
        self._list = SavedViewsList(connection, kind, self)
        self._dialog: QInputDialog | None = None
        self._message: QMessageBox | None = None

        self._combo = QComboBox(self)
        self._combo.setObjectName(f"{prefix}Combo")
        # Narrow by default: toolbars must fit a small screen.
        self._combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._combo.setMinimumContentsLength(6)
        self._combo.activated.connect(self._on_activated)
        self._menu = QMenu(self)
        self.act_save = self._menu.addAction("")
        self.act_save.setObjectName(f"{prefix}Save")
        self.act_save.triggered.connect(self.save_current)
        self.act_update = self._menu.addAction("")
        self.act_update.setObjectName(f"{prefix}Update")
        self.act_update.triggered.connect(self.update_selected)
        self.act_delete = self._menu.addAction("")
        self.act_delete.setObjectName(f"{prefix}Delete")
        self.act_delete.triggered.connect(self.delete_selected)
        self._button = QToolButton(self)
        self._button.setObjectName(f"{prefix}MenuButton")
        self._button.setMenu(self._menu)
        self._button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._combo, 1)
        layout.addWidget(self._button)

        self._list.loaded.connect(self._loaded)
        self._list.change_queued.connect(self.change_queued)
        self._list.change_failed.connect(self._failed)
        self._list.forgotten.connect(self._forget)
        self.retranslate_ui()
        self.reload()

    def texts(self) -> dict[str, str]:
        """The translated words, one per key of :data:`TEXT_KEYS` ("delete_question" and
        "not_made" hold a %1)."""
        raise NotImplementedError

    def _t(self, key: str) -> str:
        return self.texts()[key]

    # -- reading --------------------------------------------------------------------------------
    def combo(self) -> QComboBox:
        return self._combo

    def views(self) -> list[ViewEntry]:
        return list(self._views)

    def selected(self) -> ViewEntry | None:
        view_id = self._combo.currentData()
        return next((v for v in self._views if v.id == view_id), None)

    def open_dialog(self) -> QInputDialog | None:
        return self._dialog if self._dialog is not None and shiboken6.isValid(self._dialog) else None

    def last_message(self) -> QMessageBox | None:
        return self._message if self._message is not None and shiboken6.isValid(self._message) else None

    def reload(self) -> None:
        """Re-read the views from the cache (cache pool) and refill the combo."""
        self._list.reload()

    def apply(self, view: ViewEntry) -> None:
        self.view_selected.emit(view)

    def select_by_name(self, name: str) -> bool:
        """Pick and apply the view called ``name`` (as the combo would); False if there is none."""
        view = next((v for v in self._views if v.name == name), None)
        if view is None:
            return False
        self._combo.setCurrentIndex(self._combo.findData(view.id))
        self.apply(view)
        return True

    # -- changing -------------------------------------------------------------------------------
    def save_current(self) -> None:
        """Ask for a name and save the current state under it."""
        if not self._ready():
            return
        dialog = QInputDialog(self.window())
        dialog.setObjectName(f"{self.NAME_PREFIX}SaveDialog")
        dialog.setWindowTitle(self._t("save_title"))
        dialog.setLabelText(self._t("save_label"))
        selected = self.selected()
        dialog.setTextValue(selected.name if selected is not None else "")
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            edit.setMaxLength(MAX_VIEW_NAME)
        data = self._current()
        dialog.textValueSelected.connect(lambda name: self.save_as(name, data))
        self._dialog = dialog
        dialog.open()

    def save_as(self, name: str, data: dict[str, Any]) -> None:
        try:
            existing = saved_views.find_by_name(self._views, name)
        except ValueError:
            existing = None  # refused with its reason when queued
        kind = self._kind
        if existing is None:
            self._queue(lambda submit, store: saved_views.queue_create(submit, store, name, data, kind=kind))
        else:
            self._queue(lambda submit, store: saved_views.queue_update(submit, store, existing, data=data))

    def update_selected(self) -> None:
        view = self.selected()
        if view is not None and self._ready():
            data = self._current()
            self._queue(lambda submit, store: saved_views.queue_update(submit, store, view, data=data))

    def delete_selected(self) -> None:
        view = self.selected()
        if view is None or not self._ready():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self._t("delete_title"),
            fill(self._t("delete_question"), view.name),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self.window(),
        )
        box.setObjectName(f"{self.NAME_PREFIX}DeleteBox")
        box.accepted.connect(lambda: self._queue(lambda submit, store: saved_views.queue_delete(submit, store, view)))
        self._message = box
        box.open()

    def _ready(self) -> bool:
        if self._connection.engine is None or self._connection.store is None:
            self._inform(self._t("sign_in_first"))
            return False
        return True

    def _queue(self, change: ViewChange) -> None:
        self._list.queue(change)

    def _failed(self, error: BaseException) -> None:
        self._inform(fill(self._t("not_made"), str(error)))
        self.change_failed.emit(error)

    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self._t("info_title"), text, QMessageBox.StandardButton.Ok)
        box.setObjectName(f"{self.NAME_PREFIX}InfoBox")
        self._message = box
        box.open()

    # -- list -------------------------------------------------------------------------------------
    def _loaded(self, views: list[ViewEntry]) -> None:
        keep = self._combo.currentData()
        self._views = list(views)
        self._refill(keep)
        self.views_loaded.emit()

    def _refill(self, keep: Any = None) -> None:
        self._combo.blockSignals(True)
        try:
            self._combo.clear()
            self._combo.addItem(self._t("placeholder"), None)
            for view in self._views:
                mark = self._t("waiting") if view.pending else ""
                self._combo.addItem(f"{view.name}{mark}", view.id)
            row = self._combo.findData(keep) if keep is not None else 0
            self._combo.setCurrentIndex(max(row, 0))
        finally:
            self._combo.blockSignals(False)
        self._update_actions()

    def _on_activated(self, row: int) -> None:
        view = self.selected()
        if view is not None:
            self.apply(view)
        self._update_actions()

    def _forget(self) -> None:
        self._views = []
        self._refill()

    def _update_actions(self) -> None:
        chosen = self.selected() is not None
        self.act_update.setEnabled(chosen)
        self.act_delete.setEnabled(chosen)

    # -- language ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._combo.setAccessibleName(self._t("accessible_name"))
        self._button.setText("⋯")
        self._button.setToolTip(self._t("menu_tooltip"))
        self.act_save.setText(self._t("act_save"))
        self.act_update.setText(self._t("act_update"))
        self.act_delete.setText(self._t("act_delete"))
        self._refill(self._combo.currentData())
