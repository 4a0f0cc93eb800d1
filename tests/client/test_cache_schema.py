"""Schema versions and migration, and recovery from corrupt or future-schema cache files."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backend_client.cache import SCHEMA_VERSION, CacheStore
from backend_client.cache.schema import APPLICATION_ID, V1_DDL, V1_TO_V2_DDL, metadata


def _v1_file(path: Path) -> None:
    """Build a cache exactly as version 1 of the code did, with data in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for statement in V1_DDL:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO resources (resource, id, seq, version, state, data) VALUES ('alert', '17', 5, 3, 'new', ?)",
        (json.dumps({"id": 17, "state": "new", "version": 3}),),
    )
    conn.execute("INSERT INTO sync_state VALUES ('cursor', '5')")
    conn.execute(
        "INSERT INTO outbox (idempotency_key, created_at, kind, method, path, body, resource, "
        "resource_id, state, updated_at) VALUES ('k-1', 't', 'alert.transition', 'POST', "
        "'/alerts/17/transition', ?, 'alert', '17', 'pending', 't')",
        (json.dumps({"to": "acknowledged", "version": 3}),),
    )
    conn.execute(
        "INSERT INTO outbox (idempotency_key, created_at, kind, method, path, body, resource, "
        "resource_id, state, updated_at) VALUES ('k-2', 't', 'alert.note', 'POST', "
        "'/alerts/17/notes', ?, 'alert', '17', 'failed', 't')",
        (json.dumps({"text": "x"}),),
    )
    conn.execute("COMMIT")
    conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _schema_sql(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture()
def cache_path(tmp_path) -> Path:
    return tmp_path / "cache" / "127.0.0.1_8000-operator.sqlite3"


def test_schema_version_is_4():
    assert SCHEMA_VERSION == 4


def _v2_file(path: Path) -> None:
    """A cache as version 2 of the code left it: the v1 file upgraded one step, with its data."""
    _v1_file(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for statement in V1_TO_V2_DDL:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO saved_views VALUES ('Mine', '{\"ward\":\"Phú Xuân\"}', 't')")
    conn.execute("COMMIT")
    conn.close()


def _index_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
        }
    finally:
        conn.close()


def test_v2_file_is_migrated_to_v3_drops_the_seq_index_and_keeps_everything(cache_path):
    _v2_file(cache_path)
    assert "ix_resources_seq" in _index_names(cache_path)
    store = CacheStore(cache_path)
    try:
        assert store.recovery is None
        assert _user_version(cache_path) == SCHEMA_VERSION
        assert "ix_resources_seq" not in _index_names(cache_path)
        assert {"ix_resources_sort", "ix_resources_state", "ix_resources_ward"} <= _index_names(cache_path)
        assert store.get("alert", "17") == {"id": 17, "state": "new", "version": 3}
        assert store.cursor() == "5"
        # v4: the local-only saved view became a pending "create view" action behind the old ones.
        old_1, old_2, view = store.entries()
        assert [old_1.idempotency_key, old_2.idempotency_key] == ["k-1", "k-2"]
        assert (view.kind, view.method, view.path, view.resource, view.state) == (
            "view.create",
            "POST",
            "/me/views",
            "view",
            "pending",
        )
        assert view.body == {"name": "Mine", "kind": "event_log", "data": {"ward": "Phú Xuân"}}
        assert len(view.idempotency_key) == 32
        # Ordering by seq still works without the index (a plain sort), and an older change
        # still cannot overwrite a newer one: the upsert compares seq on the row itself.
        store.apply_changes(
            [
                {
                    "seq": 9,
                    "resource": "alert",
                    "id": "18",
                    "op": "upsert",
                    "data": {"id": 18, "state": "new", "version": 1},
                }
            ],
            "9",
        )
        store.apply_changes(
            [
                {
                    "seq": 4,
                    "resource": "alert",
                    "id": "17",
                    "op": "upsert",
                    "data": {"id": 17, "state": "closed", "version": 2},
                }
            ],
            None,
        )
        assert [row["id"] for row in store.list("alert", order_by="seq desc")] == [18, 17]
        assert store.get("alert", "17")["state"] == "new"
    finally:
        store.close()


def test_v1_file_is_migrated_to_the_current_version_and_keeps_its_rows(cache_path):
    _v1_file(cache_path)
    store = CacheStore(cache_path)
    try:
        assert store.recovery is None
        assert _user_version(cache_path) == SCHEMA_VERSION
        assert store.get("alert", "17") == {"id": 17, "state": "new", "version": 3}
        assert store.cursor() == "5"
        first, second = store.entries()
        assert (first.idempotency_key, first.state, first.body) == (
            "k-1",
            "pending",
            {"to": "acknowledged", "version": 3},
        )
        # The v2 column was back-filled from the body's version; a body without one stays None.
        assert first.base_version == 3
        assert (second.idempotency_key, second.state, second.base_version) == ("k-2", "failed", None)
        # Structures new in v2..v4 exist and work.
        store.upsert_resource("view", {"id": 3, "name": "Critical", "kind": "event_log", "data": {}, "version": 1})
        assert [v["name"] for v in store.list("view", order_by="sort_time asc")] == ["Critical"]
        store.put_offline_grant({"username": "operator"}, "2030-01-01T00:00:00+00:00", "opaque")
        assert store.offline_grant().grant == "opaque"
    finally:
        store.close()


def test_migrated_and_fresh_schema_are_identical(tmp_path):
    migrated, fresh = tmp_path / "migrated.sqlite3", tmp_path / "fresh.sqlite3"
    _v1_file(migrated)
    CacheStore(migrated).close()
    CacheStore(fresh).close()
    assert _schema_sql(migrated) == _schema_sql(fresh)


def test_query_tables_match_the_real_schema(tmp_path):
    path = tmp_path / "x.sqlite3"
    CacheStore(path).close()
    conn = sqlite3.connect(path)
    try:
        for table in metadata.sorted_tables:
            real = [row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")]
            assert sorted(real) == sorted(table.columns.keys()), table.name
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def _aside_files(path: Path, tag: str) -> list[Path]:
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.name.startswith(f"{path.name}.{tag}-") and not p.name.endswith(("-wal", "-shm"))
    )


def test_garbage_file_is_moved_aside_and_a_fresh_cache_starts(cache_path):
    cache_path.parent.mkdir(parents=True)
    garbage = b"this is not a database at all\n" * 200
    cache_path.write_bytes(garbage)
    store = CacheStore(cache_path)
    try:
        notice = store.recovery
        assert notice is not None and notice.reason == "corrupt"
        assert notice.moved_to == _aside_files(cache_path, "corrupt")[0]
        assert notice.moved_to.read_bytes() == garbage, "the old file must be kept, untouched"
        assert str(notice.moved_to) in notice.message and "damaged" in notice.message
        assert store.count("alert") == 0 and store.pending_count() == 0
        store.enqueue(
            "alert.note", "POST", "/alerts/1/notes", {"text": "x"}, resource="alert", resource_id="1", base_version=None
        )
        assert store.pending_count() == 1
    finally:
        store.close()


def _filled_cache(path: Path, alerts: int = 400) -> None:
    store = CacheStore(path)
    try:
        store.apply_changes(
            [
                {
                    "seq": i,
                    "resource": "alert",
                    "id": str(i),
                    "op": "upsert",
                    "data": {"id": i, "state": "new", "version": 1, "notes": ["x" * 300]},
                }
                for i in range(1, alerts + 1)
            ],
            str(alerts),
        )
    finally:
        store.close()


def test_truncated_database_is_moved_aside(cache_path):
    _filled_cache(cache_path)
    size = cache_path.stat().st_size
    with open(cache_path, "r+b") as handle:
        handle.truncate(size // 2)
    store = CacheStore(cache_path)
    try:
        assert store.recovery is not None and store.recovery.reason == "corrupt"
        assert store.recovery.moved_to.stat().st_size == size // 2
        assert store.count("alert") == 0
    finally:
        store.close()


def _damage_pages(path: Path) -> None:
    # The middle of the file: the resources table's data pages are most of it, while the
    # first pages hold the schema and the small tables' roots.
    middle_page = path.stat().st_size // 2 // 4096
    with open(path, "r+b") as handle:
        handle.seek(4096 * middle_page)
        handle.write(b"\xde\xad\xbe\xef" * 1024)


def _open_marker(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT key FROM sync_state WHERE key = 'open_since'").fetchall()
    finally:
        conn.close()


_KILLED_WHILE_OPEN = """
import os, signal, sys
from backend_client.cache import CacheStore
store = CacheStore(sys.argv[1])
store.count("alert")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_cache_is_marked_open_while_in_use_and_clean_after_close(cache_path):
    _filled_cache(cache_path, alerts=2)
    assert _open_marker(cache_path) == []
    store = CacheStore(cache_path)
    try:
        assert _open_marker(cache_path) == [("open_since",)]
    finally:
        store.close()
    assert _open_marker(cache_path) == []


def test_damaged_pages_after_a_killed_session_are_found_at_open_and_moved_aside(cache_path):
    _filled_cache(cache_path)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WHILE_OPEN, str(cache_path)], timeout=60, capture_output=True, text=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _open_marker(cache_path) == [("open_since",)]  # the killed session never closed it
    _damage_pages(cache_path)
    store = CacheStore(cache_path)  # unclean shutdown: the full integrity check runs
    try:
        assert store.recovery is not None and store.recovery.reason == "corrupt"
        assert store.count("alert") == 0
    finally:
        store.close()


def test_damage_missed_by_the_cheap_open_is_caught_by_a_failing_query_then_moved_aside(cache_path):
    # A cleanly closed file is opened without the slow full check (it grows with the file);
    # damage inside it surfaces when a read reaches it, and the next start sets it aside.
    _filled_cache(cache_path)
    _damage_pages(cache_path)
    store = CacheStore(cache_path)
    try:
        assert store.recovery is None
        with pytest.raises(Exception, match="malformed"):
            store.list("alert")
        assert store.damage_seen
    finally:
        store.close()
    assert _open_marker(cache_path) == [("open_since",)], "a damaged session must not look clean"
    store = CacheStore(cache_path)
    try:
        assert store.recovery is not None and store.recovery.reason == "corrupt"
        assert "damaged" in store.recovery.message and store.recovery.moved_to.exists()
        assert store.count("alert") == 0
    finally:
        store.close()


def test_future_schema_is_moved_aside(cache_path):
    _filled_cache(cache_path, alerts=3)
    conn = sqlite3.connect(cache_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    store = CacheStore(cache_path)
    try:
        notice = store.recovery
        assert notice is not None and notice.reason == "future_schema"
        assert notice.moved_to.name.startswith(f"{cache_path.name}.future-")
        assert "newer version" in notice.message and str(notice.moved_to) in notice.message
        assert store.count("alert") == 0
    finally:
        store.close()
    # The moved file is intact: a newer console could still open it and find its data.
    conn = sqlite3.connect(notice.moved_to)
    try:
        assert conn.execute("SELECT count(*) FROM resources").fetchone()[0] == 3
    finally:
        conn.close()


def test_another_programs_database_is_not_used(cache_path):
    cache_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(cache_path)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.commit()
    conn.close()
    store = CacheStore(cache_path)
    try:
        assert store.recovery is not None and "another program" in store.recovery.message
    finally:
        store.close()


def test_healthy_reopen_reports_nothing_and_two_recoveries_do_not_collide(cache_path):
    _filled_cache(cache_path, alerts=2)
    store = CacheStore(cache_path)
    assert store.recovery is None and store.count("alert") == 2
    store.close()
    moved = []
    for _ in range(2):
        cache_path.write_bytes(b"garbage" * 100)
        store = CacheStore(cache_path)
        moved.append(store.recovery.moved_to)
        store.close()
    assert moved[0] != moved[1] and all(p.exists() for p in moved)
