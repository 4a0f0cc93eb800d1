"""Camera favourites as one saved view (kind "camera_favourites" in /me/views): per user, any console, offline."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from backend_client.cache import CacheStore
from backend_client.sync import saved_views
from backend_client.sync.saved_views import QueuedChange, Submit, ViewEntry
from ioc_console.services.connection import ConnectionService
from ioc_console.services.ops import run_on_cache
from ioc_console.services.settings import ConsoleSettings

log = logging.getLogger(__name__)

FAVOURITES_KIND = "camera_favourites"
FAVOURITES_NAME = "favourites"


def read_cameras(data: Mapping[str, Any]) -> list[str]:
    """The camera ids a favourites view holds (junk dropped, order kept, no repeats)."""
    raw = data.get("cameras")
    seen: dict[str, None] = {}
    for camera in raw if isinstance(raw, list) else []:
        if isinstance(camera, str) and camera:
            seen.setdefault(camera, None)
    return list(seen)


def favourites_view(store: CacheStore) -> ViewEntry | None:
    """The favourites view as the operator should see it (cache + waiting outbox changes), if any."""
    views = saved_views.visible_views(store, FAVOURITES_KIND)
    return saved_views.find_by_name(views, FAVOURITES_NAME) or (views[0] if views else None)


def cached_favourites(store: CacheStore) -> list[str] | None:
    """The favourite camera ids from the cache; None while the user has no favourites view."""
    view = favourites_view(store)
    return None if view is None else read_cameras(view.data)


def with_toggles(cameras: Iterable[str], toggles: Iterable[tuple[str, bool]]) -> list[str]:
    result = list(cameras)
    for camera_id, on in toggles:
        if on and camera_id not in result:
            result.append(camera_id)
        elif not on and camera_id in result:
            result.remove(camera_id)
    return sorted(result)


def queue_set(submit: Submit, store: CacheStore, change: Callable[[list[str]], list[str]]) -> QueuedChange:
    """Apply ``change`` to the newest list the cache knows and queue it: create the view or update it."""
    view = favourites_view(store)
    if view is None:
        data = {"cameras": change([])}
        return saved_views.queue_create(submit, store, FAVOURITES_NAME, data, kind=FAVOURITES_KIND)
    return saved_views.queue_update(submit, store, view, data={"cameras": change(read_cameras(view.data))})


def queue_on_current(submit: Submit, store: CacheStore, current: Mapping[str, Any], cameras: list[str]) -> QueuedChange:
    """Queue ``cameras`` as an update of the server's current copy (after a conflict)."""
    row = dict(current)
    view = ViewEntry(
        id=str(row.get("id")),
        name=str(row.get("name", FAVOURITES_NAME)),
        kind=FAVOURITES_KIND,
        data=dict(row.get("data") or {}),
        server=row,
    )
    store.upsert_resource(saved_views.RESOURCE, row)  # the newest copy, so later toggles build on it
    return saved_views.queue_update(submit, store, view, data={"cameras": cameras})


