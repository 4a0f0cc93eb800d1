"""One episode per threshold crossing, with hysteresis: the rule over fake sequences on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ioc_domain.analytics import ANALYTICS_BY_CODE
from ioc_domain.sensor_episodes import (
    ALARM,
    DEESCALATE,
    END,
    ESCALATE,
    OK,
    SENSOR_ALERT_ANALYTIC,
    START,
    WARNING,
    EpisodeTracker,
    Thresholds,
    band_of,
    next_level,
    transition,
)
from ioc_domain.statuses import SENSOR_KINDS, SENSOR_STATUSES

T0 = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)
KIM_LONG = Thresholds(warning=1.0, alarm=2.0)  # release below 0.95 and 1.9


def _run(values: list[float], thresholds: Thresholds = KIM_LONG) -> tuple[EpisodeTracker, list[str | None]]:
    tracker = EpisodeTracker(thresholds)
    clock = (T0 + timedelta(minutes=i) for i in range(len(values)))  # one reading a minute
    changes = [tracker.observe(v, at).change for v, at in zip(values, clock, strict=True)]
    return tracker, changes


def test_jitter_around_the_warning_threshold_is_one_episode():
    values = [0.5, 0.9, 1.01, 0.98, 1.02, 0.96, 1.0, 0.97, 0.951, 1.05, 0.94, 0.9, 0.5]
    tracker, changes = _run(values)
    assert changes.count(START) == 1 and changes.count(END) == 1
    assert changes.index(START) == 2 and changes.index(END) == 10  # ends only below 0.95
    [episode] = tracker.episodes
    assert episode.started_at == T0 + timedelta(minutes=2)
    assert episode.ended_at == T0 + timedelta(minutes=10)
    assert episode.peak_level == WARNING
    assert tracker.level == OK and tracker.current is None


def test_escalation_and_back_stay_within_one_episode():
    # A flood: warning, alarm, a dip under the alarm (within its margin), a second peak, the fall.
    values = [0.6, 1.1, 1.6, 2.05, 1.95, 2.3, 1.85, 1.5, 2.1, 1.2, 0.96, 0.94, 0.6]
    tracker, changes = _run(values)
    assert [c for c in changes if c] == [START, ESCALATE, DEESCALATE, ESCALATE, DEESCALATE, END]
    assert changes[4] is None  # 1.95 ≥ 1.9: still alarm
    [episode] = tracker.episodes
    assert episode.peak_level == ALARM and episode.ended_at == T0 + timedelta(minutes=11)


def test_two_separate_crossings_are_two_episodes():
    tracker, changes = _run([0.5, 1.2, 0.8, 0.5, 1.3, 0.5])
    assert changes.count(START) == 2 and len(tracker.episodes) == 2
    assert all(e.ended_at is not None for e in tracker.episodes)


def test_a_reading_straight_past_the_alarm_starts_the_episode_at_alarm():
    tracker, changes = _run([0.5, 2.5, 0.2])
    assert changes == [None, START, END]
    assert tracker.episodes[0].peak_level == ALARM


def test_a_tracker_resumed_in_an_episode_does_not_start_another():
    tracker = EpisodeTracker(KIM_LONG, level=WARNING)
    assert tracker.observe(0.97, T0).change is None  # within the margin: the episode goes on
    assert tracker.observe(2.2, T0 + timedelta(minutes=1)).change == ESCALATE
    assert tracker.episodes == []  # it began before the tracker


@pytest.mark.parametrize(
    ("current", "value", "level"),
    [
        (OK, 0.99, OK),
        (OK, 1.0, WARNING),
        (WARNING, 0.95, WARNING),
        (WARNING, 0.949, OK),
        (ALARM, 1.9, ALARM),
        (ALARM, 1.89, WARNING),
        (ALARM, 0.9, OK),
        ("offline", 0.97, OK),  # unknown: no episode under way
        ("offline", 2.0, ALARM),
    ],
)
def test_next_level(current, value, level):
    assert next_level(current, value, KIM_LONG) == level


def test_band_transition_and_thresholds():
    assert [band_of(v, KIM_LONG) for v in (0.5, 1.0, 2.0)] == [OK, WARNING, ALARM]
    assert transition(OK, OK) is None and transition(ALARM, OK) == END and transition(WARNING, ALARM) == ESCALATE
    assert {OK, WARNING, ALARM} <= set(SENSOR_STATUSES)
    with pytest.raises(ValueError):
        Thresholds(warning=2.0, alarm=1.0)
    with pytest.raises(ValueError):
        Thresholds(warning=1.0, alarm=2.0, hysteresis=1.5)


def test_alerting_kinds_map_to_catalogued_disaster_analytics():
    assert set(SENSOR_ALERT_ANALYTIC) <= set(SENSOR_KINDS)
    assert all(ANALYTICS_BY_CODE[code].category == "disaster" for code in SENSOR_ALERT_ANALYTIC.values())
