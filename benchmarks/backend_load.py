"""Load benchmark of a real backend process: API latency, streams, a login flood, memory and threads.

Run: python benchmarks/backend_load.py [--sse N] [--viewers N] [--logins N] [--seconds S] [--json PATH]

Starts ``python -m ioc_backend --demo --no-simulator`` on 127.0.0.1 with a throwaway database,
then runs these phases one after another, each bounded:
  rest     /health and /alerts latency with nothing else going on
  sse      N event-stream clients while an operator adds alert notes (every event must reach
           every client, checked with the stream's ``prev`` chain: no gap, same last id)
  viewers  N MJPEG viewers spread over 10 cameras (frames/s per viewer vs the nominal 8)
  logins   N logins, 64 at a time, half with a wrong password (statuses and memory peak)
  after    the load gone: memory and threads once the server has settled
Server RSS (VmRSS), its peak (VmHWM) and thread count come from /proc/<pid>/status. Targets are
printed beside the figures; the run never fails on them (figures for a human and for --json).
The backend's module path is the current PYTHONPATH first, then this checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
API = "/api/v1"
NOMINAL_FPS = 8.0  # FrameSource's default frame rate
CAMERAS = 10  # viewers are spread over this many cameras ("sub" stream)
LOGIN_CONCURRENCY = 64
OPERATOR = ("operator", "hue-operator")
START_TIMEOUT = 120.0
SETTLE_TIMEOUT = 15.0
SWARM_SCRIPT = Path(__file__).with_name("mjpeg_viewers.py")
FLOOD_SCRIPT = Path(__file__).with_name("login_flood.py")
_LISTEN_RE = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")


# ----------------------------------------------------------------------------- server process
class Server:
    """The backend as a child process on loopback, with its /proc figures."""

    def __init__(self, workdir: Path) -> None:
        self.log_path = workdir / "backend.log"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), str(ROOT)) if p)
        args = [sys.executable, "-m", "ioc_backend", "--host", "127.0.0.1", "--port", "0"]
        args += [
            "--db",
            f"sqlite:///{workdir / 'backend.sqlite3'}",
            "--demo",
            "--no-simulator",
            # No SLA breaches either: the measured load is the benchmark's own.
            "--sla-watch-interval",
            "0",
            "--log-level",
            "warning",
        ]
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"backend exited with {self.proc.returncode}:\n{self.log_path.read_text()}")
            found = _LISTEN_RE.search(self.log_path.read_text(encoding="utf-8", errors="replace"))
            if found:
                self.url = found.group(1)
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("backend did not start in time")

    def status(self) -> dict[str, float]:
        fields: dict[str, float] = {}
        with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as f:
            for line in f:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    fields[name] = int(value.split()[0]) / 1024.0
                elif name == "Threads":
                    fields[name] = int(value)
        return {"rss_mb": round(fields["VmRSS"], 1), "hwm_mb": round(fields["VmHWM"], 1), "threads": fields["Threads"]}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log.close()


class Watcher:
    """Samples the server's /proc status during a phase and keeps the highest figures."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.peak = server.status()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            try:
                now = self.server.status()
            except OSError:
                return
            self.peak = {key: max(self.peak[key], now[key]) for key in now}

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return self.peak


# ----------------------------------------------------------------------------- clients
def login(base: str, username: str, password: str) -> requests.Response:
    return requests.post(f"{base}{API}/auth/login", json={"username": username, "password": password}, timeout=120)


class LatencyProbe:
    """GETs /health and /alerts one after another, recording milliseconds, until stopped."""

    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token
        self.samples: dict[str, list[float]] = {"health": [], "alerts": []}
        self.errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with requests.Session() as http:
            http.headers["Authorization"] = f"Bearer {self.token}"
            while not self._stop.is_set():
                for name, path in (("health", "/health"), ("alerts", "/alerts?limit=50")):
                    started = time.perf_counter()
                    try:
                        ok = http.get(f"{self.base}{API}{path}", timeout=60).status_code == 200
                    except requests.RequestException:
                        ok = False
                    if ok:
                        self.samples[name].append((time.perf_counter() - started) * 1000)
                    else:
                        self.errors += 1
                self._stop.wait(0.05)

    def run_for(self, seconds: float, until: Callable[[], bool] | None = None) -> dict[str, Any]:
        self._thread.start()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (until is not None and until()):
            time.sleep(0.1)
        self._stop.set()
        self._thread.join()
        return self.summary()

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"errors": self.errors}
        for name, values in self.samples.items():
            out[name] = percentiles(values)
        return out


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1), "n": len(ordered)}


