"""Benchmark of the offline cache sync: initial sync, cold start from the cache, 10,000-change catch-up.

Run: /work/venv/bin/python benchmarks/bench_sync.py [--reports 183000 --alerts 50000 --cameras 700]
     /work/venv/bin/python benchmarks/bench_sync.py --quick          (a one-minute smoke run)

Everything runs against the real backend process (``python -m ioc_backend``) over loopback, on
a database built with the backend's own bulk helpers, and a real cache file. Each figure is
printed beside its reference measured in the same run:

  1. initial sync into a fresh cache through SyncEngine's catch-up path vs the floor: the same
     payload fetched raw with requests (as few calls as the backend's page cap allows), parsed
     with ``json`` and inserted with plain ``sqlite3`` executemany into a minimal table;
  2. cold start, in fresh processes (3 runs, median): (a) open the cache and read the first
     screen (newest 200 alerts, counts); (b) with PySide6, the console's own offline start:
     main window shown offscreen, cache opened with the saved offline grant, event log filled
     (before the console had that, QApplication + MainWindow with an offline connection);
  3. catch-up of 10,000 changes made on the server vs the raw fetch + parse of those changes.

No assertions on times: this prints figures for a human to read (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the _bigdata / _cold_start helpers next to this file
if importlib.util.find_spec("backend_client") is None:  # a plain checkout without the editable install
    sys.path.insert(0, str(HERE.parent))

from _bigdata import BackendProcess, build_backend_database, change_resources, start_backend

from backend_client import IocClient, SyncEngine
from backend_client.cache import CacheStore

API = "/api/v1"
USERNAME = "bench-operator"
SERVER_MAX_LIMIT = 10_000  # /sync's `limit` is capped at 10000 (ioc_backend/api/routes/sync.py)
COLD_START_RUNS = 3
ENGINE_TIMEOUT_S = 600.0
TARGETS = {"initial_ratio": 3.0, "initial_s": 15.0, "cold_s": 2.0, "catchup_s": 1.0}


# ----------------------------------------------------------------------------- helpers
@dataclass
class RawFetch:
    """The floor's parts, summed over its pages."""

    calls: int = 0
    rows: int = 0
    bytes: int = 0
    fetch_s: float = 0.0
    parse_s: float = 0.0
    encode_s: float = 0.0  # json.dumps of each row's data: the text the table stores
    insert_s: float = 0.0  # executemany + commit
    cursor: str = "0"
    client_cpu_s: float = 0.0
    backend_cpu_s: float = 0.0

    @property
    def total_s(self) -> float:
        return self.fetch_s + self.parse_s + self.encode_s + self.insert_s


@dataclass
class Measured:
    seconds: float
    how: str
    rows: int
    cursor: str | None
    notes: list[str] = field(default_factory=list)
    client_cpu_s: float = 0.0
    backend_cpu_s: float = 0.0


def process_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def raw_login(url: str, password: str) -> requests.Session:
    session = requests.Session()
    response = session.post(f"{url}{API}/auth/login", json={"username": USERNAME, "password": password}, timeout=30)
    response.raise_for_status()
    session.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return session


