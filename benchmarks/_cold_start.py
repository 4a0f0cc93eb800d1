"""Child process of bench_sync.py: open the console from a filled cache, print how long each step took.

Run by the benchmark in a fresh interpreter so imports, file opening and Qt start are really
cold (the OS page cache is not dropped: that needs root). Two modes: ``cache`` (open the cache
and read the first screen: newest 200 alerts, counts) and ``window`` (the console's main window
opened offline from the cache, as an operator would see it). Prints one JSON line on stdout:
step durations in seconds plus ``ready_at`` (time.time() when the first screen was ready).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

_T0 = time.perf_counter()  # before any project import: import costs are part of a cold start

import argparse
import json
import os
import sys

if TYPE_CHECKING:
    from backend_client.cache import CacheStore

FIRST_SCREEN_ALERTS = 200
# Nothing listens on the discard port: the console is constructed with an offline connection.
OFFLINE_URL = "http://127.0.0.1:9"


_ready: dict[str, float] = {}


def mark_ready(timings: dict[str, float]) -> None:
    """The first screen is usable now; what follows (closing, shutting down) is not part of the start."""
    _ready["at"] = time.time()
    timings["in_process_total"] = time.perf_counter() - _T0


def _lap(timings: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    timings[name] = now - since
    return now


def cache_part(path: str, timings: dict[str, float]) -> tuple[CacheStore, dict[str, object]]:
    """Open the cache and read what the first screen shows; returns the open store and a summary."""
    t = time.perf_counter()
    from backend_client.cache import CacheStore

    t = _lap(timings, "import_cache", t)
    store = CacheStore(path)
    t = _lap(timings, "open_cache", t)
    newest = store.list("alert", limit=FIRST_SCREEN_ALERTS, order_by="sort_time desc")
    counts = store.counts()
    new_alerts = store.count("alert", state="new")
    open_reports = store.count("report", state="open")
    synced = store.last_synced_at()
    _lap(timings, "first_screen_reads", t)
    return store, {
        "newest_alerts": len(newest),
        "counts": counts,
        "new_alerts": new_alerts,
        "open_reports": open_reports,
        "data_as_of": None if synced is None else synced.isoformat(),
    }


def _import_console(timings: dict[str, float]) -> dict[str, object]:
    """Import PySide6 and the console (which pulls in backend_client, SQLAlchemy, requests, pydantic)."""
    t = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from ioc_console.services import ops
    from ioc_console.services.connection import ConnectionService
    from ioc_console.services.context import create_context
    from ioc_console.services.i18n import LanguageManager
    from ioc_console.shell.main_window import MainWindow
    from ioc_console.shell.theme import apply_theme

    timings["import_console"] = timings.get("import_console", 0.0) + time.perf_counter() - t
    return {
        "QApplication": QApplication,
        "ops": ops,
        "ConnectionService": ConnectionService,
        "create_context": create_context,
        "LanguageManager": LanguageManager,
        "MainWindow": MainWindow,
        "apply_theme": apply_theme,
    }


def console_can_open_from_cache() -> bool:
    """True when the console has its offline start (ConnectionService.open_offline + the feed's history)."""
    from ioc_console.services.connection import ConnectionService
    from ioc_console.workspaces.events.event_feed import EventFeed

    return hasattr(ConnectionService, "open_offline") and hasattr(EventFeed, "history_loaded")


def window_from_cache(cache: str, username: str, timings: dict[str, float]) -> dict[str, object]:
    """The console's own offline start: main window shown, cache opened with the offline grant,
    the event log filled with the newest cached alerts. Ready = the feed's ``history_loaded``."""
    m = _import_console(timings)
    from PySide6.QtCore import QEventLoop, QTimer

    from backend_client.cache import default_cache_path

    # The console looks for this user's cache of the backend URL it is pointed at; link the
    # synced file there (a hard link: instant, nothing copied).
    target = default_cache_path(OFFLINE_URL, username)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.link(cache, target)
    t = time.perf_counter()
    qapp = m["QApplication"].instance() or m["QApplication"]([sys.argv[0]])
    m["apply_theme"](qapp)
    languages = m["LanguageManager"](qapp)
    languages.set_language("vi")
    t = _lap(timings, "qapplication", t)
    context = m["create_context"](OFFLINE_URL, languages=languages)
    window = m["MainWindow"](context)
    window.show()
    qapp.processEvents()
    t = _lap(timings, "main_window", t)
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def loaded(rows: int) -> None:
        outcome["history_rows"] = rows
        loop.quit()

    def failed(error: object) -> None:
        outcome["error"] = f"history failed: {error}"
        loop.quit()

    def candidate_found(candidate: object) -> None:
        if candidate is None:
            outcome["error"] = "the console found no usable offline cache (missing or without a valid grant)"
            loop.quit()
        else:
            context.connection.open_offline(candidate)

    events = window.workspace("events")
    events.feed.history_loaded.connect(loaded)
    events.feed.history_failed.connect(failed)
    QTimer.singleShot(60_000, lambda: (outcome.setdefault("error", "timed out after 60 s"), loop.quit()))
    context.connection.find_offline_candidate(username, candidate_found)
    loop.exec()
    qapp.processEvents()
    _lap(timings, "open_cache_fill_event_log", t)
    mark_ready(timings)
    info = {
        "window_visible": window.isVisible(),
        "connection_state": context.connection.state,
        "window_from_cache": "error" not in outcome,
        "event_log_rows": events.model.rowCount(),
        **outcome,
    }
    window.close()
    context.connection.shutdown()
    m["ops"].shutdown_pool(10_000)
    context.connection.client.close()
    languages.uninstall()
    return info


def window_offline(timings: dict[str, float]) -> dict[str, object]:
    """Without the console's offline start: QApplication + MainWindow with an offline connection."""
    m = _import_console(timings)
    t = time.perf_counter()
    qapp = m["QApplication"].instance() or m["QApplication"]([sys.argv[0]])
    m["apply_theme"](qapp)
    languages = m["LanguageManager"](qapp)
    languages.set_language("vi")
    t = _lap(timings, "qapplication", t)
    context = m["create_context"](OFFLINE_URL, languages=languages)
    window = m["MainWindow"](context)
    window.show()
    qapp.processEvents()
    _lap(timings, "main_window", t)
    mark_ready(timings)
    info = {
        "window_visible": window.isVisible(),
        "connection_state": context.connection.state,
        "window_from_cache": False,
    }
    window.close()
    context.connection.shutdown()
    m["ops"].shutdown_pool(10_000)
    context.connection.client.close()
    languages.uninstall()
    return info


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", help="the cache file filled by the initial sync")
    parser.add_argument(
        "--mode",
        choices=("cache", "window"),
        default="cache",
        help="cache: open the cache and read the first screen; window: the console's main "
        "window from the cache (offscreen)",
    )
    parser.add_argument("--username", default="", help="the user the cache belongs to (window mode)")
    args = parser.parse_args()
    timings: dict[str, float] = {}
    summary: dict[str, object] = {}
    if args.mode == "cache":
        store, summary = cache_part(args.cache, timings)
        mark_ready(timings)
        # After the measured part: the reads the console's event feed fills the log with.
        from ioc_console.workspaces.events.event_feed import _history_from

        t = time.perf_counter()
        _history_from(store)
        timings["event_feed_query_alone"] = time.perf_counter() - t
        store.close()
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        t = time.perf_counter()
        from_cache = console_can_open_from_cache()  # imports the console's connection: counted as imports
        timings["import_console"] = time.perf_counter() - t
    if args.mode == "window" and from_cache:
        summary = window_from_cache(args.cache, args.username, timings)
    elif args.mode == "window":
        store, summary = cache_part(args.cache, timings)
        try:
            summary.update(window_offline(timings))
        finally:
            store.close()
    ready_at = _ready["at"]
    if args.mode == "cache":
        # After the measured part: what the full integrity check would cost on this file. CacheStore
        # runs it only after an unclean shutdown (PRAGMA quick_check reads the whole file).
        import sqlite3

        t = time.perf_counter()
        conn = sqlite3.connect(args.cache)
        try:
            conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
        timings["quick_check_alone"] = time.perf_counter() - t
        summary["cache_mb"] = round(os.path.getsize(args.cache) / 1e6)
    print(json.dumps({"timings": timings, "ready_at": ready_at, "summary": summary}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
