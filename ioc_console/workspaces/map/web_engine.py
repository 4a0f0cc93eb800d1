"""What QtWebEngine needs before the QApplication exists: the map's URL scheme and shared GL contexts.

Chromium learns custom schemes only at start-up, so :func:`prepare_web_engine` must run before the
QApplication is created (the console's entry point and the test session do so). A map opened
without it says so instead of showing a blank page (:func:`scheme_ready`).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, Qt

MAP_SCHEME = b"iocmap"
MAP_HOST = "app"
PAGE_URL = f"{MAP_SCHEME.decode()}://{MAP_HOST}/index.html"
# Requests the map page may make: its own scheme, Qt's resources (qwebchannel.js), inline data.
LOCAL_SCHEMES = frozenset({MAP_SCHEME.decode(), "qrc", "data", "blob", "about"})

_registered = False


def prepare_web_engine() -> bool:
    """Register the map scheme and share GL contexts; True if done (or already done) in time."""
    global _registered
    if _registered:
        return True
    if QCoreApplication.instance() is not None:
        return False
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run its sandbox as root.
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags.split():
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    import PySide6.QtWebEngineWidgets  # noqa: F401 - must be loaded before the QApplication exists
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    scheme = QWebEngineUrlScheme(MAP_SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    _registered = True
    return True


def scheme_ready() -> bool:
    """True when the map scheme was registered before the QApplication (the map can load)."""
    return _registered