def raw_sync(
    session: requests.Session, url: str, since: str, *, insert_into: Path | None, backend_pid: int
) -> RawFetch:
    """The floor: GET /sync with the largest page the backend allows, json.loads, sqlite3 executemany."""
    result = RawFetch(cursor=since)
    cpu0, backend_cpu0 = time.process_time(), process_cpu_s(backend_pid)
    db = None
    if insert_into is not None:
        db = sqlite3.connect(insert_into)
        db.execute(
            "CREATE TABLE IF NOT EXISTS items (resource TEXT NOT NULL, id TEXT NOT NULL, "
            "seq INTEGER NOT NULL, data TEXT, PRIMARY KEY (resource, id))"
        )
    try:
        while True:
            t0 = time.perf_counter()
            response = session.get(
                f"{url}{API}/sync", params={"since": result.cursor, "limit": SERVER_MAX_LIMIT}, timeout=300
            )
            response.raise_for_status()
            body = response.content
            t1 = time.perf_counter()
            page = json.loads(body)
            t2 = time.perf_counter()
            changes = page["changes"]
            t3 = t2
            if db is not None:
                dumps = json.dumps
                rows = [(c["resource"], c["id"], c["seq"], dumps(c["data"])) for c in changes]
                t3 = time.perf_counter()
                with db:  # one transaction per page, like the cache
                    db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?)", rows)
            t4 = time.perf_counter()
            result.calls += 1
            result.rows += len(changes)
            result.bytes += len(body)
            result.fetch_s += t1 - t0
            result.parse_s += t2 - t1
            result.encode_s += t3 - t2
            result.insert_s += t4 - t3
            result.cursor = page["cursor"]
            if not page["has_more"]:
                break
    finally:
        if db is not None:
            db.close()
    result.client_cpu_s = time.process_time() - cpu0
    result.backend_cpu_s = process_cpu_s(backend_pid) - backend_cpu0
    return result


def sync_with_engine(client: IocClient, store: CacheStore, target_cursor: str, backend_pid: int) -> Measured:
    """SyncEngine's catch-up: from start() until the cache's cursor reaches the server's newest change.

    The span includes the engine's /health probe and session check before its /sync pages;
    the engine's own figure for the /sync part alone is added as a note.
    """
    rows = 0
    reached = threading.Event()
    lock = threading.Lock()

    def on_changes(changes: list[Any]) -> None:
        nonlocal rows
        with lock:
            rows += len(changes)
        # Called after the changes are committed, so the cursor read here is durable.
        cursor = store.cursor()
        if cursor is not None and int(cursor) >= int(target_cursor):
            reached.set()

    engine = SyncEngine(client, store, on_changes=on_changes)
    cpu0, backend_cpu0 = time.process_time(), process_cpu_s(backend_pid)
    t0 = time.perf_counter()
    engine.start()
    try:
        if not reached.wait(ENGINE_TIMEOUT_S):
            raise RuntimeError(
                f"SyncEngine did not reach cursor {target_cursor} in {ENGINE_TIMEOUT_S:.0f} s "
                f"(cache cursor {store.cursor()}, status {engine.status})"
            )
        seconds = time.perf_counter() - t0
        client_cpu, backend_cpu = time.process_time() - cpu0, process_cpu_s(backend_pid) - backend_cpu0
    finally:
        engine.stop()
    return Measured(
        seconds,
        f"SyncEngine (pages of {engine.first_page_size:,} growing to {engine.page_size:,}), "
        f"start() until the cache cursor reached {target_cursor}",
        rows,
        store.cursor(),
        [f"the engine's own catch-up timer (its /sync loop alone): {fmt_s(engine.stats['last_catch_up_seconds'])}"],
        client_cpu,
        backend_cpu,
    )


