"""Keyboard triage on the queue table: the A/V/D/S/C/N keys on the current alert, F for a false alarm,
Space / Shift+arrows to select, and A / C / D / F on a multi-selection as ONE bulk write through the outbox.

Single-alert moves reuse the console's alert dialogs and submitter (the event log's); a bulk move
is one outbox entry (kind "alert.bulk"), and its answer (which alerts were changed, which were
refused) is shown when the entry completes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QTableView, QWidget

from backend_client.api.actions import bulk_alert_action, bulk_result_of
from ioc_console.services.alert_dialogs import CloseAlertDialog, DispatchAlertDialog, NoteDialog, VerifyAlertDialog
from ioc_console.services.alert_submit import AlertSubmitter, analytic_name
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import AnalyticsCatalogue, fill
from ioc_domain.alerts import moves_from
from ioc_domain.analytics import category_of
from ioc_domain.dispatch import suggested_units

log = logging.getLogger(__name__)

# What each bulk action is called in the result line.
_BULK_NAMES = {"acknowledge": "Acknowledge", "false_alarm": "False alarm", "close": "Close", "dispatch": "Dispatch"}
MAX_BULK = 500  # the API's limit per request (POST /alerts/bulk)
_MOVE_KEYS = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -10,
    Qt.Key.Key_PageDown: 10,
}


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)


class _BulkCloseDialog(CloseAlertDialog):
    """The close dialog, worded for a selection of alerts."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        self._count = count
        super().__init__("", parent)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Close alerts"))
        self._title.setText(fill(self.tr("Close %1 alerts — why?"), str(self._count)))
        self._ok.setText(fill(self.tr("Close %1 alerts"), str(self._count)))


class _BulkDispatchDialog(DispatchAlertDialog):
    """The dispatch dialog, worded for a selection of alerts (units suggested for the first one)."""

    def __init__(
        self, count: int, alert: Mapping[str, Any], name: str, suggestions: list[str], parent: QWidget | None = None
    ) -> None:
        self._count = count
        super().__init__(alert, name, suggestions, parent)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Dispatch alerts"))
        self._title.setText(fill(self.tr("Dispatch %1 alerts to the unit in charge"), str(self._count)))
        self._context.setText("")


