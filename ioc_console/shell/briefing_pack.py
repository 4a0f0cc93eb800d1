"""The briefing pack: one A4 landscape PDF with a cover, then each chosen briefing page's picture and its
key figures, each figure with the time it holds for ("lúc 14:32") and whether it came from the
offline cache.

Built one page per turn of the event loop (a zero-time QTimer), so the window repaints, the progress
dialog moves and Cancel is heard between pages. The PDF goes to a temporary file beside the target
(QSaveFile) and is renamed onto it only when complete: a cancel or a write error leaves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QMarginsF,
    QObject,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from ioc_console.services.briefing import BriefingFigure, BriefingPage
from ioc_console.services.event_text import LOCAL_TZ, fill
from ioc_console.services.pdf_target import PdfTarget

log = logging.getLogger(__name__)

RESOLUTION_DPI = 150
MARGIN_MM = 12.0
#: The pages' pictures are asked for at this size (pixels), then fitted to the page.
PICTURE_SIZE = QSize(1600, 1000)
#: After a page is brought up on screen (a workspace shown, a view applied) it is given this long
#: to paint before its picture is taken.
SETTLE_MS = 400
#: Then its ``ready()`` is asked this often (a timer: the window keeps painting, Cancel is heard)...
READY_POLL_MS = 100
#: ...for at most this long; past it the page is pictured as it is, with a note saying so.
READY_TIMEOUT_MS = 10_000

_INK = QColor("#10151c")
_MUTED = QColor("#5b6877")
_RULE = QColor("#c9d1da")
_WARN = QColor("#b35c00")


def as_of_text(figure: BriefingFigure, now: datetime) -> str:
    """ "lúc 14:32" (the date too when not today), with "bộ nhớ đệm ngoại tuyến" for a cached figure."""
    if figure.as_of is None:
        when = QCoreApplication.translate("BriefingPack", "time not known")
    else:
        local = figure.as_of.astimezone(LOCAL_TZ)
        stamp = local.strftime("%H:%M")
        if local.date() != now.astimezone(LOCAL_TZ).date():
            stamp += local.strftime(" %d/%m/%Y")
        when = fill(QCoreApplication.translate("BriefingPack", "as of %1"), stamp)
    if figure.from_cache:
        when += ", " + QCoreApplication.translate("BriefingPack", "offline cache")
    return when


@dataclass(frozen=True)
class PackCover:
    """What the cover says: who made the pack and when."""

    made_at: datetime
    made_by: str


class BriefingPackBuilder(QObject):
    """Writes the pack for ``pages`` to ``path``; :meth:`start`, then one of the three end signals."""

    progressed = Signal(int, int, str)  # pages done, pages in all, what is being done
    finished = Signal(str)  # the path written
    failed = Signal(str)  # why, for the operator
    cancelled = Signal()

    def __init__(
        self,
        path: str,
        pages: list[BriefingPage],
        cover: PackCover,
        bring_up: Callable[[BriefingPage], None] | None = None,
        settle_ms: int = SETTLE_MS,
        parent: QObject | None = None,
        ready_timeout_ms: int = READY_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.pages = pages
        self.cover = cover
        self._bring_up = bring_up
        self._settle_ms = settle_ms
        self._ready_timeout_ms = ready_timeout_ms
        self._waited = QElapsedTimer()
        self._stale = False  # the page being drawn was not ready in time
        self._pdf: PdfTarget | None = None
        self._next = 0
        self._done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        self._step_fn: Callable[[], None] = self._begin

    @property
    def total(self) -> int:
        return len(self.pages) + 1  # the cover, then each page

    def start(self) -> None:
        self._schedule(self._begin, 0)

    def cancel(self) -> None:
        if self._done:
            return
        self._timer.stop()
        self._close(commit=False)
        self._done = True
        self.cancelled.emit()

    # -- steps ------------------------------------------------------------------------------------
    def _schedule(self, fn: Callable[[], None], delay_ms: int) -> None:
        self._step_fn = fn
        self._timer.start(delay_ms)

    def _step(self) -> None:
        if self._done:
            return
        try:
            self._step_fn()
        except OSError as error:
            self._fail(str(error))

    def _begin(self) -> None:
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
        self._pdf = PdfTarget(self.path, layout, RESOLUTION_DPI, self.tr("Briefing pack"))
        problem = self._pdf.open()
        if problem is not None:
            self._fail(problem)
            return
        if not self._pdf.begin_painting():
            self._fail(self.tr("the PDF could not be started"))
            return
        self._draw_cover()
        self.progressed.emit(1, self.total, self.tr("Cover"))
        self._next = 0
        self._schedule(self._bring_up_next, 0)

    def _bring_up_next(self) -> None:
        if self._next >= len(self.pages):
            self._end()
            return
        page = self.pages[self._next]
        self.progressed.emit(self._next + 1, self.total, page.title)
        if self._bring_up is not None:
            try:
                self._bring_up(page)
            except Exception:  # the picture then shows the workspace as it is
                log.exception("briefing page %s could not be brought up for the pack", page.key)
            self._waited.start()
            self._schedule(self._wait_ready, self._settle_ms)
        else:
            self._schedule(self._draw_next, 0)

    def _wait_ready(self) -> None:
        """Draw the page once it says its figures are fresh, or when waiting longer would stall the pack."""
        page = self.pages[self._next]
        try:
            ready = page.ready is None or page.ready()
        except Exception:
            log.exception("briefing page %s could not say whether it is ready", page.key)
            ready = True
        self._stale = not ready and self._waited.elapsed() >= self._ready_timeout_ms
        if ready or self._stale:
            self._draw_next()
        else:
            self._schedule(self._wait_ready, READY_POLL_MS)

    def _draw_next(self) -> None:
        page = self.pages[self._next]
        assert self._writer is not None
        if not self._writer.newPage():
            self._fail(self.tr("a page could not be added to the PDF"))
            return
        self._draw_page(page, self._next, stale=self._stale)
        self._stale = False
        self._next += 1
        self.progressed.emit(self._next + 1, self.total, page.title)
        self._schedule(self._bring_up_next, 0)

    def _end(self) -> None:
        if not self._close(commit=True):
            return
        self._done = True
        self.finished.emit(self.path)

    def _close(self, *, commit: bool) -> bool:
        pdf, self._pdf = self._pdf, None
        if pdf is None:
            return not commit
        problem = pdf.close(commit=commit)
        if problem is not None:
            self._done = True
            self.failed.emit(problem or self.tr("the file could not be written"))
            return False
        return True

    @property
    def _writer(self) -> QPdfWriter | None:
        return self._pdf.writer if self._pdf is not None else None

    @property
    def _painter(self) -> QPainter | None:
        return self._pdf.painter if self._pdf is not None else None

    def _fail(self, reason: str) -> None:
        if self._done:
            return
        self._timer.stop()
        self._close(commit=False)
        self._done = True
        self.failed.emit(reason)

    # -- drawing ------------------------------------------------------------------------------------
    def _area(self) -> QRect:
        assert self._writer is not None
        return self._writer.pageLayout().paintRectPixels(RESOLUTION_DPI)

    def _font(self, points: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(["Noto Sans", "DejaVu Sans", "Arial"])
        font.setPointSizeF(points)
        font.setBold(bold)
        # No ligatures: "ﬁ" and "ﬄ" would come out of a copy or a search of the PDF as one odd letter.
        for feature in ("liga", "clig"):
            font.setFeature(QFont.Tag(feature), 0)
        return font

    def _text(self, rect: QRectF, text: str, points: float, *, bold: bool = False, colour: QColor = _INK) -> float:
        """Draw wrapped ``text`` at the top of ``rect``; returns the height it took."""
        painter = self._painter
        assert painter is not None
        painter.setFont(self._font(points, bold))
        painter.setPen(colour)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        used = painter.boundingRect(rect, flags, text)
        painter.drawText(rect, flags, text)
        return used.height()

    def _made_line(self) -> str:
        made = self.cover.made_at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")
        return fill(self.tr("Made %1 by %2"), made, self.cover.made_by)

    def _draw_cover(self) -> None:
        area = QRectF(self._area().translated(-self._area().topLeft()))
        y = area.top() + area.height() * 0.18
        y += self._text(QRectF(area.left(), y, area.width(), area.height()), self.tr("Briefing pack"), 30, bold=True)
        y += self._text(
            QRectF(area.left(), y, area.width(), area.height()),
            self.tr("Intelligent Operations Centre, Huế"),
            16,
            colour=_MUTED,
        )
        y += area.height() * 0.05
        y += self._text(QRectF(area.left(), y, area.width(), area.height()), self._made_line(), 14)
        y += area.height() * 0.05
        y += self._text(QRectF(area.left(), y, area.width(), area.height()), self.tr("Contents"), 14, bold=True)
        for number, page in enumerate(self.pages, start=1):
            y += self._text(QRectF(area.left(), y, area.width(), area.height()), f"{number}. {page.title}", 12)

    def _draw_page(self, page: BriefingPage, index: int, *, stale: bool = False) -> None:
        painter = self._painter
        assert painter is not None
        area = QRectF(self._area().translated(-self._area().topLeft()))
        now = self.cover.made_at
        header = self._text(QRectF(area.left(), area.top(), area.width(), area.height()), page.title, 20, bold=True)
        top = area.top() + header + 12
        if stale:  # the reader must not take these figures for the current ones
            top += self._text(
                QRectF(area.left(), top, area.width(), area.height()),
                self.tr("Figures not yet fresh: the page was pictured before its figures were updated."),
                12,
                bold=True,
                colour=_WARN,
            )
            top += 8
        footer_h = 40.0
        body = QRectF(area.left(), top, area.width(), area.bottom() - top - footer_h)
        picture_box = QRectF(body.left(), body.top(), body.width() * 0.66, body.height())
        figures_box = QRectF(
            picture_box.right() + 30, body.top(), body.right() - picture_box.right() - 30, body.height()
        )

        try:
            image = page.render(PICTURE_SIZE)
        except Exception as error:  # the page says why instead of stopping the pack
            log.exception("briefing page %s could not be pictured", page.key)
            image = QImage()
            self._text(picture_box, fill(self.tr("No picture: %1"), str(error)), 12, colour=_MUTED)
        if not image.isNull():
            fitted = QSize(image.size()).scaled(picture_box.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(picture_box.left(), picture_box.top(), fitted.width(), fitted.height())
            if image.size() != fitted:
                # Once, to the printed size (150 dpi): the PDF then holds and compresses half the
                # pixels, the longest part of drawing a page while the GUI waits.
                image = image.scaled(
                    fitted, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            painter.drawImage(target, image)
            painter.setPen(QPen(_RULE, 2))
            painter.drawRect(target)

        try:
            figures = page.figures()
        except Exception as error:
            log.exception("briefing page %s could not give its figures", page.key)
            figures = []
            self._text(figures_box, fill(self.tr("Figures not available: %1"), str(error)), 11, colour=_MUTED)
        y = figures_box.top()
        y += self._text(QRectF(figures_box.left(), y, figures_box.width(), 200), self.tr("Key figures"), 14, bold=True)
        y += 10
        if not figures:
            self._text(QRectF(figures_box.left(), y, figures_box.width(), 200), self.tr("None on this page."), 11)
        for figure in figures:
            box = QRectF(figures_box.left(), y, figures_box.width(), figures_box.bottom() - y)
            y += self._text(box, figure.label, 11, colour=_MUTED)
            y += self._text(QRectF(box.left(), y, box.width(), box.height()), figure.value, 18, bold=True)
            y += self._text(QRectF(box.left(), y, box.width(), box.height()), as_of_text(figure, now), 10)
            y += 14
        footer = QRectF(area.left(), area.bottom() - footer_h + 10, area.width(), footer_h)
        painter.setPen(QPen(_RULE, 1))
        painter.drawLine(footer.topLeft(), footer.topRight())
        self._text(
            footer.adjusted(0, 6, 0, 0),
            f"{self._made_line()} · {fill(self.tr('Page %1 of %2'), str(index + 1), str(len(self.pages)))}",
            9,
            colour=_MUTED,
        )
