"""Long-lived responses (MJPEG, /events) end within seconds of their token's logout or expiry."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from backend_process import BackendProcess, start_backend
from backend_testkit import Api

RECHECK = 0.5  # --stream-recheck of these backends
CLOSE_DEADLINE = 15.0  # generous bound on "within seconds"; never a speed assertion


@pytest.fixture(scope="module")
def long_token_backend(tmp_path_factory) -> Iterator[BackendProcess]:
    """Tokens that outlive the test, so only logout can end a stream."""
    proc = start_backend(
        tmp_path_factory.mktemp("recheck"), extra_args=["--stream-recheck", str(RECHECK), "--heartbeat", "0.5"]
    )
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def expiring_backend(tmp_path_factory) -> Iterator[BackendProcess]:
    """3 s access tokens: streams must end on expiry although nobody logs out."""
    proc = start_backend(
        tmp_path_factory.mktemp("expiring"),
        extra_args=["--access-ttl", "3", "--stream-recheck", str(RECHECK), "--heartbeat", "0.5"],
    )
    yield proc
    proc.stop()


def open_stream(api: Api, kind: str, token: str) -> requests.Response:
    if kind == "mjpeg":
        path, params = "/streams/cam-0003/sub.mjpeg", {"access_token": token}
        headers = {}
    else:
        path, params = "/events", {}
        headers = {"Authorization": f"Bearer {token}"}
    response = api.http.get(api.url(path), params=params, headers=headers, stream=True, timeout=(10, 10))
    assert response.status_code == 200, response.text
    assert response.raw.read1(65536), "the stream sent nothing"
    return response


def bytes_until_closed(response: requests.Response, deadline: float) -> int:
    """Read until the server ends the body; fail if it is still sending at the deadline."""
    total = 0
    try:
        while time.monotonic() < deadline:
            chunk = response.raw.read1(65536)
            if not chunk:
                return total
            total += len(chunk)
    finally:
        response.close()
    pytest.fail(f"the stream was still open at the deadline after {total} more bytes")


@pytest.mark.parametrize("kind", ["mjpeg", "events"])
def test_stream_ends_after_logout(long_token_backend: BackendProcess, kind: str) -> None:
    api = Api(long_token_backend.url)
    try:
        token = api.login("operator")["access_token"]
        response = open_stream(api, kind, token)
        assert api.post("/auth/logout", token).status_code == 204
        bytes_until_closed(response, time.monotonic() + CLOSE_DEADLINE)
        # And the same token cannot open a new one.
        again = api.get("/events", token)
        assert again.status_code == 401
    finally:
        api.close()


@pytest.mark.parametrize("kind", ["mjpeg", "events"])
def test_stream_ends_when_its_token_expires(expiring_backend: BackendProcess, kind: str) -> None:
    api = Api(expiring_backend.url)
    try:
        login = api.login("operator")
        response = open_stream(api, kind, login["access_token"])
        bytes_until_closed(response, time.monotonic() + login["expires_in"] + CLOSE_DEADLINE)
    finally:
        api.close()


def test_other_sessions_streams_go_on_after_a_logout(long_token_backend: BackendProcess) -> None:
    """Logout ends the streams of its own session only."""
    api = Api(long_token_backend.url)
    try:
        staying = api.login("operator")["access_token"]
        leaving = api.login("operator")["access_token"]
        kept = open_stream(api, "mjpeg", staying)
        assert api.post("/auth/logout", leaving).status_code == 204
        # Read well past several re-checks: the other session's stream keeps delivering frames.
        received = 0
        until = time.monotonic() + 4 * RECHECK
        while time.monotonic() < until:
            chunk = kept.raw.read1(65536)
            assert chunk, "the other session's stream was closed"
            received += len(chunk)
        kept.close()
        assert received > 0
    finally:
        api.close()
