"""The meeting minutes PDF: :class:`MinutesBuilder` writes one, :func:`export_minutes` runs the whole
errand (ask where, gather the data on the HTTP pool, write behind a cancellable progress dialog,
say where it went or what failed).

The PDF is Qt's own writer (QPdfWriter) painting a QTextDocument page by page: A4 portrait,
real text in an embedded font with Vietnamese glyphs, so it can be searched, copied and read back
by a PDF library. Like the briefing pack (``ioc_console.shell.briefing_pack``), the work is cut
into steps on a zero-time QTimer (the markup, the layout, then one page a turn) so the window
repaints and Cancel is heard between them, and the file goes through QSaveFile: a cancel or a
write error leaves no file, not even a partial one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMarginsF,
    QObject,
    QRectF,
    QSizeF,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ioc_console.services.event_text import fill
from ioc_console.services.ops import run_in_background
from ioc_console.services.pdf_target import PdfTarget
from ioc_console.workspaces.meetings.minutes_data import MinutesData, collect_minutes
from ioc_console.workspaces.meetings.minutes_html import BODY_POINTS, FONT_FAMILIES, MinutesText

log = logging.getLogger(__name__)

RESOLUTION_DPI = 300
#: The margins of Vietnamese administrative documents (Decree 30/2020): wide on the binding side.
MARGINS_MM = QMarginsF(30.0, 20.0, 15.0, 18.0)  # left, top, right, bottom
#: Room under each page's text for the running footer ("Trang 2/5"), in points.
FOOTER_PT = 22.0

_MUTED = QColor("#444444")


def default_minutes_path(meeting_id: int, day: date | None = None) -> str:
    """<Documents>/Bien-ban-<yyyy-mm-dd>-<id>.pdf (ASCII: safe on every file system and e-mail client)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return str(Path(folder) / f"Bien-ban-{(day or date.today()).isoformat()}-{meeting_id}.pdf")


def _font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPointSizeF(points)
    # No ligatures: "fi" must come out of a copy or a search of the PDF as two letters.
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


