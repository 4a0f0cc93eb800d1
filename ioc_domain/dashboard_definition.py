"""Dashboard definitions: which KPIs, which charts, which filters, laid out on a grid.

A dashboard is data, not code: a plain mapping stored per user through ``/me/views`` (kind
``dashboard``), read back with :meth:`DashboardDefinition.from_dict`. A stored definition comes
from outside (another console version, a hand-edited row, a hostile client), so reading it checks
every part and raises :class:`DefinitionError` naming the offending part ("widgets[2].figure:
...") instead of ever failing later while drawing.

Each widget is bound to one KPI source (the ``/stats/*`` answers of docs/API.md) and one figure
of it, optionally grouped (per ward, source, day, unit, kind, category): a tile shows the total,
bars and lines show the groups, the funnel shows the alert funnel's stages.

:func:`drill_down` turns a click on a figure into the records behind it: which workspace
(``alerts`` or ``reports``) and the :class:`~ioc_domain.record_filter.RecordFilter` to apply.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final

from ioc_domain.alert_queues import parse_time
from ioc_domain.analytics import CATEGORIES, category_of
from ioc_domain.record_filter import CUSTOM, RecordFilter
from ioc_domain.statuses import REPORT_FINAL_STATUSES, REPORT_SOURCES, REPORT_STATUSES

VIEW_KIND: Final = "dashboard"
FORMAT_VERSION: Final = 1

# -- the KPI sources ----------------------------------------------------------------------------
REPORTS: Final = "reports"
CAMERAS: Final = "cameras"
TASKS: Final = "tasks"
SENSORS: Final = "sensors"
ALERT_FUNNEL: Final = "alert_funnel"
SOURCES: tuple[str, ...] = (REPORTS, CAMERAS, TASKS, SENSORS, ALERT_FUNNEL)

#: How a figure reads: a count, a share (0..1, shown as a percentage) or a mean rating (1..5).
COUNT: Final = "count"
SHARE: Final = "share"
MEAN: Final = "mean"

#: Per source: figure -> how it reads. ``open`` of reports is derived: received - processed.
FIGURES: dict[str, dict[str, str]] = {
    REPORTS: {
        "received": COUNT,
        "processed": COUNT,
        "open": COUNT,
        "processed_share": SHARE,
        "with_deadline": COUNT,
        "on_time": COUNT,
        "on_time_share": SHARE,
        "rated": COUNT,
        "satisfied": COUNT,
        "satisfaction_share": SHARE,
        "satisfaction_mean": MEAN,
    },
    CAMERAS: {"total": COUNT, "online": COUNT, "degraded": COUNT, "offline": COUNT, "availability_share": SHARE},
    TASKS: {"open": COUNT, "done": COUNT, "on_time": COUNT, "overdue": COUNT, "no_deadline": COUNT},
    SENSORS: {"total": COUNT, "ok": COUNT, "warning": COUNT, "alarm": COUNT, "offline": COUNT},
    ALERT_FUNNEL: {
        "detected": COUNT,
        "alerts": COUNT,
        "confirmed": COUNT,
        "false_alarms": COUNT,
        "warned": COUNT,
        "dispatched": COUNT,
        "closed": COUNT,
    },
}
#: The alert funnel's stages in the order a detection travels (the funnel chart's bars).
FUNNEL_STAGES: tuple[str, ...] = ("detected", "alerts", "confirmed", "warned", "dispatched", "closed")

#: Per source: the groupings its answer's rows can have; the first is asked for when a widget
#: names none (a tile reads only the total). Cameras and sensors always answer per ward / kind.
GROUPINGS: dict[str, tuple[str, ...]] = {
    REPORTS: ("ward", "source", "day"),
    CAMERAS: ("ward",),
    TASKS: ("unit",),
    SENSORS: ("kind",),
    ALERT_FUNNEL: ("category", "ward"),
}
#: Sources whose figures count over the dashboard's period (cameras and sensors are "now").
PERIOD_SOURCES: frozenset[str] = frozenset({REPORTS, TASKS, ALERT_FUNNEL})

# -- widgets and filters --------------------------------------------------------------------------
TILE: Final = "tile"
BARS: Final = "bars"
LINE: Final = "line"
FUNNEL: Final = "funnel"
WIDGET_KINDS: tuple[str, ...] = (TILE, BARS, LINE, FUNNEL)

TODAY: Final = "today"
PERIODS: dict[str, timedelta | None] = {TODAY: None, "7d": timedelta(days=7), "30d": timedelta(days=30), CUSTOM: None}

GRID_COLUMNS: Final = 6
GRID_ROWS: Final = 12
MAX_WIDGETS: Final = 24
MAX_TITLE: Final = 80
MAX_WARD: Final = 120
MAX_BARS: Final = 60
_WIDGET_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


class DefinitionError(ValueError):
    """A stored dashboard cannot be used; the message names the part and why (shown to the operator)."""


def _fail(where: str, why: str) -> DefinitionError:
    return DefinitionError(f"{where}: {why}")


def _text(value: Any, where: str, *, limit: int, required: bool) -> str | None:
    if value is None or value == "":
        if required:
            raise _fail(where, "is missing")
        return None
    if not isinstance(value, str):
        raise _fail(where, "must be text")
    cleaned = unicodedata.normalize("NFC", value).strip()
    if required and not cleaned:
        raise _fail(where, "is empty")
    if len(cleaned) > limit:
        raise _fail(where, f"is longer than {limit} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") for ch in cleaned):
        raise _fail(where, "contains control characters")
    return cleaned or None


def _int(value: Any, where: str, low: int, high: int) -> int:
    # bool is an int in Python; "true" is not a grid position.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(where, "must be a whole number")
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        raise _fail(where, "must be a whole number")
    number = int(value)
    if not low <= number <= high:
        raise _fail(where, f"must be between {low} and {high}")
    return number


def _choice(value: Any, where: str, choices: tuple[str, ...] | dict[str, Any]) -> str:
    if not isinstance(value, str) or value not in choices:
        shown = value if isinstance(value, str) and len(value) <= 40 else type(value).__name__
        raise _fail(where, f"{shown!r} is not one of {', '.join(choices)}")
    return value


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(where, "must be an object")
    return value


@dataclass(frozen=True)
class DashboardFilters:
    """The period and ward every KPI of the dashboard is computed for."""

    period: str = TODAY
    since: datetime | None = None  # custom period only (aware)
    until: datetime | None = None
    ward: str | None = None

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise DefinitionError(f"filters.period: {self.period!r} is not one of {', '.join(PERIODS)}")
        if self.period == CUSTOM:
            if self.since is None or self.until is None:
                raise DefinitionError("filters: a custom period needs both since and until")
            if self.since >= self.until:
                raise DefinitionError("filters: the custom period must start before it ends")

    def bounds(self, now: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
        """(since, until) as aware datetimes: today runs from local midnight (``tz``) to ``now``."""
        if self.period == CUSTOM:
            assert self.since is not None and self.until is not None
            return self.since, self.until
        length = PERIODS[self.period]
        if length is None:  # today
            local = now.astimezone(tz)
            midnight = datetime.combine(local.date(), time(0, 0), tzinfo=tz)
            return midnight, now
        return now - length, now

    def cache_key(self) -> str:
        """Names the filters, not the moment: "today" keeps its key as time passes."""
        if self.period == CUSTOM:
            assert self.since is not None and self.until is not None
            period = f"custom:{self.since.astimezone(UTC).isoformat()}/{self.until.astimezone(UTC).isoformat()}"
        else:
            period = self.period
        return f"{period}|{self.ward or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "ward": self.ward,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "filters") -> DashboardFilters:
        if data is None:
            return cls()
        data = _mapping(data, where)
        period = _choice(data.get("period", TODAY), f"{where}.period", PERIODS)
        since = until = None
        if period == CUSTOM:
            since, until = parse_time(data.get("since")), parse_time(data.get("until"))
            if since is None or until is None:
                raise _fail(where, "a custom period needs since and until as ISO 8601 times")
            if since >= until:
                raise _fail(where, "the custom period must start before it ends")
        ward = _text(data.get("ward"), f"{where}.ward", limit=MAX_WARD, required=False)
        return cls(period=period, since=since, until=until, ward=ward)


@dataclass(frozen=True)
class Widget:
    """One tile or chart: where it sits on the grid and which figure of which source it shows."""

    id: str
    kind: str
    source: str
    figure: str
    group_by: str | None = None
    title: str | None = None  # None: the console names it from the source and figure (translated)
    limit: int | None = None  # bars: at most this many groups, largest first
    row: int = 0
    col: int = 0
    row_span: int = 1
    col_span: int = 1

    def query(self) -> tuple[str, str | None]:
        """(source, grouping) to ask for: widgets sharing it share one request."""
        if self.source in (CAMERAS, SENSORS):
            return self.source, None  # their endpoints have no grouping parameter
        return self.source, self.group_by or GROUPINGS[self.source][0]

    def cells(self) -> set[tuple[int, int]]:
        rows = range(self.row, self.row + self.row_span)
        return {(r, c) for r in rows for c in range(self.col, self.col + self.col_span)}

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "figure": self.figure,
            "row": self.row,
            "col": self.col,
            "row_span": self.row_span,
            "col_span": self.col_span,
        }
        for name in ("group_by", "title", "limit"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        return data

    @classmethod
    def from_dict(cls, data: Any, where: str, fallback_id: str) -> Widget:
        data = _mapping(data, where)
        widget_id = data.get("id", fallback_id)
        if not isinstance(widget_id, str) or not _WIDGET_ID.fullmatch(widget_id):
            raise _fail(f"{where}.id", "must be 1-32 lower-case letters, digits, '_' or '-'")
        kind = _choice(data.get("kind"), f"{where}.kind", WIDGET_KINDS)
        source = _choice(data.get("source"), f"{where}.source", SOURCES)
        group_by = data.get("group_by")
        if group_by is not None:
            group_by = _choice(group_by, f"{where}.group_by", GROUPINGS[source])
        if kind == FUNNEL:
            if source != ALERT_FUNNEL:
                raise _fail(f"{where}.source", "a funnel shows the alert funnel (source alert_funnel)")
            figure = str(data.get("figure") or "alerts")
        else:
            figure = data.get("figure")
        figure = _choice(figure, f"{where}.figure", FIGURES[source])
        if kind == LINE and group_by != "day":
            raise _fail(f"{where}.group_by", "a line follows the days (group_by day)")
        if kind == BARS and group_by is None and source not in (CAMERAS, SENSORS):
            raise _fail(f"{where}.group_by", "bars need a grouping")
        limit = data.get("limit")
        if limit is not None:
            limit = _int(limit, f"{where}.limit", 1, MAX_BARS)
        row = _int(data.get("row", 0), f"{where}.row", 0, GRID_ROWS - 1)
        col = _int(data.get("col", 0), f"{where}.col", 0, GRID_COLUMNS - 1)
        row_span = _int(data.get("row_span", 1), f"{where}.row_span", 1, GRID_ROWS - row)
        col_span = _int(data.get("col_span", 1), f"{where}.col_span", 1, GRID_COLUMNS - col)
        return cls(
            id=widget_id,
            kind=kind,
            source=source,
            figure=figure,
            group_by=group_by,
            title=_text(data.get("title"), f"{where}.title", limit=MAX_TITLE, required=False),
            limit=limit,
            row=row,
            col=col,
            row_span=row_span,
            col_span=col_span,
        )


@dataclass(frozen=True)
class DashboardDefinition:
    """A whole dashboard: its title, filters and widgets. ``preset`` names a shipped default."""

    title: str
    filters: DashboardFilters = field(default_factory=DashboardFilters)
    widgets: tuple[Widget, ...] = ()
    preset: str | None = None

    def queries(self) -> list[tuple[str, str | None]]:
        """The distinct (source, grouping) requests this dashboard needs, in widget order."""
        seen: dict[tuple[str, str | None], None] = {}
        for widget in self.widgets:
            seen.setdefault(widget.query(), None)
        return list(seen)

    def with_filters(self, filters: DashboardFilters) -> DashboardDefinition:
        return replace(self, filters=filters)

    def with_title(self, title: str) -> DashboardDefinition:
        return replace(self, title=_text(title, "title", limit=MAX_TITLE, required=True) or title, preset=None)

    def to_dict(self) -> dict[str, Any]:
        """What ``/me/views`` stores (the view's data; its name is the title)."""
        return {
            "version": FORMAT_VERSION,
            "title": self.title,
            "filters": self.filters.to_dict(),
            "widgets": [widget.to_dict() for widget in self.widgets],
        }

    @classmethod
    def from_dict(cls, data: Any, title: str | None = None) -> DashboardDefinition:
        """Check and read a stored definition; ``title`` (the saved view's name) wins over the stored one."""
        data = _mapping(data, "definition")
        version = data.get("version", FORMAT_VERSION)
        if isinstance(version, bool) or not isinstance(version, int):
            raise _fail("version", "must be a whole number")
        if version > FORMAT_VERSION:
            raise _fail("version", f"{version} was written by a newer console (this one reads {FORMAT_VERSION})")
        name = _text(title if title is not None else data.get("title"), "title", limit=MAX_TITLE, required=True)
        assert name is not None
        raw_widgets = data.get("widgets")
        if not isinstance(raw_widgets, list) or not raw_widgets:
            raise _fail("widgets", "must be a non-empty list")
        if len(raw_widgets) > MAX_WIDGETS:
            raise _fail("widgets", f"at most {MAX_WIDGETS} widgets (this one has {len(raw_widgets)})")
        widgets: list[Widget] = []
        taken: dict[tuple[int, int], str] = {}
        for index, raw in enumerate(raw_widgets):
            widget = Widget.from_dict(raw, f"widgets[{index}]", f"w{index}")
            if any(other.id == widget.id for other in widgets):
                raise _fail(f"widgets[{index}].id", f"{widget.id!r} is used twice")
            for cell in widget.cells():
                if cell in taken:
                    raise _fail(f"widgets[{index}]", f"overlaps {taken[cell]!r} at row {cell[0]}, column {cell[1]}")
                taken[cell] = widget.id
            widgets.append(widget)
        return cls(title=name, filters=DashboardFilters.from_dict(data.get("filters")), widgets=tuple(widgets))


# -- the shipped defaults -------------------------------------------------------------------------
OPERATORS: Final = "operators"
LEADERS: Final = "leaders"


def _w(widget_id: str, kind: str, source: str, figure: str, row: int, col: int, **more: Any) -> Widget:
    return Widget(id=widget_id, kind=kind, source=source, figure=figure, row=row, col=col, **more)


def default_dashboards() -> list[DashboardDefinition]:
    """For operators (today, what needs doing now) and for leaders (30 days, how the city is served).

    Titles are the Vietnamese names; the console shows each preset's translated name.
    """
    operators = DashboardDefinition(
        title="Vận hành",
        preset=OPERATORS,
        filters=DashboardFilters(period=TODAY),
        widgets=(
            _w("open_reports", TILE, REPORTS, "open", 0, 0),
            _w("processed", TILE, REPORTS, "processed_share", 0, 1),
            _w("on_time", TILE, REPORTS, "on_time_share", 0, 2),
            _w("alerts", TILE, ALERT_FUNNEL, "alerts", 0, 3),
            _w("cameras", TILE, CAMERAS, "availability_share", 0, 4),
            _w("sensors_alarm", TILE, SENSORS, "alarm", 0, 5),
            _w("funnel", FUNNEL, ALERT_FUNNEL, "alerts", 1, 0, group_by="category", row_span=2, col_span=3),
            _w("open_by_ward", BARS, REPORTS, "open", 1, 3, group_by="ward", limit=10, row_span=2, col_span=3),
            _w("cameras_offline", BARS, CAMERAS, "offline", 3, 0, group_by="ward", limit=10, row_span=2, col_span=3),
            _w("sensors_by_kind", BARS, SENSORS, "alarm", 3, 3, group_by="kind", row_span=2, col_span=3),
        ),
    )
    leaders = DashboardDefinition(
        title="Lãnh đạo",
        preset=LEADERS,
        filters=DashboardFilters(period="30d"),
        widgets=(
            _w("received", TILE, REPORTS, "received", 0, 0),
            _w("processed", TILE, REPORTS, "processed_share", 0, 1),
            _w("satisfaction", TILE, REPORTS, "satisfaction_share", 0, 2),
            _w("on_time", TILE, REPORTS, "on_time_share", 0, 3),
            _w("cameras", TILE, CAMERAS, "availability_share", 0, 4),
            _w("tasks_overdue", TILE, TASKS, "overdue", 0, 5),
            _w("per_ward", BARS, REPORTS, "received", 1, 0, group_by="ward", limit=12, row_span=2, col_span=3),
            _w("per_day", LINE, REPORTS, "received", 1, 3, group_by="day", row_span=2, col_span=3),
            _w("funnel", FUNNEL, ALERT_FUNNEL, "alerts", 3, 0, group_by="category", row_span=2, col_span=3),
            _w("overdue_units", BARS, TASKS, "overdue", 3, 3, group_by="unit", limit=12, row_span=2, col_span=3),
        ),
    )
    return [operators, leaders]


# -- reading an answer ----------------------------------------------------------------------------
def figure_value(source: str, figure: str, figures: Mapping[str, Any] | None) -> float | None:
    """One figure of an answer's ``total`` or of one of its ``rows``; None when it has none
    (a share whose denominator is 0, a missing row)."""
    if not isinstance(figures, Mapping):
        return None
    if source == REPORTS and figure == "open":
        received, processed = _number(figures.get("received")), _number(figures.get("processed"))
        return None if received is None or processed is None else received - processed
    return _number(figures.get(figure))


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def total_figures(source: str, answer: Mapping[str, Any]) -> Mapping[str, Any]:
    """The totals of an answer: ``total`` for reports, tasks and the funnel; the top level for
    cameras and sensors (their counts sit beside ``rows``)."""
    if source in (CAMERAS, SENSORS):
        return answer
    total = answer.get("total")
    return total if isinstance(total, Mapping) else {}


def group_rows(answer: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rows = answer.get("rows")
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


# -- drill-down -----------------------------------------------------------------------------------
ALERTS_TARGET: Final = "alerts"
REPORTS_TARGET: Final = "reports"
_OPEN_REPORT_STATUSES = frozenset(REPORT_STATUSES) - REPORT_FINAL_STATUSES


@dataclass(frozen=True)
class Drill:
    """Where a click leads: the workspace's records (``alerts`` or ``reports``) narrowed by ``filter``."""

    target: str
    filter: RecordFilter


def day_bounds(key: str, tz: tzinfo) -> tuple[datetime, datetime] | None:
    """A day row's key ("2026-12-05" or an ISO time) as the local day it names, [start, end]."""
    moment: date | None = None
    try:
        moment = date.fromisoformat(key[:10])
    except (TypeError, ValueError):
        return None
    start = datetime.combine(moment, time(0, 0), tzinfo=tz)
    return start, start + timedelta(days=1) - timedelta(microseconds=1)


def drill_down(
    widget: Widget,
    filters: DashboardFilters,
    now: datetime,
    tz: tzinfo,
    *,
    group: str | None = None,
    stage: str | None = None,
) -> Drill | None:
    """The records behind a figure: a tile (no ``group``), a bar or point (``group``: its row key),
    a funnel segment (``stage``, which narrows nothing, and, when grouped, ``group``). None when the records
    have no filtered list in the console (cameras, sensors, tasks)."""
    since, until = filters.bounds(now, tz)
    wards = {filters.ward} if filters.ward else set()
    group_by = widget.query()[1]
    if widget.source == REPORTS:
        categories: set[str] = set()
        statuses: set[str] = set()
        if group is not None:
            if group_by == "ward":
                wards = {group}
            elif group_by == "source" and group in REPORT_SOURCES:
                categories = {group}
            elif group_by == "day":
                day = day_bounds(group, tz)
                if day is not None:
                    since, until = max(since, day[0]), min(until, day[1])
        if widget.figure in ("processed", "processed_share", "on_time", "on_time_share", "satisfied"):
            statuses = set(REPORT_FINAL_STATUSES)
        elif widget.figure == "open":
            statuses = set(_OPEN_REPORT_STATUSES)
        return Drill(
            REPORTS_TARGET,
            RecordFilter(
                window=CUSTOM,
                since=since,
                until=until,
                categories=frozenset(categories),
                statuses=frozenset(statuses),
                wards=frozenset(wards),
            ),
        )
    if widget.source == ALERT_FUNNEL:
        categories = set()
        if group is not None:
            if group_by == "category" and group in CATEGORIES:
                categories = {group}
            elif group_by == "category" and category_of(group) in CATEGORIES:
                categories = {str(category_of(group))}
            elif group_by == "ward":
                wards = {group}
        # No state from the stage: the alert queues hold the alerts still being handled, so the
        # drill-down shows the open alerts of that category, ward and period whatever the stage.
        statuses = set()
        return Drill(
            ALERTS_TARGET,
            RecordFilter(
                window=CUSTOM,
                since=since,
                until=until,
                categories=frozenset(categories),
                statuses=frozenset(statuses),
                wards=frozenset(wards),
            ),
        )
    return None
