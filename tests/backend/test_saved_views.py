"""/me/views against the real backend: private per user, versioned, validated, idempotent, never synced."""

from __future__ import annotations

import unicodedata
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from backend_testkit import Api, error_code, error_fields
from sqlalchemy import delete, func, select

from ioc_backend.api.app import create_app
from ioc_backend.api.auth import ROLES, issue_token_pair
from ioc_backend.context import AppContext
from ioc_backend.db import models
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.db.users import create_user
from ioc_backend.settings import Settings
from ioc_backend.timeutil import utcnow

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note that its TestClient will move to httpx2
    from fastapi.testclient import TestClient

VIEW_KEYS = {"id", "name", "kind", "data", "version", "created_at", "updated_at"}


def unique(prefix: str = "Xem") -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


class Views:
    """The views of one role on the shared backend; removes what the test created."""

    def __init__(self, api: Api, role: str) -> None:
        self.api, self.role, self.token = api, role, api.token(role)
        self.created: list[int] = []

    def create(self, name: str, data: dict[str, Any] | None = None, kind: str = "event_log", **kw: Any):
        r = self.api.post("/me/views", self.token, json={"name": name, "kind": kind, "data": data or {}}, **kw)
        if r.status_code == 201:
            self.created.append(r.json()["id"])
        return r

    def list(self) -> list[dict[str, Any]]:
        r = self.api.get("/me/views", self.token)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == len(body["items"])
        return body["items"]

    def patch(self, view_id: int, **body: Any):
        return self.api.patch(f"/me/views/{view_id}", self.token, json=body)

    def delete(self, view_id: int, version: int | None, **kw: Any):
        params = {} if version is None else {"version": version}
        return self.api.call("DELETE", f"/me/views/{view_id}", self.token, params=params, **kw)

    def cleanup(self) -> None:
        for view in self.list():
            if view["id"] in self.created:
                self.delete(view["id"], view["version"])


@pytest.fixture()
def views(shared_api: Api) -> Iterator[Any]:
    made: list[Views] = []

    def of(role: str) -> Views:
        v = Views(shared_api, role)
        made.append(v)
        return v

    yield of
    for v in made:
        v.cleanup()


@pytest.mark.parametrize("role", ROLES)
def test_every_role_creates_lists_changes_and_deletes_its_views(views, role: str) -> None:
    mine = views(role)
    name = unique("Cảnh báo nghiêm trọng")
    r = mine.create(name, {"text": "Phú Hội", "min_level": "critical"})
    assert r.status_code == 201, r.text
    view = r.json()
    assert set(view) == VIEW_KEYS
    assert (view["name"], view["kind"], view["version"]) == (name, "event_log", 1)
    assert view["data"] == {"text": "Phú Hội", "min_level": "critical"}
    assert view["id"] in [v["id"] for v in mine.list()]

    r = mine.patch(view["id"], version=1, data={"text": "Thuận Hóa", "min_level": "warning"})
    assert r.status_code == 200, r.text
    assert (r.json()["version"], r.json()["data"]["text"], r.json()["name"]) == (2, "Thuận Hóa", name)
    renamed = unique("Đổi tên")
    r = mine.patch(view["id"], version=2, name=renamed)
    assert (r.status_code, r.json()["name"], r.json()["version"]) == (200, renamed, 3)

    r = mine.delete(view["id"], 3)
    assert r.status_code == 204 and r.content == b""
    assert view["id"] not in [v["id"] for v in mine.list()]


def test_the_list_is_ordered_by_name(views) -> None:
    mine = views("leader")
    tag = uuid.uuid4().hex[:6]
    for name in (f"{tag} b", f"{tag} a", f"{tag} c"):
        assert mine.create(name).status_code == 201
    names = [v["name"] for v in mine.list() if v["name"].startswith(tag)]
    assert names == [f"{tag} a", f"{tag} b", f"{tag} c"]


