"""Blocks every request of the map page that does not stay on the console's own schemes.

Installed on the map's private profile. The one exception is the tile server an operator set
for online use. Blocked requests are counted (and logged once each) so a test and the
benchmark can prove the page asked for nothing outside.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from ioc_console.workspaces.map.web_engine import LOCAL_SCHEMES

log = logging.getLogger(__name__)


class RequestGuard(QWebEngineUrlRequestInterceptor):
    def __init__(self, allowed_origin: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed_origin = allowed_origin
        self._lock = threading.Lock()  # interceptRequest runs on Chromium's IO thread
        self._blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES:
            return
        if self._allowed_origin and url.toString().startswith(self._allowed_origin + "/"):
            return
        info.block(True)
        with self._lock:
            self._blocked.append(url.toString())
        log.warning("map page request blocked: %s", url.toString()[:200])

    @property
    def blocked(self) -> list[str]:
        """Every request blocked so far (outside the local schemes and the tile server)."""
        with self._lock:
            return list(self._blocked)
