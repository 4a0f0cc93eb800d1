"""Transport behaviour against misbehaving HTTP servers: retries, error mapping, validation.

The servers here are real loopback HTTP servers scripted to misbehave in ways the
reference backend never would (malformed bodies, 503 storms, broken error bodies).
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
import ssl
from datetime import UTC, datetime, timedelta

import pytest
from client_support import Reply, make_test_ca_and_server_cert

from backend_client import (
    AuthError,
    BackendUnavailable,
    BadResponse,
    Conflict,
    InvalidRequest,
    IocClient,
    NotFound,
    PermissionDenied,
)

NOW = datetime.now(UTC)
USER = {"id": 1, "username": "operator", "full_name": "Nguyễn Văn An", "role": "operator"}
CAMERA = {
    "id": "cam-0001",
    "name": "Cầu Trường Tiền",
    "ward": "Phường Phú Hội",
    "category": "traffic",
    "lat": 16.46,
    "lon": 107.59,
    "ptz": True,
    "main_stream_url": "/api/v1/streams/cam-0001/main.mjpeg",
    "sub_stream_url": "/api/v1/streams/cam-0001/sub.mjpeg",
    "status": "online",
    "version": 1,
    "updated_at": NOW.isoformat(),
}


def grant(n: int = 1, expires_in: int = 900) -> dict:
    return {
        "access_token": f"access-{n}",
        "token_type": "bearer",
        "expires_at": (NOW + timedelta(seconds=expires_in)).isoformat(),
        "expires_in": expires_in,
        "refresh_token": f"refresh-{n}",
        "refresh_expires_at": (NOW + timedelta(hours=12)).isoformat(),
        "user": USER,
    }


def fast_client(url: str, **kwargs) -> IocClient:
    options = {"connect_timeout": 1.0, "read_timeout": 5.0, "max_retries": 2, "backoff": 0.01}
    options.update(kwargs)
    return IocClient(url, **options)


def signed_in(server, **kwargs) -> IocClient:
    client = fast_client(server.url, **kwargs)
    client.login("operator", "hue-operator")
    return client


def routes(table):
    """Route by (method, path-without-query); login always succeeds."""

    def route(req):
        key = (req.method, req.path.split("?")[0])
        if key == ("POST", "/api/v1/auth/login"):
            return Reply(200, grant())
        handler = table.get(key)
        if handler is None:
            return Reply(404, {"error": {"code": "not_found", "message": "no such path"}})
        return handler(req) if callable(handler) else handler

    return route


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed when the block ends: nothing listens there


# ------------------------------------------------------------------ unreachable backend
def test_nothing_listening_raises_backend_unavailable():
    client = fast_client(f"http://127.0.0.1:{closed_port()}", max_retries=1)
    try:
        with pytest.raises(BackendUnavailable) as info:
            client.health()
        assert info.value.code == "unreachable"
        with pytest.raises(BackendUnavailable):
            client.login("operator", "hue-operator")
    finally:
        client.close()


# ------------------------------------------------------------------ malformed payloads
@pytest.mark.parametrize(
    "body, field",
    [
        (b"<html>502 Bad Gateway</html>", ""),  # not JSON
        ([CAMERA], ""),  # list instead of object
        ({"items": [CAMERA], "total": 1, "limit": 100}, "offset"),  # missing field
        ({"items": [CAMERA, dict(CAMERA, lat="north")], "total": 2, "limit": 100, "offset": 0}, "items.1.lat"),
        ({"items": [dict(CAMERA, status=None)], "total": 1, "limit": 100, "offset": 0}, "items.0.status"),
        ({"items": {"0": CAMERA}, "total": 1, "limit": 100, "offset": 0}, "items"),
    ],
)
def test_malformed_payload_raises_bad_response_naming_field(scripted_server, body, field):
    server = scripted_server(routes({("GET", "/api/v1/cameras"): Reply(200, body)}))
    client = signed_in(server)
    try:
        with pytest.raises(BadResponse) as info:
            client.list_cameras()
        assert info.value.field == field
        if field:
            assert field in str(info.value)
        # Validation errors are final: the client must not retry them.
        assert sum(1 for r in server.requests if r.path.startswith("/api/v1/cameras")) == 1
    finally:
        client.close()


def test_malformed_login_answer_is_bad_response(scripted_server):
    server = scripted_server(lambda req: Reply(200, {"access_token": "x", "user": USER}))
    client = fast_client(server.url)
    try:
        with pytest.raises(BadResponse) as info:
            client.login("operator", "pw")
        assert info.value.field == "token_type"
        assert not client.is_authenticated
    finally:
        client.close()


# ------------------------------------------------------------------ error mapping
@pytest.mark.parametrize(
    "status, body, exc_type, code",
    [
        (
            403,
            {"error": {"code": "forbidden", "message": "role participant may not read cameras"}},
            PermissionDenied,
            "forbidden",
        ),
        (404, {"error": {"code": "not_found", "message": "Camera cam-9 does not exist"}}, NotFound, "not_found"),
        (
            422,
            {
                "error": {
                    "code": "validation_error",
                    "message": "Invalid request",
                    "details": [{"field": "query.limit", "message": "must be <= 1000"}],
                }
            },
            InvalidRequest,
            "validation_error",
        ),
        (
            413,
            {"error": {"code": "payload_too_large", "message": "Body over 1 MiB"}},
            InvalidRequest,
            "payload_too_large",
        ),
        (500, {"error": {"code": "internal_error", "message": "bug"}}, BackendUnavailable, "internal_error"),
        (404, b"\x00\xffnot json at all", NotFound, "not_found"),  # malformed error body
        (422, {"error": "just a string"}, InvalidRequest, None),  # error of the wrong shape
        (403, {"detail": "Forbidden by proxy"}, PermissionDenied, "forbidden"),  # framework default shape
    ],
)
def test_http_errors_map_to_exceptions(scripted_server, status, body, exc_type, code):
    server = scripted_server(routes({("GET", "/api/v1/cameras/cam-9"): Reply(status, body)}))
    client = signed_in(server)
    try:
        with pytest.raises(exc_type) as info:
            client.get_camera("cam-9")
        assert info.value.status == status
        assert info.value.code == code
        assert info.value.message  # always something to show the operator
        if status == 422 and isinstance(body.get("error"), dict):
            assert info.value.details == [{"field": "query.limit", "message": "must be <= 1000"}]
            assert "query.limit" in info.value.message
    finally:
        client.close()


def test_conflict_carries_current_from_either_place(scripted_server):
    current = dict(CAMERA, version=4)
    answers = iter(
        [
            Reply(409, {"error": {"code": "conflict", "message": "stale version"}, "current": current}),
            Reply(409, {"error": {"code": "invalid_transition", "message": "no", "current": current}}),
        ]
    )
    server = scripted_server(routes({("PATCH", "/api/v1/cameras/cam-0001"): lambda req: next(answers)}))
    client = signed_in(server)
    try:
        for code in ("conflict", "invalid_transition"):
            with pytest.raises(Conflict) as info:
                client.update_camera("cam-0001", 3, status="offline")
            assert info.value.code == code
            assert info.value.current == current
    finally:
        client.close()


# ------------------------------------------------------------------ retries
def test_get_retries_on_503_then_succeeds(scripted_server):
    answers = iter(
        [
            Reply(503, {"error": {"code": "unavailable", "message": "starting"}}),
            Reply(502, b"bad gateway"),
            Reply(200, CAMERA),
        ]
    )
    server = scripted_server(routes({("GET", "/api/v1/cameras/cam-0001"): lambda req: next(answers)}))
    client = signed_in(server)
    try:
        assert client.get_camera("cam-0001").id == "cam-0001"
        assert sum(1 for r in server.requests if r.path == "/api/v1/cameras/cam-0001") == 3
    finally:
        client.close()


def test_retries_exhausted_raise_backend_unavailable(scripted_server):
    server = scripted_server(routes({("GET", "/api/v1/cameras/cam-0001"): Reply(504, b"")}))
    client = signed_in(server, max_retries=2)
    try:
        with pytest.raises(BackendUnavailable) as info:
            client.get_camera("cam-0001")
        assert info.value.status == 504
        assert sum(1 for r in server.requests if r.path == "/api/v1/cameras/cam-0001") == 3
    finally:
        client.close()


def test_mutating_retries_reuse_one_idempotency_key(scripted_server):
    answers = iter([Reply(503, b""), Reply(503, b"")])

    def on_patch(req):
        return next(answers, None) or Reply(200, dict(CAMERA, version=json.loads(req.body)["version"] + 1))

    server = scripted_server(routes({("PATCH", "/api/v1/cameras/cam-0001"): on_patch}))
    client = signed_in(server)
    try:
        assert client.update_camera("cam-0001", 1, name="X").version == 2
        assert client.update_camera("cam-0001", 2, name="Y", idempotency_key="my-key").version == 3
    finally:
        client.close()
    patches = [r for r in server.requests if r.method == "PATCH"]
    assert len(patches) == 4
    first_keys = {r.headers["Idempotency-Key"] for r in patches[:3]}
    assert len(first_keys) == 1 and len(next(iter(first_keys))) == 36  # one fresh uuid4 for all tries
    assert patches[3].headers["Idempotency-Key"] == "my-key"
    assert json.loads(patches[0].body) == {"version": 1, "name": "X"}


def test_caller_key_is_sent_and_each_call_gets_its_own_key(scripted_server):
    server = scripted_server(
        routes(
            {
                ("POST", "/api/v1/alerts/5/notes"): Reply(
                    404, {"error": {"code": "not_found", "message": "Alert 5 does not exist"}}
                )
            }
        )
    )
    client = signed_in(server)
    try:
        with pytest.raises(NotFound):
            client.add_alert_note(5, "a", idempotency_key="k-1")
        with pytest.raises(NotFound):
            client.add_alert_note(5, "a")
        with pytest.raises(NotFound):
            client.add_alert_note(5, "a")
    finally:
        client.close()
    keys = [r.headers.get("Idempotency-Key") for r in server.requests if r.method == "POST" and "notes" in r.path]
    assert len(keys) == 3  # a 404 is never retried
    assert keys[0] == "k-1" and keys[1] != keys[2] and None not in keys


def test_4xx_is_not_retried(scripted_server):
    server = scripted_server(
        routes(
            {
                ("GET", "/api/v1/cameras"): Reply(
                    422, {"error": {"code": "validation_error", "message": "bad", "details": []}}
                )
            }
        )
    )
    client = signed_in(server)
    try:
        with pytest.raises(InvalidRequest):
            client.list_cameras(status="bogus")
    finally:
        client.close()
    assert sum(1 for r in server.requests if r.path.startswith("/api/v1/cameras")) == 1


def test_login_is_not_resent_after_it_may_have_reached_the_server(scripted_server):
    server = scripted_server(lambda req: Reply(503, b"overloaded"))
    client = fast_client(server.url, max_retries=3)
    try:
        with pytest.raises(BackendUnavailable):
            client.login("operator", "hue-operator")
    finally:
        client.close()
    assert len(server.requests) == 1


# ------------------------------------------------------------------ tokens
def test_401_refreshes_once_then_retries(scripted_server):
    state = {"refreshes": 0}

    def on_cameras(req):
        if req.headers.get("Authorization") == "Bearer access-1":
            return Reply(401, {"error": {"code": "unauthorized", "message": "token expired"}})
        return Reply(200, CAMERA)

    def on_refresh(req):
        state["refreshes"] += 1
        assert json.loads(req.body) == {"refresh_token": "refresh-1"}
        return Reply(200, grant(2))

    server = scripted_server(
        routes({("GET", "/api/v1/cameras/cam-0001"): on_cameras, ("POST", "/api/v1/auth/refresh"): on_refresh})
    )
    client = signed_in(server)
    try:
        assert client.get_camera("cam-0001").id == "cam-0001"
        assert state["refreshes"] == 1 and client.is_authenticated
    finally:
        client.close()


def test_refused_refresh_ends_session_and_notifies_once(scripted_server):
    calls = []
    server = scripted_server(
        routes(
            {
                ("GET", "/api/v1/cameras/cam-0001"): Reply(
                    401, {"error": {"code": "unauthorized", "message": "revoked"}}
                ),
                ("POST", "/api/v1/auth/refresh"): Reply(401, {"error": {"code": "unauthorized", "message": "revoked"}}),
            }
        )
    )
    client = signed_in(server, on_auth_required=lambda: calls.append(1))
    try:
        with pytest.raises(AuthError):
            client.get_camera("cam-0001")
        assert calls == [1]
        assert not client.is_authenticated and client.user is None
        with pytest.raises(AuthError) as info:
            client.get_camera("cam-0001")  # no session: refused locally, no second callback
        assert info.value.code == "not_authenticated" and calls == [1]
    finally:
        client.close()


def test_short_lived_token_is_refreshed_before_use(scripted_server):
    issued = iter(range(2, 100))
    server = scripted_server(
        lambda req: (
            Reply(200, grant(1, expires_in=1))
            if req.path == "/api/v1/auth/login"
            else Reply(200, grant(next(issued), expires_in=1))
            if req.path == "/api/v1/auth/refresh"
            else Reply(200, USER)
        )
    )
    client = fast_client(server.url)
    try:
        client.login("operator", "pw")
        # Move the token's clock past half its 1 s lifetime (no real waiting): the next call must
        # refresh first.
        client._tokens.access_deadline -= 0.6
        client.me()
    finally:
        client.close()
    paths = [r.path for r in server.requests]
    assert paths == ["/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/me"]
    assert server.requests[-1].headers["Authorization"] == "Bearer access-2"


# ------------------------------------------------------------------ logging
def test_logs_never_contain_password_or_tokens(scripted_server, caplog):
    server = scripted_server(routes({("GET", "/api/v1/cameras/cam-0001"): Reply(200, CAMERA)}))
    caplog.set_level(logging.DEBUG)
    client = fast_client(server.url)
    try:
        client.login("operator", "pw-SECRET-9")
        camera = client.get_camera("cam-0001")
        url = client.stream_url(camera)
        logging.getLogger("backend_client").info("playing %s", url)
    finally:
        client.close()
    assert "access_token=access-1" in url and url.startswith(server.url + "/api/v1/streams/")
    text = caplog.text + "\n".join(repr(r.__dict__) for r in caplog.records)
    for secret in ("pw-SECRET-9", "access-1", "refresh-1"):
        assert secret not in text
    assert "access_token=***" in caplog.text
    assert "GET /cameras/cam-0001 -> 200" in caplog.text
    assert "pw-SECRET-9" not in repr(client.__dict__)


# ------------------------------------------------------------------ TLS
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make certificates")
def test_tls_is_verified_by_default_and_accepts_a_ca_bundle(scripted_server, tmp_path):
    ca, cert, key = make_test_ca_and_server_cert(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = scripted_server(
        lambda req: Reply(200, {"status": "ok", "version": "0.1.0", "time": NOW.isoformat(), "demo": False}),
        tls=context,
    )
    assert server.url.startswith("https://")

    untrusting = fast_client(server.url, max_retries=3)
    try:
        with pytest.raises(BackendUnavailable) as info:
            untrusting.health()  # self-made CA is not in the system store
        assert "TLS" in info.value.message
    finally:
        untrusting.close()
    assert server.requests == []  # refused before any request was sent, and not retried

    trusting = fast_client(server.url, verify=str(ca))
    try:
        assert trusting.health().status == "ok"
    finally:
        trusting.close()
