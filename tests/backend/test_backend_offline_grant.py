"""The offline grant: issued at login, rotated by refresh and redeem, revoked by logout, stored as SHA-256."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from backend_process import BackendProcess, start_backend
from backend_testkit import Api, error_code


def redeem(api: Api, grant: str):
    return api.post("/auth/grant", json={"grant": grant})


@pytest.fixture(scope="module")
def short_grant_backend(backend: BackendProcess, tmp_path_factory) -> Iterator[BackendProcess]:
    """A backend whose grants live 1 s, started on a copy of the seeded session database (no reseeding)."""
    tmp = tmp_path_factory.mktemp("short-grant")
    copy = tmp / "backend.sqlite3"
    with sqlite3.connect(f"file:{backend.db_path}?mode=ro", uri=True) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    proc = start_backend(tmp, db_path=copy, extra_args=["--offline-grant-ttl", "1"])
    yield proc
    proc.stop()


def test_login_returns_a_72_hour_grant_that_redeems_for_a_fresh_pair(shared_api: Api) -> None:
    pair = shared_api.login("operator")
    grant = pair["offline_grant"]
    lifetime = datetime.fromisoformat(grant["expires_at"]) - datetime.now(UTC)
    assert timedelta(hours=71, minutes=59) < lifetime <= timedelta(hours=72)
    r = redeem(shared_api, grant["grant"])
    assert r.status_code == 200, r.text
    resumed = r.json()
    assert set(resumed) == set(pair)
    assert resumed["user"]["username"] == "operator"
    assert resumed["offline_grant"]["grant"] != grant["grant"]
    assert shared_api.get("/auth/me", resumed["access_token"]).json()["username"] == "operator"
    # Single use: the answer carried its successor.
    again = redeem(shared_api, grant["grant"])
    assert again.status_code == 401 and error_code(again) == "unauthorized"
    assert redeem(shared_api, resumed["offline_grant"]["grant"]).status_code == 200


def test_logout_revokes_the_grant(shared_api: Api) -> None:
    pair = shared_api.login("supervisor")
    assert shared_api.post("/auth/logout", pair["access_token"]).status_code == 204
    r = redeem(shared_api, pair["offline_grant"]["grant"])
    assert r.status_code == 401 and error_code(r) == "unauthorized"


def test_logout_after_a_redemption_revokes_the_session_before_it(shared_api: Api) -> None:
    pair = shared_api.login("supervisor")
    resumed = redeem(shared_api, pair["offline_grant"]["grant"]).json()
    assert shared_api.post("/auth/logout", resumed["access_token"]).status_code == 204
    assert error_code(shared_api.get("/auth/me", pair["access_token"])) == "unauthorized"
    assert shared_api.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code == 401


def test_refresh_rotates_the_grant(shared_api: Api) -> None:
    pair = shared_api.login("leader")
    fresh = shared_api.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}).json()
    assert redeem(shared_api, pair["offline_grant"]["grant"]).status_code == 401
    assert redeem(shared_api, fresh["offline_grant"]["grant"]).status_code == 200


def test_unknown_and_malformed_grants_are_refused(shared_api: Api) -> None:
    assert error_code(redeem(shared_api, "not-a-grant")) == "unauthorized"
    assert redeem(shared_api, "").status_code == 422
    assert shared_api.post("/auth/grant", json={"grant": "x", "password": "y"}).status_code == 422
    # An access token is not a grant.
    assert redeem(shared_api, shared_api.login("operator")["access_token"]).status_code == 401


def test_an_expired_grant_is_refused(short_grant_backend: BackendProcess) -> None:
    api = Api(short_grant_backend.url)
    try:
        grant = api.login("operator")["offline_grant"]
        wait = (datetime.fromisoformat(grant["expires_at"]) - datetime.now(UTC)).total_seconds()
        time.sleep(max(0.0, wait) + 0.2)
        r = redeem(api, grant["grant"])
        assert r.status_code == 401 and error_code(r) == "unauthorized"
    finally:
        api.close()


def test_the_grant_is_stored_only_as_its_sha256(backend: BackendProcess, shared_api: Api) -> None:
    grant = shared_api.login("participant")["offline_grant"]["grant"]
    digest = hashlib.sha256(grant.encode()).hexdigest()
    with sqlite3.connect(f"file:{backend.db_path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT kind FROM tokens WHERE token_hash = ?", (digest,)).fetchall()
        assert rows == [("offline",)]
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                # Quoted: some column names are SQL keywords (warnings."references").
                hit = conn.execute(
                    f'SELECT count(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE ?', (f"%{grant}%",)
                ).fetchone()[0]
                assert hit == 0, f"the raw grant is stored in {table}.{column}"
    assert grant not in backend.log()
