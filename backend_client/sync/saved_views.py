"""The user's saved views in the cache: refresh from /me/views, and queue changes through the outbox offline.

Views are private to their owner, so they are not in ``/sync``; ``refresh_saved_views``
replaces the cached ``view`` rows with ``GET /me/views``. Every change goes through the
durable outbox like any operator action. What the operator sees is the cached server rows
with the actions still waiting in the outbox laid over them (``visible_views``): a view
saved offline shows at once (as a local placeholder whose id is ``local-<idempotency key>``),
an offline rename shows its new name, an offline deletion hides the view. The overlay is
computed from the outbox itself, so it stays right whatever order refreshes, replays and
placeholder writes happen in (and it also shows the views that the cache's v4 migration
turned into pending actions, which never had a placeholder row).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from backend_client.api.actions import Action, create_view, delete_view, update_view, view_name
from backend_client.api.client import IocClient
from backend_client.cache import CacheStore, OutboxEntry
from backend_client.cache.errors import OutboxStateError
from backend_client.cache.timeutil import now_iso
from backend_client.sync.private_rows import replace_with_server_list, undelivered_entry_ids

_log = logging.getLogger(__name__)

RESOURCE = "view"
EVENT_LOG_KIND = "event_log"
PLACEHOLDER_PREFIX = "local-"
#: Outbox states of an action that has not reached the server yet (and may still be shown as done-pending).
UNDELIVERED = ("pending", "sending")

Submit = Callable[[Action], OutboxEntry]


class ViewBusyError(OutboxStateError):
    """The view's previous change is being sent right now; the operator should try again in a moment."""


@dataclass(frozen=True)
class ViewEntry:
    """A saved view as the operator should see it: the server's copy plus their undelivered changes.

    ``server`` is the cached server row the next change must be based on (None for a view
    that exists only as a pending create); ``pending`` is True while a change of it waits in
    the outbox; ``create_entry`` is the outbox id of that pending create.
    """

    id: str
    name: str
    kind: str
    data: dict[str, Any]
    pending: bool = False
    server: dict[str, Any] | None = field(default=None, repr=False)
    create_entry: int | None = None

    @property
    def is_placeholder(self) -> bool:
        return self.server is None


def placeholder_id(idempotency_key: str) -> str:
    return f"{PLACEHOLDER_PREFIX}{idempotency_key}"


