"""The "Pending actions" panel: every action the operator took, with its delivery state."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ioc_console.services.event_text import fill
from ioc_console.services.outbox_model import COL_ACTION, COL_STATE, COL_TIME, OutboxModel


class OutboxPanel(QWidget):
    def __init__(self, model: OutboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxPanel")
        self._model = model
        self._summary = QLabel(self)
        self._summary.setObjectName("outboxSummary")
        self._summary.setWordWrap(True)
        self._table = QTableView(self)
        self._table.setObjectName("outboxTable")
        self._table.setModel(model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setShowGrid(False)
        self._table.setWordWrap(False)
        self._table.verticalHeader().setVisible(False)
        self._table.horizontalHeader().setStretchLastSection(True)
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.ResizeToContents)
        self._table.setColumnWidth(COL_ACTION, 250)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._summary)
        layout.addWidget(self._table, 1)
        model.counts_changed.connect(lambda *_: self.retranslate_ui())
        model.modelReset.connect(self.retranslate_ui)
        model.rowsInserted.connect(lambda *_: self.retranslate_ui())
        self.retranslate_ui()

    def table(self) -> QTableView:
        return self._table

    def summary_text(self) -> str:
        return self._summary.text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        pending, conflicts = self._model.pending_count(), self._model.conflict_count()
        if not self._model.rowCount():
            self._summary.setText(self.tr("No actions taken yet."))
        else:
            self._summary.setText(
                fill(self.tr("Waiting to send: %1 · Conflicts: %2 · Newest first."), str(pending), str(conflicts))
            )
