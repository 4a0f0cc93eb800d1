"""MediaPrefetcher: fills the offline cache with alert snapshots and recent sensor readings in the background."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from .cache import CacheStore
from .client import IocClient
from .errors import BackendUnavailable, IocError, NotFound
from .redact import get_logger

_log = get_logger("backend_client.prefetch")

THREAD_NAME = "ioc-media-prefetch"
DEFAULT_MAX_SNAPSHOTS = 200
DEFAULT_READINGS_WINDOW = timedelta(hours=24)
DEFAULT_READINGS_PER_SENSOR = 144
DEFAULT_READINGS_INTERVAL = 600.0  # seconds between two fetches of one sensor's readings
_ALERT_PAGE = 500


class _Abort(Exception):
    """stop() was called, or the backend went away: end this pass quietly."""


class MediaPrefetcher:
    """A worker thread (``ioc-media-prefetch``) that copies media into the cache after each catch-up.

    It runs beside the sync engine, never in its way: ``request()`` only sets a flag, so
    outbox replay is never delayed by a slow snapshot. One pass fetches (a) the snapshots of
    the newest ``max_snapshots`` open alerts not cached yet (ids noted from live changes
    first) and (b) each cached sensor's readings of the last ``readings_window`` (at most
    ``readings_per_sensor``), at most once per ``readings_interval`` seconds per sensor.
    A failed item is logged and skipped; an unreachable backend ends the pass; ``stop()``
    ends it between two calls.
    """

    def __init__(self, client: IocClient, store: CacheStore, *, max_snapshots: int = DEFAULT_MAX_SNAPSHOTS,
                 readings_window: timedelta = DEFAULT_READINGS_WINDOW,
                 readings_per_sensor: int = DEFAULT_READINGS_PER_SENSOR,
                 readings_interval: float = DEFAULT_READINGS_INTERVAL) -> None:
        if max_snapshots < 0 or readings_per_sensor < 1 or readings_interval < 0:
            raise ValueError("max_snapshots must be >= 0, readings_per_sensor >= 1 and readings_interval >= 0")
        self.client = client
        self.store = store
        # More than the store keeps would evict and re-fetch the same snapshots on every pass.
        self.max_snapshots = min(max_snapshots, store.max_snapshots)
        self.readings_window = readings_window
        self.readings_per_sensor = readings_per_sensor
        self.readings_interval = readings_interval
        self._due = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()  # guards _live_ids
        self._live_ids: list[str] = []
        self._missing: set[str] = set()  # alerts the server has no snapshot for: not asked again
        self._readings_at: dict[str, float] = {}  # sensor id -> monotonic time of its last fetch
        self._thread: threading.Thread | None = None
        #: Counters for logs and tests (worker thread writes, anyone reads).
        self.stats: dict[str, int] = {"passes": 0, "snapshots": 0, "snapshot_errors": 0, "sensors": 0,
                                      "readings": 0, "reading_errors": 0}

    # ------------------------------------------------------------------ public API
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """End the worker; a call in flight ends at its own timeout if it outlives ``timeout``."""
        self._stop.set()
        self._due.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(max(0.0, timeout))
            if thread.is_alive():
                _log.warning("media prefetch still waiting for a backend call; it ends at the call's timeout")

    def request(self) -> None:
        """Ask for a pass soon (after a catch-up); returns at once."""
        self._due.set()

    def note_alerts(self, alert_ids: Iterable[str | int]) -> None:
        """Open alerts that just arrived live: their snapshots are fetched first in the next pass."""
        ids = [str(i) for i in alert_ids]
        if ids:
            with self._lock:
                self._live_ids.extend(ids)
            self._due.set()

    # ------------------------------------------------------------------ worker thread
    def _run(self) -> None:
        while not self._stop.is_set():
            self._due.wait()
            if self._stop.is_set():
                return
            self._due.clear()
            try:
                self.run_pass()
            except _Abort:
                pass
            except Exception:
                if self._stop.is_set():
                    return  # e.g. the cache was closed under a call that outlived stop()
                _log.exception("media prefetch pass failed; it is tried again after the next catch-up")

    def run_pass(self) -> None:
        """One bounded pass over snapshots, then readings (runs on the worker thread)."""
        self._prefetch_snapshots()
        self._prefetch_readings()
        self.stats["passes"] += 1

    def _check(self) -> None:
        if self._stop.is_set():
            raise _Abort()

    def _wanted_snapshots(self) -> list[str]:
        with self._lock:
            live, self._live_ids = self._live_ids, []
        wanted: list[str] = []
        seen: set[str] = set()

        def consider(alert_id: str) -> None:
            if alert_id not in seen and alert_id not in self._missing:
                seen.add(alert_id)
                if self.store.get_snapshot(alert_id) is None:
                    wanted.append(alert_id)

        for alert_id in reversed(live):  # newest live arrival first
            cached = self.store.get("alert", alert_id)
            if cached is not None and cached.get("state") != "closed" and len(seen) < self.max_snapshots:
                consider(alert_id)
        offset = 0
        # Walk the cached alerts newest first until max_snapshots open ones were looked at.
        while len(seen) < self.max_snapshots:
            self._check()
            page = self.store.list("alert", limit=_ALERT_PAGE, offset=offset)
            for alert in page:
                if alert.get("state") != "closed" and len(seen) < self.max_snapshots:
                    consider(str(alert["id"]))
            if len(page) < _ALERT_PAGE:
                break
            offset += _ALERT_PAGE
        return wanted

    def _prefetch_snapshots(self) -> None:
        if self.max_snapshots == 0:
            return
        for alert_id in self._wanted_snapshots():
            self._check()
            try:
                jpeg = self.client.alert_snapshot(int(alert_id))
                self.store.put_snapshot(alert_id, jpeg)
            except BackendUnavailable as exc:
                if exc.status is None:
                    _log.info("media prefetch stopped: %s", exc.message)
                    raise _Abort() from exc
                self._item_failed("snapshot_errors", f"snapshot of alert {alert_id}", exc)
            except NotFound:
                self._missing.add(alert_id)
                self.stats["snapshot_errors"] += 1
                _log.debug("alert %s has no snapshot on the server", alert_id)
            except (IocError, ValueError) as exc:  # ValueError: the answer was not a JPEG
                self._item_failed("snapshot_errors", f"snapshot of alert {alert_id}", exc)
            else:
                self.stats["snapshots"] += 1

    def _prefetch_readings(self) -> None:
        now = time.monotonic()
        since = datetime.now(UTC) - self.readings_window
        for sensor in self.store.list("sensor", order_by="id asc"):
            self._check()
            sensor_id = str(sensor["id"])
            last = self._readings_at.get(sensor_id)
            if last is not None and now - last < self.readings_interval:
                continue
            try:
                page = self.client.sensor_readings(sensor_id, since=since, limit=self.readings_per_sensor)
                items = [r.model_dump(mode="json") for r in page.items]
                self.store.put_readings(sensor_id, items)
            except BackendUnavailable as exc:
                if exc.status is None:
                    _log.info("media prefetch stopped: %s", exc.message)
                    raise _Abort() from exc
                self._item_failed("reading_errors", f"readings of sensor {sensor_id}", exc)
            except (IocError, ValueError) as exc:
                self._item_failed("reading_errors", f"readings of sensor {sensor_id}", exc)
            else:
                self._readings_at[sensor_id] = time.monotonic()
                self.stats["sensors"] += 1
                self.stats["readings"] += len(items)

    def _item_failed(self, counter: str, what: str, exc: BaseException) -> None:
        self.stats[counter] += 1
        message = exc.message if isinstance(exc, IocError) else str(exc)
        _log.warning("media prefetch skipped the %s: %s", what, message)
