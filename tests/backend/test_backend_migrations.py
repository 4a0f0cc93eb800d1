"""Schema versions: Alembic's first revision is today's schema, and older databases reach it intact."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from ioc_backend.db import migrate
from ioc_backend.db.engine import Database
from ioc_backend.db.initial_schema import initial_schema
from ioc_backend.db.migrate import HEAD_REVISION, upgrade_database
from ioc_backend.db.models import Base
from ioc_backend.db.payloads import RESOURCES

ROOT = Path(__file__).resolve().parents[2]
PRE_ALEMBIC_DUMP = Path(__file__).with_name("fixtures") / "pre_alembic_b01ac5a.sql"


def load_dump(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(PRE_ALEMBIC_DUMP.read_text(encoding="utf-8"))


def every_row(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but Alembic's own, by table, in a stable order; with ``columns``,
    only those tables and columns (the ones a database had before an upgrade added more)."""
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if name != "alembic_version"
        ]
        out = {}
        for table in tables if columns is None else list(columns):
            names = table_columns(conn, table) if columns is None else columns[table]
            select_list = ", ".join(f'"{name}"' for name in names)
            out[table] = sorted(conn.execute(f'SELECT {select_list} FROM "{table}"').fetchall(), key=repr)
        return out


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def columns_of(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: table_columns(conn, table) for table in tables if table != "alembic_version"}


