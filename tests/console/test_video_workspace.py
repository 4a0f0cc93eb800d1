"""The video wall workspace against the real backend: live MJPEG tiles, hidden page, snapshot, views, alarm, PTZ."""

from __future__ import annotations

import hashlib
import threading
import uuid
from pathlib import Path
from typing import Any

import requests
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers, server_alert, sign_in
from faultproxy import FaultProxy

from backend_client.api.models import Change
from ioc_console.services.navigation import SHOW_CAMERA_ON_WALL, SHOW_CAMERAS_ON_WALL
from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces.video.camera_tree_model import encode_camera_ids
from ioc_console.workspaces.video.workspace import VideoWorkspace


def open_wall(qtbot: Any, window: MainWindow, role: str = "operator") -> VideoWorkspace:
    window.show()
    sign_in(qtbot, window, role)
    video = window.workspace("video")
    window.show_workspace_key("video")
    qtbot.waitUntil(lambda: len(video.model.cameras()) >= 700, timeout=WAIT_MS)
    return video


def decoders(video: VideoWorkspace) -> int:
    return video.pipeline.hub.stats()["decoders"]


def test_tiles_play_stop_when_hidden_snapshot_and_no_thread_left(qtbot, backend, make_window, tmp_path) -> None:
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    video = open_wall(qtbot, window)
    cameras = sorted(video.model.cameras(), key=lambda c: c["id"])
    online = [c["id"] for c in cameras if c["status"] == "online"][:2]
    video.wall.set_layout("2x2")
    assert video.wall.drop_mime(encode_camera_ids([online[0], online[1]]), 0)
    assert video.wall.drop_mime(encode_camera_ids([online[0]]), 2)
    assert video.wall.cameras() == [online[0], online[1], online[0], None]
    tile = video.wall.tile(0)
    qtbot.waitUntil(lambda: tile.current_image() is not None, timeout=WAIT_MS)
    # The same camera in two tiles is decoded once.
    streams = video.pipeline.hub.stats()["streams"]
    assert len({s["key"] for s in streams}) == 2 and decoders(video) == 2

    # Another workspace in front: every decoder stops; back on the wall they run again.
    window.show_workspace_key("events")
    qtbot.waitUntil(lambda: decoders(video) == 0, timeout=WAIT_MS)
    window.show_workspace_key("video")
    qtbot.waitUntil(lambda: decoders(video) == 2, timeout=WAIT_MS)

    # Snapshot: PNG + sha256 sidecar in the chosen folder, recorded in the backend's audit.
    folder = tmp_path / "snapshots"
    window._context.settings.snapshot_folder = str(folder)
    video.wall.select(0)
    qtbot.waitUntil(lambda: tile.current_image() is not None, timeout=WAIT_MS)
    messages: list[str] = []
    video.status_message.connect(lambda text, _ms: messages.append(text))
    video.act_snapshot.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=WAIT_MS)
    assert video.last_snapshot is not None, messages
    assert messages == [f"Đã lưu ảnh chụp: {video.last_snapshot.path}"]
    saved = video.last_snapshot
    assert saved.path.parent == folder and saved.path.name.startswith(f"{online[0]}_")
    assert saved.path.name.endswith("Z.png") and len(saved.path.name) == len(online[0]) + len("_20261205T112233Z.png")
    data = saved.path.read_bytes()
    assert data.startswith(b"\x89PNG")
    digest = hashlib.sha256(data).hexdigest()
    assert Path(f"{saved.path}.sha256").read_text(encoding="utf-8") == f"{digest}  {saved.path.name}\n"
    supervisor = http_headers(backend.url, "supervisor")

    def audited() -> list[dict]:
        answer = requests.get(
            f"{backend.url}/api/v1/audit", params={"camera_id": online[0]}, headers=supervisor, timeout=10
        )
        answer.raise_for_status()
        return [e for e in answer.json()["items"] if e["action"] == "snapshot.taken"]

    qtbot.waitUntil(lambda: any(e["detail"].get("sha256") == digest for e in audited()), timeout=WAIT_MS)
    entry = next(e for e in audited() if e["detail"].get("sha256") == digest)
    assert entry["user"] == "operator" and entry["detail"]["file_name"] == saved.path.name

    # The navigation intent opens one camera large; Esc brings the wall back.
    assert window._context.navigation.request(SHOW_CAMERA_ON_WALL, {"camera_id": online[1]})
    assert video.wall.layout_name() == "1" and video.wall.cameras() == [online[1]]
    video.wall.act_leave.trigger()
    assert video.wall.cameras() == [online[0], online[1], online[0], None]

    # Closing the wall leaves no decoder thread running.
    threads = video.pipeline.hub.threads()
    assert threads
    assert video.close_streams(timeout=10)
    assert not any(t.is_alive() for t in threads)
    assert not video.pipeline.hub.threads()
    assert not [t for t in threading.enumerate() if t in threads]


