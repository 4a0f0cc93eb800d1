"""Login, refresh rotation, logout and token expiry against the real backend process."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from backend_process import DEMO_PASSWORDS, start_backend
from backend_testkit import Api, error_code

ROLES = ["operator", "supervisor", "leader", "participant", "admin"]


def test_health_needs_no_token(shared_api: Api) -> None:
    r = shared_api.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["version"] == "0.1.0" and body["demo"] is True
    assert body["time"].endswith("+00:00")


@pytest.mark.parametrize("role", ROLES)
def test_login_each_role(shared_api: Api, role: str) -> None:
    body = shared_api.login(role)
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    assert body["user"]["username"] == role and body["user"]["role"] == role
    assert body["user"]["full_name"]
    assert body["access_token"] != body["refresh_token"]
    me = shared_api.get("/auth/me", body["access_token"])
    assert me.status_code == 200 and me.json() == body["user"]


def test_wrong_password_and_unknown_user_get_the_same_answer(shared_api: Api) -> None:
    wrong = shared_api.post("/auth/login", json={"username": "operator", "password": "nope-nope"})
    unknown = shared_api.post("/auth/login", json={"username": "nobody", "password": "nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert error_code(wrong) == "invalid_credentials"


def test_missing_and_garbage_tokens_are_unauthorized(shared_api: Api) -> None:
    assert error_code(shared_api.get("/cameras")) == "unauthorized"
    r = shared_api.get("/cameras", "not-a-real-token")
    assert r.status_code == 401 and error_code(r) == "unauthorized"


def test_refresh_rotates_and_old_refresh_token_dies(shared_api: Api) -> None:
    first = shared_api.login("leader")
    second = shared_api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    pair = second.json()
    assert pair["access_token"] != first["access_token"]
    assert pair["refresh_token"] != first["refresh_token"]
    assert pair["user"]["username"] == "leader"
    assert shared_api.get("/auth/me", pair["access_token"]).status_code == 200
    again = shared_api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert again.status_code == 401 and error_code(again) == "unauthorized"
    bogus = shared_api.post("/auth/refresh", json={"refresh_token": "bogus"})
    assert bogus.status_code == 401


def test_logout_revokes_access_and_refresh(shared_api: Api) -> None:
    pair = shared_api.login("supervisor")
    r = shared_api.post("/auth/logout", pair["access_token"])
    assert r.status_code == 204 and r.content == b""
    assert error_code(shared_api.get("/auth/me", pair["access_token"])) == "unauthorized"
    assert shared_api.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code == 401


def test_logout_revokes_every_token_issued_since_the_login(shared_api: Api) -> None:
    first = shared_api.login("operator")
    second = shared_api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    third = shared_api.post("/auth/grant", json={"grant": second["offline_grant"]["grant"]}).json()
    # Before logout the pre-refresh access token still writes (it has not expired).
    note = {"text": "trước khi đăng xuất"}
    assert shared_api.post("/alerts/15/notes", first["access_token"], json=note).status_code == 200
    assert shared_api.post("/auth/logout", third["access_token"]).status_code == 204
    for issued in (first, second, third):
        r = shared_api.post("/alerts/15/notes", issued["access_token"], json={"text": "sau khi đăng xuất"})
        assert r.status_code == 401 and error_code(r) == "unauthorized"
    assert shared_api.post("/auth/refresh", json={"refresh_token": third["refresh_token"]}).status_code == 401
    assert shared_api.post("/auth/grant", json={"grant": third["offline_grant"]["grant"]}).status_code == 401


def test_logout_leaves_other_sessions_of_the_user_alone(shared_api: Api) -> None:
    mine, other = shared_api.login("leader"), shared_api.login("leader")
    assert shared_api.post("/auth/logout", mine["access_token"]).status_code == 204
    assert shared_api.get("/auth/me", other["access_token"]).status_code == 200


def test_passwords_and_tokens_never_reach_the_log(backend, shared_api: Api) -> None:
    token = shared_api.token("operator")
    shared_api.get("/streams/cam-0001/sub.jpg", params={"access_token": token})
    # The access-log line is written after the response went out: wait for it (bounded), so a
    # busy machine cannot make the check run before the line it is about exists.
    deadline = time.monotonic() + 10
    while "access_token=REDACTED" not in backend.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    log = backend.log()
    assert "access_token=REDACTED" in log
    assert token not in log
    for password in DEMO_PASSWORDS.values():
        assert password not in log


def test_access_token_expires_and_refresh_still_works(tmp_path) -> None:
    proc = start_backend(tmp_path, extra_args=["--access-ttl", "2"])
    api = Api(proc.url)
    try:
        pair = api.login("operator")
        assert pair["expires_in"] == 2
        assert api.get("/cameras", pair["access_token"], params={"limit": 1}).status_code == 200
        # An open event stream ends when its token expires (the client reconnects with a fresh one).
        with api.http.get(
            api.url("/events"), headers={"Authorization": f"Bearer {pair['access_token']}"}, stream=True, timeout=30
        ) as events:
            assert events.status_code == 200
            assert b"".join(events.iter_content(chunk_size=None)) == b""
        time.sleep(max(0.0, (datetime.fromisoformat(pair["expires_at"]) - datetime.now(UTC)).total_seconds()) + 0.2)
        expired = api.get("/cameras", pair["access_token"], params={"limit": 1})
        assert expired.status_code == 401 and error_code(expired) == "unauthorized"
        fresh = api.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert fresh.status_code == 200
        assert api.get("/cameras", fresh.json()["access_token"], params={"limit": 1}).status_code == 200
    finally:
        api.close()
        proc.stop()
