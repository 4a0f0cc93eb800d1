"""PdfThumbnails: the side list of page pictures, rendered a few at a time on QtPdf's render thread.

Every page gets a row at once (a grey placeholder of the page's shape); the pictures come from
a multi-threaded QPdfPageRenderer, at most ``IN_FLIGHT`` requests at a time and the rows in
view first, so a 200-page document neither stalls the GUI thread nor makes the pages the user
looks at wait behind the whole document.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

THUMB_BOX = QSize(112, 150)  # the largest picture; a page keeps its proportions inside it
IN_FLIGHT = 3
_PLACEHOLDER = QColor("#2a3440")
_PAGE_EDGE = QColor("#3a4757")


class PdfThumbnails(QListWidget):
    """Rows are pages (0-based); ``page_chosen`` only for the user's clicks and keys."""

    page_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfThumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setIconSize(THUMB_BOX)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFixedWidth(THUMB_BOX.width() + 44)
        self._renderer = QPdfPageRenderer(self)
        self._renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self._renderer.pageRendered.connect(self._on_rendered)
        self._document: QPdfDocument | None = None
        self._todo: set[int] = set()
        self._in_flight: dict[int, int] = {}  # request id -> page
        self._rendered: set[int] = set()
        self._syncing = False
        self.currentRowChanged.connect(self._on_current_row)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._pump())

    def set_document(self, document: QPdfDocument | None) -> None:
        """Show the pages of ``document`` (None or not ready: no rows); pictures follow."""
        self._syncing = True
        self.clear()
        self._syncing = False
        self._in_flight.clear()  # answers still coming for the previous document are dropped
        self._rendered.clear()
        self._todo.clear()
        self._document = document
        self._renderer.setDocument(document)
        count = document.pageCount() if document is not None else 0
        placeholders: dict[tuple[int, int], QIcon] = {}
        for page in range(count):
            size = self._picture_size(page)
            key = (size.width(), size.height())
            if key not in placeholders:
                placeholders[key] = _placeholder(size, self.devicePixelRatioF())
            item = QListWidgetItem(placeholders[key], str(page + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self._todo = set(range(count))
        self._pump()

    def rendered_pages(self) -> set[int]:
        return set(self._rendered)

    def renderer(self) -> QPdfPageRenderer:
        return self._renderer

    def show_page(self, page: int) -> None:
        """Select ``page``'s row and scroll it into view (from code: no ``page_chosen``)."""
        if 0 <= page < self.count() and page != self.currentRow():
            self._syncing = True
            self.setCurrentRow(page)
            self._syncing = False
        if 0 <= page < self.count():
            self.scrollToItem(self.item(page), QAbstractItemView.ScrollHint.EnsureVisible)

    def _on_current_row(self, row: int) -> None:
        if not self._syncing and row >= 0:
            self.page_chosen.emit(row)

    def _picture_size(self, page: int) -> QSize:
        points = self._document.pagePointSize(page) if self._document is not None else QSizeF()
        if points.width() <= 0 or points.height() <= 0:
            return QSize(THUMB_BOX.width(), round(THUMB_BOX.width() * 1.414))
        return points.scaled(QSizeF(THUMB_BOX), Qt.AspectRatioMode.KeepAspectRatio).toSize()

    def _visible_rows(self) -> range:
        first = self.indexAt(QPoint(8, 8)).row()
        last = self.indexAt(QPoint(8, self.viewport().height() - 8)).row()
        first = 0 if first < 0 else first
        last = self.count() - 1 if last < 0 else last
        return range(first, last + 1)

    def _pump(self) -> None:
        """Ask for more pictures while fewer than IN_FLIGHT are being rendered: rows in view first."""
        if self._document is None:
            return
        while self._todo and len(self._in_flight) < IN_FLIGHT:
            visible = [row for row in self._visible_rows() if row in self._todo]
            page = visible[0] if visible else min(self._todo)
            self._todo.discard(page)
            size = self._picture_size(page) * self.devicePixelRatioF()
            request = self._renderer.requestPage(page, size, QPdfDocumentRenderOptions())
            self._in_flight[int(request)] = page

    def _on_rendered(
        self, page: int, _size: QSize, image: QImage, _options: QPdfDocumentRenderOptions, request: int
    ) -> None:
        if self._in_flight.pop(int(request), None) != page:
            return  # for a document shown before this one
        item = self.item(page)
        if item is not None and not image.isNull():
            item.setIcon(_on_paper(image, self.devicePixelRatioF()))
            self._rendered.add(page)
        self._pump()


def _on_paper(image: QImage, ratio: float) -> QIcon:
    """The rendered page on white: pdfium leaves the paper transparent, which is dark in this theme."""
    pixmap = QPixmap(image.size())
    pixmap.fill(Qt.GlobalColor.white)
    painter = QPainter(pixmap)
    painter.drawImage(0, 0, image)
    painter.setPen(_PAGE_EDGE)
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return _same_when_selected(pixmap)


def _same_when_selected(pixmap: QPixmap) -> QIcon:
    # The list marks the current page with its frame; a selected icon would also be tinted blue.
    result = QIcon(pixmap)
    result.addPixmap(pixmap, QIcon.Mode.Selected)
    return result


def _placeholder(size: QSize, ratio: float) -> QIcon:
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(_PLACEHOLDER)
    painter = QPainter(pixmap)
    painter.setPen(_PAGE_EDGE)
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    return _same_when_selected(pixmap)
