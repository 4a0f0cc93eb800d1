"""Choose and order the briefing's pages, and how long each stays up (kept in ConsoleSettings)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services.briefing import BriefingPage
from ioc_console.shell.briefing_sequence import MAX_INTERVAL_S, MIN_INTERVAL_S

KEY_ROLE = Qt.ItemDataRole.UserRole


class BriefingSetupDialog(QDialog):
    """A list of every page the workspaces offer, ticked when chosen, in the briefing's order
    (drag, or the Up / Down buttons), and the rotation interval."""

    def __init__(
        self,
        available: list[BriefingPage],
        chosen: list[str] | None,
        interval_s: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("briefingSetupDialog")
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self.pages = QListWidget(self)
        self.pages.setObjectName("briefingSetupPages")
        self.pages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        by_key = {page.key: page for page in available}
        order = [k for k in chosen if k in by_key] if chosen is not None else list(by_key)
        order += [k for k in by_key if k not in order]
        ticked = set(by_key) if chosen is None else set(chosen)
        for key in order:
            item = QListWidgetItem(by_key[key].title, self.pages)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
        if self.pages.count():
            self.pages.setCurrentRow(0)
        self.up = QPushButton(self)
        self.up.setObjectName("briefingSetupUp")
        self.up.clicked.connect(lambda: self.move_current(-1))
        self.down = QPushButton(self)
        self.down.setObjectName("briefingSetupDown")
        self.down.clicked.connect(lambda: self.move_current(1))
        buttons_column = QVBoxLayout()
        buttons_column.addWidget(self.up)
        buttons_column.addWidget(self.down)
        buttons_column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.pages, 1)
        row.addLayout(buttons_column)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("briefingSetupInterval")
        self.interval.setRange(MIN_INTERVAL_S, MAX_INTERVAL_S)
        self.interval.setValue(interval_s)
        self._form = QFormLayout()
        self._form.addRow("", self.interval)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(row, 1)
        layout.addLayout(self._form)
        layout.addWidget(self.buttons)
        self.resize(560, 480)
        self.retranslate_ui()

    def move_current(self, step: int) -> None:
        row = self.pages.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.pages.count():
            return
        item = self.pages.takeItem(row)
        self.pages.insertItem(target, item)
        self.pages.setCurrentRow(target)

    def chosen_keys(self) -> list[str]:
        """The ticked pages' keys, in the list's order."""
        return [
            str(self.pages.item(row).data(KEY_ROLE))
            for row in range(self.pages.count())
            if self.pages.item(row).checkState() == Qt.CheckState.Checked
        ]

    def interval_s(self) -> int:
        return self.interval.value()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Briefing pages"))
        self._intro.setText(
            self.tr(
                "Tick the pages to show on the leaders' screen and in the briefing pack; "
                "drag them, or use Up and Down, to set their order."
            )
        )
        self.up.setText(self.tr("Up"))
        self.down.setText(self.tr("Down"))
        self.interval.setSuffix(self.tr(" s"))
        label = self._form.labelForField(self.interval)
        if isinstance(label, QLabel):
            label.setText(self.tr("Each page stays up for"))
