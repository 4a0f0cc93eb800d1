"""SyncEngine: keeps the offline cache in step with the backend and replays the outbox exactly once."""

from __future__ import annotations

import dataclasses
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

from backend_client.api.actions import RECORD_ONLY_KINDS, UNVERSIONED_CHANGE_KINDS, Action, describe, with_version
from backend_client.api.client import IocClient
from backend_client.api.errors import (
    AuthError,
    BackendUnavailable,
    Conflict,
    InvalidRequest,
    IocError,
    NotFound,
    PermissionDenied,
)
from backend_client.api.models import Change, Event
from backend_client.api.redact import get_logger
from backend_client.api.sync_payload import SyncPage
from backend_client.cache import CacheStore, OutboxEntry
from backend_client.cache.errors import OutboxStateError
from backend_client.cache.extract import SYNCED_RESOURCES
from backend_client.cache.resource_rows import Applied
from backend_client.sync.connection_state import DEGRADED, OFFLINE, ONLINE, SLOW_CALL_SECONDS, Backoff, ConnectionStatus
from backend_client.sync.gc_pause import cyclic_gc_paused
from backend_client.sync.live_events import EventStream
from backend_client.sync.media_prefetch import MediaPrefetcher
from backend_client.sync.private_notes import refresh_notes
from backend_client.sync.saved_views import refresh_saved_views
from backend_client.workers import Worker

_log = get_logger("backend_client.sync")

THREAD_NAME = "ioc-sync-engine"
COALESCE_SECONDS = 0.1  # live changes are written to the cache in batches at most this old
# ... and a batch is written as soon as the stream has been quiet this long: one change (a presenter
# turning a page) or the end of a burst need not wait out COALESCE_SECONDS.
LIVE_QUIET_SECONDS = 0.02
MAX_LIVE_BATCH = 5000
STREAM_GRACE_SECONDS = 2.0  # a stream reconnecting longer than this makes the link "degraded"
OFFLINE_AFTER_FAILURES = 3  # repeated 5xx/garbage answers: treat the backend as gone
_IDLE_POLL = 0.25
# A live batch this big is a burst (an AI engine's detections, a bulk action): the cyclic garbage
# collector is paused until the live changes stop for BURST_GC_QUIET s, at most BURST_GC_MAX s.
BURST_CHANGES = 200
BURST_GC_QUIET = 0.5
BURST_GC_MAX = 10.0
RESOLUTIONS = ("retry_on_current", "discard")


class _SignInRequired(Exception):
    """No session and no usable offline grant: the operator has to sign in."""


