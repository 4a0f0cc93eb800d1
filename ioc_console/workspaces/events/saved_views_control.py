"""The event log's "Saved views" control: apply, save, update, rename and delete views, offline too."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from backend_client.api.actions import MAX_VIEW_NAME
from backend_client.cache import CacheWriteError
from backend_client.sync import saved_views
from backend_client.sync.saved_views import EVENT_LOG_KIND, ViewBusyError, ViewEntry
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import fill
from ioc_console.services.saved_views_list import SavedViewsList, ViewChange
from widgets.event_log import EventLogView

log = logging.getLogger(__name__)

VIEW_ID_ROLE = Qt.ItemDataRole.UserRole + 60
SAVE_SHORTCUT = "Ctrl+Shift+S"


def view_data(text: str, minimum_level: str) -> dict[str, Any]:
    """What an event-log view stores (docs/API.md "Saved view")."""
    return {"text": text, "min_level": minimum_level}


def matches(view: ViewEntry, text: str, minimum_level: str) -> bool:
    data = view.data
    return str(data.get("text", "")) == text and str(data.get("min_level", "info")) == minimum_level


class SavedViewsControl(QWidget):
    """A combo of the operator's saved views plus a menu to save/update/rename/delete them.

    The combo names the view the operator picked (or, after a start, the one whose filters
    the log shows), marked "changed" once the filters differ from it, so a glance tells
    what the log is showing. Every change is an outbox action
    (queued on the cache pool, shown at once, sent when the server is reachable); the list
    is read from the cache on the cache pool; the sync engine refreshes it from the server on every connect.
    The GUI thread never touches the network or the disk.
    """

    views_loaded = Signal()  # the combo was refilled from the cache
    change_queued = Signal(object)  # backend_client.sync.saved_views.QueuedChange, after its commit
    change_failed = Signal(object)  # the error

    def __init__(
        self,
        connection: ConnectionService,
        view: EventLogView,
        parent: QWidget | None = None,
        *,
        kind: str = EVENT_LOG_KIND,
    ) -> None:
        super().__init__(parent)
        self._kind = kind  # the saved-view kind (/me/views) its workspace owns
        self.setObjectName("savedViewsControl")
        self._connection = connection
        self._log_view = view
        self._views: list[ViewEntry] = []
        self._selected: ViewEntry | None = None
        self._modified = False  # the log's filters differ from the selected view's
        self._wanted: str | None = None  # a name just saved or renamed to: select it once it is listed
        self._list = SavedViewsList(connection, kind, self)
        self._applying = False
        self._dialog: QDialog | None = None
        self._message: QMessageBox | None = None

        # No label: the combo's first entry says what it is ("— Saved views —"), and the filter bar
        # must still fit a small screen (the explicit minimums are below the natural sizes).
        self._combo = QComboBox(self)
        self._combo.setObjectName("savedViewCombo")
        self._combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._combo.setMinimumContentsLength(6)
        self._combo.setMinimumWidth(56)
        self._combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._combo.activated.connect(self._on_activated)

        self.act_save = self._make_action("savedViewSave", self.save_current)
        self.act_save.setShortcut(QKeySequence(SAVE_SHORTCUT))
        # Only while the Live events workspace has focus: other workspaces may want the keys.
        self.act_save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(self.act_save)
        self.act_update = self._make_action("savedViewUpdate", self.update_selected)
        self.act_rename = self._make_action("savedViewRename", self.rename_selected)
        self.act_delete = self._make_action("savedViewDelete", self.delete_selected)
        self._menu = QMenu(self)
        self._menu.setObjectName("savedViewMenu")
        self._menu.setToolTipsVisible(True)
        self._menu.addAction(self.act_save)
        self._menu.addSeparator()
        for act in (self.act_update, self.act_rename, self.act_delete):
            self._menu.addAction(act)
        self._menu.aboutToShow.connect(self._update_actions)
        self._button = QToolButton(self)
        self._button.setObjectName("savedViewMenuButton")
        self._button.setMenu(self._menu)
        self._button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # A narrow button (the bar is tight on small screens); no corner arrow drawn on the border.
        self._button.setStyleSheet(
            "QToolButton { padding: 7px 8px; } QToolButton::menu-indicator { image: none; width: 0px; }"
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._combo, 1)
        layout.addWidget(self._button)

        view.filters_changed.connect(self._sync_selection)
        self._list.loaded.connect(self._loaded)
        self._list.change_queued.connect(self.change_queued)
        self._list.change_failed.connect(self._failed)
        self._list.forgotten.connect(self._forget)
        connection.engine_started.connect(self._update_actions)
        connection.state_changed.connect(self._on_state_changed)
        self.retranslate_ui()
        self.reload()

    # -- public API ---------------------------------------------------------------------------
    def combo(self) -> QComboBox:
        return self._combo

    def menu_button(self) -> QToolButton:
        return self._button

    def views(self) -> list[ViewEntry]:
        return list(self._views)

    def selected(self) -> ViewEntry | None:
        """The view picked (or matching the filters at start); see ``is_modified``."""
        return self._selected

    def is_modified(self) -> bool:
        """True when the log's filters were changed after the selected view was applied."""
        return self._modified

    def open_dialog(self) -> QDialog | None:
        """The name dialog last opened, while it exists (it deletes itself when closed)."""
        return self._dialog if self._dialog is not None and shiboken6.isValid(self._dialog) else None

    def last_message(self) -> QMessageBox | None:
        """The message box last shown, while it exists (it deletes itself when closed)."""
        return self._message if self._message is not None and shiboken6.isValid(self._message) else None

    def current_data(self) -> dict[str, Any]:
        return view_data(self._log_view.text_filter(), self._log_view.minimum_level())

    def apply(self, view: ViewEntry) -> None:
        """Show the log through ``view``'s filters."""
        data = view.data
        level = data.get("min_level")
        self._applying = True
        try:
            self._log_view.apply_filters(str(data.get("text", "")), str(level) if level is not None else "info")
        finally:
            self._applying = False
        self._sync_selection()

    def reload(self) -> None:
        """Re-read the views from the cache (on the cache pool) and refill the combo."""
        self._list.reload()

    def save_current(self) -> None:
        """Ask for a name and save the log's current filters under it."""
        if not self._may_change():
            return
        dialog = self._name_dialog(
            self.tr("Save view"),
            self.tr("Name of the view (the current filter text and level are saved):"),
            self._selected.name if self._selected is not None else "",
        )
        dialog.setObjectName("saveViewDialog")
        data = self.current_data()
        dialog.textValueSelected.connect(lambda name: self._save_as(name, data))
        self._show_dialog(dialog)

    def update_selected(self) -> None:
        """Store the log's current filters in the selected view (asks first)."""
        target = self._selected
        if target is None or not self._may_change():
            return
        self._replace(target, self.current_data())

    def rename_selected(self) -> None:
        target = self._selected
        if target is None or not self._may_change():
            return
        dialog = self._name_dialog(
            self.tr("Rename view"), fill(self.tr("New name for the view “%1”:"), target.name), target.name
        )
        dialog.setObjectName("renameViewDialog")
        dialog.textValueSelected.connect(lambda name: self._rename(target, name))
        self._show_dialog(dialog)

    def delete_selected(self) -> None:
        """Delete the selected view after a confirmation."""
        target = self._selected
        if target is None or not self._may_change():
            return
        box = self._question(
            "deleteViewBox",
            self.tr("Delete view"),
            fill(self.tr("Delete the saved view “%1”?\nThe events shown do not change."), target.name),
            self.tr("Delete"),
        )
        box.accepted.connect(lambda: self._queue(lambda submit, store: saved_views.queue_delete(submit, store, target)))
        self._show_message(box)

    # -- doing it ----------------------------------------------------------------------------
    def _save_as(self, name: str, data: dict[str, Any]) -> None:
        try:
            existing = saved_views.find_by_name(self._views, name)
            self._wanted = saved_views.view_name(name)
        except ValueError:
            existing = None  # an unusable name is refused with its reason when queued below
        if existing is None:
            self._queue(lambda submit, store: saved_views.queue_create(submit, store, name, data, kind=self._kind))
        elif existing.data == data:
            self.apply(existing)  # already saved exactly so: nothing to send
        else:
            self._replace(existing, data)

    def _replace(self, target: ViewEntry, data: dict[str, Any]) -> None:
        box = self._question(
            "replaceViewBox",
            self.tr("Replace view"),
            fill(self.tr("Replace the filters saved in “%1” with the current ones?"), target.name),
            self.tr("Replace"),
        )
        box.accepted.connect(
            lambda: self._queue(lambda submit, store: saved_views.queue_update(submit, store, target, data=data))
        )
        self._show_message(box)

    def _rename(self, target: ViewEntry, name: str) -> None:
        try:
            clash = saved_views.find_by_name(self._views, name)
            wanted: str | None = saved_views.view_name(name)
        except ValueError:
            clash, wanted = None, None  # refused with its reason when queued below
        if clash is not None and clash.id != target.id:
            self._inform(fill(self.tr("There is already a view named “%1”. Choose another name."), clash.name))
            return
        if clash is not None:
            return  # the same name: nothing to change
        self._wanted = wanted
        self._queue(lambda submit, store: saved_views.queue_update(submit, store, target, name=name))

    def _queue(self, change: ViewChange) -> None:
        """Run one change on the cache pool: it writes the outbox (and placeholder) durably."""
        if not self._list.queue(change):
            self._inform(self.tr("Sign in first: views are saved for your account."))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ViewBusyError):
            detail = self.tr("Its previous change is being sent right now. Try again in a moment.")
        elif isinstance(error, CacheWriteError) and error.reason == "disk_full":
            detail = self.tr("The disk of this computer is full. Free some disk space, then try again.")
        elif isinstance(error, CacheWriteError):
            detail = fill(self.tr("The local cache could not save it: %1"), error.message)
        elif isinstance(error, ValueError):
            detail = fill(self.tr("It was not accepted: %1"), str(error))
        else:
            detail = fill(self.tr("Unexpected error: %1"), str(error) or type(error).__name__)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("View not saved"),
            fill(self.tr("The change to your saved views was NOT made.\n%1"), detail),
            QMessageBox.StandardButton.Ok,
            self.window(),
        )
        box.setObjectName("viewNotSavedBox")
        self._show_message(box)
        self.change_failed.emit(error)

    # -- list and selection ------------------------------------------------------------------
    def _loaded(self, views: list[ViewEntry]) -> None:
        self._views = list(views)
        self._refill()
        self.views_loaded.emit()

    def _refill(self) -> None:
        self._combo.blockSignals(True)
        try:
            self._combo.clear()
            self._combo.addItem(self.tr("— Saved views —"), None)
            italic = QFont(self._combo.font())
            italic.setItalic(True)
            for view in self._views:
                self._combo.addItem(self._item_text(view, modified=False), view.id)
                row = self._combo.count() - 1
                if view.pending:
                    self._combo.setItemData(row, italic, Qt.ItemDataRole.FontRole)
        finally:
            self._combo.blockSignals(False)
        self._sync_selection()

    def _item_text(self, view: ViewEntry, *, modified: bool) -> str:
        # The marks go in front: a narrow combo elides the end of the text, and the state matters most.
        text = fill(self.tr("⏳ %1 (waiting to send)"), view.name) if view.pending else view.name
        return fill(self.tr("✎ %1 (changed)"), text) if modified else text

    def _update_tooltip(self) -> None:
        view = self._selected
        if view is None:
            tip = self.tr("Pick a saved view to show the log through its filters")
        elif self._modified:
            tip = fill(
                self.tr("“%1”: the filters now differ from the saved ones. Use ⋯ → Update to keep the current ones."),
                view.name,
            )
        elif view.pending:
            tip = fill(
                self.tr("“%1”: saved on this computer, sent to the server as soon as it can be reached."), view.name
            )
        else:
            tip = fill(self.tr("The log shows the saved view “%1”."), view.name)
        self._combo.setToolTip(tip)

    def _sync_selection(self) -> None:
        """Keep the picked view selected (found again by id, or by name once a placeholder became the
        server's row); with none picked, select one whose filters the log shows. Mark it changed."""
        if self._applying:
            return
        text, level = self._log_view.text_filter(), self._log_view.minimum_level()
        previous, chosen = self._selected, None
        if self._wanted is not None:
            chosen = next((v for v in self._views if v.name == self._wanted), None)
            if chosen is not None:
                self._wanted = None
        if chosen is None and previous is not None:
            chosen = next((v for v in self._views if v.id == previous.id), None) or next(
                (v for v in self._views if v.name == previous.name), None
            )
        if chosen is None:
            chosen = next((v for v in self._views if matches(v, text, level)), None)
        old_row = self._combo.findData(previous.id) if previous is not None else -1
        self._selected = chosen
        self._modified = chosen is not None and not matches(chosen, text, level)
        row = self._combo.findData(chosen.id) if chosen is not None else 0
        self._combo.blockSignals(True)
        try:
            if old_row > 0 and old_row != row:
                self._combo.setItemText(old_row, self._item_text(self._views[old_row - 1], modified=False))
            if chosen is not None and row > 0:
                self._combo.setItemText(row, self._item_text(chosen, modified=self._modified))
            self._combo.setCurrentIndex(max(row, 0))
        finally:
            self._combo.blockSignals(False)
        self._update_tooltip()
        self._update_actions()

    def _on_activated(self, row: int) -> None:
        view_id = self._combo.itemData(row)
        view = next((v for v in self._views if v.id == view_id), None)
        if view is None:  # "none": the filters stay as they are, no view is followed any more
            previous, self._selected = self._selected, None
            self._modified = False
            if previous is not None:
                row = self._combo.findData(previous.id)
                if row > 0:
                    self._combo.setItemText(row, self._item_text(previous, modified=False))
            self._update_tooltip()
            self._update_actions()
            return
        self._selected = view
        self.apply(view)
        self._log_view.table().setFocus(Qt.FocusReason.OtherFocusReason)

    def _forget(self) -> None:
        """After sign-out the next person at this console must not see the previous user's views."""
        self._views, self._selected, self._modified, self._wanted = [], None, False, None
        self._refill()

    def _on_state_changed(self, state: str) -> None:
        self._update_actions()

    def _may_change(self) -> bool:
        return self._connection.engine is not None and self._connection.store is not None

    def _update_actions(self) -> None:
        ready = self._may_change()
        chosen = self._selected is not None
        self.act_save.setEnabled(ready)
        for act in (self.act_update, self.act_rename, self.act_delete):
            act.setEnabled(ready and chosen)
        self.act_update.setEnabled(ready and chosen and self._modified)
        self._combo.setEnabled(bool(self._views) or self._connection.store is not None)
        self._retranslate_actions()

    # -- dialogs -----------------------------------------------------------------------------
    def _name_dialog(self, title: str, label: str, text: str) -> QInputDialog:
        dialog = QInputDialog(self.window())
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.setOkButtonText(self.tr("Save"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            edit.setMaxLength(MAX_VIEW_NAME)
        dialog.textValueChanged.connect(lambda value: self._name_ok(dialog, value))
        self._name_ok(dialog, text)
        return dialog

    @staticmethod
    def _name_ok(dialog: QInputDialog, value: str) -> None:
        box = dialog.findChild(QDialogButtonBox)
        if box is not None:
            box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(value.strip()))

    def _show_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def _question(self, name: str, title: str, text: str, yes: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self.window(),
        )
        box.setObjectName(name)
        box.button(QMessageBox.StandardButton.Ok).setText(yes)
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def _inform(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Saved views"), text, QMessageBox.StandardButton.Ok, self.window()
        )
        box.setObjectName("savedViewInfoBox")
        self._show_message(box)

    def _show_message(self, box: QMessageBox) -> None:
        # Outside text (a view name) is shown as plain text, never interpreted as HTML.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._message = box
        box.open()

    def _make_action(self, name: str, slot: Callable[[], None]) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        act.triggered.connect(slot)
        return act

    # -- language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._combo.setAccessibleName(self.tr("Saved view"))
        self._button.setText("⋯")
        self._button.setAccessibleName(self.tr("Manage saved views"))
        self._button.setToolTip(
            fill(
                self.tr("Save, update, rename or delete saved views (%1 saves the current filters)"),
                QKeySequence(SAVE_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText),
            )
        )
        self._refill()

    def _retranslate_actions(self) -> None:
        name = self._selected.name if self._selected is not None else ""
        self.act_save.setText(self.tr("&Save current filters as a view…"))
        if name:
            self.act_update.setText(fill(self.tr("&Update “%1” with the current filters"), name))
            self.act_rename.setText(fill(self.tr("&Rename “%1”…"), name))
            self.act_delete.setText(fill(self.tr("&Delete “%1”…"), name))
        else:
            self.act_update.setText(self.tr("&Update the selected view with the current filters"))
            self.act_rename.setText(self.tr("&Rename the selected view…"))
            self.act_delete.setText(self.tr("&Delete the selected view…"))
        self.act_update.setToolTip(self.tr("Available when the filters differ from the selected view"))
