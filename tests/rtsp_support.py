"""Real RTSP H.264 streams for tests: runs tools/rtsp_test_server.py under Debian's python.

The server needs PyGObject and the GStreamer RTSP server (Debian packages, see ``.ci/run``),
which the project's venv cannot import, so it runs as a separate process with
``/usr/bin/python3`` (override with ``IOC_RTSP_PYTHON``). Where that is missing, the tests
that use it skip with the reason.

Use the ``rtsp_server`` fixture (two 320x240 15 fps mounts) by importing it into the test module,
or ``start_rtsp_server(...)`` / ``RtspServer(...)`` for other shapes::

    from rtsp_support import rtsp_server  # noqa: F401 - pytest fixture

    def test_x(rtsp_server):
        url = rtsp_server.urls[0]
        rtsp_server.kill()      # the stream dies (signal lost)
        rtsp_server.restart()   # same port, same URLs (recovers)
"""

from __future__ import annotations

import functools
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER_SCRIPT = ROOT / "tools" / "rtsp_test_server.py"
DEFAULT_PYTHON = "/usr/bin/python3"

_PROBE = """
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtspServer
Gst.init(None)
missing = [e for e in ("appsrc", "rtph264pay", "h264parse", "x264enc", "videotestsrc", "compositor",
                       "textoverlay", "timeoverlay", "videobalance", "filesink", "filesrc", "appsink")
           if Gst.ElementFactory.find(e) is None]
print("missing GStreamer elements: " + ", ".join(missing) if missing else "OK")
"""


def server_python() -> str:
    """The interpreter that runs the server (Debian's python3 unless IOC_RTSP_PYTHON says)."""
    return os.environ.get("IOC_RTSP_PYTHON", DEFAULT_PYTHON)


@functools.cache
def unavailable_reason() -> str | None:
    """Why the RTSP test server cannot run here, or None when it can (checked once)."""
    python = server_python()
    if not os.access(python, os.X_OK):
        return f"RTSP tests need {python} (Debian python3 with python3-gi); not found"
    try:
        probe = subprocess.run([python, "-c", _PROBE], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"RTSP tests: cannot run {python}: {exc}"
    out = probe.stdout.strip()
    if probe.returncode != 0 or out != "OK":
        detail = out or (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
        return (
            "RTSP tests need GStreamer's RTSP server for Debian's python3 (apt-get install "
            "gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-base gstreamer1.0-plugins-good "
            f"gstreamer1.0-plugins-ugly gstreamer1.0-x): {detail}"
        )
    return None


def require_rtsp() -> None:
    """Skips the calling test with a clear message when the RTSP server cannot run."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)


def free_port() -> int:
    """A TCP port that was free a moment ago on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def default_cache_dir() -> Path:
    """Encoded clips are kept across runs (the first run of a shape encodes them once).

    Not under the user's cache (tests keep away from it): under the system's temporary
    directory, unless IOC_RTSP_CACHE names another place.
    """
    configured = os.environ.get("IOC_RTSP_CACHE")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / f"ioc-rtsp-test-{os.getuid()}"


class RtspServer:
    """One tools/rtsp_test_server.py process: start, wait for READY, kill, restart on the same port."""

    def __init__(
        self,
        mounts: int = 2,
        size: str = "320x240",
        fps: int = 15,
        *,
        sub: str | None = None,
        distinct: int | None = None,
        clips: list[str] | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
        cache_dir: str | os.PathLike[str] | None = None,
        extra_args: list[str] | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.args = ["--mounts", str(mounts), "--size", size, "--fps", str(fps)]
        if sub:
            self.args += ["--sub", sub]
        if distinct:
            self.args += ["--distinct", str(distinct)]
        for clip in clips or []:
            self.args += ["--clip", str(clip)]
        self.args += ["--cache-dir", str(cache_dir or default_cache_dir())]
        self.args += list(extra_args or [])
        self.info: dict = {}
        self.process: subprocess.Popen[str] | None = None
        self._stderr_tail: list[str] = []

    # --- what tests use -------------------------------------------------------------------
    @property
    def urls(self) -> list[str]:
        """Main stream URLs, /cam0 ... /cam{N-1}."""
        return list(self.info.get("urls", []))

    @property
    def sub_urls(self) -> list[str]:
        """Sub stream URLs (/cam{i}/sub), empty unless started with ``sub=``."""
        return list(self.info.get("sub_urls", []))

    def url(self, index: int = 0, sub: bool = False) -> str:
        return (self.sub_urls if sub else self.urls)[index]

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 120.0) -> RtspServer:
        """Starts the server and waits for its READY line (the first run may encode clips)."""
        require_rtsp()
        if self.alive:
            raise RuntimeError("RTSP test server already running")
        cmd = [server_python(), str(SERVER_SCRIPT), "--host", self.host, "--port", str(self.port), *self.args]
        env = dict(os.environ, RTSP_TEST_SERVER_WATCH_STDIN="1")
        # Keep the venv's python modules away from Debian's python.
        env.pop("PYTHONPATH", None)
        env.pop("PYTHONHOME", None)
        self.process = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,  # closed when this process dies: the server then exits
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(
            target=self._pump, args=(self.process.stdout, lines), name="rtsp-server-stdout", daemon=True
        ).start()
        threading.Thread(
            target=self._drain_stderr, args=(self.process.stderr,), name="rtsp-server-stderr", daemon=True
        ).start()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                raise RuntimeError(f"RTSP test server not ready after {timeout:.0f} s: {self._tail()}")
            try:
                line = lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if line is None:
                code = self.process.wait()
                raise RuntimeError(f"RTSP test server exited ({code}) before READY: {self._tail()}")
            if line.startswith("READY "):
                self.info = json.loads(line[len("READY ") :])
                # Restarts reuse the same port so the URLs stay valid.
                self.port = int(self.info["port"])
                return self

    def kill(self) -> None:
        """Kills the server at once (SIGKILL), as a crashed camera or a cut cable would."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._close_pipes()

    def stop(self, timeout: float = 10.0) -> None:
        """Stops the server (SIGTERM, then SIGKILL after ``timeout``)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._close_pipes()

    def restart(self, timeout: float = 60.0) -> RtspServer:
        """Starts the server again on the same port (the old URLs work again)."""
        self.kill()
        return self.start(timeout=timeout)

    # --- internals ------------------------------------------------------------------------
    @staticmethod
    def _pump(stream, lines: queue.Queue[str | None]) -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    def _drain_stderr(self, stream) -> None:
        # Keep draining so a chatty server never blocks on a full pipe; keep the tail for errors.
        for line in stream:
            self._stderr_tail = [*self._stderr_tail[-19:], line.rstrip("\n")]

    def _tail(self) -> str:
        return " | ".join(self._stderr_tail[-5:]) or "(no output)"

    def _close_pipes(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:
                pass

    def __enter__(self) -> RtspServer:
        return self.start() if not self.alive else self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextmanager
def start_rtsp_server(**kwargs) -> Iterator[RtspServer]:
    """A started RtspServer (kwargs as for RtspServer), stopped afterwards."""
    server = RtspServer(**kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def rtsp_server() -> Iterator[RtspServer]:
    """Two RTSP H.264 mounts, 320x240 at 15 fps, on a free port; skips where GStreamer is missing."""
    with start_rtsp_server() as server:
        yield server


if __name__ == "__main__":  # pragma: no cover - manual check: python tests/rtsp_support.py
    print(unavailable_reason() or "RTSP test server available", file=sys.stderr)