class MinutesBuilder(QObject):
    """Writes the minutes of ``data`` to ``path``: :meth:`start`, then ``finished``, ``failed`` or ``cancelled``."""

    progress = Signal(int, int)  # pages written, pages in all (0 in all while the text is laid out)
    finished = Signal(str)  # the path written
    failed = Signal(str)  # why, for the user
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = ""
        self._data: MinutesData | None = None
        self._pdf: PdfTarget | None = None
        self._doc: QTextDocument | None = None
        self._parts: list[str] = []
        self._body = QRectF()
        self._pages = 0
        self._next = 0
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        self._step_fn: Callable[[], None] = self._begin

    def is_running(self) -> bool:
        return self._running

    def page_count(self) -> int:
        """Pages of the document being written (0 until it is laid out)."""
        return self._pages

    def start(self, data: MinutesData, path: str) -> None:
        if self._running:
            raise RuntimeError("MinutesBuilder is already writing a PDF")
        self._data, self.path = data, path
        self._pages = self._next = 0
        self._running = True
        self._schedule(self._begin)

    def cancel(self) -> None:
        if not self._running:
            return
        self._timer.stop()
        self._close(commit=False)
        self._running = False
        self.cancelled.emit()

    # -- steps ---------------------------------------------------------------------------------------------
    def _schedule(self, fn: Callable[[], None]) -> None:
        self._step_fn = fn
        self._timer.start(0)

    def _step(self) -> None:
        if not self._running:
            return
        try:
            self._step_fn()
        except Exception as error:  # a bug or a disk error must end in "failed", never in a half-open file
            log.exception("the meeting minutes could not be written")
            self._fail(str(error) or type(error).__name__)

    def _begin(self) -> None:
        assert self._data is not None
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
        self._pdf = PdfTarget(self.path, layout, RESOLUTION_DPI, fill(self.tr("Minutes: %1"), self._data.meeting.title))
        problem = self._pdf.open()
        if problem is not None:
            self._fail(problem)
            return
        self.progress.emit(0, 0)
        self._schedule(self._compose)

    def _compose(self) -> None:
        """A document measured for the PDF (its fonts at the writer's resolution), then the minutes
        added to it a piece per turn: parsing and laying out a long meeting at once would hold the
        GUI for longer than a frame or two."""
        assert self._data is not None and self._writer is not None
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self._writer)
        doc.setDefaultFont(_font(BODY_POINTS))
        doc.setDocumentMargin(0)
        area = self._writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
        footer = FOOTER_PT * RESOLUTION_DPI / 72.0
        self._body = QRectF(0, 0, area.width(), area.height() - footer)
        doc.setPageSize(QSizeF(self._body.width(), self._body.height()))
        self._parts = MinutesText().parts(self._data)
        doc.setHtml(self._parts.pop(0))
        doc.pageCount()  # lays out what is there: the pieces added next are laid out on their own
        self._doc = doc
        self._schedule(self._add_part if self._parts else self._lay_out)

    def _add_part(self) -> None:
        assert self._doc is not None
        cursor = QTextCursor(self._doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        piece = QTextDocument()
        piece.setDefaultFont(self._doc.defaultFont())
        piece.setHtml(self._parts.pop(0))
        # The piece's first paragraph would run on at the end of the last one, in its format (an
        # indented conclusion...): it gets a block of its own, in the format the piece gives it.
        cursor.insertBlock(piece.begin().blockFormat(), QTextCharFormat())
        cursor.insertFragment(QTextDocumentFragment(piece))
        self._doc.pageCount()
        self._schedule(self._add_part if self._parts else self._lay_out)

    def _lay_out(self) -> None:
        assert self._doc is not None and self._writer is not None
        self._pages = max(1, self._doc.pageCount())
        assert self._pdf is not None
        if not self._pdf.begin_painting():
            self._fail(self.tr("the PDF could not be started"))
            return
        self.progress.emit(0, self._pages)
        self._schedule(self._draw_next)

    def _draw_next(self) -> None:
        assert self._painter is not None and self._writer is not None and self._doc is not None
        if self._next > 0 and not self._writer.newPage():
            self._fail(self.tr("a page could not be added to the PDF"))
            return
        painter, body = self._painter, self._body
        painter.save()
        painter.translate(0, -self._next * body.height())
        self._doc.drawContents(painter, body.translated(0, self._next * body.height()))
        painter.restore()
        self._draw_footer()
        self._next += 1
        self.progress.emit(self._next, self._pages)
        self._schedule(self._draw_next if self._next < self._pages else self._end)

    def _draw_footer(self) -> None:
        assert self._painter is not None and self._data is not None
        painter, body = self._painter, self._body
        line_y = body.bottom() + RESOLUTION_DPI * 0.06
        painter.setPen(QPen(QColor("#999999"), 2))
        painter.drawLine(int(body.left()), int(line_y), int(body.right()), int(line_y))
        painter.setPen(_MUTED)
        painter.setFont(_font(9))
        box = QRectF(body.left(), line_y + 4, body.width(), body.height())
        title = fill(self.tr("Minutes: %1"), self._data.meeting.title)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), title)
        page = fill(self.tr("Page %1 of %2"), str(self._next + 1), str(self._pages))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), page)

    def _end(self) -> None:
        if not self._close(commit=True):
            return
        self._running = False
        self.finished.emit(self.path)

    def _close(self, *, commit: bool) -> bool:
        pdf, self._pdf = self._pdf, None
        self._doc = None  # the document only points at the writer: let go of it first
        self._parts = []
        if pdf is None:
            return not commit
        problem = pdf.close(commit=commit)
        if problem is not None:
            self._running = False
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
        if not self._running:
            return
        self._timer.stop()
        self._close(commit=False)
        self._running = False
        self.failed.emit(reason)


