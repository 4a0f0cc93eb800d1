"""Queue membership and the triage order (ioc_domain.alert_queues)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ioc_domain import alert_queues as q

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def alert(**fields):
    base = {
        "id": 1,
        "analytic": "forest_fire",
        "severity": "critical",
        "state": "new",
        "owner": None,
        "first_detected_at": (NOW - timedelta(minutes=1)).isoformat(),
        "ack_due_at": (NOW + timedelta(minutes=1)).isoformat(),
        "close_due_at": (NOW + timedelta(hours=4)).isoformat(),
        "sla_breached": False,
        "close_reason": None,
        "verification": None,
        "closed_at": None,
    }
    base.update(fields)
    return base


def test_a_new_forest_fire_is_open_new_and_in_its_group_only():
    assert q.queues_of(alert(), "op1", NOW) == {q.OPEN, "group:forest_fire", q.NEW}


def test_mine_needs_the_owner_to_be_the_user_and_the_alert_open():
    mine = alert(state="acknowledged", owner="op1")
    assert q.queue_members(mine, q.MINE, "op1") and not q.queue_members(mine, q.MINE, "op2")
    assert not q.queue_members(mine, q.MINE, None)
    assert not q.queue_members(alert(state="closed", owner="op1"), q.MINE, "op1")


def test_breached_by_the_server_flag_or_a_due_time_already_past():
    assert q.queue_members(alert(sla_breached=True), q.BREACHED)
    late = alert(ack_due_at=(NOW - timedelta(seconds=5)).isoformat())
    assert not q.queue_members(late, q.BREACHED)  # no clock: only the server's flag counts
    assert q.queue_members(late, q.BREACHED, now=NOW)
    # Acknowledged in time, the close SLA runs: not breached until close_due_at.
    assert not q.queue_members(alert(state="acknowledged", ack_due_at=late["ack_due_at"]), q.BREACHED, now=NOW)
    assert not q.queue_members(alert(state="closed", sla_breached=True), q.BREACHED, now=NOW)


def test_false_alarm_review_holds_recent_false_alarms_only():
    by_reason = alert(state="closed", close_reason="false_positive", closed_at=(NOW - timedelta(hours=2)).isoformat())
    by_verdict = alert(
        state="closed",
        close_reason="resolved",
        verification={"verdict": "false_alarm", "by": "op1", "at": NOW.isoformat()},
        closed_at=(NOW - timedelta(hours=1)).isoformat(),
    )
    old = dict(by_reason, closed_at=(NOW - timedelta(hours=25)).isoformat())
    resolved = alert(state="closed", close_reason="resolved", closed_at=NOW.isoformat())
    assert q.queue_members(by_reason, q.FALSE_ALARM_REVIEW, now=NOW)
    assert q.queue_members(by_verdict, q.FALSE_ALARM_REVIEW, now=NOW)
    assert not q.queue_members(old, q.FALSE_ALARM_REVIEW, now=NOW)
    assert not q.queue_members(resolved, q.FALSE_ALARM_REVIEW, now=NOW)
    assert q.queues_of(by_reason, "op1", NOW) == {q.FALSE_ALARM_REVIEW}


def test_unknown_queue_is_refused():
    with pytest.raises(ValueError, match="unknown queue"):
        q.queue_members(alert(), "everything")


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"state": "acknowledged", "owner": "op1", "analytic": "traffic_accident"},
        {"state": "in_progress", "sla_breached": True, "analytic": "landslide"},
        {"state": "closed", "close_reason": "false_positive", "closed_at": NOW.isoformat()},
        {"state": "closed", "close_reason": "resolved"},
        {"analytic": "no_such_analytic"},
        {"ack_due_at": (NOW - timedelta(minutes=3)).isoformat()},
    ],
)
def test_the_fast_mask_agrees_with_the_rules(fields):
    item = alert(**fields)
    expected = {queue for queue in q.QUEUES if q.queue_members(item, queue, "op1", NOW)}
    mask = q.queue_mask(item, "op1", NOW)
    assert {queue for queue in q.QUEUES if mask & q.queue_bit(queue)} == expected


def test_sorted_by_severity_then_oldest_first():
    alerts = [
        alert(id=1, severity="info", first_detected_at=(NOW - timedelta(hours=5)).isoformat()),
        alert(id=2, severity="critical", first_detected_at=(NOW - timedelta(minutes=1)).isoformat()),
        alert(id=3, severity="warning", first_detected_at=(NOW - timedelta(hours=1)).isoformat()),
        alert(id=4, severity="critical", first_detected_at=(NOW - timedelta(minutes=30)).isoformat()),
        alert(id=5, severity="critical", first_detected_at=(NOW - timedelta(minutes=30)).isoformat()),
    ]
    assert [a["id"] for a in sorted(alerts, key=q.sort_key)] == [4, 5, 2, 3, 1]


def test_sla_time_left_follows_the_state():
    assert q.sla_seconds_left(alert(), NOW) == pytest.approx(60)
    assert q.sla_seconds_left(alert(state="acknowledged"), NOW) == pytest.approx(4 * 3600)
    assert q.sla_seconds_left(alert(state="closed"), NOW) is None
    assert q.sla_seconds_left(alert(ack_due_at=None), NOW) is None
    overdue = alert(ack_due_at=(NOW - timedelta(minutes=4)).isoformat())
    assert q.sla_seconds_left(overdue, NOW) == pytest.approx(-240)
