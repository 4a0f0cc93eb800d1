"""Media prefetch: after a catch-up the cache holds open alerts' snapshots and sensors' recent readings."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from faultproxy import FaultProxy
from sync_engine_support import ENGINE, TEST_CLIENT, copy_database, wait_until

from backend_client import ONLINE, IocClient, SyncEngine
from backend_client.cache import CacheStore
from backend_client.sync.media_prefetch import MediaPrefetcher

SNAPSHOTS = 5  # a handful keeps the test quick; the default is 200


@dataclass
class Rig:
    backend: BackendProcess
    client: IocClient
    store: CacheStore
    engine: SyncEngine
    cache_path: Path


@pytest.fixture()
def rig(tmp_path, backend) -> Iterator[Rig]:
    # A private backend (the test stops it) on a copy of the session's seeded database.
    backend = start_backend(tmp_path, db_path=copy_database(backend.db_path, tmp_path / "backend.sqlite3"))
    client = IocClient(backend.url, **TEST_CLIENT)
    client.login("operator", DEMO_PASSWORDS["operator"])
    cache_path = tmp_path / "cache.sqlite3"
    store = CacheStore(cache_path)
    engine = SyncEngine(client, store, prefetch={"max_snapshots": SNAPSHOTS}, **ENGINE)
    try:
        yield Rig(backend, client, store, engine, cache_path)
    finally:
        engine.stop()
        client.close()
        store.close()
        backend.stop()


def _newest_open_alert_ids(store: CacheStore, count: int) -> list[str]:
    return [str(a["id"]) for a in store.list("alert") if a.get("state") != "closed"][:count]


def test_catch_up_fills_snapshots_and_readings_which_stay_readable_offline(rig: Rig):
    rig.engine.start()
    prefetcher = rig.engine.prefetcher
    assert prefetcher is not None
    wait_until(lambda: rig.engine.status.state == ONLINE, "engine online")
    wait_until(lambda: prefetcher.stats["passes"] >= 1, "first prefetch pass")

    open_ids = _newest_open_alert_ids(rig.store, SNAPSHOTS)
    assert len(open_ids) == SNAPSHOTS
    assert prefetcher.stats["snapshot_errors"] == 0
    assert prefetcher.stats["snapshots"] == SNAPSHOTS
    sensors = [str(s["id"]) for s in rig.store.list("sensor")]
    assert sensors, "the demo backend has sensors"
    assert prefetcher.stats["sensors"] == len(sensors)
    assert prefetcher.stats["reading_errors"] == 0

    # Everything must be readable with the backend gone, from the file alone.
    rig.engine.stop()
    rig.backend.stop()
    rig.store.close()
    with CacheStore(rig.cache_path) as reopened:
        for alert_id in open_ids:
            jpeg = reopened.get_snapshot(alert_id)
            assert jpeg is not None and jpeg[:2] == b"\xff\xd8", f"alert {alert_id} has no cached JPEG"
        day_ago = datetime.now(UTC) - timedelta(hours=24, minutes=5)
        for sensor_id in sensors:
            cached = reopened.readings(sensor_id)
            assert 0 < len(cached) <= 144, f"sensor {sensor_id}: {len(cached)} readings"
            assert all(datetime.fromisoformat(t.replace("Z", "+00:00")) >= day_ago for t, _ in cached)
            assert all(isinstance(value, float) for _, value in cached)


def test_readings_are_not_fetched_again_within_the_interval_and_cached_snapshots_are_kept(rig: Rig):
    rig.engine.start()
    prefetcher = rig.engine.prefetcher
    assert prefetcher is not None
    wait_until(lambda: prefetcher.stats["passes"] >= 1, "first prefetch pass")
    first = dict(prefetcher.stats)
    prefetcher.request()  # as after the next catch-up
    wait_until(lambda: prefetcher.stats["passes"] >= 2, "second prefetch pass")
    assert prefetcher.stats["sensors"] == first["sensors"]  # within 10 minutes: not asked again
    assert prefetcher.stats["snapshots"] == first["snapshots"]  # already cached: not fetched again


def test_an_open_alert_changed_live_gets_its_snapshot_even_beyond_the_newest(rig: Rig):
    rig.engine.start()
    prefetcher = rig.engine.prefetcher
    assert prefetcher is not None
    wait_until(lambda: prefetcher.stats["passes"] >= 1, "first prefetch pass")
    newest = set(_newest_open_alert_ids(rig.store, SNAPSHOTS))
    older = [a for a in rig.store.list("alert") if a.get("state") == "new" and str(a["id"]) not in newest]
    assert older, "the demo data has more open alerts than the prefetch keeps"
    target = older[-1]
    assert rig.store.get_snapshot(target["id"]) is None
    with IocClient(rig.backend.url, **TEST_CLIENT) as other:
        other.login("supervisor", DEMO_PASSWORDS["supervisor"])
        other.transition_alert(int(target["id"]), "acknowledged", int(target["version"]))
    # The change arrives on the live stream; the prefetcher fetches that alert's snapshot.
    wait_until(lambda: rig.store.get_snapshot(target["id"]) is not None, "snapshot of the live-changed alert")
    assert rig.store.get("alert", target["id"])["state"] == "acknowledged"


def test_prefetcher_refuses_nonsense_limits(tmp_path):
    with CacheStore(tmp_path / "cache.sqlite3") as store, IocClient("http://127.0.0.1:9", **TEST_CLIENT) as client:
        with pytest.raises(ValueError):
            MediaPrefetcher(client, store, readings_per_sensor=0)
        with pytest.raises(ValueError):
            MediaPrefetcher(client, store, max_snapshots=-1)
        # Never more than the store keeps: more would be evicted and fetched again each pass.
        assert (
            MediaPrefetcher(client, store, max_snapshots=store.max_snapshots + 1).max_snapshots == store.max_snapshots
        )


@pytest.mark.parametrize("mode", ["garbage", "error500"])
def test_a_backend_failing_every_call_ends_the_pass_instead_of_being_hammered(tmp_path, backend, mode):
    proxy = FaultProxy(backend.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    store = CacheStore(tmp_path / "cache.sqlite3")
    prefetcher = MediaPrefetcher(client, store, max_snapshots=50)
    try:
        client.login("operator", DEMO_PASSWORDS["operator"])
        for page in client.iter_sync_pages("0", 10000):
            store.apply_rows_async(page.upserts, page.deletes, page.cursor).result()
        assert len(_newest_open_alert_ids(store, 50)) == 50
        proxy.set_mode(mode)
        before = proxy.forwarded
        prefetcher.start()
        prefetcher.request()
        wait_until(lambda: prefetcher.stats["passes_stopped"] == 1, "the pass to stop")
        # Three failed snapshots, then the pass ends: not 50 snapshots, sensors and documents.
        assert prefetcher.stats["snapshot_errors"] == 3 and prefetcher.stats["snapshots"] == 0
        assert prefetcher.stats["reading_errors"] == 0 and prefetcher.stats["document_errors"] == 0
        assert proxy.forwarded - before <= 3
    finally:
        prefetcher.stop()
        client.close()
        store.close()
        proxy.stop()


class _FakeStore:
    """Just what a snapshot pass reads and writes: open alerts, no sensors, meetings or documents."""

    max_snapshots = 200
    max_document_bytes = 0

    def __init__(self) -> None:
        self.snapshots: dict[str, bytes] = {}

    def get(self, resource: str, alert_id: str) -> dict[str, str]:
        return {"id": alert_id, "state": "new"}

    def get_snapshot(self, alert_id: str) -> bytes | None:
        return self.snapshots.get(alert_id)

    def put_snapshot(self, alert_id: str, jpeg: bytes) -> None:
        self.snapshots[alert_id] = jpeg

    def list(self, resource: str, **_: object) -> list[dict[str, str]]:
        return []

    def document_hashes(self) -> dict[str, str]:
        return {}

    def drop_documents_except(self, listed: set[str]) -> int:
        return 0


class _FakeClient:
    def __init__(self) -> None:
        self.fetched_at: list[float] = []

    def alert_snapshot(self, alert_id: int) -> bytes:
        self.fetched_at.append(time.monotonic())
        return b"\xff\xd8 jpeg"


def _note_for(prefetcher: MediaPrefetcher, seconds: float, step: float = 0.05) -> float:
    """Note a new live alert every ``step`` s for ``seconds`` (a burst); the time of the last note."""
    end = time.monotonic() + seconds
    alert_id = 1
    while time.monotonic() < end:
        prefetcher.note_alerts([alert_id])
        alert_id += 1
        time.sleep(step)
    return time.monotonic()


def test_live_snapshots_wait_for_a_pause_in_a_burst_of_alerts():
    client, store = _FakeClient(), _FakeStore()
    prefetcher = MediaPrefetcher(client, store, live_settle=0.3, live_settle_max=10.0)  # type: ignore[arg-type]
    prefetcher.start()
    try:
        last_note = _note_for(prefetcher, 1.0)
        assert client.fetched_at == []  # nothing fetched while the alerts kept coming
        wait_until(lambda: prefetcher.stats["passes"] >= 1, "the pass after the burst")
        assert min(client.fetched_at) >= last_note + 0.25
        assert prefetcher.stats["snapshots"] == len(store.snapshots) > 0
    finally:
        prefetcher.stop()


def test_a_burst_that_never_pauses_gets_its_snapshots_after_live_settle_max():
    client, store = _FakeClient(), _FakeStore()
    prefetcher = MediaPrefetcher(client, store, live_settle=0.3, live_settle_max=0.6)  # type: ignore[arg-type]
    prefetcher.start()
    try:
        started = time.monotonic()
        _note_for(prefetcher, 1.5)
        assert client.fetched_at, "a pass ran during the burst"
        assert started + 0.55 <= min(client.fetched_at) <= started + 1.2
    finally:
        prefetcher.stop()
    with pytest.raises(ValueError):
        MediaPrefetcher(client, store, live_settle=-1)  # type: ignore[arg-type]
