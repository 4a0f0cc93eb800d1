"""The cache's durable outbox: queueing operator actions and moving them through their states."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, func, select

from backend_client.cache.extract import RESOURCES, resource_row
from backend_client.cache.outbox import OutboxEntry, fetch, insert_entry, move, new_entry_values, select_entries
from backend_client.cache.resource_rows import UPSERT_BY_VERSION
from backend_client.cache.schema import outbox, resources
from backend_client.cache.store_core import StoreCore


class Settled(NamedTuple):
    """An outbox entry after its answer, and whether that answer altered the cached resource."""

    entry: OutboxEntry
    cached: bool


class OutboxStore(StoreCore):
    """The outbox table; an applied action's result is cached in the same commit as its state."""

    # -- outbox ---------------------------------------------------------------------------
    def enqueue_async(
        self,
        kind: str,
        method: str,
        path: str,
        body: Any,
        *,
        resource: str | None,
        resource_id: str | int | None,
        base_version: int | None,
        idempotency_key: str | None = None,
    ) -> Future[OutboxEntry]:
        values = new_entry_values(
            kind,
            method,
            path,
            body,
            resource=resource,
            resource_id=resource_id,
            base_version=base_version,
            idempotency_key=idempotency_key,
        )
        # Urgent like every outbox write (see _outbox_write).
        return self._submit(lambda conn: insert_entry(conn, values), "The action", urgent=True)

    def enqueue(
        self,
        kind: str,
        method: str,
        path: str,
        body: Any,
        *,
        resource: str | None,
        resource_id: str | int | None,
        base_version: int | None,
        idempotency_key: str | None = None,
    ) -> OutboxEntry:
        """Durably queue an operator action; returns only once it is committed to disk.

        Show the action as pending only after this returns. ``CacheWriteError`` (disk full,
        read-only, I/O error) means it was NOT saved and nothing of it was written.
        """
        return self.enqueue_async(
            kind,
            method,
            path,
            body,
            resource=resource,
            resource_id=resource_id,
            base_version=base_version,
            idempotency_key=idempotency_key,
        ).result()

    def entry(self, entry_id: int) -> OutboxEntry:
        return self._read(lambda conn: fetch(conn, entry_id))

    def pending(self) -> builtins.list[OutboxEntry]:
        """Entries waiting to be sent, in the order they were taken."""
        return self.entries(states=("pending",))

    def entries(
        self,
        states: Iterable[str] | None = None,
        limit: int | None = None,
        resources: Iterable[tuple[str, str]] | None = None,
    ) -> builtins.list[OutboxEntry]:
        """Outbox entries in order, optionally only those in ``states`` or about ``resources``
        ((resource, id) pairs)."""
        states = None if states is None else builtins.list(states)
        resources = None if resources is None else builtins.list(resources)
        return self._read(lambda conn: select_entries(conn, states, limit, resources))

    def pending_count(self) -> int:
        """Actions not yet delivered (pending or being sent) — the status bar's number."""
        query = select(func.count()).select_from(outbox).where(outbox.c.state.in_(("pending", "sending")))
        return self._read(lambda conn: conn.execute(query).scalar_one())

    def conflict_count(self) -> int:
        query = select(func.count()).select_from(outbox).where(outbox.c.state == "conflict")
        return self._read(lambda conn: conn.execute(query).scalar_one())

    def mark_sending(self, entry_id: int) -> OutboxEntry:
        """pending → sending, counting the attempt. Do this before the request goes out."""
        return self._outbox_write(
            lambda conn: move(conn, entry_id, "mark_sending", "sending", attempts=outbox.c.attempts + 1)
        )

    def mark_applied(self, entry_id: int, response: Any, *, update_resource: bool = True) -> OutboxEntry:
        """sending → applied; with ``update_resource`` the response resource is cached in the same commit
        (an applied DELETE removes the cached row instead)."""
        return self.settle_applied(entry_id, response, update_resource=update_resource).entry

    def settle_applied(self, entry_id: int, response: Any, *, update_resource: bool = True) -> Settled:
        """``mark_applied``, also telling whether the response altered the cache (a version it
        did not hold yet): only then is it news for the views (its change event will not be)."""

        def write(conn: Connection) -> Settled:
            entry = move(conn, entry_id, "mark_applied", "applied", response=response, last_error=None)
            if update_resource and entry.method == "DELETE" and entry.resource and entry.resource_id:
                result = conn.execute(
                    delete(resources).where(resources.c.resource == entry.resource, resources.c.id == entry.resource_id)
                )
                return Settled(entry, result.rowcount > 0)
            return Settled(entry, self._cache_resource(conn, entry.resource, response if update_resource else None))

        return self._outbox_write(write)

    def mark_conflict(
        self, entry_id: int, server_current: Any, error: str, *, update_resource: bool = True
    ) -> OutboxEntry:
        """sending → conflict, keeping the server's current copy for the operator to compare."""
        return self.settle_conflict(entry_id, server_current, error, update_resource=update_resource).entry

    def settle_conflict(
        self, entry_id: int, server_current: Any, error: str, *, update_resource: bool = True
    ) -> Settled:
        """``mark_conflict``, also telling whether the server's current copy altered the cache."""

        def write(conn: Connection) -> Settled:
            entry = move(
                conn, entry_id, "mark_conflict", "conflict", server_current=server_current, last_error=str(error)
            )
            return Settled(
                entry, self._cache_resource(conn, entry.resource, server_current if update_resource else None)
            )

        return self._outbox_write(write)

    def mark_failed(self, entry_id: int, error: str) -> OutboxEntry:
        """sending → failed (the server refused it for good, e.g. 403 or 422)."""
        return self._outbox_write(lambda conn: move(conn, entry_id, "mark_failed", "failed", last_error=str(error)))

    def requeue(self, entry_id: int, error: str | None = None) -> OutboxEntry:
        """Back to pending with the same idempotency key (after a network error, or on request)."""
        values = {} if error is None else {"last_error": str(error)}
        return self._outbox_write(lambda conn: move(conn, entry_id, "requeue", "pending", **values))

    def cancel(self, entry_id: int) -> OutboxEntry:
        """Withdraw an entry that is not in flight (pending, failed or conflict)."""
        return self._outbox_write(lambda conn: move(conn, entry_id, "cancel", "cancelled"))

    def supersede(self, entry_id: int, body: Any, *, base_version: int | None) -> OutboxEntry:
        """Resolve a conflict by redoing the action on the server's version: one commit cancels
        the old entry and queues the new body under a NEW idempotency key (the old key is bound
        to the old body on the server)."""

        def write(conn: Connection) -> OutboxEntry:
            old = move(conn, entry_id, "cancel", "cancelled")
            values = new_entry_values(
                old.kind,
                old.method,
                old.path,
                body,
                resource=old.resource,
                resource_id=old.resource_id,
                base_version=base_version,
                idempotency_key=None,
            )
            return insert_entry(conn, values)

        return self._outbox_write(write, "The action")

    @staticmethod
    def _cache_resource(conn: Connection, resource: str | None, data: Any) -> bool:
        """Cache a resource the server returned unless the cache holds its version already."""
        if resource in RESOURCES and isinstance(data, Mapping) and "id" in data:
            return conn.exec_driver_sql(UPSERT_BY_VERSION, resource_row(resource, data, 0)).rowcount > 0
        return False
