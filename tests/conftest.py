"""Shared test fixtures: offscreen Qt, isolated settings/cache, and a real backend process.

Integration tests talk to a real ``ioc_backend`` started as a separate process on a
loopback port, exactly as a deployment would run it; nothing is mocked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

# Must be set before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

DEMO_PASSWORDS = {
    "operator": "hue-operator",
    "supervisor": "hue-supervisor",
    "leader": "hue-leader",
    "participant": "hue-participant",
    "admin": "hue-admin",
}

_LISTEN_RE = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")


@dataclass
class BackendProcess:
    """A running ``ioc-backend`` process on loopback."""

    url: str
    db_path: Path
    proc: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start_backend(
    tmp_dir: Path,
    *,
    simulator: bool = False,
    extra_args: list[str] | None = None,
    env: dict[str, str] | None = None,
    db_path: Path | None = None,
    db_url: str | None = None,
) -> BackendProcess:
    """Start the real reference backend on a free loopback port and wait until it serves.

    ``db_url`` (any SQLAlchemy URL, e.g. PostgreSQL) replaces the default SQLite file.
    """
    db_path = db_path or (tmp_dir / "backend.sqlite3")
    log_path = tmp_dir / f"backend-{time.monotonic_ns()}.log"
    args = [
        sys.executable,
        "-m",
        "ioc_backend",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        db_url or f"sqlite:///{db_path}",
        "--demo",
    ]
    if not simulator:
        args.append("--no-simulator")
    args += extra_args or []
    full_env = dict(os.environ)
    full_env.update(env or {})
    log_file = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen(args, stdout=log_file, stderr=subprocess.STDOUT, env=full_env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"backend exited with {proc.returncode}:\n{log_path.read_text()}")
        m = _LISTEN_RE.search(log_path.read_text(encoding="utf-8", errors="replace"))
        if m:
            return BackendProcess(url=m.group(1), db_path=db_path, proc=proc, log_path=log_path)
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"backend did not start in time:\n{log_path.read_text()}")


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
