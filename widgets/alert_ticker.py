"""Compact strip naming the unacknowledged critical alerts in an operator's words, one at a time.

"Newest critical: Cháy rừng — A Lưới, 2 min ago", then the next one every few seconds. The host
says what to show (:meth:`AlertTicker.set_items`, newest first); clicking, Enter or Space emits
:attr:`AlertTicker.activated` with the shown item's key so the host can bring the alert up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

CYCLE_MS = 5000


@dataclass(frozen=True)
class TickerItem:
    """One alert for the ticker: ``key`` (e.g. "alert:17"), what was detected, where, and when."""

    key: str
    what: str
    where: str
    at: datetime | None


def _fill(template: str, *values: str) -> str:
    for number, value in reversed(list(enumerate(values, start=1))):
        template = template.replace(f"%{number}", value)
    return template


class AlertTicker(QFrame):
    """Cycles through the items it is given (every ``cycle_ms``); shows a calm line when there are none."""

    activated = Signal(str)  # the shown item's key

    def __init__(
        self, parent: QWidget | None = None, *, cycle_ms: int = CYCLE_MS, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertTicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._items: list[TickerItem] = []
        self._position = 0

        self._caption = QLabel(self)
        self._caption.setObjectName("tickerCaption")
        self._badge = QLabel(self)
        self._badge.setObjectName("tickerBadge")
        self._badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._headline = QLabel(self)
        self._headline.setObjectName("tickerHeadline")
        # Backend text (ward names) is shown verbatim, never interpreted as markup.
        for label in (self._caption, self._badge, self._headline):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self._headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(12)
        layout.addWidget(self._caption)
        layout.addWidget(self._badge)
        layout.addWidget(self._headline, 1)

        self._timer = QTimer(self)
        self._timer.setObjectName("tickerCycle")
        self._timer.setInterval(cycle_ms)
        self._timer.timeout.connect(self.advance)
        self._render()

    # -- public API -----------------------------------------------------------------
    def set_items(self, items: Sequence[TickerItem]) -> None:
        """The alerts to cycle through, newest first; the shown one stays shown if still listed."""
        shown = self.current_key()
        self._items = list(items)
        keys = [item.key for item in self._items]
        self._position = keys.index(shown) if shown in keys else 0
        if len(self._items) > 1:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
        self._render()

    def advance(self) -> None:
        """Show the next alert (back to the newest after the last)."""
        if self._items:
            self._position = (self._position + 1) % len(self._items)
        self._render()

    def current_key(self) -> str | None:
        return self._items[self._position].key if self._items else None

    def headline(self) -> str:
        return self._headline.text()

    def caption(self) -> str:
        return self._caption.text()

    def level(self) -> str:
        return str(self.property("level") or "")

    # -- events ---------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._items:
            self.activated.emit(self._items[self._position].key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._items:
            self.activated.emit(self._items[self._position].key)
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    # -- drawing --------------------------------------------------------------------
    def _ago(self, at: datetime | None) -> str:
        if at is None:
            return ""
        seconds = max(0, int((self._clock() - at).total_seconds()))
        if seconds < 60:
            return self.tr("just now")
        minutes = seconds // 60
        if minutes < 60:
            return _fill(self.tr("%1 min ago"), str(minutes))
        hours = minutes // 60
        if hours < 48:
            return _fill(self.tr("%1 h ago"), str(hours))
        return _fill(self.tr("%1 days ago"), str(hours // 24))

    def _render(self) -> None:
        if self._items:
            item = self._items[self._position]
            level = "critical"
            if self._position == 0:
                self._caption.setText(self.tr("Newest critical"))
            else:
                self._caption.setText(
                    _fill(self.tr("Critical %1 of %2"), str(self._position + 1), str(len(self._items)))
                )
            self._badge.setText(_fill(self.tr("%1 not acknowledged"), str(len(self._items))))
            self._badge.setVisible(True)
            place = _fill(self.tr("%1 — %2"), item.what, item.where) if item.where else item.what
            ago = self._ago(item.at)
            self._headline.setText(_fill(self.tr("%1, %2"), place, ago) if ago else place)
            self.setToolTip(self.tr("Click or press Enter to open this alert in the alert queues"))
        else:
            level = "none"
            self._caption.setText(self.tr("Critical alerts"))
            self._badge.setVisible(False)
            self._headline.setText(self.tr("No unacknowledged critical alerts"))
            self.setToolTip("")
        if self.property("level") != level:
            self.setProperty("level", level)
            for widget in (self, self._badge):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