def test_views_are_private_and_another_users_view_looks_missing(views) -> None:
    owner, other = views("supervisor"), views("operator")
    view = owner.create(unique("Riêng tư"), {"text": "x"}).json()
    assert view["id"] not in [v["id"] for v in other.list()]
    missing_id = view["id"] + 1_000_000
    for view_id in (view["id"], missing_id):
        # Identical answers for "someone else's" and "does not exist": nothing is revealed.
        for r in (other.patch(view_id, version=1, name="stolen"), other.delete(view_id, 1)):
            assert r.status_code == 404
            assert r.json() == {"error": {"code": "not_found", "message": f"View {view_id} does not exist"}}
    # The owner's view is untouched, and the other user may use the same name for their own.
    assert [v for v in owner.list() if v["id"] == view["id"]] == [view]
    assert other.create(view["name"]).status_code == 201


def test_views_never_reach_sync_or_the_event_stream(shared_api: Api, views) -> None:
    token = shared_api.token("operator")
    page = {"cursor": "0", "has_more": True}
    while page["has_more"]:
        page = shared_api.get("/sync", token, params={"since": page["cursor"], "limit": 5000}).json()
    cursor_before = page["cursor"]
    mine = views("operator")
    view = mine.create(unique("Không đồng bộ"), {"text": "a"}).json()
    assert mine.patch(view["id"], version=1, data={"text": "b"}).status_code == 200
    after = shared_api.get("/sync", token, params={"since": cursor_before}).json()
    # The cursor is the newest change id: no change event was recorded at all (so SSE has none to send).
    assert after == {"changes": [], "cursor": cursor_before, "has_more": False}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"name": "   ", "kind": "event_log", "data": {}}, ["body.name"]),
        ({"name": "x" * 81, "kind": "event_log", "data": {}}, ["body.name"]),
        ({"name": "dòng\nmới", "kind": "event_log", "data": {}}, ["body.name"]),
        ({"name": "ok", "kind": "Event Log", "data": {}}, ["body.kind"]),
        ({"name": "ok", "kind": "k" * 41, "data": {}}, ["body.kind"]),
        ({"name": "ok", "kind": "event_log", "data": ["not", "an", "object"]}, ["body.data"]),
        ({"name": "ok", "kind": "event_log", "data": {"text": "x" * 16_400}}, ["body.data"]),
        ({"name": "ok", "kind": "event_log"}, ["body.data"]),
        ({"name": "ok", "kind": "event_log", "data": {}, "owner_id": 1}, ["body.owner_id"]),
    ],
)
def test_bad_views_are_refused_with_the_field_named_and_nothing_stored(views, body, fields) -> None:
    mine = views("participant")
    before = mine.list()
    r = mine.api.post("/me/views", mine.token, json=body)
    assert r.status_code == 422, r.text
    assert error_code(r) == "validation_error" and error_fields(r) == fields
    assert mine.list() == before


def test_non_finite_numbers_are_refused(views) -> None:
    mine = views("participant")
    r = mine.api.post(
        "/me/views",
        mine.token,
        data=b'{"name": "nan", "kind": "event_log", "data": {"x": NaN}}',
        headers={"Content-Type": "application/json"},
    )
    assert (r.status_code, error_fields(r)) == (422, ["body.data"])


def test_the_name_is_trimmed_and_compared_in_nfc(views) -> None:
    mine = views("operator")
    precomposed = unique("Huế")
    view = mine.create(f"  {precomposed} ").json()
    assert view["name"] == precomposed
    decomposed = unicodedata.normalize("NFD", precomposed)
    assert decomposed != precomposed
    r = mine.create(decomposed)
    assert r.status_code == 409 and error_code(r) == "name_taken"
    assert r.json()["current"] == view