def test_alarm_spot_shows_a_new_critical_alert_and_acknowledges_it_through_the_outbox(
    qtbot, fresh_backend, make_window
) -> None:
    window = make_window(fresh_backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    video = open_wall(qtbot, window)
    headers = http_headers(fresh_backend.url, "admin")
    answer = requests.get(
        f"{fresh_backend.url}/api/v1/alerts",
        params={"state": "new", "limit": 200},
        headers=headers,
        timeout=10,
    )
    answer.raise_for_status()
    critical = [a for a in answer.json()["items"] if a["severity"] == "critical" and not a.get("verification")]
    alert = critical[0]
    second = next(a for a in critical if a["camera_id"] != alert["camera_id"])
    assert not video.alarm_spot.isVisible()

    # Tour a group holding the alarm's camera: its tile is held while the alarm is active.
    video.wall.set_layout("2x2")
    others = [c["id"] for c in video.model.cameras() if c["id"] != alert["camera_id"]][:6]
    video.start_tour([alert["camera_id"], *others])
    assert video.wall.cameras()[0] == alert["camera_id"]

    # A critical alert arriving live through the connection's changes.
    change = Change(seq=10**9, resource="alert", id=str(alert["id"]), op="upsert", data=alert)
    window._context.connection.changes_applied.emit([change])
    assert video.alarm_spot.isVisible() and video.alarm_spot.alert()["id"] == alert["id"]
    assert video.alarm_spot.tile.alarm() == video.alarm_label(alert)
    assert 0 in video.held_cells()
    video.tour.interval_s = 0.001  # due at the next tick
    video.tour._next_at = 0
    video.tour_tick()
    assert video.wall.cameras()[0] == alert["camera_id"]  # held, the others moved on
    assert video.wall.cameras()[1:] != others[:3]

    # Acknowledge from the tile: the same outbox action as the event log's "A".
    with qtbot.waitSignal(video.submitter.submitted, timeout=WAIT_MS) as queued:
        video.alarm_spot.acknowledge.click()
    assert queued.args[0].path == f"/alerts/{alert['id']}/transition"
    qtbot.waitUntil(
        lambda: server_alert(fresh_backend.url, alert["id"], headers)["state"] == "acknowledged", timeout=WAIT_MS
    )
    # The acknowledged alert comes back through the live stream and leaves the spot.
    qtbot.waitUntil(lambda: video.alarm_spot.alert() is None, timeout=WAIT_MS)
    assert not video.alarm_spot.isVisible() and 0 not in video.held_cells()

    # A second alarm: verified from the tile through the event log's dialog and outbox action.
    change = Change(seq=10**9 + 1, resource="alert", id=str(second["id"]), op="upsert", data=second)
    window._context.connection.changes_applied.emit([change])
    assert video.alarm_spot.alert()["id"] == second["id"]
    video.alarm_spot.verify.click()
    dialog = video.verify_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.verdict_button("false_alarm").click()
    with qtbot.waitSignal(video.submitter.submitted, timeout=WAIT_MS) as queued:
        dialog.ok_button().click()
    assert queued.args[0].kind == "alert.verify" and queued.args[0].path == f"/alerts/{second['id']}/verify"
    qtbot.waitUntil(
        lambda: (
            (server_alert(fresh_backend.url, second["id"], headers).get("verification") or {}).get("verdict")
            == "false_alarm"
        ),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: video.alarm_spot.alert() is None, timeout=WAIT_MS)


def test_ptz_pad_for_operators_only_and_commands_reach_the_backend(qtbot, backend, make_window) -> None:
    leader = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    leader_wall = open_wall(qtbot, leader, "leader")
    assert not leader_wall.ptz.isVisible() and not leader_wall.act_ptz.isVisible()
    assert not leader_wall.alarm_spot.acknowledge.isVisibleTo(leader_wall.alarm_spot)
    leader.close()

    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    video = open_wall(qtbot, window)
    assert video.ptz.isVisible() and video.act_ptz.isVisible()
    camera = next(c for c in video.model.cameras() if c.get("ptz") and c["status"] == "online" and c["ptz_presets"])
    fixed = next(c for c in video.model.cameras() if not c.get("ptz"))
    video.wall.set_cameras([fixed["id"], camera["id"]])
    video.wall.select(0)
    assert not video.ptz.right.isEnabled()
    video.wall.select(1)
    assert video.ptz.camera_id() == camera["id"] and video.ptz.right.isEnabled()
    assert video.ptz.presets.count() == len(camera["ptz_presets"])
    video.ptz.right.pressed.emit()
    video.ptz.right.released.emit()
    video.ptz.presets.setCurrentIndex(video.ptz.presets.count() - 1)
    video.ptz.go.click()
    supervisor = http_headers(backend.url, "supervisor")

    def actions() -> list[str]:
        answer = requests.get(
            f"{backend.url}/api/v1/audit", params={"camera_id": camera["id"]}, headers=supervisor, timeout=10
        )
        answer.raise_for_status()
        return [e["action"] for e in answer.json()["items"]]

    qtbot.waitUntil(lambda: {"ptz.move", "ptz.stop", "ptz.preset"} <= set(actions()), timeout=WAIT_MS)


def test_wall_views_saved_per_user_and_offline_from_the_cache(qtbot, backend, make_window) -> None:
    prefix = f"Wall {uuid.uuid4().hex[:6]}"
    headers = http_headers(backend.url, "operator")

    def mine() -> dict[str, dict]:
        answer = requests.get(f"{backend.url}/api/v1/me/views", headers=headers, timeout=10)
        answer.raise_for_status()
        return {v["name"]: v for v in answer.json()["items"] if v["name"].startswith(prefix)}

    proxy = FaultProxy(backend.url)
    try:
        window = make_window(proxy.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        video = open_wall(qtbot, window)
        ids = sorted(c["id"] for c in video.model.cameras())
        video.wall.set_view("1+5", [ids[0], None, ids[2], ids[3], None, ids[5]])
        video.views.save_as(f"{prefix} Cầu", video.current_view_data())
        qtbot.waitUntil(lambda: f"{prefix} Cầu" in mine(), timeout=WAIT_MS)
        assert mine()[f"{prefix} Cầu"]["kind"] == "video_wall"
        assert mine()[f"{prefix} Cầu"]["data"] == {
            "layout": "1+5",
            "cameras": [ids[0], None, ids[2], ids[3], None, ids[5]],
        }
        qtbot.waitUntil(lambda: any(v.name == f"{prefix} Cầu" for v in video.views.views()), timeout=WAIT_MS)
        # The event log's saved views do not list wall views.
        assert all(v.kind == "event_log" for v in window.workspace("events").saved_views.views())

        # Offline: the views still come from the cache, apply, and a new one is queued.
        proxy.set_mode("refuse")
        qtbot.waitUntil(lambda: window._context.connection.state == "offline", timeout=WAIT_MS)
        video.wall.set_view("3x3", [ids[7]])
        video.views.reload()
        qtbot.waitUntil(lambda: video.views.select_by_name(f"{prefix} Cầu"), timeout=WAIT_MS)
        assert video.wall.layout_name() == "1+5"
        assert video.wall.cameras() == [ids[0], None, ids[2], ids[3], None, ids[5]]
        video.wall.set_layout("4x4")
        video.views.save_as(f"{prefix} Ngoại tuyến", video.current_view_data())
        qtbot.waitUntil(
            lambda: any(v.name == f"{prefix} Ngoại tuyến" and v.pending for v in video.views.views()),
            timeout=WAIT_MS,
        )
        assert f"{prefix} Ngoại tuyến" not in mine()
        proxy.set_mode("pass")
        window._context.connection.wake()
        qtbot.waitUntil(lambda: f"{prefix} Ngoại tuyến" in mine(), timeout=WAIT_MS)
        assert mine()[f"{prefix} Ngoại tuyến"]["data"]["layout"] == "4x4"
    finally:
        for view in mine().values():
            requests.delete(
                f"{backend.url}/api/v1/me/views/{view['id']}",
                headers=headers,
                params={"version": view["version"]},
                timeout=10,
            )
        proxy.stop()


def test_cameras_from_the_map_fill_the_smallest_layout_nearest_first(qtbot, backend, make_window) -> None:
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    video = open_wall(qtbot, window)
    navigation = window._context.navigation
    ids = sorted(c["id"] for c in video.model.cameras())
    messages: list[str] = []
    video.status_message.connect(lambda text, _ms: messages.append(text))
    video.wall.set_view("2x2", [ids[0], None, None, None])

    # Empty or malformed payloads: refused, the wall unchanged.
    for payload in (
        {},
        {"camera_ids": []},
        {"camera_ids": "cam-0001"},
        {"camera_ids": [1, 2]},
        {"camera_ids": ["nope"]},
    ):
        assert not navigation.request(SHOW_CAMERAS_ON_WALL, payload), payload
        assert video.wall.layout_name() == "2x2" and video.wall.cameras() == [ids[0], None, None, None]
    assert len(messages) == 5

    # Five cameras (one unknown, one twice): a 2x2 holds the four known ones, nearest first.
    nearest = [ids[10], ids[11], "cam-unknown", ids[12], ids[13], ids[11]]
    assert navigation.request(SHOW_CAMERAS_ON_WALL, {"camera_ids": nearest})
    assert video.wall.layout_name() == "2x2"
    assert video.wall.cameras() == [ids[10], ids[11], ids[12], ids[13]]
    assert video.wall.selected() == 0
    assert messages[-1] == "Đã đặt 4 camera từ bản đồ lên tường video. Bỏ qua 1 camera không xác định."

    # Seven: a 3x3, the last two tiles empty.
    assert navigation.request(SHOW_CAMERAS_ON_WALL, {"camera_ids": ids[20:27]})
    assert video.wall.layout_name() == "3x3"
    assert video.wall.cameras() == [*ids[20:27], None, None]
    assert messages[-1] == "Đã đặt 7 camera từ bản đồ lên tường video."

    # More than the largest layout holds: it is filled in order and the rest said.
    assert navigation.request(SHOW_CAMERAS_ON_WALL, {"camera_ids": ids[:70]})
    assert video.wall.layout_name() == "8x8" and video.wall.cameras() == ids[:64]
    assert "6" in messages[-1] and "64" in messages[-1]
