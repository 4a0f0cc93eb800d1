"""Meeting documents read with the network cut: the prefetched copy opens with the backend stopped,
and a damaged cached copy is caught by its SHA-256 and fetched again (or named, when it cannot be)."""

from __future__ import annotations

import hashlib
import sqlite3

from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, sign_in
from meeting_console_kit import make_meeting, open_meeting

MEMBERS = {"leader": "chair", "operator": "presenter", "participant": "member"}


def _damage(path, doc_id: int) -> None:
    """Flip bytes of the cached copy in the cache file, as a bad disk or a crash would."""
    with sqlite3.connect(path, timeout=10) as db:
        (content,) = db.execute("SELECT content FROM documents WHERE id = ?", (str(doc_id),)).fetchone()
        damaged = content[:200] + bytes(b ^ 0xFF for b in content[200:400]) + content[400:]
        db.execute("UPDATE documents SET content = ? WHERE id = ?", (damaged, str(doc_id)))


def test_documents_open_from_the_cache_offline_and_a_damaged_copy_is_fetched_again(qtbot, fresh_backend, make_window):
    url = fresh_backend.url
    meeting = make_meeting(
        url,
        MEMBERS,
        title="Họp đọc tài liệu ngoại tuyến",
        documents=(("Chương trình.pdf", 3), ("Báo cáo.pdf", 4), ("Phụ lục.pdf", 2)),
    )
    first, second, third = (d["id"] for d in meeting["documents"])
    window = make_window(url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "participant")
    connection = window._context.connection
    store = connection.store
    # The prefetcher copies every document of the meetings still to come or under way.
    qtbot.waitUntil(lambda: {str(first), str(second), str(third)} <= set(store.document_hashes()), timeout=WAIT_MS)
    # Nobody sees the meetings workspace yet: the document it fetched waits, no PDF is opened.
    hidden = window.workspace("meetings")
    qtbot.waitUntil(lambda: hidden.reader._deferred is not None, timeout=WAIT_MS)
    assert hidden.reader.pdf.page_count() == 0 and hidden.reader.pdf.current_key() is None

    # A damaged copy is caught by its hash and fetched again; the cache holds good bytes after.
    _damage(store.path, first)
    workspace = open_meeting(qtbot, window, meeting["id"])  # opens the first document by itself
    reader = workspace.reader
    reader.open(first, 2)
    qtbot.waitUntil(lambda: reader.current_document_id() == first and reader.pdf.page() == 2, timeout=WAIT_MS)
    assert reader.last_source == "refetched"
    assert reader.pdf.page_count() == 3
    assert reader.source.text() == "Bản lưu bị hỏng; đã tải lại"
    healed = store.get_document(first)
    assert hashlib.sha256(healed).hexdigest() == meeting["documents"][0]["sha256"]

    # With the backend stopped, a cached document still opens.
    _damage(store.path, third)
    fresh_backend.stop()
    qtbot.waitUntil(lambda: connection.state == "offline", timeout=WAIT_MS)
    reader.open(second, 4)
    qtbot.waitUntil(lambda: reader.current_document_id() == second and reader.pdf.page() == 4, timeout=WAIT_MS)
    assert reader.last_source == "cache" and reader.pdf.page_count() == 4
    # A damaged copy with no server to fetch it again is named, not shown.
    reader.open(third, 1)
    qtbot.waitUntil(lambda: reader.last_source == "failed", timeout=WAIT_MS)
    assert reader.current_document_id() != third
    assert "bị hỏng" in reader.pdf.message.text() and "tải lại" in reader.pdf.message.text()
