"""Small dialogs for alert actions: closing with a reason, adding a note."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QRadioButton,
                               QVBoxLayout, QWidget)

from ioc_console import outbox_text
from ioc_console.event_text import fill

NOTE_MAX_CHARS = 2000  # the API's limit for a note


class CloseAlertDialog(QDialog):
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
        for reason in outbox_text.CLOSE_REASONS:
            button = QRadioButton(self)
            button.setObjectName(f"closeReason_{reason}")
            self._reasons.addButton(button)
            self._buttons[reason] = button
            layout.addWidget(button)
        self._buttons["resolved"].setChecked(True)
        self._note_label = QLabel(self)
        self._note = QPlainTextEdit(self)
        self._note.setObjectName("closeNote")
        self._note.setMaximumHeight(90)
        self._note_label.setBuddy(self._note)
        layout.addWidget(self._note_label)
        layout.addWidget(self._note)
        self._box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self._box.accepted.connect(self.accept)
        self._box.rejected.connect(self.reject)
        layout.addWidget(self._box)
        self.retranslate_ui()

    def reason(self) -> str:
        return next(reason for reason, button in self._buttons.items() if button.isChecked())

    def set_reason(self, reason: str) -> None:
        self._buttons[reason].setChecked(True)

    def note(self) -> str | None:
        text = self._note.toPlainText().strip()
        return text[:NOTE_MAX_CHARS] or None

    def note_edit(self) -> QPlainTextEdit:
        return self._note

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Close alert"))
        self._title.setText(fill(self.tr("Close alert #%1 — why?"), self._alert_id))
        for reason, button in self._buttons.items():
            button.setText(outbox_text.close_reason_label(reason))
        self._note_label.setText(self.tr("&Note (optional):"))
        self._box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Close alert"))
        self._box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


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
        self._box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self._box.accepted.connect(self.accept)
        self._box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._text)
        layout.addWidget(self._box)
        self.resize(460, 240)
        self.retranslate_ui()
        self._update_ok()
        self._text.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self._text.toPlainText().strip()[:NOTE_MAX_CHARS]

    def text_edit(self) -> QPlainTextEdit:
        return self._text

    def _update_ok(self) -> None:
        self._box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add note"))
        self._title.setText(fill(self.tr("Note for alert #%1 (up to 2000 characters):"), self._alert_id))
        self._box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add note"))
        self._box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
