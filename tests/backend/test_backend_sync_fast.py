"""The fast /sync page (stored JSON spliced, bounded by seq) equals the serialiser's page."""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select

with warnings.catch_warnings():
    # Starlette warns that its TestClient will move from httpx to httpx2; irrelevant here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ioc_backend.api.app import create_app
from ioc_backend.api.auth import issue_token_pair
from ioc_backend.api.routes.sync import sync_page_json, sync_page_serialised
from ioc_backend.context import AppContext
from ioc_backend.db import models
from ioc_backend.db.changes import record_change, record_delete
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.demo.seed import seed_demo
from ioc_backend.settings import Settings
from ioc_backend.timeutil import utcnow
from ioc_domain.roles import READABLE_RESOURCES

BASE = "http://ioc.example:8443/"


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, seeded once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("sync-fast") / "demo.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade_database(db)
    seed_demo(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture()
def db(seeded_file: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(seeded_file, copy)
    database = Database(f"sqlite:///{copy}")
    yield database
    database.dispose()


def both_pages(db: Database, role: str, cursor: int, limit: int) -> tuple[dict[str, Any], dict[str, Any]]:
    readable = READABLE_RESOURCES[role]
    with db.read() as session:
        fast = json.loads(sync_page_json(session, readable, cursor, limit, BASE))
    with db.read() as session:
        reference = sync_page_serialised(session, readable, cursor, limit, BASE)
    return fast, reference


def assert_same_walk(db: Database, role: str, since: int, limit: int) -> list[dict[str, Any]]:
    """Page from ``since`` to the end with both paths; every page must be identical."""
    cursor, pages, changes = since, 0, []
    while True:
        fast, reference = both_pages(db, role, cursor, limit)
        assert fast == reference, f"page {pages} from cursor {cursor} (role {role}, limit {limit}) differs"
        changes += fast["changes"]
        cursor, pages = int(fast["cursor"]), pages + 1
        if not fast["has_more"]:
            return changes
        assert pages < 10_000


def max_seq(db: Database) -> int:
    with db.read() as session:
        return session.execute(select(func.max(models.ChangeEvent.id))).scalar_one()


def make_changes(db: Database) -> None:
    """Updates of every kind the API and simulator make, a creation with non-ASCII text, a delete."""
    with db.write() as session:
        alert = session.execute(select(models.Alert).order_by(models.Alert.id).limit(1)).scalar_one()
        alert.state, alert.owner = "acknowledged", "operator"
        alert.notes = [
            *alert.notes,
            {"author": "operator", "text": 'Đã xác nhận — "cầu" <b>', "at": "2026-11-25T20:00:00Z"},
        ]
        record_change(session, alert)
        report = session.execute(select(models.Report).order_by(models.Report.id.desc()).limit(1)).scalar_one()
        report.status, report.updated_datetime = "in_progress", utcnow()
        record_change(session, report)
        record_change(session, report)  # twice: compaction must send it once
        camera = session.execute(select(models.Camera).order_by(models.Camera.id).limit(1)).scalar_one()
        camera.status = "degraded"
        record_change(session, camera)
        sensor = session.execute(select(models.Sensor).order_by(models.Sensor.id).limit(1)).scalar_one()
        sensor.last_result, sensor.last_phenomenon_time = 42.5, utcnow()
        record_change(session, sensor)
        record_change(
            session,
            models.Task(
                title='Kiểm tra cống "Đông Ba"',
                description="mô tả\nhai dòng",
                assignee_unit="Phường Phú Hội",
                status="todo",
                created_by="leader",
            ),
            created=True,
        )
        record_change(
            session,
            models.Camera(
                id='cam-"quoted"\\x',
                name="Cầu Trường Tiền",
                ward="Phú Hội",
                category="traffic",
                lat=16.47,
                lon=107.59,
                ptz=True,
                status="online",
            ),
            created=True,
        )
    with db.write() as session:
        doomed = session.execute(select(models.Task).order_by(models.Task.id).limit(1)).scalar_one()
        record_delete(session, doomed)


def prune_events_up_to(db: Database, last_id: int) -> None:
    """What the retention does: the oldest events (and their stored payloads) are gone."""
    with db.write() as session:
        session.execute(delete(models.ChangeEvent).where(models.ChangeEvent.id <= last_id))


@pytest.mark.parametrize("role", ["operator", "participant"])
def test_fresh_demo_database_pages_are_identical(db: Database, role: str) -> None:
    changes = assert_same_walk(db, role, 0, 2000)
    ops = {"camera", "alert", "report", "sensor", "task", "meeting", "warning", "meeting_presenter"}
    expected = ops if role == "operator" else {"task", "meeting", "meeting_presenter"}
    assert {c["resource"] for c in changes} == expected
    cameras = [c for c in changes if c["resource"] == "camera"]
    assert all(c["data"]["main_stream_url"].startswith(BASE + "api/v1/streams/") for c in cameras)


def test_pages_stay_identical_after_updates_creations_and_deletes(db: Database) -> None:
    before = max_seq(db)
    make_changes(db)
    for role in ("operator", "participant"):
        assert_same_walk(db, role, 0, 777)
        tail = assert_same_walk(db, role, before, 2)
        assert [c["seq"] for c in tail] == sorted({c["seq"] for c in tail})
    tail = assert_same_walk(db, "operator", before, 5000)
    ops = [(c["resource"], c["op"]) for c in tail]
    assert ops.count(("report", "upsert")) == 1 and ("task", "delete") in ops
    quoted = next(c for c in tail if c["resource"] == "camera" and c["id"].startswith('cam-"'))
    assert quoted["id"] == 'cam-"quoted"\\x' and quoted["data"]["name"] == "Cầu Trường Tiền"


def test_rows_whose_event_was_pruned_fall_back_to_the_serialiser(db: Database) -> None:
    make_changes(db)
    # Prune into the middle of the reports, so one page mixes stored and re-serialised rows.
    prune_events_up_to(db, 700 + 60 + 2500)
    for role in ("operator", "participant"):
        changes = assert_same_walk(db, role, 0, 1000)
        assert len({(c["resource"], c["id"]) for c in changes}) == len(changes)
    with db.read() as session:
        sent = len(assert_same_walk(db, "operator", 0, 10_000))
        rows = sum(
            session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (
                models.Camera,
                models.Alert,
                models.Report,
                models.Sensor,
                models.Task,
                models.Meeting,
                models.PublicWarning,
                models.MeetingPresenter,
            )
        )
    assert sent == rows + 1  # every row once, plus the delete


def test_every_row_keeps_its_serialised_form_so_pruning_the_log_costs_nothing(db: Database) -> None:
    make_changes(db)
    prune_events_up_to(db, max_seq(db))  # the whole log gone: nothing to join any more
    from ioc_backend.db.payloads import serialize

    with db.read() as session:
        for model in (models.Camera, models.Alert, models.Report, models.Sensor, models.Task, models.Meeting):
            stored = session.execute(select(model.sync_json).where(model.sync_json.is_(None))).all()
            assert stored == [], f"{model.__tablename__} rows without sync_json"
            sample = session.execute(select(model).order_by(model.seq.desc()).limit(3)).scalars().all()
            for row in sample:
                assert json.loads(row.sync_json) == serialize(row)
        report = session.execute(select(models.Report).limit(1)).scalar_one()
        assert "\\u" not in report.sync_json, "Vietnamese is stored as UTF-8 text"
    assert_same_walk(db, "operator", 0, 3000)


def test_a_database_from_before_sync_json_is_served_from_the_log_then_the_serialiser(db: Database) -> None:
    make_changes(db)
    with db.write() as session:  # what create_schema leaves in an older database: the column, empty
        for model in (models.Camera, models.Alert, models.Report, models.Sensor, models.Task, models.Meeting):
            session.execute(model.__table__.update().values(sync_json=None))
    prune_events_up_to(db, 700 + 60 + 2500)  # and a log that no longer holds the oldest rows
    for role in ("operator", "participant"):
        assert_same_walk(db, role, 0, 1000)


def test_a_cursor_past_everything_and_an_empty_page(db: Database) -> None:
    newest = max_seq(db)
    for cursor in (newest, newest + 50):
        fast, reference = both_pages(db, "operator", cursor, 10)
        assert fast == reference == {"changes": [], "cursor": str(newest), "has_more": False}


def test_the_endpoint_serves_the_fast_page(db: Database) -> None:
    with db.write() as session:
        user = session.execute(select(models.User).where(models.User.username == "operator")).scalar_one()
        token = issue_token_pair(session, user, Settings(db_url=db.url))["access_token"]
    app = create_app(AppContext(settings=Settings(db_url=db.url, heartbeat=0.2), db=db))
    with TestClient(app, base_url="http://ioc.example:8443") as client:
        r = client.get("/api/v1/sync", params={"since": 0, "limit": 300}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    with db.read() as session:
        reference = sync_page_serialised(session, READABLE_RESOURCES["operator"], 0, 300, BASE)
    assert r.json() == reference and reference["has_more"] is True
