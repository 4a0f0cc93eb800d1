"""Test helpers for the API client tests: a scripted HTTP server, a TCP relay, backends.

The scripted server and the relay are real sockets on loopback (no mocking): the server
plays a misbehaving backend the reference backend would never imitate, and the relay
lets a test cut, freeze or re-point connections between the client and the real backend.
"""

from __future__ import annotations

import http.server
import json
import queue
import selectors
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FAST = {"connect_timeout": 2.0, "read_timeout": 10.0, "max_retries": 1, "backoff": 0.05}


# --------------------------------------------------------------------------- scripted HTTP server
@dataclass
class Reply:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class ScriptedServer:
    """A real HTTP/1.1 server on loopback whose answers come from a Python function."""

    def __init__(
        self, route: Callable[[SeenRequest], Reply | Callable[[Any], None]], tls: ssl.SSLContext | None = None
    ) -> None:
        self.route = route
        self.requests: list[SeenRequest] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = SeenRequest(self.command, self.path, dict(self.headers.items()), body)
                owner.requests.append(seen)
                reply = owner.route(seen)
                if callable(reply):
                    reply(self)  # the route writes the raw response itself (streams)
                    self.close_connection = True
                    return
                payload = reply.body
                if not isinstance(payload, (bytes, str)):
                    payload = json.dumps(payload)
                if isinstance(payload, str):
                    payload = payload.encode("utf-8")
                self.send_response(reply.status)
                # One request per connection: no keep-alive thread can outlive the test.
                self.close_connection = True
                headers = {"Content-Type": "application/json", "Connection": "close"}
                headers.update(reply.headers)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # Non-daemon request threads are joined by server_close(), so none outlives the test.
        self.httpd.daemon_threads = False
        self.httpd.block_on_close = True
        scheme = "http"
        if tls is not None:
            # Handshake in the request thread, so a client refusing our certificate only
            # ends that connection instead of raising in the accept loop.
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True, do_handshake_on_connect=False)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="test-scripted-http", daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def make_test_ca_and_server_cert(directory: Path) -> tuple[Path, Path, Path]:
    """A throw-away CA and a server certificate for 127.0.0.1 (openssl CLI); returns (ca, cert, key)."""
    ca_key, ca_pem = directory / "ca.key", directory / "ca.pem"
    key, csr, cert = directory / "server.key", directory / "server.csr", directory / "server.pem"
    ext = directory / "san.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    commands = [
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            ca_key,
            "-out",
            ca_pem,
            "-days",
            "2",
            "-subj",
            "/CN=IOC test CA",
        ],
        ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        [
            "openssl",
            "x509",
            "-req",
            "-in",
            csr,
            "-CA",
            ca_pem,
            "-CAkey",
            ca_key,
            "-CAcreateserial",
            "-out",
            cert,
            "-days",
            "2",
            "-extfile",
            ext,
        ],
    ]
    for command in commands:
        subprocess.run([str(c) for c in command], check=True, capture_output=True, timeout=60)
    return ca_pem, cert, key


# --------------------------------------------------------------------------- TCP relay
class TcpRelay:
    """Forwards loopback TCP connections to a target port, under the test's control.

    ``retarget(port)`` sends new connections to another backend (a restarted one);
    ``cut()`` closes every open connection (a dropped network); ``freeze()`` keeps the
    open connections but stops forwarding on them (a dead peer or a silently broken
    NAT entry, detectable only by a read timeout); new connections still work.
    All socket work happens on the relay's own thread; the methods only post commands.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.connections_accepted = 0
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._wake_r, self._wake_w = socket.socketpair()
        self._selector = selectors.DefaultSelector()
        self._peer: dict[socket.socket, socket.socket] = {}
        self._thread = threading.Thread(target=self._loop, name="test-tcp-relay", daemon=True)
        self._thread.start()

    def retarget(self, port: int) -> None:
        self.target_port = port

    def _post(self, command: str) -> None:
        self._commands.put(command)
        self._wake_w.send(b"x")

    def cut(self) -> None:
        self._post("cut")

    def freeze(self) -> None:
        self._post("freeze")

    def stop(self) -> None:
        self._post("stop")
        self._thread.join(5)
        self._wake_r.close()
        self._wake_w.close()

    # -- relay thread only below
    def _loop(self) -> None:
        sel = self._selector
        sel.register(self._wake_r, selectors.EVENT_READ)
        sel.register(self._listener, selectors.EVENT_READ)
        running = True
        while running:
            for key, _ in sel.select(timeout=0.5):
                sock = key.fileobj
                if sock is self._wake_r:
                    self._wake_r.recv(1024)
                elif sock is self._listener:
                    self._accept()
                elif sock in self._peer:
                    self._pump(sock)
            while not self._commands.empty():
                command = self._commands.get()
                if command in ("cut", "stop"):
                    for sock in list(self._peer):
                        self._close(sock)
                    running = running and command != "stop"
                elif command == "freeze":
                    # Stop reading (and so forwarding) without closing: bytes pile up unread.
                    for sock in self._peer:
                        try:
                            sel.unregister(sock)
                        except KeyError:
                            pass
        sel.close()
        self._listener.close()

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=2)
        except OSError:
            client.close()  # nothing listens behind us: behave like a dead backend
            return
        self.connections_accepted += 1
        self._peer[client], self._peer[upstream] = upstream, client
        for sock in (client, upstream):
            sock.setblocking(False)
            self._selector.register(sock, selectors.EVENT_READ)

    def _pump(self, sock: socket.socket) -> None:
        try:
            data = sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            other = self._peer[sock]
            try:
                other.setblocking(True)
                other.sendall(data)
                other.setblocking(False)
                return
            except OSError:
                pass
        self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        """Close a connection and its partner (unregistering before closing: fds get reused)."""
        if sock not in self._peer:
            return  # already closed as the partner of another socket
        other = self._peer.pop(sock, None)
        for s in (sock, other):
            if s is None:
                continue
            self._peer.pop(s, None)
            try:
                self._selector.unregister(s)
            except (KeyError, ValueError):
                pass
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


# --------------------------------------------------------------------------- meetings
def seat_members(chair: Any, members: list[Any], meeting_id: int) -> None:
    """Make each signed-in ``members`` client a member of the meeting (by ``chair``, a meeting
    manager) and check them in, so the polls opened next count them as voters."""
    import uuid

    for member in members:
        version = chair.get_meeting(meeting_id).version
        user_id = member.me().id
        chair.send_action(
            "PUT",
            f"/meetings/{meeting_id}/members/{user_id}",
            {"role": "member", "version": version},
            idempotency_key=str(uuid.uuid4()),
        )
        member.send_action("POST", f"/meetings/{meeting_id}/attendance/check-in", {}, idempotency_key=str(uuid.uuid4()))
