"""The user's private notes in the cache: re-read from /me/notes, changed through the outbox.

Notes are private to their author, so they are not in ``/sync`` (shared by every user);
like saved views, ``refresh_notes`` replaces the cached ``note`` rows with ``GET /me/notes``
whenever the console connects, so a note written on one console reaches the author's other
consoles at their next connect. Changes are outbox actions (``actions.create_note`` ...).
"""

from __future__ import annotations

from backend_client.api.client import IocClient
from backend_client.cache import CacheStore
from backend_client.sync.private_rows import replace_with_server_list, undelivered_entry_ids

RESOURCE = "note"


def cached_notes(store: CacheStore, document_id: int | None = None) -> list[dict[str, object]]:
    """The cached notes (of one document), oldest change first."""
    kind = None if document_id is None else str(document_id)
    return list(store.list(RESOURCE, kind=kind, order_by="sort_time asc"))


def refresh_notes(client: IocClient, store: CacheStore) -> int:
    """Replace the cached notes with ``GET /me/notes``; returns how many the server has.

    An action delivered while the GET was in flight may be missing from its answer (or, for a
    deletion, still in it): what its applied answer cached is kept, what it deleted is dropped.
    """
    waiting = undelivered_entry_ids(store, RESOURCE)
    notes = client.list_notes()
    items = {str(note.id): note.model_dump(mode="json") for note in notes}
    replace_with_server_list(store, RESOURCE, items, waiting)
    return len(notes)
