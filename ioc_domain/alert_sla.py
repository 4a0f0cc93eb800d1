"""How long an alert may wait (SLA to acknowledge and to close) and how long repeated detections of
one analytic on one camera join the open alert (bundling window): product data, shared by the
backend that enforces them and the console that shows the time left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ioc_domain.analytics import ANALYTICS_BY_CODE


@dataclass(frozen=True)
class Sla:
    """Seconds from the first detection until the alert must be acknowledged, and closed."""

    ack_s: int
    close_s: int


_MIN = 60
_HOUR = 3600

# Defaults by severity, then adjusted by category: a forest fire or a landslide is worked for
# hours once someone is on it, a traffic jam clears or is handed to the police within the hour.
SLA_BY_SEVERITY: dict[str, Sla] = {
    "critical": Sla(ack_s=2 * _MIN, close_s=1 * _HOUR),
    "warning": Sla(ack_s=5 * _MIN, close_s=4 * _HOUR),
    "info": Sla(ack_s=15 * _MIN, close_s=24 * _HOUR),
}
SLA_BY_CATEGORY_SEVERITY: dict[tuple[str, str], Sla] = {
    ("forest_fire", "critical"): Sla(ack_s=2 * _MIN, close_s=4 * _HOUR),
    ("forest_fire", "warning"): Sla(ack_s=5 * _MIN, close_s=6 * _HOUR),
    ("disaster", "critical"): Sla(ack_s=2 * _MIN, close_s=6 * _HOUR),
    ("disaster", "warning"): Sla(ack_s=5 * _MIN, close_s=12 * _HOUR),
    ("traffic", "warning"): Sla(ack_s=5 * _MIN, close_s=1 * _HOUR),
    ("traffic", "info"): Sla(ack_s=15 * _MIN, close_s=4 * _HOUR),
    ("urban_order", "info"): Sla(ack_s=30 * _MIN, close_s=48 * _HOUR),
}
# Per analytic, where its own nature differs from its group's.
SLA_BY_ANALYTIC: dict[str, Sla] = {
    "traffic_accident": Sla(ack_s=1 * _MIN, close_s=2 * _HOUR),
    "person_fallen": Sla(ack_s=1 * _MIN, close_s=1 * _HOUR),
    "fighting": Sla(ack_s=1 * _MIN, close_s=1 * _HOUR),
}

DEFAULT_BUNDLE_WINDOW_S = 5 * _MIN
# A fire smoulders and a flood stays for hours: their repeated detections are one event for
# longer than a passing traffic offence.
BUNDLE_WINDOW_S: dict[str, int] = {
    "forest_fire": 30 * _MIN,
    "smoke": 30 * _MIN,
    "straw_burning": 30 * _MIN,
    "flooded_road": 60 * _MIN,
    "water_level_rise": 60 * _MIN,
    "high_waves": 60 * _MIN,
    "landslide": 60 * _MIN,
    "traffic_congestion": 15 * _MIN,
    "illegal_parking": 15 * _MIN,
    "sidewalk_encroachment": 30 * _MIN,
    "street_vending": 30 * _MIN,
    "illegal_construction": 120 * _MIN,
    "overflowing_bin": 120 * _MIN,
    "crowd_gathering": 10 * _MIN,
    "fighting": 3 * _MIN,
}


def sla_for(analytic: str, severity: str) -> Sla:
    """The SLA of an alert of ``analytic`` at ``severity`` (an unknown analytic gets its severity's)."""
    if analytic in SLA_BY_ANALYTIC:
        return SLA_BY_ANALYTIC[analytic]
    known = ANALYTICS_BY_CODE.get(analytic)
    if known is not None and (known.category, severity) in SLA_BY_CATEGORY_SEVERITY:
        return SLA_BY_CATEGORY_SEVERITY[(known.category, severity)]
    return SLA_BY_SEVERITY.get(severity, SLA_BY_SEVERITY["info"])


def due_times(analytic: str, severity: str, first_detected_at: datetime) -> tuple[datetime, datetime]:
    """(ack_due_at, close_due_at) of an alert first detected at ``first_detected_at``."""
    sla = sla_for(analytic, severity)
    return first_detected_at + timedelta(seconds=sla.ack_s), first_detected_at + timedelta(seconds=sla.close_s)


def bundle_window_s(analytic: str) -> int:
    """Seconds after an alert's latest detection during which a new one of the same analytic on the
    same camera joins it instead of opening a new alert."""
    return BUNDLE_WINDOW_S.get(analytic, DEFAULT_BUNDLE_WINDOW_S)


def breach_of(
    state: str,
    ack_due_at: datetime | None,
    close_due_at: datetime | None,
    now: datetime,
) -> str | None:
    """Which SLA an alert in ``state`` has broken at ``now``: "ack", "close" or None."""
    if state == "closed":
        return None
    if state == "new" and ack_due_at is not None and now > ack_due_at:
        return "ack"
    if close_due_at is not None and now > close_due_at:
        return "close"
    return None
