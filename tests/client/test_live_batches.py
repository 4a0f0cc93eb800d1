"""How the sync engine gathers live events into one cache write: a burst together, a lone change at once."""

from __future__ import annotations

import queue
import threading
from types import SimpleNamespace

from backend_client.sync import engine as engine_module
from backend_client.sync.engine import SyncEngine


def collector(monkeypatch):
    """The engine's own ``_collect`` over a real inbox, with a one-hour gathering window."""
    monkeypatch.setattr(engine_module, "COALESCE_SECONDS", 3600.0)
    return SimpleNamespace(_inbox=queue.Queue(), _stream_generation=1, _on_stream_state=lambda state: None)


def collect_in_thread(fake) -> tuple[list, bool]:
    result: list[tuple[list, bool]] = []
    worker = threading.Thread(target=lambda: result.append(SyncEngine._collect(fake, 30.0)), daemon=True)
    worker.start()
    worker.join(timeout=20)  # liveness only: a lone change must not wait out the hour
    assert not worker.is_alive(), "a lone live change waited for the whole gathering window"
    return result[0]


def test_a_lone_live_change_is_handed_on_once_the_stream_is_quiet(monkeypatch):
    fake = collector(monkeypatch)
    fake._inbox.put(("event", 1, "page turned"))
    assert collect_in_thread(fake) == (["page turned"], False)


def test_waiting_events_go_out_as_one_batch_and_a_replaced_streams_events_are_dropped(monkeypatch):
    fake = collector(monkeypatch)
    for n in range(500):
        fake._inbox.put(("event", 1, n))
    fake._inbox.put(("event", 0, "from a replaced stream"))
    fake._inbox.put(("wake", 1, None))
    events, woken = collect_in_thread(fake)
    assert events == list(range(500)) and woken
