"""The style sheet: every image it names exists, and combo boxes show that they open a list."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox

from ioc_console.shell.theme import style_sheet


def test_every_image_of_the_sheet_is_an_absolute_path_to_a_readable_image():
    sheet = style_sheet()
    assert "@THEMES@" not in sheet
    urls = re.findall(r"url\(([^)]+)\)", sheet)
    assert len(urls) >= 3, "the combo-box arrows are images"
    for url in urls:
        path = Path(url)
        assert path.is_absolute(), f"{url}: Qt would resolve a relative url against the working directory"
        assert not QImage(str(path)).isNull(), f"{url} is missing or not an image Qt can read"


def test_a_combo_box_draws_its_arrow(qtbot, themed_app):
    combo = QComboBox()
    combo.addItems(["Hạt Kiểm lâm", "Cảnh sát giao thông"])
    qtbot.addWidget(combo)
    combo.resize(300, 36)
    image = combo.grab().toImage()
    # The arrow is drawn in #8fa3b8 inside the right-hand 24 px; nothing else there has that colour.
    arrow = [
        (x, y)
        for x in range(image.width() - 24, image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).name() == "#8fa3b8"
    ]
    assert arrow, "no arrow drawn on the combo box"
