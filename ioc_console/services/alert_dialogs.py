"""Small dialogs for alert actions: closing with a reason, adding a note, verifying, dispatching."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services import event_text, outbox_text
from ioc_console.services.event_text import fill
from ioc_domain.alerts import CLOSE_REASONS, VERDICTS
from ioc_domain.dispatch import UNIT_MAX_CHARS

NOTE_MAX_CHARS = 2000  # the API's limit for a note


def _button_box(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """OK and Cancel with texts of our own. Standard buttons would get Qt's own (untranslated)
    "OK"/"Cancel" back on every language switch, after the dialog had set its words."""
    box = QDialogButtonBox(dialog)
    ok = box.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok, cancel


def _plain_label(parent: QWidget, name: str, *, hint: bool = False) -> QLabel:
    """A wrapped label that never interprets markup: it shows ward, unit and user names."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if hint:
        label.setProperty("hint", True)
        label.setStyleSheet("color: #8795a4;")
    return label


def _problem_label(parent: QWidget, name: str) -> QLabel:
    """A red line that says why OK is disabled; hidden while nothing is wrong."""
    label = _plain_label(parent, name)
    label.setStyleSheet("color: #e5484d;")
    label.setVisible(False)
    return label


def _show_note_problem(label: QLabel, edit: QPlainTextEdit) -> bool:
    """True while the note is over the API's limit, and the label then says so.

    The note is never cut: OK stays disabled and the text stays as typed until the operator
    shortens it, so nothing written for the next shift is lost without a word.
    """
    length = len(edit.toPlainText().strip())
    too_long = length > NOTE_MAX_CHARS
    label.setVisible(too_long)
    if too_long:
        label.setText(
            fill(
                QCoreApplication.translate("AlertDialogs", "The note is too long: %1 characters, at most %2."),
                str(length),
                str(NOTE_MAX_CHARS),
            )
        )
    return too_long


class _NoteMixin:
    """The optional note of the close, verify and dispatch dialogs (≤ 2000 characters), and the
    rule they share: Enter or OK does nothing while OK is disabled, so the dialog and what was
    typed stay."""

    _note: QPlainTextEdit
    _ok: QPushButton

    def _build_note(self, name: str, layout: QVBoxLayout) -> None:
        """The label, the box and its "too long" line, added to ``layout``; edits re-check OK."""
        widget: Any = self
        self._note_label = QLabel(widget)
        self._note = QPlainTextEdit(widget)
        self._note.setObjectName(name)
        self._note.setMaximumHeight(90)
        self._note_label.setBuddy(self._note)
        self._note_problem = _problem_label(widget, f"{name}Problem")
        self._note.textChanged.connect(self._update_ok)
        layout.addWidget(self._note_label)
        layout.addWidget(self._note)
        layout.addWidget(self._note_problem)

    def _note_too_long(self) -> bool:
        return _show_note_problem(self._note_problem, self._note)

    def _update_ok(self) -> None:
        raise NotImplementedError

    def note(self) -> str | None:
        return self._note.toPlainText().strip() or None

    def note_edit(self) -> QPlainTextEdit:
        return self._note

    def ok_button(self) -> QPushButton:
        return self._ok

    def accept(self) -> None:
        if not self._ok.isEnabled():
            return
        super().accept()  # type: ignore[misc]  # QDialog.accept, next in the dialogs' MRO


