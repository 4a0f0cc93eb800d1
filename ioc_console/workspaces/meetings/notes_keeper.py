"""The member's private notes on the open document: read from the cache, written through the outbox.

One note per document page (the server's rule). Typing is saved a moment after it stops
(``SAVE_DELAY_MS``); a highlight is saved at once. While a page's first note is on its way
(a create), later edits of that page wait and are sent as an update once the create's answer
is cached, so a page never gets a second create (which the server would refuse).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from backend_client.api import actions
from backend_client.sync.private_notes import cached_notes
from ioc_console.services.connection import ConnectionService

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 1200
Rect = tuple[float, float, float, float]


def _rect_dict(rect: Rect) -> dict[str, float]:
    x, y, w, h = rect
    return {"x": float(x), "y": float(y), "width": float(w), "height": float(h)}


def rects_of(note: Mapping[str, Any] | None) -> list[Rect]:
    out: list[Rect] = []
    for h in (note or {}).get("highlights") or ():
        if isinstance(h, Mapping):
            try:
                out.append((float(h["x"]), float(h["y"]), float(h["width"]), float(h["height"])))
            except (KeyError, TypeError, ValueError):
                continue
    return out


class NotesKeeper(QObject):
    notes_changed = Signal()  # the notes of the open document (or their waiting state) changed
    save_failed = Signal(str)

    def __init__(self, connection: ConnectionService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._document_id: int | None = None
        self._notes: dict[int, dict[str, Any]] = {}  # page → cached server note
        self._local: dict[int, dict[str, Any]] = {}  # page → {"text", "highlights"} not yet sent
        self._creating: set[int] = set()  # pages whose create is queued or on its way
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        connection.outbox_changed.connect(self._on_outbox)

    @property
    def document_id(self) -> int | None:
        return self._document_id

    def set_document(self, document_id: int | None) -> None:
        if document_id == self._document_id:
            return
        self.flush()
        self._document_id = document_id
        self._notes, self._local, self._creating = {}, {}, set()
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, document_id = self._generation, self._document_id
        if document_id is None:
            self.notes_changed.emit()
            return
        self._connection.read_cache(
            lambda store: cached_notes(store, document_id),
            on_success=lambda notes: self._loaded(generation, notes),
            on_failure=lambda error: log.warning("could not read the notes: %s", error),
            parent=self,
        )

    def _loaded(self, generation: int, notes: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        self._notes = {n["page"]: n for n in notes if isinstance(n.get("page"), int)}
        # A create whose answer is cached now: its waiting edits go as an update.
        for page in list(self._creating):
            if page in self._notes:
                self._creating.discard(page)
                if page in self._local:
                    self._timer.start(0)
        self.notes_changed.emit()

    # -- what the panel shows -----------------------------------------------------------------
    def text(self, page: int) -> str:
        if page in self._local and "text" in self._local[page]:
            return str(self._local[page]["text"])
        return str((self._notes.get(page) or {}).get("text", ""))

    def highlights(self, page: int) -> list[Rect]:
        if page in self._local and "highlights" in self._local[page]:
            return list(self._local[page]["highlights"])
        return rects_of(self._notes.get(page))

    def all_highlights(self) -> dict[int, list[Rect]]:
        pages = set(self._notes) | set(self._local)
        return {page: self.highlights(page) for page in pages if self.highlights(page)}

    def pages(self) -> list[tuple[int, str]]:
        """(page, first line of its note) for every noted page of the document."""
        out = []
        for page in sorted(set(self._notes) | set(self._local)):
            text = self.text(page).strip()
            if text or self.highlights(page):
                out.append((page, text.splitlines()[0] if text else ""))
        return out

    def waiting(self, page: int) -> bool:
        return page in self._local or page in self._creating

    # -- editing ------------------------------------------------------------------------------
    def set_text(self, page: int, text: str) -> None:
        if self._document_id is None or text == self.text(page):
            return
        self._local.setdefault(page, {})["text"] = text
        self._timer.start()

    def add_highlight(self, page: int, rect: Rect) -> None:
        if self._document_id is None:
            return
        self._local.setdefault(page, {})["highlights"] = [*self.highlights(page), rect]
        self.notes_changed.emit()
        self._timer.start(0)

    def clear_highlights(self, page: int) -> None:
        if self._document_id is None or not self.highlights(page):
            return
        self._local.setdefault(page, {})["highlights"] = []
        self.notes_changed.emit()
        self._timer.start(0)

    def flush(self) -> None:
        """Queue every waiting edit (a create for a new page, else an update of the cached note)."""
        self._timer.stop()
        if self._document_id is None or self._connection.engine is None:
            return
        for page in list(self._local):
            if page in self._creating:
                continue  # sent as an update once the create's answer is cached
            change = self._local.pop(page)
            note = self._notes.get(page)
            highlights = [_rect_dict(r) for r in change["highlights"]] if "highlights" in change else None
            try:
                if note is None:
                    action = actions.create_note(self._document_id, page, str(change.get("text", "")), highlights or [])
                    self._creating.add(page)
                else:
                    action = actions.update_note(note, change.get("text"), highlights)
            except ValueError as exc:
                self.save_failed.emit(str(exc))
                continue
            self._connection.submit(
                action,
                on_success=lambda _entry: self.notes_changed.emit(),
                on_failure=lambda error: self.save_failed.emit(str(error)),
                parent=self,
            )
        self.notes_changed.emit()

    def _on_outbox(self, entry: Any) -> None:
        if getattr(entry, "resource", None) != "note":
            return
        if entry.state in ("applied", "conflict", "failed", "cancelled"):
            if entry.state != "applied" and entry.kind == "note.create":
                page = (entry.body or {}).get("page")
                self._creating.discard(page)
                if entry.state == "conflict":
                    self.save_failed.emit(self.tr("This page already has a note from another console; reloaded it."))
            self.reload()
