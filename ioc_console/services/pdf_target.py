"""One PDF file being written by Qt's PDF writer through QSaveFile: the target appears only when
it is complete, so a cancel or a write error never leaves a half-written file (briefing pack, minutes)."""

from __future__ import annotations

from PySide6.QtCore import QSaveFile
from PySide6.QtGui import QPageLayout, QPainter, QPdfWriter

CREATOR = "IOC Huế console"


class PdfTarget:
    """The file, its writer and (once painting) its painter, let go of in order by :meth:`close`.

    No Qt parents on purpose: the owner closes them in order (painter, writer, file), never
    leaving one to a parent's destructor while another still uses it.
    """

    def __init__(self, path: str, layout: QPageLayout, resolution_dpi: int, title: str) -> None:
        self.path = path
        self._layout = layout
        self._resolution = resolution_dpi
        self._title = title
        self._file: QSaveFile | None = None
        self.writer: QPdfWriter | None = None
        self.painter: QPainter | None = None

    def open(self) -> str | None:
        """Open the temporary file and the writer; the reason when it cannot be opened, else None."""
        save = QSaveFile(self.path)
        if not save.open(QSaveFile.OpenModeFlag.WriteOnly):
            return save.errorString()
        self._file = save
        writer = QPdfWriter(save)
        writer.setResolution(self._resolution)
        writer.setPageLayout(self._layout)
        writer.setTitle(self._title)
        writer.setCreator(CREATOR)
        self.writer = writer
        return None

    def begin_painting(self) -> bool:
        """Start the painter on the writer (False when the PDF cannot be started)."""
        if self.writer is None:
            return False
        painter = QPainter()
        if not painter.begin(self.writer):
            return False
        self.painter = painter
        return True

    def close(self, *, commit: bool) -> str | None:
        """Finish and rename onto the target (``commit``), or discard the temporary file.
        Returns why the commit failed ("" when Qt names no reason), else None."""
        painter, self.painter = self.painter, None
        if painter is not None and painter.isActive():
            painter.end()  # writes the PDF's trailer into the temporary file
        self.writer = None
        save, self._file = self._file, None
        if save is None:
            return None
        if not commit:
            save.cancelWriting()
            save.commit()  # discards the temporary file
            return None
        if not save.commit():
            return save.errorString()
        return None
