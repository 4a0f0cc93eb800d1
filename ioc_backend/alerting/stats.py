"""Figures computed from the alert records: the triage funnel and the false alarms per detector.

Counts are SQL aggregates; only the medians need the individual durations, and for those only
the three timestamps of the alerts that have one are read, so 100,000 alerts stay well under a
second. Both reports filter on when the alert was first detected (``first_detected_at``, or
``detected_at`` for rows older than bundling), the window being half-open: since ≤ t < until.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Float, and_, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from ioc_backend.db import models
from ioc_backend.timeutil import iso, utcnow
from ioc_domain.alerts import FALSE_ALARM_CLOSE_REASON
from ioc_domain.analytics import ANALYTICS_BY_CODE, category_of

GROUPINGS: tuple[str, ...] = ("analytic", "category", "ward")
DEFAULT_WINDOW = timedelta(days=30)
# The five groups Huế announced for its 29 analytics (ioc_domain.analytics.CATEGORIES).
CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "traffic": ("Giao thông", "Traffic"),
    "urban_order": ("Trật tự đô thị", "Urban order"),
    "public_safety": ("An ninh trật tự", "Public safety"),
    "forest_fire": ("Phòng cháy chữa cháy rừng", "Forest fire prevention"),
    "disaster": ("Thiên tai", "Natural disasters"),
}
# Analytics this build does not know (older or newer AI engines) still count, under this group.
OTHER_CATEGORY = "other"
OTHER_LABELS = ("Khác", "Other")
COUNTS: tuple[str, ...] = ("detected", "alerts", "confirmed", "false_alarms", "warned", "dispatched", "closed")

_A = models.Alert
_W = models.PublicWarning


def first_detected() -> ColumnElement[Any]:
    """When an alert was first detected; rows from before bundling only have ``detected_at``."""
    return func.coalesce(_A.first_detected_at, _A.detected_at)


class seconds_between(FunctionElement[float]):  # noqa: N801 (an SQL function, named like one)
    """``end - start`` in seconds, computed by the database (NULL when either is NULL).

    Reading 100,000 pairs of timestamps through the UTC type's conversion takes most of a
    second; the differences as plain numbers cost a fraction of that.
    """

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between)
def _seconds_between_default(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


def in_window(since: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(first_detected() >= since, first_detected() < until)


def is_false_alarm() -> ColumnElement[bool]:
    """Verified as a false alarm, or closed as a false positive without a verdict."""
    return or_(_A.verification["verdict"].as_string() == "false_alarm", _A.close_reason == FALSE_ALARM_CLOSE_REASON)


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def window_of(since: datetime | None, until: datetime | None, now: datetime) -> tuple[datetime, datetime]:
    """The report window: until defaults to now, since to 30 days before until."""
    end = until or now
    return since or end - DEFAULT_WINDOW, end


@dataclass
class _Group:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    ack_s: list[float] = field(default_factory=list)
    close_s: list[float] = field(default_factory=list)

    def add_counts(self, values: Iterable[tuple[str, int]]) -> None:
        for name, value in values:
            self.counts[name] += int(value or 0)

    def figures(self) -> dict[str, Any]:
        return {
            **self.counts,
            "median_ack_s": _median(self.ack_s),
            "median_close_s": _median(self.close_s),
        }


def _median(values: list[float]) -> float | None:
    return round(float(statistics.median(values)), 3) if values else None


def _labels(group_by: str, key: str) -> tuple[str, str]:
    if group_by == "analytic":
        analytic = ANALYTICS_BY_CODE.get(key)
        return (analytic.name_vi, analytic.name_en) if analytic else (key, key)
    if group_by == "category":
        return CATEGORY_LABELS.get(key, OTHER_LABELS)
    return key, key  # wards are place names: the same in both languages


def alert_funnel(
    session: Session,
    group_by: str,
    since: datetime,
    until: datetime,
    *,
    ward: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """GET /stats/alert-funnel: detections → alerts → confirmed / false alarms → warned,
    dispatched, closed, with the median times to acknowledge and to close, per group and in total;
    only the alerts of ``ward`` when given. ``now`` is the answer's ``as_of``."""
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    # Category is a property of the analytic (product data, not a column): group by analytic in
    # SQL and fold the analytics into their categories here.
    column = _A.ward if group_by == "ward" else _A.analytic
    published = select(_W.alert_id).where(_W.state == "published", _W.alert_id.is_not(None))
    window = in_window(since, until)
    if ward is not None:
        window = and_(window, _A.ward == ward)
    counted = session.execute(
        select(
            column,
            func.coalesce(func.sum(func.coalesce(_A.detections, 1)), 0),
            func.count(),
            _flag(_A.verification["verdict"].as_string() == "confirmed"),
            _flag(is_false_alarm()),
            _flag(_A.id.in_(published)),
            _flag(_A.dispatch.is_not(None)),
            _flag(_A.state == "closed"),
        )
        .where(window)
        .group_by(column)
    ).all()
    timed = session.execute(
        select(
            column,
            seconds_between(first_detected(), _A.acknowledged_at),
            seconds_between(first_detected(), _A.closed_at),
        ).where(window, or_(_A.acknowledged_at.is_not(None), _A.closed_at.is_not(None)))
    ).all()

    def key_of(value: str) -> str:
        if group_by == "category":
            return category_of(value) or OTHER_CATEGORY
        return value

    groups: dict[str, _Group] = defaultdict(_Group)
    total = _Group()
    for value, *numbers in counted:
        pairs = list(zip(COUNTS, numbers, strict=True))
        groups[key_of(value)].add_counts(pairs)
        total.add_counts(pairs)
    for value, ack_s, close_s in timed:
        group = groups[key_of(value)]
        if ack_s is not None:
            # Milliseconds, as the API writes times: hides the float noise of julianday().
            group.ack_s.append(round(float(ack_s), 3))
            total.ack_s.append(round(float(ack_s), 3))
        if close_s is not None:
            group.close_s.append(round(float(close_s), 3))
            total.close_s.append(round(float(close_s), 3))

    rows = []
    for key, group in groups.items():
        label_vi, label_en = _labels(group_by, key)
        rows.append({"key": key, "label_vi": label_vi, "label_en": label_en, **group.figures()})
    # Largest groups first: the ones a chart and a supervisor look at.
    rows.sort(key=lambda r: (-r["alerts"], r["key"]))
    return {
        "as_of": iso(now or utcnow()),
        "since": iso(since),
        "until": iso(until),
        "ward": ward,
        "group_by": group_by,
        "rows": rows,
        "total": total.figures(),
    }


