"""Importing another agency's CAP 1.2 warning from a file: chosen by the operator, read and sent
off the GUI thread, and the server's verdict (a 422 names what is wrong) told in plain words."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backend_client.api.errors import Conflict, InvalidRequest, IocError, PermissionDenied
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import fill
from ioc_console.services.ops import run_in_background

log = logging.getLogger(__name__)

#: The server's limit for a CAP document (POST /warnings/import answers 413 above it).
MAX_CAP_BYTES = 1024 * 1024


class FileTooLarge(ValueError):
    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read_cap_file(path: Path) -> bytes:
    """The file's bytes, refused above 1 MiB without reading it all. Blocking: run on a worker."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_CAP_BYTES + 1)
    if len(data) > MAX_CAP_BYTES:
        raise FileTooLarge(path.stat().st_size)
    return data


class CapImporter(QObject):
    """``choose_and_import()`` opens a file dialog; ``import_file(path)`` does the rest.
    ``imported(warning_id)`` on success, ``failed(message)`` with what the operator was told."""

    imported = Signal(int)
    failed = Signal(str)

    def __init__(self, connection: ConnectionService, parent: QWidget) -> None:
        super().__init__(parent)
        self._connection = connection
        self._parent = parent
        self._dialog: QFileDialog | None = None
        self._message: QMessageBox | None = None
        self._busy = False

    def choose_and_import(self) -> None:
        dialog = QFileDialog(self._parent, self.tr("Import a CAP 1.2 warning"))
        dialog.setObjectName("capImportFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("CAP documents (*.xml *.cap)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        self._dialog = dialog
        dialog.open()  # not exec(): the console keeps running while the operator looks for the file

    def file_dialog(self) -> QFileDialog | None:
        return self._dialog if self._dialog is not None and shiboken6.isValid(self._dialog) else None

    def is_busy(self) -> bool:
        return self._busy

    def import_file(self, path: Path) -> bool:
        """Read ``path`` and send it (on a worker). False when an import is already under way."""
        if self._busy:
            return False
        self._busy = True
        client = self._connection.client

        def work() -> Any:
            return client.import_warning(read_cap_file(path))

        run_in_background(work, on_success=self._done, on_failure=lambda error: self._failed(path, error), parent=self)
        return True

    def _done(self, warning: Any) -> None:
        self._busy = False
        warning_id = int(warning["id"] if isinstance(warning, dict) else warning.id)
        self._tell(
            QMessageBox.Icon.Information,
            self.tr("Warning imported"),
            fill(
                self.tr("The warning was imported as #%1 and is shown with the other agencies' warnings."),
                str(warning_id),
            ),
        )
        self.imported.emit(warning_id)

    def _failed(self, path: Path, error: BaseException) -> None:
        self._busy = False
        log.info("CAP import of %s refused: %s", path, error)
        if isinstance(error, FileTooLarge):
            text = fill(
                self.tr("The file is too large for a CAP warning: %1 KiB, at most %2 KiB."),
                str(-(-error.size // 1024)),  # rounded up: "1025 KiB", never "1024 of at most 1024"
                str(MAX_CAP_BYTES // 1024),
            )
        elif isinstance(error, OSError):
            text = fill(self.tr("The file could not be read: %1"), error.strerror or str(error))
        elif isinstance(error, InvalidRequest) and error.status == 413:
            text = self.tr("The server refused the file: it is larger than 1 MiB.")
        elif isinstance(error, InvalidRequest) and error.status == 415:
            text = self.tr("The server refused the file: it is not sent as XML.")
        elif isinstance(error, InvalidRequest):
            details = "; ".join(str(d.get("message") or "") for d in error.details if d.get("message"))
            text = fill(
                self.tr("This is not a valid CAP 1.2 warning, so nothing was imported.\nThe server says: %1"),
                " — ".join(part for part in (error.message, details) if part),
            )
        elif isinstance(error, Conflict):
            text = self.tr("This warning was already imported (same identifier and sender); nothing changed.")
        elif isinstance(error, PermissionDenied):
            text = self.tr("Your role may not import warnings.")
        elif isinstance(error, ValueError):
            text = self.tr("The file is empty: there is no warning in it.")
        elif isinstance(error, IocError):
            text = fill(self.tr("The warning could not be imported: %1"), error.message)
        else:
            text = fill(self.tr("The warning could not be imported: %1"), str(error) or type(error).__name__)
        self._tell(QMessageBox.Icon.Warning, self.tr("Warning not imported"), text)
        self.failed.emit(text)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._parent)
        box.setObjectName("capImportMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the server's message quotes the document
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._message = box
        box.open()

    def last_message(self) -> QMessageBox | None:
        return self._message if self._message is not None and shiboken6.isValid(self._message) else None
