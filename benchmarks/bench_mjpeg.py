"""Benchmark of the simulated MJPEG cameras: per-frame cost and the cost of many viewers of one stream.

Run: /work/venv/bin/python benchmarks/bench_mjpeg.py [--ticks N] [--viewers N]

Prints, in one run:
  * the per-tick cost of FrameSource (copy cached background + draw motion/clock + JPEG encode)
    for the main (1280x720) and sub (640x360) streams, and the one-off background render;
  * as the reference measured on this machine, a plain cv2.imencode of a same-size frame;
  * serving one stream to 1 viewer vs N concurrent viewers (shared encode: ~the same cost),
    and what N viewers would cost if every viewer encoded its own frames.
No assertions on times: this prints figures for a human to read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from datetime import UTC, datetime

import cv2
import numpy as np

try:
    from ioc_backend.demo.media import JPEG_QUALITY, FrameSource
except ImportError:  # run from a plain checkout without the editable install
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
    from ioc_backend.demo.media import JPEG_QUALITY, FrameSource

NAME = "Cầu Trường Tiền - Hướng Bắc"
WARD = "Phường Thuận Hóa"
T0 = datetime(2026, 11, 25, 19, 0, tzinfo=UTC).timestamp()


def per_call_ms(fn, repeats: int) -> tuple[float, float]:
    """(median, p95) milliseconds of fn() over repeats calls."""
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def frame_costs(which: str, ticks: int) -> dict[str, tuple[float, float]]:
    source = FrameSource(fps=8)
    start = time.perf_counter()
    first = source.jpeg("cam-0001", NAME, WARD, which, now=T0)
    first_ms = (time.perf_counter() - start) * 1000  # background render + first tick
    per_tick = per_call_ms(lambda i: source.jpeg("cam-0001", NAME, WARD, which, now=T0 + (i + 1) / 8), ticks)
    cached = per_call_ms(lambda i: source.jpeg("cam-0001", NAME, WARD, which, now=T0 + (ticks + 0.01) / 8), ticks)
    # Reference: the bare encode of the same-size picture, same quality.
    frame = cv2.imdecode(np.frombuffer(first, np.uint8), cv2.IMREAD_COLOR)
    params = [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY]
    bare = per_call_ms(lambda i: cv2.imencode(".jpg", frame, params), ticks)
    return {
        "first": (first_ms, first_ms),
        "tick": per_tick,
        "cached": cached,
        "imencode": bare,
        "size_kb": (len(first) / 1024, len(first) / 1024),
    }


def serve(viewers: int, ticks: int, which: str, shared: bool) -> tuple[float, float, int]:
    """Wall ms per tick, CPU ms per tick and encodes when `viewers` threads watch one stream.

    Each viewer fetches every tick in order, like the MJPEG endpoint does; ticks are simulated
    (explicit `now`) so the run measures work, not the 1/8 s pacing.
    """
    common = FrameSource(fps=8, cache_size=64)
    sources = [common if shared else FrameSource(fps=8, cache_size=64) for _ in range(viewers)]
    # Warm the cached background(s) so both cases measure steady-state serving.
    for s in {id(s): s for s in sources}.values():
        s.jpeg("cam-0001", NAME, WARD, which, now=T0 - 1)
    barrier = threading.Barrier(viewers + 1)

    def viewer(index: int) -> None:
        source = sources[index]
        barrier.wait()
        for t in range(ticks):
            source.jpeg("cam-0001", NAME, WARD, which, now=T0 + t / 8)

    threads = [threading.Thread(target=viewer, args=(i,), name=f"bench-viewer-{i}") for i in range(viewers)]
    for t in threads:
        t.start()
    cpu0 = time.process_time()
    barrier.wait()
    wall0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = (time.perf_counter() - wall0) * 1000 / ticks
    cpu = (time.process_time() - cpu0) * 1000 / ticks
    encodes = sum(s.encode_count for s in {id(s): s for s in sources}.values()) - len({id(s) for s in sources})
    return wall, cpu, encodes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ticks", type=int, default=64, help="frames per measurement (default 64)")
    parser.add_argument("--viewers", type=int, default=50, help="concurrent viewers (default 50)")
    args = parser.parse_args()
    if args.ticks < 1 or args.viewers < 1:
        parser.error("--ticks and --viewers must be positive")

    print(
        f"OpenCV {cv2.__version__}, numpy {np.__version__}, {os.cpu_count()} CPU(s), "
        f"JPEG quality {JPEG_QUALITY}, {args.ticks} ticks per measurement\n"
    )
    print("Per-frame cost (ms, median / p95)")
    print(f"{'stream':<16}{'first frame':>14}{'per tick':>18}{'cache hit':>18}{'cv2.imencode':>18}{'JPEG KiB':>10}")
    for which, size in (("main", "1280x720"), ("sub", "640x360")):
        c = frame_costs(which, args.ticks)
        print(
            f"{which + ' ' + size:<16}{c['first'][0]:>14.2f}"
            f"{c['tick'][0]:>9.2f} / {c['tick'][1]:<6.2f}{c['cached'][0]:>9.3f} / {c['cached'][1]:<6.3f}"
            f"{c['imencode'][0]:>9.2f} / {c['imencode'][1]:<6.2f}{c['size_kb'][0]:>10.1f}"
        )
    print("  first frame = background render (scene + Vietnamese text) + first tick; done once per camera stream")
    print("  per tick    = copy background + draw motion and clock + encode; cv2.imencode = bare encode reference\n")

    print(f"Serving one stream (main 1280x720), per tick of {1000 / 8:.0f} ms at 8 fps")
    print(f"{'viewers':<34}{'wall ms/tick':>14}{'CPU ms/tick':>14}{'encodes':>10}")
    rows = [
        ("1 viewer", serve(1, args.ticks, "main", shared=True)),
        (f"{args.viewers} viewers, shared encode", serve(args.viewers, args.ticks, "main", shared=True)),
        (
            f"{args.viewers} viewers, one encode each",
            serve(args.viewers, max(4, args.ticks // 8), "main", shared=False),
        ),
    ]
    for label, (wall, cpu, encodes) in rows:
        print(f"{label:<34}{wall:>14.2f}{cpu:>14.2f}{encodes:>10}")
    print("  'one encode each' (fewer ticks) shows what the sharing saves; encodes = frames encoded in the run")


if __name__ == "__main__":
    main()
