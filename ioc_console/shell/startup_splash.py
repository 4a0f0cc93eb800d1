"""Small window shown while the console starts (e.g. while the demo backend seeds its data)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class StartupSplash(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("startupSplash")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._step = "backend"
        self._title = QLabel(self)
        self._title.setObjectName("splashTitle")
        self._message = QLabel(self)
        self._message.setObjectName("splashMessage")
        self._message.setWordWrap(True)
        self._progress = QProgressBar(self)
        self._progress.setRange(0, 0)  # busy indicator: seeding time is not known in advance
        self._progress.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(self._title)
        layout.addWidget(self._message)
        layout.addWidget(self._progress)
        self.setFixedWidth(520)
        self.retranslate_ui()

    def set_step(self, step: str) -> None:
        """``backend`` (starting and seeding) or ``sign_in`` (signing in as the demo operator)."""
        self._step = step
        self.retranslate_ui()

    def message(self) -> str:
        return self._message.text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._title.setText(self.tr("IOC Huế — demo mode"))
        if self._step == "sign_in":
            self._message.setText(self.tr("Signing in as the demo operator…"))
        else:
            self._message.setText(
                self.tr(
                    "Starting the built-in demo backend and preparing sample "
                    "cameras, alerts and sensors. This takes a few seconds the first time."
                )
            )
