"""Helpers for the backend tests: plain HTTP (requests) against the real backend process.

Plain helpers imported by name; the shared fixtures live in tests/backend/conftest.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend

API = "/api/v1"


@dataclass
class Api:
    """Thin requests wrapper: ``api.get("/cameras", token=...)`` against ``base``/api/v1."""

    base: str
    http: requests.Session = field(default_factory=requests.Session)
    tokens: dict[str, str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{self.base}{API}{path}"

    def call(self, method: str, path: str, token: str | None = None, **kw: Any) -> requests.Response:
        headers = dict(kw.pop("headers", {}) or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        kw.setdefault("timeout", 30)
        return self.http.request(method, self.url(path), headers=headers, **kw)

    def get(self, path: str, token: str | None = None, **kw: Any) -> requests.Response:
        return self.call("GET", path, token, **kw)

    def post(self, path: str, token: str | None = None, **kw: Any) -> requests.Response:
        return self.call("POST", path, token, **kw)

    def patch(self, path: str, token: str | None = None, **kw: Any) -> requests.Response:
        return self.call("PATCH", path, token, **kw)

    def login(self, role: str) -> dict[str, Any]:
        r = self.post("/auth/login", json={"username": role, "password": DEMO_PASSWORDS[role]})
        assert r.status_code == 200, r.text
        return r.json()

    def token(self, role: str) -> str:
        if role not in self.tokens:
            self.tokens[role] = self.login(role)["access_token"]
        return self.tokens[role]

    def close(self) -> None:
        self.http.close()


def private_backend_fixtures(
    label: str, *, backend_name: str = "backend", prepare: Callable[[BackendProcess], None] | None = None
) -> tuple[Any, Any]:
    """Module-scoped fixtures for a module that changes data other tests rely on: a backend process
    of its own (named ``backend_name``; ``prepare`` runs on it first) and ``api`` on it. Use as
    ``backend, api = private_backend_fixtures("ingest")`` at module level."""

    @pytest.fixture(scope="module", name=backend_name)
    def own_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendProcess]:
        proc = start_backend(tmp_path_factory.mktemp(label))
        try:
            if prepare is not None:
                prepare(proc)
            yield proc
        finally:
            proc.stop()
        assert "Traceback" not in proc.log(), proc.log()

    @pytest.fixture(scope="module", name="api")
    def own_api(request: pytest.FixtureRequest) -> Iterator[Api]:
        client = Api(request.getfixturevalue(backend_name).url)
        yield client
        client.close()

    return own_backend, own_api


def error_code(response: requests.Response) -> str:
    return response.json()["error"]["code"]


def error_fields(response: requests.Response) -> list[str]:
    return [d["field"] for d in response.json()["error"].get("details", [])]


class SseReader:
    """Incremental Server-Sent Events parser over one open streaming ``requests`` response.

    ``next()`` returns {"id", "event", "data"} for an event (data JSON-decoded) or
    {"comment": text} for a comment line such as the heartbeat.
    """

    def __init__(self, response: requests.Response) -> None:
        self._lines = response.iter_lines(decode_unicode=True)

    def next(self) -> dict[str, Any]:
        current: dict[str, Any] = {}
        for raw in self._lines:
            line = raw if isinstance(raw, str) else raw.decode("utf-8")
            if line == "":
                if current:
                    if "data" in current:
                        current["data"] = json.loads(current["data"])
                    return current
                continue
            if line.startswith(":"):
                return {"comment": line[1:].strip()}
            name, _, value = line.partition(":")
            current[name] = value[1:] if value.startswith(" ") else value
        raise EOFError("event stream ended")

    def until_heartbeat(self) -> list[dict[str, Any]]:
        """Events received before the next heartbeat comment."""
        events: list[dict[str, Any]] = []
        while True:
            item = self.next()
            if item.get("comment") == "heartbeat":
                return events
            events.append(item)

    def until(self, resource: str, ident: str) -> list[dict[str, Any]]:
        """Events up to and including the change of (resource, id); heartbeats skipped."""
        events: list[dict[str, Any]] = []
        while True:
            item = self.next()
            if "comment" in item:
                continue
            events.append(item)
            data = item.get("data") or {}
            if item.get("event") == "change" and (data.get("resource"), data.get("id")) == (resource, ident):
                return events
