"""A threshold crossing raises exactly one alert per episode, with hysteresis, through the alert
workflow; routine readings change the sensor without a line in the live log; the simulator and the
seeded flood go through the same rule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ioc_backend.alerting.history import history_of
from ioc_backend.alerting.ingest import ingest_detection
from ioc_backend.alerting.sensor_alerts import nearest_camera, record_reading
from ioc_backend.db import models
from ioc_backend.db.changes import bulk_create
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.demo import sensors as demo_sensors
from ioc_backend.demo.seed import FLOOD_PEAK_AGO, seed_demo
from ioc_backend.demo.simulator import Simulator
from ioc_domain.levels import shows_in_log

T0 = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
KIM_LONG_WARD = "Phường Kim Long"


def _camera(cam_id: str, ward: str, lat: float, lon: float) -> dict:
    return {"id": cam_id, "name": cam_id, "ward": ward, "category": "flood", "lat": lat, "lon": lon, "ptz": False,
            "status": "online"}  # fmt: skip


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'episodes.sqlite3'}")
    upgrade_database(database)
    with database.write() as session:
        bulk_create(
            session,
            "camera",
            [
                _camera("cam-far", KIM_LONG_WARD, 16.50, 107.60),
                _camera("cam-near", KIM_LONG_WARD, 16.4601, 107.5501),
                _camera("cam-other-ward", "Phường Phú Xuân", 16.4600, 107.5500),  # nearer, but another ward
            ],
        )
        bulk_create(
            session,
            "sensor",
            [
                {"id": "sen-kl", "name": "Trạm thủy văn Kim Long - sông Hương", "kind": "water_level",
                 "ward": KIM_LONG_WARD, "lat": 16.46, "lon": 107.55, "unit": {"name": "metre", "symbol": "m",
                 "definition": "x"}, "last_result": 0.5, "last_phenomenon_time": None, "status": "ok", "threshold_warning": 1.0,
                 "threshold_alarm": 2.0},
                {"id": "sen-air", "name": "Quan trắc không khí Kim Long", "kind": "pm25", "ward": KIM_LONG_WARD,
                 "lat": 16.46, "lon": 107.55, "unit": {"name": "µg/m³", "symbol": "µg/m³", "definition": "x"},
                 "last_result": 20.0, "last_phenomenon_time": None, "status": "ok", "threshold_warning": 50.0, "threshold_alarm": 100.0},
            ],
        )  # fmt: skip
    yield database
    database.dispose()


def _feed(db: Database, sensor_id: str, values: list[float], start: datetime = T0) -> list[str | None]:
    """One reading a minute on a fake clock, each in its own transaction as the simulator writes them."""
    changes = []
    for i, value in enumerate(values):
        with db.write() as session:
            sensor = session.get(models.Sensor, sensor_id)
            changes.append(record_reading(session, sensor, value, start + timedelta(minutes=i)))
    return changes


def _sensor_alerts(db: Database, sensor_id: str) -> list[models.Alert]:
    with db.read() as session:
        return list(
            session.execute(select(models.Alert).where(models.Alert.sensor_id == sensor_id).order_by(models.Alert.id))
            .scalars()
            .all()
        )


def test_one_alert_per_episode_with_hysteresis_and_escalation_on_the_same_alert(db: Database) -> None:
    # Jitter around the warning level, an escalation, a dip within the alarm's margin, the fall.
    first = [0.5, 0.9, 1.01, 0.97, 1.02, 0.96, 1.4, 2.05, 1.95, 2.2, 1.5, 0.96, 0.94, 0.6]
    changes = _feed(db, "sen-kl", first)
    assert [c for c in changes if c] == ["start", "escalate", "deescalate", "end"]
    [alert] = _sensor_alerts(db, "sen-kl")
    assert (alert.analytic, alert.severity, alert.state, alert.detections) == ("water_level_rise", "critical", "new", 2)
    # Placed at the sensor, looked at through the nearest camera of its ward.
    assert (alert.ward, alert.lat, alert.lon, alert.camera_id) == (KIM_LONG_WARD, 16.46, 107.55, "cam-near")
    assert alert.first_detected_at == T0 + timedelta(minutes=2) and alert.confidence == 1.0
    with db.read() as session:
        history = history_of(session, alert.id)
    assert [e["action"] for e in history] == ["detected", "bundled"]
    assert history[0]["detail"]["sensor_reading"] == 1.01 and history[0]["detail"]["level"] == "warning"
    assert history[1]["detail"]["severity"] == "critical" and history[1]["detail"]["sensor_reading"] == 2.05

    # A new crossing after the episode ended is a new episode: a second alert.
    assert _feed(db, "sen-kl", [0.9, 1.1, 1.05], start=T0 + timedelta(hours=1)).count("start") == 1
    assert len(_sensor_alerts(db, "sen-kl")) == 2


def test_an_escalation_after_the_operator_closed_the_alert_still_opens_no_second(db: Database) -> None:
    _feed(db, "sen-kl", [0.5, 1.2])
    with db.write() as session:
        [alert] = session.execute(select(models.Alert).where(models.Alert.sensor_id == "sen-kl")).scalars().all()
        alert.state, alert.closed_at, alert.close_reason = "closed", T0, "no_action_needed"
    assert _feed(db, "sen-kl", [2.3], start=T0 + timedelta(minutes=5)) == ["escalate"]
    [alert] = _sensor_alerts(db, "sen-kl")
    assert alert.severity == "critical" and alert.state == "closed"


def test_a_kind_without_an_analytic_changes_status_but_raises_no_alert(db: Database) -> None:
    assert _feed(db, "sen-air", [30.0, 55.0, 49.0, 40.0]) == [None, "start", None, "end"]
    assert _sensor_alerts(db, "sen-air") == []


def test_ai_detections_never_bundle_into_a_sensor_alert(db: Database) -> None:
    _feed(db, "sen-kl", [0.5, 1.2])
    with db.write() as session:
        ai_alert, bundled = ingest_detection(
            session,
            camera_id="cam-near",
            analytic="water_level_rise",
            severity="warning",
            confidence=0.8,
            bbox=[0.1, 0.1, 0.2, 0.2],
            detected_at=T0 + timedelta(minutes=3),
        )
        assert not bundled and ai_alert.sensor_id is None
    [sensor_alert] = _sensor_alerts(db, "sen-kl")
    assert sensor_alert.detections == 1


def test_routine_readings_change_the_sensor_but_show_in_the_log_only_on_status_changes(db: Database) -> None:
    with db.read() as session:
        first_seq = session.execute(select(func.max(models.ChangeEvent.id))).scalar_one()
    values = [0.5, 0.6, 0.99, 1.0, 0.97, 1.03, 0.96, 0.98, 1.01, 0.95, 0.93, 0.7, 0.5, 0.52]
    _feed(db, "sen-kl", values)
    with db.read() as session:
        events = (
            session.execute(
                select(models.ChangeEvent)
                .where(models.ChangeEvent.id > first_seq, models.ChangeEvent.resource == "sensor")
                .order_by(models.ChangeEvent.id)
            )
            .scalars()
            .all()
        )
    # Every reading reaches clients (the sync carries the new value)...
    assert [e.data["last_result"] for e in events] == values
    # ...but the status moves only when the episode starts and ends (hysteresis: no flapping),
    # so the live log's rule shows two lines for fourteen readings.
    shown, previous = [], "ok"
    for event in events:
        if shows_in_log("sensor", event.op, event.data, previous):
            shown.append(event.data["status"])
        previous = event.data["status"]
    assert shown == ["warning", "ok"]


def test_nearest_camera_prefers_the_ward_and_falls_back_to_any() -> None:
    cams = [_camera("a", "W1", 16.0, 107.0), _camera("b", "W2", 16.46, 107.55)]
    assert nearest_camera(cams, "W1", 16.46, 107.55)["id"] == "a"
    assert nearest_camera(cams, "W3", 16.46, 107.55)["id"] == "b"
    assert nearest_camera([], "W1", 16.46, 107.55) is None


# --------------------------------------------------------------------------- the demo
@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('flood') / 'flood.sqlite3'}")
    upgrade_database(database)
    assert seed_demo(database, now=T0) is not None
    yield database
    database.dispose()


def test_the_seeded_history_holds_one_flood_on_the_huong_river_with_its_one_alert(seeded: Database) -> None:
    with seeded.read() as session:
        kim_long = session.execute(
            select(models.Sensor).where(models.Sensor.name == "Trạm thủy văn Kim Long - sông Hương")
        ).scalar_one()
        readings = session.execute(
            select(models.Reading.phenomenon_time, models.Reading.result)
            .where(models.Reading.sensor_id == kim_long.id)
            .order_by(models.Reading.phenomenon_time)
        ).all()
        alerts = session.execute(select(models.Alert).where(models.Alert.sensor_id == kim_long.id)).scalars().all()
        sensors = session.execute(select(models.Sensor)).scalars().all()
        river_alerts = session.execute(
            select(models.Alert.sensor_id).where(models.Alert.analytic == "water_level_rise", models.Alert.sensor_id.isnot(None))
        ).scalars().all()
        history = history_of(session, alerts[0].id) if alerts else []
    assert all(s.threshold_warning is not None and s.threshold_alarm is not None for s in sensors)
    # A week of 1-minute readings; the river past its alarm level around the flood's peak only.
    assert len(readings) >= 7 * 24 * 60
    assert readings[1][0] - readings[0][0] == timedelta(minutes=1)
    peak_at, peak = max(readings, key=lambda r: r[1])
    assert peak >= kim_long.threshold_alarm and abs(peak_at - (T0 - FLOOD_PEAK_AGO)) < timedelta(hours=3)
    above = [t for t, v in readings if v >= kim_long.threshold_warning]
    assert timedelta(hours=6) < above[-1] - above[0] < timedelta(days=3)
    assert readings[0][1] < kim_long.threshold_warning and readings[-1][1] < kim_long.threshold_warning
    # One alert for the episode: warning, escalated to critical, handled and closed after it ended.
    [alert] = alerts
    assert (alert.analytic, alert.severity, alert.state, alert.close_reason) == (
        "water_level_rise", "critical", "closed", "resolved",
    )  # fmt: skip
    assert [e["action"] for e in history if e["action"] != "sla_breach"] == ["detected", "transition", "bundled",
                                                                            "transition"]  # fmt: skip
    assert kim_long.status == "ok"
    # Downstream in the city the same flood rose past level I only: one alert each, no more.
    assert len(river_alerts) == len(set(river_alerts)) == len(demo_sensors.FLOOD_RIVER_SITES)


def test_the_simulator_reads_sensors_through_the_episode_rule(seeded: Database) -> None:
    sim = Simulator(seeded, seed=3)
    sim._load()
    with seeded.write() as session:  # a threshold every reading of sen-002 is above: its episode starts
        row = session.get(models.Sensor, "sen-002")
        row.threshold_warning, row.threshold_alarm = 0.0, 100.0
    before = len(_sensor_alerts(seeded, "sen-002"))
    for _ in range(3):
        with seeded.write() as session:
            sim._read_sensors(session, ["sen-002"])
    assert sim.counts["readings"] == 3 and sim.counts["episode_changes"] == 1
    assert len(_sensor_alerts(seeded, "sen-002")) == before + 1
    with seeded.read() as session:
        assert session.get(models.Sensor, "sen-002").status == "warning"
