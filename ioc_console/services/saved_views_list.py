"""One kind of the signed-in user's saved views (/me/views): read from the cache, changed through the outbox.

The plumbing every saved-views control shares (the event log's, the video wall's): the list is
read on the cache pool whenever the cache opens, the sync engine refreshes the views or an
outbox entry for a view changes; a change is queued on the cache pool, so it is durable and
works offline; placeholders of settled changes are tidied; sign-out forgets the list. The
controls own only their widgets and wording.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from backend_client.sync import saved_views
from backend_client.sync.saved_views import UNDELIVERED
from ioc_console.services.connection import ConnectionService
from ioc_console.services.ops import run_on_cache

log = logging.getLogger(__name__)

#: A change to queue: called on the cache pool with the engine's ``submit`` and the cache store.
ViewChange = Callable[[Callable[..., Any], Any], saved_views.QueuedChange]


class SavedViewsList(QObject):
    """The views of one ``kind``, kept current from the cache; changes go through the outbox."""

    loaded = Signal(list)  # list[ViewEntry], from the newest read
    change_queued = Signal(object)  # backend_client.sync.saved_views.QueuedChange, after its commit
    change_failed = Signal(object)  # the error
    forgotten = Signal()  # signed out: the next person at this console must not see these views

    def __init__(self, connection: ConnectionService, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._kind = kind
        self._generation = 0  # of cache reads: a late answer of an older read is dropped
        connection.cache_ready.connect(lambda _store: self.reload())
        connection.outbox_changed.connect(self._on_outbox_changed)
        # The sync engine re-reads the views from the server on every connect (sign-in, back online).
        connection.views_refreshed.connect(self.reload)
        connection.signed_out.connect(self._forget)

    @property
    def kind(self) -> str:
        return self._kind

    def reload(self) -> None:
        """Re-read the views from the cache (on the cache pool); ``loaded`` carries them."""
        self._generation += 1
        generation = self._generation
        self._connection.read_cache(
            lambda store: saved_views.visible_views(store, self._kind),
            on_success=lambda views: self._loaded(generation, views),
            on_failure=lambda error: log.warning("could not read the %s views: %s", self._kind, error),
            parent=self,
        )

    def queue(self, change: ViewChange) -> bool:
        """Run one change on the cache pool (it writes the outbox and any placeholder durably);
        False, and nothing queued, while nobody is signed in."""
        engine, store = self._connection.engine, self._connection.store
        if engine is None or store is None:
            return False
        run_on_cache(
            lambda: change(engine.submit, store), on_success=self._queued, on_failure=self._failed, parent=self
        )
        return True

    def _queued(self, result: saved_views.QueuedChange) -> None:
        # The engine reports the entry it queued; the ones withdrawn here went around it, so the
        # pending-actions list hears of them through the same signal.
        for entry in result.cancelled:
            self._connection.outbox_changed.emit(entry)
        self.change_queued.emit(result)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        log.warning("%s view change not queued: %s", self._kind, error)
        self.change_failed.emit(error)

    def _loaded(self, generation: int, views: list[Any]) -> None:
        if generation == self._generation:
            self.loaded.emit(list(views))

    def _on_outbox_changed(self, entry: Any) -> None:
        if getattr(entry, "resource", None) != saved_views.RESOURCE:
            return
        if entry.state in UNDELIVERED:
            self.reload()
            return
        # Delivered, refused or withdrawn: its placeholder row (if any) is no longer needed.
        store = self._connection.store
        if store is None:
            return
        run_on_cache(
            lambda: saved_views.drop_settled_placeholders(store),
            on_success=lambda _n: self.reload(),
            on_failure=lambda error: log.warning("saved view placeholders not tidied: %s", error),
            parent=self,
        )

    def _forget(self) -> None:
        self._generation += 1  # a read still in flight belongs to the old session
        self.forgotten.emit()
