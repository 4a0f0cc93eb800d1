"""Saved views from the client side: typed calls, outbox builders, cache refresh, and the offline flow."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from backend_process import DEMO_PASSWORDS
from faultproxy import FaultProxy
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, wait_until

from backend_client import (
    Conflict,
    IocClient,
    NotFound,
    SavedView,
    SyncEngine,
    create_view,
    delete_view,
    describe,
    update_view,
)
from backend_client.cache import CacheStore
from backend_client.sync import saved_views
from backend_client.sync.saved_views import ViewBusyError, queue_create, queue_delete, queue_update, visible_views


def tag() -> str:
    return uuid.uuid4().hex[:8]


def remove_views(client: IocClient, prefix: str) -> None:
    for view in client.list_views():
        if view.name.startswith(prefix):
            client.delete_view(view.id, view.version)


# -- typed calls ---------------------------------------------------------------------------------
def test_typed_calls_create_list_update_and_delete(backend, make_client) -> None:
    client = make_client(backend.url, "participant")
    prefix = tag()
    try:
        view = client.create_view(f"{prefix} Phường Phú Hội", "event_log", {"text": "Phú Hội", "min_level": "warning"})
        assert isinstance(view, SavedView) and view.version == 1 and view.data["min_level"] == "warning"
        assert view.id in [v.id for v in client.list_views()]
        changed = client.update_view(view.id, 1, data={"text": "Vỹ Dạ", "min_level": "info"})
        assert (changed.version, changed.data["text"], changed.name) == (2, "Vỹ Dạ", view.name)
        with pytest.raises(Conflict) as stale:
            client.update_view(view.id, 1, name="lost")
        assert stale.value.code == "conflict" and stale.value.current["version"] == 2
        with pytest.raises(Conflict) as taken:
            client.create_view(view.name, "event_log", {})
        assert taken.value.code == "name_taken" and taken.value.current["id"] == view.id
        with pytest.raises(TypeError):
            client.update_view(view.id, 2)
        client.delete_view(view.id, 2)
        assert view.id not in [v.id for v in client.list_views()]
        with pytest.raises(NotFound):
            client.delete_view(view.id, 2)
    finally:
        remove_views(client, prefix)


def test_another_users_view_is_not_found(backend, make_client) -> None:
    owner, other = make_client(backend.url, "leader"), make_client(backend.url, "operator")
    prefix = tag()
    try:
        view = owner.create_view(f"{prefix} riêng", "event_log", {})
        with pytest.raises(NotFound):
            other.update_view(view.id, 1, name="mine now")
        with pytest.raises(NotFound):
            other.delete_view(view.id, 1)
    finally:
        remove_views(owner, prefix)


# -- outbox builders -----------------------------------------------------------------------------
def test_builders_make_the_documented_requests() -> None:
    create = create_view("  Cảnh báo  ", "event_log", {"text": "x", "min_level": "critical"})
    assert (create.kind, create.method, create.path, create.resource) == ("view.create", "POST", "/me/views", "view")
    assert create.body == {"name": "Cảnh báo", "kind": "event_log", "data": {"text": "x", "min_level": "critical"}}
    assert create.base_version is None and create.resource_id == ""

    server_view = {"id": 7, "version": 3, "name": "Cảnh báo"}
    update = update_view(server_view, name="Mới", data={"text": "y"})
    assert (update.method, update.path, update.resource_id, update.base_version) == ("PATCH", "/me/views/7", "7", 3)
    assert update.body == {"version": 3, "name": "Mới", "data": {"text": "y"}}
    remove = delete_view(server_view)
    assert (remove.method, remove.path, remove.body, remove.base_version) == (
        "DELETE",
        "/me/views/7?version=3",
        None,
        3,
    )
    assert describe(create) == "save view 'Cảnh báo'" and describe(remove) == "delete saved view 7"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: create_view("   ", "event_log", {}), "needs a name"),
        (lambda: create_view("x" * 81, "event_log", {}), "at most 80"),
        (lambda: create_view("a\tb", "event_log", {}), "control characters"),
        (lambda: create_view("ok", "Event Log", {}), "lower-case"),
        (lambda: create_view("ok", "event_log", ["x"]), "JSON object"),
        (lambda: create_view("ok", "event_log", {"x": math.nan}), "cannot be stored as JSON"),
        (lambda: create_view("ok", "event_log", {"x": object()}), "cannot be stored as JSON"),
        (lambda: create_view("ok", "event_log", {"text": "x" * 17_000}), "at most 16384 bytes"),
        (lambda: update_view({"id": 1, "version": 1}), "needs a new name"),
        (lambda: delete_view({"id": "local-abc", "version": 0}), "positive integer"),
    ],
)
def test_builders_refuse_what_the_server_would_refuse(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()


# -- the offline flow with the real engine --------------------------------------------------------
@dataclass
class Rig:
    proxy: FaultProxy
    client: IocClient  # the console's client, through the proxy
    direct: IocClient  # the same user, straight to the backend (to look at the server's truth)
    store: CacheStore
    engine: SyncEngine
    prefix: str

    def mine(self, views: list) -> list:
        return [v for v in views if v.name.startswith(self.prefix)]


@pytest.fixture()
def rig(backend, tmp_path: Path) -> Iterator[Rig]:
    proxy = FaultProxy(backend.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    client.login("supervisor", DEMO_PASSWORDS["supervisor"])
    direct = IocClient(backend.url, **TEST_CLIENT)
    direct.login("supervisor", DEMO_PASSWORDS["supervisor"])
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, store, **Recorder().callbacks(), **ENGINE)
    rig = Rig(proxy, client, direct, store, engine, tag())
    try:
        yield rig
    finally:
        engine.stop()
        proxy.stop()
        remove_views(direct, rig.prefix)
        client.close()
        direct.close()
        store.close()


def test_views_changed_offline_show_at_once_and_reach_the_server_once(rig: Rig) -> None:
    p = rig.prefix
    kept = rig.direct.create_view(f"{p} giữ", "event_log", {"text": "a"})
    renamed = rig.direct.create_view(f"{p} đổi tên", "event_log", {"text": "b"})
    dropped = rig.direct.create_view(f"{p} xóa", "event_log", {"text": "c"})
    saved_views.refresh_saved_views(rig.client, rig.store)
    assert [v.name for v in rig.mine(visible_views(rig.store))] == [f"{p} đổi tên", f"{p} giữ", f"{p} xóa"]

    rig.proxy.set_mode("refuse")  # the backend is now unreachable for the console
    rig.engine.start()
    wait_until(lambda: rig.engine.status.state == "offline", "the engine to notice it is offline")
    shown = {v.name: v for v in rig.mine(visible_views(rig.store))}
    created = queue_create(rig.engine.submit, rig.store, f"{p} mới", {"text": "new", "min_level": "critical"})
    placeholder = saved_views.placeholder_id(created.entry.idempotency_key)
    assert rig.store.get("view", placeholder)["name"] == f"{p} mới"  # the designed local placeholder row
    second = queue_create(rig.engine.submit, rig.store, f"{p} nháp", {"text": "draft"})
    draft = next(
        v for v in visible_views(rig.store) if v.id == saved_views.placeholder_id(second.entry.idempotency_key)
    )
    # Changing a view that exists only as a pending create re-queues the create (never two views).
    changed = queue_update(rig.engine.submit, rig.store, draft, data={"text": "final"})
    assert [e.state for e in changed.cancelled] == ["cancelled"]
    queue_update(rig.engine.submit, rig.store, shown[f"{p} đổi tên"], name=f"{p} tên mới")
    queue_delete(rig.engine.submit, rig.store, shown[f"{p} xóa"])

    offline = {v.name: v for v in rig.mine(visible_views(rig.store))}
    assert sorted(offline) == [f"{p} giữ", f"{p} mới", f"{p} nháp", f"{p} tên mới"]
    assert offline[f"{p} nháp"].data == {"text": "final"} and offline[f"{p} nháp"].pending
    assert offline[f"{p} tên mới"].pending and not offline[f"{p} giữ"].pending
    assert offline[f"{p} mới"].is_placeholder and not offline[f"{p} tên mới"].is_placeholder
    assert sorted(rig.mine(rig.direct.list_views()), key=lambda v: v.id) == [kept, renamed, dropped]  # nothing sent yet

    # The connection comes back, and the answer to the first create is lost on the way.
    rig.proxy.set_mode("drop_after_forward", path_prefix="/api/v1/me/views", times=1)
    wait_until(lambda: rig.store.pending_count() == 0 and rig.engine.status.state == "online", "the outbox to drain")
    server = {v.name: v for v in rig.mine(rig.direct.list_views())}
    assert sorted(server) == [f"{p} giữ", f"{p} mới", f"{p} nháp", f"{p} tên mới"]  # each exactly once
    assert server[f"{p} nháp"].data == {"text": "final"} and server[f"{p} tên mới"].id == renamed.id
    assert server[f"{p} mới"].data == {"min_level": "critical", "text": "new"}
    assert [e.state for e in rig.store.entries() if e.resource == "view"].count("applied") == 4

    saved_views.refresh_saved_views(rig.client, rig.store)
    assert saved_views.drop_settled_placeholders(rig.store) == 0  # the refresh already dropped them
    cached = rig.mine(visible_views(rig.store))
    assert [(v.name, v.id, v.pending) for v in cached] == sorted(
        ((name, str(view.id), False) for name, view in server.items()), key=lambda t: saved_views.sort_key(t[0])
    )
    assert not any(saved_views.is_placeholder_id(row["id"]) for row in rig.store.list("view", kind=None))


def test_a_refresh_keeps_undelivered_creates_and_drops_views_deleted_elsewhere(rig: Rig) -> None:
    p = rig.prefix
    elsewhere = rig.direct.create_view(f"{p} nơi khác", "event_log", {})
    saved_views.refresh_saved_views(rig.client, rig.store)
    assert [v.name for v in rig.mine(visible_views(rig.store))] == [f"{p} nơi khác"]

    def queue_only(action):  # the engine is not running: the action just waits in the outbox
        return rig.store.enqueue(
            action.kind,
            action.method,
            action.path,
            action.body,
            resource=action.resource,
            resource_id=action.resource_id or None,
            base_version=action.base_version,
        )

    created = queue_create(queue_only, rig.store, f"{p} chờ gửi", {"text": "x"})
    rig.direct.delete_view(elsewhere.id, elsewhere.version)  # another console deletes it meanwhile
    assert saved_views.refresh_saved_views(rig.client, rig.store) >= 0
    rows = {row["id"] for row in rig.store.list("view", kind=None)}
    assert saved_views.placeholder_id(created.entry.idempotency_key) in rows
    assert str(elsewhere.id) not in rows
    assert [v.name for v in rig.mine(visible_views(rig.store))] == [f"{p} chờ gửi"]

    # Withdrawing the pending create removes the view and its placeholder.
    pending_view = rig.mine(visible_views(rig.store))[0]
    result = queue_delete(queue_only, rig.store, pending_view)
    assert result.entry is None and [e.state for e in result.cancelled] == ["cancelled"]
    assert rig.mine(visible_views(rig.store)) == []
    assert rig.store.list("view", kind=None) == []


def test_a_refresh_while_the_outbox_is_delivered_loses_and_resurrects_nothing(rig: Rig, backend) -> None:
    p = rig.prefix
    doomed = rig.direct.create_view(f"{p} sẽ xóa", "event_log", {})
    saved_views.refresh_saved_views(rig.client, rig.store)

    def queue_only(action):
        return rig.store.enqueue(
            action.kind,
            action.method,
            action.path,
            action.body,
            resource=action.resource,
            resource_id=action.resource_id or None,
            base_version=action.base_version,
        )

    queue_create(queue_only, rig.store, f"{p} đua", {"text": "x"})
    queue_delete(queue_only, rig.store, next(v for v in visible_views(rig.store) if v.id == str(doomed.id)))
    assert [v.name for v in rig.mine(visible_views(rig.store))] == [f"{p} đua"]

    class DeliveringWhileListing(IocClient):
        """Delivers the outbox right after the server answered the GET, as the engine thread may."""

        def list_views(self):
            answer = super().list_views()
            for entry in rig.store.pending():
                rig.store.mark_sending(entry.id)
                response = self.send_action(entry.method, entry.path, entry.body, idempotency_key=entry.idempotency_key)
                rig.store.mark_applied(entry.id, response)
            return answer

    with DeliveringWhileListing(backend.url, **TEST_CLIENT) as racing:
        racing.login("supervisor", DEMO_PASSWORDS["supervisor"])
        saved_views.refresh_saved_views(racing, rig.store)
    created = next(v for v in rig.direct.list_views() if v.name == f"{p} đua")
    assert doomed.id not in [v.id for v in rig.direct.list_views()]
    # The GET answered before the create and the delete were applied; the cache follows the outbox.
    assert [(v.id, v.name, v.pending) for v in rig.mine(visible_views(rig.store))] == [
        (str(created.id), f"{p} đua", False)
    ]


def test_a_change_being_sent_cannot_be_withdrawn(rig: Rig) -> None:
    def queue_only(action):
        return rig.store.enqueue(
            action.kind,
            action.method,
            action.path,
            action.body,
            resource=action.resource,
            resource_id=action.resource_id or None,
            base_version=action.base_version,
        )

    created = queue_create(queue_only, rig.store, f"{rig.prefix} đang gửi", {})
    rig.store.mark_sending(created.entry.id)  # what the engine does right before the request goes out
    view = rig.mine(visible_views(rig.store))[0]
    with pytest.raises(ViewBusyError):
        queue_delete(queue_only, rig.store, view)
    assert rig.store.entry(created.entry.id).state == "sending"
    assert rig.mine(visible_views(rig.store)) == [view]


def test_visible_views_sort_vietnamese_names_alphabetically(tmp_path: Path) -> None:
    with CacheStore(tmp_path / "c.sqlite3") as store:
        store.replace_resources(
            "view",
            [
                {"id": i, "name": name, "kind": "event_log", "data": {}, "version": 1}
                for i, name in enumerate(["Đông Ba", "An Cựu", "Zebra", "Ấp Bắc", "dữ liệu", "Bến Ngự"], 1)
            ],
        )
        store.upsert_resource("view", {"id": 99, "name": "Bản đồ", "kind": "map", "data": {}, "version": 1})
        names = [v.name for v in visible_views(store)]
    assert names == ["An Cựu", "Ấp Bắc", "Bến Ngự", "Đông Ba", "dữ liệu", "Zebra"]  # and no "map" view
