"""Editing a dashboard's definition as text: which figures, which charts, which filters, where.

A dashboard is data (docs: ioc_domain/dashboard_definition.py); this editor lets a supervisor
make a new one without a new build. What they write is checked like any stored definition, and a
refusal names the part ("widgets[2].figure: ...") while the editor stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class DefinitionEditor(QDialog):
    """The definition as JSON; ``submitted(text)`` on OK, closed by the owner once it is accepted."""

    submitted = Signal(str)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardEditor")
        self.setWindowTitle(self.tr("Dashboard figures and layout"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.help = QLabel(self)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        self.help.setText(
            self.tr(
                "Each widget: kind (tile, bars, line, funnel), source (reports, cameras, tasks, sensors, "
                "alert_funnel), figure, group_by, and its place on the 6-column grid (row, col, row_span, "
                "col_span). Filters: period (today, 7d, 30d, custom) and ward."
            )
        )
        layout.addWidget(self.help)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("dashboardEditorText")
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(font)
        self.text.setPlainText(text)
        layout.addWidget(self.text, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("dashboardEditorProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(lambda: self.submitted.emit(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_problem(self, text: str) -> None:
        self.problem.setText(self.tr("Not saved: %1").replace("%1", text))
        self.problem.setVisible(True)
