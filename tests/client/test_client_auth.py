"""Sign-in, roles, token refresh and session loss against the real reference backend."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from backend_process import DEMO_PASSWORDS, start_backend
from client_support import Reply
from sync_engine_support import wait_until

from backend_client import AuthError, PermissionDenied, ServerBusy, TooManyAttempts

ROLES = ["operator", "supervisor", "leader", "participant", "admin"]


def test_health_needs_no_login(backend, make_client):
    health = make_client(backend.url).health()
    assert health.status == "ok" and health.demo is True
    assert health.time.tzinfo is not None


@pytest.mark.parametrize("role", ROLES)
def test_login_for_each_role(backend, make_client, role):
    client = make_client(backend.url)
    session = client.login(role, DEMO_PASSWORDS[role])
    assert session.user.role == role and session.user.username == role
    assert client.is_authenticated and client.user == session.user
    assert client.access_expires_at == session.expires_at
    assert session.expires_at > datetime.now(UTC)
    assert session.refresh_expires_at > session.expires_at
    assert client.me() == session.user
    # Every role may read tasks (API.md role table).
    assert client.list_tasks(limit=1).total >= 1


def test_participant_cannot_read_cameras_or_alerts(backend, make_client):
    client = make_client(backend.url, "participant")
    with pytest.raises(PermissionDenied) as info:
        client.list_cameras()
    assert info.value.status == 403 and info.value.code == "forbidden"
    with pytest.raises(PermissionDenied):
        client.list_alerts()
    with pytest.raises(PermissionDenied):
        client.list_users()
    # The refusal does not end the session.
    assert client.is_authenticated and client.list_meetings().total >= 1


def test_operator_cannot_create_tasks_or_list_users(backend, make_client):
    client = make_client(backend.url, "operator")
    with pytest.raises(PermissionDenied):
        client.create_task("x", "y", "z", datetime.now(UTC))
    with pytest.raises(PermissionDenied):
        client.list_users()


@pytest.mark.parametrize("username, password", [("operator", "wrong"), ("nobody", "hue-operator")])
def test_wrong_credentials_raise_auth_error(backend, make_client, username, password):
    notified = []
    client = make_client(backend.url, on_auth_required=lambda: notified.append(1))
    with pytest.raises(AuthError) as info:
        client.login(username, password)
    assert info.value.code == "invalid_credentials" and info.value.status == 401
    assert not client.is_authenticated and client.user is None
    assert notified == []  # a refused login is not a lost session


def test_throttled_login_raises_too_many_attempts_with_the_wait(tmp_path, make_client):
    proc = start_backend(tmp_path, extra_args=["--login-attempts", "2", "--login-delay", "120"])
    try:
        client = make_client(proc.url)
        for _ in range(2):
            with pytest.raises(AuthError):
                client.login("operator", "wrong")
        # Refused before the password is checked: the right one waits like any other.
        with pytest.raises(TooManyAttempts) as info:
            client.login("operator", DEMO_PASSWORDS["operator"])
        assert info.value.status == 429 and info.value.code == "too_many_attempts"
        assert info.value.retry_after is not None and 115 <= info.value.retry_after <= 120
        assert not client.is_authenticated
    finally:
        proc.stop()


@pytest.mark.parametrize(
    "status, code, exc_type",
    [(429, "too_many_attempts", TooManyAttempts), (503, "busy", ServerBusy)],
)
def test_refused_login_is_sent_once_and_carries_retry_after(scripted_server, make_client, status, code, exc_type):
    refusal = Reply(status, {"error": {"code": code, "message": "later"}}, headers={"Retry-After": "90"})
    server = scripted_server(lambda req: refusal)
    client = make_client(server.url, max_retries=3)
    with pytest.raises(exc_type) as info:
        client.login("operator", "hue-operator")
    assert info.value.retry_after == 90 and info.value.code == code
    # Each automatic retry of a sign-in would count as one more failed attempt.
    assert [r.path for r in server.requests] == ["/api/v1/auth/login"]


def test_calls_without_login_are_refused_locally(backend, make_client):
    client = make_client(backend.url)
    with pytest.raises(AuthError) as info:
        client.list_cameras()
    assert info.value.code == "not_authenticated"


def _access_token_of(client) -> str:
    # stream_url is the one public place where the client hands its token out.
    camera_url = client.api_root + "/streams/cam-0001/sub.mjpeg"
    from backend_client import Camera

    fake = Camera.model_construct(main_stream_url=camera_url, sub_stream_url=camera_url)
    return parse_qs(urlsplit(client.stream_url(fake)).query)["access_token"][0]


def test_logout_revokes_the_token_on_the_server(backend, make_client):
    client = make_client(backend.url, "operator")
    token = _access_token_of(client)
    client.logout()
    assert not client.is_authenticated and client.user is None
    answer = requests.get(backend.url + "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert answer.status_code == 401
    client.logout()  # logging out twice is harmless


def test_session_revoked_elsewhere_ends_session_and_notifies(backend, make_client):
    notified = []
    client = make_client(backend.url, "supervisor", on_auth_required=lambda: notified.append(1))
    token = _access_token_of(client)
    # Another program (or an administrator) revokes this session behind the client's back.
    assert (
        requests.post(
            backend.url + "/api/v1/auth/logout", headers={"Authorization": f"Bearer {token}"}, timeout=10
        ).status_code
        == 204
    )
    with pytest.raises(AuthError):
        client.me()
    assert notified == [1]
    assert not client.is_authenticated
    client.login("supervisor", DEMO_PASSWORDS["supervisor"])  # the same client can sign in again
    assert client.me().role == "supervisor"


def test_rejected_token_is_refreshed_and_call_retried(short_token_backend, make_client):
    client = make_client(short_token_backend.url, "leader")
    token = client._tokens.access_token

    def refused_by_the_server() -> bool:
        answer = requests.get(
            f"{short_token_backend.url}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=5
        )
        return answer.status_code == 401

    wait_until(refused_by_the_server, "the access token expired on the server")
    # Pretend the local clock disagrees (skew): the client believes the token still valid,
    # sends it, gets 401, refreshes once and retries.
    client._tokens.access_deadline = time.monotonic() + 3600
    assert client.me().username == "leader"
    assert client.is_authenticated


def test_explicit_refresh_rotates_tokens(short_token_backend, make_client):
    client = make_client(short_token_backend.url, "admin")
    before = _access_token_of(client)
    session = client.refresh()
    assert session.user.username == "admin"
    assert _access_token_of(client) != before


def test_token_is_refreshed_automatically_under_concurrent_use(short_token_backend, make_client):
    # Tokens live 2 s here; the client keeps working well past that. The console calls
    # from a thread pool. Refresh tokens rotate, so two threads
    # refreshing with the same refresh token would kill the session: the client must
    # serialise refreshes and let the other threads reuse the new token.
    from concurrent.futures import ThreadPoolExecutor

    notified = []
    client = make_client(short_token_backend.url, "operator", on_auth_required=lambda: notified.append(1))
    first_expiry = client.access_expires_at
    deadline = time.monotonic() + 4.5  # more than two token lifetimes

    def worker(_: int) -> int:
        calls = 0
        while time.monotonic() < deadline:
            assert client.me().username == "operator"
            calls += 1
            time.sleep(0.05)
        return calls

    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="test-client-pool") as pool:
        counts = list(pool.map(worker, range(4)))
    assert all(n > 0 for n in counts)
    assert notified == [] and client.is_authenticated
    assert client.access_expires_at > first_expiry
