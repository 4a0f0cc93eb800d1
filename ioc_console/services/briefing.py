"""Briefing pages: what a workspace offers the leaders' briefing (full-screen rotation and the PDF pack).

A workspace lists its pages with :meth:`Workspace.briefing_pages`. The shell's briefing mode
calls ``activate`` to bring the workspace into the page's state on the big screen; the briefing
pack calls ``activate``, waits for ``ready``, then calls ``render`` for a picture and ``figures``
for the key figures, each with its as-of time. All run on the GUI thread and must be quick (no
network, no disk wait). Before the first page, the shell takes each workspace's
:meth:`Workspace.briefing_snapshot` and calls what it returns when the briefing or pack is over, so
pages may change the workspace freely.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

if TYPE_CHECKING:
    from ioc_console.services.workspace import Workspace

log = logging.getLogger(__name__)


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


def snapshot_workspaces(workspaces: Iterable[Workspace | None]) -> Callable[[], None]:
    """Take each workspace's :meth:`~Workspace.briefing_snapshot`; the result puts them all back
    (once). One workspace's fault neither stops the briefing nor the others' restoring."""
    restores: list[tuple[str, Callable[[], None]]] = []
    for workspace in workspaces:
        if workspace is None:
            continue
        try:
            restores.append((workspace.objectName(), workspace.briefing_snapshot()))
        except Exception:
            log.exception("the %s workspace could not keep its state for the briefing", workspace.objectName())

    def restore_all() -> None:
        while restores:
            name, restore = restores.pop()
            try:
                restore()
            except Exception:
                log.exception("the %s workspace could not be put back after the briefing", name)

    return restore_all
