"""Compact strip showing the newest row of a model that needs attention; click to jump to it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from widgets.item_roles import ItemRole


class AlertTicker(QFrame):
    """Watches ``model`` (rows in arrival order, newest last) for rows with ``ItemRole.ATTENTION``.

    Shows the newest such row whose thing (``ItemRole.KEY``) has not been superseded by a
    later row that no longer needs attention (e.g. the alert was acknowledged). Clicking,
    Enter or Space emits :attr:`activated` with the row's source index.
    """

    activated = Signal(QPersistentModelIndex)

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertTicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._model = model
        self._current = QPersistentModelIndex()

        self._caption = QLabel(self)
        self._caption.setObjectName("tickerCaption")
        self._badge = QLabel(self)
        self._badge.setObjectName("tickerBadge")
        self._badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._headline = QLabel(self)
        self._headline.setObjectName("tickerHeadline")
        # Backend text is shown verbatim, never interpreted as markup.
        for label in (self._caption, self._badge, self._headline):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self._headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(12)
        layout.addWidget(self._caption)
        layout.addWidget(self._badge)
        layout.addWidget(self._headline, 1)

        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsRemoved.connect(self._on_rows_removed)
        model.modelReset.connect(self._rescan)
        model.dataChanged.connect(self._on_data_changed)
        self._rescan()

    # -- public API -----------------------------------------------------------------
    def current_index(self) -> QPersistentModelIndex:
        return QPersistentModelIndex(self._current)

    def headline(self) -> str:
        return self._headline.text()

    def level(self) -> str:
        return str(self.property("level") or "")

    # -- events ---------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._current.isValid():
            self.activated.emit(QPersistentModelIndex(self._current))
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._current.isValid():
            self.activated.emit(QPersistentModelIndex(self._current))
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    # -- model tracking -------------------------------------------------------------
    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        if first != self._model.rowCount() - (last - first + 1):
            # Rows inserted above the newest ones (history back-fill): recompute from scratch.
            self._rescan()
            return
        current_key = self._key(self._current.row()) if self._current.isValid() else None
        for row in range(first, last + 1):
            if self._model.index(row, 0).data(ItemRole.ATTENTION):
                self._current = QPersistentModelIndex(self._model.index(row, 0))
                current_key = self._key(row)
            elif current_key is not None and self._key(row) == current_key:
                self._rescan()
                return
        self._render()

    def _on_rows_removed(self, *_: object) -> None:
        if not self._current.isValid():
            self._rescan()

    def _on_data_changed(self, *_: object) -> None:
        self._render()

    def _key(self, row: int) -> object:
        return self._model.index(row, 0).data(ItemRole.KEY)

    def _rescan(self) -> None:
        """Find the newest attention row whose key has no later row (scan newest first)."""
        self._current = QPersistentModelIndex()
        superseded: set[object] = set()
        for row in range(self._model.rowCount() - 1, -1, -1):
            index = self._model.index(row, 0)
            key = index.data(ItemRole.KEY)
            if key in superseded:
                continue
            if index.data(ItemRole.ATTENTION):
                self._current = QPersistentModelIndex(index)
                break
            superseded.add(key)
        self._render()

    def _render(self) -> None:
        self._caption.setText(self.tr("Latest alert"))
        if self._current.isValid():
            index = self._model.index(self._current.row(), 0)
            level = str(index.data(ItemRole.LEVEL) or "info")
            self._badge.setText(str(index.data(ItemRole.LEVEL_LABEL) or "").upper())
            self._badge.setVisible(True)
            headline = str(index.data(ItemRole.HEADLINE) or "")
            self._headline.setText(headline)
            self.setToolTip(self.tr("Click or press Enter to show this alert in the event log"))
        else:
            level = "none"
            self._badge.setVisible(False)
            self._headline.setText(self.tr("No open critical or warning alerts"))
            self.setToolTip("")
        if self.property("level") != level:
            self.setProperty("level", level)
            for widget in (self, self._badge):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
