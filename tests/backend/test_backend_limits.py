"""Slow and stalled clients are dropped (header, body and keep-alive timeouts) and connections are capped.

Real sockets against a real backend process started with short limits on its command line.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from backend_process import BackendProcess, start_backend
from backend_testkit import Api

HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.5
MAX_CONNECTIONS = 4
# Generous: the timeouts are short, but a loaded CI machine may be slow to notice.
DEADLINE = 15.0


@pytest.fixture(scope="module")
def limited(tmp_path_factory) -> Iterator[BackendProcess]:
    proc = start_backend(
        tmp_path_factory.mktemp("limited"),
        extra_args=[
            "--header-timeout",
            str(HEADER_TIMEOUT),
            "--body-timeout",
            str(BODY_TIMEOUT),
            "--keep-alive-timeout",
            "1",
            "--max-connections",
            str(MAX_CONNECTIONS),
            "--heartbeat",
            "0.2",
        ],
    )
    yield proc
    proc.stop()


def _connect(proc: BackendProcess) -> socket.socket:
    parts = urlsplit(proc.url)
    return socket.create_connection((parts.hostname, parts.port), timeout=DEADLINE)


def _read_until_closed(sock: socket.socket, deadline: float = DEADLINE) -> bytes:
    """Everything the server sends until it closes the connection; fails if it is still open at the deadline."""
    received = b""
    end = time.monotonic() + deadline
    while True:
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"the server kept the connection open for {deadline} s; got {received[:200]!r}")
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += chunk


def _request(path: str, token: str | None = None, extra: str = "") -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return f"GET {path} HTTP/1.1\r\nHost: test\r\n{auth}{extra}\r\n".encode()


def test_partial_headers_and_silent_connections_are_dropped(limited: BackendProcess) -> None:
    silent = [_connect(limited) for _ in range(2)]
    slow = [_connect(limited) for _ in range(2)]
    try:
        for sock in slow:  # a slowloris client: the request line and part of a header, never the end
            sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: test\r\nX-Slow: a")
        for sock in [*silent, *slow]:
            assert _read_until_closed(sock) == b""
    finally:
        for sock in [*silent, *slow]:
            sock.close()


def test_trickled_headers_are_dropped_even_though_bytes_keep_coming(limited: BackendProcess) -> None:
    sock = _connect(limited)
    try:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\n")
        end = time.monotonic() + DEADLINE
        closed = False
        while time.monotonic() < end and not closed:
            # One header byte every 0.2 s: each resets a naive idle timer, never completes the request.
            try:
                sock.sendall(b"X")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            sock.settimeout(0.2)
            try:
                closed = sock.recv(1024) == b""
            except TimeoutError:
                pass
            except ConnectionResetError:
                closed = True
        assert closed, "a client trickling header bytes kept its connection"
    finally:
        sock.close()


def test_partial_body_is_answered_408_and_dropped(limited: BackendProcess) -> None:
    sock = _connect(limited)
    try:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"username": "oper'
        )
        answer = _read_until_closed(sock)
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
        assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"]["code"] == "request_timeout"
    finally:
        sock.close()


def test_idle_kept_alive_connection_is_closed(limited: BackendProcess) -> None:
    sock = _connect(limited)
    try:
        sock.sendall(_request("/api/v1/health"))
        answer = _read_until_closed(sock)
        assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
    finally:
        sock.close()


def test_streams_outlast_the_timeouts_and_connections_past_the_cap_get_503(limited: BackendProcess) -> None:
    api = Api(limited.url)
    token = api.token("operator")
    api.close()
    streams = [_connect(limited) for _ in range(MAX_CONNECTIONS)]
    extra: list[socket.socket] = []
    try:
        for sock in streams:
            sock.sendall(_request("/api/v1/events", token))
        # Every stream keeps delivering heartbeats well past the header and body timeouts.
        received = dict.fromkeys(range(len(streams)), b"")
        end = time.monotonic() + DEADLINE
        needed = 2 * max(HEADER_TIMEOUT, BODY_TIMEOUT)
        started = time.monotonic()
        while time.monotonic() - started < needed:
            assert time.monotonic() < end
            for index, sock in enumerate(streams):
                sock.settimeout(DEADLINE)
                chunk = sock.recv(65536)
                assert chunk, f"stream {index} was closed after {time.monotonic() - started:.1f} s"
                received[index] += chunk
        assert all(data.startswith(b"HTTP/1.1 200 ") and b"heartbeat" in data for data in received.values())
        # The cap is reached: one more connection is refused with 503.
        extra.append(_connect(limited))
        extra[-1].sendall(_request("/api/v1/health"))
        refused = _read_until_closed(extra[-1])
        assert refused.startswith(b"HTTP/1.1 503 "), refused[:200]
        # A stream ends: there is room again.
        streams.pop().close()
        end = time.monotonic() + DEADLINE
        while True:
            extra.append(_connect(limited))
            extra[-1].sendall(_request("/api/v1/health", extra="Connection: close\r\n"))
            answer = _read_until_closed(extra[-1])
            if answer.startswith(b"HTTP/1.1 200 "):
                break
            assert answer.startswith(b"HTTP/1.1 503 ") and time.monotonic() < end, answer[:200]
    finally:
        for sock in [*streams, *extra]:
            sock.close()