class SseClient(threading.Thread):
    """One /events reader: records each change's (seq, prev) and counts gaps in the chain."""

    def __init__(self, base: str, token: str) -> None:
        super().__init__(daemon=True)
        self.base, self.token = base, token
        self.seqs: list[int] = []
        self.gaps = 0
        self.error: str | None = None
        self.connected = threading.Event()
        self._halt = threading.Event()
        self._response: requests.Response | None = None

    def run(self) -> None:
        try:
            headers = {"Authorization": f"Bearer {self.token}", "Accept": "text/event-stream"}
            with requests.get(f"{self.base}{API}/events", headers=headers, stream=True, timeout=(10, 60)) as r:
                self._response = r
                if r.status_code != 200:
                    self.error = f"HTTP {r.status_code}"
                    return
                self.connected.set()
                for line in r.iter_lines():
                    if self._halt.is_set():
                        return
                    if line.startswith(b"data: {") and b'"seq"' in line:
                        payload = json.loads(line[6:])
                        if self.seqs and payload["prev"] != self.seqs[-1]:
                            self.gaps += 1
                        self.seqs.append(payload["seq"])
        except (requests.RequestException, ValueError, AttributeError) as exc:
            if not self._halt.is_set():
                self.error = type(exc).__name__
        finally:
            self.connected.set()

    def stop(self) -> None:
        self._halt.set()
        if self._response is not None:
            try:
                self._response.raw._fp.fp.raw._sock.shutdown(2)  # wake the blocked read at once
            except Exception:  # noqa: BLE001 - the connection may already be gone; the join still ends
                pass
        self.join(timeout=30)


# ----------------------------------------------------------------------------- phases
def settle(server: Server, baseline_threads: float) -> dict[str, float]:
    """Wait (bounded) until the server's threads are back to the baseline, then read its status."""
    deadline = time.monotonic() + SETTLE_TIMEOUT
    status = server.status()
    while time.monotonic() < deadline and status["threads"] > baseline_threads:
        time.sleep(0.25)
        status = server.status()
    return status


