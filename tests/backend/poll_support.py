"""An in-process backend on a private database with users of its own, for the poll and note tests."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ioc_backend.api.app import create_app
from ioc_backend.api.auth import issue_token_pair
from ioc_backend.context import AppContext
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.db.users import create_user
from ioc_backend.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note that its TestClient will move to httpx2
    from fastapi.testclient import TestClient

API = "/api/v1"


@dataclass
class Rig:
    db: Database
    client: TestClient
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def headers(self, who: str, key: str | None = None) -> dict[str, str]:
        out = {"Authorization": f"Bearer {self.tokens[who]}"}
        if key is not None:
            out["Idempotency-Key"] = key
        return out

    def call(self, method: str, path: str, who: str, key: str | None = None, **kw: Any) -> Any:
        return self.client.request(method, API + path, headers=self.headers(who, key), **kw)

    def post(self, path: str, who: str, key: str | None = None, **kw: Any) -> Any:
        return self.call("POST", path, who, key, **kw)

    def get(self, path: str, who: str, **kw: Any) -> Any:
        return self.call("GET", path, who, **kw)

    def meeting(self, who: str = "boss") -> dict[str, Any]:
        r = self.post(
            "/meetings",
            who,
            json={
                "title": "Họp giao ban phòng chống lụt bão",
                "location": "Phòng họp IOC",
                "starts_at": "2026-12-02T08:00:00+07:00",
                "ends_at": "2026-12-02T09:00:00+07:00",
            },
        )
        assert r.status_code == 201, r.text
        return r.json()

    def add_member(self, meeting: dict[str, Any], who: str, role: str = "member") -> dict[str, Any]:
        current = self.get(f"/meetings/{meeting['id']}", "boss").json()
        r = self.call(
            "PUT",
            f"/meetings/{meeting['id']}/members/{self.ids[who]}",
            "boss",
            json={"role": role, "version": current["version"]},
        )
        assert r.status_code == 200, r.text
        return r.json()

    def check_in(self, meeting: dict[str, Any], who: str) -> dict[str, Any]:
        r = self.post(f"/meetings/{meeting['id']}/attendance/check-in", who)
        assert r.status_code == 200, r.text
        return r.json()

    def poll(
        self, meeting: dict[str, Any], kind: str = "named", options: list[str] | None = None, who: str = "boss"
    ) -> tuple[dict[str, Any], int]:
        current = self.get(f"/meetings/{meeting['id']}", "boss").json()
        r = self.post(
            f"/meetings/{meeting['id']}/polls",
            who,
            json={
                "question": "Thông qua phương án sơ tán?",
                "options": options or ["Đồng ý", "Không đồng ý", "Cần bổ sung"],
                "kind": kind,
                "version": current["version"],
            },
        )
        assert r.status_code == 201, r.text
        return r.json(), r.json()["polls"][-1]["id"]

    def move(self, meeting_id: int, poll_id: int, action: str, who: str = "boss") -> Any:
        current = self.get(f"/meetings/{meeting_id}", "boss").json()
        return self.post(f"/meetings/{meeting_id}/polls/{poll_id}/{action}", who, json={"version": current["version"]})

    def vote(self, meeting_id: int, poll_id: int, who: str, option: int, key: str | None = None) -> Any:
        return self.post(f"/meetings/{meeting_id}/polls/{poll_id}/vote", who, key, json={"option": option})

    def poll_detail(self, meeting_id: int, poll_id: int, who: str) -> dict[str, Any]:
        r = self.get(f"/meetings/{meeting_id}/polls/{poll_id}", who)
        assert r.status_code == 200, r.text
        return r.json()


# name -> global role. "boss" manages meetings and polls (leader); "chair" is an operator, who may
# conduct a meeting but holds no poll.manage: only their meeting role lets them run its polls.
DEFAULT_USERS = {"boss": "leader", "chair": "operator", "ana": "participant", "binh": "participant"}


@contextmanager
def rig(tmp_path: Path, users: dict[str, str] | None = None, db_name: str = "polls.sqlite3") -> Iterator[Rig]:
    db = Database(f"sqlite:///{tmp_path / db_name}")
    upgrade_database(db)
    tokens: dict[str, str] = {}
    ids: dict[str, int] = {}
    with db.write() as session:
        for name, role in (users or DEFAULT_USERS).items():
            user = create_user(session, name, f"hue-{name}-password", role)
            ids[name] = user.id
            tokens[name] = issue_token_pair(session, user, Settings(db_url=db.url))["access_token"]
    app = create_app(AppContext(settings=Settings(db_url=db.url), db=db))
    try:
        with TestClient(app) as client:
            yield Rig(db, client, tokens, ids)
    finally:
        db.dispose()
