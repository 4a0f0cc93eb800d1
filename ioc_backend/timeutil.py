"""UTC time helpers: every time the API emits is aware UTC in ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Treat naive datetimes as UTC (SQLite returns them naive) and convert aware ones."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso_now() -> str:
    """The current time as the API writes it (notes, verification and dispatch stamps)."""
    return as_utc(utcnow()).isoformat(timespec="milliseconds")


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return as_utc(value).isoformat(timespec="milliseconds")
