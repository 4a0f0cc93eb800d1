"""Background operations: results come back on the GUI thread, and the GUI never waits."""

from __future__ import annotations

import threading
import time

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer

from ioc_console.services import ops


def test_success_and_failure_arrive_on_the_gui_thread(qtbot, qapp):
    seen: dict[str, object] = {}
    gui_thread = QThread.currentThread()

    def work() -> str:
        seen["worker_is_gui"] = QThread.currentThread() is gui_thread
        return "done"

    def failing() -> None:
        raise ValueError("bad input")

    ops.run_in_background(
        work, on_success=lambda r: seen.update(result=r, success_on_gui=QThread.currentThread() is gui_thread)
    )
    ops.run_in_background(
        failing, on_failure=lambda e: seen.update(error=e, failure_on_gui=QThread.currentThread() is gui_thread)
    )
    qtbot.waitUntil(lambda: "result" in seen and "error" in seen)
    assert seen["result"] == "done" and seen["worker_is_gui"] is False and seen["success_on_gui"] is True
    assert isinstance(seen["error"], ValueError) and seen["failure_on_gui"] is True
    assert ops.shutdown_pool(10_000)


def test_gui_event_loop_keeps_running_while_an_operation_blocks(qtbot):
    """A 1 s blocking call must not stall the event loop: a 20 ms timer keeps firing meanwhile."""
    ticks_during_op = 0
    running = threading.Event()
    finished: list[float] = []

    def on_tick() -> None:
        nonlocal ticks_during_op
        if running.is_set():
            ticks_during_op += 1

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(on_tick)
    timer.start()

    def slow() -> float:
        running.set()
        time.sleep(1.0)
        running.clear()
        return 1.0

    ops.run_in_background(slow, on_success=finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    timer.stop()
    # Were the GUI thread blocked for the second, the timer could fire at most once or twice.
    assert ticks_during_op >= 10
    assert ops.shutdown_pool(10_000)


def test_callbacks_are_dropped_when_the_parent_was_destroyed(qtbot):
    parent = QObject()
    release = threading.Event()
    called: list[object] = []
    done = threading.Event()

    def work() -> str:
        release.wait(10)
        done.set()
        return "late"

    ops.run_in_background(work, on_success=called.append, on_failure=called.append, parent=parent)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent))
    release.set()
    assert ops.shutdown_pool(10_000)
    assert done.is_set()
    # Deliveries reach the GUI thread in the order they were posted: once a call posted after the
    # worker's outcome has run, that outcome has been handled (and must have done nothing).
    after: list[bool] = []
    ops.call_on_gui(after.append, True)
    qtbot.waitUntil(lambda: after == [True])
    assert called == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_refuses_to_run_without_being_on_the_gui_thread(qtbot):
    errors: list[BaseException] = []

    def from_worker() -> None:
        try:
            ops.run_in_background(lambda: None)
        except RuntimeError as error:
            errors.append(error)

    worker = threading.Thread(target=from_worker, name="test-ops-wrong-thread")
    worker.start()
    worker.join(10)
    assert errors and "GUI thread" in str(errors[0])


def test_a_worker_thread_callback_runs_on_the_gui_thread_in_order(qtbot, qapp):
    """What the sync engine's threads call (status, changes, outbox) arrives on the GUI thread, in order,
    and not at all once its receiver is gone."""
    gui_thread = QThread.currentThread()
    seen: list[tuple[int, bool]] = []
    receiver = QObject()
    deliver = ops.gui_callback(lambda n: seen.append((n, QThread.currentThread() is gui_thread)), receiver)
    worker = threading.Thread(target=lambda: [deliver(n) for n in range(50)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(seen) == 50)
    assert seen == [(n, True) for n in range(50)]

    gone = QObject()
    dropped: list[int] = []
    late = ops.gui_callback(dropped.append, gone)
    late(1)
    shiboken6.delete(gone)  # the receiver dies before the queued call runs
    marker: list[int] = []
    ops.call_on_gui(marker.append, 2)  # queued after the first: when it has run, the first has too
    qtbot.waitUntil(lambda: marker == [2])
    assert dropped == []
