"""PdfPageView: QPdfView showing all pages in one column, with its own page tracking, fit modes,
a highlight overlay and rectangle drawing.

QPdfView keeps the position of each page private. This view always runs it in its ``Custom``
zoom mode (fit width / fit page are computed here into a zoom factor) so the page layout is
QPdfView's simple, documented one: every page ``pagePointSize × screen resolution × zoom``
(rounded) below the previous one, ``pageSpacing`` apart, inside ``documentMargins``, centred
across the viewport. ``page_rect`` rebuilds that layout, and the overlay, hit testing and
scrolling all use it.

The current page is tracked here as well: QPdfView's page navigator reports the page under a
line at 40 % of the viewport, which cannot be the last pages of a document once the view is
scrolled to its end, so "go to the last page" would bounce back. A page asked for stays current
until the user scrolls.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import QMargins, QPoint, QPointF, QRect, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QAbstractSlider, QWidget

ZOOM_MIN = 0.1
ZOOM_MAX = 10.0
# The zoom steps of the + / − buttons and Ctrl+wheel.
ZOOM_STEPS = (0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
HIGHLIGHT_FILL = QColor(255, 214, 0, 105)  # translucent yellow: the text under it stays readable
_DRAG_FILL = QColor(255, 214, 0, 70)
_DRAG_PEN = QColor("#d9a400")
_CURRENT_HIT_PEN = QColor("#ff8c1a")  # the search result the user is on; QPdfView tints the others
_BACKGROUND = QColor("#1a212b")
_MIN_DRAWN_POINTS = 2.0  # a smaller drag is a click, not a rectangle
_PAGE_TOP_GAP = 6  # pixels of background left above a page the view moves to


def clamp_zoom(zoom: float) -> float:
    return min(ZOOM_MAX, max(ZOOM_MIN, float(zoom)))


class PdfPageView(QPdfView):
    """One column of pages. Page numbers here are 0-based, as in QtPdf."""

    current_page_changed = Signal(int)
    zoom_factor_changed = Signal(float)
    user_moved = Signal()  # the user scrolled, paged or zoomed (never sent for calls from code)
    rectangle_drawn = Signal(int, QRectF)  # page, rectangle in PDF points from the page's top-left

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPageView")
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.Custom)
        self.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.setPageSpacing(12)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always there, so fitting the width cannot make it come and go (and the width change again).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Dark, _BACKGROUND)  # what QPdfView paints around pages
        self.setPalette(palette)
        # The same pixels-per-point QPdfView computes once, from the primary screen.
        screen = QGuiApplication.primaryScreen()
        self._resolution = (screen.logicalDotsPerInch() if screen is not None else 96.0) / 72.0
        self._fit = ""  # "", "width" or "page": kept when the view is resized
        self._page = -1
        self._moving = 0  # > 0 while code moves the view: the page stays what code said
        self._handling_input = 0  # > 0 inside a wheel/key/mouse handler that reports the move itself
        self._layout_key: tuple = ()
        self._tops: list[int] = []
        self._rects: list[QRect] = []
        self._highlights: dict[int, list[QRectF]] = {}
        self._highlight_mode = False
        self._hit: tuple[int, list[QRectF]] = (-1, [])
        self._drag: tuple[int, QPointF, QPointF] | None = None  # page, start, end (document pixels)
        self.zoomFactorChanged.connect(lambda factor: self.zoom_factor_changed.emit(float(factor)))
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            bar.actionTriggered.connect(self._on_scroll_bar_action)

    # -- document and layout --------------------------------------------------------------------
    def page_count(self) -> int:
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return 0
        return document.pageCount()

    def reset_page(self) -> None:
        """A new document (or none): scroll to its start and make page 0 current (if there is one)."""
        self._layout_key = ()
        self._drag = None
        with _Moving(self):
            self.verticalScrollBar().setValue(0)
            self.horizontalScrollBar().setValue(0)
        if self._fit:
            self._apply_fit(keep_position=False)
        self._page = -1
        if self.page_count():
            self._set_current(0)

    def scale(self) -> float:
        """Viewport pixels per PDF point."""
        return self._resolution * self.zoomFactor()

    def _layout(self) -> list[QRect]:
        count = self.page_count()
        key = (id(self.document()), count, self.zoomFactor(), self.viewport().width(), self.pageSpacing())
        if key == self._layout_key:
            return self._rects
        document = self.document()
        margins = self.documentMargins()
        sizes = [
            (QSizeF(document.pagePointSize(page)) * self._resolution * self.zoomFactor()).toSize()
            for page in range(count)
        ]
        total_width = max((size.width() for size in sizes), default=0) + margins.left() + margins.right()
        span = max(total_width, self.viewport().width())
        rects: list[QRect] = []
        y = margins.top()
        for size in sizes:
            rects.append(QRect((span - size.width()) // 2, y, size.width(), size.height()))
            y += size.height() + self.pageSpacing()
        self._rects = rects
        self._tops = [rect.top() for rect in rects]
        self._layout_key = key
        return rects

    def page_rect(self, page: int) -> QRect:
        """Where page ``page`` is, in document pixels (viewport pixels plus the scroll position)."""
        rects = self._layout()
        return rects[page] if 0 <= page < len(rects) else QRect()

    def _scroll_offset(self) -> QPoint:
        return QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def map_to_page(self, viewport_pos: QPointF) -> tuple[int, QPointF]:
        """(page, point in PDF points) under a viewport position; page -1 outside every page."""
        position = QPointF(viewport_pos) + QPointF(self._scroll_offset())
        for page, rect in enumerate(self._layout()):
            if QRectF(rect).contains(position):
                scale = self.scale()
                return page, QPointF((position.x() - rect.x()) / scale, (position.y() - rect.y()) / scale)
        return -1, QPointF()

    def points_to_viewport(self, page: int, rect: QRectF) -> QRectF:
        """A rectangle in PDF points on ``page`` (top-left origin), in viewport pixels."""
        origin = self.page_rect(page).topLeft() - self._scroll_offset()
        scale = self.scale()
        return QRectF(origin.x() + rect.x() * scale, origin.y() + rect.y() * scale, rect.width() * scale,
                      rect.height() * scale)  # fmt: skip

    # -- current page -----------------------------------------------------------------------------
    def current_page(self) -> int:
        return self._page

    def _set_current(self, page: int) -> None:
        if page != self._page:
            self._page = page
            self.current_page_changed.emit(page)

    def _page_at_scroll(self) -> int:
        """The page under a line at 40 % of the viewport's height (the last one starting above it)."""
        self._layout()
        if not self._tops:
            return -1
        line = self.verticalScrollBar().value() + self.viewport().height() * 0.4
        return max(0, bisect.bisect_right(self._tops, line) - 1)

    def _on_scrolled(self, _value: int) -> None:
        if not self._moving and self.page_count():
            self._set_current(self._page_at_scroll())

    def go_to_page(self, page: int, y_points: float | None = None) -> None:
        """Make ``page`` current and scroll to its top (or to ``y_points`` on it, a third down the view)."""
        count = self.page_count()
        if not count:
            return
        page = min(count - 1, max(0, page))
        rect = self.page_rect(page)
        if y_points is None:
            target = rect.top() - _PAGE_TOP_GAP
            if self._fit == "page":  # the whole page in view, centred
                target = rect.top() - max(0, (self.viewport().height() - rect.height()) // 2)
        else:
            target = round(rect.top() + y_points * self.scale() - self.viewport().height() / 3)
        with _Moving(self):
            self.verticalScrollBar().setValue(target)
        self._set_current(page)

    def ensure_visible(self, page: int, rect: QRectF) -> None:
        """Scroll (both ways) so that ``rect`` (PDF points on ``page``) is in view; ``page`` becomes current."""
        shown = self.points_to_viewport(page, rect)
        if not QRectF(self.viewport().rect()).contains(shown):
            self.go_to_page(page, rect.y())
            shown = self.points_to_viewport(page, rect)
            bar = self.horizontalScrollBar()
            if shown.left() < 0 or shown.right() > self.viewport().width():
                with _Moving(self):
                    bar.setValue(round(bar.value() + shown.center().x() - self.viewport().width() / 2))
        self._set_current(page)

    # -- zoom ---------------------------------------------------------------------------------------
    def fit_mode(self) -> str:
        return self._fit

    def set_zoom(self, zoom: float) -> None:
        """A fixed zoom (1.0 = real size on this screen); the top of the view stays where it was."""
        self._fit = ""
        self._zoom_keeping_position(clamp_zoom(zoom))

    def set_fit(self, mode: str) -> None:
        """ "width" or "page": the zoom follows the view's size until a fixed zoom is set."""
        self._fit = mode
        self._apply_fit(keep_position=True)

    def zoom_step(self, steps: int) -> float:
        """The zoom ``steps`` steps away from the current one (positive: larger)."""
        zoom = self.zoomFactor()
        if steps > 0:
            larger = [step for step in ZOOM_STEPS if step > zoom * 1.001]
            return larger[min(len(larger), steps) - 1] if larger else ZOOM_MAX
        smaller = [step for step in ZOOM_STEPS if step < zoom / 1.001]
        return smaller[-min(len(smaller), -steps)] if smaller else ZOOM_MIN

    def _fit_zoom(self) -> float | None:
        return self.fit_zoom(self._fit)

    def fit_zoom(self, mode: str) -> float | None:
        """The zoom that fits the page width ("width") or the whole page ("page") in the view now."""
        count = self.page_count()
        if not count:
            return None
        document = self.document()
        margins = self.documentMargins()
        width = self.viewport().width() - margins.left() - margins.right()
        if mode == "width":
            widest = max(document.pagePointSize(page).width() for page in range(count))
            return clamp_zoom(width / (widest * self._resolution)) if widest > 0 else None
        size = document.pagePointSize(max(0, self._page))
        if size.width() <= 0 or size.height() <= 0:
            return None
        height = self.viewport().height() - 2 * _PAGE_TOP_GAP
        return clamp_zoom(min(width / size.width(), height / size.height()) / self._resolution)

    def _apply_fit(self, keep_position: bool) -> None:
        zoom = self._fit_zoom()
        if zoom is None:
            return
        if keep_position:
            self._zoom_keeping_position(zoom)
        else:
            self.setZoomFactor(zoom)
        if self._fit == "page" and self._page >= 0:
            self.go_to_page(self._page)

    def _zoom_keeping_position(self, zoom: float) -> None:
        page = self._page
        if not self.page_count() or page < 0:
            self.setZoomFactor(zoom)
            return
        # The point of the current page at the top of the view, and the horizontal centre, stay put.
        old = self.page_rect(page)
        y_points = (self.verticalScrollBar().value() - old.top()) / self.scale()
        bar = self.horizontalScrollBar()
        centre = (bar.value() + self.viewport().width() / 2) / max(1, old.width() + 2 * old.left())
        with _Moving(self):
            self.setZoomFactor(zoom)
            new = self.page_rect(page)
            self.verticalScrollBar().setValue(round(new.top() + y_points * self.scale()))
            bar.setValue(round(centre * (new.width() + 2 * new.left()) - self.viewport().width() / 2))

    def resizeEvent(self, event: QResizeEvent) -> None:
        with _Moving(self):
            super().resizeEvent(event)
        if self._fit:
            self._apply_fit(keep_position=True)

    # -- user input ---------------------------------------------------------------------------------
    def _on_scroll_bar_action(self, action: int) -> None:
        # The user dragged or clicked a scroll bar (wheel and keys come through here too, but
        # their handlers below report the move once, and only when the view really moved).
        if not self._handling_input and action != QAbstractSlider.SliderAction.SliderNoAction.value:
            self.user_moved.emit()

    def _report_input(self, handler: Callable[[], None]) -> None:
        before = self._scroll_offset()
        self._handling_input += 1
        try:
            handler()
        finally:
            self._handling_input -= 1
        if self._scroll_offset() != before:
            self.user_moved.emit()

    def _user_zoom(self, steps: int) -> None:
        if self.page_count():
            self.set_zoom(self.zoom_step(steps))
            self.user_moved.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self._user_zoom(1 if delta > 0 else -1)
            event.accept()
            return
        self._report_input(lambda: super(PdfPageView, self).wheelEvent(event))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        pages = {
            Qt.Key.Key_PageDown: self._page + 1,
            Qt.Key.Key_PageUp: self._page - 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: self.page_count() - 1,
        }
        if key in pages and self.page_count() and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.go_to_page(pages[key])
            self.user_moved.emit()
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._user_zoom(1)
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_Minus:
            self._user_zoom(-1)
            event.accept()
            return
        self._report_input(lambda: super(PdfPageView, self).keyPressEvent(event))

    # -- highlights -----------------------------------------------------------------------------
    def set_highlights(self, rects_by_page: dict[int, list[QRectF]]) -> None:
        self._highlights = {page: list(rects) for page, rects in rects_by_page.items() if rects}
        self.viewport().update()

    def highlights(self) -> dict[int, list[QRectF]]:
        return {page: list(rects) for page, rects in self._highlights.items()}

    def set_current_hit(self, page: int, rects: list[QRectF]) -> None:
        """Frame one search result (its character boxes, merged line by line); page -1: none."""
        self._hit = (page, _lines(rects))
        self.viewport().update()

    def set_highlight_mode(self, on: bool) -> None:
        self._highlight_mode = on
        self._drag = None
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
        self.viewport().update()

    def highlight_mode(self) -> bool:
        return self._highlight_mode

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._highlight_mode:
            super().mousePressEvent(event)
            return
        event.accept()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        page, _point = self.map_to_page(event.position())
        if page >= 0:
            start = event.position() + QPointF(self._scroll_offset())
            self._drag = (page, start, start)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._highlight_mode:
            super().mouseMoveEvent(event)
            return
        event.accept()
        if self._drag is not None:
            page, start, _end = self._drag
            self._drag = (page, start, event.position() + QPointF(self._scroll_offset()))
            self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._highlight_mode:
            # A click on a link to another page moves the view.
            self._report_input(lambda: super(PdfPageView, self).mouseReleaseEvent(event))
            return
        event.accept()
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            return
        page, start, _end = self._drag
        self._drag = None
        self.viewport().update()
        drawn = self._drag_points(page, start, event.position() + QPointF(self._scroll_offset()))
        if drawn.width() >= _MIN_DRAWN_POINTS and drawn.height() >= _MIN_DRAWN_POINTS:
            self.rectangle_drawn.emit(page, drawn)

    def _drag_pixels(self, page: int, start: QPointF, end: QPointF) -> QRectF:
        """The dragged rectangle in document pixels, cut to the page it started on."""
        return QRectF(start, end).normalized().intersected(QRectF(self.page_rect(page)))

    def _drag_points(self, page: int, start: QPointF, end: QPointF) -> QRectF:
        rect = self._drag_pixels(page, start, end)
        origin = self.page_rect(page).topLeft()
        scale = self.scale()
        return QRectF((rect.x() - origin.x()) / scale, (rect.y() - origin.y()) / scale, rect.width() / scale,
                      rect.height() / scale)  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not (self._highlights or self._drag or self._hit[1]) or not self.page_count():
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = QRectF(self.viewport().rect())
        for page, rects in self._highlights.items():
            for rect in rects:
                shown = self.points_to_viewport(page, rect)
                if shown.intersects(visible):
                    painter.fillRect(shown, HIGHLIGHT_FILL)
        hit_page, hit_lines = self._hit
        if hit_lines:
            painter.setPen(QPen(_CURRENT_HIT_PEN, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in hit_lines:
                painter.drawRoundedRect(self.points_to_viewport(hit_page, rect).adjusted(-3, -2, 3, 2), 3, 3)
        if self._drag is not None:
            page, start, end = self._drag
            shown = self._drag_pixels(page, start, end).translated(-QPointF(self._scroll_offset()))
            painter.fillRect(shown, _DRAG_FILL)
            painter.setPen(QPen(_DRAG_PEN, 1, Qt.PenStyle.DashLine))
            painter.drawRect(shown)
        painter.end()


def _lines(rects: list[QRectF]) -> list[QRectF]:
    """Character boxes merged into one box per line of text (boxes that overlap vertically)."""
    lines: list[QRectF] = []
    for rect in sorted((QRectF(r) for r in rects), key=lambda r: (r.center().y(), r.x())):
        if lines and rect.top() < lines[-1].bottom() and rect.bottom() > lines[-1].top():
            lines[-1] = lines[-1].united(rect)
        else:
            lines.append(rect)
    return lines


class _Moving:
    """``with _Moving(view):`` the scrolling inside is the code's, not the user's."""

    def __init__(self, view: PdfPageView) -> None:
        self._view = view

    def __enter__(self) -> None:
        self._view._moving += 1

    def __exit__(self, *_exc: object) -> None:
        self._view._moving -= 1
