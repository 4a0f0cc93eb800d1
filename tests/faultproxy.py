"""FaultProxy: a real HTTP/1.1 proxy on loopback that injects network and backend faults.

It sits between a client and a real backend process. Each client connection carries one
request (the proxy answers with ``Connection: close``), which keeps it simple and correct
for any response shape: bodies are relayed as they arrive, so SSE and MJPEG streams work
in "pass" mode. Modes (``set_mode``) apply to requests arriving after the change:

- ``pass``: forward to the backend and relay the answer.
- ``refuse``: close new connections at once; switching to it also drops open ones.
- ``error500``: answer ``500`` with a JSON error body (nothing reaches the backend).
- ``garbage``: answer ``200`` with a body that is not JSON (nothing reaches the backend).
- ``hang``: accept and read the request, then say nothing; when the mode changes or the
  proxy stops, the connection is closed without an answer (nothing reaches the backend).
- ``drop_after_forward``: forward the request, read the backend's full answer, then close
  the client connection without sending it (the request was applied, the answer lost).
- ``hang_after_forward``: forward the request and read the answer, then hold it like
  ``hang`` (applied on the server, the answer still "in flight" - e.g. when the client dies).

``set_mode(mode, path_prefix=..., times=...)`` narrows a fault to requests whose path
starts with ``path_prefix`` (others pass) and/or to the next ``times`` such requests, after
which the proxy returns to "pass" by itself: e.g. lose the answer of exactly one write
while health checks and syncs go through.

``retarget(url)`` points new connections at another backend (one restarted on a new
port). ``forwarded`` counts requests that reached a backend. Threads are named
``faultproxy-*``; ``stop()`` closes every socket and joins every thread.
"""

from __future__ import annotations

import json
import select
import socket
import threading
from urllib.parse import urlsplit

MODES = ("pass", "refuse", "error500", "garbage", "hang", "drop_after_forward", "hang_after_forward")
_MAX_HEAD = 64 * 1024
_STREAMING_TYPES = (b"text/event-stream", b"multipart/")


class _Closed(Exception):
    """The peer closed (or the proxy shut) the connection."""


