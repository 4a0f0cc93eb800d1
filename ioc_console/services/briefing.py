"""Briefing pages: what a workspace offers the leaders' briefing (full-screen rotation and the PDF pack).

A workspace lists its pages with :meth:`Workspace.briefing_pages`. The shell's briefing mode
calls ``activate`` to bring the workspace into the page's state on the big screen; the briefing
pack calls ``render`` for a picture and ``figures`` for the key figures, each with its as-of time.
All three run on the GUI thread and must be quick (no network, no disk wait).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter


@dataclass(frozen=True)
class BriefingFigure:
    """A key figure for the pack: "Phản ánh đã xử lý", "98,4 %", with how fresh it is."""

    label: str
    value: str
    as_of: datetime | None
    from_cache: bool


@dataclass(frozen=True)
class BriefingPage:
    """One page of the briefing: a workspace state shown on the big screen and pictured in the pack."""

    key: str  # stable, e.g. "dashboards:leaders", "map", "video:wall"
    title: str  # translated, shown in the caption and the pack
    activate: Callable[[], None]  # bring the workspace into this page's state (GUI thread)
    render: Callable[[QSize], QImage]  # a picture of the page for the pack (GUI thread, fast)
    figures: Callable[[], list[BriefingFigure]]
    #: True once the page shows what it should (fresh figures asked for on ``activate`` answered,
    #: the map's layers loaded). The pack polls it after ``activate`` and pictures the page once
    #: true, or after a timeout with a note that its figures are not yet fresh. None: ready at once.
    ready: Callable[[], bool] | None = None


def message_picture(size: QSize, text: str) -> QImage:
    """A plain picture saying why a page has no picture yet ("the map is still loading"): the pack
    then shows the reason instead of an empty frame."""
    image = QImage(size.expandedTo(QSize(320, 180)), QImage.Format.Format_RGB32)
    image.fill(QColor("#10151c"))
    painter = QPainter(image)
    painter.setPen(QColor("#dfe6ee"))
    font = QFont(painter.font())
    font.setPixelSize(max(14, image.height() // 18))
    painter.setFont(font)
    painter.drawText(
        image.rect().adjusted(24, 24, -24, -24), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text
    )
    painter.end()
    return image
