"""The SLA watch: check_breaches on a fake clock against a real database, the watch thread, the
--sla-watch-interval option, and a breach seen over HTTP from a backend process with the watch on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alert_support import AlertMaker, detection, now_utc, parse
from backend_process import start_backend
from backend_testkit import Api
from sqlalchemy import select

from ioc_backend.alerting import history, moves
from ioc_backend.alerting.ingest import ingest_detection
from ioc_backend.alerting.sla_watch import SlaWatch, check_breaches
from ioc_backend.cli import build_parser
from ioc_backend.db import models
from ioc_backend.db.changes import bulk_create
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.demo.cameras import generate_cameras
from ioc_backend.server import prepare_context
from ioc_backend.settings import Settings
from ioc_domain.alert_sla import sla_for

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
FIRE = sla_for("forest_fire", "critical")  # 2 min to acknowledge, 4 h to close


class Person:
    username = "operator"
    role = "operator"


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'sla.sqlite3'}")
    upgrade_database(database)
    with database.write() as session:
        bulk_create(session, "camera", [dict(c) for c in generate_cameras(5)])
    yield database
    database.dispose()


def cameras(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.execute(select(models.Camera.id).order_by(models.Camera.id)).scalars())


def open_fire(db: Database, camera_id: str, at: datetime = T0) -> int:
    with db.write() as session:
        alert, bundled = ingest_detection(
            session,
            camera_id=camera_id,
            analytic="forest_fire",
            severity="critical",
            confidence=0.9,
            bbox=(0.1, 0.1, 0.3, 0.3),
            detected_at=at,
        )
        assert not bundled
        return alert.id


def breaches_at(db: Database, now: datetime, **kw: Any) -> list[int]:
    with db.write() as session:
        return check_breaches(session, now, **kw)


def snapshot(db: Database, alert_id: int) -> tuple[models.Alert, list[dict[str, Any]], list[models.ChangeEvent]]:
    with db.read() as session:
        alert = session.get(models.Alert, alert_id)
        session.expunge(alert)
        events = list(
            session.execute(
                select(models.ChangeEvent)
                .where(models.ChangeEvent.resource == "alert", models.ChangeEvent.resource_id == str(alert_id))
                .order_by(models.ChangeEvent.id)
            ).scalars()
        )
        for event in events:
            session.expunge(event)
        return alert, history.history_of(session, alert_id), events


def test_an_unacknowledged_alert_breaches_once_its_ack_time_passes(db: Database) -> None:
    alert_id = open_fire(db, cameras(db)[0])
    ack_due = T0 + timedelta(seconds=FIRE.ack_s)
    assert breaches_at(db, T0 + timedelta(minutes=1)) == []
    assert breaches_at(db, ack_due) == []  # due means "by then": not yet late
    late = ack_due + timedelta(seconds=1)
    assert breaches_at(db, late) == [alert_id]
    alert, entries, events = snapshot(db, alert_id)
    assert alert.sla_breached is True and alert.sla_breached_at == late and alert.version == 2
    assert entries[-1]["action"] == "sla_breach" and entries[-1]["username"] is None
    assert entries[-1]["detail"] == {"sla": "ack", "due_at": ack_due.isoformat(timespec="milliseconds")}
    assert parse(entries[-1]["at"]) == late
    # One change event per write: the opening, then the breach, which clients receive.
    assert [e.data["version"] for e in events] == [1, 2]
    assert events[-1].data["sla_breached"] is True and events[-1].data["sla_breached_at"] == entries[-1]["at"]
    # Marked once: the breach happened, later passes leave it alone.
    assert breaches_at(db, late + timedelta(hours=5)) == []
    assert snapshot(db, alert_id)[0].version == 2


def test_acknowledged_in_time_it_breaches_only_when_not_closed_in_time(db: Database) -> None:
    alert_id = open_fire(db, cameras(db)[1])
    with db.write() as session:
        alert = session.get(models.Alert, alert_id)
        moves.apply_transition(session, alert, "acknowledged", None, None, Person(), T0 + timedelta(minutes=1))
    assert breaches_at(db, T0 + timedelta(minutes=30)) == []
    close_due = T0 + timedelta(seconds=FIRE.close_s)
    assert breaches_at(db, close_due + timedelta(seconds=1)) == [alert_id]
    assert snapshot(db, alert_id)[1][-1]["detail"]["sla"] == "close"


def test_closed_alerts_and_alerts_without_due_times_never_breach(db: Database) -> None:
    cams = cameras(db)
    closed = open_fire(db, cams[2])
    with db.write() as session:
        alert = session.get(models.Alert, closed)
        moves.apply_transition(session, alert, "closed", "resolved", None, Person(), T0 + timedelta(minutes=5))
    legacy = open_fire(db, cams[3])
    with db.write() as session:
        old = session.get(models.Alert, legacy)
        old.ack_due_at = old.close_due_at = None  # a row from before revision 0003
    assert breaches_at(db, T0 + timedelta(days=30)) == []


def test_a_backlog_is_marked_in_batches(db: Database) -> None:
    ids = [open_fire(db, cam) for cam in cameras(db)]
    later = T0 + timedelta(hours=1)
    first = breaches_at(db, later, limit=3)
    rest = breaches_at(db, later, limit=3)
    assert first == ids[:3] and rest == ids[3:] and breaches_at(db, later) == []


def test_the_watch_thread_marks_breaches_on_its_clock(db: Database) -> None:
    alert_id = open_fire(db, cameras(db)[0])
    clock = [T0]
    watch = SlaWatch(db, 0.05, clock=lambda: clock[0])
    watch.start()
    try:
        time.sleep(0.3)
        assert snapshot(db, alert_id)[0].sla_breached is False
        clock[0] = T0 + timedelta(minutes=3)
        deadline = time.monotonic() + 10
        while not snapshot(db, alert_id)[0].sla_breached:
            assert time.monotonic() < deadline, "the watch did not mark the breach"
            time.sleep(0.05)
    finally:
        watch.stop()
    assert snapshot(db, alert_id)[0].sla_breached_at == T0 + timedelta(minutes=3)


def test_the_interval_option(tmp_path: Path) -> None:
    parser = build_parser()
    assert parser.parse_args([]).sla_watch_interval == 15.0 == Settings(db_url="sqlite://").sla_watch_interval
    assert parser.parse_args(["--sla-watch-interval", "0"]).sla_watch_interval == 0.0
    for bad in ("-1", "nan", "inf", "soon"):
        with pytest.raises(SystemExit):
            parser.parse_args(["--sla-watch-interval", bad])
    url = f"sqlite:///{tmp_path / 'opt.sqlite3'}"
    off = prepare_context(Settings(db_url=url, sla_watch_interval=0))
    assert off.sla_watch is None
    off.close()
    on = prepare_context(Settings(db_url=url, sla_watch_interval=2.5))
    assert isinstance(on.sla_watch, SlaWatch) and on.sla_watch.interval == 2.5
    on.close()


def test_a_backend_with_the_watch_on_reports_the_breach(tmp_path: Path) -> None:
    proc = start_backend(tmp_path, extra_args=["--sla-watch-interval", "0.3"])
    api = Api(proc.url)
    try:
        op = api.token("operator")
        cursor = int(api.get("/sync", op, params={"since": 10**9}).json()["cursor"])
        cam = AlertMaker(api).camera()
        late = now_utc() - timedelta(seconds=FIRE.ack_s + 30)  # its ack time passed already
        r = api.post(
            "/alerts/detections",
            api.token("admin"),
            json={"detections": [detection(cam, "forest_fire", late, severity="critical")]},
        )
        alert_id = r.json()["results"][0]["alert_id"]
        deadline = time.monotonic() + 15
        while not (alert := api.get(f"/alerts/{alert_id}", op).json())["sla_breached"]:
            assert time.monotonic() < deadline, "no breach seen"
            time.sleep(0.1)
        assert parse(alert["sla_breached_at"]) > parse(alert["ack_due_at"])
        page = api.get("/sync", op, params={"since": cursor, "limit": 1000}).json()
        mine = [c for c in page["changes"] if (c["resource"], c["id"]) == ("alert", str(alert_id))]
        # /sync serves each row's newest state: the breach reached the clients' feed.
        assert [(c["data"]["sla_breached"], c["data"]["version"]) for c in mine] == [(True, 2)]
        entries = api.get(f"/alerts/{alert_id}/history", op).json()["entries"]
        assert [e["action"] for e in entries] == ["detected", "sla_breach"]
        escalation = api.get("/alerts", api.token("supervisor"), params={"sla_breached": "true", "limit": 1000})
        assert alert_id in {a["id"] for a in escalation.json()["items"]}
    finally:
        api.close()
        proc.stop()
    assert "Traceback" not in proc.log(), proc.log()
