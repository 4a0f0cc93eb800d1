"""Wakes event-stream subscribers (asyncio) when a writer (any thread) commits a change."""

from __future__ import annotations

import asyncio
import threading


class Subscription:
    """One SSE client's wake-up flag, bound to the event loop it waits on."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.event = asyncio.Event()


class ChangeNotifier:
    """Fan-out of "something was committed" to every subscriber, and the shutdown signal.

    Writers call ``notify`` from worker threads after commit; each subscriber's asyncio.Event
    is set on its own loop through ``call_soon_threadsafe``, so waiting costs no thread and
    no polling. The payload itself is read from the change log by the subscriber, which keeps
    the log the single source of truth for replay and live delivery alike.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[Subscription] = set()
        self.last_event_id = 0
        self.closed = threading.Event()

    def subscribe(self) -> Subscription:
        sub = Subscription(asyncio.get_running_loop())
        with self._lock:
            self._subscribers.add(sub)
        if self.closed.is_set():
            sub.event.set()
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            self._subscribers.discard(sub)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscribers)

    def notify(self, last_event_id: int) -> None:
        with self._lock:
            self.last_event_id = max(self.last_event_id, last_event_id)
            subs = list(self._subscribers)
        for sub in subs:
            try:
                sub.loop.call_soon_threadsafe(sub.event.set)
            except RuntimeError:
                pass  # that loop is already closed: its subscriber is gone

    def close(self) -> None:
        """Server shutdown: make every stream generator wake up and finish."""
        self.closed.set()
        self.notify(self.last_event_id)