def false_alarm_stats(
    session: Session, since: datetime, until: datetime, min_alerts: int, now: datetime
) -> dict[str, Any]:
    """GET /stats/alert-false-alarms: per camera × analytic, how many alerts were false alarms.

    Rows with at least ``min_alerts`` alerts, the worst detectors (highest share) first, then
    the most false alarms; a camera deleted since is still listed, without a name.
    """
    false_alarms = _flag(is_false_alarm())
    alerts = func.count()
    found = session.execute(
        select(_A.camera_id, models.Camera.name, _A.analytic, alerts, false_alarms)
        .join(models.Camera, models.Camera.id == _A.camera_id, isouter=True)
        .where(in_window(since, until))
        .group_by(_A.camera_id, models.Camera.name, _A.analytic)
        .having(alerts >= min_alerts)
    ).all()
    rows: list[dict[str, Any]] = [
        {
            "camera_id": camera_id,
            "camera_name": name,
            "analytic": analytic,
            "alerts": int(count),
            "false_alarms": int(false),
            "share": round(int(false) / int(count), 4) if count else 0.0,
        }
        for camera_id, name, analytic, count, false in found
    ]
    rows.sort(key=lambda r: (-r["share"], -r["false_alarms"], -r["alerts"], r["camera_id"], r["analytic"]))
    return {"as_of": iso(now), "since": iso(since), "until": iso(until), "rows": rows}
