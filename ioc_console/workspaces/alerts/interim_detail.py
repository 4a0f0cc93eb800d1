"""Stand-in for the detail pane until helper E's AlertDetailPane is merged (the integrator deletes this file)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class InterimDetail(QLabel):
    """Names the current alert in one plain line; has the ``show_alert`` slot the workspace calls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertDetail")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def show_alert(self, alert: Mapping[str, Any] | None) -> None:
        self.setText(
            "" if alert is None else f"#{alert.get('id')} · {alert.get('analytic')} · {alert.get('ward') or ''}"
        )
