"""Camera favourites follow the operator: one saved view per user, through the outbox, merged on conflict."""

from __future__ import annotations

from typing import Any

import requests
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers
from faultproxy import FaultProxy
from test_video_workspace import open_wall

from ioc_console.workspaces.video.camera_tree_model import CAMERA_ID_ROLE
from ioc_console.workspaces.video.favourites import FAVOURITES_KIND
from ioc_console.workspaces.video.workspace import VideoWorkspace


def server_favourites(url: str, role: str) -> list[str] | None:
    """The camera ids of ``role``'s favourites view on the server; None when there is none."""
    answer = requests.get(f"{url}/api/v1/me/views", headers=http_headers(url, role), timeout=10)
    answer.raise_for_status()
    views = [v for v in answer.json()["items"] if v["kind"] == FAVOURITES_KIND]
    assert len(views) <= 1, views  # one view per user, never a second one from a race
    return views[0]["data"]["cameras"] if views else None


def drop_favourites(url: str, *roles: str) -> None:
    """The backend is shared by the session: start and end without anyone's favourites view."""
    for role in roles:
        headers = http_headers(url, role)
        for view in requests.get(f"{url}/api/v1/me/views", headers=headers, timeout=10).json()["items"]:
            if view["kind"] == FAVOURITES_KIND:
                requests.delete(
                    f"{url}/api/v1/me/views/{view['id']}",
                    headers=headers,
                    params={"version": view["version"]},
                    timeout=10,
                ).raise_for_status()


def toggle(video: VideoWorkspace, camera_id: str) -> None:
    """Toggle a favourite as the tree's context menu does: make the camera current, trigger the action."""
    model = video.model
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(CAMERA_ID_ROLE) == camera_id:
                video.tree.tree.setCurrentIndex(index)
                video.tree.act_favourite.trigger()
                return
    raise AssertionError(f"camera {camera_id} is not in the tree")


def test_favourites_follow_the_user_to_another_console_merge_conflicts_and_stay_private(
    qtbot, backend, make_window
) -> None:
    drop_favourites(backend.url, "operator", "supervisor")
    # Console A goes through a proxy: another address, so another cache file than console B.
    proxy = FaultProxy(backend.url)
    try:
        window_a = make_window(proxy.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        video_a = open_wall(qtbot, window_a)
        ids = sorted(c["id"] for c in video_a.model.cameras())
        toggle(video_a, ids[0])
        assert video_a.model.favourites() == {ids[0]}  # shown at once
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == [ids[0]], timeout=WAIT_MS)

        # The same user on a second console (its own cache) gets them from the server.
        window_b = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        video_b = open_wall(qtbot, window_b)
        qtbot.waitUntil(lambda: video_b.model.favourites() == {ids[0]}, timeout=WAIT_MS)

        # A change on B reaches A's tree when A's views are refreshed by its sync (here: a reconnect).
        toggle(video_b, ids[1])
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == [ids[0], ids[1]], timeout=WAIT_MS)
        proxy.set_mode("refuse")
        qtbot.waitUntil(lambda: window_a._context.connection.state == "offline", timeout=WAIT_MS)
        proxy.set_mode("pass")
        window_a._context.connection.wake()
        qtbot.waitUntil(lambda: video_a.model.favourites() == {ids[0], ids[1]}, timeout=WAIT_MS)

        # B changes the list again; A's toggle is based on the older version: the server refuses
        # it (409) and A re-applies its toggle on the newest list, keeping B's change.
        toggle(video_b, ids[2])
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == ids[:3], timeout=WAIT_MS)
        toggle(video_a, ids[0])
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == [ids[1], ids[2]], timeout=WAIT_MS)
        qtbot.waitUntil(lambda: video_a.model.favourites() == {ids[1], ids[2]}, timeout=WAIT_MS)
        store_a = window_a._context.connection.store
        assert store_a is not None
        assert any(e.kind == "view.update" for e in store_a.entries(states=("cancelled",)))  # the refused one

        # Another user has their own favourites and never sees the operator's.
        window_c = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        video_c = open_wall(qtbot, window_c, "supervisor")
        toggle(video_c, ids[5])
        qtbot.waitUntil(lambda: server_favourites(backend.url, "supervisor") == [ids[5]], timeout=WAIT_MS)
        qtbot.waitUntil(lambda: video_c.model.favourites() == {ids[5]}, timeout=WAIT_MS)
        assert server_favourites(backend.url, "operator") == [ids[1], ids[2]]
    finally:
        proxy.stop()
        drop_favourites(backend.url, "operator", "supervisor")


