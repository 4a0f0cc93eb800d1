"""One base for the client's long-lived worker threads: start, stop, join and loud failures."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

_log = logging.getLogger(__name__)


class Worker:
    """A named daemon thread that runs ``self.loop()`` until stopped, and can be started again.

    Subclasses implement ``loop()`` and check ``self.stopping`` (or wait on it with
    ``self.sleep(seconds)``) between steps; ``wake_up()`` is overridden by workers that block
    elsewhere (a queue, a socket) so that ``stop()`` can interrupt them. An exception that
    escapes ``loop()`` is never silent: it goes to ``on_error`` (or the log) with the thread
    name, and ``failure`` keeps it for whoever asks. ``stop()`` joins with a timeout and
    reports whether the thread really ended, so a call that hangs cannot hang the caller.
    """

    #: The thread's name, seen in logs and in tests that look for leaked threads.
    thread_name = "ioc-worker"

    def __init__(self, *, name: str | None = None, on_error: Callable[[BaseException], None] | None = None) -> None:
        self.name = name or self.thread_name
        self.on_error = on_error
        self._stop_event = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.failure: BaseException | None = None

    # -- control, from any thread --------------------------------------------------------
    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    @property
    def stopping(self) -> bool:
        """True once ``stop()`` was called: the loop should end at its next check."""
        return self._stop_event.is_set()

    @property
    def thread(self) -> threading.Thread | None:
        return self._thread

    def start(self) -> None:
        """Start the thread; a no-op while it runs. A stopped worker may be started again."""
        with self._start_lock:
            if self.running:
                return
            self._stop_event.clear()
            self.failure = None
            self._thread = threading.Thread(target=self._main, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float | None = 5.0) -> bool:
        """Ask the loop to end, wake it and join up to ``timeout`` s; True if the thread has ended."""
        self._stop_event.set()
        self.wake_up()
        return self.join(timeout)

    def join(self, timeout: float | None = None) -> bool:
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        if thread.is_alive():
            _log.warning("%s did not stop within %s s; it ends when its current call returns", self.name, timeout)
            return False
        return True

    def sleep(self, seconds: float) -> bool:
        """Wait up to ``seconds`` unless stopped first; True if stopped."""
        return self._stop_event.wait(max(0.0, seconds))

    # -- for subclasses ------------------------------------------------------------------
    def loop(self) -> None:
        """The thread's work; returns when ``stopping`` (or when the work is done)."""
        raise NotImplementedError

    def wake_up(self) -> None:
        """Interrupt a blocking wait so the loop sees ``stopping``; override for queues and sockets."""

    def cleanup(self) -> None:
        """Runs on the worker thread when ``loop()`` has ended, however it ended."""

    def _main(self) -> None:
        try:
            self.loop()
        except BaseException as exc:  # noqa: BLE001 - reported below; a worker never dies silently
            self.failure = exc
            if self.stopping:
                # A call that outlived stop() may find its resources closed: not worth an alarm.
                _log.debug("%s ended after stop()", self.name, exc_info=exc)
            else:
                self._report(exc)
        finally:
            try:
                self.cleanup()
            except Exception as exc:  # noqa: BLE001 - reported to the error callback or the log
                self._report(exc)

    def _report(self, exc: BaseException) -> None:
        if self.on_error is not None:
            try:
                self.on_error(exc)
                return
            except Exception:  # noqa: BLE001 - reported to the error callback or the log
                _log.exception("%s: the error callback failed", self.name)
        _log.error("%s stopped by an unexpected error", self.name, exc_info=exc)
