"""The cyclic collector is paused while a sync writes its pages, and always switched back on."""

from __future__ import annotations

import gc
import threading
import time

import pytest
from backend_process import DEMO_PASSWORDS
from faultproxy import FaultProxy
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, wait_until

from backend_client import IocClient, SyncEngine
from backend_client.cache import CacheStore
from backend_client.retry import Backoff
from backend_client.sync.gc_pause import cyclic_gc_paused


@pytest.fixture(autouse=True)
def _collector_on():
    assert gc.isenabled(), "a test before this one left the collector off"
    yield
    gc.enable()


def test_overlapping_pauses_from_two_threads_end_with_the_last_one():
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other_thread() -> None:
        first_in.wait(5)
        with cyclic_gc_paused():
            seen.append(gc.isenabled())
        second_done.set()

    worker = threading.Thread(target=other_thread)
    worker.start()
    with cyclic_gc_paused():
        first_in.set()
        assert second_done.wait(5)
        assert gc.isenabled() is False, "the other thread's pause ended, but this one still holds"
    worker.join(5)
    assert seen == [False] and gc.isenabled()


def test_the_collector_comes_back_after_an_exception_and_an_application_switch_off_stays():
    with pytest.raises(RuntimeError):
        with cyclic_gc_paused():
            raise RuntimeError("page failed")
    assert gc.isenabled()
    gc.disable()  # the application's own choice
    with cyclic_gc_paused():
        pass
    assert not gc.isenabled()


def test_a_catch_up_runs_without_the_collector_and_it_is_back_on_after_success_and_failure(backend, tmp_path):
    proxy = FaultProxy(backend.url)
    client = IocClient(proxy.url, **TEST_CLIENT)
    store = CacheStore(tmp_path / "cache.sqlite3")
    recorder = Recorder()
    during: list[bool] = []
    callbacks = recorder.callbacks()

    record_changes = callbacks["on_changes"]

    def on_changes(changes):
        during.append(gc.isenabled())  # runs on the engine's thread inside the catch-up
        record_changes(changes)

    callbacks["on_changes"] = on_changes
    # The retry after the failure waits (long) until the test wakes the engine: the collector is
    # checked while the engine certainly is between two catch-ups, not racing into the next one.
    options = {**ENGINE, "first_page_size": 50, "page_size": 200, "backoff": Backoff(600.0, 600.0)}
    engine = SyncEngine(client, store, **callbacks, **options)
    try:
        client.login("operator", DEMO_PASSWORDS["operator"])
        # First a catch-up cut short by garbage from the server: it must not leave the collector off.
        proxy.set_mode("garbage", path_prefix="/api/v1/sync")
        engine.start()
        wait_until(lambda: engine.status.consecutive_failures >= 1, "the failed catch-up")
        assert gc.isenabled() and engine.stats["catch_ups"] == 0
        proxy.set_mode("pass")
        engine.wake()
        wait_until(lambda: engine.stats["catch_ups"] >= 1, "the first complete catch-up")
        assert len(during) > 3 and not any(during), "every page was written with the collector paused"
        assert gc.isenabled(), "switched back on once the catch-up ended"
    finally:
        engine.stop()
        store.close()
        client.close()
        proxy.stop()


def test_a_burst_of_live_changes_pauses_the_collector_until_the_changes_stop(tmp_path, monkeypatch):
    from backend_client.sync import engine as engine_module

    monkeypatch.setattr(engine_module, "BURST_GC_QUIET", 0.2)
    monkeypatch.setattr(engine_module, "BURST_GC_MAX", 0.6)
    with CacheStore(tmp_path / "cache.sqlite3") as store, IocClient("http://127.0.0.1:9", **TEST_CLIENT) as client:
        engine = SyncEngine(client, store, **ENGINE)  # never started: its rounds are played by hand
        engine._burst_gc_pause(engine_module.BURST_CHANGES - 1)
        assert gc.isenabled()  # a few live changes are not a burst
        engine._burst_gc_pause(engine_module.BURST_CHANGES)
        assert not gc.isenabled()
        engine._burst_gc_pause(0)
        assert not gc.isenabled()  # a round without changes, but not yet a pause in them
        time.sleep(0.25)
        engine._burst_gc_pause(0)
        assert gc.isenabled()  # the changes stopped: the collector runs again

        started = time.monotonic()
        on_at: list[float] = []
        while time.monotonic() - started < 0.9:  # a burst that never pauses
            engine._burst_gc_pause(engine_module.BURST_CHANGES)
            if gc.isenabled():
                on_at.append(time.monotonic() - started)
            time.sleep(0.05)
        # The collector is back between two rounds at least every BURST_GC_MAX s.
        assert on_at and 0.55 <= on_at[0] <= 0.8

        engine._burst_gc_pause(engine_module.BURST_CHANGES)
        engine.cleanup()  # the engine stopping ends the pause
        assert gc.isenabled()
