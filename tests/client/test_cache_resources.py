"""Synced resources in the cache: bulk changes with the cursor, queries, readers vs the writer."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

import pytest

from backend_client.cache import WRITER_THREAD_NAME, CacheClosedError, CacheStore, CacheWriteError, InvalidChange

WARDS = ("Phường Phú Hội", "Phường Vĩnh Ninh", "Phường Tây Lộc")


def alert(i: int, *, state: str = "new", version: int = 1, ward: str | None = None) -> dict[str, Any]:
    return {
        "id": i,
        "analytic": "forest_fire" if i % 2 else "crowd",
        "severity": "warning",
        "camera_id": f"cam-{i:04d}",
        "ward": ward or WARDS[i % 3],
        "state": state,
        "detected_at": f"2026-11-25T10:{i % 60:02d}:00+00:00",
        "version": version,
        "updated_at": "2026-11-25T10:00:00+00:00",
        "notes": [],
    }


def upsert(seq: int, resource: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"seq": seq, "resource": resource, "id": str(data["id"]), "op": "upsert", "data": data}


def remove(seq: int, resource: str, rid: str) -> dict[str, Any]:
    return {"seq": seq, "resource": resource, "id": rid, "op": "delete", "data": None}


@pytest.fixture()
def store(tmp_path):
    cache = CacheStore(tmp_path / "cache" / "test.sqlite3")
    yield cache
    cache.close()


def test_empty_cache(store):
    assert store.cursor() is None and store.last_synced_at() is None
    assert store.get("alert", "1") is None and store.list("report") == [] and store.count("camera") == 0


def test_apply_changes_upserts_deletes_and_advances_cursor(store):
    store.apply_changes([upsert(i, "alert", alert(i)) for i in range(1, 6)], "5")
    assert store.cursor() == "5" and store.count("alert") == 5
    assert store.last_synced_at() is not None
    store.apply_changes([upsert(6, "alert", alert(2, state="acknowledged", version=2)), remove(7, "alert", "3")], "7")
    assert store.cursor() == "7"
    assert store.get("alert", 2)["state"] == "acknowledged" and store.get("alert", "2")["version"] == 2
    assert store.get("alert", "3") is None
    assert store.count("alert") == 4


def test_older_change_never_overwrites_a_newer_one(store):
    store.apply_changes([upsert(10, "alert", alert(1, state="closed", version=4))], "10")
    # A late live event from before the sync (seq 8) arrives afterwards.
    store.apply_changes([upsert(8, "alert", alert(1, state="acknowledged", version=2))], None)
    assert store.get("alert", "1")["state"] == "closed"
    store.apply_changes([remove(9, "alert", "1")], None)
    assert store.get("alert", "1") is not None, "a stale delete must not remove a newer row"
    assert store.cursor() == "10", "cursor None leaves the cursor alone"


def test_malformed_batch_changes_nothing(store):
    store.apply_changes([upsert(1, "alert", alert(1))], "1")
    bad_batches = [
        [upsert(2, "alert", alert(2)), {"seq": 3, "resource": "spaceship", "id": "1", "op": "upsert", "data": {}}],
        [upsert(2, "alert", alert(2)), {"seq": 3, "resource": "alert", "id": "4", "op": "explode", "data": {}}],
        [upsert(2, "alert", alert(2)), {"seq": "x", "resource": "alert", "id": "4", "op": "delete"}],
        [upsert(2, "alert", alert(2)), {"seq": 3, "resource": "alert", "id": 4, "op": "delete"}],
        [upsert(2, "alert", alert(2)), {"seq": 3, "resource": "alert", "id": "4", "op": "upsert", "data": None}],
        [upsert(2, "alert", alert(2)), {"seq": 3, "resource": "alert", "id": "4", "op": "upsert", "data": {"id": 5}}],
        [
            upsert(2, "alert", alert(2)),
            {"seq": 3, "resource": "alert", "id": "4", "op": "upsert", "data": {"id": 4, "bad": {1, 2}}},
        ],
        [upsert(2, "alert", alert(2)), "not a change"],
    ]
    for batch in bad_batches:
        with pytest.raises(InvalidChange) as info:
            store.apply_changes(batch, "3")
        assert "change #1" in str(info.value)
    assert store.cursor() == "1" and store.count("alert") == 1


def test_batch_failing_inside_sqlite_rolls_back_data_and_cursor(store):
    """The real rollback path: SQLite itself refuses the batch half-way (database size limit)."""
    store.apply_changes([upsert(i, "alert", alert(i)) for i in range(1, 4)], "3")
    pages = store.writer.submit(lambda conn: conn.exec_driver_sql("PRAGMA page_count").scalar()).result()
    store.writer.submit(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count = {pages + 2}")).result()
    big = [upsert(100 + i, "alert", alert(100 + i) | {"notes": ["n" * 2000]}) for i in range(300)]
    with pytest.raises(CacheWriteError) as info:
        store.apply_changes(big, "400")
    assert info.value.reason == "disk_full"
    assert store.cursor() == "3" and store.count("alert") == 3
    store.writer.submit(lambda conn: conn.exec_driver_sql("PRAGMA max_page_count = 1073741823")).result()
    store.apply_changes(big, "400")
    assert store.cursor() == "400" and store.count("alert") == 303


def test_filters_ordering_and_paging(store):
    alerts = [alert(i, state="new" if i % 2 else "closed") for i in range(1, 13)]
    store.apply_changes([upsert(i, "alert", a) for i, a in enumerate(alerts, 1)], "12")
    newest_first = store.list("alert")
    times = [a["detected_at"] for a in newest_first]
    assert times == sorted(times, reverse=True)
    assert [a["id"] for a in store.list("alert", order_by="sort_time asc")] == list(range(1, 13))
    assert [a["id"] for a in store.list("alert", order_by="id asc")] == list(range(1, 13)), "9 before 10"
    assert {a["state"] for a in store.list("alert", state="closed")} == {"closed"}
    assert store.count("alert", state="new") == 6
    in_ward = store.list("alert", ward=WARDS[0], state="closed")
    assert in_ward and all(a["ward"] == WARDS[0] and a["state"] == "closed" for a in in_ward)
    assert store.count("alert", kind="forest_fire") == 6
    page1 = store.list("alert", limit=5)
    page2 = store.list("alert", limit=5, offset=5)
    assert [a["id"] for a in page1 + page2] == [a["id"] for a in newest_first[:10]]
    with pytest.raises(ValueError, match="order_by"):
        store.list("alert", order_by="id; DROP TABLE resources")
    with pytest.raises(InvalidChange):
        store.list("spaceship")


def test_extracted_columns_for_each_resource(store):
    changes = [
        upsert(
            1,
            "report",
            {
                "id": 1,
                "status": "open",
                "ward": WARDS[0],
                "source": "hotline",
                "requested_datetime": "2026-11-01T00:00:00+00:00",
                "version": 1,
            },
        ),
        upsert(
            2,
            "task",
            {
                "id": 1,
                "status": "todo",
                "assignee_unit": "Đội PCCC",
                "due_at": "2026-12-01T00:00:00+00:00",
                "version": 1,
            },
        ),
        upsert(
            3,
            "camera",
            {
                "id": "cam-0001",
                "status": "online",
                "category": "traffic",
                "ward": WARDS[1],
                "version": 1,
                "updated_at": "2026-11-25T00:00:00+00:00",
            },
        ),
        upsert(
            4, "sensor", {"id": "sen-001", "status": "alarm", "kind": "water_level", "ward": WARDS[2], "version": 1}
        ),
        upsert(5, "meeting", {"id": 1, "status": "scheduled", "starts_at": "2026-12-02T08:00:00+00:00", "version": 1}),
    ]
    store.apply_changes(changes, "5")
    assert store.count("report", state="open", ward=WARDS[0], kind="hotline") == 1
    assert store.count("task", state="todo", ward="Đội PCCC") == 1
    assert store.count("camera", state="online", kind="traffic") == 1
    assert store.count("sensor", state="alarm", kind="water_level") == 1
    assert store.count("meeting", state="scheduled") == 1
    assert store.counts() == {
        "camera": 1,
        "alert": 0,
        "report": 1,
        "sensor": 1,
        "task": 1,
        "meeting": 1,
        "warning": 0,
        "meeting_presenter": 0,
        "view": 0,
        "note": 0,
    }


def test_upsert_resource_from_a_write_response_respects_versions(store):
    store.apply_changes([upsert(5, "alert", alert(1, version=3))], "5")
    store.upsert_resource("alert", alert(1, state="acknowledged", version=4))
    assert store.get("alert", "1")["version"] == 4
    store.upsert_resource("alert", alert(1, state="new", version=2))
    assert store.get("alert", "1")["version"] == 4
    # A later sync of the same resource still replaces it (the row kept its seq).
    store.apply_changes([upsert(6, "alert", alert(1, state="closed", version=5))], "6")
    assert store.get("alert", "1")["state"] == "closed"


def test_readers_proceed_while_the_writer_is_inside_a_transaction(store):
    store.apply_changes([upsert(1, "alert", alert(1))], "1")
    inside, release = threading.Event(), threading.Event()

    def slow_write(conn) -> None:
        conn.exec_driver_sql("UPDATE resources SET state = 'closed', data = json_set(data, '$.state', 'closed')")
        conn.exec_driver_sql("INSERT INTO sync_state VALUES ('marker', 'x')")
        inside.set()
        release.wait(30)

    pending: Future = store.writer.submit(slow_write)
    assert inside.wait(30)
    seen: dict[str, Any] = {}

    def reader() -> None:
        seen["state"] = store.get("alert", "1")["state"]
        seen["marker"] = store.get_state("marker")

    thread = threading.Thread(target=reader, name="test-cache-reader")
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "a reader was blocked by the writer's open transaction"
    assert seen == {"state": "new", "marker": None}, "readers see only committed data"
    release.set()
    pending.result(30)
    assert store.get("alert", "1")["state"] == "closed" and store.get_state("marker") == "x"


def test_concurrent_readers_and_writes_from_many_threads(store):
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(20):
                rid = n * 100 + i
                store.apply_changes([upsert(rid, "alert", alert(rid))], None)
                assert store.get("alert", rid)["id"] == rid
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,), name=f"test-cache-worker-{n}") for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and store.count("alert") == 80


def test_sync_state_values(store):
    store.set_state("last_event_id", "42")
    assert store.get_state("last_event_id") == "42"
    store.set_state("last_event_id", None)
    assert store.get_state("last_event_id") is None
    with pytest.raises(TypeError):
        store.set_state("cursor", 5)


def test_snapshots_are_kept_and_pruned_and_dropped_with_their_alert(tmp_path):
    store = CacheStore(tmp_path / "s.sqlite3", max_snapshots=3)
    try:
        store.apply_changes([upsert(i, "alert", alert(i)) for i in range(1, 6)], "5")
        for i in range(1, 6):
            store.put_snapshot(i, b"\xff\xd8jpeg-" + bytes([i]))
        assert store.get_snapshot(5) == b"\xff\xd8jpeg-\x05"
        assert [store.get_snapshot(i) is not None for i in range(1, 6)] == [False, False, True, True, True]
        store.apply_changes([remove(6, "alert", "5")], "6")
        assert store.get_snapshot(5) is None
        with pytest.raises(ValueError, match="not a JPEG"):
            store.put_snapshot(4, b"<html>")
        assert store.get_snapshot(4) == b"\xff\xd8jpeg-\x04"
    finally:
        store.close()


def test_readings_keep_newest_n_per_sensor(tmp_path):
    store = CacheStore(tmp_path / "r.sqlite3", readings_per_sensor=5)
    try:
        store.put_readings("sen-001", [(f"2026-11-25T10:{m:02d}:00+00:00", float(m)) for m in range(8)])
        store.put_readings("sen-002", [{"phenomenon_time": "2026-11-25T10:00:00+00:00", "result": 1.5}])
        assert store.readings("sen-001") == [(f"2026-11-25T10:{m:02d}:00+00:00", float(m)) for m in range(7, 2, -1)]
        assert store.readings("sen-001", limit=2)[0][1] == 7.0
        assert store.readings("sen-002") == [("2026-11-25T10:00:00+00:00", 1.5)]
        with pytest.raises(ValueError, match="non-numeric"):
            store.put_readings("sen-002", [("2026-11-25T11:00:00+00:00", "high")])
        assert len(store.readings("sen-002")) == 1
    finally:
        store.close()


def test_offline_grant(store):
    assert store.offline_grant() is None
    store.put_offline_grant({"username": "operator", "role": "operator"}, "2030-01-01T00:00:00+00:00", "sig.abc")
    grant = store.offline_grant()
    assert grant.user["role"] == "operator" and grant.is_valid() and "sig.abc" not in repr(grant)
    store.put_offline_grant({"username": "operator"}, "2020-01-01T00:00:00+00:00", "old")
    assert not store.offline_grant().is_valid()
    with pytest.raises(ValueError):
        store.put_offline_grant({}, "tomorrow", "x")
    store.clear_offline_grant()
    assert store.offline_grant() is None


def test_close_joins_the_writer_and_refuses_further_use(tmp_path):
    store = CacheStore(tmp_path / "c.sqlite3")
    writer = store.writer.thread
    assert writer.name == WRITER_THREAD_NAME and writer.is_alive()
    future = store.apply_changes_async([upsert(1, "alert", alert(1))], "1")
    store.close()
    assert future.done() and future.result() == 1, "close() drains work already queued"
    assert not writer.is_alive()
    with pytest.raises(CacheClosedError):
        store.get("alert", "1")
    with pytest.raises(CacheClosedError):
        store.apply_changes([], "2")
    store.close()  # idempotent
    reopened = CacheStore(tmp_path / "c.sqlite3")
    try:
        assert reopened.cursor() == "1"
    finally:
        reopened.close()


def test_catch_up_over_cached_rows_keeps_every_indexed_column_right(store):
    # Existing rows are updated with only the indexed columns that changed; whichever change,
    # the filters and orderings must see the new values and a stale change must lose.
    store.apply_changes([upsert(i, "alert", alert(i)) for i in range(1, 1201)], "1200")
    moved = dict(alert(5, state="closed", version=2, ward=WARDS[0]), detected_at="2026-11-26T00:00:00+00:00")
    store.apply_changes(
        [
            upsert(1201, "alert", alert(4, state="acknowledged", version=2)),  # state only
            upsert(1202, "alert", moved),  # state, ward and time
            upsert(1203, "alert", dict(alert(6, version=2), notes=["x"])),  # no indexed column
            upsert(1204, "alert", alert(1201)),  # a new one
            upsert(3, "alert", alert(7, state="closed", version=9)),
        ],
        "1204",
    )  # stale: seq 3 < 7
    assert store.count("alert") == 1201
    assert store.get("alert", "4")["state"] == "acknowledged"
    assert store.count("alert", state="acknowledged") == 1 and store.count("alert", state="closed") == 1
    assert store.list("alert", state="closed") == [moved]
    assert store.list("alert", limit=1, order_by="sort_time desc") == [moved]
    assert WARDS[5 % 3] != WARDS[0]  # alert 5 really moved ward
    assert store.count("alert", ward=WARDS[0]) == 1 + sum(1 for i in range(1, 1202) if i % 3 == 0)
    assert store.count("alert", ward=WARDS[2]) == sum(1 for i in range(1, 1202) if i % 3 == 2) - 1
    assert store.get("alert", "6")["notes"] == ["x"] and store.get("alert", "7")["state"] == "new"
    assert store.list("alert", limit=1, order_by="seq desc")[0]["id"] == 1201


def test_the_same_resource_twice_in_one_batch_ends_at_the_later_change(store):
    store.apply_changes([upsert(1, "alert", alert(1))], "1")
    store.apply_changes(
        [
            upsert(2, "alert", alert(1, state="acknowledged", version=2)),
            upsert(3, "alert", alert(1, state="new", version=3)),
        ],
        "3",
    )
    assert store.get("alert", "1")["version"] == 3
    assert store.count("alert", state="new") == 1 and store.count("alert", state="acknowledged") == 0


def test_a_version_the_cache_already_holds_is_not_applied_again_and_is_named(store):
    first = store.apply_changes([upsert(1, "alert", alert(1, version=1))], "1")
    assert first == 1 and not first.skipped
    store.upsert_resource("alert", alert(1, state="acknowledged", version=2))  # a write's own answer
    # Its echo (the same version) and a page fetched again: nothing to write, both named.
    echo = store.apply_changes(
        [upsert(2, "alert", alert(1, state="acknowledged", version=2)), upsert(1, "alert", alert(1))], "2"
    )
    assert echo == 0 and echo.skipped == {("alert", "1", 2), ("alert", "1", 1)}
    assert store.cursor() == "2"  # the cursor moves all the same
    assert store.get("alert", "1")["state"] == "acknowledged"
    newer = store.apply_changes([upsert(3, "alert", alert(1, state="closed", version=3))], "3")
    assert newer == 1 and not newer.skipped
    missing = store.apply_changes([remove(4, "alert", "99")], "4")
    assert missing == 0 and missing.skipped == {("alert", "99", 4)}
