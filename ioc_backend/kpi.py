"""Key figures computed from the records: reports, cameras, tasks and sensors (GET /stats/*).

Every figure is an SQL aggregate (GROUP BY), never a walk over the rows, and reads the same on
SQLite and PostgreSQL. Periods are half-open (since ≤ t < until) like the alert funnel's. Each
answer carries ``as_of``, the server's time when it was computed, so a screen can say how fresh
its figure is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from ioc_backend.db import models
from ioc_backend.timeutil import iso
from ioc_domain.statuses import CAMERA_STATUSES, REPORT_FINAL_STATUSES, SENSOR_STATUSES

REPORT_GROUPINGS: tuple[str, ...] = ("ward", "source", "day")
TASK_GROUPINGS: tuple[str, ...] = ("unit",)
#: A rating of 4 or 5 on the 1..5 scale is a satisfied citizen.
SATISFIED_FROM = 4
#: Days are counted in Vietnam time (UTC+07:00 all year: no daylight saving).
VIETNAM_OFFSET_HOURS = 7

SOURCE_LABELS: dict[str, tuple[str, str]] = {
    "hue_s": ("Ứng dụng Hue-S", "Hue-S app"),
    "hotline": ("Đường dây nóng", "Hotline"),
}
SENSOR_KIND_LABELS: dict[str, tuple[str, str]] = {
    "water_level": ("Mực nước", "Water level"),
    "rainfall": ("Lượng mưa", "Rainfall"),
    "pm25": ("Bụi mịn (PM2.5)", "Fine dust (PM2.5)"),
    "temperature": ("Nhiệt độ", "Temperature"),
    "landslide_tilt": ("Sạt lở (độ nghiêng)", "Landslide (tilt)"),
}

_R = models.Report
_T = models.Task


class vietnam_day(FunctionElement[str]):  # noqa: N801 (an SQL function, named like one)
    """The calendar day (``YYYY-MM-DD``) of a stored UTC time, in Vietnam time, computed by the database."""

    type = String()
    name = "vietnam_day"
    inherit_cache = True


@compiles(vietnam_day)
def _vietnam_day_default(element: vietnam_day, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"to_char({value} + interval '{VIETNAM_OFFSET_HOURS} hours', 'YYYY-MM-DD')"


@compiles(vietnam_day, "sqlite")
def _vietnam_day_sqlite(element: vietnam_day, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"strftime('%Y-%m-%d', {value}, '+{VIETNAM_OFFSET_HOURS} hours')"


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _header(now: datetime, ward: str | None, since: datetime | None = None, until: datetime | None = None) -> dict:
    head: dict[str, Any] = {"as_of": iso(now)}
    if since is not None and until is not None:
        head.update(since=iso(since), until=iso(until))
    head["ward"] = ward
    return head


# ----------------------------------------------------------------------------------- reports
_REPORT_COUNTS: tuple[str, ...] = ("received", "processed", "with_deadline", "on_time", "rated", "satisfied")


def _report_figures(counts: Sequence[Any]) -> dict[str, Any]:
    received, processed, with_deadline, on_time, rated, satisfied, rating_sum = (int(v or 0) for v in counts)
    return {
        "received": received,
        "processed": processed,
        "processed_share": _share(processed, received),
        "with_deadline": with_deadline,
        "on_time": on_time,
        "on_time_share": _share(on_time, with_deadline),
        "rated": rated,
        "satisfied": satisfied,
        "satisfaction_share": _share(satisfied, rated),
        "satisfaction_mean": round(rating_sum / rated, 2) if rated else None,
    }


def _report_labels(group_by: str, key: str) -> tuple[str, str]:
    if group_by == "source":
        return SOURCE_LABELS.get(key, (key, key))
    if group_by == "day":
        year, month, day = key.split("-")
        return f"{day}/{month}/{year}", key
    return key, key  # wards are place names: the same in both languages


def report_stats(
    session: Session,
    *,
    since: datetime,
    until: datetime,
    now: datetime,
    ward: str | None = None,
    source: str | None = None,
    group_by: str = "ward",
) -> dict[str, Any]:
    """GET /stats/reports: received, processed and on-time reports and the citizens' ratings.

    A report counts when it was received (``requested_datetime``) in the period. Processed = a
    final status; on time = processed, with a deadline, and resolved (its ``updated_datetime``,
    set by the move to the final status) no later than ``expected_datetime``; ``with_deadline``
    = processed with a deadline (the on-time share's denominator). Rated = has a satisfaction
    rating; satisfied = rating ≥ 4.
    """
    if group_by not in REPORT_GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    column: ColumnElement[Any]
    if group_by == "day":
        column = vietnam_day(_R.requested_datetime)
    else:
        column = (_R.ward if group_by == "ward" else _R.source).expression
    processed = _R.status.in_(sorted(REPORT_FINAL_STATUSES))
    with_deadline = and_(processed, _R.expected_datetime.is_not(None))
    conditions = [_R.requested_datetime >= since, _R.requested_datetime < until]
    if ward is not None:
        conditions.append(_R.ward == ward)
    if source is not None:
        conditions.append(_R.source == source)
    found = session.execute(
        select(
            column,
            func.count(),
            _count_if(processed),
            _count_if(with_deadline),
            _count_if(and_(with_deadline, _R.updated_datetime <= _R.expected_datetime)),
            func.count(_R.satisfaction),
            _count_if(_R.satisfaction >= SATISFIED_FROM),
            func.coalesce(func.sum(_R.satisfaction), 0),
        )
        .where(*conditions)
        .group_by(column)
    ).all()
    totals = [0] * (len(_REPORT_COUNTS) + 1)
    rows = []
    for key, *counts in found:
        totals = [a + int(b or 0) for a, b in zip(totals, counts, strict=True)]
        label_vi, label_en = _report_labels(group_by, str(key))
        rows.append({"key": str(key), "label_vi": label_vi, "label_en": label_en, **_report_figures(counts)})
    if group_by == "day":
        rows.sort(key=lambda r: r["key"])  # a time series: oldest day first
    else:
        rows.sort(key=lambda r: (-r["received"], r["key"]))
    return {
        **_header(now, ward, since, until),
        "source": source,
        "group_by": group_by,
        "total": _report_figures(totals),
        "rows": rows,
    }


# ----------------------------------------------------------------------------------- cameras
def _status_rows(
    found: Iterable[tuple[Any, Any, Any]], statuses: Sequence[str]
) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Counts per status, in total and per group, from (group, status, count) rows."""
    total = {"total": 0, **dict.fromkeys(statuses, 0)}
    groups: dict[str, dict[str, int]] = {}
    for key, status, count in found:
        group = groups.setdefault(str(key), {"total": 0, **dict.fromkeys(statuses, 0)})
        for figures in (group, total):
            figures["total"] += int(count)
            # A status this build does not know (a newer backend's) still counts in the total.
            if status in figures:
                figures[status] += int(count)
    return total, groups


def camera_stats(session: Session, *, now: datetime, ward: str | None = None) -> dict[str, Any]:
    """GET /stats/cameras: cameras online, degraded and offline now, per ward; available = online."""
    query = select(models.Camera.ward, models.Camera.status, func.count()).group_by(
        models.Camera.ward, models.Camera.status
    )
    if ward is not None:
        query = query.where(models.Camera.ward == ward)
    total, groups = _status_rows(session.execute(query).all(), CAMERA_STATUSES)

    def figures(counts: dict[str, int]) -> dict[str, Any]:
        return {**counts, "availability_share": _share(counts["online"], counts["total"])}

    rows = [{"key": key, "label_vi": key, "label_en": key, **figures(counts)} for key, counts in groups.items()]
    rows.sort(key=lambda r: (-r["total"], r["key"]))
    return {**_header(now, ward), **figures(total), "rows": rows}


# ----------------------------------------------------------------------------------- sensors
def sensor_stats(session: Session, *, now: datetime, ward: str | None = None) -> dict[str, Any]:
    """GET /stats/sensors: sensors per status now (ok, warning, alarm, offline), per kind."""
    query = select(models.Sensor.kind, models.Sensor.status, func.count()).group_by(
        models.Sensor.kind, models.Sensor.status
    )
    if ward is not None:
        query = query.where(models.Sensor.ward == ward)
    total, groups = _status_rows(session.execute(query).all(), SENSOR_STATUSES)
    rows: list[dict[str, Any]] = []
    for key, counts in groups.items():
        label_vi, label_en = SENSOR_KIND_LABELS.get(key, (key, key))
        rows.append({"key": key, "label_vi": label_vi, "label_en": label_en, **counts})
    rows.sort(key=lambda r: (-r["total"], r["key"]))
    return {**_header(now, ward), **total, "rows": rows}


# ----------------------------------------------------------------------------------- tasks
_TASK_COUNTS: tuple[str, ...] = ("open", "done", "on_time", "overdue", "no_deadline")


def task_stats(
    session: Session,
    *,
    since: datetime,
    until: datetime,
    now: datetime,
    ward: str | None = None,
    group_by: str = "unit",
) -> dict[str, Any]:
    """GET /stats/tasks: open, done, on-time and overdue tasks per unit (``assignee_unit``).

    Counted: the tasks due in the period, and every task without a deadline (``no_deadline``);
    cancelled tasks are left out. Open = to do or in progress; overdue = open and due before
    ``as_of``; on time = with a deadline and not overdue (done, or open and not yet due). A
    task keeps no time of completion, so a task done after its deadline counts as on time.
    """
    if group_by not in TASK_GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    is_open = _T.status.in_(("todo", "in_progress"))
    has_deadline = _T.due_at.is_not(None)
    overdue = and_(is_open, has_deadline, _T.due_at < now)
    conditions: list[ColumnElement[bool]] = [
        _T.status != "cancelled",
        or_(_T.due_at.is_(None), and_(_T.due_at >= since, _T.due_at < until)),
    ]
    if ward is not None:
        conditions.append(_T.ward == ward)
    found = session.execute(
        select(
            _T.assignee_unit,
            _count_if(is_open),
            _count_if(_T.status == "done"),
            _count_if(and_(has_deadline, ~overdue)),
            _count_if(overdue),
            _count_if(~has_deadline),
        )
        .where(*conditions)
        .group_by(_T.assignee_unit)
    ).all()
    total = dict.fromkeys(_TASK_COUNTS, 0)
    rows: list[dict[str, Any]] = []
    for key, *counts in found:
        figures = {name: int(value or 0) for name, value in zip(_TASK_COUNTS, counts, strict=True)}
        for name, value in figures.items():
            total[name] += value
        rows.append({"key": key, "label_vi": key, "label_en": key, **figures})  # units are names
    rows.sort(key=lambda r: (-r["overdue"], -(r["open"] + r["done"]), r["key"]))
    return {**_header(now, ward, since, until), "group_by": group_by, "total": total, "rows": rows}
