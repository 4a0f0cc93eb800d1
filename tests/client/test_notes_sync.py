"""Private notes reach the author's other consoles (re-read on connect), never another user's."""

from __future__ import annotations

import uuid
from pathlib import Path

from backend_process import DEMO_PASSWORDS, BackendProcess
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, wait_until

from backend_client import ONLINE, IocClient, SyncEngine, create_note
from backend_client.cache import CacheStore
from backend_client.sync.private_notes import cached_notes


def console(url: str, role: str, path: Path) -> tuple[IocClient, CacheStore, SyncEngine]:
    client = IocClient(url, **TEST_CLIENT)
    client.login(role, DEMO_PASSWORDS[role])
    store = CacheStore(path)
    return client, store, SyncEngine(client, store, **Recorder().callbacks(), **ENGINE)


def test_a_note_written_on_one_console_reaches_the_authors_other_console_only(
    backend: BackendProcess, tmp_path: Path
) -> None:
    first = console(backend.url, "leader", tmp_path / "a.sqlite3")
    second = console(backend.url, "leader", tmp_path / "b.sqlite3")
    other = console(backend.url, "supervisor", tmp_path / "c.sqlite3")
    engines = [first[2], second[2], other[2]]
    try:
        first[2].start()
        wait_until(lambda: first[2].status.state == ONLINE, "the first console online")
        meeting = next(m for m in first[0].list_meetings().items if m.documents)
        doc = meeting.documents[0].id
        text = f"Ghi chú riêng {uuid.uuid4().hex[:6]}"
        entry = first[2].submit(create_note(doc, 1 + uuid.uuid4().int % 90_000, text))
        wait_until(lambda: first[1].entry(entry.id).state == "applied", "the note delivered")
        for _, _, engine in (second, other):
            engine.start()
        wait_until(
            lambda: any(n.get("text") == text for n in cached_notes(second[1], doc)),
            "the note reached the author's second console",
        )
        wait_until(lambda: other[2].status.state == ONLINE, "the other user's console online")
        assert not any(n.get("text") == text for n in cached_notes(other[1]))
    finally:
        for engine in engines:
            engine.stop()
        for client, store, _ in (first, second, other):
            client.close()
            store.close()
