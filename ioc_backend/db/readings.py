"""Sensor readings aggregated in SQL: min, max, mean and count per time bucket (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Integer, cast, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ioc_backend.db import models
from ioc_backend.timeutil import as_utc, iso

# Bucket widths in seconds. Buckets are aligned on multiples of the width since the Unix epoch, so
# an hour starts on the hour and a day at 00:00 UTC.
BUCKET_SECONDS: dict[str, int] = {"1m": 60, "1h": 3600, "1d": 86400}
# The most buckets one answer may span (a year of 1-minute buckets is 525,600: ask for 1h or 1d).
MAX_BUCKETS = 100_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def bucket_count(since: datetime, until: datetime, bucket: str) -> int:
    """How many buckets of ``bucket`` the window [since, until) touches, at most."""
    return int((until - since).total_seconds() // BUCKET_SECONDS[bucket]) + 1


def _epoch_seconds(dialect: str) -> ColumnElement[Any]:
    column = models.Reading.phenomenon_time  # naive UTC in both databases (models.UTCDateTime)
    if dialect == "sqlite":
        return cast(func.strftime("%s", column), Integer)
    return cast(func.floor(func.extract("epoch", column)), BigInteger)


def reading_buckets(
    session: Session, sensor_id: str, bucket: str, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """The non-empty buckets of the sensor's readings in [since, until), oldest first, each as
    ``{"t": bucket start (ISO UTC), "min", "max", "mean", "count"}``; computed by the database in one
    grouped scan of the (sensor_id, phenomenon_time) index range."""
    width = BUCKET_SECONDS[bucket]
    dialect = session.get_bind().dialect.name
    # Integer division of the epoch seconds by the width (both operands integers: it truncates,
    # and every reading is after 1970, so truncation is the floor).
    # ``op("/")``: SQL's own "/", never SQLAlchemy's true division (which casts to NUMERIC).
    whole = literal_column(str(width), BigInteger)
    start = (_epoch_seconds(dialect).op("/", return_type=BigInteger)(whole) * whole).label("bucket_start")
    value = models.Reading.result
    stmt = (
        select(start, func.min(value), func.max(value), func.avg(value), func.count())
        .where(
            models.Reading.sensor_id == sensor_id,
            models.Reading.phenomenon_time >= since,
            models.Reading.phenomenon_time < until,
        )
        .group_by(start)
        .order_by(start)
    )
    return [
        {
            "t": iso(_EPOCH + timedelta(seconds=int(t))),
            "min": float(low),
            "max": float(high),
            "mean": float(mean),
            "count": int(count),
        }
        for t, low, high, mean, count in session.execute(stmt)
    ]


def insert_readings(session: Session, rows: Sequence[tuple[str, datetime, float]]) -> None:
    """Insert many readings (sensor id, aware time, value) in one driver-level executemany: a
    seeded history of tens of thousands of readings without SQLAlchemy's per-value processing.

    Times are stored as ``models.UTCDateTime`` stores them: naive UTC (on SQLite, the text
    SQLAlchemy writes, so comparisons with bound values stay exact).
    """
    if not rows:
        return
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO readings (sensor_id, phenomenon_time, result) VALUES ({mark}, {mark}, {mark})"

    def stored(at: datetime) -> Any:
        naive = as_utc(at).replace(tzinfo=None)
        return naive.isoformat(sep=" ", timespec="microseconds") if sqlite else naive

    conn.exec_driver_sql(sql, [(sensor_id, stored(at), float(value)) for sensor_id, at, value in rows])
