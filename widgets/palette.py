"""Colours code needs as QColor (item foregrounds, icons); the same values as the dark style sheet."""

from __future__ import annotations

from PySide6.QtGui import QColor

# Keyed by the domain's level codes (ioc_domain.levels.LEVELS).
LEVEL_COLOURS = {
    "critical": QColor("#ff5c5c"),
    "warning": QColor("#ffb020"),
    "info": QColor("#5aa9ff"),
}

# Status text of routine rows (a normal sensor reading): readable, but quieter than alerts.
ROUTINE_COLOUR = "#9aa7b4"
