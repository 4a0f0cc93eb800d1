"""Shared test fixtures: offscreen Qt, isolated settings/cache, and a real backend process.

Integration tests talk to a real ``ioc_backend`` started as a separate process on a
loopback port, exactly as a deployment would run it; nothing is mocked.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

# Must be set before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend  # noqa: F401 - shared with tests

from ioc_console.workspaces.map.web_engine import prepare_web_engine

# The map's URL scheme must be known to Chromium before pytest-qt creates the QApplication.
prepare_web_engine()


@pytest.fixture(scope="session")
def backend(tmp_path_factory) -> BackendProcess:
    """One demo-seeded backend (simulator off, so data is stable) shared by the session."""
    proc = start_backend(tmp_path_factory.mktemp("backend"))
    yield proc
    proc.stop()


@pytest.fixture()
def fresh_backend(tmp_path) -> BackendProcess:
    """A private backend for tests that change global state or stop/restart the server."""
    proc = start_backend(tmp_path)
    yield proc
    proc.stop()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """Keep every test away from the real user's settings, cache and data directories."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("IOC_CONSOLE_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    yield


@pytest.fixture(autouse=True)
def _no_leaked_threads():
    """Fail a test that leaves non-daemon or worker threads running behind it."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        leaked = [
            t
            for t in threading.enumerate()
            if t not in before and t.is_alive() and not t.name.startswith(("pytest_timeout", "Dummy-"))
        ]
        if not leaked:
            return
        time.sleep(0.05)
    pytest.fail(f"test left threads running: {[t.name for t in leaked]}")
