"""The map widget: a locked-down QWebEngineView showing the page of :mod:`page`, with a bridge to it.

Knows nothing of the backend: the workspace hands it encoded layers (:mod:`layer_data`) and
patches, and listens to what the operator does on the page.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ioc_console.workspaces.map.bridge import MapBridge
from ioc_console.workspaces.map.page import BaseMap, build_page
from ioc_console.workspaces.map.request_guard import RequestGuard
from ioc_console.workspaces.map.scheme import MapSchemeHandler
from ioc_console.workspaces.map.web_engine import MAP_SCHEME, PAGE_URL

log = logging.getLogger(__name__)


class _GuardedPage(QWebEnginePage):
    """Stays on the map page: no navigation elsewhere (a ``javascript:`` or outside link does
    nothing), no new windows, console messages go to the log."""

    def acceptNavigationRequest(self, url: QUrl, nav_type: Any, is_main_frame: bool) -> bool:
        return url.toString() == PAGE_URL

    def createWindow(self, _type: Any) -> None:  # noqa: N802 - Qt's name
        return None

    def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:  # noqa: N802
        log.debug("map page (%s:%s): %s", source, line, message[:300])


class MapView(QWidget):
    """Owns the web view, its private profile, the scheme handler, the request guard and the bridge."""

    ready = Signal()  # the page is up and listens to commands
    layers_ready = Signal(int, dict)  # generation, counts per layer

    def __init__(self, base: BaseMap | None = None, tile_source: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = base or BaseMap()
        # The view first: Qt deletes children in creation order, and the page (the view's child)
        # must be gone before its profile.
        self.view = QWebEngineView(self)
        self.profile = QWebEngineProfile(self)  # no storage name: off the record, nothing on disk
        self.guard = RequestGuard(self._base.tile_host, self.profile)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.scheme = MapSchemeHandler(self.profile)
        self.scheme.set_tile_source(tile_source)
        self.profile.installUrlSchemeHandler(MAP_SCHEME, self.scheme)
        self.page = _GuardedPage(self.profile, self.view)
        settings = self.page.settings()
        for attribute, on in (
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False),
            (QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False),
            (QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False),
            (QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, False),
            (QWebEngineSettings.WebAttribute.PluginsEnabled, False),
            (QWebEngineSettings.WebAttribute.PdfViewerEnabled, False),
            (QWebEngineSettings.WebAttribute.NavigateOnDropEnabled, False),
            (QWebEngineSettings.WebAttribute.LocalStorageEnabled, False),
        ):
            settings.setAttribute(attribute, on)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self.page)
        self.channel.registerObject("iocBridge", self.bridge)
        self.page.setWebChannel(self.channel)
        self.view.setPage(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self._is_ready = False
        self._queued: list[tuple[str, dict[str, Any]]] = []
        self._generation = 0
        self._served: dict[str, list[str]] = {}  # layer -> keys of its payloads the scheme holds
        self.bridge.page_ready.connect(self._on_page_ready)
        self.bridge.layers_ready.connect(self.layers_ready)
        self.bridge.page_error.connect(lambda text: log.warning("map page error: %s", text))

    @property
    def is_ready(self) -> bool:
        return self._is_ready

    @property
    def external_requests(self) -> list[str]:
        return self.guard.blocked

    def load(self) -> None:
        """Build the page and load it (layers come afterwards, with :meth:`load_layers`)."""
        self._is_ready = False
        self.scheme.set_page(build_page(self._base))
        self.view.load(QUrl(PAGE_URL))

    def load_layers(self, layers: dict[str, Any]) -> int:
        """Replace these layers (name -> JSON-ready payload of :mod:`layer_data`); returns the
        generation the matching ``layers_ready`` will carry."""
        self._generation += 1
        urls = {}
        for name, payload in layers.items():
            data = payload if isinstance(payload, bytes) else orjson.dumps(payload)
            key = f"{name}-{self._generation}.json"
            urls[name] = self.scheme.put_data(key, data)
            # Each layer keeps its newest payload and the one before (the page may still be
            # fetching it); older ones go, so a reports layer re-read every 10 s holds 2 copies.
            served = self._served.setdefault(name, [])
            served.append(key)
            while len(served) > 2:
                self.scheme.drop_data(served.pop(0))
        self._send("load", generation=self._generation, layers=urls)
        return self._generation

    def patch(self, layers: dict[str, dict[str, list[Any]]]) -> None:
        """Live changes: ``{layer: {"upserts": [item...], "removals": [id...]}}``; the view is kept."""
        self._send("patch", layers=layers)

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        self._send("visible", layer=layer, visible=visible)

    def set_layer_mode(self, layer: str, mode: str) -> None:
        self._send("mode", layer=layer, mode=mode)

    def set_view(self, lat: float, lon: float, zoom: float) -> None:
        self._send("view", lat=lat, lon=lon, zoom=zoom)

    def focus(
        self,
        layer: str | None,
        item_id: str | None,
        lat: float | None = None,
        lon: float | None = None,
        *,
        zoom: float | None = None,
    ) -> None:
        """Centre on a record (or the point) and select it; at ``zoom`` exactly when given, else
        zoomed in to at least street level."""
        self._send("focus", layer=layer, id=item_id, lat=lat, lon=lon, zoom=zoom)

    def start_draw(self, kind: str | None) -> None:
        self._send("draw", kind=kind)

    def show_shape(self, shape: dict[str, Any] | None) -> None:
        self._send("shape", shape=shape)

    def set_paused(self, paused: bool) -> None:
        self._send("paused", paused=paused)

    def snapshot(self) -> QImage:
        """What the operator sees of the map, as an image (for a briefing)."""
        return self.view.grab().toImage()

    def _send(self, op: str, **fields: Any) -> None:
        if not self._is_ready:
            self._queued.append((op, fields))
            return
        self.bridge.send(op, **fields)

    def _on_page_ready(self) -> None:
        self._is_ready = True
        self.ready.emit()
        queued, self._queued = self._queued, []
        for op, fields in queued:
            self.bridge.send(op, **fields)
