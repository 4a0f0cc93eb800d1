"""The client's video calls against a real backend: stream URLs, PTZ, snapshot records (also
through the durable outbox, recorded once), the audit trail, and cameras in the cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from faultproxy import FaultProxy
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, copy_database, wait_until

from backend_client import (
    KEEP,
    OFFLINE,
    ONLINE,
    Camera,
    Conflict,
    InvalidRequest,
    IocClient,
    PermissionDenied,
    SyncEngine,
    describe,
    record_snapshot,
)
from backend_client.cache import CacheStore

SECRET = "cl1ent-Secret"
VENDOR = f"rtsp://viewer:{SECRET}@10.20.30.40/ch1"
HASH = "0123456789abcdef" * 4


@dataclass
class Rig:
    backend: BackendProcess
    clients: dict[str, IocClient]

    def __getattr__(self, role: str) -> IocClient:
        if role not in self.clients:
            client = IocClient(self.backend.url, **TEST_CLIENT)
            client.login(role, DEMO_PASSWORDS[role])
            self.clients[role] = client
        return self.clients[role]


@pytest.fixture()
def rig(backend: BackendProcess, tmp_path: Path) -> Iterator[Rig]:
    # A private backend (these tests change cameras) on a copy of the session's seeded database.
    private = start_backend(tmp_path, db_path=copy_database(backend.db_path, tmp_path / "backend.sqlite3"))
    rig = Rig(private, {})
    try:
        yield rig
    finally:
        for client in rig.clients.values():
            client.close()
        private.stop()


def a_camera(client: IocClient, *, ptz: bool) -> Camera:
    return next(c for c in client.list_cameras(status="online", limit=200).items if c.ptz is ptz)


def test_a_camera_from_a_backend_without_presets_reads_and_hides_its_urls() -> None:
    payload = {
        "id": "cam-0001",
        "name": "Ngọ Môn",
        "ward": "Phường Phú Xuân",
        "category": "tourism",
        "lat": 16.47,
        "lon": 107.58,
        "ptz": True,
        "main_stream_url": VENDOR,
        "sub_stream_url": "/api/v1/streams/cam-0001/sub.mjpeg",
        "status": "online",
        "version": 1,
        "updated_at": "2026-01-01T00:00:00+00:00",
    }
    camera = Camera.model_validate(payload)
    assert camera.ptz_presets == []
    assert SECRET not in repr(camera)


def test_an_admin_sets_and_resets_vendor_urls_and_a_bad_one_names_the_field(rig: Rig) -> None:
    cam = a_camera(rig.admin, ptz=False)
    own_sub = cam.sub_stream_url
    changed = rig.admin.update_camera(cam.id, cam.version, main_stream_url=VENDOR)
    assert (changed.main_stream_url, changed.sub_stream_url) == (VENDOR, own_sub)  # sub left as it was (KEEP)
    # A vendor URL goes to the decoder as it is: the backend's token never reaches a camera.
    assert rig.operator.stream_url(rig.operator.get_camera(cam.id), "main") == VENDOR
    assert "access_token=" in rig.operator.stream_url(rig.operator.get_camera(cam.id), "sub")

    with pytest.raises(InvalidRequest) as refused:
        rig.admin.update_camera(cam.id, changed.version, sub_stream_url="ftp://x/y")
    assert [d["field"] for d in refused.value.details] == ["body.sub_stream_url"]

    reset = rig.admin.update_camera(cam.id, changed.version, main_stream_url=None, sub_stream_url=KEEP)
    assert reset.main_stream_url.endswith(f"/streams/{cam.id}/main.mjpeg")


def test_ptz_commands_and_their_audit_trail(rig: Rig) -> None:
    cam = a_camera(rig.operator, ptz=True)
    assert cam.ptz_presets, "a demo PTZ camera has presets"
    ack = rig.operator.ptz(cam.id, "preset", preset=cam.ptz_presets[0].id)
    assert ack.accepted and ack.audit.action == "ptz.preset" and ack.audit.user == "operator"
    assert rig.supervisor.ptz(cam.id, "move", pan=0.3).audit.detail == {"pan": 0.3}
    with pytest.raises(PermissionDenied):
        rig.leader.ptz(cam.id, "stop")
    with pytest.raises(Conflict) as fixed:
        rig.operator.ptz(a_camera(rig.operator, ptz=False).id, "stop")
    assert fixed.value.code == "not_ptz"
    with pytest.raises(InvalidRequest) as unknown:
        rig.operator.ptz(cam.id, "preset", preset=999)
    assert [d["field"] for d in unknown.value.details] == ["body.preset"]
    for action, speeds in (("fly", {}), ("move", {"pan": 2.0}), ("zoom", {"zoom": float("nan")})):
        with pytest.raises(ValueError):
            rig.operator.ptz(cam.id, action, **speeds)  # refused before anything is sent

    trail = rig.supervisor.audit(camera_id=cam.id)
    assert [(e.action, e.user) for e in trail.items] == [("ptz.move", "supervisor"), ("ptz.preset", "operator")]
    with pytest.raises(PermissionDenied):
        rig.operator.audit()


def test_a_snapshot_record_sent_directly_is_in_the_audit(rig: Rig) -> None:
    cam = a_camera(rig.leader, ptz=False)
    taken = datetime(2026, 12, 5, 3, 4, 5, tzinfo=UTC)
    entry = rig.leader.record_snapshot(cam.id, taken, HASH.upper(), f"{cam.id}_20261205T030405Z.png")
    assert (entry.action, entry.camera_id, entry.detail["sha256"]) == ("snapshot.taken", cam.id, HASH)
    assert rig.admin.audit(action="snapshot.taken").items[0] == entry
    with pytest.raises(ValueError):
        rig.leader.record_snapshot(cam.id, datetime(2026, 12, 5), HASH, "x.png")  # no time zone


def snapshot_records(db_path: Path, camera_id: str) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        query = "SELECT count(*) FROM audit_log WHERE action = 'snapshot.taken' AND camera_id = ?"
        return conn.execute(query, (camera_id,)).fetchone()[0]


def test_a_snapshot_taken_offline_is_recorded_once_and_the_cached_camera_stays_whole(
    backend: BackendProcess, tmp_path: Path
) -> None:
    private = start_backend(tmp_path, db_path=copy_database(backend.db_path, tmp_path / "backend.sqlite3"))
    proxy = FaultProxy(private.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    client.login("operator", DEMO_PASSWORDS["operator"])
    store = CacheStore(tmp_path / "cache.sqlite3")
    engine = SyncEngine(client, store, **Recorder().callbacks(), **ENGINE)
    try:
        engine.start()
        wait_until(lambda: engine.status.state == ONLINE, "engine online")
        cached: dict[str, Any] = store.get("camera", "cam-0002")
        # Cache rows carry the camera's new fields.
        assert isinstance(cached["ptz_presets"], list) and cached["main_stream_url"].endswith("main.mjpeg")

        proxy.set_mode("refuse")
        wait_until(lambda: engine.status.state == OFFLINE, "engine offline")
        action = record_snapshot(cached, datetime.now(UTC), HASH, "cam-0002_20261205T030405Z.png")
        assert (action.kind, action.path, action.base_version) == (
            "camera.snapshot",
            "/cameras/cam-0002/snapshots",
            None,
        )
        assert describe(action) == "record a snapshot of camera cam-0002"
        entry = engine.submit(action)
        assert store.pending_count() == 1
        # The link returns, but the answer to the record is lost after the server applied it.
        proxy.set_mode("drop_after_forward", path_prefix="/api/v1/cameras/cam-0002/snapshots", times=1)
        wait_until(lambda: store.pending_count() == 0, "the record delivered")

        delivered = store.entry(entry.id)
        assert delivered.state == "applied" and delivered.attempts == 2  # sent twice, recorded once
        assert snapshot_records(private.db_path, "cam-0002") == 1
        assert delivered.response["action"] == "snapshot.taken"
        # The answer (an audit entry) is not mistaken for the camera in the cache.
        assert store.get("camera", "cam-0002") == cached
        assert store.get("camera", str(delivered.response["id"])) is None
    finally:
        engine.stop()
        proxy.stop()
        client.close()
        store.close()
        private.stop()