class MinutesExport(QObject):
    """One export under way: gathering, then writing, behind one progress dialog.

    ``finished(path)``, ``failed(message)`` or ``cancelled()`` once it is over (after the user was told)."""

    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, connection: Any, meeting_id: int, path: str) -> None:
        super().__init__(parent)
        self.setObjectName("meetingMinutesExport")
        self._parent = parent
        self._connection = connection
        self.meeting_id = meeting_id
        self.path = path
        self.message_box: QMessageBox | None = None
        self._over = False
        self.builder = MinutesBuilder(self)
        self.progress = QProgressDialog(self.tr("Gathering the meeting’s records…"), self.tr("Cancel"), 0, 0, parent)
        self.progress.setObjectName("meetingMinutesProgress")
        self.progress.setWindowTitle(self.tr("Meeting minutes"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.builder.progress.connect(self._progressed)
        self.builder.finished.connect(self._written)
        self.builder.failed.connect(self._not_written)
        self.builder.cancelled.connect(self._cancelled)

    def start(self) -> None:
        self.progress.show()
        client = self._connection.client
        user = getattr(self._connection, "user", None)
        made_by = (getattr(user, "full_name", "") or getattr(user, "username", "")) if user is not None else ""
        meeting_id = self.meeting_id
        run_in_background(
            lambda: collect_minutes(client, meeting_id, made_by=made_by),
            on_success=self._collected,
            on_failure=self._not_collected,
            parent=self,
        )

    def cancel(self) -> None:
        if self._over:
            return
        if self.builder.is_running():
            self.builder.cancel()  # -> _cancelled
        else:  # still gathering: its answer is dropped when it comes
            self._cancelled()

    # -- stages --------------------------------------------------------------------------------------------------
    def _collected(self, data: MinutesData) -> None:
        if self._over:
            return
        self.progress.setLabelText(self.tr("Writing the minutes…"))
        self.builder.start(data, self.path)

    def _not_collected(self, error: BaseException) -> None:
        if self._over:
            return
        log.warning("minutes of meeting %s: the records could not be read: %s", self.meeting_id, error)
        self._tell_failure(fill(self.tr("The meeting’s records could not be read: %1"), str(error)))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        if total:
            self.progress.setLabelText(fill(self.tr("Writing the minutes: page %1 of %2"), str(done), str(total)))

    def _written(self, path: str) -> None:
        self._end()
        box = self._message(
            QMessageBox.Icon.Information, self.tr("Minutes saved"), fill(self.tr("The minutes were saved to\n%1"), path)
        )
        box.setObjectName("meetingMinutesSaved")
        self.finished.emit(path)

    def _not_written(self, reason: str) -> None:
        self._tell_failure(fill(self.tr("The minutes could not be written to\n%1\n\n%2"), self.path, reason))

    def _tell_failure(self, message: str) -> None:
        self._end()
        box = self._message(QMessageBox.Icon.Warning, self.tr("Minutes not saved"), message)
        box.setObjectName("meetingMinutesError")
        self.failed.emit(message)

    def _cancelled(self) -> None:
        self._end()
        self.cancelled.emit()

    def _end(self) -> None:
        self._over = True
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path and the error are not markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()
        return box


def export_minutes(
    parent: QWidget,
    connection: Any,
    meeting_id: int,
    default_path: str | None = None,
    *,
    path: str | None = None,
) -> MinutesExport | None:
    """Export the minutes of ``meeting_id``: asks where (``default_path`` pre-filled, else
    :func:`default_minutes_path`) unless ``path`` is given; None when the user chose no file.

    ``connection`` is the console's ``ConnectionService`` (its ``client`` and signed-in ``user``).
    The returned export lives under ``parent`` (a small object once it is over): it is not
    deleteLater()-ed, as deleting this Python QObject from the event loop crashed PySide 6.11
    ("shared QObject was deleted directly") once its Python wrapper was gone."""
    if not path:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("MinutesExport", "Save the meeting minutes"),
            default_path or default_minutes_path(meeting_id),
            QCoreApplication.translate("MinutesExport", "PDF document (*.pdf)"),
        )
        if not path:
            return None
    export = MinutesExport(parent, connection, meeting_id, path)
    export.start()
    return export
