"""Every write endpoint answers edge values (far dates, huge numbers, NUL, lone surrogates) with 4xx, never 5xx.

The endpoints, their bodies and parameters are read from the running backend's OpenAPI
document, so an endpoint added later is walked without touching this test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from backend_process import BackendProcess, start_backend
from backend_testkit import API, Api, error_fields

from ioc_backend.demo.documents import render_pdf

PG_URL_ENV = "IOC_TEST_POSTGRES_URL"
WRITE_METHODS = ("post", "put", "patch", "delete")
ROLES = ("supervisor", "admin", "leader", "participant", "operator")
BIG_NUMBER = "1" + "0" * 5000  # more digits than Python converts by default: raw JSON text only
EDGE_DATES = [
    "0001-01-01T00:00:00+14:00",  # year 0 in UTC
    "9999-12-31T23:59:59-14:00",  # year 10000 in UTC
    "0001-01-01T00:00:00-14:00",
    "9999-12-31T23:59:59.999999+14:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999Z",
]
EDGE_INTS: list[Any] = [0, -1, -(2**63) - 1, -(2**63), 2**63 - 1, 2**63, 2**64, 10**30, BIG_NUMBER]
EDGE_TEXTS = ["\ud800", "x\udfffy", "a\x00b", "\x00", "\U0010ffff"]
EDGE_ANY: list[Any] = [*EDGE_TEXTS, *EDGE_INTS, -1.5e308, 1e308, {"\ud800": "\x00"}, ["\x00"]]


def _raw_json(value: Any) -> bytes:
    """JSON bytes as a hostile client writes them: lone surrogates as \\ud800 escapes, huge literals."""
    return json.dumps(value).replace(f'"{BIG_NUMBER}"', BIG_NUMBER).encode("ascii")


def _query_string(query: dict[str, Any]) -> str:
    """``?a=b`` percent-encoded by hand: lone surrogates as the bytes a hostile client sends."""
    if not query:
        return ""
    pairs = (f"{name}={quote(str(value).encode('utf-8', 'surrogatepass'), safe='')}" for name, value in query.items())
    return "?" + "&".join(pairs)


class Walker:
    def __init__(self, backend: BackendProcess) -> None:
        self.api = Api(backend.url)
        self.spec = self.api.http.get(f"{backend.url}/openapi.json", timeout=30).json()
        self.failures: list[str] = []
        self.sent = 0
        self.role_of: dict[tuple[str, str], str] = {}
        self.params = self._path_values()

    # -- schema helpers -------------------------------------------------------------------
    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.spec["components"]["schemas"][name]
        return schema

    def options(self, schema: dict[str, Any]) -> list[dict[str, Any]]:
        schema = self.resolve(schema)
        if "anyOf" in schema or "oneOf" in schema:
            return [self.resolve(s) for s in schema.get("anyOf", schema.get("oneOf"))]
        return [schema]

    def sample(self, schema: dict[str, Any], name: str, index: int = 0) -> Any:
        """A valid value for ``schema`` (the first non-null option)."""
        schema = next((s for s in self.options(schema) if s.get("type") != "null"), {})
        if "enum" in schema:
            return schema["enum"][0]
        if "const" in schema:
            return schema["const"]
        kind = schema.get("type")
        if kind == "string":
            if schema.get("format") == "date-time":
                return "2031-05-04T08:30:00+07:00"
            return f"{name[:1] or 'a'}{index}".lower().ljust(schema.get("minLength", 1), "x")
        if kind == "integer":
            return max(schema.get("minimum", 1), 0) if name != "option" else 0
        if kind == "number":
            return 1.0
        if kind == "boolean":
            return True
        if kind == "array":
            return [self.sample(schema.get("items", {}), name, i) for i in range(max(schema.get("minItems", 0), 1))]
        if kind == "object" or "properties" in schema:
            props = schema.get("properties", {})
            return {key: self.sample(props[key], key) for key in schema.get("required", [])} or (
                {} if props else {"k": "v"}
            )
        return "x"

    def edges(self, schema: dict[str, Any], name: str) -> Iterator[Any]:
        """Hostile values for a field of ``schema``: its own kind's edges and a few of every kind."""
        seen_nested = False
        for option in self.options(schema):
            kind = option.get("type")
            if kind == "string" and option.get("format") == "date-time":
                yield from EDGE_DATES
            elif kind == "string":
                yield from EDGE_TEXTS
            elif kind == "integer":
                yield from EDGE_INTS
            elif kind == "array":
                for item in self.edges(option.get("items", {}), name):
                    yield [item, self.sample(option.get("items", {}), name, 1)]
            elif (kind == "object" or "properties" in option) and not seen_nested:
                seen_nested = True
                base = self.sample(option, name)
                for key, sub in option.get("properties", {}).items():
                    for value in self.edges(sub, key):
                        yield {**base, key: value}
                yield {"\ud800": 1}
                yield {"k": "\x00", "n": BIG_NUMBER, "deep": [{"\udc00": "x"}]}
        yield from (EDGE_ANY[0], EDGE_ANY[2], BIG_NUMBER)

    # -- the running backend's data -------------------------------------------------------------
    def _first(self, path: str, role: str = "supervisor", **params: Any) -> dict[str, Any]:
        items = self.api.get(path, self.api.token(role), params={"limit": 1, **params}).json()["items"]
        assert items, path
        return items[0]

    def _path_values(self) -> dict[str, Any]:
        token = self.api.token("supervisor")
        meeting = self._first("/meetings")
        pdf = render_pdf("Edge values", ["A document to delete."], datetime(2030, 1, 1, tzinfo=UTC))
        doc = self.api.post(
            f"/meetings/{meeting['id']}/documents",
            token,
            params={"filename": "edge.pdf"},
            data=pdf,
            headers={"Content-Type": "application/pdf"},
        )
        assert doc.status_code == 201, doc.text
        meeting = doc.json()
        poll = self.api.post(
            f"/meetings/{meeting['id']}/polls",
            token,
            json={"question": "Edge?", "options": ["yes", "no"], "version": meeting["version"]},
        )
        assert poll.status_code == 201, poll.text
        meeting = poll.json()
        item_id = meeting["agenda"][0]["id"]  # the demo meetings have agenda items and members
        speaker = self.api.post(f"/meetings/{meeting['id']}/agenda/{item_id}/speakers", self.api.token("participant"))
        # A meeting that ended refuses new speakers (409): then any id serves the edge values.
        assert speaker.status_code in (201, 409), speaker.text
        speakers = (speaker.json().get("agenda") or [{}])[0].get("speakers") or [{"id": 1}]
        speaker_id = speakers[-1]["id"]
        view = self.api.post("/me/views", token, json={"name": "edge", "kind": "alerts", "data": {}})
        assert view.status_code == 201, view.text
        note = self.api.post("/me/notes", token, json={"document_id": doc.json()["documents"][-1]["id"], "page": 1})
        assert note.status_code == 201, note.text
        return {
            "alert_id": self._first("/alerts", state="new")["id"],
            "task_id": self._first("/tasks")["id"],
            "meeting_id": meeting["id"],
            "report_id": self._first("/reports")["id"],
            "camera_id": self._first("/cameras", role="admin")["id"],
            "view_id": view.json()["id"],
            "note_id": note.json()["id"],
            "poll_id": poll.json()["polls"][-1]["id"],
            "doc_id": doc.json()["documents"][-1]["id"],
            "warning_id": self._first("/warnings")["id"],
            "user_id": self.api.login("participant")["user"]["id"],
            "item_id": item_id,
            "speaker_id": speaker_id,
        }

    def version_of(self, path: str, role: str) -> int:
        """The current version of the resource a write path is about (its nearest readable prefix)."""
        parts = path.split("/")
        token = self.api.token(role)
        while len(parts) > 2:
            r = self.api.get("/".join(parts), token)
            body = r.json() if r.headers.get("content-type", "").startswith("application/json") else None
            if r.status_code == 200 and isinstance(body, dict):
                if "version" in body:
                    return int(body["version"])
                for item in body.get("items", []):
                    if str(item.get("id")) == path.rsplit("/", 1)[-1]:
                        return int(item["version"])
            parts.pop()
        return 1

    # -- sending ------------------------------------------------------------------------------------
    def send(
        self,
        method: str,
        path: str,
        role: str | None,
        body: bytes | None,
        query: dict[str, Any],
        content_type: str = "application/json",
    ) -> int:
        headers = {"Content-Type": content_type} if body is not None else {}
        if role == "fresh":  # logout revokes its token: a throwaway session for each call
            headers["Authorization"] = f"Bearer {self.api.login('operator')['access_token']}"
        elif role is not None:
            headers["Authorization"] = f"Bearer {self.api.token(role)}"
        # Its own connection: after a 500 the server drops the connection it answered on.
        headers["Connection"] = "close"
        self.sent += 1
        try:
            r = self.api.http.request(
                method.upper(), self.api.url(path) + _query_string(query), data=body, headers=headers, timeout=60
            )
        except requests.ConnectionError as exc:
            self.failures.append(f"{method.upper()} {path} {query} -> connection lost: {exc}")
            return 0
        if r.status_code >= 500:
            shown = (body or b"")[:160]
            self.failures.append(f"{method.upper()} {path} {query} {shown!r} -> {r.status_code} {r.text[:120]}")
        return r.status_code

    def walk(self) -> None:
        paths = self.spec["paths"]
        walked = 0
        for template, operations in paths.items():
            for method, op in operations.items():
                if method not in WRITE_METHODS:
                    continue
                walked += 1
                self.walk_operation(method, template, op)
        assert walked >= 15, f"only {walked} write endpoints in the OpenAPI document"

    def walk_operation(self, method: str, template: str, op: dict[str, Any]) -> None:
        params = op.get("parameters", [])
        path_params = [p for p in params if p["in"] == "path"]
        missing = [p["name"] for p in path_params if p["name"] not in self.params]
        assert not missing, f"{method} {template}: add a value for the path parameters {missing} to this test"
        path = template.removeprefix(API).format(**self.params)
        content = op.get("requestBody", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        role: str | None = None  # login, refresh and grant take no token
        if path == "/auth/logout":
            role = "fresh"
        elif not path.startswith("/auth/"):
            role = self._role_for(method, path, template)
        query = {
            p["name"]: self.sample(p.get("schema", {}), p["name"])
            for p in params
            if p["in"] == "query" and p.get("required")
        }

        def base_body() -> dict[str, Any] | None:
            if schema is None:
                return None
            body = self.sample(schema, "body")
            if isinstance(body, dict) and "version" in self.resolve(schema).get("properties", {}):
                body["version"] = self.version_of(path, role or "supervisor")
            return body

        def fresh_query() -> dict[str, Any]:
            if "version" in query:
                return {**query, "version": self.version_of(path, role or "supervisor")}
            return query

        body_or_none = base_body()
        raw_base = None if body_or_none is None else _raw_json(body_or_none)
        if "application/pdf" in content:
            pdf = render_pdf("Edge", ["x"], datetime(2030, 1, 1, tzinfo=UTC))
            for name in EDGE_TEXTS:
                self.send(method, path, role, pdf, {**query, "filename": name}, "application/pdf")
            for payload in (b"", b"%PDF-", b"%PDF-1.7\n\x00\xff" * 100, "\ud800".encode("utf-8", "surrogatepass")):
                self.send(method, path, role, payload, {**query, "filename": "e.pdf"}, "application/pdf")
        # Path parameters at the edges of their kind.
        for param in path_params:
            if self.options(param.get("schema", {}))[0].get("type") != "integer":
                continue
            for value in EDGE_INTS:
                edge_path = template.removeprefix(API).format(**{**self.params, param["name"]: value})
                self.send(method, edge_path, role, raw_base, fresh_query())
        # Query parameters.
        for param in params:
            if param["in"] != "query":
                continue
            for value in self.edges(param.get("schema", {}), param["name"]):
                if isinstance(value, (dict, list)):
                    continue
                self.send(method, path, role, raw_base, {**fresh_query(), param["name"]: value})
        # Every body field, one at a time, on an otherwise valid body.
        if schema is None:
            if not path_params and not query:
                self.send(method, path, role, None, {})
            return
        resolved = self.resolve(schema)
        for name, field_schema in resolved.get("properties", {}).items():
            for value in self.edges(field_schema, name):
                body = base_body() or {}
                body[name] = value
                self.send(method, path, role, _raw_json(body), fresh_query())
        for raw in (b'"\\ud800"', b"[" + BIG_NUMBER.encode() + b"]", b'{"\\u0000": 1}', b"null", b"1e999"):
            self.send(method, path, role, raw, fresh_query())

    def _role_for(self, method: str, path: str, template: str) -> str:
        key = (method, template)
        if key not in self.role_of:
            self.role_of[key] = ROLES[0]
            for role in ROLES:
                r = self.api.http.request(
                    method.upper(),
                    self.api.url(path),
                    data=b"{}",
                    headers={"Authorization": f"Bearer {self.api.token(role)}", "Content-Type": "application/json"},
                    timeout=60,
                )
                if r.status_code != 403:
                    self.role_of[key] = role
                    break
        return self.role_of[key]


def _walk(backend: BackendProcess) -> Walker:
    walker = Walker(backend)
    try:
        walker.walk()
    finally:
        walker.api.close()
    return walker


def test_no_write_endpoint_answers_5xx_to_edge_values(fresh_backend: BackendProcess) -> None:
    walker = _walk(fresh_backend)
    assert walker.sent > 500
    assert not walker.failures, f"{len(walker.failures)} of {walker.sent} requests got 5xx:\n" + "\n".join(
        walker.failures[:40]
    )
    assert "Traceback" not in fresh_backend.log()


def test_edge_dates_are_refused_naming_the_field(shared_api: Api) -> None:
    token = shared_api.token("supervisor")
    for value in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"):
        r = shared_api.post("/tasks", token, json={"title": "t", "assignee_unit": "u", "due_at": value})
        assert r.status_code == 422 and error_fields(r) == ["body.due_at"], r.text
    r = shared_api.post("/tasks", token, json={"title": "t", "assignee_unit": "u", "meeting_id": 2**63})
    assert r.status_code == 422 and error_fields(r) == ["body.meeting_id"], r.text
    raw = b'{"title": "a\\ud800", "assignee_unit": "u\\u0000"}'
    r = shared_api.post("/tasks", token, data=raw, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and sorted(error_fields(r)) == ["body.assignee_unit", "body.title"], r.text


@pytest.mark.skipif(not os.environ.get(PG_URL_ENV), reason=f"set {PG_URL_ENV} to run the PostgreSQL variant")
@pytest.mark.parametrize("empty_database_url", ["postgresql"], indirect=True)
def test_no_write_endpoint_answers_5xx_to_edge_values_on_postgresql(empty_database_url: str, tmp_path: Path) -> None:
    proc = start_backend(tmp_path, db_url=empty_database_url)
    try:
        walker = _walk(proc)
        assert not walker.failures, f"{len(walker.failures)} of {walker.sent} requests got 5xx:\n" + "\n".join(
            walker.failures[:40]
        )
    finally:
        proc.stop()
