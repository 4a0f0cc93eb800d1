"""The one record filter every workspace applies: time window, category, status and ward.

Qt-free and serialisable (:meth:`RecordFilter.to_dict` / :meth:`RecordFilter.from_dict`), so a
filter set on the map travels to the alert queues as a plain mapping (an intent payload or a
saved view), and both judge a record by the same :meth:`RecordFilter.matches`.

A record is the plain mapping the API sends for an alert, a citizen report, a camera, a sensor
or a task. The fields each resource is judged by are listed in :data:`_FIELDS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ioc_domain.alert_queues import parse_time as _parse_time
from ioc_domain.alerts import ALERT_STATES
from ioc_domain.analytics import CATEGORIES, category_of
from ioc_domain.statuses import (
    CAMERA_CATEGORIES,
    CAMERA_STATUSES,
    REPORT_SOURCES,
    REPORT_STATUSES,
    SENSOR_KINDS,
    SENSOR_STATUSES,
    TASK_STATUSES,
)

# Time windows an operator picks from; "custom" uses since/until, None means any time.
WINDOWS: dict[str, timedelta] = {
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(days=7),
}
CUSTOM = "custom"

# Per resource: (time field, status field, category function, ward field).
# An alert's category is its analytic's category group (ioc_domain.analytics.CATEGORIES); a
# report's is its source (citizen app, hotline...); a camera's, sensor's and task's their kind.
_FIELDS: dict[str, tuple[str | None, str, str, str | None]] = {
    "alert": ("detected_at", "state", "analytic", "ward"),
    "report": ("requested_datetime", "status", "source", "ward"),
    "camera": (None, "status", "category", "ward"),
    "sensor": ("last_phenomenon_time", "status", "kind", "ward"),
    "task": ("due_at", "status", "assignee_unit", "ward"),
}


# The words each resource's category and status can take. A filter's categories (or statuses)
# apply to a resource only if one of them is in its vocabulary: "forest_fire" narrows alerts and
# cameras but leaves citizen reports alone, "closed" narrows alerts and reports but not cameras.
CATEGORY_VOCABULARY: dict[str, frozenset[str]] = {
    "alert": frozenset(CATEGORIES),
    "report": frozenset(REPORT_SOURCES),
    "camera": frozenset(CAMERA_CATEGORIES),
    "sensor": frozenset(SENSOR_KINDS),
    "task": frozenset(),
}
STATUS_VOCABULARY: dict[str, frozenset[str]] = {
    "alert": frozenset(ALERT_STATES),
    "report": frozenset(REPORT_STATUSES),
    "camera": frozenset(CAMERA_STATUSES),
    "sensor": frozenset(SENSOR_STATUSES),
    "task": frozenset(TASK_STATUSES),
}


def record_category(resource: str, record: Mapping[str, Any]) -> str | None:
    """The value the category filter compares for ``record`` of ``resource``."""
    spec = _FIELDS.get(resource)
    if spec is None:
        return None
    raw = record.get(spec[2])
    if raw is None:
        return None
    if resource == "alert":
        return category_of(str(raw))
    return str(raw)


@dataclass(frozen=True)
class RecordFilter:
    """What an operator narrowed a view to. Empty sets mean "any"; ``window`` None means any time."""

    window: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    categories: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)
    wards: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.window is not None and self.window != CUSTOM and self.window not in WINDOWS:
            raise ValueError(f"unknown time window {self.window!r}; expected one of {', '.join([*WINDOWS, CUSTOM])}")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError("the custom window ends before it starts")

    @property
    def is_empty(self) -> bool:
        return self.window is None and not (self.categories or self.statuses or self.wards)

    def bounds(self, now: datetime) -> tuple[datetime | None, datetime | None]:
        """The (since, until) this filter means at ``now``; None on a side that is open."""
        if self.window is None:
            return None, None
        if self.window == CUSTOM:
            return self.since, self.until
        return now - WINDOWS[self.window], None

    def applies_statuses(self, resource: str) -> bool:
        """True when the status part of the filter narrows ``resource`` (see STATUS_VOCABULARY)."""
        return bool(self.statuses & STATUS_VOCABULARY.get(resource, frozenset()))

    def applies_categories(self, resource: str) -> bool:
        """True when the category part of the filter narrows ``resource`` (see CATEGORY_VOCABULARY)."""
        return bool(self.categories & CATEGORY_VOCABULARY.get(resource, frozenset()))

    def matches(self, resource: str, record: Mapping[str, Any], now: datetime | None = None) -> bool:
        """True when ``record`` (of ``resource``) passes every part of the filter.

        A record of a resource this filter does not know passes; a part of the filter that does
        not apply to a resource (a time window on cameras, a report source on alerts) is ignored for it.
        """
        spec = _FIELDS.get(resource)
        if spec is None:
            return True
        time_field, status_field, _category_field, ward_field = spec
        if self.applies_statuses(resource) and str(record.get(status_field)) not in self.statuses:
            return False
        if self.wards and ward_field is not None and str(record.get(ward_field)) not in self.wards:
            return False
        if self.applies_categories(resource) and record_category(resource, record) not in self.categories:
            return False
        if self.window is not None and time_field is not None:
            since, until = self.bounds(now or datetime.now(UTC))
            moment = _parse_time(record.get(time_field))
            if moment is None:
                return False
            if since is not None and moment < since:
                return False
            if until is not None and moment > until:
                return False
        return True

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (intent payloads, saved views)."""
        return {
            "window": self.window,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "categories": sorted(self.categories),
            "statuses": sorted(self.statuses),
            "wards": sorted(self.wards),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> RecordFilter:
        """The filter :meth:`to_dict` wrote; raises ValueError on a malformed mapping (from a saved view)."""
        if not data:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError("a record filter must be a mapping")
        window = data.get("window")
        if window is not None and not isinstance(window, str):
            raise ValueError("the time window must be text")
        since, until = data.get("since"), data.get("until")
        parsed_since = _parse_time(since)
        parsed_until = _parse_time(until)
        if since and parsed_since is None or until and parsed_until is None:
            raise ValueError("the custom window's times must be ISO 8601")
        return cls(
            window=window,
            since=parsed_since,
            until=parsed_until,
            categories=_text_set(data.get("categories"), "categories"),
            statuses=_text_set(data.get("statuses"), "statuses"),
            wards=_text_set(data.get("wards"), "wards"),
        )


def _text_set(value: Any, name: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"{name} must be a list of text")
    items = list(value)
    if not all(isinstance(item, str) for item in items):
        raise ValueError(f"{name} must be a list of text")
    return frozenset(items)


#: The alert categories a filter offers (the analytic groups of the alert queues).
ALERT_CATEGORIES: tuple[str, ...] = CATEGORIES