class TriageKeys(QObject):
    """The triage keys of one queue table. ``alert_of_row(row)`` reads the table model's alert."""

    status_message = Signal(str, int)
    #: A bulk write was queued durably: (outbox entry id, action, number of alerts).
    bulk_queued = Signal(int, str, int)
    #: A bulk write completed: {"entry_id", "action", "succeeded": [ids], "failed": [(id, code)], "text"}.
    bulk_finished = Signal(dict)
    help_requested = Signal()

    def __init__(
        self,
        connection: ConnectionService,
        table: QTableView,
        alert_of_row: Callable[[int], dict[str, Any] | None],
        parent: QWidget,
        analytics: AnalyticsCatalogue | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._table = table
        self._alert_of_row = alert_of_row
        self._parent = parent
        self._analytics = analytics
        self._dialog: QDialog | None = None
        self._message: QMessageBox | None = None
        self._bulk_entries: dict[int, str] = {}  # outbox entry id -> bulk action
        self._submitter = AlertSubmitter(connection, parent)
        self._submitter.submitted.connect(lambda _entry: self.status_message.emit(self.tr("Action saved"), 3000))

        def make(name: str, key: str, slot: Callable[[], object]) -> QAction:
            act = QAction(parent)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            # Single letters act only while the queue table has the focus (never while typing a filter).
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            table.addAction(act)
            return act

        self.act_acknowledge = make("triageAcknowledge", "A", self.acknowledge)
        self.act_verify = make("triageVerify", "V", lambda: self.verify())  # not triggered(checked)
        self.act_dispatch = make("triageDispatch", "D", self.dispatch)
        self.act_start = make("triageStart", "S", self.start)
        self.act_close = make("triageClose", "C", self.close)
        self.act_note = make("triageNote", "N", self.note)
        self.act_false_alarm = make("triageFalseAlarm", "F", self.false_alarm)
        table.installEventFilter(self)
        table.selectionModel().currentChanged.connect(lambda *_: self.update_enabled())
        table.selectionModel().selectionChanged.connect(lambda *_: self.update_enabled())
        connection.signed_in.connect(lambda _u: self.update_enabled())
        connection.signed_out.connect(self.update_enabled)
        connection.engine_started.connect(self.update_enabled)
        connection.outbox_changed.connect(self._on_outbox)
        self.retranslate_ui()

    # -- what is acted on ------------------------------------------------------------------
    def actions(self) -> list[QAction]:
        return [
            self.act_acknowledge,
            self.act_verify,
            self.act_dispatch,
            self.act_start,
            self.act_close,
            self.act_note,
            self.act_false_alarm,
        ]

    def may_act(self) -> bool:
        return self._submitter.may_act()

    def current_alert(self) -> dict[str, Any] | None:
        index = self._table.currentIndex()
        return self._alert_of_row(index.row()) if index.isValid() else None

    def selected_alerts(self) -> list[dict[str, Any]]:
        rows = sorted(index.row() for index in self._table.selectionModel().selectedRows())
        return [alert for alert in (self._alert_of_row(row) for row in rows) if alert is not None]

    def is_bulk(self) -> bool:
        return len(self._table.selectionModel().selectedRows()) > 1

    def update_enabled(self) -> None:
        ready = self._submitter.ready()
        alert = self.current_alert()
        moves = moves_from(str(alert.get("state"))) if alert else frozenset()
        bulk = self.is_bulk()
        for act, move, bulk_ok in (
            (self.act_acknowledge, "acknowledge", True),
            (self.act_verify, "verify", False),
            (self.act_dispatch, "dispatch", True),
            (self.act_start, "start", False),
            (self.act_close, "close", True),
            (self.act_note, "note", False),
            (self.act_false_alarm, "verify", True),
        ):
            act.setVisible(self.may_act())
            act.setEnabled(ready and ((bulk and bulk_ok) or (not bulk and move in moves)))

    # -- single alert ------------------------------------------------------------------------
    def acknowledge(self) -> None:
        if self.is_bulk():
            self.submit_bulk("acknowledge")
        elif (alert := self.current_alert()) is not None and self.act_acknowledge.isEnabled():
            self._submitter.perform("acknowledge", alert)

    def start(self) -> None:
        alert = self.current_alert()
        if alert is not None and self.act_start.isEnabled():
            self._submitter.perform("start", alert)

    def verify(self, verdict: str | None = None) -> None:
        alert = self.current_alert()
        if alert is None or not self._submitter.ready() or "verify" not in moves_from(str(alert.get("state"))):
            return
        dialog = VerifyAlertDialog(alert, analytic_name(self._analytics, alert), self._parent)
        if verdict is not None:
            dialog.set_verdict(verdict)
        dialog.accepted.connect(
            lambda: self._submitter.perform("verify", alert, verdict=dialog.verdict(), note=dialog.note())
        )
        self._open(dialog)

    def note(self) -> None:
        alert = self.current_alert()
        if alert is None or not self.act_note.isEnabled():
            return
        dialog = NoteDialog(str(alert["id"]), self._parent)
        dialog.accepted.connect(lambda: self._submitter.perform("note", alert, text=dialog.text()))
        self._open(dialog)

    def close(self) -> None:
        if not self.act_close.isEnabled():
            return
        if self.is_bulk():
            alerts = self.selected_alerts()
            bulk_dialog = _BulkCloseDialog(len(alerts), self._parent)
            bulk_dialog.accepted.connect(
                lambda: self.submit_bulk("close", alerts, reason=bulk_dialog.reason(), note=bulk_dialog.note())
            )
            self._open(bulk_dialog)
            return
        alert = self.current_alert()
        if alert is None:
            return
        dialog = CloseAlertDialog(str(alert["id"]), self._parent)
        dialog.accepted.connect(
            lambda: self._submitter.perform("close", alert, reason=dialog.reason(), note=dialog.note())
        )
        self._open(dialog)

    def dispatch(self) -> None:
        if not self.act_dispatch.isEnabled():
            return
        alerts = self.selected_alerts() if self.is_bulk() else [a for a in [self.current_alert()] if a is not None]
        if not alerts:
            return
        first = alerts[0]
        name = analytic_name(self._analytics, first)
        if len(alerts) > 1:
            bulk_dialog = _BulkDispatchDialog(len(alerts), first, name, self._units(first), self._parent)
            bulk_dialog.accepted.connect(
                lambda: self.submit_bulk("dispatch", alerts, unit=bulk_dialog.unit(), note=bulk_dialog.note())
            )
            self._open(bulk_dialog)
            return
        dialog = DispatchAlertDialog(first, name, self._units(first), self._parent)
        dialog.accepted.connect(
            lambda: self._submitter.perform("dispatch", first, unit=dialog.unit(), note=dialog.note())
        )
        self._open(dialog)

    def false_alarm(self) -> None:
        """F: the selection closed as false alarms (after a confirmation), or the current alert verified so."""
        if not self.act_false_alarm.isEnabled():
            return
        if not self.is_bulk():
            self.verify("false_alarm")
            return
        alerts = self.selected_alerts()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("False alarms"),
            fill(self.tr("Close %1 alerts as false alarms?"), str(len(alerts))),
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        box.setObjectName("bulkFalseAlarmBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(self.tr("Close as false alarms"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # a stray Enter must not close real incidents
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.submit_bulk("false_alarm", alerts) if button is yes else None)
        self._message = box
        box.open()

    def open_dialog(self) -> QDialog | None:
        return self._dialog

    def open_message(self) -> QMessageBox | None:
        return self._message

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def _units(self, alert: Mapping[str, Any]) -> list[str]:
        code = alert.get("analytic")
        category = self._analytics.category(code) if self._analytics is not None else None
        return suggested_units(alert, category or category_of(str(code or "")))

    # -- bulk ----------------------------------------------------------------------------------
    def submit_bulk(self, action: str, alerts: list[dict[str, Any]] | None = None, **options: Any) -> bool:
        """Queue ONE bulk write for ``alerts`` (default: the selection); False if refused or not possible."""
        if not self._submitter.ready():
            return False
        alerts = self.selected_alerts() if alerts is None else alerts
        if len(alerts) > MAX_BULK:
            self.status_message.emit(
                fill(
                    self.tr("Select at most %1 alerts for one action (%2 are selected)."),
                    str(MAX_BULK),
                    str(len(alerts)),
                ),
                10_000,
            )
            return False
        try:
            request = bulk_alert_action(action, alerts, **options)
        except ValueError as exc:
            log.warning("bulk action refused before queueing: %s", exc)
            self.status_message.emit(
                self.tr("What was entered cannot be sent as it is. Check it and try again."), 10_000
            )
            return False
        count = len(alerts)

        def queued(entry: Any) -> None:
            self._bulk_entries[int(entry.id)] = action
            self.bulk_queued.emit(int(entry.id), action, count)
            self.status_message.emit(
                fill(
                    self.tr("%1 on %2 alerts saved; it is sent as soon as the server answers."),
                    self._name(action),
                    str(count),
                ),
                5000,
            )
            if entry.state in ("applied", "conflict", "failed"):
                self._on_outbox(entry)

        def failed(error: BaseException) -> None:
            log.warning("bulk action not queued: %s", error)
            self.status_message.emit(
                fill(self.tr("The action was NOT saved and will not be sent: %1"), str(error) or type(error).__name__),
                15_000,
            )

        self._connection.submit(request, on_success=queued, on_failure=failed, parent=self)
        return True

    def _name(self, action: str) -> str:
        return self.tr(_BULK_NAMES.get(action, action))

    def _on_outbox(self, entry: Any) -> None:
        action = self._bulk_entries.get(int(getattr(entry, "id", -1)))
        if action is None or entry.state not in ("applied", "conflict", "failed"):
            return
        del self._bulk_entries[int(entry.id)]
        result = bulk_result_of(entry) if entry.state == "applied" else None
        if result is None:
            text = fill(
                self.tr("%1 on the selected alerts failed: %2"),
                self._name(action),
                str(entry.last_error or entry.state),
            )
            report = {"entry_id": entry.id, "action": action, "succeeded": [], "failed": [], "text": text}
        else:
            succeeded = [int(_field(alert, "id")) for alert in result.succeeded]
            failed = [(int(_field(item, "id")), str(_field(item, "code"))) for item in result.failed]
            conflicted = [ident for ident, code in failed if code == "conflict"]
            refused = [ident for ident, code in failed if code != "conflict"]
            text = fill(self.tr("%1: %2 succeeded"), self._name(action), str(len(succeeded)))
            if conflicted:
                text += fill(
                    self.tr("; %1 conflicted (changed by someone else first: %2)"),
                    str(len(conflicted)),
                    ", ".join(f"#{ident}" for ident in conflicted),
                )
            if refused:
                text += fill(
                    self.tr("; %1 not possible any more (%2)"),
                    str(len(refused)),
                    ", ".join(f"#{ident}" for ident in refused),
                )
            report = {"entry_id": entry.id, "action": action, "succeeded": succeeded, "failed": failed, "text": text}
        self.status_message.emit(text, 20_000)
        self.bulk_finished.emit(report)

    # -- keys the actions do not cover -------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._table:
            return False
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_F1, Qt.Key.Key_Question, Qt.Key.Key_Space, Qt.Key.Key_Escape):
                event.accept()  # ours while the table has focus (F1 is the window's help elsewhere)
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers()
        selection = self._table.selectionModel()
        current = self._table.currentIndex()
        if key in (Qt.Key.Key_F1, Qt.Key.Key_Question):
            self.help_requested.emit()
            return True
        if key == Qt.Key.Key_Space and current.isValid():
            selection.select(current, QItemSelectionModel.SelectionFlag.Toggle | QItemSelectionModel.SelectionFlag.Rows)
            return True
        if key == Qt.Key.Key_Escape and self.is_bulk() and current.isValid():
            selection.select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            return True
        step = _MOVE_KEYS.get(Qt.Key(key))
        if step is not None and not modifiers & Qt.KeyboardModifier.ShiftModifier and self.is_bulk():
            # With several alerts marked, the arrows move the cursor and keep the marks.
            rows = self._table.model().rowCount()
            if rows:
                row = min(rows - 1, max(0, (current.row() if current.isValid() else 0) + step))
                target = self._table.model().index(row, max(0, current.column()))
                selection.setCurrentIndex(target, QItemSelectionModel.SelectionFlag.NoUpdate)
                self._table.scrollTo(target)
            return True
        return False

    # -- language ---------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.act_acknowledge.setText(self.tr("&Acknowledge"))
        self.act_verify.setText(self.tr("&Verify on camera…"))
        self.act_dispatch.setText(self.tr("&Dispatch to a unit…"))
        self.act_start.setText(self.tr("&Start handling"))
        self.act_close.setText(self.tr("&Close…"))
        self.act_note.setText(self.tr("Add &note…"))
        self.act_false_alarm.setText(self.tr("&False alarm…"))
        self.update_enabled()


