"""Serves the map page from memory through the ``iocmap://app/`` scheme: the page, its assets, the
layer data and the MBTiles base map. Nothing else is reachable: every path is checked against a
fixed table of roots, so the page cannot read a file the console did not mean to give it.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any

import xstatic.pkg.leaflet as xstatic_leaflet
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QThreadPool, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlSchemeHandler

from ioc_console.workspaces.map.web_engine import MAP_HOST

log = logging.getLogger(__name__)

RESOURCES_MAP = Path(__file__).resolve().parents[3] / "resources" / "map"
# Asset folders the page may read, by the first path segment after /assets/.
ASSET_ROOTS: dict[str, Path] = {
    "leaflet": Path(xstatic_leaflet.BASE_DIR),
    "ioc": RESOURCES_MAP,
}
# path -> (content type, bytes) of the assets served so far; shared by every map view.
_ASSET_CACHE: dict[str, tuple[bytes, bytes]] = {}
_TYPES = {".js": b"text/javascript", ".css": b"text/css", ".png": b"image/png", ".svg": b"image/svg+xml"}


def asset_path(path: str) -> Path | None:
    """The file behind ``/assets/<root>/<file...>``, or None when the path leaves its root or is unknown."""
    parts = path.split("/")
    if len(parts) < 4 or parts[0] != "" or parts[1] != "assets" or parts[2] not in ASSET_ROOTS:
        return None
    if any(part in ("", ".", "..") or "\\" in part for part in parts[3:]):
        return None
    root = ASSET_ROOTS[parts[2]].resolve()
    candidate = root.joinpath(*parts[3:]).resolve()
    if root not in candidate.parents or not candidate.is_file():
        return None
    return candidate


class _TileRelay(QObject):
    """Brings a tile read on a worker back to the GUI thread, where its job is answered."""

    ready = Signal(object, object)  # job id, bytes | None


class MapSchemeHandler(QWebEngineUrlSchemeHandler):
    """One per map view. ``set_page`` / ``put_data`` fill what it serves; tiles come from a
    ``tile_source`` (an :class:`~ioc_console.workspaces.map.mbtiles.MbtilesSource`), read on a worker."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page = b""
        self._data: dict[str, bytes] = {}
        self._tile_source: Any = None
        self._jobs: dict[int, QWebEngineUrlRequestJob] = {}
        self._next_job = 0
        self._relay = _TileRelay(self)
        self._relay.ready.connect(self._answer_tile)

    def set_page(self, html: str) -> None:
        self._page = html.encode("utf-8")

    def put_data(self, name: str, payload: bytes) -> str:
        """Keep ``payload`` at ``/data/<name>`` (replacing an older one); returns its URL."""
        self._data[name] = payload
        return f"iocmap://{MAP_HOST}/data/{name}"

    def drop_data(self, name: str) -> None:
        self._data.pop(name, None)

    def set_tile_source(self, source: Any) -> None:
        self._tile_source = source

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        if url.host() != MAP_HOST or job.requestMethod() != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        path = url.path()
        if path == "/index.html":
            self._reply(job, b"text/html; charset=utf-8", self._page)
        elif path.startswith("/data/") and path[len("/data/") :] in self._data:
            self._reply(job, b"application/json", self._data[path[len("/data/") :]])
        elif path.startswith("/assets/"):
            self._serve_asset(job, path)
        elif path.startswith("/tiles/") and self._tile_source is not None:
            self._serve_tile(job, path)
        else:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _serve_asset(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        cached = _ASSET_CACHE.get(path)
        if cached is None:
            file = asset_path(path)
            if file is None:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
            kind = (
                _TYPES.get(file.suffix) or (mimetypes.guess_type(file.name)[0] or "application/octet-stream").encode()
            )
            # Small (Leaflet is 150 kB) and fixed for the process: read once, kept for every map view.
            cached = (kind, file.read_bytes())
            _ASSET_CACHE[path] = cached
        self._reply(job, cached[0], cached[1])

    def _serve_tile(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        from ioc_console.workspaces.map.mbtiles import parse_tile_path

        where = parse_tile_path(path)
        if where is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        job_id = self._next_job
        self._next_job += 1
        self._jobs[job_id] = job
        job.destroyed.connect(lambda *_: self._jobs.pop(job_id, None))
        source = self._tile_source
        relay = self._relay

        def read() -> None:
            try:
                tile = source.tile(*where)
            except Exception:
                log.exception("MBTiles read failed for %s", path)
                tile = None
            relay.ready.emit(job_id, tile)

        # Not the cache pool: a tile read must not wait behind a sync page being written.
        QThreadPool.globalInstance().start(read)

    def _answer_tile(self, job_id: int, tile: bytes | None) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        if tile is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        else:
            self._reply(job, str(self._tile_source.mime_type).encode(), tile)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, content_type: bytes, payload: bytes) -> None:
        buffer = QBuffer(parent=job)
        buffer.setData(QByteArray(payload))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(content_type, buffer)
