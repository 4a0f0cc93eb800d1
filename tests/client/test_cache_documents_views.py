"""Cache schema v4: meeting documents held for offline reading, saved views cached as resources."""

from __future__ import annotations

import hashlib

import pytest

from backend_client.cache import CacheStore


def _pdf(text: str, size: int = 0) -> bytes:
    body = f"%PDF-1.4\n% {text}\n".encode() + b"x" * size + b"\n%%EOF\n"
    return body


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture()
def store(tmp_path):
    cache = CacheStore(tmp_path / "c.sqlite3", max_document_bytes=10_000)
    yield cache
    cache.close()


def test_a_document_is_kept_only_if_it_is_a_pdf_matching_its_hash(store):
    agenda = _pdf("Chương trình họp")
    store.put_document(7, 3, _sha(agenda), agenda)
    assert store.get_document("7") == agenda
    assert store.document_hashes() == {"7": _sha(agenda)}
    with pytest.raises(ValueError, match="not a PDF"):
        store.put_document(8, 3, _sha(b"<html>"), b"<html>")
    with pytest.raises(ValueError, match="SHA-256"):
        store.put_document(9, 3, _sha(agenda), _pdf("tampered"))
    assert store.get_document(8) is None and store.get_document(9) is None
    assert store.document_hashes() == {"7": _sha(agenda)}


def test_documents_beyond_the_budget_drop_the_least_recently_fetched(store):
    docs = {n: _pdf(f"doc {n}", 4_000) for n in range(1, 4)}
    for n, data in docs.items():
        store.put_document(n, 1, _sha(data), data)
    # 3 × ~4 KB exceed the 10,000-byte budget: the first one fetched goes.
    assert set(store.document_hashes()) == {"2", "3"}
    huge = _pdf("huge", 20_000)
    store.put_document(4, 1, _sha(huge), huge)
    assert set(store.document_hashes()) == {"4"}, "the document just stored is kept even over budget"
    assert store.drop_documents_except(["9"]) == 1
    assert store.document_hashes() == {}


def test_saved_views_are_cached_resources_replaced_whole_from_the_server(store):
    mine = [
        {"id": 1, "name": "Cháy rừng", "kind": "event_log", "data": {"text": "cháy"}, "version": 1},
        {"id": 2, "name": "All", "kind": "event_log", "data": {}, "version": 4},
    ]
    store.replace_resources("view", mine)
    assert [v["name"] for v in store.list("view", order_by="sort_time asc")] == ["All", "Cháy rừng"]
    assert store.count("view", kind="event_log") == 2
    store.upsert_resource("view", {"id": "local-abc", "name": "Mới", "kind": "event_log", "data": {}, "version": 0})
    # The server no longer lists view 2 (deleted on another console); the local placeholder stays.
    store.replace_resources("view", [dict(mine[0], version=2, name="Cháy rừng A Lưới")], keep_ids=["local-abc"])
    assert sorted(str(v["id"]) for v in store.list("view")) == ["1", "local-abc"]
    assert store.get("view", 1)["name"] == "Cháy rừng A Lưới"
    assert store.get("view", 2) is None
    assert store.delete_resource("view", "local-abc") is True
    assert store.delete_resource("view", "local-abc") is False
    with pytest.raises(ValueError):
        store.replace_resources("view", [{"name": "no id"}])
    assert store.get("view", 1) is not None, "a refused list changes nothing"


def test_views_never_come_in_through_sync(store):
    from backend_client.cache import InvalidChange

    with pytest.raises(InvalidChange, match="unknown resource"):
        store.apply_changes(
            [{"seq": 1, "resource": "view", "id": "1", "op": "upsert", "data": {"id": 1, "name": "x"}}], "1"
        )


def test_an_applied_delete_removes_the_cached_row(store):
    store.upsert_resource("view", {"id": 5, "name": "Old", "kind": "event_log", "data": {}, "version": 2})
    entry = store.enqueue(
        "view.delete", "DELETE", "/me/views/5?version=2", None, resource="view", resource_id="5", base_version=2
    )
    store.mark_sending(entry.id)
    store.mark_applied(entry.id, None)
    assert store.get("view", 5) is None