class FavouritesStore(QObject):
    """Keeps the signed-in user's favourites in the cache and the outbox; emits the list when it changes.

    A toggle is queued at once (cache pool) on the newest list the cache knows. If another
    console changed the list meanwhile the server answers 409: the toggles of that entry are
    re-applied on the server's current list (a merge, so neither console's change is lost).
    Favourites kept in this console's local settings before are uploaded once, when the server
    says the user has no favourites view yet, and then forgotten locally.
    """

    loaded = Signal(list)  # camera ids
    change_failed = Signal(object)

    def __init__(self, connection: ConnectionService, settings: ConsoleSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._settings = settings
        self._generation = 0
        # Outbox entry id -> the toggles it carries, to re-apply them after a conflict.
        self._toggles: dict[int, list[tuple[str, bool]]] = {}
        connection.cache_ready.connect(lambda _store: self.reload())
        connection.views_refreshed.connect(self._on_views_refreshed)
        connection.outbox_changed.connect(self._on_outbox_changed)
        connection.signed_out.connect(self._forget)

    def reload(self) -> None:
        """Re-read the favourites from the cache (cache pool) and emit them."""
        self._generation += 1
        generation = self._generation
        self._connection.read_cache(
            cached_favourites,
            on_success=lambda cameras: self._loaded(generation, cameras),
            on_failure=lambda error: log.warning("could not read the camera favourites: %s", error),
            parent=self,
        )

    def toggle(self, camera_id: str, on: bool) -> None:
        """Queue one favourite change (the tree already shows it)."""
        self._generation += 1  # a read started before this toggle would show the old list
        toggles = [(camera_id, on)]
        self._queue(lambda submit, store: queue_set(submit, store, lambda cams: with_toggles(cams, toggles)), toggles)

    def _queue(
        self, change: Callable[[Submit, CacheStore], QueuedChange], toggles: list[tuple[str, bool]] | None
    ) -> None:
        engine, store = self._connection.engine, self._connection.store
        if engine is None or store is None:
            return
        run_on_cache(
            lambda: change(engine.submit, store),
            on_success=lambda result: self._queued(result, toggles),
            on_failure=self._failed,
            parent=self,
        )

    def _queued(self, result: QueuedChange, toggles: list[tuple[str, bool]] | None) -> None:
        if result.entry is not None and toggles is not None:
            carried = [t for e in result.cancelled for t in self._toggles.pop(e.id, [])]
            self._toggles[result.entry.id] = carried + toggles
        for entry in result.cancelled:
            self._connection.outbox_changed.emit(entry)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        log.warning("camera favourite not queued: %s", error)
        self.change_failed.emit(error)
        self.reload()

    def _loaded(self, generation: int, cameras: list[str] | None) -> None:
        if generation == self._generation:
            self.loaded.emit(list(cameras or []))

    def _on_views_refreshed(self) -> None:
        self.reload()
        user, store = self._connection.user, self._connection.store
        username = getattr(user, "username", "") if user is not None else ""
        local = self._settings.camera_favourites(username) if username else []
        if not local or store is None:
            return
        self._connection.read_cache(
            favourites_view, on_success=lambda view: self._migrate(username, local, view), parent=self
        )

    def _migrate(self, username: str, local: list[str], view: ViewEntry | None) -> None:
        if getattr(self._connection.user, "username", None) != username:
            return
        # Forgotten locally either way: the server's list is the one that counts from now on.
        self._settings.set_camera_favourites(username, [])
        if view is None:
            toggles = [(camera, True) for camera in local]
            self._queue(
                lambda submit, store: queue_set(submit, store, lambda cams: with_toggles(cams, toggles)), toggles
            )

    def _on_outbox_changed(self, entry: Any) -> None:
        if getattr(entry, "resource", None) != saved_views.RESOURCE:
            return
        if entry.state == "conflict":
            self._resolve(entry)
        elif entry.state not in saved_views.UNDELIVERED:
            self._toggles.pop(entry.id, None)
        self.reload()

    def _resolve(self, entry: Any) -> None:
        current = entry.server_current
        if not isinstance(current, Mapping) or current.get("kind") != FAVOURITES_KIND or "id" not in current:
            return  # not ours (a wall or event log view): the conflict panel handles it
        body = entry.body if isinstance(entry.body, Mapping) else {}
        toggles = self._toggles.pop(entry.id, None)
        if toggles is None:  # queued before this console started: keep every camera either list has
            wanted = read_cameras(body.get("data") or {}) if isinstance(body.get("data"), Mapping) else []
            toggles = [(camera, True) for camera in wanted]
        merged = with_toggles(read_cameras(current.get("data") or {}), toggles)
        engine = self._connection.engine
        if engine is None:
            return

        def settle(submit: Submit, store: CacheStore) -> QueuedChange:
            cancelled = engine.resolve_conflict(entry.id, "discard")
            result = queue_on_current(submit, store, current, merged)
            if cancelled is not None:
                result.cancelled.append(cancelled)
            return result

        self._queue(settle, toggles)

    def _forget(self) -> None:
        self._generation += 1
        self._toggles.clear()
        self.loaded.emit([])