def test_stale_versions_and_taken_names_are_conflicts_with_the_current_view(views) -> None:
    mine = views("leader")
    first = mine.create(unique("Một"), {"text": "1"}).json()
    second = mine.create(unique("Hai"), {"text": "2"}).json()
    assert mine.patch(first["id"], version=1, data={"text": "1b"}).status_code == 200

    r = mine.patch(first["id"], version=1, data={"text": "lost update"})
    assert (r.status_code, error_code(r), r.json()["current"]["data"]) == (409, "conflict", {"text": "1b"})
    r = mine.delete(first["id"], 1)
    assert (r.status_code, error_code(r), r.json()["current"]["version"]) == (409, "conflict", 2)
    r = mine.patch(second["id"], version=1, name=first["name"])
    assert (r.status_code, error_code(r), r.json()["current"]["id"]) == (409, "name_taken", first["id"])
    # Renaming to its own name is no clash.
    assert mine.patch(second["id"], version=1, name=second["name"]).status_code == 200


def test_a_patch_must_change_something_and_a_delete_must_name_its_version(views) -> None:
    mine = views("admin")
    view = mine.create(unique()).json()
    r = mine.patch(view["id"], version=1)
    assert (r.status_code, error_fields(r)) == (422, ["body"])
    r = mine.patch(view["id"], version=1, name=None)
    assert (r.status_code, error_fields(r)) == (422, ["body.name"])
    r = mine.delete(view["id"], None)
    assert (r.status_code, error_fields(r)) == (422, ["query.version"])
    assert [v["version"] for v in mine.list() if v["id"] == view["id"]] == [1]


def test_writes_honour_the_idempotency_key(views) -> None:
    mine = views("supervisor")
    name, key = unique("Một lần"), str(uuid.uuid4())
    first = mine.create(name, {"text": "a"}, headers={"Idempotency-Key": key})
    again = mine.create(name, {"text": "a"}, headers={"Idempotency-Key": key})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers.get("Idempotent-Replayed") == "true"
    assert [v["name"] for v in mine.list()].count(name) == 1
    r = mine.create(unique("khác"), {"text": "a"}, headers={"Idempotency-Key": key})
    assert (r.status_code, error_code(r)) == (422, "idempotency_key_mismatch")

    view_id, delete_key = first.json()["id"], str(uuid.uuid4())
    assert mine.delete(view_id, 1, headers={"Idempotency-Key": delete_key}).status_code == 204
    replay = mine.delete(view_id, 1, headers={"Idempotency-Key": delete_key})
    assert (replay.status_code, replay.headers.get("Idempotent-Replayed")) == (204, "true")


def test_at_most_200_views_per_user_and_a_deleted_user_takes_their_views(tmp_path: Path) -> None:
    # In-process on a private database: filling one user's quota must not disturb the shared backend.
    db = Database(f"sqlite:///{tmp_path / 'views.sqlite3'}")
    upgrade_database(db)
    now = utcnow()
    with db.write() as session:
        user = create_user(session, "op", "hue-operator-limit", "operator")
        token = issue_token_pair(session, user, Settings(db_url=db.url))["access_token"]
        user_id = user.id
        session.add_all(
            [
                models.SavedView(
                    owner_id=user_id,
                    name=f"view {i:03}",
                    kind="event_log",
                    data={},
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
                for i in range(199)
            ]
        )
    app = create_app(AppContext(settings=Settings(db_url=db.url), db=db))
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        assert (
            client.post(
                "/api/v1/me/views", headers=headers, json={"name": "the 200th", "kind": "event_log", "data": {}}
            ).status_code
            == 201
        )
        r = client.post(
            "/api/v1/me/views", headers=headers, json={"name": "one too many", "kind": "event_log", "data": {}}
        )
        assert (r.status_code, r.json()["error"]["code"]) == (422, "too_many_views")
        assert client.get("/api/v1/me/views", headers=headers).json()["total"] == 200
    with db.write() as session:
        session.execute(delete(models.Token).where(models.Token.user_id == user_id))
        session.execute(delete(models.User).where(models.User.id == user_id))
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(models.SavedView)).scalar_one() == 0
    db.dispose()
