"""A dialog listing keyboard shortcuts, given as (key sequence, description) pairs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ShortcutList = Sequence[tuple[QKeySequence | str, str]]


class ShortcutHelpDialog(QDialog):
    """Read-only table of shortcuts; the list is re-read on language change."""

    def __init__(self, shortcuts: Callable[[], ShortcutList], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutHelpDialog")
        self._shortcuts = shortcuts
        self._title = QLabel(self)
        self._title.setObjectName("dialogTitle")
        self._table = QTableWidget(0, 2, self)
        self._table.verticalHeader().setVisible(False)
        self._table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self._table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self._table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._close = QPushButton(self)
        self._close.setDefault(True)
        self._close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._table, 1)
        layout.addLayout(buttons)
        self.resize(620, 480)
        self.retranslate_ui()

    def row_texts(self) -> list[tuple[str, str]]:
        return [(self._table.item(r, 0).text(), self._table.item(r, 1).text()) for r in range(self._table.rowCount())]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self._title.setText(self.tr("Keyboard shortcuts"))
        self._close.setText(self.tr("Close"))
        self._table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        rows = list(self._shortcuts())
        self._table.setRowCount(len(rows))
        for row, (keys, description) in enumerate(rows):
            seq = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
            self._table.setItem(row, 0, QTableWidgetItem(seq.toString(QKeySequence.SequenceFormat.NativeText)))
            self._table.setItem(row, 1, QTableWidgetItem(description))
