"""The side panel of private notes: the note of the page on screen, highlights, the noted pages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ioc_console.workspaces.meetings.notes_keeper import NotesKeeper

PAGE_ROLE = Qt.ItemDataRole.UserRole + 80


class NotesPanel(QWidget):
    page_chosen = Signal(int)
    highlight_mode_toggled = Signal(bool)

    def __init__(self, keeper: NotesKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keeper = keeper
        self._page = 1
        self.title = QLabel(self)
        self.title.setObjectName("notesTitle")
        self.private_hint = QLabel(self)
        self.private_hint.setObjectName("notesPrivate")
        self.private_hint.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteEditor")
        self.editor.textChanged.connect(self._typed)
        self.state = QLabel(self)
        self.state.setObjectName("noteState")
        self.highlight_button = QPushButton(self)
        self.highlight_button.setObjectName("noteHighlightMode")
        self.highlight_button.setCheckable(True)
        self.highlight_button.toggled.connect(self.highlight_mode_toggled)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("noteClearHighlights")
        self.clear_button.clicked.connect(lambda: self.keeper.clear_highlights(self._page))
        buttons = QHBoxLayout()
        buttons.addWidget(self.highlight_button)
        buttons.addWidget(self.clear_button)
        self.pages_label = QLabel(self)
        self.pages = QListWidget(self)
        self.pages.setObjectName("notedPages")
        self.pages.itemClicked.connect(self._page_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.private_hint)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.pages_label)
        layout.addWidget(self.pages, 1)
        keeper.notes_changed.connect(lambda: self.refresh())
        keeper.save_failed.connect(lambda message: self.state.setText(message))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.private_hint.setText(self.tr("Only you can see your notes."))
        self.editor.setPlaceholderText(self.tr("Your note on this page…"))
        self.highlight_button.setText(self.tr("Highlight"))
        self.highlight_button.setToolTip(self.tr("Drag over the page to highlight an area"))
        self.clear_button.setText(self.tr("Remove highlights"))
        self.pages_label.setText(self.tr("Pages with notes"))
        self.refresh()

    def show_page(self, page: int) -> None:
        changed = page != self._page
        self._page = page
        self.refresh(force=changed)

    def refresh(self, force: bool = False) -> None:
        self.title.setText(self.tr("My note · page %1").replace("%1", str(self._page)))
        text = self.keeper.text(self._page)
        # While the member types, the editor is the truth; a reload must not move their cursor.
        if self.editor.toPlainText() != text and (force or not self.editor.hasFocus()):
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)
        self.editor.setEnabled(self.keeper.document_id is not None)
        self.clear_button.setEnabled(bool(self.keeper.highlights(self._page)))
        if self.keeper.waiting(self._page):
            self.state.setText(self.tr("Saving…"))
        elif text or self.keeper.highlights(self._page):
            self.state.setText(self.tr("Saved"))
        else:
            self.state.setText("")
        self.pages.clear()
        for page, first_line in self.keeper.pages():
            label = self.tr("Page %1").replace("%1", str(page))
            item = QListWidgetItem(f"{label}: {first_line}" if first_line else label)
            item.setData(PAGE_ROLE, page)
            self.pages.addItem(item)

    def _typed(self) -> None:
        self.keeper.set_text(self._page, self.editor.toPlainText())
        self.state.setText(self.tr("Saving…"))

    def _page_clicked(self, item: QListWidgetItem) -> None:
        page = item.data(PAGE_ROLE)
        if isinstance(page, int):
            self.page_chosen.emit(page)
