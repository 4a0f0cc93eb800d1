"""The control-room look: fonts, the dark palette and the style sheet (colours code needs: widgets.palette)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

THEMES_DIR = Path(__file__).resolve().parents[2] / "resources" / "themes"

BASE_POINT_SIZE = 12  # large enough to read from a control-room chair on a 12-hour shift
FONT_FAMILIES = ["Noto Sans", "Segoe UI", "DejaVu Sans", "Arial"]  # all cover Vietnamese diacritics


def style_sheet(name: str = "dark") -> str:
    """The sheet, with ``@THEMES@`` made the absolute path of its folder: Qt resolves a relative
    ``url()`` against the working directory, not against the sheet."""
    path = THEMES_DIR / f"{name}.qss"
    return path.read_text(encoding="utf-8").replace("@THEMES@", THEMES_DIR.as_posix())


def apply_theme(app: QApplication, name: str = "dark") -> None:
    """Fusion style + a dark palette (for anything the sheet does not cover) + the sheet."""
    app.setStyle("Fusion")
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#10151c",
        QPalette.ColorRole.WindowText: "#dfe6ee",
        QPalette.ColorRole.Base: "#141a22",
        QPalette.ColorRole.AlternateBase: "#18202a",
        QPalette.ColorRole.Text: "#dfe6ee",
        QPalette.ColorRole.Button: "#1d2631",
        QPalette.ColorRole.ButtonText: "#dfe6ee",
        QPalette.ColorRole.Highlight: "#1f4f7a",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#1d2631",
        QPalette.ColorRole.ToolTipText: "#dfe6ee",
        QPalette.ColorRole.PlaceholderText: "#7d8a99",
        QPalette.ColorRole.Link: "#5aa9ff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b7785"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b7785"))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(name))
