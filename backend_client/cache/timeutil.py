"""UTC timestamps in the API's ISO 8601 form, for the cache's own bookkeeping columns."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    """Now in UTC, e.g. ``2026-11-25T19:04:00.123+00:00`` (sorts correctly as text)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 timestamp; one without an offset is taken as UTC."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
