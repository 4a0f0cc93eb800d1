"""Benchmark of the map's layers: report points over Huế, data in hand -> "layers ready".

Run (interface, kept stable; other tools call it):

    python benchmarks/map_layers.py [--points N[,N...]] [--json PATH]

For each N (default 10000,50000,183000), N synthetic report points over Huế (seeded: a dense
urban cluster around the city centre, a suburban ring and scattered rural points, all inside
lat 16.0-16.8, lon 107.0-108.2), in the same run:

* ``ours_ms``: our map (``ioc_console.workspaces.map``), through ``measure_ours``;
* ``folium_marker_ms``: the same points as plain ``folium.Marker``s (default Leaflet icon);
* ``fast_marker_cluster_ms``: the same points as folium's ``FastMarkerCluster`` whose callback
  makes ``L.circleMarker``s (the default marker needs Leaflet.awesome-markers).

Each figure is milliseconds from "data in hand" (the numpy points exist) to the page's "layers
ready" callback: for the references that is building the page with folium, serving it, Leaflet
parsing it, adding the markers and two animation frames (the first paint happened), after which
a script at the end of the page sets ``document.title = "layers-ready"``. Every page loads in a
fresh offscreen ``QWebEngineView`` (1920x1080) on a fresh off-the-record profile, served from
memory through a custom URL scheme; Leaflet 1.9.3 and Leaflet.markercluster come from the
``xstatic`` packages, so nothing leaves the machine. Every request outside the local schemes is
counted and blocked: ``external_requests`` is their sum over the pages of that N.
A measurement past 60 s is stopped (its view, page and profile deleted) and reported as
"> 60 s" (``null`` in JSON); a page whose script throws is reported as "failed" (also ``null``).
``--json`` writes
``{"runs": [{"points", "ours_ms", "folium_marker_ms", "fast_marker_cluster_ms", "external_requests"}]}``.

Target (issue: the map workspace): ours <= 1500 ms at 183,000 points (+700 cameras, 5,000 alerts).
Nothing here asserts anything.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import mimetypes
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
for _flag in ["--disable-gpu"] + (["--no-sandbox"] if os.geteuid() == 0 else []):
    if _flag not in _flags:
        _flags.append(_flag)
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(_flags)

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # a plain checkout without the install; PYTHONPATH still comes first
    sys.path.append(str(ROOT))

DEFAULT_POINTS = (10_000, 50_000, 183_000)
TIMEOUT_S = 60.0
SEED = 20261205
CENTRE = (16.4637, 107.5909)
LAT_RANGE = (16.0, 16.8)
LON_RANGE = (107.0, 108.2)
VIEW_SIZE = (1920, 1080)
TARGET_MS = 1500.0
TARGET_LINE = "target: ours ≤ 1500 ms at 183,000 points (+700 cameras, 5,000 alerts)"

SCHEME = b"iocbench"
HOST = "bench"
LOCAL_SCHEMES = {SCHEME.decode(), "qrc", "data", "blob", "about"}
READY_TITLE = "layers-ready"
# At the very end of the page, after every marker was added: two animation frames, so the first
# paint with the markers happened, then the title the harness waits for.
READY_SCRIPT = (
    "<script>requestAnimationFrame(function () { requestAnimationFrame(function () {"
    f' document.title = "{READY_TITLE}"; }}); }});</script>\n'
)
CIRCLE_CALLBACK = "function (row) { return L.circleMarker(new L.LatLng(row[0], row[1]), {radius: 4}); }"


# ----------------------------------------------------------------------------- data
def synthetic_points(n: int, seed: int = SEED) -> np.ndarray:
    """``n`` report points (lat, lon) over Huế: 55 % urban cluster, 25 % suburban, 20 % rural."""
    rng = np.random.default_rng(seed)
    urban = int(n * 0.55)
    suburban = int(n * 0.25)
    rural = n - urban - suburban
    centre = np.array(CENTRE)
    parts = [
        centre + rng.normal(0.0, [0.025, 0.03], size=(urban, 2)),
        centre + rng.normal(0.0, [0.12, 0.15], size=(suburban, 2)),
        np.column_stack([rng.uniform(*LAT_RANGE, size=rural), rng.uniform(*LON_RANGE, size=rural)]),
    ]
    points = np.concatenate(parts)
    points[:, 0] = np.clip(points[:, 0], *LAT_RANGE)
    points[:, 1] = np.clip(points[:, 1], *LON_RANGE)
    return points[rng.permutation(n)]


# ----------------------------------------------------------------------------- our map
def _synthetic_cameras_and_alerts(seed: int = SEED) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """700 cameras and 5,000 alerts (one in ten new, so pulsing) over Huế, as the cache holds them."""
    rng = np.random.default_rng(seed + 1)
    cameras = [
        {
            "id": f"cam-{i:04d}",
            "name": f"Camera {i}",
            "lat": float(rng.uniform(16.3, 16.6)),
            "lon": float(rng.uniform(107.45, 107.75)),
            "status": ("online", "online", "online", "degraded", "offline")[i % 5],
            "category": "traffic",
            "ward": "Phường Thuận Hóa",
        }
        for i in range(700)
    ]
    analytics = ("wrong_way", "illegal_parking", "crowd_gathering", "forest_fire", "flooded_road")
    alerts = [
        {
            "id": i,
            "analytic": analytics[i % len(analytics)],
            "state": "new" if i % 10 == 0 else "acknowledged",
            "severity": ("critical", "warning", "info")[i % 3],
            "lat": float(rng.uniform(16.1, 16.7)),
            "lon": float(rng.uniform(107.2, 107.95)),
            "ward": "Phường Thuận Hóa",
            "detected_at": "2026-12-05T07:00:00+00:00",
        }
        for i in range(1, 5001)
    ]
    return cameras, alerts


def measure_ours(points: np.ndarray, timeout_s: float) -> tuple[float | None, int]:
    """Our map: ms from ``points`` (shape (N, 2), lat/lon) in hand to its "layers ready"; None past ``timeout_s``.

    The same path as the workspace: the page loads (Chromium works in its own process) while the
    points become the rows the cache gives, then the reports' columns and the camera and alert
    items (``layer_data``), JSON-encoded and handed to the page, which projects, clusters and
    draws them; "layers ready" comes two animation frames after the first draw. 700 cameras and
    5,000 alerts ride along, as in the target. Returns (ms or None, requests the page made
    outside the local schemes).
    """
    import shiboken6
    from PySide6.QtCore import QEventLoop, QTimer

    from ioc_console.workspaces.map import layer_data
    from ioc_console.workspaces.map.map_view import MapView

    qt_app()
    cameras, alerts = _synthetic_cameras_and_alerts()
    started = time.perf_counter()
    view = MapView()
    view.resize(*VIEW_SIZE)
    view.show()
    view.load()
    rows = [
        (str(i), lat, lon, "open", "hue_s", "Phường Thuận Hóa", "2026-12-01T00:00:00+00:00")
        for i, (lat, lon) in enumerate(points.tolist())
    ]

    def label(resource: str, record: Any) -> str:
        return str(record.get("name") or record.get("id"))

    layers = {
        "reports": layer_data.report_columns(rows),
        "cameras": layer_data.items_layer("camera", cameras, label),
        "alerts": layer_data.items_layer("alert", alerts, label),
    }
    loop = QEventLoop()
    state: dict[str, Any] = {}

    def ready(generation: int, counts: dict[str, int]) -> None:
        state["ready"] = time.perf_counter()
        state["counts"] = counts
        loop.quit()

    view.layers_ready.connect(ready)
    view.bridge.page_error.connect(lambda text: (state.setdefault("error", text), loop.quit()))
    view.load_layers(layers)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    loop.exec()
    external = len(view.external_requests)
    view.close()
    shiboken6.delete(view)
    if "error" in state:
        raise MeasureFailed(f"our page failed: {state['error']}")
    if "ready" not in state:
        return None, external
    counts = state["counts"]
    if counts.get("reports") != len(points) or counts.get("cameras") != 700 or counts.get("alerts") != 5000:
        raise MeasureFailed(f"our page shows the wrong counts: {counts}")
    return (state["ready"] - started) * 1000, external


# ----------------------------------------------------------------------------- local assets
def asset_roots() -> dict[str, Path]:
    """URL prefix -> local directory of the xstatic packages (the only files the scheme serves)."""
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    return {"leaflet": Path(leaflet.BASE_DIR).resolve(), "markercluster": Path(markercluster.BASE_DIR).resolve()}


def asset_url(prefix: str, name: str) -> str:
    return f"{SCHEME.decode()}://{HOST}/{prefix}/{name}"


def folium_map(prefer_canvas: bool) -> Any:
    import folium

    m = folium.Map(
        location=list(CENTRE), zoom_start=10, tiles=None, max_zoom=18, prefer_canvas=prefer_canvas, control_scale=False
    )
    # Instance attributes: Leaflet only; jquery, bootstrap, awesome-markers and font-awesome are not needed.
    # MarkerCluster needs the map's maxZoom, which folium gives only to a tile layer.
    m.options["max_zoom"] = 18
    m.default_js = [("leaflet", asset_url("leaflet", "leaflet.js"))]
    m.default_css = [("leaflet_css", asset_url("leaflet", "leaflet.css"))]
    return m


def page_with_markers(points: np.ndarray, cancel: threading.Event) -> bytes:
    import folium

    m = folium_map(prefer_canvas=True)
    for k, (lat, lon) in enumerate(points.tolist()):
        if k % 1000 == 0 and cancel.is_set():
            raise TimeoutError
        folium.Marker([lat, lon]).add_to(m)
    return finish_page(m)


def page_with_fast_marker_cluster(points: np.ndarray, cancel: threading.Event) -> bytes:
    from folium.plugins import FastMarkerCluster

    m = folium_map(prefer_canvas=True)
    cluster = FastMarkerCluster(points.tolist(), callback=CIRCLE_CALLBACK)
    cluster.default_js = [("markerclusterjs", asset_url("markercluster", "leaflet.markercluster.js"))]
    cluster.default_css = [
        ("markerclustercss", asset_url("markercluster", "MarkerCluster.css")),
        ("markerclusterdefaultcss", asset_url("markercluster", "MarkerCluster.Default.css")),
    ]
    cluster.add_to(m)
    if cancel.is_set():
        raise TimeoutError
    return finish_page(m)


def finish_page(m: Any) -> bytes:
    html = m.get_root().render()
    end = html.rfind("</html>")
    html = html[:end] + READY_SCRIPT + html[end:] if end >= 0 else html + READY_SCRIPT
    return html.encode("utf-8")


# ----------------------------------------------------------------------------- Qt
_app: Any = None


def qt_app() -> Any:
    """The QApplication, created once: the scheme registered and WebEngine imported before it."""
    global _app
    if _app is not None:
        return _app
    import PySide6.QtWebEngineWidgets  # noqa: F401 - WebEngine must be imported before the QApplication
    from PySide6.QtCore import QCoreApplication, Qt

    from ioc_console.workspaces.map.web_engine import prepare_web_engine

    prepare_web_engine()  # our map's own scheme, as the console registers it
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme
    from PySide6.QtWidgets import QApplication

    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    return _app


def _qt_classes() -> dict[str, type]:
    """The Qt subclasses, defined once the QApplication's modules are imported."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEngineUrlRequestInterceptor,
        QWebEngineUrlRequestJob,
        QWebEngineUrlSchemeHandler,
    )

    class Handler(QWebEngineUrlSchemeHandler):
        """Serves the pages from memory and the assets from the xstatic dirs, nothing else."""

        def __init__(self, roots: dict[str, Path], parent: QObject | None = None) -> None:
            super().__init__(parent)
            self.roots = roots
            self.pages: dict[str, bytes] = {}
            self.served: list[str] = []
            self.missing: list[str] = []

        def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
            url = job.requestUrl()
            path = url.path().lstrip("/")
            body = self.pages.get(path) if url.host() == HOST else None
            kind = "text/html; charset=utf-8"
            if body is None and url.host() == HOST:
                prefix, _, rest = path.partition("/")
                root = self.roots.get(prefix)
                if root is not None and rest:
                    target = (root / rest).resolve()
                    if target.is_relative_to(root) and target.is_file():
                        body = target.read_bytes()
                        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                        if kind == "text/javascript":
                            kind = "application/javascript"
            if body is None:
                self.missing.append(url.toString())
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
            self.served.append(path)
            buffer = QBuffer(job)  # owned by the job: alive until the engine has read it
            buffer.setData(QByteArray(body))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            job.reply(QByteArray(kind.encode()), buffer)

    class Interceptor(QWebEngineUrlRequestInterceptor):
        """Counts and blocks every request outside the local schemes."""

        def __init__(self, parent: QObject | None = None) -> None:
            super().__init__(parent)
            self.external: list[str] = []

        def interceptRequest(self, info: Any) -> None:
            url = info.requestUrl()
            if url.scheme().lower() not in LOCAL_SCHEMES:
                self.external.append(url.toString())
                info.block(True)

    class Page(QWebEnginePage):
        def __init__(self, profile: Any, parent: QObject | None = None) -> None:
            super().__init__(profile, parent)
            self.errors: list[str] = []

        def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:  # noqa: N802
            if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
                self.errors.append(f"{source}:{line}: {message}")

    class Relay(QObject):
        """Carries the built page from the builder thread to the GUI thread (queued)."""

        built = Signal(object)

    return {"Handler": Handler, "Interceptor": Interceptor, "Page": Page, "Relay": Relay}


