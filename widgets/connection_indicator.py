"""Status-bar indicator: a coloured dot and a word for the backend connection state."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

ONLINE = "online"
RECONNECTING = "reconnecting"
OFFLINE = "offline"


class ConnectionIndicator(QWidget):
    """Shows online / reconnecting / offline; colours come from the theme via a property."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionIndicator")
        self._state = OFFLINE
        self._dot = QLabel("\u25cf", self)
        self._dot.setObjectName("connectionDot")
        self._text = QLabel(self)
        self._text.setObjectName("connectionText")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 10, 0)
        layout.setSpacing(6)
        layout.addWidget(self._dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._text, 0, Qt.AlignmentFlag.AlignVCenter)
        self._apply()

    def state(self) -> str:
        return self._state

    def text(self) -> str:
        return self._text.text()

    def set_state(self, state: str) -> None:
        if state not in (ONLINE, RECONNECTING, OFFLINE):
            raise ValueError(f"unknown connection state {state!r}")
        self._state = state
        self._apply()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._apply()
        super().changeEvent(event)

    def _apply(self) -> None:
        labels = {
            ONLINE: self.tr("Online"),
            RECONNECTING: self.tr("Reconnecting"),
            OFFLINE: self.tr("Offline"),
        }
        self._text.setText(labels[self._state])
        tips = {
            ONLINE: self.tr("Connected to the IOC backend; live events are arriving."),
            RECONNECTING: self.tr("The live event connection dropped; trying again."),
            OFFLINE: self.tr("The IOC backend cannot be reached. Data on screen may be out of date."),
        }
        self.setToolTip(tips[self._state])
        # The style sheet colours the dot by this dynamic property; re-polish to apply it.
        self._dot.setProperty("state", self._state)
        self._dot.style().unpolish(self._dot)
        self._dot.style().polish(self._dot)
