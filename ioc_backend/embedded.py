"""Runs the backend inside another process (the console's --demo mode) on a background thread."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from typing import Any

from ioc_backend.context import AppContext
from ioc_backend.db.files import private_dir, sqlite_path
from ioc_backend.server import IocServer, bind_socket, build_server, prepare_context, socket_url
from ioc_backend.settings import Settings, database_url


class EmbeddedBackend:
    """A real backend on loopback in thread ``ioc-backend-server``; ``start`` returns its URL."""

    def __init__(
        self,
        db_url: str,
        *,
        demo: bool = True,
        simulator: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
        **options: Any,
    ) -> None:
        self.settings = Settings(db_url=database_url(db_url), demo=demo, simulator=simulator, **options)
        # The embedding application hands us a file in its own data directory (the console's):
        # the database's directory is made private, not only the database files.
        db_file = sqlite_path(self.settings.db_url)
        if db_file is not None:
            private_dir(db_file.parent)
        self.host = host
        self.port = port
        self.url: str | None = None
        self._server: IocServer | None = None
        self._thread: threading.Thread | None = None
        self._ctx: AppContext | None = None
        self._sock: socket.socket | None = None

    def start(self, timeout: float = 60.0) -> str:
        if self._thread is not None:
            raise RuntimeError("EmbeddedBackend already started")
        self._ctx = ctx = prepare_context(self.settings)
        try:
            self._sock = sock = bind_socket(self.host, self.port)
            self._server = server = build_server(ctx)
            self.url = url = socket_url(sock)
            self._thread = threading.Thread(
                target=server.run, kwargs={"sockets": [sock]}, name="ioc-backend-server", daemon=True
            )
            self._thread.start()
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return url

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        health = f"{self.url}/api/v1/health"
        while time.monotonic() < deadline:
            if self._thread is not None and not self._thread.is_alive():
                raise RuntimeError("embedded backend thread exited during start-up")
            try:
                with urllib.request.urlopen(health, timeout=2) as resp:
                    if json.loads(resp.read()).get("status") == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"embedded backend did not answer {health} within {timeout} s")

    def stop(self, timeout: float = 15.0) -> None:
        """Stop serving, end open streams and the simulator, and join the server thread."""
        if self._server is not None:
            server = self._server
            loop_ctx = self._ctx
            if loop_ctx is not None:
                loop_ctx.notifier.close()
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(timeout)
            self._thread = None
        if self._ctx is not None:
            self._ctx.close()
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._server = None

    def __enter__(self) -> EmbeddedBackend:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