class CloseAlertDialog(_NoteMixin, QDialog):
    """Choose why the alert is closed (required by the API) and optionally add a note."""

    def __init__(self, alert_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeAlertDialog")
        self._alert_id = alert_id
        self._title = QLabel(self)
        self._title.setObjectName("dialogTitle")
        self._reasons = QButtonGroup(self)
        self._buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        for reason in CLOSE_REASONS:  # the workflow's reasons, in its order; labels by code
            button = QRadioButton(self)
            button.setObjectName(f"closeReason_{reason}")
            self._reasons.addButton(button)
            self._buttons[reason] = button
            layout.addWidget(button)
        self._buttons[CLOSE_REASONS[0]].setChecked(True)
        self._build_note("closeNote", layout)
        self._box, self._ok, self._cancel = _button_box(self)
        layout.addWidget(self._box)
        self.retranslate_ui()

    def reason(self) -> str:
        return next(reason for reason, button in self._buttons.items() if button.isChecked())

    def set_reason(self, reason: str) -> None:
        self._buttons[reason].setChecked(True)

    def _update_ok(self) -> None:
        self._ok.setEnabled(not self._note_too_long())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Close alert"))
        self._title.setText(fill(self.tr("Close alert #%1 — why?"), self._alert_id))
        for reason, button in self._buttons.items():
            button.setText(outbox_text.close_reason_label(reason))
        self._note_label.setText(self.tr("&Note (optional):"))
        self._ok.setText(self.tr("Close alert"))
        self._cancel.setText(self.tr("Cancel"))
        self._update_ok()


class NoteDialog(QDialog):
    """Write a note to append to an alert (1..2000 characters)."""

    def __init__(self, alert_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertNoteDialog")
        self._alert_id = alert_id
        self._title = QLabel(self)
        self._title.setObjectName("dialogTitle")
        self._text = QPlainTextEdit(self)
        self._text.setObjectName("alertNoteText")
        self._text.textChanged.connect(self._update_ok)
        self._problem = _problem_label(self, "alertNoteProblem")
        self._box, self._ok, self._cancel = _button_box(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._text)
        layout.addWidget(self._problem)
        layout.addWidget(self._box)
        self.resize(460, 240)
        self.retranslate_ui()
        self._update_ok()
        self._text.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self._text.toPlainText().strip()

    def text_edit(self) -> QPlainTextEdit:
        return self._text

    def ok_button(self) -> QPushButton:
        return self._ok

    def accept(self) -> None:
        if not self._ok.isEnabled():
            return
        super().accept()

    def _update_ok(self) -> None:
        too_long = _show_note_problem(self._problem, self._text)
        self._ok.setEnabled(bool(self.text()) and not too_long)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add note"))
        self._title.setText(fill(self.tr("Note for alert #%1 (up to 2000 characters):"), self._alert_id))
        self._ok.setText(self.tr("Add note"))
        self._cancel.setText(self.tr("Cancel"))


def alert_context_line(alert: Mapping[str, Any], analytic_name: str) -> str:
    """ "Cháy rừng · Xã A Lưới 3 · camera cam-0412 · 26/11 14:01:07" for a dialog's heading."""
    parts = [analytic_name, str(alert.get("ward") or "")]
    if alert.get("camera_id"):
        parts.append(fill(QCoreApplication.translate("AlertDialogs", "camera %1"), str(alert["camera_id"])))
    moment = event_text.parse_time(alert.get("detected_at"))
    if moment is not None:
        parts.append(event_text.format_local_time(moment))
    return " · ".join(part for part in parts if part)


class VerifyAlertDialog(_NoteMixin, QDialog):
    """Record what the operator saw on camera: a real incident, or a false alarm (which closes it).

    Neither verdict is preselected: OK stays disabled until the operator has chosen one, so a
    stray Enter can never close a real incident as a false alarm.
    """

    def __init__(self, alert: Mapping[str, Any], analytic_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyAlertDialog")
        self._alert_id = str(alert.get("id", ""))
        self._context_text = alert_context_line(alert, analytic_name)
        self._previous = alert.get("verification") if isinstance(alert.get("verification"), Mapping) else None
        self._title = _plain_label(self, "dialogTitle")
        self._title.setStyleSheet("font-weight: 700;")
        self._context = _plain_label(self, "verifyContext")
        self._previous_label = _plain_label(self, "verifyPrevious", hint=True)
        self._previous_label.setVisible(self._previous is not None)
        self._verdicts = QButtonGroup(self)
        self._verdicts.setExclusive(True)
        self._buttons: dict[str, QRadioButton] = {}
        self._hints: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._context)
        layout.addWidget(self._previous_label)
        layout.addSpacing(4)
        for verdict in VERDICTS:
            button = QRadioButton(self)
            button.setObjectName(f"verdict_{verdict}")
            self._verdicts.addButton(button)
            self._buttons[verdict] = button
            hint = _plain_label(self, f"verdictHint_{verdict}", hint=True)
            hint.setContentsMargins(24, 0, 0, 4)  # under the radio button's text, not its circle
            hint.setBuddy(button)
            self._hints[verdict] = hint
            layout.addWidget(button)
            layout.addWidget(hint)
        self._verdicts.buttonToggled.connect(lambda *_: self._update_ok())
        self._build_note("verifyNote", layout)
        self._box, self._ok, self._cancel = _button_box(self)
        layout.addWidget(self._box)
        self.setMinimumWidth(560)
        self.retranslate_ui()

    def verdict(self) -> str | None:
        """ "confirmed" | "false_alarm", or None while the operator has not chosen."""
        return next((verdict for verdict, button in self._buttons.items() if button.isChecked()), None)

    def set_verdict(self, verdict: str) -> None:
        self._buttons[verdict].setChecked(True)

    def verdict_button(self, verdict: str) -> QRadioButton:
        return self._buttons[verdict]

    def _update_ok(self) -> None:
        verdict = self.verdict()
        note_too_long = self._note_too_long()
        ok = self.ok_button()
        ok.setEnabled(verdict is not None and not note_too_long)
        # The button says what will happen, so the consequence is read at the moment of clicking.
        ok.setText(
            self.tr("Close as false alarm")
            if verdict == "false_alarm"
            else self.tr("Confirm incident")
            if verdict == "confirmed"
            else self.tr("Verify")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Verify alert"))
        self._title.setText(fill(self.tr("Verify alert #%1 — what do you see on the camera?"), self._alert_id))
        self._context.setText(self._context_text)
        if self._previous is not None:
            self._previous_label.setText(
                fill(
                    self.tr("Already verified: %1 by %2 at %3. Your verdict replaces it."),
                    outbox_text.verdict_label(self._previous.get("verdict")),
                    str(self._previous.get("by") or ""),
                    event_text.short_local_time(self._previous.get("at")),
                )
            )
        self._buttons["confirmed"].setText(self.tr("&Confirmed — real incident"))
        self._hints["confirmed"].setText(self.tr("A new alert becomes acknowledged, with you as its owner."))
        self._buttons["false_alarm"].setText(self.tr("&False alarm"))
        self._hints["false_alarm"].setText(self.tr("The alert will be closed as a false alarm."))
        self._note_label.setText(self.tr("&Note (optional):"))
        self._note.setPlaceholderText(self.tr("What you saw, for the next shift"))
        self._cancel.setText(self.tr("Cancel"))
        self._update_ok()


class DispatchAlertDialog(_NoteMixin, QDialog):
    """Choose (or type) the unit that takes over the alert; the alert moves to "being handled"."""

    def __init__(
        self, alert: Mapping[str, Any], analytic_name: str, suggestions: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchAlertDialog")
        self._alert_id = str(alert.get("id", ""))
        self._context_text = alert_context_line(alert, analytic_name)
        self._previous = alert.get("dispatch") if isinstance(alert.get("dispatch"), Mapping) else None
        self._title = _plain_label(self, "dialogTitle")
        self._title.setStyleSheet("font-weight: 700;")
        self._context = _plain_label(self, "dispatchContext")
        self._previous_label = _plain_label(self, "dispatchPrevious", hint=True)
        self._previous_label.setVisible(self._previous is not None)
        self._unit_label = QLabel(self)
        self._unit = QComboBox(self)
        self._unit.setObjectName("dispatchUnit")
        self._unit.setEditable(True)
        # Typing a unit and pressing Enter must not add it to the suggestions.
        self._unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._unit.addItems(list(suggestions))
        self._unit.setCurrentIndex(-1)  # nothing chosen for the operator: a unit is picked on purpose
        self._unit.setEditText("")
        self._unit.setMaxVisibleItems(12)
        self._unit.setMinimumContentsLength(34)
        self._unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self._unit.model(), self._unit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "kiểm lâm" finds "Hạt Kiểm lâm"
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._unit.setCompleter(completer)
        self._unit_label.setBuddy(self._unit)
        self._unit.editTextChanged.connect(lambda *_: self._update_ok())
        self._problem = _problem_label(self, "dispatchUnitProblem")
        self._effect = _plain_label(self, "dispatchEffect", hint=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._context)
        layout.addWidget(self._previous_label)
        layout.addSpacing(4)
        layout.addWidget(self._unit_label)
        layout.addWidget(self._unit)
        layout.addWidget(self._problem)
        layout.addWidget(self._effect)
        self._build_note("dispatchNote", layout)
        self._box, self._ok, self._cancel = _button_box(self)
        layout.addWidget(self._box)
        self.setMinimumWidth(560)
        self.retranslate_ui()
        self._unit.setFocus(Qt.FocusReason.OtherFocusReason)

    def unit(self) -> str:
        """The unit as the server will store it (trimmed); empty while none is given."""
        return self._unit.currentText().strip()

    def unit_combo(self) -> QComboBox:
        return self._unit

    def suggestions(self) -> list[str]:
        return [self._unit.itemText(row) for row in range(self._unit.count())]

    def problem_text(self) -> str:
        return self._problem.text() if self._problem.isVisibleTo(self) else ""

    def _update_ok(self) -> None:
        unit = self.unit()
        too_long = len(unit) > UNIT_MAX_CHARS
        note_too_long = self._note_too_long()
        self.ok_button().setEnabled(bool(unit) and not too_long and not note_too_long)
        # Say why OK is disabled for a name that is too long (a blank one speaks for itself);
        # the text is kept as typed so nothing is lost.
        self._problem.setVisible(too_long)
        if too_long:
            self._problem.setText(
                fill(
                    self.tr("The unit name is too long: %1 characters, at most %2."),
                    str(len(unit)),
                    str(UNIT_MAX_CHARS),
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Dispatch alert"))
        self._title.setText(fill(self.tr("Dispatch alert #%1 to the unit in charge"), self._alert_id))
        self._context.setText(self._context_text)
        if self._previous is not None:
            self._previous_label.setText(
                fill(
                    self.tr("Already dispatched to %1 by %2 at %3. A new unit replaces it."),
                    str(self._previous.get("unit") or ""),
                    str(self._previous.get("by") or ""),
                    event_text.short_local_time(self._previous.get("at")),
                )
            )
        self._unit_label.setText(self.tr("&Unit:"))
        self._unit.lineEdit().setPlaceholderText(self.tr("Choose from the list or type the unit's name"))
        self._unit.setToolTip(
            self.tr("Suggestions for this kind of alert, most relevant first. You may also type another unit.")
        )
        self._effect.setText(fill(self.tr("The alert moves to “%1”."), event_text.status_label("alert", "in_progress")))
        self._note_label.setText(self.tr("&Note (optional):"))
        self._note.setPlaceholderText(self.tr("What the unit should know"))
        self.ok_button().setText(self.tr("Dispatch"))
        self._cancel.setText(self.tr("Cancel"))
        self._update_ok()
