"""Sync pages commit without an fsync and defer WAL checkpoints; outbox writes stay fully durable."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from backend_client.cache import CacheStore
from backend_client.cache.writer import CacheWriter

SYNCHRONOUS_NORMAL, SYNCHRONOUS_FULL = 1, 2


def report(i: int, seq: int) -> dict[str, Any]:
    return {
        "seq": seq,
        "resource": "report",
        "id": str(i),
        "op": "upsert",
        "data": {
            "id": i,
            "version": seq,
            "updated_at": "2026-11-25T10:00:00+00:00",
            "status": "open",
            "ward": "Phường Phú Hội",
            "source": "hotline",
            "requested_datetime": f"2026-11-25T10:{i % 60:02d}:00+00:00",
            "description": "Đường Lê Lợi ngập nước sau cơn mưa lớn, cần hỗ trợ. " * 14,
        },
    }


@pytest.fixture()
def store(tmp_path):
    cache = CacheStore(tmp_path / "cache.sqlite3")
    yield cache
    cache.close()


def _synchronous(conn: Any) -> int:
    return conn.connection.driver_connection.execute("PRAGMA synchronous").fetchone()[0]


def test_writer_sets_synchronous_per_transaction(store):
    writer: CacheWriter = store.writer
    assert writer.submit(_synchronous).result() == SYNCHRONOUS_FULL
    assert writer.submit(_synchronous, durable=False).result() == SYNCHRONOUS_NORMAL
    assert writer.submit(_synchronous, durable=False).result() == SYNCHRONOUS_NORMAL
    # Whatever ran before, durable work commits with FULL again.
    assert writer.submit(_synchronous).result() == SYNCHRONOUS_FULL


def test_only_sync_pages_with_a_cursor_skip_the_fsync(store):
    seen: list[bool] = []
    submit = store.writer.submit

    def recording_submit(fn, *, urgent=False, durable=True):
        seen.append(durable)
        return submit(fn, urgent=urgent, durable=durable)

    store.writer.submit = recording_submit
    store.apply_changes([report(1, 1)], "1")
    store.apply_changes([report(2, 2)], None)
    store.enqueue("note", "POST", "/reports/1/notes", {"text": "x"}, resource="report", resource_id="1", base_version=1)
    assert seen == [False, True, True]
    assert store.cursor() == "1" and store.get("report", "2")["id"] == 2 and store.pending_count() == 1


def _wal_bytes(path: Path) -> int:
    return os.stat(f"{path}-wal").st_size


def _write_two_big_pages(store: CacheStore) -> tuple[int, int]:
    # Each page alone puts well over CHECKPOINT_IDLE_BYTES (4 MiB) into the WAL.
    store.apply_changes([report(i, i) for i in range(1, 4001)], "4000")
    after_first = _wal_bytes(store.path)
    store.apply_changes([report(i, i + 4000) for i in range(4001, 8001)], "8000")
    return after_first, _wal_bytes(store.path)


def test_idle_writer_checkpoints_after_each_page(store):
    after_first, after_second = _write_two_big_pages(store)
    assert after_first > 4 * 1024 * 1024
    # Checkpointed after the first page, so the second one restarted at the WAL's beginning.
    assert after_second < after_first * 1.5


def test_bulk_sync_defers_the_checkpoint_until_it_ends(store):
    with store.bulk_sync():
        after_first, after_second = _write_two_big_pages(store)
    assert after_second > after_first * 1.5  # both pages still in the WAL: no checkpoint between them
    store._checkpoint_thread.join()  # the one checkpoint started on leaving the block
    store.apply_changes([report(9000, 9000)], "9000")
    assert _wal_frames(store.path) < 50  # that checkpoint ran, so this write started the WAL over
    assert store.cursor() == "9000" and store.count("report") == 8001


def _wal_frames(path: Path) -> int:
    """Frames in the WAL now (mxFrame): what a PASSIVE checkpoint reports as the log size."""
    conn = sqlite3.connect(path)
    try:
        _busy, log_frames, _done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        conn.close()
    return log_frames
