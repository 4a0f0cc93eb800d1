"""The demo simulator writes through the single change path, and stops on request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from ioc_backend.db import models
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.demo.seed import seed_demo
from ioc_backend.demo.simulator import Simulator


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('sim') / 'sim.sqlite3'}")
    upgrade_database(db)
    counts = seed_demo(db)
    assert counts is not None and counts["cameras"] == 700
    assert seed_demo(db) is None  # never seeds twice
    yield db
    db.dispose()


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_each_simulated_activity_is_a_logged_change(seeded_db: Database) -> None:
    committed: list[int] = []
    seeded_db.on_commit(committed.append)
    sim = Simulator(seeded_db, seed=7)
    sim._load()
    alerts, readings, events = (
        _count(seeded_db, models.Alert),
        _count(seeded_db, models.Reading),
        _count(seeded_db, models.ChangeEvent),
    )
    with seeded_db.read() as session:
        before = session.get(models.Sensor, "sen-001")
    sim._do(
        [
            (0.0, "alert", ""),
            (0.0, "sensor", "sen-001"),
            (0.0, "sensor", "sen-002"),
            (0.0, "report", ""),
            (0.0, "flap", ""),
        ]
    )
    assert _count(seeded_db, models.Alert) == alerts + 1
    assert _count(seeded_db, models.Reading) == readings + 2
    new_events = _count(seeded_db, models.ChangeEvent) - events
    assert new_events == 1 + 2 + sim.counts["reports"] + sim.counts["flaps"]
    with seeded_db.read() as session:
        alert = session.execute(select(models.Alert).order_by(models.Alert.id.desc()).limit(1)).scalar_one()
        sensor = session.get(models.Sensor, "sen-001")
        max_event = session.execute(select(func.max(models.ChangeEvent.id))).scalar_one()
        alert_event = session.get(models.ChangeEvent, alert.seq)
    assert alert.state == "new" and alert.version == 1
    assert alert_event.resource == "alert" and alert_event.resource_id == str(alert.id)
    assert alert_event.data["id"] == alert.id
    assert sensor.version == before.version + 1 and sensor.last_phenomenon_time > before.last_phenomenon_time
    assert sensor.seq > before.seq
    assert committed == [max_event]  # one transaction, one wake-up for event streams


def test_simulator_thread_starts_and_stops(seeded_db: Database) -> None:
    sim = Simulator(seeded_db, seed=3)
    sim.start()
    assert sim._thread is not None and sim._thread.name == "ioc-simulator"
    thread = sim._thread
    sim.stop()
    assert not thread.is_alive()


def test_reports_the_simulator_closes_are_often_rated(seeded_db: Database) -> None:
    sim = Simulator(seeded_db, seed=11)
    sim._load()
    with seeded_db.read() as session:
        start = session.execute(select(func.max(models.ChangeEvent.id))).scalar_one()
    for _ in range(400):
        with seeded_db.write() as session:
            sim._report_activity(session)
    with seeded_db.read() as session:
        moved = session.execute(select(models.Report).where(models.Report.seq > start)).scalars().all()
    closed = [r for r in moved if r.status == "closed"]
    assert len(closed) >= 20
    ratings = [r.satisfaction for r in closed if r.satisfaction is not None]
    assert 0 < len(ratings) < len(closed)  # many citizens rate the closing, not all
    assert set(ratings) <= {1, 2, 3, 4, 5} and sum(x >= 4 for x in ratings) / len(ratings) > 0.75
    assert all(r.satisfaction is None for r in moved if r.status != "closed")
