"""The durable outbox: order, state machine, idempotency keys, disk full and SIGKILL survival."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from backend_client.cache import (
    CacheStore,
    CacheWriteError,
    DuplicateIdempotencyKey,
    InvalidOutboxRequest,
    OutboxStateError,
)
from backend_client.cache.errors import write_error_from

ROOT = Path(__file__).resolve().parents[2]


def note(store: CacheStore, alert_id: int, text: str = "checked", **kwargs):
    return store.enqueue(
        "alert.note",
        "POST",
        f"/alerts/{alert_id}/notes",
        {"text": text},
        resource="alert",
        resource_id=alert_id,
        base_version=None,
        **kwargs,
    )


def transition(store: CacheStore, alert_id: int, to: str, version: int):
    return store.enqueue(
        "alert.transition",
        "POST",
        f"/alerts/{alert_id}/transition",
        {"to": to, "version": version, "reason": None, "note": None},
        resource="alert",
        resource_id=alert_id,
        base_version=version,
    )


@pytest.fixture()
def store(tmp_path):
    cache = CacheStore(tmp_path / "cache" / "outbox.sqlite3")
    yield cache
    cache.close()


def test_enqueue_returns_the_stored_entry(store):
    entry = transition(store, 17, "acknowledged", 3)
    assert entry.state == "pending" and entry.attempts == 0
    assert (entry.method, entry.path, entry.resource, entry.resource_id, entry.base_version) == (
        "POST",
        "/alerts/17/transition",
        "alert",
        "17",
        3,
    )
    assert entry.body == {"to": "acknowledged", "version": 3, "reason": None, "note": None}
    assert uuid.UUID(entry.idempotency_key).version == 4
    assert store.entry(entry.id) == entry
    with pytest.raises(AttributeError):
        entry.state = "applied"  # frozen


def test_pending_is_in_the_order_actions_were_taken(store):
    ids = [note(store, 1, f"n{i}").id for i in range(10)]
    assert [e.id for e in store.pending()] == ids == sorted(ids)
    assert [e.body["text"] for e in store.pending()] == [f"n{i}" for i in range(10)]
    assert store.pending_count() == 10


def test_state_machine_happy_paths(store):
    first, second, third = note(store, 1), transition(store, 2, "closed", 1), note(store, 3)
    sending = store.mark_sending(first.id)
    assert sending.state == "sending" and sending.attempts == 1
    assert store.pending_count() == 3, "an entry in flight still counts as not delivered"
    applied = store.mark_applied(first.id, {"id": 1, "state": "new", "version": 2, "notes": []})
    assert applied.state == "applied" and applied.response["version"] == 2
    assert store.get("alert", "1")["version"] == 2, "the response is cached in the same commit"

    store.mark_sending(second.id)
    current = {"id": 2, "state": "closed", "version": 5}
    conflict = store.mark_conflict(second.id, current, "Alert 2 was closed by supervisor")
    assert conflict.state == "conflict" and conflict.server_current == current
    assert conflict.last_error == "Alert 2 was closed by supervisor" and store.conflict_count() == 1

    store.mark_sending(third.id)
    requeued = store.requeue(third.id, "connection reset")
    assert requeued.state == "pending" and requeued.last_error == "connection reset"
    assert requeued.idempotency_key == third.idempotency_key, "a retry must reuse the key"
    assert store.mark_sending(third.id).attempts == 2
    failed = store.mark_failed(third.id, "403 forbidden")
    assert failed.state == "failed"
    assert store.cancel(third.id).state == "cancelled"
    assert [e.id for e in store.entries(states=["applied", "conflict"])] == [first.id, second.id]
    assert store.pending_count() == 0


def test_disallowed_moves_are_refused_clearly(store):
    entry = note(store, 1)
    with pytest.raises(OutboxStateError, match="is pending"):
        store.mark_applied(entry.id, {})
    store.mark_sending(entry.id)
    with pytest.raises(OutboxStateError, match="is sending"):
        store.cancel(entry.id)
    store.mark_applied(entry.id, None)
    for move in (store.requeue, store.cancel, store.mark_sending):
        with pytest.raises(OutboxStateError, match="is applied"):
            move(entry.id)
    with pytest.raises(OutboxStateError, match="does not exist"):
        store.mark_sending(9999)
    assert store.entry(entry.id).state == "applied"
    with pytest.raises(ValueError, match="Unknown outbox state"):
        store.entries(states=["done"])


def test_supersede_replaces_a_conflict_with_a_new_key(store):
    entry = transition(store, 2, "acknowledged", 1)
    store.mark_sending(entry.id)
    store.mark_conflict(entry.id, {"id": 2, "state": "new", "version": 2}, "stale version")
    redo = store.supersede(entry.id, {"to": "acknowledged", "version": 2, "reason": None, "note": None}, base_version=2)
    assert store.entry(entry.id).state == "cancelled"
    assert redo.state == "pending" and redo.base_version == 2 and redo.id > entry.id
    assert redo.idempotency_key != entry.idempotency_key and redo.path == entry.path


def test_idempotency_keys_are_unique(store):
    first = note(store, 1, idempotency_key="key-1")
    with pytest.raises(DuplicateIdempotencyKey, match=f"entry #{first.id}"):
        note(store, 2, idempotency_key="key-1")
    assert [e.idempotency_key for e in store.entries()] == ["key-1"]
    keys = {note(store, 3).idempotency_key for _ in range(50)}
    assert len(keys) == 50


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"method": "GET"}, "not a mutating"),
        ({"path": "alerts/1"}, "must start with"),
        ({"path": "/alerts/1 x"}, "must start with"),
        ({"kind": " "}, "needs a kind"),
        ({"body": {"bad": {1, 2}}}, "cannot be stored as JSON"),
        ({"resource": "spaceship"}, "Unknown resource"),
        ({"base_version": "3"}, "base_version"),
        ({"idempotency_key": ""}, "idempotency key"),
        ({"idempotency_key": "k" * 201}, "idempotency key"),
    ],
)
def test_malformed_actions_are_refused_and_nothing_is_stored(store, kwargs, message):
    args = {
        "kind": "alert.note",
        "method": "POST",
        "path": "/alerts/1/notes",
        "body": {"text": "x"},
        "resource": "alert",
        "resource_id": "1",
        "base_version": None,
    }
    args.update(kwargs)
    with pytest.raises(InvalidOutboxRequest, match=message):
        store.enqueue(args.pop("kind"), args.pop("method"), args.pop("path"), args.pop("body"), **args)
    assert store.entries() == []


def test_disk_full_refuses_the_action_cleanly_then_recovers(store):
    """SQLITE_FULL through SQLite's own page limit.

    ``PRAGMA max_page_count`` makes the pager refuse to grow the database exactly as when
    the filesystem returns ENOSPC: the write fails with SQLITE_FULL, SQLite rolls the
    statement back, and our code sees the same error code and takes the same path.
    """
    kept = [note(store, 1, "before")]
    pages = store.writer.submit(lambda conn: conn.exec_driver_sql("PRAGMA page_count").scalar()).result()
    store.writer.submit(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")).result()
    with pytest.raises(CacheWriteError) as info:
        for i in range(200):
            kept.append(note(store, 1, f"{i}-" + "x" * 3000, idempotency_key=f"key-{i}"))
    error = info.value
    assert error.reason == "disk_full"
    assert error.message.startswith("The action could not be saved: the disk is full")
    failed_key = f"key-{len(kept) - 1}"
    stored = store.entries()
    assert stored == kept, "every acknowledged action is intact; the refused one left no trace"
    assert failed_key not in {e.idempotency_key for e in stored}
    store.writer.submit(lambda conn: conn.exec_driver_sql("PRAGMA max_page_count = 1073741823")).result()
    after = note(store, 1, "after space was freed", idempotency_key=failed_key)
    assert store.entries()[-1] == after


def _mount_tmpfs(target: Path, size: str) -> str | None:
    """Mount a small tmpfs; return why not if this machine does not allow it."""
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    try:
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(target)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"mount failed: {exc}"
    return None if result.returncode == 0 else f"mount refused: {result.stderr.strip()}"


def test_disk_full_on_a_real_full_filesystem(tmp_path):
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    why_not = _mount_tmpfs(mount_point, "1536k")
    if why_not:
        pytest.skip(f"{why_not}; the max_page_count test covers the SQLITE_FULL path")
    try:
        filler = mount_point / "filler.bin"
        filler.write_bytes(b"\0" * 512 * 1024)
        path = mount_point / "cache" / "c.sqlite3"
        store = CacheStore(path)
        kept = []
        try:
            with pytest.raises(CacheWriteError) as info:
                for i in range(1000):  # 1000 × 4 KB is far more than the disk holds
                    kept.append(note(store, 1, f"{i}-" + "y" * 4000, idempotency_key=f"key-{i}"))
            assert info.value.reason in ("disk_full", "io_error"), info.value
            assert "could not be saved" in info.value.message
            assert len(kept) > 10
            assert store.entries() == kept
            filler.unlink()  # the operator frees some space
            kept.append(note(store, 1, "after", idempotency_key=f"key-{len(kept)}"))
            assert store.entries() == kept
        finally:
            store.close()
        reopened = CacheStore(path)
        try:
            assert reopened.recovery is None
            assert [e.idempotency_key for e in reopened.entries()] == [e.idempotency_key for e in kept]
        finally:
            reopened.close()
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True, timeout=30)


_CHILD = r"""
import sys
from backend_client.cache import CacheStore
store = CacheStore(sys.argv[1])
print("OPEN", flush=True)
for i in range(100000):
    entry = store.enqueue("alert.note", "POST", f"/alerts/{i}/notes", {"text": f"note {i}", "pad": "z" * 500},
                          resource="alert", resource_id=str(i), base_version=i, idempotency_key=f"key-{i}")
    if i == 3:
        store.mark_sending(entry.id)
    print(f"ENQUEUED {entry.id} {entry.idempotency_key} {i}", flush=True)
