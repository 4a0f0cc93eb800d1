"""CacheStore: the console's local SQLite cache of synced resources plus its durable outbox."""

from __future__ import annotations

from backend_client.cache.grant_store import GrantStore, OfflineGrant
from backend_client.cache.media_store import MediaStore
from backend_client.cache.outbox_store import OutboxStore
from backend_client.cache.resource_rows import ORDERINGS
from backend_client.cache.resource_store import ResourceStore

__all__ = ["ORDERINGS", "CacheStore", "OfflineGrant"]


class CacheStore(ResourceStore, MediaStore, OutboxStore, GrantStore):
    """The local cache file: synced resources, sync state, snapshots, readings, outbox, views.

    Writes all go through one writer thread (see ``CacheWriter``); the blocking methods
    return only after the transaction committed, ``*_async`` ones return a Future. Reads use
    pooled connections of their own and may run on any thread while the writer writes (WAL).
    Each job lives in its own module: store_core (file, writer, readers, sync state),
    resource_store (synced resources), media_store, outbox_store, grant_store.
    """