def is_placeholder_id(view_id: Any) -> bool:
    return str(view_id).startswith(PLACEHOLDER_PREFIX)


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical for Vietnamese names: marks ignored first ("Đ" beside "D", "Ả" beside "A")."""
    base = "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.combining(ch))
    return base.replace("đ", "d").replace("Đ", "D").casefold(), name


def _undelivered_view_entries(store: CacheStore) -> list[OutboxEntry]:
    return [e for e in store.entries(states=UNDELIVERED) if e.resource == RESOURCE]


# -- reading ---------------------------------------------------------------------------------
def visible_views(store: CacheStore, kind: str | None = EVENT_LOG_KIND) -> list[ViewEntry]:
    """The views to offer, sorted by name: cached server rows overlaid with undelivered actions."""
    rows = store.list(RESOURCE, kind=kind, order_by="sort_time asc")
    entries = _undelivered_view_entries(store)
    shown: dict[str, ViewEntry] = {}
    for row in rows:
        rid = str(row.get("id"))
        if is_placeholder_id(rid):
            continue  # rebuilt from the outbox below: a placeholder whose create is settled must not show
        shown[rid] = ViewEntry(
            id=rid,
            name=str(row.get("name", "")),
            kind=str(row.get("kind", "")),
            data=dict(row.get("data") or {}),
            server=row,
        )
    for entry in entries:  # oldest first, so the newest change of a view wins
        body = entry.body if isinstance(entry.body, Mapping) else {}
        if entry.kind == "view.create":
            if kind is not None and body.get("kind") != kind:
                continue
            pid = placeholder_id(entry.idempotency_key)
            shown[pid] = ViewEntry(
                id=pid,
                name=str(body.get("name", "")),
                kind=str(body.get("kind", "")),
                data=dict(body.get("data") or {}),
                pending=True,
                create_entry=entry.id,
            )
        elif entry.kind == "view.update" and entry.resource_id in shown:
            old = shown[entry.resource_id]
            shown[entry.resource_id] = ViewEntry(
                id=old.id,
                name=str(body.get("name", old.name)),
                kind=old.kind,
                data=dict(body["data"]) if isinstance(body.get("data"), Mapping) else old.data,
                pending=True,
                server=old.server,
                create_entry=old.create_entry,
            )
        elif entry.kind == "view.delete":
            shown.pop(str(entry.resource_id), None)
    return sorted(shown.values(), key=lambda view: sort_key(view.name))


def find_by_name(views: Iterable[ViewEntry], name: str) -> ViewEntry | None:
    """The view with this name as the server would compare it (trimmed, NFC)."""
    wanted = view_name(name)
    return next((view for view in views if view.name == wanted), None)


# -- refreshing from the server ---------------------------------------------------------------
def refresh_saved_views(client: IocClient, store: CacheStore) -> int:
    """Replace the cached views with ``GET /me/views``; keeps placeholders whose create is undelivered.

    Blocking (network, then one cache commit): call it off the GUI thread, e.g. from the sync
    engine after a catch-up. Returns how many views the server has.
    """
    waiting = undelivered_entry_ids(store, RESOURCE)
    views = client.list_views()
    items = {str(view.id): view.model_dump(mode="json") for view in views}
    # Read the outbox again after the GET: a create queued meanwhile keeps its placeholder.
    placeholders = [
        placeholder_id(e.idempotency_key) for e in _undelivered_view_entries(store) if e.kind == "view.create"
    ]
    replace_with_server_list(store, RESOURCE, items, waiting, keep_ids=placeholders)
    return len(views)


def drop_settled_placeholders(store: CacheStore) -> int:
    """Remove placeholder rows whose create was delivered, refused or withdrawn. Returns how many."""
    live = {placeholder_id(e.idempotency_key) for e in _undelivered_view_entries(store) if e.kind == "view.create"}
    stale = [
        str(row["id"])
        for row in store.list(RESOURCE, kind=None, order_by="id asc")
        if is_placeholder_id(row.get("id")) and str(row["id"]) not in live
    ]
    return sum(1 for rid in stale if store.delete_resource(RESOURCE, rid))


# -- changing (offline-safe: every change is an outbox action) ---------------------------------
@dataclass
class QueuedChange:
    """What a change did to the outbox: the new entry (if any) and entries it withdrew."""

    entry: OutboxEntry | None = None
    cancelled: list[OutboxEntry] = field(default_factory=list)

    @property
    def entries(self) -> list[OutboxEntry]:
        return [*self.cancelled, *([self.entry] if self.entry is not None else [])]


def _write_placeholder(store: CacheStore, entry: OutboxEntry) -> None:
    body = entry.body if isinstance(entry.body, Mapping) else {}
    now = now_iso()
    row = {
        "id": placeholder_id(entry.idempotency_key),
        "name": body.get("name", ""),
        "kind": body.get("kind", ""),
        "data": body.get("data", {}),
        "version": 0,
        "created_at": now,
        "updated_at": now,
    }
    try:
        store.upsert_resource(RESOURCE, row)
    except Exception:  # noqa: BLE001 - the action itself is queued; the overlay shows it anyway
        _log.warning("the placeholder of a saved view could not be cached", exc_info=True)


def _withdraw(store: CacheStore, entry_id: int) -> OutboxEntry:
    try:
        return store.cancel(entry_id)
    except OutboxStateError as exc:
        raise ViewBusyError("The previous change of this view is being sent right now; try again in a moment.") from exc


def queue_create(
    submit: Submit, store: CacheStore, name: str, data: Mapping[str, Any], *, kind: str = EVENT_LOG_KIND
) -> QueuedChange:
    """Queue a new view (durably, before returning) and cache its placeholder row."""
    entry = submit(create_view(name, kind, data))
    _write_placeholder(store, entry)
    return QueuedChange(entry=entry)


def queue_update(
    submit: Submit,
    store: CacheStore,
    view: ViewEntry,
    *,
    name: str | None = None,
    data: Mapping[str, Any] | None = None,
) -> QueuedChange:
    """Change a view's name and/or settings.

    A view that is still only a pending create has no server id to PATCH: its create is
    withdrawn and queued again with the new values (one view on the server, not two).
    """
    if view.server is None:
        if view.create_entry is None:
            raise ValueError(f"View {view.id} is neither on the server nor waiting to be created.")
        new_name = view.name if name is None else name
        new_data = view.data if data is None else data
        action = create_view(new_name, view.kind, new_data)  # validate before withdrawing anything
        cancelled = _withdraw(store, view.create_entry)
        store.delete_resource(RESOURCE, view.id)
        entry = submit(action)
        _write_placeholder(store, entry)
        return QueuedChange(entry=entry, cancelled=[cancelled])
    return QueuedChange(entry=submit(update_view(view.server, name=name, data=data)))


def queue_delete(submit: Submit, store: CacheStore, view: ViewEntry) -> QueuedChange:
    """Delete a view. A pending create is simply withdrawn; otherwise changes of it still waiting
    are withdrawn (they would be pointless) and the deletion is queued on the server's version."""
    if view.server is None:
        if view.create_entry is None:
            raise ValueError(f"View {view.id} is neither on the server nor waiting to be created.")
        cancelled = _withdraw(store, view.create_entry)
        store.delete_resource(RESOURCE, view.id)
        return QueuedChange(cancelled=[cancelled])
    waiting = [e for e in _undelivered_view_entries(store) if e.resource_id == view.id]
    if any(e.state == "sending" for e in waiting):
        raise ViewBusyError("A change of this view is being sent right now; try again in a moment.")
    # Why withdraw them: the deletion names the version the server has now (the query carries
    # it, so the replay's own-version chaining cannot move it past our own earlier updates).
    withdrawn = [_withdraw(store, e.id) for e in waiting]
    return QueuedChange(entry=submit(delete_view(view.server)), cancelled=withdrawn)
