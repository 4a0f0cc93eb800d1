"""Operator actions on alert rows of the event log (menu + A/V/D/S/C/N keys, snapshot), queued through the outbox."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QMessageBox, QTableView, QVBoxLayout, QWidget

from ioc_console.services.alert_dialogs import (
    CloseAlertDialog,
    DispatchAlertDialog,
    NoteDialog,
    VerifyAlertDialog,
)
from ioc_console.services.alert_submit import AlertSubmitter, analytic_name
from ioc_console.services.connection import ONLINE, ConnectionService
from ioc_console.services.event_text import AnalyticsCatalogue, fill
from ioc_console.services.ops import run_in_background
from ioc_domain.alerts import moves_from
from ioc_domain.dispatch import suggested_units
from widgets.item_roles import ItemRole

log = logging.getLogger(__name__)


class AlertActions(QObject):
    """Owns the alert-action QActions of one event-log table and submits what they ask for.

    Every action is written to the outbox on the cache pool; the row shows "waiting to
    send" only once that write committed (the outbox model marks it). A failed write
    (disk full...) is shown in a message box and the row stays as it was.
    """

    submitted = Signal(object)  # OutboxEntry, after the enqueue committed
    submit_failed = Signal(object)  # the error
    status_message = Signal(str, int)  # (text, ms) for the window's status bar, through the workspace

    def __init__(
        self,
        connection: ConnectionService,
        table: QTableView,
        parent: QWidget,
        analytics: AnalyticsCatalogue | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        # Names and categories of analytics from the server, when the caller shares its catalogue;
        # without it the dialogs use the built-in categories and a readable code.
        self._analytics = analytics
        self._table = table
        self._parent = parent
        self._dialog: QDialog | None = None
        # Building and queueing the action is shared with the video wall's alarm tile.
        self._submitter = AlertSubmitter(connection, parent)
        self._submitter.submitted.connect(self.submitted)
        self._submitter.submit_failed.connect(self.submit_failed)
        # The cached snapshot of the current alert, looked up on the cache pool while offline
        # (the GUI thread never reads the cache): alert id -> JPEG, or None when none is cached.
        self._cached_snapshot: tuple[str, bytes | None] | None = None
        self._snapshot_lookup: tuple[str, str] | None = None  # (alert id, state) last asked for

        def make(name: str, key: str, slot: Callable[[], object]) -> QAction:
            act = QAction(parent)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            # Single-letter keys must only act while the log has focus (never while typing a filter).
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            table.addAction(act)
            return act

        self.act_acknowledge = make("alertAcknowledge", "A", lambda: self.perform_on_current("acknowledge"))
        self.act_verify = make("alertVerify", "V", self.verify_current)
        self.act_dispatch = make("alertDispatch", "D", self.dispatch_current)
        self.act_start = make("alertStart", "S", lambda: self.perform_on_current("start"))
        self.act_close = make("alertClose", "C", self.close_current)
        self.act_note = make("alertNote", "N", self.note_current)
        self.act_snapshot = QAction(parent)
        self.act_snapshot.setObjectName("alertSnapshot")
        self.act_snapshot.triggered.connect(self.show_snapshot)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.selectionModel().currentChanged.connect(lambda *_: self.update_enabled())
        table.model().dataChanged.connect(lambda *_: self.update_enabled())
        connection.signed_in.connect(lambda _u: self.update_enabled())
        connection.signed_out.connect(self.update_enabled)
        connection.state_changed.connect(lambda _s: self.update_enabled())
        parent.installEventFilter(self)
        self.retranslate_ui()
        self.update_enabled()

    # -- what is allowed --------------------------------------------------------------------
    def may_act(self) -> bool:
        """True when the signed-in user's role may change alerts."""
        return self._submitter.may_act()

    def current_alert(self) -> dict[str, Any] | None:
        index = self._table.currentIndex()
        if not index.isValid():
            return None
        key = index.data(ItemRole.KEY) or ""
        data = index.data(ItemRole.DATA)
        return dict(data) if key.startswith("alert:") and isinstance(data, Mapping) and "id" in data else None

    def update_enabled(self) -> None:
        allowed_role = self.may_act()
        alert = self.current_alert()
        moves = moves_from(str(alert.get("state"))) if alert else frozenset()
        for act, move in (
            (self.act_acknowledge, "acknowledge"),
            (self.act_verify, "verify"),
            (self.act_dispatch, "dispatch"),
            (self.act_start, "start"),
            (self.act_close, "close"),
        ):
            act.setVisible(allowed_role)
            act.setEnabled(allowed_role and move in moves and self._connection.engine is not None)
        self.act_note.setVisible(allowed_role)
        self.act_note.setEnabled(allowed_role and alert is not None and self._connection.engine is not None)
        online = self._connection.state == ONLINE
        if alert is not None and not online:
            self._look_up_cached_snapshot(str(alert["id"]))
        cached = alert is not None and not online and self.cached_snapshot(str(alert["id"])) is not None
        self.act_snapshot.setEnabled(alert is not None and (online or cached))
        if online or alert is None:
            self.act_snapshot.setText(self.tr("View snapshot"))
            self.act_snapshot.setToolTip("")
        elif cached:
            self.act_snapshot.setText(self.tr("View snapshot (cached copy)"))
            self.act_snapshot.setToolTip(
                self.tr("The server cannot be reached now; this shows the copy saved on this computer.")
            )
        else:
            self.act_snapshot.setText(self.tr("View snapshot (needs the server)"))
            self.act_snapshot.setToolTip(
                self.tr("The snapshot image is fetched from the server, which cannot be reached now.")
            )

    def actions(self) -> list[QAction]:
        # In the order an alert is usually handled: take it, check it on camera, hand it over.
        return [self.act_acknowledge, self.act_verify, self.act_dispatch, self.act_start, self.act_close, self.act_note]

    def build_menu(self, parent: QWidget | None = None) -> QMenu:
        """The context menu for the current row (action entries only for roles that may act)."""
        self.update_enabled()
        menu = QMenu(parent or self._table)
        menu.setObjectName("alertContextMenu")
        menu.setToolTipsVisible(True)
        if self.may_act() and self.current_alert() is not None:
            for act in self.actions():
                menu.addAction(act)
            menu.addSeparator()
        if self.current_alert() is not None:
            menu.addAction(self.act_snapshot)
        return menu

    def _context_menu(self, position: QPoint) -> None:
        menu = self.build_menu()
        if not menu.isEmpty():
            menu.popup(self._table.viewport().mapToGlobal(position))

    # -- doing it -----------------------------------------------------------------------------
    def perform_on_current(self, move: str, **options: Any) -> bool:
        alert = self.current_alert()
        if alert is None or not self.may_act():
            return False
        return self.perform(move, alert, **options)

    def perform(self, move: str, alert: Mapping[str, Any], **options: Any) -> bool:
        """Build the action and queue it durably (on the cache pool). False if not possible now
        or if the input is refused (a message box then says why)."""
        return self._submitter.perform(move, alert, **options)

    def close_current(self) -> None:
        alert = self.current_alert()
        if alert is None or not self.act_close.isEnabled():
            return
        dialog = CloseAlertDialog(str(alert["id"]), self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.perform("close", alert, reason=dialog.reason(), note=dialog.note()))
        self._dialog = dialog
        dialog.open()

    def verify_current(self) -> None:
        alert = self.current_alert()
        if alert is None or not self.act_verify.isEnabled():
            return
        dialog = VerifyAlertDialog(alert, self._analytic_name(alert), self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.perform("verify", alert, verdict=dialog.verdict(), note=dialog.note()))
        self._dialog = dialog
        dialog.open()

    def dispatch_current(self) -> None:
        alert = self.current_alert()
        if alert is None or not self.act_dispatch.isEnabled():
            return
        dialog = DispatchAlertDialog(alert, self._analytic_name(alert), self.unit_suggestions(alert), self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.perform("dispatch", alert, unit=dialog.unit(), note=dialog.note()))
        self._dialog = dialog
        dialog.open()

    def unit_suggestions(self, alert: Mapping[str, Any]) -> list[str]:
        """Units to offer for ``alert``, most relevant first for its analytic's category."""
        category = self._analytics.category(alert.get("analytic")) if self._analytics is not None else None
        return suggested_units(alert, category)

    def _analytic_name(self, alert: Mapping[str, Any]) -> str:
        return analytic_name(self._analytics, alert)

    def note_current(self) -> None:
        alert = self.current_alert()
        if alert is None or not self.act_note.isEnabled():
            return
        dialog = NoteDialog(str(alert["id"]), self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.perform("note", alert, text=dialog.text()))
        self._dialog = dialog
        dialog.open()

    def open_dialog(self) -> QDialog | None:
        return self._dialog

    def last_message(self) -> QMessageBox | None:
        return self._submitter.last_message()

    # -- snapshot (live from the server, or the cached copy while offline) ---------------------
    def cached_snapshot(self, alert_id: str) -> bytes | None:
        """The cached JPEG of ``alert_id`` if the last cache lookup found one (GUI thread, no I/O)."""
        found = self._cached_snapshot
        return found[1] if found is not None and found[0] == alert_id else None

    def _look_up_cached_snapshot(self, alert_id: str) -> None:
        key = (alert_id, self._connection.state)
        if key == self._snapshot_lookup:
            return
        self._snapshot_lookup = key

        def found(jpeg: bytes | None) -> None:
            self._cached_snapshot = (alert_id, jpeg)
            current = self.current_alert()
            if current is not None and str(current["id"]) == alert_id:
                self.update_enabled()

        def failed(error: BaseException) -> None:
            log.warning("could not read the cached snapshot of alert %s: %s", alert_id, error)

        self._connection.read_cache(
            lambda store: store.get_snapshot(alert_id), on_success=found, on_failure=failed, parent=self
        )

    def show_snapshot(self) -> None:
        alert = self.current_alert()
        if alert is None:
            return
        alert_id = str(alert["id"])
        if self._connection.state != ONLINE:
            jpeg = self.cached_snapshot(alert_id)
            if jpeg is not None:
                self._show_image(alert_id, jpeg, cached=True)
            return
        client = self._connection.client
        store = self._connection.store

        def fetch() -> bytes:
            jpeg = client.alert_snapshot(int(alert_id))
            if store is not None:
                try:  # keep it for offline use; a cache that cannot take it must not hide the image
                    store.put_snapshot(alert_id, jpeg)
                except Exception as exc:  # noqa: BLE001 - any cache failure: the image is still shown
                    log.warning("the snapshot of alert %s was not cached: %s", alert_id, exc)
            return jpeg

        run_in_background(
            fetch,
            on_success=lambda jpeg: self._show_image(alert_id, jpeg),
            on_failure=self._snapshot_failed,
            parent=self,
        )

    def _show_image(self, alert_id: str, jpeg: bytes, *, cached: bool = False) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(jpeg, "JPEG")
        dialog = QDialog(self._parent)
        dialog.setObjectName("snapshotDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        title = (
            self.tr("Snapshot of alert #%1 (cached copy, the server cannot be reached)")
            if cached
            else self.tr("Snapshot of alert #%1")
        )
        dialog.setWindowTitle(fill(title, alert_id))
        label = QLabel(dialog)
        label.setObjectName("snapshotImage")
        label.setPixmap(pixmap)
        QVBoxLayout(dialog).addWidget(label)
        self._dialog = dialog
        dialog.open()

    def _snapshot_failed(self, error: BaseException) -> None:
        self.status_message.emit(
            fill(self.tr("Could not fetch the snapshot: %1"), getattr(error, "message", str(error))), 10_000
        )

    # -- language -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._parent and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def retranslate_ui(self) -> None:
        self.act_acknowledge.setText(self.tr("&Acknowledge"))
        self.act_verify.setText(self.tr("&Verify on camera…"))
        self.act_dispatch.setText(self.tr("&Dispatch to a unit…"))
        self.act_start.setText(self.tr("&Start handling"))
        self.act_close.setText(self.tr("&Close…"))
        self.act_note.setText(self.tr("Add &note…"))
        self.update_enabled()
