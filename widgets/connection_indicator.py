"""Status-bar indicator: a coloured dot, a word for the connection state and the next retry countdown."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

ONLINE = "online"
DEGRADED = "degraded"
OFFLINE = "offline"
STATES = (ONLINE, DEGRADED, OFFLINE)


class ConnectionIndicator(QWidget):
    """Shows online / degraded / offline; colours come from the theme via a property.

    While not online, ``set_next_attempt_at(when)`` (or ``set_retry_in(seconds)``) shows a
    countdown to the next attempt, so the operator can tell "waiting" from "stuck". The count
    is the time left to that deadline, re-read at every tick, so a late timer or a status
    published again can never freeze or restart it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionIndicator")
        self._state = OFFLINE
        self._deadline: float | None = None  # time.monotonic() of the next attempt
        self._dot = QLabel("\u25cf", self)
        self._dot.setObjectName("connectionDot")
        self._text = QLabel(self)
        self._text.setObjectName("connectionText")
        self._retry = QLabel(self)
        self._retry.setObjectName("connectionRetry")
        self._tick = QTimer(self)
        self._tick.setObjectName("connectionRetryTick")
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._count_down)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 10, 0)
        layout.setSpacing(6)
        layout.addWidget(self._dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._text, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._retry, 0, Qt.AlignmentFlag.AlignVCenter)
        self._apply()

    def state(self) -> str:
        return self._state

    def text(self) -> str:
        return self._text.text()

    def retry_text(self) -> str:
        return self._retry.text()

    def set_state(self, state: str) -> None:
        if state not in STATES:
            raise ValueError(f"unknown connection state {state!r}")
        self._state = state
        if state == ONLINE:
            self.set_retry_in(None)
        self._apply()

    def set_retry_in(self, seconds: float | None) -> None:
        """Count down to the next reconnection attempt, ``seconds`` from now (None: none scheduled)."""
        if seconds is None or self._state == ONLINE:
            self._deadline = None
            self._tick.stop()
        else:
            self._deadline = time.monotonic() + max(0.0, seconds)
            self._tick.start()
        self._show_retry()

    def set_next_attempt_at(self, when: datetime | None) -> None:
        """Count down to the next attempt at ``when`` (an aware datetime; None: none scheduled)."""
        self.set_retry_in(None if when is None else (when - datetime.now(UTC)).total_seconds())

    def retry_left(self) -> int | None:
        """Whole seconds shown until the next attempt (0: trying now), None without a countdown."""
        if self._deadline is None:
            return None
        return max(0, math.ceil(self._deadline - time.monotonic()))

    def _count_down(self) -> None:
        if self._deadline is None:
            self._tick.stop()
        self._show_retry()

    def _show_retry(self) -> None:
        left = self.retry_left()
        if left is None:
            self._retry.setText("")
        elif left == 0:
            self._retry.setText(self.tr("— trying now…"))
        else:
            self._retry.setText(self.tr("— next try in %1 s").replace("%1", str(left)))
        self._retry.setVisible(bool(self._retry.text()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._apply()
        super().changeEvent(event)

    def _apply(self) -> None:
        labels = {
            ONLINE: self.tr("Online"),
            DEGRADED: self.tr("Unstable"),
            OFFLINE: self.tr("Offline"),
        }
        self._text.setText(labels[self._state])
        tips = {
            ONLINE: self.tr("Connected to the IOC backend; live events are arriving."),
            DEGRADED: self.tr(
                "The IOC backend answers slowly or with errors; the console keeps retrying. "
                "Your actions are saved and will be sent."
            ),
            OFFLINE: self.tr(
                "The IOC backend cannot be reached. You are working on saved data; "
                "your actions are kept and sent when the connection returns."
            ),
        }
        self.setToolTip(tips[self._state])
        self._show_retry()
        # The style sheet colours the dot by this dynamic property; re-polish to apply it.
        self._dot.setProperty("state", self._state)
        self._dot.style().unpolish(self._dot)
        self._dot.style().polish(self._dot)
