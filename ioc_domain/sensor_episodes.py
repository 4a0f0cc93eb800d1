"""Threshold episodes of a sensor: when a reading starts, escalates or ends an episode (with hysteresis).

An episode starts when a reading reaches the warning (or straight the alarm) threshold and ends
only when a reading falls below the warning threshold minus a hysteresis margin (5 % of the
threshold by default): a value jittering around a threshold is one episode, not one per crossing.
Within an episode the level moves up to ``alarm`` when a reading reaches the alarm threshold and
back down to ``warning`` only below the alarm threshold minus its margin. A sensor's status is its
episode level (``ok`` outside an episode), so the status does not flap either.

The backend raises exactly one alert per episode (at its start) and raises that alert's severity
on an escalation; :class:`EpisodeTracker` applies the rule over a sequence of readings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

OK, WARNING, ALARM = "ok", "warning", "alarm"
EPISODE_LEVELS: tuple[str, ...] = (OK, WARNING, ALARM)
_RANK = {OK: 0, WARNING: 1, ALARM: 2}
# The margin below a threshold a reading must fall to leave its level, as a share of the threshold.
HYSTERESIS_SHARE = 0.05
# The alert severity of each episode level.
SEVERITY_OF_LEVEL: dict[str, str] = {WARNING: "warning", ALARM: "critical"}
# The analytic (ioc_domain.analytics) an episode of a sensor kind raises its alert under. Only the
# kinds the catalogue has an analytic for raise alerts: PM2.5 and temperature episodes change the
# sensor's status (map colour, a line in the event log) but the catalogue has no analytic for them.
SENSOR_ALERT_ANALYTIC: dict[str, str] = {
    "water_level": "water_level_rise",
    "rainfall": "flooded_road",
    "landslide_tilt": "landslide",
}

START, ESCALATE, DEESCALATE, END = "start", "escalate", "deescalate", "end"


@dataclass(frozen=True)
class Thresholds:
    """A sensor's warning and alarm thresholds (alarm >= warning; both in the sensor's unit)."""

    warning: float
    alarm: float
    hysteresis: float = HYSTERESIS_SHARE

    def __post_init__(self) -> None:
        if not (self.alarm >= self.warning):
            raise ValueError(f"alarm threshold {self.alarm} is below the warning threshold {self.warning}")
        if not (0.0 <= self.hysteresis < 1.0):
            raise ValueError(f"hysteresis share {self.hysteresis} is not within 0..1")

    def release(self, threshold: float) -> float:
        """The value a reading must fall below to leave the level of ``threshold``."""
        return threshold - abs(threshold) * self.hysteresis


def band_of(value: float, thresholds: Thresholds) -> str:
    """The level of one value on its own, without hysteresis."""
    if value >= thresholds.alarm:
        return ALARM
    if value >= thresholds.warning:
        return WARNING
    return OK


def next_level(current: str, value: float, thresholds: Thresholds) -> str:
    """The episode level after a reading of ``value`` when the level was ``current``.

    An unknown ``current`` (``offline``, ``None``) counts as ``ok``.
    """
    current = current if current in _RANK else OK
    if value >= thresholds.alarm:
        return ALARM
    if current == ALARM and value >= thresholds.release(thresholds.alarm):
        return ALARM
    if value >= thresholds.warning:
        return WARNING
    if current != OK and value >= thresholds.release(thresholds.warning):
        return WARNING
    return OK


def transition(before: str, after: str) -> str | None:
    """What moving from level ``before`` to ``after`` means: start, escalate, deescalate, end or None."""
    before = before if before in _RANK else OK
    if before == after:
        return None
    if before == OK:
        return START
    if after == OK:
        return END
    return ESCALATE if _RANK[after] > _RANK[before] else DEESCALATE


@dataclass(frozen=True)
class Step:
    """One reading's effect: the level after it and what changed (None: nothing)."""

    at: datetime
    value: float
    level: str
    change: str | None


@dataclass
class Episode:
    """One episode: when it started and ended (None while it lasts) and the highest level reached."""

    started_at: datetime
    peak_level: str
    ended_at: datetime | None = None


class EpisodeTracker:
    """Follows one sensor's readings in time order: its level and its episodes."""

    def __init__(self, thresholds: Thresholds, level: str = OK) -> None:
        self.thresholds = thresholds
        self.level = level if level in _RANK else OK
        self.episodes: list[Episode] = []

    @property
    def current(self) -> Episode | None:
        """The episode under way, if any."""
        if self.episodes and self.episodes[-1].ended_at is None:
            return self.episodes[-1]
        return None

    def observe(self, value: float, at: datetime) -> Step:
        after = next_level(self.level, value, self.thresholds)
        change = transition(self.level, after)
        if change == START:
            self.episodes.append(Episode(started_at=at, peak_level=after))
        elif change == ESCALATE and self.current is not None:
            self.current.peak_level = after
        elif change == END and self.current is not None:
            self.current.ended_at = at
        self.level = after
        return Step(at=at, value=value, level=after, change=change)