"""


def test_actions_survive_sigkill(tmp_path):
    path = tmp_path / "cache" / "crash.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    printed: list[tuple[int, str, int]] = []
    try:
        assert child.stdout.readline().strip() == "OPEN", child.stderr.read()
        while len(printed) < 60:
            line = child.stdout.readline()
            assert line, f"the child stopped early: {child.stderr.read()}"
            _, entry_id, key, i = line.split()
            printed.append((int(entry_id), key, int(i)))
        child.send_signal(signal.SIGKILL)  # mid-stream: it is enqueueing as fast as it can
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    store = CacheStore(path)
    try:
        assert store.recovery is None
        entries = {e.id: e for e in store.entries()}
        for entry_id, key, i in printed:
            entry = entries[entry_id]
            assert (entry.idempotency_key, entry.path, entry.base_version) == (key, f"/alerts/{i}/notes", i)
            assert entry.body == {"text": f"note {i}", "pad": "z" * 500}
        # Entry #4 was being sent when the process died: it is pending again, same key.
        assert store.interrupted_requeued == 1
        assert entries[4].state == "pending" and entries[4].idempotency_key == "key-3"
        assert all(e.state == "pending" for e in entries.values())
        assert sorted(entries) == list(range(1, len(entries) + 1)), "no gaps, no half-written entry"
    finally:
        store.close()


def test_actions_go_ahead_of_queued_sync_pages(store):
    """An operator's action must not wait behind bulk sync work already in the writer's queue."""
    started, release = threading.Event(), threading.Event()

    def busy(conn) -> None:  # stands in for a sync page being written right now
        started.set()
        release.wait(30)

    running = store.writer.submit(busy)
    assert started.wait(30)
    finished: list[str] = []
    page = store.apply_changes_async(
        [{"seq": 1, "resource": "alert", "id": "1", "op": "upsert", "data": {"id": 1, "state": "new", "version": 1}}],
        "1",
    )
    page.add_done_callback(lambda _: finished.append("sync page"))
    action = store.enqueue_async(
        "alert.note", "POST", "/alerts/1/notes", {"text": "x"}, resource="alert", resource_id="1", base_version=None
    )
    action.add_done_callback(lambda _: finished.append("action"))
    release.set()
    running.result(30)
    assert action.result(30).state == "pending" and page.result(30) == 1
    assert finished == ["action", "sync page"]


def test_sqlite_write_errors_get_plain_messages(tmp_path):
    """Read-only files (root ignores file modes, so a read-only SQLite connection stands in)."""
    path = tmp_path / "ro.sqlite3"
    CacheStore(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as info:
            conn.execute("INSERT INTO sync_state VALUES ('k', 'v')")
    finally:
        conn.close()
    error = write_error_from(info.value, "The action")
    assert error.reason == "read_only"
    assert error.message == (
        "The action could not be saved: the local cache file is read-only or cannot be opened for writing."
    )


def test_entries_can_be_limited_to_resources(tmp_path):
    with CacheStore(tmp_path / "c.sqlite3") as store:
        a = store.enqueue(
            "alert.note", "POST", "/alerts/1/notes", {"text": "a"}, resource="alert", resource_id="1", base_version=None
        )
        store.enqueue(
            "alert.note", "POST", "/alerts/2/notes", {"text": "b"}, resource="alert", resource_id="2", base_version=None
        )
        c = store.enqueue(
            "report.status",
            "PATCH",
            "/reports/1",
            {"status": "closed", "version": 1},
            resource="report",
            resource_id="1",
            base_version=1,
        )
        assert [e.id for e in store.entries(resources=[("alert", "1"), ("report", "1")])] == [a.id, c.id]
        assert store.entries(states=("applied",), resources=[("alert", "1")]) == []


def test_old_delivered_and_withdrawn_entries_are_pruned_at_open_but_undelivered_never(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    store = CacheStore(path)
    entries = {}
    for name in ("applied_old", "cancelled_old", "applied_new", "pending_old", "failed_old", "conflict_old"):
        entries[name] = store.enqueue(
            "alert.note",
            "POST",
            f"/alerts/{len(entries) + 1}/notes",
            {"text": name},
            resource="alert",
            resource_id=str(len(entries) + 1),
            base_version=None,
        )
    for name in ("applied_old", "applied_new", "failed_old", "conflict_old"):
        store.mark_sending(entries[name].id)
    store.mark_applied(entries["applied_old"].id, None, update_resource=False)
    store.mark_applied(entries["applied_new"].id, None, update_resource=False)
    store.mark_failed(entries["failed_old"].id, "422")
    store.mark_conflict(entries["conflict_old"].id, {"id": 6, "version": 9}, "409", update_resource=False)
    store.cancel(entries["cancelled_old"].id)
    store.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE outbox SET updated_at = '2026-01-01T00:00:00.000+00:00' WHERE body LIKE '%old%'")
    conn.close()
    store = CacheStore(path)
    try:
        left = {entry.body["text"]: entry.state for entry in store.entries()}
        assert left == {
            "applied_new": "applied",
            "pending_old": "pending",
            "failed_old": "failed",
            "conflict_old": "conflict",
        }
    finally:
        store.close()
