"""The Qt binding the console runs on keeps Python's reference counts right on its hot paths."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

CALLS = 500  # few enough that a faulty binding fails the test instead of aborting the run


def test_void_qt_calls_do_not_consume_references_to_none(qapp) -> None:
    # PySide6 6.12.0 returned None from void methods without a new reference; each call took one
    # from None, and on Python 3.11 (where None is not immortal) the console aborted with
    # "Fatal Python error: none_dealloc" once a video wall had painted a few thousand frames.
    widget = QWidget()
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.update()
        painter = QPainter(image)
        painter.fillRect(0, 0, 4, 4, QColor("red"))
        painter.end()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 2, f"{lost} references to None lost over {CALLS} calls: a binding with the None bug"