class _ResyncNeeded(Exception):
    """The live stream cannot be trusted (gap or reset): catch up with /sync and reopen it."""

    def __init__(self, reason: str, full: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.full = full


def _now() -> datetime:
    return datetime.now(UTC)


def _raw_change(change: Change) -> dict[str, Any]:
    # The store takes the API's change objects; Change keeps the validated raw dict in .data.
    return {"seq": change.seq, "resource": change.resource, "id": change.id, "op": change.op, "data": change.data}


class SyncEngine(Worker):
    """Background worker between an ``IocClient`` and a ``CacheStore``.

    One thread (``ioc-sync-engine``) does all network work in this order whenever the
    backend becomes reachable: authenticate (session, or the cached offline grant), catch
    up with ``/sync`` from the cache cursor, replay the outbox strictly in order, then
    follow the live event stream, writing its changes to the cache in small batches and
    checking each event's ``prev`` so that a gap triggers a catch-up instead of a silent
    loss. Callbacks run on that thread (or on the submitting thread for ``submit``);
    marshal to the GUI thread yourself.
    """

    thread_name = THREAD_NAME

    def __init__(
        self,
        client: IocClient,
        store: CacheStore,
        *,
        on_status: Callable[[ConnectionStatus], None] | None = None,
        on_changes: Callable[[Sequence[Change]], None] | None = None,
        on_outbox: Callable[[OutboxEntry], None] | None = None,
        on_auth_required: Callable[[], None] | None = None,
        on_views: Callable[[], None] | None = None,
        page_size: int = 5000,
        first_page_size: int = 1000,
        backoff_initial: float = 0.5,
        backoff_max: float = 30.0,
        stream_read_timeout: float = 45.0,
        prefetch: bool | Mapping[str, Any] = False,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(on_error=self._report_crash)
        self.client = client
        self.store = store
        self.on_status = on_status
        self.on_changes = on_changes
        self.on_outbox = on_outbox
        self.on_auth_required = on_auth_required
        self.on_views = on_views  # the saved views (and private notes) in the cache were refreshed
        # /sync pages grow from first_page_size to page_size: a short catch-up's first rows reach
        # the cache at once. Pages beyond 5,000 changes measured slower on both sides (bigger
        # strings to build and parse), and the GUI thread waits out one page's parse for the GIL.
        self.page_size = page_size
        self.first_page_size = first_page_size
        self.stream_read_timeout = stream_read_timeout
        #: Copies snapshots and readings into the cache after each catch-up, on its own thread
        #: so that outbox replay never waits for media. ``prefetch`` may hold its options.
        self.prefetcher: MediaPrefetcher | None = None
        if prefetch:
            options = dict(prefetch) if isinstance(prefetch, Mapping) else {}
            self.prefetcher = MediaPrefetcher(client, store, **options)
        #: The schedule of reconnect attempts (tests may pass one with a fixed random source).
        self._backoff = backoff if backoff is not None else Backoff(backoff_initial, backoff_max)
        self._stream_backoff = (min(backoff_initial, 0.5), min(backoff_max, 5.0))
        self._inbox: queue.SimpleQueue[tuple[str, int, Any]] = queue.SimpleQueue()
        self._lock = threading.Lock()  # guards _status and _stream
        self._stream: EventStream | None = None
        self._stream_generation = 0
        self._stream_down_since: float | None = None
        self._next_stream_probe = 0.0
        self._connected = False  # engine thread only: caught up and following the stream
        self._applied_id: int | None = None  # the last change id the cache holds (engine thread)
        self._auth_requested = False
        # The collector's pause through a burst of live changes (engine thread, see _burst_gc_pause).
        self._burst_gc: AbstractContextManager[None] | None = None
        self._burst_gc_since = 0.0
        self._last_live_at = 0.0
        self._slow = False
        grant = store.offline_grant()
        self._saved_grant = grant.grant if grant is not None else None
        #: Counters for logs, tests and benchmarks (engine thread writes, anyone reads).
        self.stats: dict[str, float] = {
            "catch_ups": 0,
            "synced_changes": 0,
            "live_changes": 0,
            "gap_resyncs": 0,
            "reset_resyncs": 0,
            "full_resyncs": 0,
            "replayed": 0,
            "conflicts": 0,
            "failed": 0,
            "last_catch_up_seconds": 0.0,
            "last_replay_seconds": 0.0,
        }
        self._status = ConnectionStatus(
            state=OFFLINE,
            since=_now(),
            last_sync_at=store.last_synced_at(),
            next_retry_in=None,
            detail="not connected yet",
            consecutive_failures=0,
            pending=store.pending_count(),
            conflicts=store.conflict_count(),
        )

    # ------------------------------------------------------------------ public API
    @property
    def status(self) -> ConnectionStatus:
        with self._lock:
            return self._status

    def start(self) -> None:
        super().start()
        if self.prefetcher is not None:
            self.prefetcher.start()

    def stop(self, timeout: float | None = 5.0) -> bool:
        """Stop the stream and the engine thread; returns within ``timeout`` even if a call hangs
        (the thread then ends at that call's timeout; the action stays in the outbox and is resent
        with the same idempotency key next time). True if the engine thread has ended."""
        timeout = 5.0 if timeout is None else timeout
        deadline = time.monotonic() + timeout
        self._stop_event.set()
        self.wake_up()
        self._stop_stream(timeout=max(0.1, timeout / 2))
        if self.prefetcher is not None:
            self.prefetcher.stop(timeout=max(0.1, (deadline - time.monotonic()) / 2))
        return self.join(max(0.0, deadline - time.monotonic()))

    def wake_up(self) -> None:
        self._inbox.put(("stop", 0, None))

    def submit(self, action: Action) -> OutboxEntry:
        """Durably queue ``action`` (``CacheWriteError`` means it was NOT saved), then replay it asap."""
        entry = self.store.enqueue(
            action.kind,
            action.method,
            action.path,
            action.body,
            resource=action.resource,
            resource_id=action.resource_id or None,
            base_version=action.base_version,
        )
        _log.info("queued #%d: %s", entry.id, describe(action))
        self._notify_outbox(entry)
        self._refresh_counts()
        self.wake()
        return entry

    def resolve_conflict(self, entry_id: int, choice: str) -> OutboxEntry | None:
        """Settle a conflicted entry: ``"discard"`` cancels it (returns the cancelled entry);
        ``"retry_on_current"`` re-queues the same intent on the server's current version under a
        new idempotency key (returns the new pending entry)."""
        if choice not in RESOLUTIONS:
            raise ValueError(f"choice must be one of {RESOLUTIONS}, not {choice!r}")
        entry = self.store.entry(entry_id)
        if entry.state != "conflict":
            raise OutboxStateError(f"Outbox entry #{entry_id} is {entry.state}, not in conflict.")
        if choice == "discard":
            result = self.store.cancel(entry_id)
            self._notify_outbox(result)
        else:
            if entry.base_version is None:
                # A vote does not depend on the meeting's version: resent, it meets the same
                # refusal (e.g. the poll was closed), so the only choice is to withdraw it.
                raise OutboxStateError(
                    f"Outbox entry #{entry_id} ({entry.kind}) does not depend on a version; "
                    "it cannot be re-applied, only discarded."
                )
            current = entry.server_current if isinstance(entry.server_current, Mapping) else {}
            version = current.get("version")
            if not isinstance(version, int):
                raise OutboxStateError(f"Outbox entry #{entry_id} has no server version to retry on.")
            body = with_version(entry.body or {}, version)
            result = self.store.supersede(entry_id, body, base_version=version)
            self._notify_outbox(self.store.entry(entry_id))
            self._notify_outbox(result)
            self.wake()
        self._refresh_counts()
        return result

    def wake(self) -> None:
        """Try now: replay pending actions, or end an offline wait (e.g. after 'reconnect' or a sign-in)."""
        self._inbox.put(("wake", 0, None))

    # ------------------------------------------------------------------ callbacks & status
    def _call(self, callback: Callable[..., None] | None, *args: Any) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:  # noqa: BLE001 - a listener's failure must not stop the engine
            _log.exception("sync engine callback %r failed", getattr(callback, "__name__", callback))

    def _notify_outbox(self, entry: OutboxEntry) -> None:
        self._call(self.on_outbox, entry)

    def _set_status(
        self,
        state: str | None = None,
        detail: str | None = None,
        *,
        next_retry_in: float | None = None,
        failures: int | None = None,
        keep_retry: bool = False,
    ) -> None:
        """Publish a new status. ``next_retry_in`` is the delay before the next attempt, counted
        from now; ``keep_retry`` keeps the attempt already scheduled (a refresh of the counts)."""
        now = _now()
        with self._lock:
            old = self._status
            new_state = state or old.state
            if keep_retry:
                attempt_at = old.next_attempt_at
            else:
                attempt_at = None if next_retry_in is None else now + timedelta(seconds=next_retry_in)
            status = ConnectionStatus(
                state=new_state,
                since=old.since if new_state == old.state else now,
                last_sync_at=self.store.last_synced_at(),
                # Always counted from this snapshot: a re-published status never repeats an old countdown.
                next_retry_in=None if attempt_at is None else max(0.0, (attempt_at - now).total_seconds()),
                detail=old.detail if detail is None else detail,
                consecutive_failures=old.consecutive_failures if failures is None else failures,
                pending=self.store.pending_count(),
                conflicts=self.store.conflict_count(),
                next_attempt_at=attempt_at,
            )
            if dataclasses.replace(status, next_retry_in=old.next_retry_in) == old:
                return
            self._status = status
        if status.state != old.state:
            _log.info("connection %s -> %s: %s", old.state, status.state, status.detail)
        self._call(self.on_status, status)

    def _refresh_counts(self) -> None:
        try:
            self._set_status(keep_retry=True)
        except Exception:  # noqa: BLE001 - counts are cosmetic; a closed cache during shutdown must not raise here
            _log.debug("could not refresh outbox counts", exc_info=True)

    # ------------------------------------------------------------------ engine thread
    def loop(self) -> None:
        while not self.stopping:
            if not self._connected:
                self._connect_or_wait()
            else:
                self._serve_once()

    def cleanup(self) -> None:
        self._end_burst_gc_pause()
        self._stop_stream()
        self._connected = False

    def _report_crash(self, exc: BaseException) -> None:
        _log.error("sync engine stopped by an unexpected error", exc_info=exc)
        try:
            self._set_status(OFFLINE, "internal error in the sync engine; see the log", next_retry_in=None)
        except Exception:  # noqa: BLE001 - the report of a crash must not raise in turn
            _log.exception("could not report the sync engine's failure")

    def _wait(self, seconds: float) -> None:
        """Sleep up to ``seconds``; a wake() or stop() ends the wait early."""
        deadline = time.monotonic() + seconds
        while not self.stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                kind, _, _ = self._inbox.get(timeout=remaining)
            except queue.Empty:
                return
            if kind in ("wake", "stop"):
                return  # stale stream messages are dropped here: no stream runs while offline

    def _connect_or_wait(self) -> None:
        try:
            self._connect()
        except _SignInRequired:
            self._set_status(OFFLINE, "sign-in required", next_retry_in=None)
            self._wait(self._backoff.maximum)
            return
        except Exception as exc:  # noqa: BLE001 - every failure means "try again later"
            if self.stopping:
                return
            self._stop_stream()
            delay = self._backoff.next()
            self._record_failure(exc, next_retry_in=delay)
            self._wait(delay)
            return
        self._connected = True
        self._backoff.reset()
        self._set_status(
            DEGRADED if self._slow else ONLINE,
            "slow responses" if self._slow else "up to date",
            next_retry_in=None,
            failures=0,
        )

    def _record_failure(self, exc: BaseException, *, next_retry_in: float | None) -> None:
        failures = self.status.consecutive_failures + 1
        unreachable = isinstance(exc, BackendUnavailable) and exc.status is None
        state = OFFLINE if unreachable or failures >= OFFLINE_AFTER_FAILURES else DEGRADED
        detail = exc.message if isinstance(exc, IocError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, IocError):
            _log.warning("sync engine step failed", exc_info=exc)
        self._set_status(state, detail, next_retry_in=next_retry_in, failures=failures)

    def _timed(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.monotonic()
        result = fn(*args, **kwargs)
        if time.monotonic() - started > SLOW_CALL_SECONDS:
            self._slow = True
        return result

    def _connect(self) -> None:
        self._slow = False
        # One probe, no retries of its own: the engine's backoff is the one schedule of attempts,
        # so the time the status bar announces is when the backend is really tried again.
        self._timed(self.client.health, retries=0)
        self._ensure_session()
        self._catch_up()
        self._replay()
        self._refresh_views()
        self._start_stream()

    def _refresh_views(self) -> None:
        """The user's saved views and private notes are private, so not in /sync: re-read them on
        every connect (after the replay, so what was saved offline is already on the server)."""
        refreshed = False
        try:
            refresh_saved_views(self.client, self.store)
        except BackendUnavailable as exc:
            if exc.status is None:
                raise  # unreachable: the connect as a whole failed
            _log.warning("could not refresh the saved views: %s", exc.message)
        except IocError as exc:
            # The views stay as cached; everything else works without them.
            _log.warning("could not refresh the saved views: %s", exc.message)
        else:
            refreshed = True
        refreshed = self._refresh_notes() or refreshed
        if refreshed:
            # After both: a listener re-reading the notes on this call sees the refreshed ones.
            self._call(self.on_views)

    def _refresh_notes(self) -> bool:
        """The private notes, re-read like the views (a note written on another console arrives)."""
        try:
            refresh_notes(self.client, self.store)
        except BackendUnavailable as exc:
            if exc.status is None:
                raise
            _log.warning("could not refresh the private notes: %s", exc.message)
        except IocError as exc:
            _log.warning("could not refresh the private notes: %s", exc.message)
        else:
            return True
        return False

    def _ensure_session(self) -> None:
        if not self.client.is_authenticated:
            grant = self.store.offline_grant()
            if grant is not None and grant.is_valid():
                try:
                    self.client.redeem_offline_grant(grant.grant)
                    _log.info("session resumed with the offline grant")
                except AuthError as exc:
                    _log.warning("offline grant refused (%s); a sign-in is needed", exc.message)
                    self.store.clear_offline_grant()
                    self._saved_grant = None
        if not self.client.is_authenticated:
            if not self._auth_requested:
                self._auth_requested = True
                self._call(self.on_auth_required)
            raise _SignInRequired()
        self._auth_requested = False
        self._save_grant()

    def _save_grant(self) -> None:
        """Keep the newest offline grant in the cache (login, refresh and redeem rotate it)."""
        grant, user = self.client.offline_grant, self.client.user
        if grant is None or user is None or grant.grant == self._saved_grant:
            return
        self.store.put_offline_grant(user.model_dump(mode="json"), grant.expires_at.isoformat(), grant.grant)
        self._saved_grant = grant.grant

    # -- catch-up sync
    def _catch_up(self, *, full: bool = False) -> None:
        """Bring the cache up to the server with /sync; the write of one page overlaps the fetch of the next."""
        started = time.monotonic()
        since = "0" if full else (self.store.cursor() or "0")
        pending: tuple[Future[Applied], SyncPage] | None = None
        cursor = since
        count = 0
        behind = False
        # One checkpoint after the last page instead of one after each (see CacheStore.bulk_sync),
        # and no cyclic garbage collection over pages that hold no cycles (see gc_pause).
        with self.store.bulk_sync(), cyclic_gc_paused():
            try:
                for page in self.client.iter_sync_pages(since, self.page_size, first_limit=self.first_page_size):
                    if pending is not None:
                        # Wait for the previous page before queueing this one: were it to fail (a full
                        # disk), this page's cursor must not be committed past its missing rows.
                        self._finish_page(*pending)
                        pending = None
                    if since != "0" and int(page.cursor) < int(since):
                        behind = True  # the server's log is behind our cursor: another (restored) database
                        break
                    future = self.store.apply_rows_async(page.upserts, page.deletes, page.cursor)
                    pending = (future, page)
                    cursor = page.cursor
                    count += len(page)
            finally:
                if pending is not None:
                    self._finish_page(*pending)
        if behind:
            _log.warning("the server's change log ends before our cursor %s: full resync", since)
            self.stats["full_resyncs"] += 1
            self._catch_up(full=True)
            return
        self._applied_id = int(cursor)
        self.stats["catch_ups"] += 1
        self.stats["synced_changes"] += count
        self.stats["last_catch_up_seconds"] = time.monotonic() - started
        if self.prefetcher is not None:
            self.prefetcher.request()
        _log.info("caught up: %d change(s) to cursor %s in %.2f s", count, cursor, time.monotonic() - started)

    def _finish_page(self, future: Future[Applied], page: SyncPage) -> None:
        applied = future.result()
        if applied:
            # Only what altered the cache is news: a change whose version the cache already
            # held (a write's own result, a page fetched again) is not reported twice.
            self._call(self.on_changes, page.changes.without(applied.skipped))

    # -- outbox replay
    def _replay(self) -> None:
        """Send pending entries oldest first; stop at the first one that could not be delivered."""
        started = time.monotonic()
        # Only this thread sends, so an entry still "sending" here was cut off by an earlier failure.
        for stale in self.store.entries(states=("sending",)):
            self._notify_outbox(self.store.requeue(stale.id, "interrupted: the connection failed while sending"))
        sent = 0
        while not self.stopping:
            batch = self.store.pending()
            if not batch:
                break
            chains = self._own_version_chains(batch)
            for entry in batch:
                if self.stopping:
                    return
                self._send_entry(entry, chains)
                sent += 1
        if sent:
            self.stats["last_replay_seconds"] = time.monotonic() - started
            self._refresh_counts()

    # Actions taken offline one after another on the same resource all name the version the
    # operator saw, but each applied one bumps it. A version produced by THIS console's own
    # replayed actions is not a conflict, so a later entry based on the version before them
    # is sent on the version after them. A change by anyone else breaks the chain, and the
    # entry then gets the 409 it deserves. The chains are rebuilt from the applied entries
    # in the durable outbox, so a resend after a crash sends exactly the same body (and so
    # matches its idempotency key).
    def _own_version_chains(self, pending: list[OutboxEntry]) -> dict[tuple[str, str], tuple[int, int]]:
        # Only the resources that pending entries touch matter: reading every applied entry on
        # each replay would cost more with every action the console has ever sent.
        keys = {(e.resource, e.resource_id) for e in pending if e.resource is not None and e.resource_id is not None}
        chains: dict[tuple[str, str], tuple[int, int]] = {}
        if not keys:
            return chains
        for entry in self.store.entries(states=("applied",), resources=keys):
            self._extend_chain(chains, entry, entry.response)
        return chains

    @staticmethod
    def _chain_target(chains: Mapping[tuple[str, str], tuple[int, int]], entry: OutboxEntry) -> int | None:
        if entry.resource is None or entry.resource_id is None or entry.base_version is None:
            return None
        chain = chains.get((entry.resource, entry.resource_id))
        if chain is not None and chain[0] <= entry.base_version < chain[1]:
            return chain[1]
        return None

    @classmethod
    def _extend_chain(cls, chains: dict[tuple[str, str], tuple[int, int]], entry: OutboxEntry, response: Any) -> None:
        if entry.resource is None or entry.resource_id is None:
            return
        key = (entry.resource, entry.resource_id)
        version = response.get("version") if isinstance(response, Mapping) else None
        if entry.base_version is None:
            if entry.kind in UNVERSIONED_CHANGE_KINDS and isinstance(version, int) and version > 1:
                # The step version-1 -> version was ours: it joins the chain that ends there.
                chain = chains.get(key)
                start = chain[0] if chain is not None and chain[1] == version - 1 else version - 1
                chains[key] = (start, version)
            return
        target = cls._chain_target(chains, entry)
        start = chains[key][0] if target is not None else entry.base_version
        effective = target if target is not None else entry.base_version
        if isinstance(version, int) and version == effective + 1:
            chains[key] = (start, version)
        else:
            chains.pop(key, None)  # someone else changed it in between: no longer our own chain

    def _send_entry(self, entry: OutboxEntry, chains: dict[tuple[str, str], tuple[int, int]]) -> None:
        try:
            entry = self.store.mark_sending(entry.id)
        except OutboxStateError:
            return  # cancelled by the operator meanwhile
        self._notify_outbox(entry)
        body = entry.body
        target = self._chain_target(chains, entry)
        if target is not None and isinstance(body, Mapping) and "version" in body:
            body = with_version(body, target)
        try:
            response = self._timed(
                self.client.send_action, entry.method, entry.path, body, idempotency_key=entry.idempotency_key
            )
        except Conflict as exc:
            if exc.code == "idempotency_key_in_use":
                # The server is still processing our earlier attempt: transient, retry later.
                self._notify_outbox(self.store.requeue(entry.id, exc.message))
                raise
            self.stats["conflicts"] += 1
            _log.info("#%d %s: conflict (%s)", entry.id, describe(entry), exc.code)
            settled = self.store.settle_conflict(
                entry.id, exc.current, exc.message, update_resource=entry.kind not in RECORD_ONLY_KINDS
            )
            self._notify_outbox(settled.entry)
            if settled.cached:
                self._report_write_result(settled.entry, exc.current)
            return
        except (PermissionDenied, NotFound, InvalidRequest) as exc:
            # The server refuses this action for good; keep it visible as failed, go on with the rest.
            self.stats["failed"] += 1
            _log.warning("#%d %s: refused: %s", entry.id, describe(entry), exc)
            self._notify_outbox(self.store.mark_failed(entry.id, exc.message))
            return
        except BaseException as exc:
            # Network error, 5xx, unreadable answer, lost session: the server may or may not
            # have applied it, so it goes back in line with the SAME key and nothing after it
            # is sent before it.
            message = exc.message if isinstance(exc, IocError) else f"{type(exc).__name__}: {exc}"
            self._notify_outbox(self.store.requeue(entry.id, message))
            raise
        self.stats["replayed"] += 1
        self._extend_chain(chains, entry, response)
        # A snapshot record's answer is an audit entry: caching it as the camera would corrupt the row.
        settled = self.store.settle_applied(entry.id, response, update_resource=entry.kind not in RECORD_ONLY_KINDS)
        self._notify_outbox(settled.entry)
        if settled.cached:
            self._report_write_result(settled.entry, response)

    def _report_write_result(self, entry: OutboxEntry, data: Any) -> None:
        """Tell the listener about the resource a write's answer just cached. Its change event
        (the echo) brings the same version and is then not applied, nor reported, again."""
        if entry.resource not in SYNCED_RESOURCES or entry.resource_id is None:
            return  # saved views are not in the change feed; their own refresh reports them
        if entry.method == "DELETE":
            change = Change(seq=0, resource=entry.resource, id=entry.resource_id, op="delete")
        elif isinstance(data, Mapping):
            # A write's answer has no change seq: 0 marks it (the cursor does not move for it).
            change = Change(
                seq=0, resource=entry.resource, id=str(data.get("id", entry.resource_id)), op="upsert", data=dict(data)
            )
        else:
            return
        self._call(self.on_changes, [change])

    # -- live stream
    def _start_stream(self) -> None:
        with self._lock:
            if self.stopping:
                return
            self._stream_generation += 1
            generation = self._stream_generation
            inbox = self._inbox

            def on_event(event: Event) -> None:
                inbox.put(("event", generation, event))

            def on_state(state: str) -> None:
                inbox.put(("stream", generation, state))

            self._stream = EventStream(
                self.client,
                last_event_id=None if self._applied_id is None else str(self._applied_id),
                on_event=on_event,
                on_state=on_state,
                read_timeout=self.stream_read_timeout,
                backoff_initial=self._stream_backoff[0],
                backoff_max=self._stream_backoff[1],
            )
            self._stream_down_since = None
            self._stream.start()

    def _stop_stream(self, timeout: float = 5.0) -> None:
        with self._lock:
            stream, self._stream = self._stream, None
            self._stream_generation += 1  # anything the old stream still queued is now stale
        if stream is not None:
            stream.stop(timeout)

    def _serve_once(self) -> None:
        """One round while online: apply live changes, replay on demand, watch the link."""
        try:
            events, wake = self._collect(_IDLE_POLL)
            self._burst_gc_pause(len(events))
            if events:
                self._apply_live(events)
            if wake:
                self._replay()
                self._judge_speed()
            self._save_grant()  # the client refreshes on its own, and each refresh rotates the grant
            self._watch_stream()
        except _ResyncNeeded as need:
            self._resync(need)
        except Exception as exc:  # noqa: BLE001 - every failure means "try again later"
            self._end_burst_gc_pause()
            if self.stopping:
                return
            self._connected = False
            self._stop_stream()
            delay = self._backoff.next()
            self._record_failure(exc, next_retry_in=delay)
            self._wait(delay)

    def _burst_gc_pause(self, live: int) -> None:
        """Pause the cyclic collector through a burst of live changes (``live``: this round's).

        Why: during a burst of 10,000 alerts every thread of the console allocates (the stream
        decodes, this thread writes the cache, the GUI thread fills the queues) and most of it
        lives on in the models, so the collector ran again and again over the same objects:
        ~0.4 s in one burst, with full collections of 20-80 ms that hold the GIL and stall the
        GUI thread. None of that frees anything (the changes are JSON: no cycles). Paused, it
        runs once after the burst, as after a catch-up (``cyclic_gc_paused``). A burst that
        goes on for longer than BURST_GC_MAX s gets the collector back between two rounds
        (the next allocation anywhere runs it) once every BURST_GC_MAX s.
        """
        now = time.monotonic()
        if live:
            self._last_live_at = now
        if self._burst_gc is not None:
            if now - self._last_live_at >= BURST_GC_QUIET or now - self._burst_gc_since >= BURST_GC_MAX:
                self._end_burst_gc_pause()
            return
        if live >= BURST_CHANGES:
            self._burst_gc = cyclic_gc_paused()
            self._burst_gc.__enter__()
            self._burst_gc_since = now

    def _end_burst_gc_pause(self) -> None:
        pause, self._burst_gc = self._burst_gc, None
        if pause is not None:
            pause.__exit__(None, None, None)

    def _judge_speed(self) -> None:
        """Degraded while calls are slow; online again after a round of quick ones."""
        if self._slow:
            self._set_status(DEGRADED, f"slow responses (over {SLOW_CALL_SECONDS:.0f} s)")
        elif self.status.state == DEGRADED and self._stream_down_since is None:
            self._set_status(ONLINE, "up to date", failures=0)
        self._slow = False

    def _collect(self, timeout: float) -> tuple[list[Event], bool]:
        """Live events of the current stream, and whether woken.

        Events are gathered until the stream has been quiet for LIVE_QUIET_SECONDS, for at most
        COALESCE_SECONDS after the first: a burst is written in few large batches, while a lone
        change reaches the cache and the screens without waiting out the whole window.
        """
        events: list[Event] = []
        wake = False
        deadline: float | None = None
        while len(events) < MAX_LIVE_BATCH:
            wait = timeout if deadline is None else min(deadline - time.monotonic(), LIVE_QUIET_SECONDS)
            if wait <= 0:
                break
            try:
                kind, generation, payload = self._inbox.get(timeout=wait)
            except queue.Empty:
                break
            if kind == "stop":
                break
            if kind == "wake":
                wake = True
                if deadline is None:
                    break
                continue
            if generation != self._stream_generation:
                continue  # from a stream we already replaced
            if kind == "stream":
                self._on_stream_state(payload)
                continue
            events.append(payload)
            if deadline is None:
                deadline = time.monotonic() + COALESCE_SECONDS
        return events, wake

    def _on_stream_state(self, state: str) -> None:
        if state == "connected":
            self._stream_down_since = None
            if self.status.state == DEGRADED and not self._slow:
                self._set_status(ONLINE, "up to date", failures=0)
        elif state == "reconnecting" and self._stream_down_since is None:
            self._stream_down_since = time.monotonic()
            # Is it only the stream (token expiry, a dropped connection) or the backend itself?
            self._next_stream_probe = time.monotonic() + STREAM_GRACE_SECONDS
            self._timed(self.client.health)

    def _watch_stream(self) -> None:
        down = self._stream_down_since
        now = time.monotonic()
        if down is None or now - down <= STREAM_GRACE_SECONDS or now < self._next_stream_probe:
            return
        if self.status.state == ONLINE:
            self._set_status(DEGRADED, "live updates interrupted; reconnecting")
        self._next_stream_probe = now + STREAM_GRACE_SECONDS
        self._timed(self.client.health)  # raises when the backend is gone: then we go offline

    def _apply_live(self, events: Sequence[Event]) -> None:
        changes: list[Change] = []
        expected = self._applied_id
        problem: _ResyncNeeded | None = None
        for event in events:
            if event.type == "reset":
                reason = str(event.data.get("reason", "reset"))
                # A catch-up from the cache cursor notices by itself when the server is behind it.
                problem = _ResyncNeeded(f"reset: {reason}")
                break
            if event.type != "change" or event.change is None:
                continue
            prev = event.data.get("prev")
            if isinstance(prev, int) and expected is not None and prev != expected:
                problem = _ResyncNeeded(f"gap: event {event.change.seq} follows {prev}, cache is at {expected}")
                break
            changes.append(event.change)
            expected = event.change.seq
        if changes:
            applied = self.store.apply_changes([_raw_change(c) for c in changes], str(changes[-1].seq))
            self._applied_id = changes[-1].seq
            self.stats["live_changes"] += len(changes)
            if applied.skipped:
                changes = [c for c in changes if (c.resource, c.id, c.seq) not in applied.skipped]
            if self.prefetcher is not None and changes:
                self.prefetcher.note_alerts(
                    c.id
                    for c in changes
                    if c.resource == "alert"
                    and c.op != "delete"
                    and isinstance(c.data, Mapping)
                    and c.data.get("state") != "closed"
                )
                if any(c.resource == "meeting" for c in changes):
                    # A document may have been added: fetch it now, not at the next catch-up.
                    self.prefetcher.request()
            if changes:
                self._call(self.on_changes, changes)
            self._set_status()  # last_sync_at moved
        if problem is not None:
            raise problem

    def _resync(self, need: _ResyncNeeded) -> None:
        _log.warning("live stream out of step (%s): catching up with /sync", need.reason)
        self.stats["reset_resyncs" if need.reason.startswith("reset") else "gap_resyncs"] += 1
        self._stop_stream()
        try:
            if need.full:
                self.stats["full_resyncs"] += 1
            self._catch_up(full=need.full)
            self._start_stream()
        except Exception as exc:  # noqa: BLE001 - every failure means "try again later"
            self._connected = False
            self._stop_stream()
            delay = self._backoff.next()
            self._record_failure(exc, next_retry_in=delay)
            self._wait(delay)