def phase_sse(server: Server, token: str, count: int, seconds: float) -> dict[str, Any]:
    base = server.url
    alerts = requests.get(f"{base}{API}/alerts?limit=5", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    alert_ids = [a["id"] for a in alerts.json()["items"]]
    clients = [SseClient(base, login(base, *OPERATOR).json()["access_token"]) for _ in range(count)]
    for client in clients:
        client.start()
    for client in clients:
        client.connected.wait(30)
    watcher = Watcher(server)
    writes = 0
    stop_writes = threading.Event()

    def write_notes() -> None:
        nonlocal writes
        with requests.Session() as http:
            http.headers["Authorization"] = f"Bearer {token}"
            while not stop_writes.wait(0.1):
                alert = alert_ids[writes % len(alert_ids)]
                r = http.post(f"{base}{API}/alerts/{alert}/notes", json={"text": f"load note {writes}"}, timeout=60)
                if r.status_code == 200:
                    writes += 1

    writer = threading.Thread(target=write_notes, daemon=True)
    writer.start()
    latency = LatencyProbe(base, token).run_for(seconds)
    stop_writes.set()
    writer.join()
    # Every client must reach the last event written (bounded wait), then stop.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lasts = {c.seqs[-1] if c.seqs else None for c in clients}
        if len(lasts) == 1 and all(len(c.seqs) >= writes for c in clients):
            break
        time.sleep(0.1)
    during = watcher.stop()
    for client in clients:
        client.stop()
    counts = [len(c.seqs) for c in clients]
    lasts = {c.seqs[-1] if c.seqs else None for c in clients}
    gaps = sum(c.gaps for c in clients)
    errors = [c.error for c in clients if c.error]
    all_delivered = bool(clients) and not gaps and not errors and len(lasts) == 1 and min(counts) >= writes
    return {
        "latency": latency,
        "server": during,
        "sse": {
            "clients": count,
            "events_written": writes,
            "events_min": min(counts, default=0),
            "events_max": max(counts, default=0),
            "gaps": gaps,
            "errors": len(errors),
            "all_delivered": all_delivered if clients else None,
        },
    }


def phase_viewers(server: Server, token: str, count: int, seconds: float) -> dict[str, Any]:
    # The viewers run in a process of their own (benchmarks/mjpeg_viewers.py, asyncio): a
    # hundred reader threads here would contend with the latency probe for this process's GIL
    # and the probe would measure its own load generator instead of the server.
    swarm = subprocess.Popen(
        [sys.executable, str(SWARM_SCRIPT), server.url, token, str(count), str(CAMERAS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert swarm.stdin is not None and swarm.stdout is not None
    try:
        swarm.stdout.readline()  # "connected <ok> <failed>": every viewer has its headers
        watcher = Watcher(server)
        latency = LatencyProbe(server.url, token).run_for(seconds)
        swarm.stdin.write("stop\n")
        swarm.stdin.flush()
        report = json.loads(swarm.stdout.readline() or '{"viewers": []}')
        swarm.wait(timeout=30)
    finally:
        if swarm.poll() is None:
            swarm.kill()
            swarm.wait()
    during = watcher.stop()
    viewers = report["viewers"]
    rates = [v["frames"] / v["seconds"] if v["seconds"] > 0 else 0.0 for v in viewers]
    return {
        "latency": latency,
        "server": during,
        "viewers": {
            "count": count,
            "cameras": min(count, CAMERAS),
            "nominal_fps": NOMINAL_FPS,
            "fps_min": round(min(rates, default=0.0), 2),
            "fps_median": round(statistics.median(rates), 2) if rates else 0.0,
            "fps_mean": round(statistics.fmean(rates), 2) if rates else 0.0,
            "errors": sum(1 for v in viewers if v["error"] and v["error"] != "closed") + (count - len(viewers)),
        },
    }


def phase_logins(server: Server, token: str, count: int, seconds: float) -> dict[str, Any]:
    # Like the viewers, the flood runs in a process of its own (benchmarks/login_flood.py):
    # 64 request threads here would contend with the latency probe for this process's GIL.
    watcher = Watcher(server)
    flood = subprocess.Popen(
        [sys.executable, str(FLOOD_SCRIPT), server.url, OPERATOR[0], OPERATOR[1], str(count), str(LOGIN_CONCURRENCY)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # Measure for at least `seconds`, and for the whole flood (bounded by 10 min).
        latency = LatencyProbe(server.url, token).run_for(max(seconds, 600.0), until=lambda: flood.poll() is not None)
        output = flood.communicate(timeout=600)[0]
    finally:
        if flood.poll() is None:
            flood.kill()
            flood.wait()
    during = watcher.stop()
    report = json.loads(output or '{"statuses": {}, "seconds": 0}')
    return {
        "latency": latency,
        "server": during,
        "logins": {
            "count": count,
            "concurrency": LOGIN_CONCURRENCY,
            "seconds": report["seconds"],
            "statuses": report["statuses"],
            "peak_rss_mb": during["hwm_mb"],
        },
    }


# ----------------------------------------------------------------------------- report
def ratio(under: dict[str, Any], rest: dict[str, Any]) -> float:
    worst = 0.0
    for name in ("health", "alerts"):
        if rest[name]["n"] and under[name]["n"]:
            worst = max(worst, under[name]["p95"] / max(rest[name]["p95"], 0.001))
    return round(worst, 2)


def run(args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="ioc-backend-load-"))
    server = Server(workdir)
    try:
        token = login(server.url, *OPERATOR).json()["access_token"]
        requests.get(f"{server.url}{API}/streams/cam-0001/sub.jpg", params={"access_token": token}, timeout=60)
        result: dict[str, Any] = {
            "config": {
                "sse": args.sse,
                "viewers": args.viewers,
                "logins": args.logins,
                "seconds": args.seconds,
                "nominal_fps": NOMINAL_FPS,
            },
            "latency_ms": {},
            "server": {},
        }
        before = server.status()
        result["server"]["before"] = before
        result["latency_ms"]["rest"] = LatencyProbe(server.url, token).run_for(args.seconds)
        for name, phase, size in (
            ("sse", phase_sse, args.sse),
            ("viewers", phase_viewers, args.viewers),
            ("logins", phase_logins, args.logins),
        ):
            if size <= 0:
                continue
            out = phase(server, token, size, args.seconds)
            result["latency_ms"][name] = out.pop("latency")
            result["server"][name] = out.pop("server")
            result.update(out)
            if name == "viewers":
                result["server"]["after_streams"] = settle(server, before["threads"])
        result["server"]["after"] = settle(server, before["threads"])
        result["targets"] = targets(result)
        return result
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def targets(result: dict[str, Any]) -> dict[str, Any]:
    rest = result["latency_ms"]["rest"]
    before = result["server"]["before"]
    out: dict[str, Any] = {}
    if "sse" in result:
        out["every_event_to_every_client"] = result["sse"]["all_delivered"]
    by_phase = {name: ratio(lat, rest) for name, lat in result["latency_ms"].items() if name != "rest"}
    worst = max(by_phase.values(), default=0.0)
    out["p95_ratio_by_phase"] = by_phase
    out["p95_load_over_rest"] = worst
    out["p95_under_load_le_5x_rest"] = worst <= 5.0
    after = result["server"].get("after_streams", result["server"]["after"])
    out["rss_after_streams_over_before"] = round(after["rss_mb"] / before["rss_mb"], 3)
    out["rss_after_within_20pct"] = after["rss_mb"] <= 1.2 * before["rss_mb"]
    if "logins" in result:
        out["login_flood_peak_rss_mb"] = result["logins"]["peak_rss_mb"]
        out["login_flood_under_1gb"] = result["logins"]["peak_rss_mb"] < 1024
    return out


def print_report(result: dict[str, Any]) -> None:
    cfg, t = result["config"], result["targets"]
    print(
        f"backend load: --sse {cfg['sse']} --viewers {cfg['viewers']} --logins {cfg['logins']}"
        f" --seconds {cfg['seconds']}"
    )
    print(f"{'phase':<14}{'/health p50':>12}{'p95':>8}{'/alerts p50':>13}{'p95':>8}{'n':>6}")
    for name, lat in result["latency_ms"].items():
        h, a = lat["health"], lat["alerts"]
        print(f"{name:<14}{h['p50']:>12}{h['p95']:>8}{a['p50']:>13}{a['p95']:>8}{h['n'] + a['n']:>6}")
    print(
        f"  target: p95 under load <= 5x at rest -> worst {t['p95_load_over_rest']}x"
        f"  ok={t['p95_under_load_le_5x_rest']}  (by phase: {t['p95_ratio_by_phase']})"
    )
    if "sse" in result:
        s = result["sse"]
        print(
            f"sse: {s['clients']} clients, {s['events_written']} notes written,"
            f" each got {s['events_min']}..{s['events_max']} events, gaps {s['gaps']}, errors {s['errors']}"
            f"  target every event to every client ok={s['all_delivered']}"
        )
    if "viewers" in result:
        v = result["viewers"]
        print(
            f"viewers: {v['count']} on {v['cameras']} cameras, frames/s per viewer min {v['fps_min']} median"
            f" {v['fps_median']} mean {v['fps_mean']} of nominal {v['nominal_fps']}, errors {v['errors']}"
        )
    if "logins" in result:
        g = result["logins"]
        print(
            f"logins: {g['count']} ({g['concurrency']} at a time) in {g['seconds']} s, statuses {g['statuses']},"
            f" peak RSS {g['peak_rss_mb']} MB  target < 1024 MB ok={t['login_flood_under_1gb']}"
        )
    print(f"{'server':<14}{'RSS MB':>8}{'peak MB':>9}{'threads':>9}")
    for name, s in result["server"].items():
        print(f"{name:<14}{s['rss_mb']:>8}{s['hwm_mb']:>9}{s['threads']:>9}")
    print(
        f"  target: RSS after the streams within 20 % of before -> {t['rss_after_streams_over_before']}x"
        f"  ok={t['rss_after_within_20pct']}"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sse", type=int, default=20, metavar="N", help="event-stream clients (20)")
    p.add_argument("--viewers", type=int, default=20, metavar="N", help="MJPEG viewers (20)")
    p.add_argument("--logins", type=int, default=64, metavar="N", help="logins in the flood, 64 at a time (64)")
    p.add_argument("--seconds", type=float, default=10.0, metavar="S", help="length of each measured phase (10)")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON here")
    args = p.parse_args(argv)
    if min(args.sse, args.viewers, args.logins) < 0 or not 0 < args.seconds <= 600:
        p.error("sizes must be >= 0 and --seconds in (0, 600]")
    result = run(args)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
