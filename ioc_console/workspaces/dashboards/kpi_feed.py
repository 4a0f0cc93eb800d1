"""The figures of one dashboard: fetched off the GUI thread, kept per (source, filters) in the cache
for offline starts, and fetched again — coalesced — when changes to their records arrive.

One request per (source, grouping) the dashboard needs, whatever the number of widgets reading
it. A change to a report marks only the reports' requests dirty; a single-shot timer (500 ms)
then fetches the dirty ones once, so a burst of changes costs at most two redraws a second. A
request already in flight is not doubled: it is asked again when its answer arrives.

Nothing is fetched or drawn for a page nobody looks at: until the page is seen, and while it is
hidden, a batch of changes costs nothing and the sign-in, the cache opening or the link coming
back only wait (the page asks every figure afresh each time it is shown). Only explicit asks
(``refresh``, the briefing's ``warm``) fetch for a hidden page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from backend_client.sync.connection_state import OFFLINE, ONLINE
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import LOCAL_TZ
from ioc_console.services.ops import run_in_background, run_on_cache
from ioc_domain.dashboard_definition import (
    ALERT_FUNNEL,
    CAMERAS,
    REPORTS,
    SENSORS,
    TASKS,
    DashboardDefinition,
    DashboardFilters,
)
from ioc_domain.roles import may

log = logging.getLogger(__name__)

#: At most this often per request: a burst of changes redraws a figure at most twice a second.
COALESCE_MS = 500
#: While seen, every figure is asked again this often: "today" moves on, tasks fall overdue with
#: no record changing, and the as-of times on a wall display stay current.
REFRESH_MS = 60_000
READ_PERMISSION = "ops.read"
STATE_PREFIX = "dashboards.kpi|"
#: Which KPI sources a change of each resource can move.
SOURCES_OF_RESOURCE: dict[str, tuple[str, ...]] = {
    "report": (REPORTS,),
    "camera": (CAMERAS,),
    "task": (TASKS,),
    "sensor": (SENSORS,),
    "alert": (ALERT_FUNNEL,),
    "warning": (ALERT_FUNNEL,),
}


@dataclass(frozen=True)
class Query:
    """One request: a source, its grouping and the dashboard's filters."""

    source: str
    group_by: str | None
    filters: DashboardFilters

    @property
    def key(self) -> str:
        return f"{self.source}|{self.group_by or ''}|{self.filters.cache_key()}"


@dataclass(frozen=True)
class Answer:
    """An answer as a plain mapping, and whether it came from the offline cache."""

    data: Mapping[str, Any]
    from_cache: bool


def _plain(answer: Any) -> dict[str, Any]:
    if isinstance(answer, Mapping):
        return dict(answer)
    return answer.model_dump(mode="json")


def fetch(client: Any, query: Query, now: datetime) -> dict[str, Any]:
    """Ask the backend (blocking: call off the GUI thread)."""
    since, until = query.filters.bounds(now, LOCAL_TZ)
    ward = query.filters.ward
    if query.source == REPORTS:
        answer = client.report_stats(since=since, until=until, ward=ward, group_by=query.group_by)
    elif query.source == TASKS:
        answer = client.task_stats(since=since, until=until, ward=ward)
    elif query.source == ALERT_FUNNEL:
        answer = client.alert_funnel(since, until, query.group_by, ward=ward)
    elif query.source == CAMERAS:
        answer = client.camera_stats(ward=ward)
    elif query.source == SENSORS:
        answer = client.sensor_stats(ward=ward)
    else:
        raise ValueError(f"unknown KPI source {query.source!r}")
    return _plain(answer)