def _split_target(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname or not parts.port:
        raise ValueError(f"FaultProxy needs an http://host:port target, got {url!r}")
    return parts.hostname, parts.port


class _Reader:
    """Buffered reads from a socket: lines, exact byte counts, and 'whatever came'."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> None:
        try:
            data = self.sock.recv(65536)
        except OSError as exc:
            raise _Closed() from exc
        if not data:
            raise _Closed()
        self.buffer += data

    def until(self, marker: bytes, limit: int = _MAX_HEAD) -> bytes:
        while marker not in self.buffer:
            if len(self.buffer) > limit:
                raise _Closed()
            self._fill()
        index = self.buffer.index(marker) + len(marker)
        head, self.buffer = self.buffer[:index], self.buffer[index:]
        return head

    def exactly(self, count: int) -> bytes:
        while len(self.buffer) < count:
            self._fill()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def some(self) -> bytes:
        """Buffered bytes if any, else the next chunk from the socket (b"" at EOF)."""
        if self.buffer:
            data, self.buffer = self.buffer, b""
            return data
        try:
            return self.sock.recv(65536)
        except OSError:
            return b""


def _parse_head(head: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers.append((name.strip(), value.strip()))
    return lines[0], headers


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _build_head(first_line: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    # One request per connection on both sides: drop hop-by-hop keep-alive headers.
    kept = [(k, v) for k, v in headers if k.lower() not in (b"connection", b"keep-alive", b"proxy-connection")]
    kept.append((b"Connection", b"close"))
    return first_line + b"\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in kept) + b"\r\n"


def _read_body(reader: _Reader, headers: list[tuple[bytes, bytes]]) -> bytes:
    """The request body, as raw bytes (chunked bodies are passed on still chunked)."""
    if (_header(headers, b"transfer-encoding") or b"").lower() == b"chunked":
        raw = b""
        while True:
            size_line = reader.until(b"\r\n")
            raw += size_line
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                raw += reader.until(b"\r\n")  # (no trailers from our clients)
                return raw
            raw += reader.exactly(size + 2)
    length = int(_header(headers, b"content-length") or b"0")
    return reader.exactly(length) if length else b""


def _canned(status: int, reason: str, body: bytes, content_type: str) -> bytes:
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode("ascii") + body


class FaultProxy:
    """A loopback HTTP proxy in front of a real backend, with switchable fault modes."""

    def __init__(self, target_url: str) -> None:
        self._target = _split_target(target_url)
        self._mode = "pass"
        self._path_prefix: str | None = None
        self._times: int | None = None
        self._epoch = 0  # bumped by every set_mode: ends the holds of "hang" modes
        self._cond = threading.Condition()
        self._stopping = False
        self._sockets: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._serial = 0
        self.forwarded = 0
        self.requests_seen: list[tuple[str, str, str]] = []  # (mode, method, path)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._accept_thread = threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True)
        self._accept_thread.start()

    # ------------------------------------------------------------------ control (any thread)
    @property
    def mode(self) -> str:
        with self._cond:
            return self._mode

    def set_mode(self, mode: str, *, path_prefix: str | None = None, times: int | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown FaultProxy mode {mode!r}; expected one of {MODES}")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        with self._cond:
            self._mode = mode
            self._path_prefix = path_prefix
            self._times = times
            self._epoch += 1
            self._cond.notify_all()  # ends "hang" waits
            doomed = list(self._sockets) if mode == "refuse" and path_prefix is None else []
        for sock in doomed:
            self._shut(sock)

    def retarget(self, target_url: str) -> None:
        target = _split_target(target_url)
        with self._cond:
            self._target = target

    def drop_connections(self) -> None:
        """Close every open connection now (a cut cable), without changing the mode."""
        with self._cond:
            doomed = list(self._sockets)
        for sock in doomed:
            self._shut(sock)

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            doomed = list(self._sockets)
        for sock in doomed:
            self._shut(sock)
        self._accept_thread.join(timeout)
        with self._cond:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
        self._listener.close()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ internals
    @staticmethod
    def _shut(sock: socket.socket) -> None:
        # shutdown (not close) wakes the thread blocked in recv(); that thread closes it.
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _track(self, sock: socket.socket) -> bool:
        with self._cond:
            if self._stopping:
                return False
            self._sockets.add(sock)
            return True

    def _untrack(self, sock: socket.socket) -> None:
        with self._cond:
            self._sockets.discard(sock)
        try:
            sock.close()
        except OSError:
            pass

    def _accept_loop(self) -> None:
        while True:
            with self._cond:
                if self._stopping:
                    return
            ready, _, _ = select.select([self._listener], [], [], 0.1)
            if not ready:
                continue
            try:
                client, _ = self._listener.accept()
            except OSError:
                continue
            with self._cond:
                # A narrowed "refuse" needs the request path, so only a plain one refuses here.
                refuse = self._mode == "refuse" and self._path_prefix is None and self._times is None
                self._serial += 1
                serial = self._serial
            if refuse or not self._track(client):
                client.close()
                continue
            thread = threading.Thread(target=self._serve, args=(client,), name=f"faultproxy-conn-{serial}", daemon=True)
            with self._cond:
                self._threads.add(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        try:
            self._handle(client)
        except (_Closed, OSError, ValueError):
            pass  # a peer went away or sent something unparsable: the connection just ends
        finally:
            self._untrack(client)
            with self._cond:
                self._threads.discard(threading.current_thread())

    def _handle(self, client: socket.socket) -> None:
        reader = _Reader(client)
        head = reader.until(b"\r\n\r\n")
        first_line, headers = _parse_head(head)
        body = _read_body(reader, headers)
        method, _, rest = first_line.decode("latin-1").partition(" ")
        path = rest.rsplit(" ", 1)[0]
        with self._cond:
            mode = self._mode
            if self._path_prefix is not None and not path.startswith(self._path_prefix):
                mode = "pass"
            elif self._times is not None and mode != "pass":
                self._times -= 1
                if self._times == 0:  # this was the last faulty request
                    self._mode, self._path_prefix, self._times = "pass", None, None
            target = self._target
            epoch = self._epoch
            self.requests_seen.append((mode, method, path))
        if mode == "refuse":
            return
        if mode == "error500":
            body = json.dumps({"error": {"code": "internal", "message": "injected by FaultProxy"}}).encode()
            client.sendall(_canned(500, "Internal Server Error", body, "application/json"))
            return
        if mode == "garbage":
            client.sendall(_canned(200, "OK", b"<html>\x00not json{{{", "application/json"))
            return
        if mode == "hang":
            self._hold(epoch)
            return
        drop = mode in ("drop_after_forward", "hang_after_forward")
        self._forward(client, target, _build_head(first_line, headers) + body, drop=drop)
        if mode == "hang_after_forward":
            self._hold(epoch)

    def _hold(self, epoch: int) -> None:
        """Keep the connection silent until the next set_mode or the proxy stops."""
        with self._cond:
            self._cond.wait_for(lambda: self._stopping or self._epoch != epoch)

    def _forward(self, client: socket.socket, target: tuple[str, int], request: bytes, *, drop: bool) -> None:
        try:
            upstream = socket.create_connection(target, timeout=5)
        except OSError:
            return  # nothing listens behind us: the client sees its connection closed
        upstream.settimeout(None)
        if not self._track(upstream):
            upstream.close()
            return
        try:
            upstream.sendall(request)
            with self._cond:
                self.forwarded += 1
            reader = _Reader(upstream)
            status_line, headers = _parse_head(reader.until(b"\r\n\r\n"))
            content_type = (_header(headers, b"content-type") or b"").lower()
            streaming = content_type.startswith(_STREAMING_TYPES)
            if drop:
                if not streaming:  # the backend finishes its work; the answer is then lost
                    while reader.some():
                        pass
                return
            client.sendall(_build_head(status_line, headers))
            # The backend was asked for Connection: close, so its EOF ends the response,
            # whatever its framing (length, chunked or an endless stream).
            while True:
                data = reader.some()
                if not data:
                    return
                client.sendall(data)
        finally:
            self._untrack(upstream)