def agendas_of(path: Path) -> dict[int, list[dict[str, str]]]:
    """Each meeting's agenda as {"title", "presenter"} entries (the keys every release has had)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, agenda FROM meetings").fetchall()
    return {
        ident: [{"title": e["title"], "presenter": e.get("presenter", "")} for e in json.loads(agenda or "[]")]
        for ident, agenda in rows
    }


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "ioc_backend", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_database_written_before_alembic_is_upgraded_with_every_row_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    load_dump(path)
    # Every column the old database had; the stored /sync JSON of cameras, alerts, tasks, reports
    # and sensors is rewritten by the upgrade (cameras gained fields in revision 0002, alerts in 0003,
    # tasks in 0004, reports in 0005, sensors in 0006) and checked against the serialiser below.
    old_columns = columns_of(path)
    for table in ("cameras", "alerts", "tasks", "reports", "sensors", "meetings"):
        old_columns[table].remove("sync_json")
    # Revision 0007 turns each meeting's JSON agenda into agenda items: the JSON is then their
    # summary (compared below: the same titles and presenters in the same order).
    old_columns["meetings"].remove("agenda")
    # Revision 0008 publishes the closed polls (their tallies were shown to everyone) and rewrites
    # each meeting's poll summaries in the new shape: checked below.
    old_columns["meetings"].remove("polls")
    old_columns["meeting_polls"].remove("status")
    with sqlite3.connect(path) as conn:
        statuses_before = dict(conn.execute("SELECT id, status FROM meeting_polls").fetchall())
    before = every_row(path, old_columns)
    assert all(before[table] for table in ("users", "alerts", "meetings", "meeting_polls", "poll_votes", "tokens"))
    agendas_before = agendas_of(path)

    done = run_cli("db", "upgrade", "--db", str(path), cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert every_row(path, old_columns) == before
    assert agendas_of(path) == agendas_before and any(agendas_before.values())
    with sqlite3.connect(path) as conn:
        items = conn.execute(
            "SELECT meeting_id, title, presenter, state FROM meeting_agenda_items ORDER BY meeting_id, position"
        ).fetchall()
    assert [(m, t, p) for m, t, p, _ in items] == [
        (m, e["title"], e["presenter"]) for m, entries in sorted(agendas_before.items()) for e in entries
    ]
    assert {state for *_, state in items} == {"pending"}
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
        statuses = dict(conn.execute("SELECT id, status FROM meeting_polls").fetchall())
        assert statuses == {k: "published" if v == "closed" else v for k, v in statuses_before.items()}
        voters = conn.execute("SELECT poll_id, user_id FROM poll_voters ORDER BY 1, 2").fetchall()
        assert voters == conn.execute("SELECT DISTINCT poll_id, user_id FROM poll_votes ORDER BY 1, 2").fetchall()
    # The ORM of today reads every resource row, and its stored /sync JSON is what it serialises.
    db = Database(f"sqlite:///{path}")
    try:
        with db.read() as session:
            for model, serialise in RESOURCES.values():
                rows = session.query(model).all()
                # Public warnings came with revision 0003: the old database has none.
                assert rows or model.__tablename__ not in old_columns, model.__tablename__
                for row in rows:
                    assert json.loads(row.sync_json) == serialise(row)
    finally:
        db.dispose()


def test_the_first_revision_makes_the_schema_of_the_models(empty_database_url: str) -> None:
    db = Database(empty_database_url)
    try:
        upgrade_database(db)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert differences == []
    finally:
        db.dispose()


def test_an_unversioned_database_of_either_kind_is_completed_and_stamped(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        with engine.begin() as conn:  # a release before Alembic, older still: no polls column, no op index
            initial_schema().create_all(conn)
            conn.execute(text("DROP INDEX ix_change_events_op_id"))
            conn.execute(text("ALTER TABLE meetings DROP COLUMN polls"))
            conn.execute(
                text(
                    "INSERT INTO users (id, username, full_name, role, password_hash, active, created_at) "
                    "VALUES (7, 'lan', 'Trần Thị Lan', 'operator', 'x', true, '2026-01-01 00:00:00')"
                )
            )
    finally:
        engine.dispose()
    db = Database(empty_database_url)
    try:
        upgrade_database(db)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert conn.execute(text("SELECT id, full_name FROM users")).all() == [(7, "Trần Thị Lan")]
    finally:
        db.dispose()


def test_a_database_from_before_alembic_is_brought_to_the_models_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "legacy.sqlite3"
    load_dump(path)
    with sqlite3.connect(path) as conn:  # and older still: without a later column and index
        conn.execute("ALTER TABLE meetings DROP COLUMN polls")
        conn.execute("DROP INDEX ix_change_events_op_id")
    db = Database(f"sqlite:///{path}")
    try:
        upgrade_database(db)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        db.dispose()


def test_the_known_head_is_the_head_of_the_revision_scripts() -> None:
    # upgrade_database skips Alembic on a database already at HEAD_REVISION: a new revision
    # that forgot to move it would never run.
    assert migrate.head_of_scripts() == HEAD_REVISION


def test_a_new_database_and_one_at_head_are_left_as_they_are(empty_database_url: str) -> None:
    db = Database(empty_database_url)
    try:
        upgrade_database(db)
        tables = set(inspect(db.engine).get_table_names())
        upgrade_database(db)
        assert set(inspect(db.engine).get_table_names()) == tables
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
    finally:
        db.dispose()


def test_a_database_at_the_previous_revision_gains_stream_urls_presets_and_the_audit_trail(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'r0001.sqlite3'}")
    try:
        with db.engine.begin() as conn:
            migrate._run_alembic(conn, "upgrade", "0001")
            # A camera as the release at revision 0001 stored it, with its /sync JSON of then.
            old_json = json.dumps(
                {
                    "id": "cam-0001",
                    "name": "Ngọ Môn - Toàn cảnh",
                    "ward": "Phường Phú Xuân",
                    "category": "tourism",
                    "lat": 16.47,
                    "lon": 107.58,
                    "ptz": True,
                    "status": "online",
                    "version": 3,
                    "updated_at": "2026-01-01T00:00:00.000+00:00",
                },
                ensure_ascii=False,
            )
            conn.execute(
                text(
                    "INSERT INTO cameras (id, name, ward, category, lat, lon, ptz, status, version, updated_at, seq, "
                    "sync_json) VALUES ('cam-0001', 'Ngọ Môn - Toàn cảnh', 'Phường Phú Xuân', 'tourism', 16.47, "
                    "107.58, 1, 'online', 3, '2026-01-01 00:00:00', 7, :payload)"
                ),
                {"payload": old_json},
            )

        upgrade_database(db)

        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            row = conn.execute(
                text("SELECT main_stream_url, sub_stream_url, ptz_presets, version, seq, sync_json FROM cameras")
            ).one()
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 0
        assert row[:5] == (None, None, None, 3, 7)  # the camera itself did not change
        stored = json.loads(row.sync_json)  # but /sync now sends the new fields
        assert (stored["main_stream_url"], stored["sub_stream_url"], stored["ptz_presets"]) == (None, None, [])
        assert stored["name"] == "Ngọ Môn - Toàn cảnh"
    finally:
        db.dispose()


def test_a_database_at_revision_0003_keeps_its_tasks_and_gives_them_an_empty_place(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'r0003.sqlite3'}")
    try:
        with db.engine.begin() as conn:
            migrate._run_alembic(conn, "upgrade", "0003")
            assert "lat" not in {c["name"] for c in inspect(conn).get_columns("tasks")}
            # A task as the release at revision 0003 stored it, with its /sync JSON of then.
            old = {
                "id": 5,
                "title": "Nạo vét cống thoát nước đường Lê Lợi",
                "description": "Khơi thông hệ thống cống thoát nước trước đợt mưa lớn.",
                "assignee_unit": "Công ty Cổ phần Môi trường và Công trình đô thị Huế",
                "status": "in_progress",
                "due_at": "2026-02-01T03:00:00.000+00:00",
                "created_by": "leader",
                "meeting_id": None,
                "version": 2,
                "updated_at": "2026-01-01T00:00:00.000+00:00",
            }
            conn.execute(
                text(
                    "INSERT INTO tasks (id, title, description, assignee_unit, status, due_at, created_by, "
                    "meeting_id, version, updated_at, seq, sync_json) VALUES (5, :title, :description, "
                    ":assignee_unit, 'in_progress', '2026-02-01 03:00:00', 'leader', NULL, 2, "
                    "'2026-01-01 00:00:00', 9, :payload)"
                ),
                {**old, "payload": json.dumps(old, ensure_ascii=False)},
            )
        before = every_row(tmp_path / "r0003.sqlite3", {"tasks": [n for n in old if n != "due_at"] + ["seq"]})

        upgrade_database(db)

        assert every_row(tmp_path / "r0003.sqlite3", {"tasks": [n for n in old if n != "due_at"] + ["seq"]}) == before
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert "ix_tasks_ward" in {ix["name"] for ix in inspect(conn).get_indexes("tasks")}
            row = conn.execute(text("SELECT lat, lon, ward, version, seq, sync_json FROM tasks")).one()
        assert row[:5] == (None, None, None, 2, 9)  # the task itself did not change
        stored = json.loads(row.sync_json)  # but /sync now sends the place, empty
        assert (stored["lat"], stored["lon"], stored["ward"]) == (None, None, None)
        assert {k: v for k, v in stored.items() if k not in {"lat", "lon", "ward", "conclusion_id"}} == old
    finally:
        db.dispose()


def test_a_database_at_revision_0004_keeps_its_reports_and_gives_them_no_rating(tmp_path: Path) -> None:
    path = tmp_path / "r0004.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        with db.engine.begin() as conn:
            migrate._run_alembic(conn, "upgrade", "0004")
            assert "satisfaction" not in {c["name"] for c in inspect(conn).get_columns("reports")}
            # A closed report as the release at revision 0004 stored it, with its /sync JSON of then.
            old = {
                "id": 3,
                "source": "hue_s",
                "service_code": "rac_thai",
                "service_name": "Rác thải, vệ sinh môi trường",
                "description": "Rác tồn đọng trên đường Lê Lợi",
                "status": "closed",
                "ward": "Phường Thuận Hóa",
                "lat": 16.46,
                "lon": 107.59,
                "address": "12 Lê Lợi",
                "agency_responsible": "Công ty Cổ phần Môi trường và Công trình đô thị Huế",
                "requested_datetime": "2026-01-01T01:00:00.000+00:00",
                "updated_datetime": "2026-01-01T09:00:00.000+00:00",
                "expected_datetime": "2026-01-03T01:00:00.000+00:00",
                "version": 4,
                "updated_at": "2026-01-01T09:00:00.000+00:00",
            }
            conn.execute(
                text(
                    "INSERT INTO reports (id, source, service_code, service_name, description, status, ward, lat, "
                    "lon, address, agency_responsible, requested_datetime, updated_datetime, expected_datetime, "
                    "notes, version, updated_at, seq, sync_json) VALUES (3, 'hue_s', 'rac_thai', :service_name, "
                    ":description, 'closed', :ward, 16.46, 107.59, :address, :agency_responsible, "
                    "'2026-01-01 01:00:00', '2026-01-01 09:00:00', '2026-01-03 01:00:00', '[]', 4, "
                    "'2026-01-01 09:00:00', 11, :payload)"
                ),
                {**old, "payload": json.dumps(old, ensure_ascii=False)},
            )
        kept = ["id", "status", "ward", "version", "seq"]
        before = every_row(path, {"reports": kept})

        upgrade_database(db)

        assert every_row(path, {"reports": kept}) == before
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert "ix_reports_requested_datetime" in {ix["name"] for ix in inspect(conn).get_indexes("reports")}
            row = conn.execute(text("SELECT satisfaction, version, seq, sync_json FROM reports")).one()
        assert row[:3] == (None, 4, 11)  # the report itself did not change
        stored = json.loads(row.sync_json)  # but /sync now sends the rating, empty
        assert stored["satisfaction"] is None
        assert {k: v for k, v in stored.items() if k != "satisfaction"} == old
    finally:
        db.dispose()


def test_a_database_at_revision_0004_keeps_its_sensors_with_no_thresholds_and_its_alerts_with_no_sensor(
    tmp_path: Path,
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'r0004.sqlite3'}")
    try:
        with db.engine.begin() as conn:
            migrate._run_alembic(conn, "upgrade", "0004")
            # A sensor as the release at revision 0004 stored it, with its /sync JSON of then.
            old = {
                "id": "sen-001",
                "name": "Trạm thủy văn Kim Long - sông Hương",
                "kind": "water_level",
                "ward": "Phường Kim Long",
                "lat": 16.46,
                "lon": 107.55,
                "unit": {"name": "metre", "symbol": "m", "definition": "http://qudt.org/vocab/unit/M"},
                "last_result": 0.62,
                "last_phenomenon_time": "2026-01-01T00:00:00.000+00:00",
                "status": "ok",
                "version": 4,
                "updated_at": "2026-01-01T00:00:00.000+00:00",
            }
            conn.execute(
                text(
                    "INSERT INTO sensors (id, name, kind, ward, lat, lon, unit, last_result, last_phenomenon_time, "
                    "status, version, updated_at, seq, sync_json) VALUES ('sen-001', :name, 'water_level', :ward, "
                    "16.46, 107.55, :unit, 0.62, '2026-01-01 00:00:00', 'ok', 4, '2026-01-01 00:00:00', 11, "
                    ":payload)"
                ),
                {**old, "unit": json.dumps(old["unit"]), "payload": json.dumps(old, ensure_ascii=False)},
            )

        upgrade_database(db)

        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert "sensor_id" in {c["name"] for c in inspect(conn).get_columns("alerts")}
            row = conn.execute(
                text("SELECT threshold_warning, threshold_alarm, version, seq, sync_json FROM sensors")
            ).one()
        assert row[:4] == (None, None, 4, 11)  # the sensor itself did not change
        stored = json.loads(row.sync_json)  # but /sync now sends its thresholds: none known
        assert stored["thresholds"] is None
        assert {k: v for k, v in stored.items() if k != "thresholds"} == old
    finally:
        db.dispose()


def test_a_database_at_revision_0007_keeps_its_polls_and_votes_as_named_polls(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'r0007.sqlite3'}")
    try:
        with db.engine.begin() as conn:
            migrate._run_alembic(conn, "upgrade", "0007")
            for name in ("ana", "binh", "cuong"):
                conn.execute(
                    text(
                        "INSERT INTO users (username, full_name, role, password_hash, active, created_at) "
                        "VALUES (:n, :n, 'participant', 'x', 1, '2026-01-01 00:00:00')"
                    ),
                    {"n": name},
                )
            old_polls = [
                {"id": 1, "status": "open", "question": "Mở?", "tallies": [1, 1]},
                {"id": 2, "status": "closed", "question": "Đóng?", "tallies": [0, 2]},
            ]
            summary = [
                {
                    "id": p["id"],
                    "question": p["question"],
                    "options": ["Có", "Không"],
                    "status": p["status"],
                    "votes": p["tallies"],
                }
                for p in old_polls
            ]
            meeting = {
                "id": 1,
                "title": "Họp",
                "location": "IOC",
                "starts_at": "2026-01-01T00:00:00.000+00:00",
                "ends_at": "2026-01-01T01:00:00.000+00:00",
                "status": "scheduled",
                "agenda": [],
                "documents": [],
                "polls": summary,
                "version": 3,
                "updated_at": "2026-01-01T00:00:00.000+00:00",
            }
            conn.execute(
                text(
                    "INSERT INTO meetings (id, title, location, starts_at, ends_at, status, agenda, documents, polls, "
                    "version, updated_at, seq, sync_json) VALUES (1, 'Họp', 'IOC', '2026-01-01 00:00:00', "
                    "'2026-01-01 01:00:00', 'scheduled', '[]', '[]', :polls, 3, '2026-01-01 00:00:00', 5, :payload)"
                ),
                {"polls": json.dumps(summary), "payload": json.dumps(meeting, ensure_ascii=False)},
            )
            for p in old_polls:
                conn.execute(
                    text(
                        "INSERT INTO meeting_polls (id, meeting_id, question, options, status, tallies, created_at, "
                        "closed_at) VALUES (:id, 1, :q, '[\"Có\", \"Không\"]', :s, :t, '2026-01-01 00:00:00', "
                        ":closed)"
                    ),
                    {
                        "id": p["id"],
                        "q": p["question"],
                        "s": p["status"],
                        "t": json.dumps(p["tallies"]),
                        "closed": "2026-01-01 00:30:00" if p["status"] == "closed" else None,
                    },
                )
            for poll_id, user_id, option in ((1, 1, 0), (1, 2, 1), (2, 2, 1), (2, 3, 1)):
                conn.execute(
                    text(
                        "INSERT INTO poll_votes (meeting_id, poll_id, user_id, option, voted_at) "
                        "VALUES (1, :p, :u, :o, '2026-01-01 00:10:00')"
                    ),
                    {"p": poll_id, "u": user_id, "o": option},
                )

        upgrade_database(db)

        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            polls = conn.execute(
                text("SELECT id, kind, status, tallies, eligible_count, published_at FROM meeting_polls ORDER BY id")
            ).all()
            assert [(i, k, s, json.loads(t), e) for i, k, s, t, e, _ in polls] == [
                (1, "named", "open", [1, 1], None),  # still open: the old rule (every voter role), once
                (2, "named", "published", [0, 2], None),  # its result was public: published at its closing
            ]
            assert polls[1][5] is not None
            # The named ballots stay; everyone who voted has voted (a second vote is refused).
            assert conn.execute(text("SELECT count(*) FROM poll_votes")).scalar_one() == 4
            assert conn.execute(text("SELECT poll_id, user_id FROM poll_voters ORDER BY 1, 2")).all() == [
                (1, 1),
                (1, 2),
                (2, 2),
                (2, 3),
            ]
            row = conn.execute(text("SELECT version, seq, polls, sync_json FROM meetings")).one()
        assert row[:2] == (3, 5)  # the meeting itself did not change
        expected = [
            {
                "id": 1,
                "question": "Mở?",
                "options": ["Có", "Không"],
                "kind": "named",
                "status": "open",
                "votes_cast": 2,
                "eligible": None,
                "votes": None,
            },
            {
                "id": 2,
                "question": "Đóng?",
                "options": ["Có", "Không"],
                "kind": "named",
                "status": "published",
                "votes_cast": 2,
                "eligible": None,
                "votes": [0, 2],
            },
        ]
        assert json.loads(row.polls) == expected
        assert json.loads(row.sync_json)["polls"] == expected
    finally:
        db.dispose()


def test_a_database_at_revision_0006_keeps_its_meetings_and_gains_agenda_items(empty_database_url: str) -> None:
    db = Database(empty_database_url)
    try:
        with db.engine.begin() as conn:
            migrate._run_alembic(conn, "upgrade", "0006")
            assert not inspect(conn).has_table("meeting_members")
            agenda = [{"title": "Mực nước sông Hương", "presenter": "Đài KTTV"}, {"title": "Sơ tán", "presenter": ""}]
            conn.execute(
                text(
                    "INSERT INTO meetings (id, title, location, starts_at, ends_at, status, agenda, documents, polls, "
                    "version, updated_at, seq) VALUES (3, 'Họp mưa lũ', 'IOC', '2026-12-01 01:00:00', "
                    "'2026-12-01 02:00:00', 'scheduled', :agenda, '[]', '[]', 4, '2026-11-30 00:00:00', 11)"
                ),
                {"agenda": json.dumps(agenda, ensure_ascii=False)},
            )
            conn.execute(
                text(
                    "INSERT INTO tasks (id, title, description, assignee_unit, status, created_by, meeting_id, "
                    "version, updated_at, seq) VALUES (8, 'Việc', '', 'Sở', 'todo', 'leader', 3, 1, "
                    "'2026-11-30 00:00:00', 12)"
                )
            )
        upgrade_database(db)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            meeting = conn.execute(text("SELECT title, version, seq, agenda, sync_json FROM meetings")).one()
            items = conn.execute(
                text("SELECT id, position, title, presenter, state FROM meeting_agenda_items ORDER BY position")
            ).all()
            task = conn.execute(text("SELECT meeting_id, conclusion_id, version FROM tasks")).one()
        assert meeting[:3] == ("Họp mưa lũ", 4, 11)  # the meeting itself did not change
        assert [(i.position, i.title, i.presenter, i.state) for i in items] == [
            (0, "Mực nước sông Hương", "Đài KTTV", "pending"),
            (1, "Sơ tán", "", "pending"),
        ]
        stored = json.loads(meeting.sync_json)  # /sync sends the items with their ids, and no members
        entries = meeting.agenda if isinstance(meeting.agenda, list) else json.loads(meeting.agenda)
        assert [e["id"] for e in stored["agenda"]] == [e["id"] for e in entries] == [i.id for i in items]
        assert [(e["title"], e["presenter"]) for e in stored["agenda"]] == [
            (a["title"], a["presenter"]) for a in agenda
        ]
        assert stored["members"] == [] and stored["quorum"] is None
        assert tuple(task) == (3, None, 1)
    finally:
        db.dispose()