def test_local_favourites_are_uploaded_once_and_offline_toggles_are_queued_then_delivered(
    qtbot, backend, make_window
) -> None:
    drop_favourites(backend.url, "operator")
    cameras: list[dict[str, Any]] = requests.get(
        f"{backend.url}/api/v1/cameras", headers=http_headers(backend.url, "operator"), timeout=10
    ).json()["items"]
    ids = sorted(str(c["id"]) for c in cameras)
    proxy = FaultProxy(backend.url)
    try:
        window = make_window(proxy.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        settings = window._context.settings
        # Favourites from before they were kept on the server: uploaded once, then forgotten locally.
        settings.set_camera_favourites("operator", [ids[4]])
        video = open_wall(qtbot, window)
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == [ids[4]], timeout=WAIT_MS)
        assert settings.camera_favourites("operator") == []
        qtbot.waitUntil(lambda: video.model.favourites() == {ids[4]}, timeout=WAIT_MS)

        proxy.set_mode("refuse")
        connection = window._context.connection
        qtbot.waitUntil(lambda: connection.state == "offline", timeout=WAIT_MS)
        toggle(video, ids[6])
        assert video.model.favourites() == {ids[4], ids[6]}

        def waiting() -> list[Any]:
            store = connection.store
            assert store is not None
            return [e for e in store.entries(states=("pending", "sending")) if e.resource == "view"]

        qtbot.waitUntil(lambda: len(waiting()) == 1, timeout=WAIT_MS)
        assert waiting()[0].body["data"] == {"cameras": [ids[4], ids[6]]}
        assert server_favourites(backend.url, "operator") == [ids[4]]
        # Still shown from the cache (the outbox laid over it) when the tree re-reads it.
        video.favourites.reload()
        qtbot.waitUntil(lambda: video.model.favourites() == {ids[4], ids[6]}, timeout=WAIT_MS)

        proxy.set_mode("pass")
        connection.wake()
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == [ids[4], ids[6]], timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not waiting(), timeout=WAIT_MS)
    finally:
        proxy.stop()
        drop_favourites(backend.url, "operator")


def test_first_favourites_made_offline_on_two_consoles_end_in_one_merged_view(qtbot, backend, make_window) -> None:
    drop_favourites(backend.url, "operator")
    # Two proxies: two addresses, so two caches for the same user.
    proxies = [FaultProxy(backend.url), FaultProxy(backend.url)]
    try:
        windows = [make_window(p.url, ENGINE_OPTIONS, **CLIENT_OPTIONS) for p in proxies]
        videos = [open_wall(qtbot, w) for w in windows]
        ids = sorted(c["id"] for c in videos[0].model.cameras())
        for proxy, window in zip(proxies, windows, strict=True):
            proxy.set_mode("refuse")
            qtbot.waitUntil(lambda w=window: w._context.connection.state == "offline", timeout=WAIT_MS)
        toggle(videos[0], ids[0])
        toggle(videos[1], ids[1])
        proxies[0].set_mode("pass")
        windows[0]._context.connection.wake()
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == [ids[0]], timeout=WAIT_MS)
        # The second create meets 409 name_taken: its camera is added to the view the first one made.
        proxies[1].set_mode("pass")
        windows[1]._context.connection.wake()
        qtbot.waitUntil(lambda: server_favourites(backend.url, "operator") == [ids[0], ids[1]], timeout=WAIT_MS)
        qtbot.waitUntil(lambda: videos[1].model.favourites() == {ids[0], ids[1]}, timeout=WAIT_MS)
    finally:
        for proxy in proxies:
            proxy.stop()
        drop_favourites(backend.url, "operator")