def run_cold_start(cache_path: Path, env: dict[str, str], mode: str) -> dict[str, Any]:
    """One fresh interpreter opening the cache; wall time from spawn to the first screen ready."""
    args = [sys.executable, str(HERE / "_cold_start.py"), str(cache_path), "--mode", mode, "--username", USERNAME]
    spawned = time.time()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=180)
    if proc.returncode != 0:
        raise RuntimeError(f"the cold-start process failed ({proc.returncode}):\n{proc.stderr}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["wall_s"] = report["ready_at"] - spawned
    return report


def cold_starts(cache_path: Path, env: dict[str, str], mode: str) -> tuple[float, dict[str, Any], list[float]]:
    """(median wall seconds, the median run's report, every run's wall seconds) over fresh processes."""
    runs = [run_cold_start(cache_path, env, mode) for _ in range(COLD_START_RUNS)]
    walls = [r["wall_s"] for r in runs]
    median_run = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
    return statistics.median(walls), median_run, walls


PROJECT_PACKAGES = ("backend_client", "ioc_console", "widgets", "resources")


def compile_project_bytecode() -> tuple[list[Path], bool]:
    """Byte-compile the console's own packages, as ``pip install`` does and as Python itself does
    at a console's first start; returns the ``__pycache__`` folders this created, and whether
    the checkout already had some (then starts from bare sources cannot be measured here).

    A console that has run once starts from cached bytecode. This machine sets
    PYTHONDONTWRITEBYTECODE, and the editable install leaves the checkout without bytecode,
    so without this every measured start would compile the project's sources first.
    """
    root = HERE.parent
    existing = {path for package in PROJECT_PACKAGES for path in (root / package).rglob("__pycache__")}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *[str(root / p) for p in PROJECT_PACKAGES]],
        check=True,
        capture_output=True,
        timeout=300,
    )
    created = {path for package in PROJECT_PACKAGES for path in (root / package).rglob("__pycache__")} - existing
    return sorted(created), bool(existing)


def remove_bytecode(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def steps_text(report: dict[str, Any]) -> str:
    return ", ".join(
        f"{name} {fmt_s(value)}" for name, value in report["timings"].items() if not name.endswith("_alone")
    )


def pyside_available() -> bool:
    return importlib.util.find_spec("PySide6") is not None


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def machine_line() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.node() or 'host'}: {os.cpu_count()} CPU(s), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, load average {load}"
    )


# ----------------------------------------------------------------------------- main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=183_000)
    parser.add_argument("--alerts", type=int, default=50_000)
    parser.add_argument("--cameras", type=int, default=700)
    parser.add_argument("--changes", type=int, default=10_000, help="changes for the catch-up measurement")
    parser.add_argument(
        "--quick", action="store_true", help="smoke scale: 18,300 reports, 5,000 alerts, 700 cameras, 1,000 changes"
    )
    parser.add_argument(
        "--reuse-db",
        type=Path,
        metavar="FILE",
        help="keep the generated backend database here and reuse it on later runs of the "
        "same scale (the run itself works on a copy)",
    )
    parser.add_argument("--no-qt", action="store_true", help="skip the main-window part of the cold start")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (prints its path)")
    args = parser.parse_args()
    if args.quick:
        args.reports, args.alerts, args.cameras, args.changes = 18_300, 5_000, 700, 1_000
    for name in ("reports", "alerts", "cameras", "changes"):
        if getattr(args, name) < 0:
            parser.error(f"--{name} must not be negative")
    if args.cameras < 1 and args.alerts:
        parser.error("alerts need at least one camera")
    if not 1 <= args.changes <= args.reports + args.alerts:
        parser.error("--changes must be between 1 and the number of reports plus alerts")

    work = Path(tempfile.mkdtemp(prefix="ioc-bench-sync-"))
    backends: list[BackendProcess] = []
    try:
        _run(args, work, backends)
    finally:
        for backend in backends:
            backend.stop()
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _prepare_database(args: argparse.Namespace, work: Path, password: str) -> tuple[Path, str]:
    """The backend database of this run; returns (path, how it was obtained)."""
    db_path = work / "backend.sqlite3"
    scale = f"{args.reports}r-{args.alerts}a-{args.cameras}c"
    if args.reuse_db is not None:
        marker = args.reuse_db.with_name(args.reuse_db.name + ".scale")
        secret = args.reuse_db.with_name(args.reuse_db.name + ".pw")
        if args.reuse_db.exists() and marker.exists() and marker.read_text() == scale and secret.exists():
            shutil.copyfile(args.reuse_db, db_path)
            return db_path, f"copied from {args.reuse_db} (built earlier); password: {secret}"
    t0 = time.perf_counter()
    timings = build_backend_database(
        db_path, reports=args.reports, alerts=args.alerts, cameras=args.cameras, username=USERNAME, password=password
    )
    how = (
        f"built in {time.perf_counter() - t0:.1f} s (generate {timings['generate']:.1f} s, "
        f"bulk_create {timings['insert']:.1f} s)"
    )
    if args.reuse_db is not None:
        args.reuse_db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(db_path, args.reuse_db)
        secret = args.reuse_db.with_name(args.reuse_db.name + ".pw")
        # A throwaway benchmark account, but still a password: owner-only from the start.
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password)
        args.reuse_db.with_name(args.reuse_db.name + ".scale").write_text(scale)
    return db_path, how


