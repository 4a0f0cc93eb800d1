"""The documents tab: choose a document of the meeting, read it (QtPdf, ``widgets.pdf_panel``),
and keep private notes beside it. Bytes come from the offline cache when they still match the
SHA-256 the meeting lists, else from the server (then cached): never read on the GUI thread."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from backend_client.api.errors import IocError
from backend_client.sync.meeting_documents import DocumentUnavailable, OpenedDocument, open_document
from ioc_console.services.connection import ConnectionService
from ioc_console.services.ops import run_in_background
from ioc_console.workspaces.meetings.notes_keeper import NotesKeeper
from ioc_console.workspaces.meetings.notes_panel import NotesPanel
from widgets.pdf_panel import PdfPanel

log = logging.getLogger(__name__)

#: Documents kept open in memory, so following a presenter between documents is instant.
KEPT_IN_MEMORY = 4


class DocumentReader(QWidget):
    user_navigated = Signal()
    #: {"kind": "document", "document_id", "page", "zoom"}: what the reader shows now
    view_changed = Signal(object)

    def __init__(self, connection: ConnectionService, keeper: NotesKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self.keeper = keeper
        self._meeting: Mapping[str, Any] | None = None
        self._bytes: OrderedDict[int, bytes] = OrderedDict()
        self._loading: int | None = None  # document id being fetched
        self._wanted: tuple[int, int | None, float | None] | None = None  # (doc, page, zoom) to show
        self._request = 0
        self.last_source = ""  # "cache" | "server" | "refetched" (for the status line and tests)
        # While the workspace is not seen, fetched bytes wait here: opening a PDF and drawing its
        # thumbnails is GUI-thread work nobody would look at (an operator on the alert queues).
        self._active = False
        self._deferred: tuple[int, bytes] | None = None
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("documentChooser")
        self.chooser.activated.connect(self._chosen)
        self.source = QLabel(self)
        self.source.setObjectName("documentSource")
        self.pdf = PdfPanel(self)
        self.pdf.setObjectName("meetingPdf")
        self.notes = NotesPanel(keeper, self)
        self.notes.setObjectName("notesPanel")
        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.source)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.pdf)
        splitter.addWidget(self.notes)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 230])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.pdf.user_navigated.connect(self.user_navigated)
        self.pdf.page_changed.connect(self._page_changed)
        self.pdf.zoom_changed.connect(lambda _zoom: self._announce())
        self.pdf.loaded.connect(self._loaded)
        self.pdf.highlight_drawn.connect(lambda page, rect: keeper.add_highlight(page, tuple(rect)))
        self.notes.page_chosen.connect(self._note_page_chosen)
        self.notes.highlight_mode_toggled.connect(self.pdf.set_highlight_mode)
        keeper.notes_changed.connect(lambda: self.pdf.set_highlights(keeper.all_highlights()))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.pdf.retranslate_ui()
        self.notes.retranslate_ui()
        if self.pdf.current_key() is None and self._loading is None:
            self.pdf.clear(self._empty_text())

    def _empty_text(self) -> str:
        if self._meeting is not None and not self._documents():
            return self.tr("This meeting has no documents.")
        return self.tr("Choose a document to read.")

    # -- meeting ----------------------------------------------------------------------------
    def _documents(self) -> list[Mapping[str, Any]]:
        return [
            d
            for d in (self._meeting or {}).get("documents") or ()
            if isinstance(d, Mapping) and isinstance(d.get("id"), int) and isinstance(d.get("sha256"), str)
        ]

    def document(self, doc_id: int | None) -> Mapping[str, Any] | None:
        return next((d for d in self._documents() if d["id"] == doc_id), None)

    def current_document_id(self) -> int | None:
        key = self.pdf.current_key()
        return int(key) if key is not None and key.isdigit() else None

    def show_meeting(self, meeting: Mapping[str, Any] | None) -> None:
        changed = (meeting or {}).get("id") != (self._meeting or {}).get("id")
        self._meeting = meeting
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for doc in self._documents():
            self.chooser.addItem(str(doc.get("filename", "")), doc["id"])
        self.chooser.blockSignals(False)
        if changed:
            self._wanted = None
            self._loading = None
            self._deferred = None
            self._request += 1
            self.keeper.set_document(None)
            self.pdf.clear(self._empty_text())
            self.source.setText("")
        current = self.current_document_id()
        if current is not None and self.document(current) is None:
            self.pdf.clear(self.tr("This document was removed from the meeting."))
            self.keeper.set_document(None)
        self._select_in_chooser(current if current is not None else (self._wanted or (None,))[0])

    def _select_in_chooser(self, doc_id: int | None) -> None:
        index = self.chooser.findData(doc_id) if doc_id is not None else -1
        self.chooser.blockSignals(True)
        self.chooser.setCurrentIndex(index)
        self.chooser.blockSignals(False)

    # -- opening ----------------------------------------------------------------------------
    def open(self, doc_id: int, page: int | None = None, zoom: float | None = None) -> bool:
        """Show ``doc_id`` (at ``page`` and ``zoom`` when given); False when the meeting has no such document."""
        doc = self.document(doc_id)
        if doc is None or self._meeting is None:
            return False
        self._wanted = (doc_id, page, zoom)
        self._select_in_chooser(doc_id)
        if self.current_document_id() == doc_id and self.pdf.page_count():
            self._apply_wanted()
            return True
        if doc_id in self._bytes:
            self._bytes.move_to_end(doc_id)
            self._show_bytes(doc_id, self._bytes[doc_id])
            return True
        if self._loading == doc_id:
            return True
        self._fetch(doc)
        return True

    def _fetch(self, doc: Mapping[str, Any]) -> None:
        store = self._connection.store
        if store is None or self._meeting is None:
            return
        self._request += 1
        request, doc_id = self._request, int(doc["id"])
        meeting_id, sha256 = int(self._meeting["id"]), str(doc["sha256"])
        client = self._connection.client
        self._loading = doc_id
        self.pdf.clear(self.tr("Opening “%1”…").replace("%1", str(doc.get("filename", ""))))
        self.source.setText("")
        run_in_background(
            lambda: open_document(client, store, meeting_id, doc_id, sha256),
            on_success=lambda opened: self._fetched(request, doc_id, opened),
            on_failure=lambda error: self._fetch_failed(request, doc_id, error),
            parent=self,
        )

    def _fetched(self, request: int, doc_id: int, opened: OpenedDocument) -> None:
        if request != self._request:
            return
        self._loading = None
        self.last_source = "refetched" if opened.replaced_damaged else "cache" if opened.from_cache else "server"
        self._bytes[doc_id] = opened.content
        self._bytes.move_to_end(doc_id)
        while len(self._bytes) > KEPT_IN_MEMORY:
            self._bytes.popitem(last=False)
        self._show_bytes(doc_id, opened.content)

    def _fetch_failed(self, request: int, doc_id: int, error: BaseException) -> None:
        if request != self._request:
            return
        self._loading = None
        if isinstance(error, DocumentUnavailable):
            message = (
                self.tr(
                    "The saved copy of this document is damaged and the server cannot be reached. It will be fetched again when the connection is back."  # noqa: E501
                )
                if error.damaged
                else self.tr("This document was not saved for offline reading and the server cannot be reached.")
            )
        elif isinstance(error, IocError):
            message = self.tr("The document could not be opened: %1").replace("%1", error.message)
        else:
            log.warning("could not open document %s: %s", doc_id, error)
            message = self.tr("The document could not be opened: %1").replace("%1", str(error))
        self.last_source = "failed"
        self.pdf.clear(message)
        self.source.setText("")

    def set_active(self, active: bool) -> None:
        """The workspace is seen (True) or not: a document fetched meanwhile is opened when seen."""
        self._active = active
        if active and self._deferred is not None:
            doc_id, content = self._deferred
            self._deferred = None
            self._show_bytes(doc_id, content)

    def _show_bytes(self, doc_id: int, content: bytes) -> None:
        if not self._active:
            self._deferred = (doc_id, content)
            return
        self.keeper.set_document(doc_id)
        self.pdf.load_bytes(content, str(doc_id))
        self.source.setText(
            {
                "cache": self.tr("Saved for offline reading"),
                "server": self.tr("Fetched from the server; saved for offline reading"),
                "refetched": self.tr("The saved copy was damaged; fetched again"),
            }.get(self.last_source, "")
        )

    def _loaded(self, key: str, _pages: int) -> None:
        self.pdf.fit_width()  # readable on any screen; a presenter's zoom (wanted) comes after
        if self._wanted is not None and str(self._wanted[0]) == key:
            self._apply_wanted()
        self.pdf.set_highlights(self.keeper.all_highlights())
        self.notes.show_page(self.pdf.page())
        self._announce()

    def _apply_wanted(self) -> None:
        if self._wanted is None:
            return
        _doc, page, zoom = self._wanted
        self._wanted = None
        if zoom is not None and abs(zoom - self.pdf.relative_zoom()) > 1e-3:
            self.pdf.set_relative_zoom(zoom)
        if page is not None and page != self.pdf.page():
            self.pdf.set_page(page)

    # -- user -------------------------------------------------------------------------------
    def _chosen(self, index: int) -> None:
        doc_id = self.chooser.itemData(index)
        if isinstance(doc_id, int) and doc_id != self.current_document_id():
            self.user_navigated.emit()
            self.open(doc_id, 1)

    def _note_page_chosen(self, page: int) -> None:
        self.user_navigated.emit()
        self.pdf.set_page(page)

    def _page_changed(self, page: int) -> None:
        self.notes.show_page(page)
        self._announce()

    def _announce(self) -> None:
        doc_id = self.current_document_id()
        if doc_id is not None and self.pdf.page_count():
            self.view_changed.emit(
                {"kind": "document", "document_id": doc_id, "page": self.pdf.page(), "zoom": self._shared_zoom()}
            )

    def current_view(self) -> dict[str, Any] | None:
        doc_id = self.current_document_id()
        if doc_id is None or not self.pdf.page_count():
            return None
        return {"kind": "document", "document_id": doc_id, "page": self.pdf.page(), "zoom": self._shared_zoom()}

    def _shared_zoom(self) -> float:
        """The zoom the room is sent: relative to fitting the page width, so it means the same on
        every follower's screen (docs/API.md, presenter's view)."""
        return round(min(10.0, max(0.1, self.pdf.relative_zoom())), 3)
