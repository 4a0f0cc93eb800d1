"""The one base of the client's long-lived threads: start, stop, restart and loud failures."""

from __future__ import annotations

import queue
import threading

from backend_client.workers import Worker

WAIT = 10.0


class Ticker(Worker):
    """Loops until stopped, putting one tick per round; fails when asked to."""

    thread_name = "test-ticker"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ticks: queue.Queue[int] = queue.Queue()
        self.fail = threading.Event()
        self.cleaned = threading.Event()

    def loop(self) -> None:
        n = 0
        while not self.stopping:
            if self.fail.is_set():
                raise RuntimeError("broken")
            self.ticks.put(n)
            n += 1
            self.sleep(60.0)  # only stop() ends this wait

    def cleanup(self) -> None:
        self.cleaned.set()


def test_a_worker_stops_at_once_even_in_a_long_wait_and_can_be_started_again():
    worker = Ticker()
    worker.start()
    assert worker.ticks.get(timeout=WAIT) == 0
    assert worker.running and worker.thread is not None and worker.thread.name == "test-ticker"
    assert worker.stop(timeout=WAIT) is True
    assert not worker.running and worker.cleaned.is_set() and worker.failure is None
    worker.cleaned.clear()
    worker.start()  # restartable, e.g. a video decoder shown again
    assert worker.ticks.get(timeout=WAIT) == 0
    assert worker.stop(timeout=WAIT) and worker.cleaned.is_set()


def test_a_failing_loop_is_reported_never_silent():
    errors: queue.Queue[BaseException] = queue.Queue()
    worker = Ticker(on_error=errors.put)
    worker.fail.set()
    worker.start()
    error = errors.get(timeout=WAIT)
    assert isinstance(error, RuntimeError) and str(error) == "broken"
    assert worker.join(WAIT) and worker.failure is error and worker.cleaned.is_set()


def test_without_a_callback_the_failure_goes_to_the_log(caplog):
    worker = Ticker()
    worker.fail.set()
    worker.start()
    assert worker.join(WAIT)
    assert isinstance(worker.failure, RuntimeError)
    assert any("test-ticker stopped by an unexpected error" in r.getMessage() for r in caplog.records)
