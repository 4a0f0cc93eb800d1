"""Benchmark of the camera video wall: the console's own pipeline and tiles beside ffmpeg, same sources.

Run (interface, kept stable; other tools call it):

    python benchmarks/video_wall.py [--sources URL[,URL...]] [--tiles N] [--seconds S] [--json PATH]

Extra options: ``--workload h264-720p|h264-360p|mjpeg`` picks the test streams started when no
``--sources`` are given (default ``h264-720p``, or the environment's ``IOC_VIDEO_WALL_WORKLOAD``):

* ``h264-720p``: 16 tiles, RTSP H.264 1280x720 at 25 fps (tools/rtsp_test_server.py, one
  mount per tile, run with Debian's /usr/bin/python3);
* ``h264-360p``: 64 tiles, RTSP H.264 640x360 at 15 fps, 64 distinct streams;
* ``mjpeg``: 64 tiles, the reference backend's MJPEG sub streams of 64 cameras.

``--tiles`` defaults to the workload's count. Tile i shows source i modulo the number of sources.
``--no-reference`` skips the ffmpeg run.

What runs, in order, all in this one process and its children:
1. The wall: ``QT_QPA_PLATFORM=offscreen``, a 1920x1080 widget holding a square grid of
   ``widgets.video_tile.VideoTile``, each bound to its source by the console's
   ``TileFeed`` (``ioc_console.services.video.tile_binding``; the hub's ``subscribe`` when that
   is missing) over one ``StreamHub``. After every tile painted a picture (or a deadline), the
   tiles' stats are reset and the wall runs for ``--seconds``: painted frames and frame ages
   (decoder had the picture -> painted) from ``VideoTile.stats``, this process's CPU time
   (``getrusage``: GUI thread + decoder threads) and RSS.
2. The reference: one ``ffmpeg -threads 1 -i SRC -an -f null -`` per distinct source, all at
   once, for the same seconds; CPU time of each ffmpeg from /proc over a window that starts once
   every ffmpeg decodes (so start-up and stream probing are left out, as for the wall), frames
   from ffmpeg's ``-progress``. Its frames per second per source is what the source delivers:
   ``source_fps`` and the base of ``painted_ratio``.

Targets (issue 10, 2 cores): painted_ratio >= 0.95, frame age p95 <= 150 ms, CPU per painted
frame <= 1.25x ffmpeg's per decoded frame, RSS flat over 10 minutes (``--seconds 600``).
Nothing here asserts anything: it prints figures beside their targets and the reference.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # a plain checkout without the install; PYTHONPATH still comes first
    sys.path.append(str(ROOT))

API = "/api/v1"
OPERATOR = ("operator", "hue-operator")
WALL_SIZE = (1920, 1080)
RTSP_SERVER = ROOT / "tools" / "rtsp_test_server.py"
START_TIMEOUT = 300.0  # the first run of a workload encodes its clips once
LIVE_TIMEOUT = 60.0
SAMPLE_PERIOD = 5.0

WORKLOADS: dict[str, dict[str, Any]] = {
    "h264-720p": {"kind": "rtsp", "size": "1280x720", "fps": 25, "tiles": 16},
    "h264-360p": {"kind": "rtsp", "size": "640x360", "fps": 15, "tiles": 64},
    "mjpeg": {"kind": "mjpeg", "fps": 8, "tiles": 64},
}
TARGETS = {"painted_ratio": 0.95, "frame_age_p95_ms": 150.0, "cpu_vs_ffmpeg": 1.25}

_TOKEN_RE = re.compile(r"((?:access_token|token|password)=)[^&\s]+", re.IGNORECASE)


def redact(url: str) -> str:
    """The URL as printed and written to JSON: no user:pass@ and no token in the query."""
    try:
        from ioc_domain.camera_urls import redact_url

        url = redact_url(url)
    except ImportError:  # the domain rule is the project's; keep the benchmark usable without it
        pass
    return _TOKEN_RE.sub(r"\1***", url)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of values; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads) from /proc."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return math.nan


def self_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# ----------------------------------------------------------------------------- sources
class Child:
    """A helper process (RTSP server, backend) with its CPU time read from /proc."""

    def __init__(self, name: str, proc: subprocess.Popen) -> None:
        self.name, self.proc = name, proc

    def cpu_s(self) -> float:
        try:
            return proc_cpu_s(self.proc.pid)
        except OSError:
            return math.nan

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


@contextmanager
def rtsp_server(count: int, size: str, fps: int) -> Iterator[tuple[list[str], Child]]:
    """tools/rtsp_test_server.py with ``count`` distinct mounts; yields their URLs."""
    python = os.environ.get("IOC_RTSP_PYTHON", "/usr/bin/python3")
    if not os.access(python, os.X_OK):
        raise SystemExit(f"the RTSP test streams need {python} with GStreamer's RTSP server (see .ci/run)")
    cmd = [python, str(RTSP_SERVER), "--port", "0", "--mounts", str(count), "--size", size, "--fps", str(fps)]
    cmd += ["--distinct", str(min(count, 8))]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    # The server ends when our end of its stdin closes: also when this process dies.
    env["RTSP_TEST_SERVER_WATCH_STDIN"] = "1"
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    child = Child("RTSP server", proc)
    try:
        ready: list[str] = []
        reader = threading.Thread(target=lambda: ready.extend(_read_ready(proc)), daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        if not ready:
            raise SystemExit(f"the RTSP test server did not get ready in {START_TIMEOUT:.0f} s")
        yield json.loads(ready[0])["urls"], child
    finally:
        child.stop()


def _read_ready(proc: subprocess.Popen) -> list[str]:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY "):
            return [line[len("READY ") :]]
    return []


@contextmanager
def backend_mjpeg(count: int, workdir: Path) -> Iterator[tuple[list[str], Child]]:
    """The reference backend (demo data, no simulator); yields ``count`` cameras' sub-stream URLs."""
    import requests

    log_path = workdir / "backend.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    args = [sys.executable, "-m", "ioc_backend", "--host", "127.0.0.1", "--port", "0"]
    args += ["--db", f"sqlite:///{workdir / 'backend.sqlite3'}", "--demo", "--no-simulator"]
    args += ["--log-level", "warning"]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
    child = Child("backend", proc)
    try:
        base = None
        deadline = time.monotonic() + START_TIMEOUT
        while base is None and time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"the backend exited ({proc.returncode}):\n{log_path.read_text()}")
            found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", log_path.read_text(errors="replace"))
            base = found.group(1) if found else None
            time.sleep(0.05)
        if base is None:
            raise SystemExit("the backend did not start in time")
        login = requests.post(
            f"{base}{API}/auth/login", json={"username": OPERATOR[0], "password": OPERATOR[1]}, timeout=60
        )
        login.raise_for_status()
        token = login.json()["access_token"]
        ids: list[str] = []
        offset = 0
        # Offline demo cameras answer 503: take the first ``count`` that stream.
        while len(ids) < count:
            page = requests.get(
                f"{base}{API}/cameras",
                params={"limit": 200, "offset": offset},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            page.raise_for_status()
            items = page.json()["items"]
            if not items:
                break
            ids += [camera["id"] for camera in items if camera.get("status") != "offline"]
            offset += len(items)
        ids = ids[:count]
        yield [f"{base}{API}/streams/{cid}/sub.mjpeg?access_token={token}" for cid in ids], child
    finally:
        child.stop()


# ----------------------------------------------------------------------------- the wall
def run_wall(urls: list[str], tiles: int, seconds: float) -> dict[str, Any]:
    """Shows ``tiles`` VideoTiles offscreen over one StreamHub and measures ``seconds`` of them."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

    from ioc_console.services.video import StreamHub, StreamSource
    from widgets.video_tile import VideoTile

    try:
        from ioc_console.services.video.tile_binding import TileFeed
    except ImportError:
        TileFeed = None  # noqa: N806 - a class, or None when the binding is not there yet

    app = QApplication.instance() or QApplication([])
    wall = QWidget()
    grid = QGridLayout(wall)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(2)
    columns = math.ceil(math.sqrt(tiles))
    widgets: list[VideoTile] = []
    for i in range(tiles):
        tile = VideoTile()
        tile.set_title(f"source {i % len(urls)}")
        grid.addWidget(tile, i // columns, i % columns)
        widgets.append(tile)
    wall.resize(*WALL_SIZE)
    wall.show()
    app.processEvents()

    hub = StreamHub()
    bindings: list[Any] = []
    cameras = [
        {
            "id": f"bench-{k}",
            "name": f"source {k}",
            "ward": "",
            "category": "",
            "status": "online",
            "ptz": False,
            "ptz_presets": [],
            "main_stream_url": url,
            "sub_stream_url": url,
        }
        for k, url in enumerate(urls)
    ]
    for i, tile in enumerate(widgets):
        camera = cameras[i % len(urls)]
        if TileFeed is not None:
            bindings.append(TileFeed(hub, tile, camera, lambda cam, which: cam[f"{which}_stream_url"]))
        else:
            url = camera["main_stream_url"]
            sub = hub.subscribe(StreamSource(key=redact(url), url=lambda url=url: url, label=camera["name"]))
            bindings.append(sub)
            tile.set_feed(sub)

    def run_for(duration: float, until: Callable[[], bool] | None = None) -> None:
        loop = QEventLoop()
        deadline = time.monotonic() + duration
        timer = QTimer()
        timer.setInterval(100)
        timer.timeout.connect(lambda: loop.quit() if time.monotonic() >= deadline or (until and until()) else None)
        timer.start()
        loop.exec()
        timer.stop()

    started = time.monotonic()
    run_for(LIVE_TIMEOUT, until=lambda: all(tile.stats.painted > 0 for tile in widgets))
    live_after = time.monotonic() - started
    not_live = sum(1 for tile in widgets if tile.stats.painted == 0)
    run_for(2.0)  # settle: the first pictures' one-off costs stay out of the window

    decoded_before = hub.stats()["decoded"]
    for tile in widgets:
        tile.stats.reset()
    rss_samples = [round(rss_mb(), 1)]
    cpu_before, t_before = self_cpu_s(), time.monotonic()
    end = t_before + seconds
    while time.monotonic() < end:
        run_for(min(SAMPLE_PERIOD, end - time.monotonic()))
        rss_samples.append(round(rss_mb(), 1))
    cpu = self_cpu_s() - cpu_before
    elapsed = time.monotonic() - t_before
    stats = hub.stats()
    painted = [tile.stats.painted for tile in widgets]
    ages = [float(age) for tile in widgets for age in tile.stats.ages_ms]

    for binding in bindings:
        if hasattr(binding, "release"):
            binding.release()
        else:
            binding.close()
    for tile in widgets:
        tile.set_feed(None)
    closed = hub.close(timeout=10.0)
    wall.close()
    wall.deleteLater()
    app.processEvents()
    return {
        "elapsed": elapsed,
        "painted": painted,
        "ages_ms": ages,
        "cpu_s": cpu,
        "decoded": stats["decoded"] - decoded_before,
        "decoders": len(stats["streams"]),
        "live_after_s": live_after,
        "not_live": not_live,
        "rss_samples": rss_samples,
        "hub_closed": closed,
        "binding": "TileFeed" if TileFeed is not None else "StreamHub.subscribe",
    }


# ----------------------------------------------------------------------------- the reference
class FfmpegDecode:
    """``ffmpeg -threads 1 -i SRC -an -f null -``; at every ``-progress`` report: (time, CPU s, frames).

    CPU time is read when the report arrives, so frames and CPU time cover the same span
    (``frame=`` only moves at reports, every 0.5 s: sampling at any other moment would miscount).
    """

    def __init__(self, ffmpeg: str, url: str) -> None:
        cmd = [ffmpeg, "-hide_banner", "-nostats", "-v", "error", "-nostdin"]
        if urlsplit(url).scheme.lower() in ("rtsp", "rtsps"):
            cmd += ["-rtsp_transport", "tcp"]  # as the console's capture (OPENCV_FFMPEG_CAPTURE_OPTIONS)
        cmd += ["-threads", "1", "-i", url, "-an", "-f", "null", "-", "-progress", "pipe:1", "-stats_period", "0.5"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.reports: list[tuple[float, float, int]] = []
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    @property
    def frames(self) -> int:
        return self.reports[-1][2] if self.reports else 0

    def _read(self) -> None:
        assert self.proc.stdout is not None
        frames = 0
        for line in self.proc.stdout:
            if line.startswith("frame="):
                frames = int(line.split("=", 1)[1])
            elif line.startswith("progress="):
                try:
                    self.reports.append((time.monotonic(), proc_cpu_s(self.proc.pid), frames))
                except OSError:
                    return

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.errors = [*self.errors[-4:], redact(line.strip())]

    def window(self, start: float, end: float) -> tuple[float, float, int]:
        """(seconds, CPU s, frames) between the first report after ``start`` and the last before ``end``."""
        inside = [r for r in self.reports if start <= r[0] <= end]
        if len(inside) < 2:
            return 0.0, 0.0, 0
        first, last = inside[0], inside[-1]
        return last[0] - first[0], last[1] - first[1], last[2] - first[2]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def run_reference(urls: list[str], seconds: float) -> dict[str, Any] | None:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        print("ffmpeg not found: no reference", file=sys.stderr)
        return None
    decodes = [FfmpegDecode(ffmpeg, url) for url in urls]
    try:
        deadline = time.monotonic() + LIVE_TIMEOUT
        while time.monotonic() < deadline and not all(d.frames > 0 or d.proc.poll() is not None for d in decodes):
            time.sleep(0.1)
        start = time.monotonic() + 1.0  # past the first reports, like the wall's settle
        end = start + seconds + 0.6  # one more report period: the window spans ``seconds``
        time.sleep(end - time.monotonic())
    finally:
        for d in decodes:
            d.stop()
    windows = [d.window(start, end) for d in decodes]
    failed = [(redact(url), d.errors) for url, d, w in zip(urls, decodes, windows, strict=True) if w[2] == 0]
    return {
        "elapsed": statistics.median(w[0] for w in windows),
        "fps": [w[2] / w[0] if w[0] else 0.0 for w in windows],
        "frames": [w[2] for w in windows],
        "cpu_s": sum(w[1] for w in windows),
        "failed": failed,
    }


# ----------------------------------------------------------------------------- report
def summarise(
    urls: list[str], tiles: int, seconds: float, wall: dict[str, Any], ref: dict[str, Any] | None, nominal_fps: float
) -> dict[str, Any]:
    elapsed = wall["elapsed"]
    if ref is not None and sum(ref["frames"]) > 0:
        per_source_fps = ref["fps"]
        ffmpeg_cpu_per_frame: float | None = ref["cpu_s"] / sum(ref["frames"])
    else:
        per_source_fps = [nominal_fps] * len(urls)
        ffmpeg_cpu_per_frame = None
    tile_fps = [n / elapsed for n in wall["painted"]]
    expected = sum(per_source_fps[i % len(urls)] * elapsed for i in range(tiles))
    total_painted = sum(wall["painted"])
    return {
        "tiles": tiles,
        "seconds": seconds,
        "sources": [redact(url) for url in urls],
        "source_fps": round(statistics.median(per_source_fps), 2),
        "painted_fps_per_tile": {"min": round(min(tile_fps), 2), "median": round(statistics.median(tile_fps), 2)},
        "painted_ratio": round(total_painted / expected, 3) if expected else None,
        "frame_age_ms": {
            "p50": round(percentile(wall["ages_ms"], 50), 1),
            "p95": round(percentile(wall["ages_ms"], 95), 1),
        },
        "cpu_s_per_painted_frame": round(wall["cpu_s"] / total_painted, 6) if total_painted else None,
        "ffmpeg_cpu_s_per_frame": round(ffmpeg_cpu_per_frame, 6) if ffmpeg_cpu_per_frame is not None else None,
        "rss_mb": {"start": wall["rss_samples"][0], "end": wall["rss_samples"][-1]},
    }


def _ok(flag: bool | None) -> str:
    return "n/a" if flag is None else ("met" if flag else "MISSED")


def print_report(
    result: dict[str, Any], wall: dict[str, Any], ref: dict[str, Any] | None, extra: dict[str, Any], workload: str
) -> None:
    ms = 1000.0
    cpu, ref_cpu = result["cpu_s_per_painted_frame"], result["ffmpeg_cpu_s_per_frame"]
    ratio = cpu / ref_cpu if cpu and ref_cpu else None
    age95 = result["frame_age_ms"]["p95"]
    n_sources = len(result["sources"])
    print(f"\nVideo wall benchmark — {workload}: {result['tiles']} tiles, {n_sources} sources, {result['seconds']:g} s")
    print(f"  sources: {result['sources'][0]}{' ...' if n_sources > 1 else ''}")
    print(
        f"  binding: {wall['binding']}; decoders: {wall['decoders']}; tiles live after {wall['live_after_s']:.1f} s",
        end="",
    )
    print(f" ({wall['not_live']} never painted)" if wall["not_live"] else "")
    rows = [
        ("source frames/s (ffmpeg saw)", f"{result['source_fps']:.2f}", "", ""),
        (
            "painted frames/s per tile min / median",
            f"{result['painted_fps_per_tile']['min']:.2f} / {result['painted_fps_per_tile']['median']:.2f}",
            f"source {result['source_fps']:.2f}",
            "",
        ),
        (
            "painted ratio (painted / source frames)",
            f"{result['painted_ratio']:.3f}" if result["painted_ratio"] is not None else "n/a",
            f">= {TARGETS['painted_ratio']}",
            _ok(result["painted_ratio"] >= TARGETS["painted_ratio"] if result["painted_ratio"] is not None else None),
        ),
        (
            "frame age decoder -> paint p50 / p95",
            f"{result['frame_age_ms']['p50']:.1f} / {age95:.1f} ms",
            f"p95 <= {TARGETS['frame_age_p95_ms']:.0f} ms",
            _ok(age95 <= TARGETS["frame_age_p95_ms"] if not math.isnan(age95) else None),
        ),
        (
            "CPU per painted frame (this process)",
            f"{cpu * ms:.3f} ms" if cpu else "n/a",
            f"<= {TARGETS['cpu_vs_ffmpeg']}x ffmpeg"
            + (f" = {ref_cpu * TARGETS['cpu_vs_ffmpeg'] * ms:.3f} ms" if ref_cpu else ""),
            (f"{ratio:.2f}x " if ratio else "") + _ok(ratio <= TARGETS["cpu_vs_ffmpeg"] if ratio else None),
        ),
        ("ffmpeg -threads 1 CPU per decoded frame", f"{ref_cpu * ms:.3f} ms" if ref_cpu else "n/a", "reference", ""),
        (
            "RSS start / end",
            f"{result['rss_mb']['start']:.1f} / {result['rss_mb']['end']:.1f} MB",
            "flat over 10 min",
            f"{result['rss_mb']['end'] - result['rss_mb']['start']:+.1f} MB",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target, verdict in rows:
        print(f"  {name:<{width}}  {value:>22}  {target:<26} {verdict}")
    print(f"  wall: CPU {wall['cpu_s']:.2f} s in {wall['elapsed']:.1f} s = {wall['cpu_s'] / wall['elapsed']:.2f} cores;"
          f" {sum(wall['painted'])} painted, {wall['decoded']} decoded (all decoders)")  # fmt: skip
    if ref is not None:
        cores = ref["cpu_s"] / ref["elapsed"] if ref["elapsed"] else math.nan
        print(f"  ffmpeg: CPU {ref['cpu_s']:.2f} s in {ref['elapsed']:.1f} s = {cores:.2f} cores;"
              f" {sum(ref['frames'])} frames from {len(ref['frames'])} decodes")  # fmt: skip
        for url, errors in ref["failed"]:
            print(f"  ffmpeg decoded nothing from {url}: {' | '.join(errors) or 'no message'}")
    for name, value in extra.items():
        print(f"  {name}: {value}")
    if len(wall["rss_samples"]) > 2:
        print(f"  RSS every {SAMPLE_PERIOD:.0f} s (MB): {wall['rss_samples']}")
    print(f"  hub closed, every decoder thread joined: {wall['hub_closed']}")


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--sources", default=None, metavar="URL[,URL...]", help="streams to show (default: start test streams)"
    )
    p.add_argument("--tiles", type=int, default=None, metavar="N", help="tiles on the wall (default: the workload's)")
    p.add_argument("--seconds", type=float, default=20.0, metavar="S", help="measured seconds of each part (20)")
    p.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write the figures as JSON here")
    p.add_argument(
        "--workload",
        choices=sorted(WORKLOADS),
        default=os.environ.get("IOC_VIDEO_WALL_WORKLOAD", "h264-720p"),
        help="test streams started when --sources is not given (default h264-720p)",
    )
    p.add_argument("--no-reference", action="store_true", help="skip the ffmpeg reference")
    args = p.parse_args(argv)
    workload = WORKLOADS[args.workload]
    tiles = args.tiles or workload["tiles"]
    if tiles < 1 or not 0 < args.seconds <= 3600:
        p.error("--tiles must be >= 1 and --seconds in (0, 3600]")

    import tempfile

    with ExitStack() as stack:
        children: list[Child] = []
        if args.sources:
            urls = [u.strip() for u in args.sources.split(",") if u.strip()]
            name = "given sources"
        elif workload["kind"] == "rtsp":
            urls, child = stack.enter_context(rtsp_server(tiles, workload["size"], workload["fps"]))
            children.append(child)
            name = args.workload
        else:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="video-wall-")))
            urls, child = stack.enter_context(backend_mjpeg(tiles, workdir))
            children.append(child)
            name = args.workload
        if not urls:
            p.error("no sources")

        extra: dict[str, Any] = {}
        cpu0 = {c.name: c.cpu_s() for c in children}
        wall = run_wall(urls, tiles, args.seconds)
        cpu1 = {c.name: c.cpu_s() for c in children}
        ref = None if args.no_reference else run_reference(urls, args.seconds)
        cpu2 = {c.name: c.cpu_s() for c in children}
        for c in children:
            # The stream source shares the machine's cores with what is measured: say what it took.
            extra[f"{c.name} CPU during the wall / ffmpeg"] = (
                f"{cpu1[c.name] - cpu0[c.name]:.2f} s / {cpu2[c.name] - cpu1[c.name]:.2f} s"
            )
        extra["load average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())

    result = summarise(urls, tiles, args.seconds, wall, ref, float(workload["fps"]))
    print_report(result, wall, ref, extra, name)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything is reported and every child stopped; skip the interpreter's final garbage
    # collection, where PySide6 (6.x) sometimes aborts on a wrapper of an already deleted widget.
    os._exit(code)
