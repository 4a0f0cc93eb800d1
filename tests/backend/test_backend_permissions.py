"""Every route checks the caller's role: no token → 401, a role the table forbids → 403."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from backend_testkit import Api, error_code
from fastapi.routing import APIRoute, iter_route_contexts

from ioc_backend.api.app import create_app
from ioc_backend.api.auth import REQUIRED_ROLES
from ioc_backend.context import AppContext
from ioc_backend.db.engine import Database
from ioc_backend.settings import Settings

# /auth/grant redeems an offline grant: the grant itself is the credential, like a refresh token.
PUBLIC = {"/api/v1/health", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/grant"}
SAMPLE_PARAMS = {
    "camera_id": "cam-0001",
    "alert_id": "1",
    "report_id": "1",
    "sensor_id": "sen-001",
    "task_id": "1",
    "meeting_id": "1",
    "which": "main",
    "doc_id": "1",
    "poll_id": "1",
    "view_id": "1",
    "note_id": "1",
    "warning_id": "1",
    "user_id": "1",
    "item_id": "1",
    "speaker_id": "1",
}
# docs/API.md role table: which roles may call each (method, path).
EXPECTED_ROLES = {
    "cameras": {"operator", "supervisor", "leader", "admin"},
    "PATCH /api/v1/cameras/{camera_id}": {"admin"},
    "POST /api/v1/cameras/{camera_id}/ptz": {"operator", "supervisor"},
    "POST /api/v1/cameras/{camera_id}/snapshots": {"operator", "supervisor", "leader", "admin"},
    "audit": {"supervisor", "admin"},
    "streams": {"operator", "supervisor", "leader", "admin"},
    "alerts": {"operator", "supervisor", "leader", "admin"},
    "analytics": {"operator", "supervisor", "leader", "admin"},
    "POST alerts": {"operator", "supervisor", "admin"},
    "reports": {"operator", "supervisor", "leader", "admin"},
    "PATCH reports": {"operator", "supervisor", "admin"},
    "sensors": {"operator", "supervisor", "leader", "admin"},
    "wards": {"operator", "supervisor", "leader", "admin"},
    "tasks": {"operator", "supervisor", "leader", "participant", "admin"},
    "POST tasks": {"supervisor", "leader", "admin"},
    "PATCH tasks": {"operator", "supervisor", "leader", "admin"},
    "meetings": {"operator", "supervisor", "leader", "participant", "admin"},
    "me": {"operator", "supervisor", "leader", "participant", "admin"},
    "POST meetings": {"leader", "supervisor", "admin"},
    "PATCH meetings": {"leader", "supervisor", "admin"},
    "DELETE meetings": {"leader", "supervisor", "admin"},
    "POST /api/v1/meetings/{meeting_id}/polls/{poll_id}/vote": {
        "operator",
        "supervisor",
        "leader",
        "participant",
        "admin",
    },
    # Polls are run per meeting: every role reaches the route, which then lets through poll
    # managers (poll.manage) and the meeting's chair and secretary (tested in test_poll_kinds).
    **{
        f"POST /api/v1/meetings/{{meeting_id}}/polls{tail}": {
            "operator",
            "supervisor",
            "leader",
            "participant",
            "admin",
        }
        for tail in ("", "/{poll_id}/open", "/{poll_id}/close", "/{poll_id}/publish")
    },
    "users": {"admin"},
    "sync": {"operator", "supervisor", "leader", "participant", "admin"},
    "events": {"operator", "supervisor", "leader", "participant", "admin"},
    "auth": {"operator", "supervisor", "leader", "participant", "admin"},
    "POST /api/v1/alerts/bulk": {"operator", "supervisor", "admin"},
    "GET /api/v1/stats/alert-funnel": {"operator", "supervisor", "leader", "admin"},
    "GET /api/v1/stats/alert-false-alarms": {"supervisor", "admin"},
    # Issue 14: the key figures.
    "GET /api/v1/stats/reports": {"operator", "supervisor", "leader", "admin"},
    "GET /api/v1/stats/cameras": {"operator", "supervisor", "leader", "admin"},
    "GET /api/v1/stats/tasks": {"operator", "supervisor", "leader", "admin"},
    "GET /api/v1/stats/sensors": {"operator", "supervisor", "leader", "admin"},
    "warnings": {"operator", "supervisor", "leader", "admin"},
    "POST warnings": {"operator", "supervisor", "admin"},
    "PATCH warnings": {"operator", "supervisor", "admin"},
    "POST /api/v1/warnings/{warning_id}/publish": {"supervisor", "admin"},
    # Issue 13: conducting a meeting (the meeting role is checked too); managing its members.
    "PUT /api/v1/meetings/{meeting_id}/members/{user_id}": {"operator", "supervisor", "leader", "admin"},
    "DELETE /api/v1/meetings/{meeting_id}/members/{user_id}": {"operator", "supervisor", "leader", "admin"},
    "GET /api/v1/meetings/{meeting_id}/attendance": {"operator", "supervisor", "leader", "admin"},
    "POST /api/v1/meetings/{meeting_id}/attendance/check-in": {
        "operator",
        "supervisor",
        "leader",
        "participant",
        "admin",
    },
    "POST /api/v1/meetings/{meeting_id}/attendance/check-out": {
        "operator",
        "supervisor",
        "leader",
        "participant",
        "admin",
    },
    "POST /api/v1/meetings/{meeting_id}/agenda/next": {"operator", "supervisor", "leader", "admin"},
    "POST /api/v1/meetings/{meeting_id}/agenda/previous": {"operator", "supervisor", "leader", "admin"},
    "PUT /api/v1/meetings/{meeting_id}/agenda/{item_id}/current": {"operator", "supervisor", "leader", "admin"},
    "POST /api/v1/meetings/{meeting_id}/agenda/{item_id}/speakers": {
        "operator",
        "supervisor",
        "leader",
        "participant",
        "admin",
    },
    "DELETE /api/v1/meetings/{meeting_id}/agenda/{item_id}/speakers/{speaker_id}": {
        "operator",
        "supervisor",
        "leader",
        "participant",
        "admin",
    },
    "PUT /api/v1/meetings/{meeting_id}/agenda/{item_id}/speakers": {"operator", "supervisor", "leader", "admin"},
    "POST /api/v1/meetings/{meeting_id}/agenda/{item_id}/speakers/{speaker_id}/start": {
        "operator",
        "supervisor",
        "leader",
        "admin",
    },
    "POST /api/v1/meetings/{meeting_id}/agenda/{item_id}/speakers/{speaker_id}/stop": {
        "operator",
        "supervisor",
        "leader",
        "admin",
    },
    "POST /api/v1/meetings/{meeting_id}/agenda/{item_id}/conclusions": {"operator", "supervisor", "leader", "admin"},
    "PUT /api/v1/meetings/{meeting_id}/presenter": {"operator", "supervisor", "leader", "participant", "admin"},
    # Issue 12: the AI engine's detections (a service account: admin).
    "POST /api/v1/alerts/detections": {"admin"},
}


def expected_roles(method: str, path: str) -> set[str]:
    exact = f"{method} {path}"
    if exact in EXPECTED_ROLES:
        return EXPECTED_ROLES[exact]
    group = path.removeprefix("/api/v1/").split("/")[0]
    return EXPECTED_ROLES.get(f"{method} {group}", EXPECTED_ROLES[group])


@pytest.fixture(scope="module")
def api_routes(tmp_path_factory) -> Iterator[list[tuple[str, str, APIRoute]]]:
    """(method, path, route) of every API route of a freshly built app (not served)."""
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('routes') / 'r.sqlite3'}")
    app = create_app(AppContext(settings=Settings(db_url=db.url), db=db))
    # FastAPI keeps included routers nested; iter_route_contexts yields each route with its full path.
    routes = [
        (m, ctx.path, ctx.original_route)
        for ctx in iter_route_contexts(app.routes)
        if isinstance(ctx.original_route, APIRoute)
        for m in sorted(ctx.methods)
    ]
    yield routes
    db.dispose()


def role_dependencies(route: APIRoute) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        roles = REQUIRED_ROLES.get(dep.call)
        if roles is not None:
            found.append(roles)
        stack.extend(dep.dependencies)
    return found


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE_PARAMS[m.group(1)], path).removeprefix("/api/v1")


def test_every_non_public_route_declares_exactly_the_documented_roles(api_routes) -> None:
    checked = 0
    for method, path, route in api_routes:
        if path in PUBLIC:
            assert not role_dependencies(route), path
            continue
        deps = role_dependencies(route)
        assert len(deps) == 1, f"{method} {path} has {len(deps)} role checks"
        assert set(deps[0]) == expected_roles(method, path), f"{method} {path}"
        checked += 1
    assert checked >= 25


def _body_for(method: str) -> dict[str, Any] | None:
    return {} if method in {"POST", "PATCH", "PUT"} else None


def test_every_non_public_route_answers_401_without_a_token(shared_api: Api, api_routes) -> None:
    for method, path, _ in api_routes:
        if path in PUBLIC:
            continue
        r = shared_api.call(method, concrete(path), json=_body_for(method))
        assert r.status_code == 401, f"{method} {path}: {r.status_code} {r.text[:200]}"
        assert error_code(r) == "unauthorized"


@pytest.mark.parametrize("role", ["participant", "leader", "operator"])
def test_forbidden_roles_get_403(shared_api: Api, api_routes, role: str) -> None:
    token = shared_api.token(role)
    refused = 0
    for method, path, _ in api_routes:
        if path in PUBLIC or role in expected_roles(method, path):
            continue
        r = shared_api.call(method, concrete(path), token, json=_body_for(method))
        assert r.status_code == 403, f"{role} {method} {path}: {r.status_code} {r.text[:200]}"
        assert error_code(r) == "forbidden"
        refused += 1
    assert refused > 0


def test_public_routes_work_without_a_token(shared_api: Api) -> None:
    assert shared_api.get("/health").status_code == 200
    assert shared_api.post("/auth/login", json={"username": "admin", "password": "hue-admin"}).status_code == 200
    assert shared_api.post("/auth/refresh", json={"refresh_token": "x"}).status_code == 401


def test_media_accept_query_token_but_other_routes_do_not(shared_api: Api) -> None:
    token = shared_api.token("operator")
    assert shared_api.get("/streams/cam-0002/sub.jpg", params={"access_token": token}).status_code == 200
    assert shared_api.get("/cameras", params={"access_token": token}).status_code == 401
    participant = shared_api.token("participant")
    r = shared_api.get("/streams/cam-0002/sub.jpg", params={"access_token": participant})
    assert r.status_code == 403
