"""The seeded demo alerts follow the live rules: bundling, SLA due times, a history that matches
each alert's fields, and breaches exactly where the SLA watch would have marked them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from ioc_backend.alerting.history import history_of
from ioc_backend.alerting.sla_watch import check_breaches
from ioc_backend.db import models
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.demo.seed import seed_demo
from ioc_backend.timeutil import iso
from ioc_domain.alert_sla import bundle_window_s, due_times

NOW = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.sqlite3'}")
    upgrade_database(db)
    assert seed_demo(db, now=NOW) is not None
    yield db
    db.dispose()


def test_the_watch_finds_nothing_left_to_mark_at_seeding_time(seeded: Database) -> None:
    with seeded.write() as session:
        assert check_breaches(session, NOW) == []
    with seeded.read() as session:
        alerts = [(a.state, a.sla_breached) for a in session.execute(select(models.Alert)).scalars()]
    open_breached = [a for a in alerts if a[1] and a[0] != "closed"]
    open_alerts = [a for a in alerts if a[0] != "closed"]
    # The escalation queue has something in it, but most open alerts are still within their SLA...
    assert 0 < len(open_breached) < len(open_alerts)
    # ...and the tests that take seeded 'new' alerts have plenty.
    assert sum(state == "new" for state, _ in alerts) >= 50
    assert ("closed", True) in alerts  # breaches stay on record


def test_each_seeded_alert_matches_its_history(seeded: Database) -> None:
    with seeded.read() as session:
        alerts = list(session.execute(select(models.Alert).order_by(models.Alert.id)).scalars())
        histories = {a.id: history_of(session, a.id) for a in alerts}
    bundled = 0
    for a in alerts:
        entries = histories[a.id]
        actions = [e["action"] for e in entries]
        assert actions[0] == "detected" and entries[0]["at"] == iso(a.first_detected_at)
        assert a.detections == 1 + actions.count("bundled")
        bundled += a.detections > 1
        assert (a.ack_due_at, a.close_due_at) == due_times(a.analytic, a.severity, a.first_detected_at)
        assert a.first_detected_at <= a.last_detected_at == a.detected_at <= NOW
        stamps = [e["at"] for e in entries]
        assert stamps == sorted(stamps)
        gaps = [
            datetime.fromisoformat(y["at"]) - datetime.fromisoformat(x["at"])
            for x, y in zip(entries, entries[1:], strict=False)
            if x["action"] in ("detected", "bundled") and y["action"] == "bundled"
        ]
        # A sensor's alert takes its episode's escalation however late (alerting.sensor_alerts).
        assert a.sensor_id is not None or all(g <= timedelta(seconds=bundle_window_s(a.analytic)) for g in gaps)
        moves = [e for e in entries if e["action"] in ("transition", "verify", "dispatch")]
        assert (a.acknowledged_at is None) == (a.state == "new") == (not moves)
        if moves:
            assert moves[0]["at"] == iso(a.acknowledged_at) and moves[0]["detail"]["from"] == "new"
            assert moves[-1]["detail"]["to"] == a.state and {m["username"] for m in moves} == {a.owner}
        assert (a.closed_at is None) == (a.state != "closed")
        if a.closed_at is not None:
            assert a.closed_at >= a.last_detected_at and moves[-1]["at"] == iso(a.closed_at)
        if a.verification is not None:
            assert any(m["action"] == "verify" and m["detail"]["verdict"] == a.verification["verdict"] for m in moves)
        if a.dispatch is not None:
            assert [m["detail"]["unit"] for m in moves if m["action"] == "dispatch"] == [a.dispatch["unit"]]
        breaches = [e for e in entries if e["action"] == "sla_breach"]
        assert len(breaches) == int(a.sla_breached)
        if breaches:
            assert breaches[0]["at"] == iso(a.sla_breached_at) and breaches[0]["username"] is None
    assert bundled > 100


def test_the_simulator_detects_through_ingest_and_bundles_repeats(seeded: Database) -> None:
    from ioc_backend.demo.simulator import Simulator

    sim = Simulator(seeded, seed=11)
    sim._load()
    with seeded.read() as session:
        before = session.execute(select(models.Alert.id).order_by(models.Alert.id.desc()).limit(1)).scalar_one()
    for _ in range(60):
        with seeded.write() as session:
            sim._new_alert(session)
    assert sim.counts["alerts"] > 0 and sim.counts["bundled"] > 0
    assert sim.counts["alerts"] + sim.counts["bundled"] == 60
    with seeded.read() as session:
        fresh = list(session.execute(select(models.Alert).where(models.Alert.id > before)).scalars())
        histories = {a.id: [e["action"] for e in history_of(session, a.id)] for a in fresh}
        # The live alerts' due times come from the SLA table, like every ingested alert's.
        for a in fresh:
            assert (a.ack_due_at, a.close_due_at) == due_times(a.analytic, a.severity, a.first_detected_at)
    assert len(fresh) == sim.counts["alerts"]
    assert sum(a.detections for a in fresh) == 60  # every repeat joined one of the new alerts
    assert all(h[0] == "detected" and h.count("bundled") == a.detections - 1 for a in fresh for h in [histories[a.id]])
