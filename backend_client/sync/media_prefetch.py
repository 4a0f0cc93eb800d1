"""MediaPrefetcher: fills the offline cache with alert snapshots, sensor readings and meeting documents."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from functools import partial

from backend_client.api.client import IocClient
from backend_client.api.errors import BackendUnavailable, IocError, NotFound
from backend_client.api.redact import get_logger
from backend_client.cache import CacheStore
from backend_client.workers import Worker

_log = get_logger("backend_client.prefetch")

THREAD_NAME = "ioc-media-prefetch"
DEFAULT_MAX_SNAPSHOTS = 200
DEFAULT_READINGS_WINDOW = timedelta(hours=24)
DEFAULT_READINGS_PER_SENSOR = 144
DEFAULT_READINGS_INTERVAL = 600.0  # seconds between two fetches of one sensor's readings
# Live alerts are noted as they arrive; their pass waits for this pause in the arrivals (seconds),
# but never longer than DEFAULT_LIVE_SETTLE_MAX after it was asked for (see _wait_for_a_pause).
DEFAULT_LIVE_SETTLE = 1.0
DEFAULT_LIVE_SETTLE_MAX = 10.0
_ALERT_PAGE = 500
# Meetings whose documents are worth having offline: the ones still to be held or under way.
DOCUMENT_MEETING_STATUSES = ("in_progress", "scheduled")
# A pass ends after this many failed items in a row (see _item_failed).
MAX_FAILURES_IN_A_ROW = 3


class _Abort(Exception):
    """stop() was called, or the backend went away: end this pass quietly."""


class MediaPrefetcher(Worker):
    """A worker thread (``ioc-media-prefetch``) that copies media into the cache after each catch-up.

    It runs beside the sync engine, never in its way: ``request()`` only sets a flag, so
    outbox replay is never delayed by a slow snapshot. One pass fetches (a) the snapshots of
    the newest ``max_snapshots`` open alerts not cached yet (ids noted from live changes
    first) and (b) each cached sensor's readings of the last ``readings_window`` (at most
    ``readings_per_sensor``), at most once per ``readings_interval`` seconds per sensor, and
    (c) the PDF documents of cached meetings in progress or scheduled whose SHA-256 is not
    cached yet (meetings under way first, then the soonest), within the cache's document
    budget; documents no cached meeting lists any more are dropped from the cache.
    A failed item is logged and skipped; an unreachable backend ends the pass; ``stop()``
    ends it between two calls. While live alerts keep arriving (an AI engine's burst), a pass
    waits for a pause of ``live_settle`` seconds in their arrival, at most ``live_settle_max``.
    """

    thread_name = THREAD_NAME

    def __init__(
        self,
        client: IocClient,
        store: CacheStore,
        *,
        max_snapshots: int = DEFAULT_MAX_SNAPSHOTS,
        readings_window: timedelta = DEFAULT_READINGS_WINDOW,
        readings_per_sensor: int = DEFAULT_READINGS_PER_SENSOR,
        readings_interval: float = DEFAULT_READINGS_INTERVAL,
        live_settle: float = DEFAULT_LIVE_SETTLE,
        live_settle_max: float = DEFAULT_LIVE_SETTLE_MAX,
    ) -> None:
        if max_snapshots < 0 or readings_per_sensor < 1 or readings_interval < 0:
            raise ValueError("max_snapshots must be >= 0, readings_per_sensor >= 1 and readings_interval >= 0")
        if live_settle < 0 or live_settle_max < 0:
            raise ValueError("live_settle and live_settle_max must be >= 0")
        super().__init__()
        self.client = client
        self.store = store
        # More than the store keeps would evict and re-fetch the same snapshots on every pass.
        self.max_snapshots = min(max_snapshots, store.max_snapshots)
        self.readings_window = readings_window
        self.readings_per_sensor = readings_per_sensor
        self.readings_interval = readings_interval
        self.live_settle = live_settle
        self.live_settle_max = live_settle_max
        self._due = threading.Event()
        self._lock = threading.Lock()  # guards _live_ids and _noted_at
        self._live_ids: list[str] = []
        self._noted_at: float | None = None  # monotonic time live alerts were last noted
        self._missing: set[str] = set()  # alerts the server has no snapshot for: not asked again
        self._readings_at: dict[str, float] = {}  # sensor id -> monotonic time of its last fetch
        self._failures_in_a_row = 0
        #: Counters for logs and tests (worker thread writes, anyone reads).
        self.stats: dict[str, int] = {
            "passes": 0,
            "snapshots": 0,
            "snapshot_errors": 0,
            "sensors": 0,
            "readings": 0,
            "reading_errors": 0,
            "documents": 0,
            "document_errors": 0,
            "documents_dropped": 0,
            "passes_stopped": 0,
        }

    # ------------------------------------------------------------------ public API
    def stop(self, timeout: float | None = 5.0) -> bool:
        """End the worker; a call in flight ends at its own timeout if it outlives ``timeout``."""
        return super().stop(timeout)

    def wake_up(self) -> None:
        self._due.set()

    def request(self) -> None:
        """Ask for a pass soon (after a catch-up); returns at once."""
        self._due.set()

    def note_alerts(self, alert_ids: Iterable[str | int]) -> None:
        """Open alerts that just arrived live: their snapshots are fetched first in the next pass."""
        ids = [str(i) for i in alert_ids]
        if ids:
            with self._lock:
                self._live_ids.extend(ids)
                self._noted_at = time.monotonic()
            self._due.set()

    # ------------------------------------------------------------------ worker thread
    def loop(self) -> None:
        while not self.stopping:
            self._due.wait()
            if self.stopping:
                return
            self._due.clear()
            self._wait_for_a_pause()
            if self.stopping:
                return
            try:
                self.run_pass()
            except _Abort:
                pass
            except Exception:  # noqa: BLE001 - logged; the next pass tries again
                if self.stopping:
                    return  # e.g. the cache was closed under a call that outlived stop()
                _log.exception("media prefetch pass failed; it is tried again after the next catch-up")

    def _wait_for_a_pause(self) -> None:
        """Wait while live alerts keep arriving, until ``live_settle`` s passed without one
        (at most ``live_settle_max`` s); returns at once when none arrived lately.

        Why: the snapshots are for working offline later. An AI engine's burst brings thousands
        of alerts in a few seconds, and fetching snapshots one by one meanwhile made the
        backend render them and this process store them while both were busy taking in the
        burst, which then reached the operator's queue later. After the pause, the pass
        takes the newest of them as always.
        """
        started = time.monotonic()
        while True:
            with self._lock:
                noted = self._noted_at
            if noted is None:
                return
            wait = min(noted + self.live_settle, started + self.live_settle_max) - time.monotonic()
            if wait <= 0 or self.sleep(wait):
                return

    def run_pass(self) -> None:
        """One bounded pass over snapshots, readings, then meeting documents (runs on the worker thread)."""
        self._failures_in_a_row = 0
        self._prefetch_snapshots()
        self._prefetch_readings()
        self._prefetch_documents()
        self.stats["passes"] += 1

    def _check(self) -> None:
        if self.stopping:
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
            # Stop reading the cache once enough were looked at: a burst notes thousands of
            # live alerts, and reading each back from the cache (a query and a JSON decode)
            # cost the console more than the burst itself.
            if len(seen) >= self.max_snapshots:
                break
            if alert_id in seen:
                continue
            cached = self.store.get("alert", alert_id)
            if cached is not None and cached.get("state") != "closed":
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
            # ValueError: the answer was not a JPEG. NotFound: the alert has none; not asked again.
            if self._attempt(
                "snapshot_errors",
                f"snapshot of alert {alert_id}",
                partial(self._fetch_snapshot, alert_id),
                on_not_found=partial(self._missing.add, alert_id),
            ):
                self.stats["snapshots"] += 1

    def _fetch_snapshot(self, alert_id: str) -> None:
        self.store.put_snapshot(alert_id, self.client.alert_snapshot(int(alert_id)))

    def _prefetch_readings(self) -> None:
        now = time.monotonic()
        since = datetime.now(UTC) - self.readings_window
        for sensor in self.store.list("sensor", order_by="id asc"):
            self._check()
            sensor_id = str(sensor["id"])
            last = self._readings_at.get(sensor_id)
            if last is not None and now - last < self.readings_interval:
                continue
            if self._attempt(
                "reading_errors",
                f"readings of sensor {sensor_id}",
                partial(self._fetch_readings, sensor_id, since),
            ):
                self._readings_at[sensor_id] = time.monotonic()
                self.stats["sensors"] += 1

    def _fetch_readings(self, sensor_id: str, since: datetime) -> None:
        page = self.client.sensor_readings(sensor_id, since=since, limit=self.readings_per_sensor)
        items = [r.model_dump(mode="json") for r in page.items]
        self.store.put_readings(sensor_id, items)
        self.stats["readings"] += len(items)

    def _wanted_documents(self) -> tuple[list[tuple[str, str, str]], set[str]]:
        """([(meeting id, document id, sha256)] to fetch, in order), ids listed by any cached meeting)."""
        meetings = self.store.list("meeting", order_by="sort_time asc")
        listed: set[str] = set()
        for meeting in meetings:
            listed.update(str(doc.get("id")) for doc in meeting.get("documents") or () if isinstance(doc, dict))
        # Under way first, then by start time (soonest first): what the operator needs next.
        upcoming = sorted(
            (m for m in meetings if m.get("status") in DOCUMENT_MEETING_STATUSES),
            key=lambda m: (m.get("status") != "in_progress", str(m.get("starts_at", ""))),
        )
        cached = self.store.document_hashes()
        budget = self.store.max_document_bytes
        wanted: list[tuple[str, str, str]] = []
        for meeting in upcoming:
            for doc in meeting.get("documents") or ():
                if not isinstance(doc, dict) or not isinstance(doc.get("sha256"), str):
                    continue
                listed_size = doc.get("size")
                size = listed_size if isinstance(listed_size, int) else 0
                # Beyond the budget the cache would evict one document for the next on every pass.
                budget -= size
                if budget < 0:
                    return wanted, listed
                doc_id = str(doc.get("id"))
                if cached.get(doc_id) != doc["sha256"]:
                    wanted.append((str(meeting["id"]), doc_id, doc["sha256"]))
        return wanted, listed

    def _prefetch_documents(self) -> None:
        wanted, listed = self._wanted_documents()
        for meeting_id, doc_id, sha256 in wanted:
            self._check()
            # put_document checks the bytes against the hash the meeting lists (else ValueError);
            # NotFound (deleted meanwhile) counts as a failed item like any other refusal.
            if self._attempt(
                "document_errors",
                f"document {doc_id} of meeting {meeting_id}",
                partial(self._fetch_document, meeting_id, doc_id, sha256),
            ):
                self.stats["documents"] += 1
        self._check()
        self.stats["documents_dropped"] += self.store.drop_documents_except(listed)

    def _fetch_document(self, meeting_id: str, doc_id: str, sha256: str) -> None:
        self.store.put_document(doc_id, meeting_id, sha256, self.client.download_document(int(meeting_id), int(doc_id)))

    def _attempt(
        self, counter: str, what: str, fetch: Callable[[], object], *, on_not_found: Callable[[], object] | None = None
    ) -> bool:
        """Fetch and cache one item; True if that worked. An unreachable backend ends the pass
        (``_Abort``); any other failure is counted under ``counter`` and the pass goes on."""
        try:
            fetch()
        except BackendUnavailable as exc:
            if exc.status is None:
                _log.info("media prefetch stopped: %s", exc.message)
                raise _Abort() from exc
            self._item_failed(counter, what, exc)
        except NotFound as exc:
            if on_not_found is None:
                self._item_failed(counter, what, exc)
            else:  # an expected absence, not a sign of an unwell backend
                self.stats[counter] += 1
                on_not_found()
        except (IocError, ValueError) as exc:
            self._item_failed(counter, what, exc)
        else:
            self._failures_in_a_row = 0
            return True
        return False

    def _item_failed(self, counter: str, what: str, exc: BaseException) -> None:
        self.stats[counter] += 1
        message = exc.message if isinstance(exc, IocError) else str(exc)
        _log.warning("media prefetch skipped the %s: %s", what, message)
        self._failures_in_a_row += 1
        if self._failures_in_a_row >= MAX_FAILURES_IN_A_ROW:
            # A backend answering errors or garbage to every call is unwell: hammering it with
            # hundreds more requests helps nobody, and the busy loop would take the GIL from
            # the console's GUI thread. The next catch-up starts a fresh pass.
            _log.info("media prefetch pass stopped after %d failures in a row", self._failures_in_a_row)
            self.stats["passes_stopped"] += 1
            raise _Abort()
