"""In-process checks of paths no public endpoint triggers: an internal error, a deletion in sync/events."""

from __future__ import annotations

import json
import warnings
from datetime import UTC, datetime
from pathlib import Path

from fastapi import Request

with warnings.catch_warnings():
    # Starlette warns that its TestClient will move from httpx to httpx2; irrelevant here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ioc_backend.api.app import create_app
from ioc_backend.api.auth import issue_token_pair
from ioc_backend.context import AppContext
from ioc_backend.db import models
from ioc_backend.db.changes import record_change, record_delete
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.db.users import create_user
from ioc_backend.settings import Settings


def test_unhandled_exception_rolls_back_and_answers_500(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'boom.sqlite3'}")
    upgrade_database(db)
    ctx = AppContext(settings=Settings(db_url=db.url), db=db)
    app = create_app(ctx)

    def half_written_write(request: Request) -> dict:
        with ctx.db.write() as session:
            meeting = models.Meeting(
                title="t",
                location="l",
                starts_at=datetime(2026, 1, 1, tzinfo=UTC),
                ends_at=datetime(2026, 1, 1, 1, tzinfo=UTC),
                status="scheduled",
                agenda=[],
            )
            record_change(session, meeting, created=True)
            raise RuntimeError("simulated bug after a write")

    app.add_api_route("/api/v1/test-only/boom", half_written_write, methods=["POST"])
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/api/v1/test-only/boom")
        assert r.status_code == 500
        assert r.json() == {
            "error": {"code": "internal_error", "message": "Internal server error; nothing was changed"}
        }
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(models.Meeting)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(models.ChangeEvent)).scalar_one() == 0
    db.dispose()


def test_deletions_reach_sync_and_events_as_delete_ops(tmp_path: Path) -> None:
    # The API has no DELETE endpoint today, but the contract defines "op": "delete" and the
    # write path supports it (e.g. for administrative clean-up), so it must round-trip.
    db = Database(f"sqlite:///{tmp_path / 'delete.sqlite3'}")
    upgrade_database(db)
    with db.write() as session:
        user = create_user(session, "leader", "hue-leader-pass", "leader")
        token = issue_token_pair(session, user, Settings(db_url=db.url))["access_token"]
        kept = models.Task(title="giữ", description="", assignee_unit="A", status="todo", created_by="leader")
        gone = models.Task(title="xóa", description="", assignee_unit="B", status="todo", created_by="leader")
        record_change(session, kept, created=True)
        record_change(session, gone, created=True)
    gone_id = gone.id
    with db.write() as session:
        record_delete(session, session.get(models.Task, gone_id))
    app = create_app(AppContext(settings=Settings(db_url=db.url, heartbeat=0.2), db=db))
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        body = client.get("/api/v1/sync", params={"since": 0}, headers=headers).json()
        assert [(c["id"], c["op"]) for c in body["changes"]] == [(str(kept.id), "upsert"), (str(gone_id), "delete")]
        assert body["changes"][1]["data"] is None and body["cursor"] == "3"
        with client.stream("GET", "/api/v1/events", headers={**headers, "Last-Event-ID": "0"}) as stream:
            lines = []
            for line in stream.iter_lines():
                if line.startswith(": heartbeat"):
                    break
                lines.append(line)
    data = [json.loads(line[len("data: ") :]) for line in lines if line.startswith("data: ")]
    assert [(d["id"], d["op"]) for d in data] == [
        (str(kept.id), "upsert"),
        (str(gone_id), "upsert"),
        (str(gone_id), "delete"),
    ]
    assert data[-1]["data"] is None
    db.dispose()
