"""Run blocking work (network calls) off the GUI thread and deliver the outcome back on it.

Modelled on Anki's ``QueryOp``: one call, ``run_in_background(fn, on_success=..., on_failure=...,
parent=...)``. ``fn`` runs on a thread pool reserved for HTTP; the callbacks run on the GUI
thread. If ``parent`` (a QObject) is destroyed before ``fn`` finishes, the callbacks are
dropped instead of touching a dead widget.

The other direction — a thread the console does not own (the sync engine's) calling back —
goes through :func:`gui_callback`: the call is queued onto the GUI thread, in order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

# Few threads: the backend is one server and requests' sessions are cheap to share, but a
# slow call must not starve the health check or the next user action.
HTTP_POOL_THREADS = 4

# The local cache gets its own small pool: reading or writing it must never wait behind an
# HTTP call that is stuck on a hanging backend.
CACHE_POOL_THREADS = 2

_pool: QThreadPool | None = None
_cache_pool: QThreadPool | None = None
_pool_lock = threading.Lock()


def http_pool() -> QThreadPool:
    """The thread pool dedicated to HTTP work (created on first use)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = QThreadPool()
            _pool.setObjectName("ioc-http-pool")
            _pool.setMaxThreadCount(HTTP_POOL_THREADS)
            _pool.setExpiryTimeout(10_000)
        return _pool


def cache_pool() -> QThreadPool:
    """The thread pool dedicated to local cache reads and writes (created on first use)."""
    global _cache_pool
    with _pool_lock:
        if _cache_pool is None:
            _cache_pool = QThreadPool()
            _cache_pool.setObjectName("ioc-cache-pool")
            _cache_pool.setMaxThreadCount(CACHE_POOL_THREADS)
            _cache_pool.setExpiryTimeout(10_000)
        return _cache_pool


def shutdown_pool(timeout_ms: int = 20_000, *, drop_queued: bool = True) -> bool:
    """Wait for running operations (HTTP and cache pools) to end; True if both drained in time.

    ``drop_queued``: discard operations that have not started yet (nobody will look at
    their results at exit); pass False to let queued work (e.g. a logout) run first.
    """
    with _pool_lock:
        pools = [pool for pool in (_pool, _cache_pool) if pool is not None]
    drained = True
    for pool in pools:
        if drop_queued:
            pool.clear()
        drained = pool.waitForDone(timeout_ms) and drained
    return drained


class _GuiInvoker(QObject):
    """Lives on the GUI thread; runs the calls queued to it, in the order they were queued."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__(None)
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, thunk: Callable[[], None]) -> None:
        try:
            thunk()
        except Exception:
            log.exception("a call delivered to the GUI thread failed")


_invoker: _GuiInvoker | None = None


def _gui_invoker() -> _GuiInvoker:
    global _invoker
    with _pool_lock:
        if _invoker is None:
            app = QCoreApplication.instance()
            if app is None:
                raise RuntimeError("delivering to the GUI thread needs a QApplication")
            invoker = _GuiInvoker()
            invoker.moveToThread(app.thread())  # built on any thread, always runs on the GUI thread
            _invoker = invoker
        return _invoker


def call_on_gui(fn: Callable[..., Any], *args: Any, receiver: QObject | None = None) -> None:
    """Run ``fn(*args)`` on the GUI thread soon (from any thread); dropped if ``receiver`` is gone by then."""

    def thunk() -> None:
        if receiver is None or shiboken6.isValid(receiver):
            fn(*args)

    _gui_invoker().call.emit(thunk)


def gui_callback(fn: Callable[..., Any], receiver: QObject | None = None) -> Callable[..., None]:
    """A callback for a worker thread: each call of it runs ``fn`` with the same arguments on the GUI thread."""
    _gui_invoker()  # created now, on the caller's thread, so that the worker never races to create it

    def deliver(*args: Any) -> None:
        call_on_gui(fn, *args, receiver=receiver)

    return deliver


def run_on_cache(
    fn: Callable[[], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    parent: QObject | None = None,
) -> None:
    """Like :func:`run_in_background`, on the cache pool (local disk work, never network)."""
    run_in_background(fn, on_success=on_success, on_failure=on_failure, parent=parent, pool=cache_pool())


class _Delivery(QObject):
    """Lives on the GUI thread; receives the worker's outcome through queued signals."""

    succeeded = Signal(object)
    failed = Signal(object)

    _alive: set[_Delivery] = set()  # keeps Python wrappers alive until delivery

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        parent: QObject | None,
    ) -> None:
        super().__init__(None)
        self._on_success = on_success
        self._on_failure = on_failure
        self._parent = parent
        self._parent_gone = False
        if parent is not None:
            parent.destroyed.connect(self._mark_parent_gone)
        # Queued: the worker emits, this object's (GUI) thread runs the slot.
        self.succeeded.connect(self._deliver_success, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failure, Qt.ConnectionType.QueuedConnection)
        _Delivery._alive.add(self)

    @Slot()
    def _mark_parent_gone(self, *_: object) -> None:
        self._parent_gone = True

    def _receiver_alive(self) -> bool:
        if self._parent is None:
            return True
        return not self._parent_gone and shiboken6.isValid(self._parent)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        try:
            if self._receiver_alive() and self._on_success is not None:
                self._on_success(result)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_failure(self, error: BaseException) -> None:
        try:
            if not self._receiver_alive():
                return
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                log.error("background operation failed: %s", error, exc_info=error)
        finally:
            self._finish()

    def _finish(self) -> None:
        self._on_success = self._on_failure = None
        self._parent = None
        _Delivery._alive.discard(self)
        self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._delivery = delivery

    def run(self) -> None:
        fn, delivery = self._fn, self._delivery
        self._fn = None  # drop captured arguments (e.g. a password) as soon as possible
        try:
            result = fn()
        except BaseException as error:  # noqa: BLE001 - every failure is reported to the caller
            del fn
            delivery.failed.emit(error)
        else:
            del fn
            delivery.succeeded.emit(result)


def run_in_background(
    fn: Callable[[], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``fn()`` on the HTTP pool; call ``on_success(result)`` or ``on_failure(error)`` on the GUI thread.

    Must be called from the GUI thread. ``parent``: when given and destroyed before ``fn``
    ends, neither callback runs. Without ``on_failure`` the error is logged.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("run_in_background needs a QApplication")
    delivery = _Delivery(on_success, on_failure, parent)
    if delivery.thread() is not app.thread():
        raise RuntimeError("run_in_background must be called from the GUI thread")
    (pool or http_pool()).start(_Job(fn, delivery))