HELP_KEYS: tuple[tuple[str, str, bool], ...] = (
    # (keys, what they do, needs the right to change alerts)
    ("↑ ↓  PgUp PgDn", QT_TRANSLATE_NOOP("TriageHelp", "Move through the queue"), False),
    ("Space", QT_TRANSLATE_NOOP("TriageHelp", "Mark / unmark the alert for a bulk action"), False),
    ("Shift+↑ ↓", QT_TRANSLATE_NOOP("TriageHelp", "Extend the marked alerts"), False),
    ("Esc", QT_TRANSLATE_NOOP("TriageHelp", "Drop the marks, keep the current alert"), False),
    ("A", QT_TRANSLATE_NOOP("TriageHelp", "Acknowledge (all marked alerts when several are marked)"), True),
    ("V", QT_TRANSLATE_NOOP("TriageHelp", "Verify on camera: real incident or false alarm"), True),
    ("D", QT_TRANSLATE_NOOP("TriageHelp", "Dispatch to a unit (all marked alerts when several are marked)"), True),
    ("S", QT_TRANSLATE_NOOP("TriageHelp", "Start handling"), True),
    ("C", QT_TRANSLATE_NOOP("TriageHelp", "Close with a reason (all marked alerts when several are marked)"), True),
    ("N", QT_TRANSLATE_NOOP("TriageHelp", "Add a note"), True),
    ("F", QT_TRANSLATE_NOOP("TriageHelp", "False alarm (all marked alerts when several are marked)"), True),
    ("? / F1", QT_TRANSLATE_NOOP("TriageHelp", "This list"), False),
)
