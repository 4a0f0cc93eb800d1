"""A window of its own for the wall (a second monitor); closing it puts the wall back in the workspace."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class DetachedWallWindow(QWidget):
    """Hosts the wall area while detached. ``seen_changed`` tells when it is minimised or restored."""

    closing = Signal()
    seen_changed = Signal(bool)

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        # A top-level window (Qt.Window) that still belongs to the console (closed with it).
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("detachedWall")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(content)
        self.content = content

    def take_content(self) -> QWidget:
        """Remove the wall area from this window (to put it back in the workspace)."""
        self._layout.removeWidget(self.content)
        self.content.setParent(None)
        return self.content

    def is_seen(self) -> bool:
        return self.isVisible() and not self.isMinimized()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            self.seen_changed.emit(self.is_seen())
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The operator closed the window: the wall goes back to the workspace, it is not lost.
        self.closing.emit()
        super().closeEvent(event)
