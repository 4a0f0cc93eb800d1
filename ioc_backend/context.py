"""The services one running backend shares between its request handlers and background threads."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ioc_backend.db.engine import Database
from ioc_backend.notifier import ChangeNotifier
from ioc_backend.security import HashGate
from ioc_backend.settings import Settings
from ioc_backend.throttle import LoginThrottle

if TYPE_CHECKING:
    from ioc_backend.demo.fanout import FeedHub
    from ioc_backend.demo.media import FrameSource


class SnapshotCache:
    """Small LRU of rendered alert snapshots (rendering a 1280x720 still costs ~10 ms)."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._items: OrderedDict[int, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: int) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: int, value: bytes) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


@dataclass
class AppContext:
    settings: Settings
    db: Database
    notifier: ChangeNotifier = field(default_factory=ChangeNotifier)
    snapshots: SnapshotCache = field(default_factory=SnapshotCache)
    simulator: Any = None
    maintenance: Any = None
    sla_watch: Any = None
    # (user id, Idempotency-Key) of requests being processed right now (-> 409 key in use).
    in_flight_keys: set[tuple[int, str]] = field(default_factory=set)
    in_flight_lock: threading.Lock = field(default_factory=threading.Lock)
    _frames: FrameSource | None = None
    _frames_lock: threading.Lock = field(default_factory=threading.Lock)
    # Built from the settings; a test may replace them (a throttle on a fake clock, a tiny gate).
    login_throttle: LoginThrottle = field(init=False)
    hash_gate: HashGate = field(init=False)
    _feeds: FeedHub | None = None
    # The event streams' shared change-log reads (api.routes.events owns the type).
    shared_reads: Any = None

    def __post_init__(self) -> None:
        s = self.settings
        self.login_throttle = LoginThrottle(
            account_free_attempts=s.login_free_attempts,
            address_free_attempts=s.login_address_free_attempts,
            base_delay=s.login_base_delay,
        )
        self.hash_gate = HashGate(s.hash_slots)
        # Live SSE delivery depends on this link: every committed write wakes the streams.
        self.db.on_commit(self.notifier.notify)

    def close(self) -> None:
        """Stop streams and the simulator, then release the database (idempotent)."""
        self.notifier.close()
        if self._feeds is not None:
            self._feeds.close()
        for worker in (self.simulator, self.maintenance, self.sla_watch):
            if worker is not None:
                worker.stop()
        self.db.dispose()

    @property
    def shutting_down(self) -> bool:
        return self.notifier.closed.is_set()

    @property
    def frames(self) -> FrameSource:
        # Created on first stream request: a backend nobody watches never loads fonts/codecs.
        with self._frames_lock:
            if self._frames is None:
                from ioc_backend.demo.media import FrameSource

                self._frames = FrameSource()
            return self._frames

    @property
    def feeds(self) -> FeedHub:
        """The MJPEG fan-out (one producer per watched camera stream), created on first use."""
        frames = self.frames
        with self._frames_lock:
            if self._feeds is None:
                from ioc_backend.demo.fanout import FeedHub

                self._feeds = FeedHub(frames)
            return self._feeds