def _run(args: argparse.Namespace, work: Path, backends: list[BackendProcess]) -> None:
    """The three measurements; every backend started is put in ``backends`` for the caller to stop."""
    print(f"Machine: {machine_line()}")
    print(
        f"Scale: {args.reports:,} reports, {args.alerts:,} alerts, {args.cameras:,} cameras; "
        f"catch-up of {args.changes:,} changes; work dir {work}\n"
    )
    password = secrets.token_urlsafe(18)
    if args.reuse_db is not None:
        secret = args.reuse_db.with_name(args.reuse_db.name + ".pw")
        if secret.exists():
            password = secret.read_text()
    db_path, how = _prepare_database(args, work, password)
    print(f"Backend database: {how}")
    backend = start_backend(db_path, work / "backend.log")
    backends.append(backend)
    print(f"Backend: {backend.url} (pid {backend.proc.pid})\n")

    raw = raw_login(backend.url, password)
    client = IocClient(backend.url, read_timeout=300)
    client.login(USERNAME, password)
    rows: list[tuple[str, str, str, str, str]] = []
    notes: list[str] = []
    try:
        # ---- 1. initial sync ---------------------------------------------------------------
        print("1. Initial sync ...", flush=True)
        pid = backend.proc.pid
        floor = raw_sync(raw, backend.url, "0", insert_into=work / "floor.sqlite3", backend_pid=pid)
        floor_parts = (
            f"fetch {fmt_s(floor.fetch_s)} (server /sync work + transfer), json.loads "
            f"{fmt_s(floor.parse_s)}, json.dumps of each row {fmt_s(floor.encode_s)}, "
            f"sqlite3 executemany + commit {fmt_s(floor.insert_s)}"
        )
        print(
            f"   floor: {floor.rows:,} changes in {floor.calls} calls of ≤{SERVER_MAX_LIMIT:,} "
            f"({floor.bytes / 1e6:.0f} MB): {floor_parts}",
            flush=True,
        )
        store = CacheStore(work / "cache.sqlite3")
        try:
            initial = sync_with_engine(client, store, floor.cursor, pid)
            counts = store.counts()
        finally:
            store.close()
        cache_mb = (work / "cache.sqlite3").stat().st_size / 1e6
        print(
            f"   measured: {initial.how}: {fmt_s(initial.seconds)}; cache holds {counts} ({cache_mb:.0f} MB)",
            flush=True,
        )
        ratio = initial.seconds / floor.total_s
        rows.append(
            (
                "Initial sync into a fresh cache",
                fmt_s(initial.seconds),
                f"{fmt_s(floor.total_s)} floor",
                f"{ratio:.2f}×",
                f"≤{TARGETS['initial_ratio']:.0f}× floor: {verdict(ratio <= TARGETS['initial_ratio'])}; "
                f"<{TARGETS['initial_s']:.0f} s: {verdict(initial.seconds < TARGETS['initial_s'])}",
            )
        )
        _cpu_rows(rows, initial, floor)
        notes.append(f"initial sync measured through: {initial.how}; " + "; ".join(initial.notes))
        notes.append(
            f"floor = {floor.calls} raw GET /sync calls in sequence (the backend caps limit at "
            f"{SERVER_MAX_LIMIT:,}, so one call cannot carry it): {floor_parts}"
        )

        # ---- 2. cold start -----------------------------------------------------------------
        with_qt = pyside_available() and not args.no_qt
        print(f"2. Cold start from the cache ({COLD_START_RUNS} fresh processes per figure) ...", flush=True)
        env = dict(os.environ)
        home = work / "console-home"
        env.update(
            {
                "IOC_CONSOLE_HOME": str(home),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_DATA_HOME": str(home / "data"),
                "XDG_CACHE_HOME": str(home / "cache"),
                "QT_QPA_PLATFORM": "offscreen",
            }
        )
        cache_path = work / "cache.sqlite3"
        bytecode, had_bytecode = compile_project_bytecode()
        try:
            cold_cache, cache_run, cache_walls = cold_starts(cache_path, env, "cache")
            print(
                f"   cache open + first screen: {', '.join(fmt_s(w) for w in cache_walls)} "
                f"(median run: {steps_text(cache_run)})",
                flush=True,
            )
            interpreter = cold_cache - cache_run["timings"]["in_process_total"]
            rows.append(
                (
                    "Cold start: open cache + first-screen reads",
                    fmt_s(cold_cache),
                    f"{fmt_s(interpreter)} interpreter start",
                    "",
                    f"<{TARGETS['cold_s']:.0f} s: {verdict(cold_cache < TARGETS['cold_s'])}",
                )
            )
            notes.append(
                f"cold start (cache): spawn → newest {cache_run['summary']['newest_alerts']} alerts and the "
                f"counts read, median of {', '.join(fmt_s(w) for w in cache_walls)}; steps "
                f"{steps_text(cache_run)}; PRAGMA quick_check alone (CacheStore runs it only after an "
                f"unclean shutdown) "
                f"{fmt_s(cache_run['timings']['quick_check_alone'])} on the "
                f"{cache_run['summary']['cache_mb']} MB cache; the console's event-feed reads (newest "
                f"{cache_run['summary']['newest_alerts']} alerts and the newest open ones of each state) "
                f"alone {fmt_s(cache_run['timings']['event_feed_query_alone'])}; the OS page cache is warm "
                f"(dropping it needs root), so a first start after boot also reads the file from disk"
            )
            if with_qt:
                cold_window, window_run, window_walls = cold_starts(cache_path, env, "window")
                summary = window_run["summary"]
                print(
                    f"   usable window: {', '.join(fmt_s(w) for w in window_walls)} "
                    f"(median run: {steps_text(window_run)}; {summary})",
                    flush=True,
                )
                if summary.get("window_from_cache"):
                    label = "Cold start to usable window from cache"
                    notes.append(
                        f"cold start (window): the console's own offline start — MainWindow shown, "
                        f"ConnectionService.find_offline_candidate + open_offline (the offline grant the "
                        f"engine saved), ready when the event log holds the cached alerts "
                        f"({summary.get('event_log_rows')} rows); median of "
                        f"{', '.join(fmt_s(w) for w in window_walls)}; steps {steps_text(window_run)}"
                    )
                elif "error" in summary:
                    label = "Cold start to window from cache FAILED"
                    notes.append(f"cold start (window): the console's offline start failed: {summary['error']}")
                else:
                    label = "Cold start: cache reads + MainWindow (offline)"
                    notes.append(
                        "cold start (window): the console has no offline start yet; measured instead the "
                        "cache reads plus QApplication + MainWindow with an offline connection in one "
                        f"cold process; steps {steps_text(window_run)}"
                    )
                rows.append(
                    (
                        label,
                        fmt_s(cold_window),
                        "",
                        "",
                        f"<{TARGETS['cold_s']:.0f} s: {verdict(cold_window < TARGETS['cold_s'])}",
                    )
                )
                if had_bytecode:
                    notes.append(
                        "cold start: the checkout already had bytecode of its own, so starts from bare "
                        "sources were not measured"
                    )
                else:
                    # The same starts from bare sources: what a first start after installing costs here.
                    # PYTHONDONTWRITEBYTECODE: each start compiles anew instead of caching for the next.
                    remove_bytecode(bytecode)
                    bare_env = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
                    bare_window, _bare_run, bare_walls = cold_starts(cache_path, bare_env, "window")
                    print(
                        f"   usable window without the project's bytecode: {', '.join(fmt_s(w) for w in bare_walls)}",
                        flush=True,
                    )
                    rows.append(("  the same, compiling the project's sources", fmt_s(bare_window), "", "", ""))
                    notes.append(
                        f"cold start: the figures above start from the project's compiled bytecode, as "
                        f"an installed console does from its second start on (pip byte-compiles on "
                        f"install; this machine sets PYTHONDONTWRITEBYTECODE, so the benchmark compiles "
                        f"{len(bytecode)} folders itself and removes them after); compiling the sources at "
                        f"every start instead: median {fmt_s(bare_window)} of "
                        f"{', '.join(fmt_s(w) for w in bare_walls)}"
                    )
            else:
                notes.append("cold start (window): skipped (PySide6 missing or --no-qt)")
        finally:
            remove_bytecode(bytecode)

        # ---- 3. catch-up -------------------------------------------------------------------
        print(f"3. Catch-up of {args.changes:,} changes ...", flush=True)
        t0 = time.perf_counter()
        changed = change_resources(db_path, args.changes)
        print(
            f"   changed {changed} on the server through record_change in {time.perf_counter() - t0:.1f} s", flush=True
        )
        store = CacheStore(work / "cache.sqlite3")
        try:
            since = store.cursor() or "0"
            ref1 = raw_sync(raw, backend.url, since, insert_into=None, backend_pid=pid)
            catch = sync_with_engine(client, store, ref1.cursor, pid)
        finally:
            store.close()
        ref2 = raw_sync(raw, backend.url, since, insert_into=None, backend_pid=pid)
        ref = min((ref1, ref2), key=lambda r: r.total_s)
        print(
            f"   measured: {fmt_s(catch.seconds)} for {catch.rows:,} changes; raw fetch+parse "
            f"{fmt_s(ref1.total_s)} / {fmt_s(ref2.total_s)} ({ref.calls} call(s), {ref.rows:,} changes)",
            flush=True,
        )
        rows.append(
            (
                f"Catch-up of {args.changes:,} changes",
                fmt_s(catch.seconds),
                f"{fmt_s(ref.total_s)} raw fetch+parse",
                f"{catch.seconds / ref.total_s:.2f}×",
                f"<{TARGETS['catchup_s']:.0f} s: {verdict(catch.seconds < TARGETS['catchup_s'])}",
            )
        )
        _cpu_rows(rows, catch, ref)
        notes.append(f"catch-up measured through: {catch.how}; " + "; ".join(catch.notes))
        notes.append(
            f"catch-up reference = best of two raw fetch+parse runs "
            f"(one before, one after), fetch {fmt_s(ref.fetch_s)} + json.loads {fmt_s(ref.parse_s)}"
        )
    finally:
        client.close()
        raw.close()

    _print_table(rows)
    print()
    for note in notes:
        print(f"  * {note}")
    print(f"\nMachine after the run: {machine_line()}")


def _cpu_rows(rows: list[tuple[str, str, str, str, str]], measured: Measured, reference: RawFetch) -> None:
    """Where the time went: CPU of this (client) process and of the backend process, both paths."""
    for label, mine, theirs in (
        ("  client CPU (this process)", measured.client_cpu_s, reference.client_cpu_s),
        ("  backend CPU (server process)", measured.backend_cpu_s, reference.backend_cpu_s),
    ):
        ratio = f"{mine / theirs:.2f}×" if theirs > 0 else ""
        rows.append((label, fmt_s(mine), fmt_s(theirs), ratio, ""))


def _print_table(rows: list[tuple[str, str, str, str, str]]) -> None:
    header = ("Measurement", "Measured", "Reference (same run)", "Ratio", "Target")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print()
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


if __name__ == "__main__":
    sys.exit(main())