class KpiFeed(QObject):
    """Keeps the answers of the current dashboard's requests; ``answered`` fires for each new one."""

    answered = Signal(str, object)  # query key, Answer
    failed = Signal(str, str)  # query key, message (nothing cached to show either)

    def __init__(self, connection: ConnectionService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._queries: dict[str, Query] = {}
        self._warm: dict[str, Query] = {}  # other dashboards' requests, kept ready for the briefing pack
        self._answers: dict[str, Answer] = {}
        self._in_flight: set[str] = set()
        self._reading: set[str] = set()  # cached answers being read
        self._failed: set[str] = set()  # asked, failed, nothing cached: settled, shown as "—"
        self._again: set[str] = set()
        self._dirty_sources: set[str] = set()
        # Until the page is seen, changes only mark requests dirty (a catch-up sync brings many).
        self._active = False
        self.fetches = 0  # requests sent to the backend (tests, diagnostics)
        self._timer = QTimer(self)
        self._timer.setObjectName("dashboardCoalesceTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._fetch_dirty)
        self._clock = QTimer(self)
        self._clock.setObjectName("dashboardRefreshTimer")
        self._clock.setInterval(REFRESH_MS)
        self._clock.timeout.connect(self.refresh)
        connection.changes_applied.connect(self.note_changes)
        connection.state_changed.connect(self._on_state)
        connection.cache_ready.connect(lambda _store: self._refresh_if_seen())

    # -- what to fetch --------------------------------------------------------------------------
    def set_dashboard(self, definition: DashboardDefinition) -> None:
        """Fetch what this dashboard needs (cached answers first, for an instant picture) once the
        page is seen; until then only the requests are noted."""
        queries = [Query(source, group_by, definition.filters) for source, group_by in definition.queries()]
        self._queries = {query.key: query for query in queries}
        self._refresh_if_seen()

    def warm(self, definition: DashboardDefinition, *, fresh: bool = False) -> None:
        """Get another dashboard's figures ready (cached, then fresh) without showing them: the
        briefing pictures every dashboard, not only the one on screen. Asked once unless ``fresh``:
        these are not kept current by changes, so a briefing asks them again when it starts."""
        if not self.allowed():
            return
        for source, group_by in definition.queries():
            query = Query(source, group_by, definition.filters)
            if query.key in self._queries or (query.key in self._warm and not fresh):
                continue
            self._warm[query.key] = query
            if query.key in self._answers:
                self._fetch(query)
            else:
                self._read_cached(query, then_fetch=True)

    def _wanted(self, key: str) -> bool:
        return key in self._queries or key in self._warm

    def settled(self, queries: list[Query]) -> bool:
        """True when each of ``queries`` has its final answer for now: fetched (or, offline or after a
        failed fetch, the cache's, labelled so), or failed with nothing cached. False while one is
        being fetched or read: the briefing pack waits for it rather than print a stale figure."""
        if not self.allowed():
            return True  # nothing will come
        return all(
            q.key not in self._in_flight
            and q.key not in self._reading
            and (q.key in self._answers or q.key in self._failed)
            for q in queries
        )

    def queries(self) -> list[Query]:
        return list(self._queries.values())

    def answer(self, key: str) -> Answer | None:
        return self._answers.get(key)

    @property
    def active(self) -> bool:
        """True while the page is seen."""
        return self._active

    def set_active(self, active: bool) -> None:
        """Hidden: changes are not even looked at; shown again: every figure is fetched anew."""
        was, self._active = self._active, active
        if not active:
            self._clock.stop()
            self._timer.stop()  # the dirty figures are asked anew when the page is shown again
            return
        if self._clock.interval() > 0:
            self._clock.start()
        if not was:
            self._dirty_sources.clear()
            self.refresh()

    def set_refresh_interval(self, ms: int) -> None:
        """How often every figure is asked again while seen; 0: only when records change."""
        self._clock.setInterval(max(ms, 0))
        if ms <= 0:
            self._clock.stop()
        elif self._active:
            self._clock.start()

    def forget(self) -> None:
        """Signed out: the next person at this console must not see these figures."""
        self._answers.clear()
        self._failed.clear()
        self._warm.clear()
        self._dirty_sources.clear()
        self._again.clear()

    def allowed(self) -> bool:
        return may(getattr(self._connection.user, "role", None), READ_PERMISSION)

    def is_pending(self) -> bool:
        """True while a coalesced fetch waits or a request is in flight."""
        return self._timer.isActive() or bool(self._in_flight)

    def _refresh_if_seen(self) -> None:
        # Hidden (or never shown yet): the page fetches everything when it is shown.
        if self._active:
            self.refresh()

    def refresh(self) -> None:
        """Every figure of the dashboard afresh (cached answers first for those not shown yet)."""
        if not self.allowed():
            return  # a participant's console: the figures are not theirs to read (403)
        for query in self._queries.values():
            if query.key not in self._answers:
                self._read_cached(query, then_fetch=True)
            else:
                self._fetch(query)

    # -- live changes ---------------------------------------------------------------------------
    def note_changes(self, changes: Any) -> None:
        if not self._active:
            return  # O(1) per batch while hidden: the page asks every figure again when shown
        sources: set[str] = set()
        for change in changes:
            resource = change.get("resource") if isinstance(change, Mapping) else getattr(change, "resource", None)
            sources.update(SOURCES_OF_RESOURCE.get(str(resource), ()))
            if len(sources) == len(SOURCES_OF_RESOURCE):
                break
        if not sources:
            return
        self._dirty_sources |= sources
        if not self._timer.isActive():
            self._timer.start()

    def _fetch_dirty(self) -> None:
        if not self.allowed():
            return
        dirty, self._dirty_sources = self._dirty_sources, set()
        for query in self._queries.values():
            if query.source in dirty:
                self._fetch(query)

    def _on_state(self, state: str) -> None:
        if state == ONLINE:
            self._refresh_if_seen()  # back online: every figure fresh again

    # -- fetching ---------------------------------------------------------------------------------
    def _fetch(self, query: Query) -> None:
        if self._connection.state == OFFLINE:
            # No server (an offline start, or the link is down): the last answer kept here, labelled.
            current = self._answers.get(query.key)
            if current is None or current.from_cache:
                self._read_cached(query, then_fetch=False)
            return
        if query.key in self._in_flight:
            self._again.add(query.key)
            return
        self._in_flight.add(query.key)
        self.fetches += 1
        client = self._connection.client
        now = datetime.now(UTC)
        run_in_background(
            lambda: fetch(client, query, now),
            on_success=lambda data: self._fetched(query, data),
            on_failure=lambda error: self._fetch_failed(query, error),
            parent=self,
        )

    def _fetched(self, query: Query, data: dict[str, Any]) -> None:
        self._done(query)
        self._failed.discard(query.key)
        if self._wanted(query.key):
            self._answers[query.key] = Answer(data, from_cache=False)
            self.answered.emit(query.key, self._answers[query.key])
        store = self._connection.store
        if store is not None:
            # Encoded on the cache pool, not on the GUI thread (the answer is never changed).
            run_on_cache(
                lambda: store.set_state(STATE_PREFIX + query.key, json.dumps(data, ensure_ascii=False)),
                on_failure=lambda error: log.warning("KPI answer not kept in the cache: %s", error),
                parent=self,
            )

    def _fetch_failed(self, query: Query, error: BaseException) -> None:
        self._done(query)
        message = getattr(error, "message", None) or str(error)
        log.info("KPI %s not fetched: %s", query.key, message)
        current = self._answers.get(query.key)
        if current is None or not current.from_cache:
            self._read_cached(query, then_fetch=False, reason=message)

    def _done(self, query: Query) -> None:
        self._in_flight.discard(query.key)
        if query.key in self._again:
            self._again.discard(query.key)
            self._dirty_sources.add(query.source)
            if not self._timer.isActive():
                self._timer.start()

    def _read_cached(self, query: Query, *, then_fetch: bool, reason: str | None = None) -> None:
        store = self._connection.store
        if store is None:
            if then_fetch:
                self._fetch(query)
            elif reason is not None:
                self._failed.add(query.key)
                self.failed.emit(query.key, reason)
            return
        self._reading.add(query.key)

        def read() -> dict[str, Any] | None:
            # Read and decoded on the cache pool: the GUI thread only gets the answer.
            text = store.get_state(STATE_PREFIX + query.key)
            if not text:
                return None
            try:
                loaded = json.loads(text)
            except ValueError:
                log.warning("the cached KPI answer %s is unreadable", query.key)
                return None
            return loaded if isinstance(loaded, dict) else None

        def arrived(cached: dict[str, Any] | None) -> None:
            self._reading.discard(query.key)
            # A fresh answer that arrived meanwhile wins over the cached one.
            current = self._answers.get(query.key)
            if cached is not None and self._wanted(query.key) and (current is None or current.from_cache):
                self._answers[query.key] = Answer(cached, from_cache=True)
                self.answered.emit(query.key, self._answers[query.key])
            elif cached is None and reason is not None and current is None:
                self._failed.add(query.key)
                self.failed.emit(query.key, reason)
            elif cached is None and not then_fetch and current is None:
                self._failed.add(query.key)  # offline with nothing cached: no answer will come
            if then_fetch and self._connection.state != OFFLINE:
                self._fetch(query)

        run_on_cache(
            read,
            on_success=arrived,
            on_failure=lambda error: arrived(None),
            parent=self,
        )
