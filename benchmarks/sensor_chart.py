"""Benchmark of the sensor panel's trend chart: a year of 1-minute readings, first draw and redraw after a zoom.

Run (interface, kept stable; other tools call it):

    python benchmarks/sensor_chart.py [--points N] [--json PATH]

A 1-minute series of N readings (default 525,600 = one year; seeded: a water level with a daily
tide, slow seasonal swell, noise and one flood episode) is drawn, in the same run, by:

* ``ours``: the sensor panel's chart (``ioc_console.workspaces.sensors.trend_chart.TrendChart``):
  a min/max pyramid, the visible slice of the level with 1–2 points a pixel;
* ``raw``: pyqtgraph drawing the raw series without downsampling (``PlotWidget.plot(t, y)``,
  defaults: no downsampling, no clipping);
* ``peak`` (third reference): pyqtgraph with its own peak downsampling and clipping to the view
  (``setDownsampling(auto=True, mode="peak")``, ``setClipToView(True)``).

Every chart is a fresh widget shown at 1600x900 on the offscreen platform with a date axis in Huế
time, prepared and painted once before timing. "First draw" is milliseconds from handing the
chart the data (ours builds its pyramid inside this time) to the end of a forced synchronous
paint (``widget.grab()``: every item, axes included, rendered into a picture; the paint event the
change queued is delivered after the timing, so each figure holds exactly one full draw), with the
whole series in view. "Zoom" is
from setting the view to the middle tenth of the series (36.5 days of a year) to the end of the
next forced paint. Each figure is the median of 7 repetitions, each on a fresh widget and a
fresh copy of the data (so ours also pays for any pyramid level it computes on first use).

``--json`` writes ``{"points", "ours_first_ms", "ours_zoom_ms", "raw_first_ms", "raw_zoom_ms"}``.
Targets (issue 14): ours first draw <= 25 ms, zoom <= 10 ms (measured by the issue: raw 112 / 40
ms; peak downsampling + clipping 29 / 14 ms). Nothing here asserts anything.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # a plain checkout without the install; PYTHONPATH still comes first
    sys.path.append(str(ROOT))

import numpy as np

DEFAULT_POINTS = 525_600
REPEATS = 7
SIZE = (1600, 900)
START = 1_733_011_200.0  # 2024-12-01 00:00 UTC: a year of readings ends before "now"
STEP = 60.0


def positive_points(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--points must be a whole number of readings, not {text!r}") from None
    if value < 2:
        raise argparse.ArgumentTypeError(f"--points must be at least 2 (a line needs two readings), not {value}")
    if value > 50_000_000:
        raise argparse.ArgumentTypeError(f"--points must be at most 50,000,000, not {value}")
    return value


def series(points: int) -> tuple[np.ndarray, np.ndarray]:
    """A plausible river level (metres), one reading a minute."""
    rng = np.random.default_rng(14)
    t = START + STEP * np.arange(points, dtype=np.float64)
    minutes = np.arange(points, dtype=np.float64)
    tide = 0.08 * np.sin(2 * np.pi * minutes / (12.42 * 60))
    season = 0.25 * np.sin(2 * np.pi * minutes / (365 * 1440) - 1.2)
    flood = 2.4 * np.exp(-(((minutes - 0.82 * points) / (1.5 * 1440)) ** 2))
    noise = np.cumsum(rng.normal(0.0, 0.003, points))
    width = min(241, points - (points + 1) % 2)  # odd, at most the series: "same" keeps its length
    noise -= np.convolve(noise, np.ones(width) / width, mode="same")
    y = 0.6 + tide + season + flood + noise + rng.normal(0.0, 0.01, points)
    return t, y


def _paint(widget) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    widget.grab()
    QApplication.processEvents()


def _timed(action: Callable[[], None], widget) -> float:
    """Milliseconds of ``action()`` and one forced, synchronous paint of the whole widget (``grab()``
    renders every item, axes included, into a picture); the paint the action queued is then
    delivered outside the timing, so each figure holds exactly one full draw."""
    from PySide6.QtWidgets import QApplication

    gc.collect()  # the previous chart's garbage is not this one's time
    began = time.perf_counter()
    action()
    widget.grab()
    elapsed = (time.perf_counter() - began) * 1000.0
    QApplication.processEvents()
    return elapsed


def _dispose(widget) -> None:
    """Delete the chart and its data now, so the next measurement starts from the same memory."""
    import shiboken6

    widget.close()
    shiboken6.delete(widget)
    gc.collect()


def _zoom_window(t: np.ndarray) -> tuple[float, float]:
    first, last = float(t[0]), float(t[-1])
    middle, tenth = (first + last) / 2, (last - first) / 10
    return middle - tenth / 2, middle + tenth / 2


def measure_ours(t: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from ioc_console.workspaces.sensors.trend_chart import TrendChart

    chart = TrendChart()
    chart.resize(*SIZE)
    chart.show()
    chart.show_range(float(t[0]), float(t[-1]))
    _paint(chart)
    t, y = t.copy(), y.copy()
    # The plot widget is painted, as for the references (the span buttons above it do not change).
    first = _timed(lambda: chart.set_readings(t, y), chart.plot)
    zoom = _timed(lambda: chart.show_range(*_zoom_window(t)), chart.plot)
    _dispose(chart)
    return first, zoom


def measure_pyqtgraph(t: np.ndarray, y: np.ndarray, *, peak: bool) -> tuple[float, float]:
    import pyqtgraph as pg

    widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=-7 * 3600)})
    widget.resize(*SIZE)
    widget.show()
    item = widget.getPlotItem()
    if peak:
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
    item.getViewBox().setMouseEnabled(x=True, y=False)
    widget.setXRange(float(t[0]), float(t[-1]), padding=0)
    _paint(widget)
    t, y = t.copy(), y.copy()

    def first_draw() -> None:
        widget.plot(t, y, pen=pg.mkPen("#5aa9ff", width=1))
        widget.setXRange(float(t[0]), float(t[-1]), padding=0)

    first = _timed(first_draw, widget)
    zoom = _timed(lambda: widget.setXRange(*_zoom_window(t), padding=0), widget)
    _dispose(widget)
    return first, zoom


def run(points: int) -> dict[str, float | int]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    t, y = series(points)
    results: dict[str, list[tuple[float, float]]] = {"ours": [], "raw": [], "peak": []}
    for _ in range(REPEATS):  # interleaved, so a busy moment on the machine hits all three alike
        results["ours"].append(measure_ours(t, y))
        results["raw"].append(measure_pyqtgraph(t, y, peak=False))
        results["peak"].append(measure_pyqtgraph(t, y, peak=True))
        app.processEvents()
    figures: dict[str, float | int] = {"points": points}
    for name, runs in results.items():
        figures[f"{name}_first_ms"] = round(statistics.median(first for first, _zoom in runs), 1)
        figures[f"{name}_zoom_ms"] = round(statistics.median(zoom for _first, zoom in runs), 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Milliseconds to first draw and to redraw after a zoom: the sensor panel's chart "
        "beside pyqtgraph drawing the raw series (and pyqtgraph's peak downsampling)."
    )
    parser.add_argument(
        "--points", type=positive_points, default=DEFAULT_POINTS, help="readings, one a minute (default 525600)"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON to PATH")
    args = parser.parse_args(argv)
    if args.json is not None and args.json.parent and not args.json.parent.is_dir():
        parser.error(f"--json: the folder {str(args.json.parent)!r} does not exist")

    figures = run(args.points)
    print(f"{figures['points']:,} readings, 1 a minute; median of {REPEATS} runs, {SIZE[0]}x{SIZE[1]} offscreen")
    print(f"{'chart':<42}{'first draw':>12}{'zoom':>10}")
    rows = (
        ("ours (min/max pyramid, visible slice)", "ours"),
        ("pyqtgraph raw, no downsampling", "raw"),
        ("pyqtgraph peak downsampling + clipping", "peak"),
    )
    for label, key in rows:
        print(f"{label:<42}{figures[key + '_first_ms']:>9.1f} ms{figures[key + '_zoom_ms']:>7.1f} ms")
    print("targets: first draw <= 25 ms, zoom <= 10 ms")
    if args.json is not None:
        keys = ("points", "ours_first_ms", "ours_zoom_ms", "raw_first_ms", "raw_zoom_ms")
        try:
            args.json.write_text(json.dumps({key: figures[key] for key in keys}, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            print(f"sensor_chart.py: cannot write {args.json}: {error.strerror or error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
