"""GET /sensors/{id}/readings?bucket=: min, max, mean and count per bucket, computed by the database.

A private backend whose sensor sen-001 holds a year of 1-minute readings (525,600 rows, bulk
inserted): a year in daily buckets is one small answer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backend_process import start_backend
from backend_testkit import Api, error_code, error_fields

from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.demo.seed import seed_demo

# Within the retention of readings (ioc_backend.db.maintenance.READING_RETENTION: 400 days).
YEAR_START = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=366)
MINUTES = 525_600  # 365 days
SENSOR = "sen-001"


def _value(minute: int) -> float:
    """A known series: a daily sawtooth 0.00 .. 14.39, plus the day of the year / 1000."""
    return (minute % 1440) / 100 + (minute // 1440) / 1000


def _bulk_year(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM readings WHERE sensor_id = ?", (SENSOR,))
        conn.executemany(
            "INSERT INTO readings (sensor_id, phenomenon_time, result) VALUES (?, ?, ?)",
            (
                (SENSOR, (YEAR_START + timedelta(minutes=m)).strftime("%Y-%m-%d %H:%M:%S.%f"), _value(m))
                for m in range(MINUTES)
            ),
        )


@pytest.fixture(scope="module")
def year_api(tmp_path_factory) -> Iterator[Api]:
    tmp = tmp_path_factory.mktemp("year-of-readings")
    path = tmp / "backend.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade_database(db)
    seed_demo(db)
    db.dispose()
    _bulk_year(path)
    proc = start_backend(tmp, db_path=path)
    api = Api(proc.url)
    try:
        yield api
    finally:
        api.close()
        proc.stop()


@pytest.fixture()
def op(year_api: Api) -> str:
    return year_api.token("operator")


def test_a_year_of_minutes_in_daily_buckets_is_one_small_answer(year_api: Api, op: str) -> None:
    since, until = YEAR_START.isoformat(), (YEAR_START + timedelta(days=365)).isoformat()
    r = year_api.get(f"/sensors/{SENSOR}/readings", op, params={"bucket": "1d", "since": since, "until": until})
    assert r.status_code == 200, r.text
    assert len(r.content) < 100_000
    body = r.json()
    assert set(body) == {"sensor_id", "bucket", "as_of", "since", "until", "items"}
    assert (body["sensor_id"], body["bucket"]) == (SENSOR, "1d")
    assert datetime.fromisoformat(body["since"]) == YEAR_START
    assert datetime.fromisoformat(body["until"]) == YEAR_START + timedelta(days=365)
    items = body["items"]
    assert len(items) == 365
    assert sum(item["count"] for item in items) == MINUTES
    for day in (0, 1, 180, 364):
        item = items[day]
        assert datetime.fromisoformat(item["t"]) == YEAR_START + timedelta(days=day)
        assert item["count"] == 1440
        assert item["min"] == pytest.approx(day / 1000)
        assert item["max"] == pytest.approx(14.39 + day / 1000)
        assert item["mean"] == pytest.approx(7.195 + day / 1000)


def test_hourly_and_minute_buckets_hold_the_right_readings(year_api: Api, op: str) -> None:
    day = YEAR_START + timedelta(days=40)
    r = year_api.get(
        f"/sensors/{SENSOR}/readings",
        op,
        params={"bucket": "1h", "since": day.isoformat(), "until": (day + timedelta(days=1)).isoformat()},
    )
    hours = r.json()["items"]
    assert len(hours) == 24 and all(h["count"] == 60 for h in hours)
    assert datetime.fromisoformat(hours[5]["t"]) == day + timedelta(hours=5)
    assert hours[5]["min"] == pytest.approx(3.00 + 40 / 1000) and hours[5]["max"] == pytest.approx(3.59 + 40 / 1000)
    # Minute buckets of a window that starts and ends mid-minute: the readings inside it only.
    since = day + timedelta(minutes=10, seconds=30)
    r = year_api.get(
        f"/sensors/{SENSOR}/readings",
        op,
        params={"bucket": "1m", "since": since.isoformat(), "until": (since + timedelta(minutes=5)).isoformat()},
    )
    minutes = r.json()["items"]
    assert [datetime.fromisoformat(m["t"]) for m in minutes] == [day + timedelta(minutes=n) for n in range(11, 16)]
    assert all(m["count"] == 1 and m["min"] == m["max"] == m["mean"] for m in minutes)
    # Outside the readings: no buckets at all (empty buckets are left out).
    r = year_api.get(
        f"/sensors/{SENSOR}/readings",
        op,
        params={"bucket": "1h", "since": "2024-06-01T00:00:00+07:00", "until": "2024-06-02T00:00:00+07:00"},
    )
    assert r.status_code == 200 and r.json()["items"] == []


def test_too_many_buckets_or_a_backward_window_is_422(year_api: Api, op: str) -> None:
    since, until = YEAR_START.isoformat(), (YEAR_START + timedelta(days=365)).isoformat()
    r = year_api.get(f"/sensors/{SENSOR}/readings", op, params={"bucket": "1m", "since": since, "until": until})
    assert r.status_code == 422 and error_code(r) == "validation_error"
    assert error_fields(r) == ["query.bucket"] and "100,000" in r.json()["error"]["message"]
    r = year_api.get(f"/sensors/{SENSOR}/readings", op, params={"bucket": "1d", "since": until, "until": since})
    assert r.status_code == 422 and error_fields(r) == ["query.since"]
    r = year_api.get(f"/sensors/{SENSOR}/readings", op, params={"bucket": "5m"})
    assert r.status_code == 422 and error_fields(r) == ["query.bucket"]
    assert year_api.get("/sensors/sen-999/readings", op, params={"bucket": "1d"}).status_code == 404
    assert year_api.get(f"/sensors/{SENSOR}/readings", year_api.token("participant"), params={"bucket": "1d"}).status_code == 403


def test_default_window_and_the_raw_page_unchanged(year_api: Api, op: str) -> None:
    # The demo's own readings of another sensor: the last day in minutes by default.
    body = year_api.get("/sensors/sen-002/readings", op, params={"bucket": "1m"}).json()
    span = datetime.fromisoformat(body["until"]) - datetime.fromisoformat(body["since"])
    assert span == timedelta(days=1) and body["items"]
    assert datetime.fromisoformat(body["as_of"]) >= datetime.fromisoformat(body["until"]) - timedelta(seconds=1)
    raw = year_api.get(
        f"/sensors/{SENSOR}/readings",
        op,
        params={"limit": 3, "until": (YEAR_START + timedelta(days=365)).isoformat()},
    ).json()
    assert set(raw) == {"items", "total", "limit", "offset"} and raw["total"] == MINUTES
    assert [i["result"] for i in raw["items"]] == [pytest.approx(_value(m)) for m in (MINUTES - 1, MINUTES - 2, MINUTES - 3)]
