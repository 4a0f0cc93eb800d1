"""Layer toggles with their counts, the reports' density switch, and the legend."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ioc_console.workspaces.map.layer_data import LAYERS

CONTEXT = "MapLayers"
LAYER_TEXTS = {
    "cameras": QT_TRANSLATE_NOOP("MapLayers", "Cameras"),
    "alerts": QT_TRANSLATE_NOOP("MapLayers", "AI alerts"),
    "reports": QT_TRANSLATE_NOOP("MapLayers", "Reports, hotline"),
    "sensors": QT_TRANSLATE_NOOP("MapLayers", "Sensors"),
    "tasks": QT_TRANSLATE_NOOP("MapLayers", "Open tasks"),
    "wards": QT_TRANSLATE_NOOP("MapLayers", "Ward areas"),
    "warnings": QT_TRANSLATE_NOOP("MapLayers", "Public warnings"),
}
# Legend lines: (symbol drawn in text, colour, English text). Shapes match ioc_map.js.
LEGEND = [
    ("■", "#3ecf8e", QT_TRANSLATE_NOOP("MapLayers", "Camera working (grey: no signal, amber: degraded)")),
    (
        "●",
        "#ff5c5c",
        QT_TRANSLATE_NOOP("MapLayers", "Alert: colour is severity (red critical, amber warning, blue info)"),
    ),
    ("◯", "#ff5c5c", QT_TRANSLATE_NOOP("MapLayers", "Pulsing ring: new, not yet acknowledged")),
    ("■", "#9aa7b4", QT_TRANSLATE_NOOP("MapLayers", "Shape is the category: square traffic, diamond urban order")),
    ("▲", "#9aa7b4", QT_TRANSLATE_NOOP("MapLayers", "triangle public safety, hexagon forest fire, circle disaster")),
    ("●", "#265c9e", QT_TRANSLATE_NOOP("MapLayers", "Reports grouped: the number is how many (click to zoom in)")),
    ("●", "#ffb020", QT_TRANSLATE_NOOP("MapLayers", "Single report: amber open, grey processed")),
    ("◆", "#3ecf8e", QT_TRANSLATE_NOOP("MapLayers", "Sensor: green normal, amber warning, red alarm, grey no signal")),
    ("■", "#5aa9ff", QT_TRANSLATE_NOOP("MapLayers", "Open task (red: overdue)")),
    ("▭", "#ff6b6b", QT_TRANSLATE_NOOP("MapLayers", "Area of a public warning in force")),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def layer_title(name: str) -> str:
    """A layer's name in the UI language ("Camera", "Cảnh báo AI"...)."""
    return _tr(LAYER_TEXTS[name])


class LayerControls(QWidget):
    visibility_changed = Signal(str, bool)
    density_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapLayerControls")
        self.boxes: dict[str, QCheckBox] = {}
        self._counts: dict[str, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self._title = QLabel(self)
        self._title.setStyleSheet("font-weight: 600;")
        layout.addWidget(self._title)
        for name in LAYERS:
            box = QCheckBox(self)
            box.setObjectName(f"mapLayer_{name}")
            box.setChecked(True)
            box.toggled.connect(lambda on, n=name: self.visibility_changed.emit(n, on))
            self.boxes[name] = box
            layout.addWidget(box)
            if name == "reports":
                row = QHBoxLayout()
                row.setContentsMargins(22, 0, 0, 0)
                self.density = QCheckBox(self)
                self.density.setObjectName("mapDensity")
                self.density.toggled.connect(self.density_changed)
                row.addWidget(self.density)
                layout.addLayout(row)
        self.ward_note = QLabel(self)
        self.ward_note.setObjectName("mapWardNote")
        self.ward_note.setWordWrap(True)
        self.ward_note.setTextFormat(Qt.TextFormat.PlainText)
        self.ward_note.setStyleSheet("color: #8795a4;")
        self.ward_note.setVisible(False)
        layout.addWidget(self.ward_note)
        self._legend_title = QLabel(self)
        self._legend_title.setStyleSheet("font-weight: 600; margin-top: 8px;")
        layout.addWidget(self._legend_title)
        self._legend: list[QLabel] = []
        for symbol, colour, _text in LEGEND:
            label = QLabel(self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)  # our own fixed texts only; no outside text here
            label.setProperty("symbol", (symbol, colour))
            self._legend.append(label)
            layout.addWidget(label)
        layout.addStretch(1)
        self.retranslate_ui()

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts.update(counts)
        self._texts()

    def set_ward_note(self, simplified: bool) -> None:
        self.ward_note.setVisible(simplified)

    def retranslate_ui(self) -> None:
        self._title.setText(self.tr("Layers"))
        self._legend_title.setText(self.tr("Legend"))
        self.density.setText(self.tr("Density view"))
        self.density.setToolTip(self.tr("Colour the map by how many reports are in each small square"))
        self.ward_note.setText(
            self.tr("Ward areas are simplified: cells around each ward's centre, not legal boundaries.")
        )
        for label, (symbol, colour, text) in zip(self._legend, LEGEND, strict=True):
            label.setText(f'<span style="color:{colour}; font-size:15px">{symbol}</span>&nbsp;{_escape(_tr(text))}')
        self._texts()

    def _texts(self) -> None:
        for name, box in self.boxes.items():
            count = self._counts.get(name)
            text = _tr(LAYER_TEXTS[name])
            box.setText(text if count is None else f"{text} ({count:,})".replace(",", "."))


def _escape(text: str) -> str:
    # A translation is ours, but escaped all the same: one stray "<" must not break the legend.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
