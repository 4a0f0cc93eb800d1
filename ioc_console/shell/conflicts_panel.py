"""The "Conflicts" panel: my action vs the server's current version, and the operator's choice."""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services import event_text, outbox_text
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import fill
from ioc_console.services.outbox_model import COL_ACTION, ENTRY_ROLE, ConflictFilterModel, OutboxModel

log = logging.getLogger(__name__)

RETRY_ON_CURRENT = "retry_on_current"
DISCARD = "discard"


class ConflictsPanel(QWidget):
    """Lists the actions the server refused because the resource changed meanwhile (409)."""

    resolved = Signal(int, str)  # entry id, choice

    def __init__(self, connection: ConnectionService, model: OutboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsPanel")
        self._connection = connection
        self._outbox = model
        self._busy = False
        self.filter_model = ConflictFilterModel(self)
        self.filter_model.setSourceModel(model)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._list = QListView(self)
        self._list.setObjectName("conflictList")
        self._list.setModel(self.filter_model)
        self._list.setModelColumn(COL_ACTION)
        self._mine_title = QLabel(self)
        self._server_title = QLabel(self)
        for title in (self._mine_title, self._server_title):
            title.setStyleSheet("font-weight: 700;")
        self._mine = QLabel(self)
        self._mine.setObjectName("conflictMine")
        self._server = QLabel(self)
        self._server.setObjectName("conflictServer")
        for label in (self._mine, self._server):
            label.setTextFormat(Qt.TextFormat.RichText)  # built from escaped text only
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setMinimumWidth(220)
        self._retry = QPushButton(self)
        self._retry.setObjectName("conflictRetry")
        self._retry.setDefault(True)
        self._retry.clicked.connect(lambda: self.resolve_current(RETRY_ON_CURRENT))
        self._discard = QPushButton(self)
        self._discard.setObjectName("conflictDiscard")
        self._discard.clicked.connect(lambda: self.resolve_current(DISCARD))
        compare = QGridLayout()
        compare.addWidget(self._mine_title, 0, 0)
        compare.addWidget(self._server_title, 0, 1)
        compare.addWidget(self._mine, 1, 0)
        compare.addWidget(self._server, 1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._discard)
        buttons.addWidget(self._retry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._intro)
        layout.addWidget(self._list, 1)
        layout.addLayout(compare)
        layout.addLayout(buttons)
        self._list.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        for signal in (self.filter_model.rowsInserted, self.filter_model.rowsRemoved, self.filter_model.modelReset):
            signal.connect(lambda *_: self._select_first_if_none())
        self.retranslate_ui()

    # -- public -------------------------------------------------------------------------------
    def count(self) -> int:
        return self.filter_model.rowCount()

    def current_entry(self) -> Any:
        index = self._list.currentIndex()
        return index.data(ENTRY_ROLE) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.filter_model.index(row, COL_ACTION)
        self._list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def mine_text(self) -> str:
        return self._mine.text()

    def server_text(self) -> str:
        return self._server.text()

    def retry_button(self) -> QPushButton:
        return self._retry

    def discard_button(self) -> QPushButton:
        return self._discard

    def resolve_current(self, choice: str) -> None:
        entry = self.current_entry()
        if entry is None or self._busy:
            return
        self._busy = True
        self._update_buttons()
        self._connection.resolve_conflict(
            entry.id,
            choice,
            on_success=lambda _new: self._resolved(entry.id, choice),
            on_failure=self._failed,
            parent=self,
        )

    # -- internals ------------------------------------------------------------------------------
    def _resolved(self, entry_id: int, choice: str) -> None:
        self._busy = False
        self._update_buttons()
        self._outbox.reload()  # the old entry is withdrawn; a retry is queued as a new one
        self.resolved.emit(entry_id, choice)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        log.warning("conflict not resolved: %s", error)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Conflict not resolved"),
            fill(self.tr("Your choice could not be saved: %1"), getattr(error, "message", str(error))),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _select_first_if_none(self) -> None:
        if not self._list.currentIndex().isValid() and self.filter_model.rowCount():
            self.select_row(0)
        self._show_current()

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        has = entry is not None
        # An action that does not depend on a version (a vote) cannot be re-applied on the
        # server's new version: resending it would meet the same refusal (e.g. poll closed).
        self._retry.setEnabled(has and entry.base_version is not None and not self._busy)
        self._discard.setEnabled(has and not self._busy)

    def _show_current(self) -> None:
        entry = self.current_entry()
        self._update_buttons()
        if entry is None:
            self._mine.setText(html.escape(self.tr("No conflict selected.")))
            self._server.setText("")
            return
        me = getattr(self._connection.user, "username", "") or ""
        kind = outbox_text.intent(entry)
        body = entry.body if isinstance(entry.body, Mapping) else {}
        target = outbox_text.target_state(entry)
        if target is not None:
            state = event_text.status_label("alert", target)
        elif kind == "verify":  # confirmed: only a new alert changes state
            state = fill(self.tr("%1 if it was new"), event_text.status_label("alert", "acknowledged"))
        else:
            state = outbox_text.target_label(entry) or ""
        if kind in ("acknowledged", "in_progress"):
            owner = me
        elif kind == "dispatch" or (kind == "verify" and body.get("verdict") == "confirmed"):
            owner = fill(self.tr("%1 if it had none"), me)
        else:
            owner = "—"
        mine = {
            self.tr("Action"): outbox_text.describe(entry),
            self.tr("State"): state,
            self.tr("Owner"): owner,
        }
        if kind == "verify":
            mine[self.tr("Verification")] = outbox_text.verdict_label(body.get("verdict"))
        if kind == "dispatch":
            mine[self.tr("Dispatched to")] = str(body.get("unit") or "")
        mine[self.tr("Version")] = "" if entry.base_version is None else str(entry.base_version)
        mine[self.tr("Time")] = _time(entry.created_at)
        current = entry.server_current if isinstance(entry.server_current, Mapping) else {}
        if entry.resource == "meeting":
            self._mine.setText(_table(mine))
            self._server.setText(_table(self._meeting_now(entry, current)))
            return
        server = {
            self.tr("State"): event_text.status_label(entry.resource or "alert", current.get("state"))
            if current
            else "",
            self.tr("Owner"): str(current.get("owner") or "—"),
        }
        verification = current.get("verification")
        if isinstance(verification, Mapping):
            server[self.tr("Verification")] = fill(
                self.tr("%1 (%2, %3)"),
                outbox_text.verdict_label(verification.get("verdict")),
                str(verification.get("by") or ""),
                _time(verification.get("at")),
            )
        elif kind == "verify" and current:
            server[self.tr("Verification")] = "—"
        dispatch = current.get("dispatch")
        if isinstance(dispatch, Mapping):
            server[self.tr("Dispatched to")] = fill(
                self.tr("%1 (%2, %3)"),
                str(dispatch.get("unit") or ""),
                str(dispatch.get("by") or ""),
                _time(dispatch.get("at")),
            )
        elif kind == "dispatch" and current:
            server[self.tr("Dispatched to")] = "—"
        server[self.tr("Version")] = str(current.get("version", ""))
        server[self.tr("Time")] = _time(current.get("updated_at"))
        if current.get("close_reason"):
            server[self.tr("Close reason")] = outbox_text.close_reason_label(current.get("close_reason"))
        self._mine.setText(_table(mine))
        self._server.setText(_table(server) if current else html.escape(str(entry.last_error or "")))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _meeting_now(self, entry: Any, current: Mapping[str, Any]) -> dict[str, str]:
        """A meeting as the server has it now: why it refused, its status and current agenda item."""
        agenda = current.get("agenda") if isinstance(current.get("agenda"), list) else []
        item = next((i for i in agenda if isinstance(i, Mapping) and i.get("state") == "current"), None)
        return {
            self.tr("Why"): str(entry.last_error or ""),
            self.tr("Status"): event_text.status_label("meeting", current.get("status")) if current else "",
            self.tr("Current agenda item"): str(item.get("title") or "") if item is not None else "—",
            self.tr("Version"): str(current.get("version", "")),
            self.tr("Time"): _time(current.get("updated_at")),
        }

    def retranslate_ui(self) -> None:
        self._intro.setText(
            self.tr(
                "Someone changed these on the server after you acted. Compare, then re-apply "
                "your action on the new version or drop it. Nothing is sent until you choose."
            )
        )
        self._mine_title.setText(self.tr("What I did"))
        self._server_title.setText(self.tr("What the server has now"))
        self._retry.setText(self.tr("Re-apply on the new version"))
        self._discard.setText(self.tr("Drop my action"))
        self._show_current()


def _time(value: Any) -> str:
    moment = event_text.parse_time(value)
    return event_text.format_local_time(moment) if moment is not None else str(value or "")


def _table(rows: dict[str, str]) -> str:
    cells = "".join(
        f"<tr><td style='padding-right:10px;color:#8795a4'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
        for k, v in rows.items()
    )
    return f"<table>{cells}</table>"
