"""Qt-side connection service: sign-in, the local cache and the sync engine, spoken as signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from backend_client import IocClient
from backend_client.api.models import User
from backend_client.cache import CacheStore, OfflineGrant, default_cache_path
from backend_client.sync.connection_state import DEGRADED, OFFLINE, ONLINE, ConnectionStatus
from backend_client.sync.engine import SyncEngine
from ioc_console.services.ops import gui_callback, run_in_background, run_on_cache

log = logging.getLogger(__name__)

__all__ = ["ONLINE", "DEGRADED", "OFFLINE", "ConnectionService", "OfflineCandidate"]


@dataclass
class OfflineCandidate:
    """A cache on this machine that may be opened without the server (it holds a valid grant)."""

    store: CacheStore
    grant: OfflineGrant
    data_as_of: datetime | None

    @property
    def username(self) -> str:
        return str(self.grant.user.get("username", ""))


def _open_store(base_url: str, username: str) -> CacheStore:
    """Open (creating if needed) the per-backend, per-user cache. Blocking: run off the GUI thread."""
    return CacheStore(default_cache_path(base_url, username))


class ConnectionService(QObject):
    """The one place the console talks to the backend and its local cache from.

    The :class:`SyncEngine` calls back on its own threads; every callback is delivered to
    the GUI thread by :func:`ops.gui_callback`, so every public signal fires there. Opening
    the cache, enqueueing actions and stopping the engine all
    run on worker pools: the GUI thread never waits on the network or the disk.
    """

    state_changed = Signal(str)  # ONLINE | DEGRADED | OFFLINE
    status_changed = Signal(object)  # ConnectionStatus
    signed_in = Signal(object)  # backend_client.User (online, or from the offline grant)
    signed_out = Signal()
    auth_required = Signal()  # the session ended and no grant could renew it: sign in again
    cache_ready = Signal(object)  # CacheStore: the event log and panels may read it now
    cache_recovered = Signal(object)  # RecoveryNotice: the previous cache was moved aside
    changes_applied = Signal(object)  # list of changes, already committed to the cache
    outbox_changed = Signal(object)  # OutboxEntry whose state changed
    engine_started = Signal()  # actions can be queued from now on
    views_refreshed = Signal()  # the saved views and private notes in the cache were re-read from the server

    def __init__(
        self,
        base_url: str,
        *,
        verify: bool | str = True,
        parent: QObject | None = None,
        client_options: dict[str, Any] | None = None,
        engine_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.base_url = base_url
        self.verify = verify
        self.client = IocClient(
            base_url, verify=verify, on_auth_required=gui_callback(self._on_auth_lost, self), **(client_options or {})
        )
        self._engine_options = dict(engine_options or {})
        self._engine: SyncEngine | None = None
        self._store: CacheStore | None = None
        self._candidate: OfflineCandidate | None = None
        self._user: Any = None
        self._status = ConnectionStatus(
            state=OFFLINE,
            since=datetime.now(UTC),
            last_sync_at=None,
            next_retry_in=None,
            detail="not signed in",
            consecutive_failures=0,
            pending=0,
            conflicts=0,
        )
        self._data_as_of: datetime | None = None
        self._opened_offline = False
        self._engine_starting = False
        self._engine_lock = threading.Lock()
        self._built_engine: SyncEngine | None = None
        self._closed = False

    # -- state --------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._status.state

    @property
    def status(self) -> ConnectionStatus:
        return self._status

    @property
    def user(self) -> Any:
        return self.client.user or self._user

    @property
    def store(self) -> CacheStore | None:
        return self._store

    @property
    def engine(self) -> SyncEngine | None:
        return self._engine

    @property
    def data_as_of(self) -> datetime | None:
        """When the cached data was last brought up to date from the server."""
        return self._status.last_sync_at or self._data_as_of

    @property
    def opened_offline(self) -> bool:
        """True when this session started from the cache without reaching the server."""
        return self._opened_offline

    def is_streaming(self) -> bool:
        """True while the sync engine runs (it keeps the live stream open whenever it can)."""
        return self._engine is not None

    # -- signing in and out -------------------------------------------------------------
    def sign_in(
        self,
        username: str,
        password: str,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Log in and open this user's cache on a worker; then start syncing.

        The password is only captured by the background call and dropped when it ends;
        only the server's offline grant (never the password) is written to the cache.
        """
        client, base_url = self.client, self.base_url
        reusable = self._store if self._store is not None and self._store_user() == username else None

        def login() -> tuple[Any, CacheStore]:
            session = client.login(username, password)
            store = reusable or _open_store(base_url, session.user.username)
            grant = getattr(session, "offline_grant", None)
            if grant is not None:
                store.put_offline_grant(session.user.model_dump(mode="json"), _iso(grant.expires_at), grant.grant)
            return session, store

        def succeeded(result: tuple[Any, CacheStore]) -> None:
            session, store = result
            self._user = session.user
            self._opened_offline = False
            self._adopt_store(store)
            self._start_engine()
            self.signed_in.emit(session.user)
            if on_success is not None:
                on_success(session)

        run_in_background(login, on_success=succeeded, on_failure=on_failure, parent=parent or self)

    def find_offline_candidate(
        self, username: str, on_result: Callable[[OfflineCandidate | None], None], parent: QObject | None = None
    ) -> None:
        """Look (on a worker) for this user's cache with a still valid offline grant."""
        base_url = self.base_url

        def look() -> OfflineCandidate | None:
            path = default_cache_path(base_url, username)
            if not username or not path.exists():
                return None
            store = CacheStore(path)
            try:
                grant = store.offline_grant()
                if grant is None or not grant.is_valid():
                    store.close()
                    return None
                return OfflineCandidate(store=store, grant=grant, data_as_of=store.last_synced_at())
            except BaseException:
                store.close()
                raise

        def found(candidate: OfflineCandidate | None) -> None:
            if candidate is not None:
                self._forget_candidate()
                self._candidate = candidate
            on_result(candidate)

        def failed(error: BaseException) -> None:
            log.warning("could not look for an offline cache: %s", error)
            on_result(None)

        run_on_cache(look, on_success=found, on_failure=failed, parent=parent or self)

    def open_offline(self, candidate: OfflineCandidate) -> None:
        """Start the session from the cache; the engine redeems the grant once the server is back."""
        if self._candidate is candidate:
            self._candidate = None
        self._user = User.model_validate(candidate.grant.user)
        self._opened_offline = True
        self._data_as_of = candidate.data_as_of
        self._adopt_store(candidate.store)
        self._start_engine()
        self.signed_in.emit(self._user)

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None:
        """Stop syncing, revoke the session on the server and forget the offline grant."""
        engine, self._engine = self._engine, None
        store, client = self._store, self.client

        def stop_and_revoke() -> None:
            if engine is not None:
                engine.stop()
            if store is not None:
                # An offline session must not outlive an explicit sign-out.
                store.clear_offline_grant()
            if client.is_authenticated:
                client.logout()

        def finished(_: object = None) -> None:
            self._user = None
            self._set_offline("signed out")
            self.signed_out.emit()
            if on_done is not None:
                on_done()

        def failed(error: BaseException) -> None:
            log.warning("sign-out did not complete on the server: %s", error)
            finished()

        run_in_background(stop_and_revoke, on_success=finished, on_failure=failed, parent=self)

    # -- actions ------------------------------------------------------------------------
    def submit(
        self,
        action: Any,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Durably queue an operator action (on the cache pool); ``on_success(entry)`` after the commit."""
        engine = self._engine
        if engine is None:
            raise RuntimeError("not signed in: there is no outbox to queue the action in")
        run_on_cache(lambda: engine.submit(action), on_success=on_success, on_failure=on_failure, parent=parent or self)

    def resolve_conflict(
        self,
        entry_id: int,
        choice: str,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        engine = self._engine
        if engine is None:
            raise RuntimeError("not signed in: conflicts cannot be resolved now")
        run_on_cache(
            lambda: engine.resolve_conflict(entry_id, choice),
            on_success=on_success,
            on_failure=on_failure,
            parent=parent or self,
        )

    def read_cache(
        self,
        fn: Callable[[CacheStore], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Run ``fn(store)`` on the cache pool (reads never block the GUI thread)."""
        store = self._store
        if store is None:
            return
        run_on_cache(lambda: fn(store), on_success=on_success, on_failure=on_failure, parent=parent or self)

    def wake(self) -> None:
        """Try to reach the server now instead of waiting for the next retry."""
        if self._engine is not None:
            self._engine.wake()

    # -- lifecycle ----------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the engine and close the cache; used when the console exits. Idempotent.

        Blocks for at most the engine's stop timeout: the window is already gone then.
        """
        with self._engine_lock:
            if self._closed:
                return
            self._closed = True
            built, self._built_engine = self._built_engine, None
        engine, self._engine = self._engine, None
        for running in {id(e): e for e in (engine, built) if e is not None}.values():
            running.stop()
        self._forget_candidate()
        if self._store is not None:
            self._store.close()

    def _forget_candidate(self) -> None:
        candidate, self._candidate = self._candidate, None
        if candidate is not None and candidate.store is not self._store:
            candidate.store.close()

    def _store_user(self) -> str:
        user = self.user
        return getattr(user, "username", "") if user is not None else ""

    def _adopt_store(self, store: CacheStore) -> None:
        if self._store is not None and self._store is not store:
            old = self._store
            run_on_cache(old.close)
        self._store = store
        if store.recovery is not None:
            self.cache_recovered.emit(store.recovery)
        self.cache_ready.emit(store)

    def _start_engine(self) -> None:
        """Build and start the engine on the cache pool: its constructor reads the cache."""
        if self._closed or self._engine is not None or self._store is None or self._engine_starting:
            return
        self._engine_starting = True
        client, store = self.client, self._store
        options = dict(self._engine_options)
        # Keep snapshots of open alerts and recent sensor readings on this machine, so they can
        # still be shown when the backend is gone.
        options.setdefault("prefetch", True)

        def build() -> SyncEngine | None:
            # Under the lock so that a shutdown racing with this start cannot miss the engine.
            with self._engine_lock:
                if self._closed:
                    return None
                engine = SyncEngine(
                    client,
                    store,
                    on_status=gui_callback(self._on_engine_status, self),
                    on_changes=gui_callback(self._on_engine_changes, self),
                    on_outbox=gui_callback(self._on_engine_outbox, self),
                    on_auth_required=gui_callback(self._on_auth_lost, self),
                    on_views=gui_callback(self._on_engine_views, self),
                    **options,
                )
                engine.start()
                self._built_engine = engine
                return engine

        def started(engine: SyncEngine | None) -> None:
            self._engine_starting = False
            if engine is None:
                return
            if self._closed or self._store is not store:
                run_in_background(engine.stop)  # signed out or shut down meanwhile
                return
            self._engine = engine
            self._set_status(engine.status)
            self.engine_started.emit()

        def failed(error: BaseException) -> None:
            self._engine_starting = False
            log.error("the sync engine could not start: %s", error, exc_info=error)

        run_on_cache(build, on_success=started, on_failure=failed, parent=self)

    # -- engine callbacks (already on the GUI thread) -----------------------------------
    def _on_engine_status(self, status: ConnectionStatus) -> None:
        if self._closed or self._engine is None:
            return
        self._set_status(status)

    def _set_offline(self, detail: str) -> None:
        """Offline with no attempt scheduled (signed out, or the session ended), keeping the counts."""
        self._set_status(
            ConnectionStatus(
                state=OFFLINE,
                since=datetime.now(UTC),
                last_sync_at=self._status.last_sync_at,
                next_retry_in=None,
                detail=detail,
                consecutive_failures=0,
                pending=self._status.pending,
                conflicts=self._status.conflicts,
            )
        )

    def _set_status(self, status: ConnectionStatus) -> None:
        previous, self._status = self._status, status
        self.status_changed.emit(status)
        if status.state != previous.state:
            self.state_changed.emit(status.state)

    def _on_engine_changes(self, changes: list[Any]) -> None:
        if not self._closed:
            self.changes_applied.emit(changes)

    def _on_engine_outbox(self, entry: Any) -> None:
        if not self._closed:
            self.outbox_changed.emit(entry)

    def _on_engine_views(self) -> None:
        if not self._closed:
            self.views_refreshed.emit()

    def _on_auth_lost(self) -> None:
        if self._closed or self._engine is None:
            return
        log.warning("session ended; asking the operator to sign in again")
        engine, self._engine = self._engine, None
        run_in_background(engine.stop, parent=self)
        self._set_offline("session ended")
        self.auth_required.emit()


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)
