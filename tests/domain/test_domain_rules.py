"""The product rules in ioc_domain: one table each, consistent with one another."""

from __future__ import annotations

import pytest

from ioc_domain import alerts, analytics, dispatch, levels, roles, statuses


def test_every_permission_names_known_roles_only():
    for permission, holders in roles.PERMISSIONS.items():
        assert holders, f"{permission} is held by nobody"
        assert holders <= set(roles.ROLES), permission


def test_roles_with_keeps_the_table_order_and_refuses_unknown_permissions():
    assert roles.roles_with("ops.write") == ("operator", "supervisor", "admin")
    assert roles.roles_with("admin") == ("admin",)
    with pytest.raises(KeyError):
        roles.roles_with("no.such.permission")


def test_may_never_grants_an_unknown_permission_or_a_missing_role():
    assert roles.may("admin", "ops.write")
    assert not roles.may("participant", "ops.read")
    assert not roles.may(None, "self")
    assert not roles.may("admin", "no.such.permission")


def test_participants_read_only_tasks_and_meetings():
    meetings = {"task", "meeting", "meeting_presenter"}
    assert roles.READABLE_RESOURCES["participant"] == meetings
    assert roles.READABLE_RESOURCES["leader"] == meetings | {"camera", "alert", "report", "sensor", "warning"}


@pytest.mark.parametrize(
    ("state", "moves"),
    [
        ("new", {"acknowledge", "verify", "dispatch", "close", "note"}),
        ("acknowledged", {"start", "verify", "dispatch", "close", "note"}),
        ("in_progress", {"verify", "dispatch", "close", "note"}),
        ("closed", {"note"}),
        ("no_such_state", set()),
    ],
)
def test_moves_from_each_state(state, moves):
    assert alerts.moves_from(state) == moves


def test_a_role_without_ops_write_may_make_no_move():
    for role in roles.ROLES:
        for state in alerts.ALERT_STATES:
            expected = alerts.moves_from(state) if role in ("operator", "supervisor", "admin") else frozenset()
            assert alerts.allowed_moves(state, role) == expected, (role, state)
    assert alerts.allowed_moves("new", None) == frozenset()


def test_transitions_stay_inside_the_workflow():
    assert set(alerts.TRANSITIONS) == set(alerts.ALERT_STATES)
    for targets in alerts.TRANSITIONS.values():
        assert targets <= set(alerts.ALERT_STATES)
    assert alerts.TRANSITIONS["closed"] == frozenset()  # closed is final
    assert set(alerts.OPEN_ALERT_STATES) == set(alerts.ALERT_STATES) - {"closed"}


@pytest.mark.parametrize(
    ("state", "verdict", "after"),
    [
        ("new", "confirmed", "acknowledged"),
        ("acknowledged", "confirmed", "acknowledged"),
        ("in_progress", "confirmed", "in_progress"),
        ("new", "false_alarm", "closed"),
        ("in_progress", "false_alarm", "closed"),
    ],
)
def test_verify_outcome(state, verdict, after):
    assert alerts.verify_outcome(state, verdict) == after


def test_the_analytics_catalogue_has_the_29_announced_analytics_in_five_categories():
    codes = [a.code for a in analytics.ANALYTICS]
    assert len(codes) == 29 == len(set(codes))
    assert {a.category for a in analytics.ANALYTICS} == set(analytics.CATEGORIES)
    assert {a.default_severity for a in analytics.ANALYTICS} <= set(statuses.SEVERITIES)
    assert analytics.category_of("forest_fire") == "forest_fire"
    assert analytics.category_of("unknown") is None


def test_dispatch_knows_the_category_of_every_analytic():
    assert set(dispatch.KNOWN_CATEGORIES) == {a.code for a in analytics.ANALYTICS}
    units = dispatch.suggested_units({"analytic": "forest_fire", "ward": "Xã A Lưới 3"})
    assert units[:2] == [dispatch.FOREST_RANGERS, dispatch.FIRE_AND_RESCUE_POLICE]
    assert "Công an xã A Lưới 3" in units


@pytest.mark.parametrize(
    ("resource", "data", "level"),
    [
        ("alert", {"severity": "critical"}, "critical"),
        ("alert", {"severity": "bogus"}, "info"),
        ("sensor", {"status": "alarm"}, "critical"),
        ("sensor", {"status": "offline"}, "warning"),
        ("sensor", {"status": "ok"}, "info"),
        ("camera", {"status": "degraded"}, "warning"),
        ("report", {"status": "open"}, "info"),
        ("alert", None, "info"),
    ],
)
def test_levels(resource, data, level):
    assert levels.level_of(resource, data) == level


def test_only_new_urgent_alerts_need_attention():
    assert levels.needs_attention("alert", "upsert", {"state": "new", "severity": "warning"})
    assert not levels.needs_attention("alert", "upsert", {"state": "new", "severity": "info"})
    assert not levels.needs_attention("alert", "upsert", {"state": "acknowledged", "severity": "critical"})
    assert not levels.needs_attention("alert", "delete", {"state": "new", "severity": "critical"})
    assert not levels.needs_attention("sensor", "upsert", {"status": "alarm"})
    assert not levels.needs_attention("alert", "upsert", None)
