"""Replacing a per-user resource's cached rows (saved views, private notes) with the server's list.

Per-user resources are not in ``/sync``: the engine re-reads them on every connect and replaces
the cached rows. An outbox action delivered while that GET was in flight may be missing from its
answer (or, for a deletion, still in it); this is the one place that settles it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from backend_client.cache import CacheStore

UNDELIVERED = ("pending", "sending")


def undelivered_entry_ids(store: CacheStore, resource: str) -> list[int]:
    """Ids of the outbox entries of ``resource`` not delivered yet (read before the GET)."""
    return [e.id for e in store.entries(states=UNDELIVERED) if e.resource == resource]


def replace_with_server_list(
    store: CacheStore,
    resource: str,
    items: Mapping[str, dict[str, Any]],
    waiting: Iterable[int],
    *,
    keep_ids: Iterable[str] = (),
) -> None:
    """Make the cached ``resource`` rows the server's ``items`` (id → object), except where an
    entry of ``waiting`` (undelivered before the GET) was applied meanwhile: what its answer
    cached is kept (it is at least as new), what it deleted stays deleted. ``keep_ids``: rows
    kept as they are (e.g. placeholders of creates still waiting)."""
    remaining = dict(items)
    keep = list(keep_ids)
    for entry_id in waiting:
        entry = store.entry(entry_id)
        if entry.state != "applied":
            continue
        if entry.method == "DELETE":
            remaining.pop(str(entry.resource_id), None)
        elif isinstance(entry.response, Mapping) and "id" in entry.response:
            keep.append(str(entry.response["id"]))
            remaining.pop(str(entry.response["id"]), None)
    store.replace_resources(resource, list(remaining.values()), keep_ids=keep)
