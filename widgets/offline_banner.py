"""A full-width banner saying the console works offline and how old the data on screen is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class OfflineBanner(QFrame):
    """ "OFFLINE — data as of <time>" plus what still works, and a button to retry now."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self._as_of = ""
        self._title = QLabel(self)
        self._title.setObjectName("offlineBannerTitle")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._detail = QLabel(self)
        self._detail.setObjectName("offlineBannerDetail")
        self._detail.setTextFormat(Qt.TextFormat.PlainText)
        self._detail.setWordWrap(True)
        self._retry = QPushButton(self)
        self._retry.setObjectName("offlineBannerRetry")
        self._retry.clicked.connect(self.retry_requested)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self._title)
        texts.addWidget(self._detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 12, 2)
        layout.addLayout(texts, 1)
        layout.addWidget(self._retry, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate_ui()

    def set_data_as_of(self, text: str) -> None:
        """``text``: the already formatted local time of the last sync ("" when never synced)."""
        self._as_of = text
        self.retranslate_ui()

    def title(self) -> str:
        return self._title.text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        if self._as_of:
            self._title.setText(self.tr("OFFLINE — data as of %1").replace("%1", self._as_of))
        else:
            self._title.setText(self.tr("OFFLINE — no data saved on this computer yet"))
        self._detail.setText(
            self.tr(
                "The server cannot be reached. You see the data saved on this computer; "
                "your actions are kept and sent automatically when the connection returns."
            )
        )
        self._retry.setText(self.tr("Try to reconnect now"))
