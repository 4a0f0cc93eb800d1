"""The PTZ pad and presets of the selected PTZ camera: it only says what to send (the workspace sends it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ioc_console.services.event_text import fill

#: Speed of a pad press, as a fraction of the camera's full speed (-1..1 in the API).
PAD_SPEED = 0.5
PAD_BUTTON_PX = 36


class PtzPanel(QWidget):
    """Arrows (held: move, released: stop), zoom in / out, stop, and go to a preset.

    ``command`` carries one body of ``POST /cameras/{id}/ptz`` (``{"action": "move", "pan": ..}``)
    for the camera shown; the panel is disabled while no PTZ camera is selected.
    """

    command = Signal(str, dict)  # camera id, PTZ command body

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ptzPanel")
        self._camera: dict[str, Any] | None = None
        self._title = QLabel(self)
        self._title.setObjectName("ptzTitle")
        self._title.setWordWrap(True)

        def button(name: str, text: str) -> QPushButton:
            widget = QPushButton(text, self)
            widget.setObjectName(name)
            widget.setAutoDefault(False)
            if len(text) == 1:  # the pad's arrow keys: square buttons, no theme padding to clip the glyph
                widget.setFixedSize(PAD_BUTTON_PX, PAD_BUTTON_PX)
                widget.setStyleSheet("padding: 0px;")
            return widget

        self.up = button("ptzUp", "▲")
        self.down = button("ptzDown", "▼")
        self.left = button("ptzLeft", "◀")
        self.right = button("ptzRight", "▶")
        self.stop = button("ptzStop", "■")
        self.zoom_in = button("ptzZoomIn", "+")
        self.zoom_out = button("ptzZoomOut", "−")
        pad = QGridLayout()
        pad.addWidget(self.up, 0, 1)
        pad.addWidget(self.left, 1, 0)
        pad.addWidget(self.stop, 1, 1)
        pad.addWidget(self.right, 1, 2)
        pad.addWidget(self.down, 2, 1)
        pad.addWidget(self.zoom_in, 0, 3)
        pad.addWidget(self.zoom_out, 2, 3)
        for widget, pan, tilt in (
            (self.up, 0.0, PAD_SPEED),
            (self.down, 0.0, -PAD_SPEED),
            (self.left, -PAD_SPEED, 0.0),
            (self.right, PAD_SPEED, 0.0),
        ):
            widget.pressed.connect(lambda p=pan, t=tilt: self._send({"action": "move", "pan": p, "tilt": t}))
            widget.released.connect(lambda: self._send({"action": "stop"}))
        self.zoom_in.pressed.connect(lambda: self._send({"action": "zoom", "zoom": PAD_SPEED}))
        self.zoom_out.pressed.connect(lambda: self._send({"action": "zoom", "zoom": -PAD_SPEED}))
        for widget in (self.zoom_in, self.zoom_out):
            widget.released.connect(lambda: self._send({"action": "stop"}))
        self.stop.clicked.connect(lambda: self._send({"action": "stop"}))

        self.presets = QComboBox(self)
        self.presets.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.presets.setMinimumContentsLength(6)
        self.presets.setObjectName("ptzPresets")
        self.go = button("ptzGo", "")
        self.go.clicked.connect(self.go_to_preset)
        # One above the other: beside each other, a narrow side panel clipped the button's text.
        presets_row = QVBoxLayout()
        presets_row.addWidget(self.presets)
        presets_row.addWidget(self.go)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._title)
        layout.addLayout(pad)
        layout.addLayout(presets_row)
        layout.addStretch(1)
        self.retranslate_ui()
        self.set_camera(None)

    def camera_id(self) -> str | None:
        return str(self._camera["id"]) if self._camera is not None else None

    def set_camera(self, camera: Mapping[str, Any] | None) -> None:
        """Control ``camera`` (None, or a fixed camera: the pad is disabled)."""
        self._camera = dict(camera) if camera is not None and camera.get("ptz") else None
        self.presets.clear()
        if self._camera is not None:
            for preset in self._camera.get("ptz_presets") or []:
                if isinstance(preset, Mapping) and "id" in preset:
                    self.presets.addItem(str(preset.get("name", preset["id"])), int(preset["id"]))
        enabled = self._camera is not None and self._camera.get("status") != "offline"
        for widget in (self.up, self.down, self.left, self.right, self.stop, self.zoom_in, self.zoom_out):
            widget.setEnabled(enabled)
        self.presets.setEnabled(enabled and self.presets.count() > 0)
        self.go.setEnabled(enabled and self.presets.count() > 0)
        self._update_title()

    def go_to_preset(self) -> None:
        preset = self.presets.currentData()
        if preset is not None:
            self._send({"action": "preset", "preset": int(preset)})

    def _send(self, body: dict[str, Any]) -> None:
        camera_id = self.camera_id()
        if camera_id is not None:
            self.command.emit(camera_id, body)

    def _update_title(self) -> None:
        if self._camera is None:
            self._title.setText(self.tr("PTZ: select a tile showing a PTZ camera"))
        elif self._camera.get("status") == "offline":
            self._title.setText(fill(self.tr("PTZ: %1 is offline"), str(self._camera.get("name", ""))))
        else:
            self._title.setText(fill(self.tr("PTZ: %1"), str(self._camera.get("name", ""))))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.go.setText(self.tr("Go to preset"))
        for widget, tip in (
            (self.up, self.tr("Tilt up (hold)")),
            (self.down, self.tr("Tilt down (hold)")),
            (self.left, self.tr("Pan left (hold)")),
            (self.right, self.tr("Pan right (hold)")),
            (self.stop, self.tr("Stop")),
            (self.zoom_in, self.tr("Zoom in (hold)")),
            (self.zoom_out, self.tr("Zoom out (hold)")),
        ):
            widget.setToolTip(tip)
            widget.setAccessibleName(tip)
        self._update_title()