_classes: dict[str, type] = {}


def _async_raise(thread: threading.Thread) -> None:
    """Stop a builder thread stuck in folium's render (pure Python) with an exception."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(TimeoutError))


class MeasureFailed(Exception):
    """The page failed (did not load, or its script threw): no figure, but its external requests."""

    def __init__(self, reason: str, external: int) -> None:
        super().__init__(reason)
        self.external = external


def measure_reference(
    build: Callable[[np.ndarray, threading.Event], bytes], points: np.ndarray, timeout_s: float, label: str
) -> tuple[float | None, int]:
    """ms from ``points`` in hand to "layers ready" of the page ``build`` makes; None past ``timeout_s``.

    Returns (ms or None, requests outside the local schemes); raises MeasureFailed when the page
    failed. A fresh profile, page and view for each measurement.
    """
    import shiboken6
    from PySide6.QtCore import QEventLoop, Qt, QTimer, QUrl
    from PySide6.QtWebEngineCore import QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    app = qt_app()
    if not _classes:
        _classes.update(_qt_classes())
    profile = QWebEngineProfile()  # no storage name: off the record
    handler = _classes["Handler"](asset_roots(), profile)
    interceptor = _classes["Interceptor"](profile)
    profile.installUrlSchemeHandler(SCHEME, handler)
    profile.setUrlRequestInterceptor(interceptor)
    page = _classes["Page"](profile)
    view = QWebEngineView()
    view.setPage(page)
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()

    loop = QEventLoop()
    state: dict[str, Any] = {"ready": None, "failed": None, "page_bytes": 0}
    relay = _classes["Relay"]()
    cancel = threading.Event()
    name = f"{label}-{len(points)}.html"

    def on_title(title: str) -> None:
        if title == READY_TITLE and state["ready"] is None:
            state["ready"] = time.perf_counter()
            loop.quit()

    def on_loaded(ok: bool) -> None:
        state["loaded"] = time.perf_counter()
        if not ok and state["ready"] is None:
            state["failed"] = "the page did not load"
            loop.quit()

    def on_built(result: object) -> None:
        state["built"] = time.perf_counter()
        if cancel.is_set():
            return
        if isinstance(result, bytes):
            handler.pages[name] = result
            state["page_bytes"] = len(result)
            page.load(QUrl(f"{SCHEME.decode()}://{HOST}/{name}"))
        else:
            state["failed"] = f"building the page failed: {result!r}"
            loop.quit()

    page.titleChanged.connect(on_title)
    page.loadFinished.connect(on_loaded)
    relay.built.connect(on_built, Qt.ConnectionType.QueuedConnection)

    def builder() -> None:
        try:
            result: object = build(points, cancel)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            result = exc
        if not cancel.is_set():
            relay.built.emit(result)

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)

    t0 = time.perf_counter()  # data in hand
    thread = threading.Thread(target=builder, name=f"build-{label}", daemon=True)
    thread.start()
    timer.start(max(1, int(timeout_s * 1000)))
    loop.exec()
    timer.stop()

    ready = state["ready"]
    if ready is None:
        cancel.set()
        if thread.is_alive():
            _async_raise(thread)
        thread.join(30)
        page.triggerAction(page.WebAction.Stop)
    external = len(interceptor.external)
    errors = list(page.errors)
    missing = list(handler.missing)
    served_images = sorted({p for p in handler.served if "/images/" in p})

    # The page before its profile (else WebEngine warns and may crash at exit): delete, not deleteLater.
    view.close()
    shiboken6.delete(view)
    shiboken6.delete(page)
    handler.pages.clear()
    app.processEvents()
    profile.removeAllUrlSchemeHandlers()
    shiboken6.delete(profile)
    app.processEvents()

    phases = [f"{key} {(state[key] - t0) * 1000.0:,.0f} ms" for key in ("built", "loaded", "ready") if state.get(key)]
    size = f", page {state['page_bytes'] / 1e6:.1f} MB" if state["page_bytes"] else ""
    print(f"    {label}: {', '.join(phases) or 'nothing finished'}{size}")
    for line in errors[:3]:
        print(f"    {label}: page error: {line}")
    for url in sorted(set(missing))[:3]:
        if not url.endswith("favicon.ico"):
            print(f"    {label}: not served: {url}")
    if served_images:
        print(f"    {label}: images served locally: {', '.join(p.rsplit('/', 1)[1] for p in served_images)}")
    if state["failed"] is None and errors:
        state["failed"] = "the page's script failed, its markers are not all on the map"
    if state["failed"]:
        raise MeasureFailed(state["failed"], external)
    if ready is None:
        return None, external
    return (ready - t0) * 1000.0, external


# ----------------------------------------------------------------------------- report
def fmt_ms(ms: float | None, timeout_s: float = TIMEOUT_S) -> str:
    return f"> {timeout_s:.0f} s" if ms is None else f"{ms:,.0f} ms"


def point_counts(text: str) -> list[int]:
    try:
        counts = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected whole numbers separated by commas, got {text!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"expected numbers of at least 1, got {text!r}")
    return counts


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = ",".join(str(n) for n in DEFAULT_POINTS)
    parser.add_argument(
        "--points", type=point_counts, default=list(DEFAULT_POINTS), help=f"report points per run (default {default})"
    )
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write the figures as JSON here")
    return parser.parse_args(argv)


COLUMNS = ("points", "ours", "folium.Marker", "FastMarkerCluster (circle markers)", "external requests")
WIDTHS = (9, 15, 15, 34, 17)


def table_row(cells: tuple[str, ...]) -> str:
    return "  " + " | ".join(cell.rjust(width) for cell, width in zip(cells, WIDTHS, strict=True))


def reference(
    build: Callable[[np.ndarray, threading.Event], bytes], points: np.ndarray, label: str
) -> tuple[float | None, int, str]:
    """One reference measurement, printed: (ms or None, external requests, the figure as printed)."""
    try:
        ms, external = measure_reference(build, points, TIMEOUT_S, label.split(" ")[0])
        text = fmt_ms(ms)
    except MeasureFailed as failure:
        ms, external, text = None, failure.external, "failed"
        print(f"    {label}: {failure}")
    print(f"  {label}: {text}")
    return ms, external, text


def main(argv: list[str] | None = None) -> int:
    import folium

    args = parse_args(argv)
    qt_app()
    from PySide6 import __version__ as pyside_version

    print(
        f'map layers: ms from data in hand to "layers ready", offscreen {VIEW_SIZE[0]}x{VIEW_SIZE[1]},'
        f" folium {folium.__version__}, PySide6 {pyside_version}, stopped after {TIMEOUT_S:.0f} s"
    )
    # One small page first, not counted: Chromium's processes start once per run, and no
    # measurement below should carry that cost alone.
    measure_ours(synthetic_points(100), TIMEOUT_S)
    runs: list[dict[str, Any]] = []
    rows: list[str] = []
    for n in args.points:
        points = synthetic_points(n)
        print(f"{n:,} points:")
        try:
            ours_ms, ours_external = measure_ours(points, TIMEOUT_S)
            ours_text = fmt_ms(ours_ms)
            print(f"  ours: {ours_text}")
        except MeasureFailed as failure:
            ours_ms, ours_external, ours_text = None, 0, "failed"
            print(f"  ours: failed: {failure}")
        marker_ms, marker_external, marker_text = reference(page_with_markers, points, "folium.Marker")
        cluster_ms, cluster_external, cluster_text = reference(
            page_with_fast_marker_cluster, points, "FastMarkerCluster (circle markers)"
        )
        external = ours_external + marker_external + cluster_external
        runs.append(
            {
                "points": n,
                "ours_ms": None if ours_ms is None else round(ours_ms, 1),
                "folium_marker_ms": None if marker_ms is None else round(marker_ms, 1),
                "fast_marker_cluster_ms": None if cluster_ms is None else round(cluster_ms, 1),
                "external_requests": external,
            }
        )
        rows.append(table_row((f"{n:,}", ours_text, marker_text, cluster_text, str(external))))

    print()
    print(table_row(COLUMNS))
    print("  " + "-+-".join("-" * width for width in WIDTHS))
    for row in rows:
        print(row)
    print(TARGET_LINE)
    if args.json:
        args.json.write_text(json.dumps({"runs": runs}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
