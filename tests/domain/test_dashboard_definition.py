"""Dashboard definitions: defaults are valid and round-trip, hostile stored data is refused with
the part named, periods and drill-downs mean the right records."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from ioc_domain.dashboard_definition import (
    ALERTS_TARGET,
    REPORTS_TARGET,
    DashboardDefinition,
    DashboardFilters,
    DefinitionError,
    default_dashboards,
    drill_down,
    figure_value,
)
from ioc_domain.statuses import REPORT_FINAL_STATUSES

HUE = timezone(timedelta(hours=7))
NOW = datetime(2026, 12, 6, 2, 30, tzinfo=UTC)  # 09:30 in Huế


def test_defaults_round_trip_through_json():
    operators, leaders = default_dashboards()
    assert operators.filters.period == "today" and leaders.filters.period == "30d"
    for definition in (operators, leaders):
        stored = json.loads(json.dumps(definition.to_dict()))
        again = DashboardDefinition.from_dict(stored)
        assert again.widgets == definition.widgets
        assert again.filters == definition.filters
        assert again.title == definition.title
    figures = {(w.source, w.figure) for w in leaders.widgets}
    assert {("reports", "processed_share"), ("reports", "satisfaction_share"), ("tasks", "overdue")} <= figures
    assert {w.kind for w in leaders.widgets} == {"tile", "bars", "line", "funnel"}


def test_the_view_name_is_the_title():
    stored = default_dashboards()[0].to_dict()
    assert DashboardDefinition.from_dict(stored, title="  Ca đêm ").title == "Ca đêm"


def _leaders() -> dict:
    return copy.deepcopy(default_dashboards()[1].to_dict())


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.update(widgets="all"), "widgets"),
        (lambda d: d.update(widgets=[]), "widgets"),
        (lambda d: d["widgets"][2].update(source="payroll"), "widgets[2].source"),
        (lambda d: d["widgets"][1].update(figure="__class__"), "widgets[1].figure"),
        (lambda d: d["widgets"][0].update(kind="pie"), "widgets[0].kind"),
        (lambda d: d["widgets"][0].update(row=True), "widgets[0].row"),
        (lambda d: d["widgets"][0].update(col=float("nan")), "widgets[0].col"),
        (lambda d: d["widgets"][0].update(col_span=7), "widgets[0].col_span"),
        (lambda d: d["widgets"][1].update(row=0, col=0), "widgets[1]"),  # overlaps widgets[0]
        (lambda d: d["widgets"][1].update(id=d["widgets"][0]["id"]), "widgets[1].id"),
        (lambda d: d["widgets"][7].update(group_by="ward"), "widgets[7].group_by"),  # a line needs days
        (lambda d: d.update(version=99), "version"),
        (lambda d: d.update(title="\u202eevil"), "title"),
        (lambda d: d.update(title="x" * 500), "title"),
        (lambda d: d.update(filters={"period": "forever"}), "filters.period"),
        (lambda d: d.update(filters={"period": "custom", "since": "2026-12-06T00:00:00+07:00"}), "filters"),
        (lambda d: d.update(filters={"period": "7d", "ward": ["a"]}), "filters.ward"),
        (lambda d: d.update(widgets=[{"kind": "tile", "source": "reports", "figure": "received"}] * 25), "widgets"),
    ],
)
def test_a_corrupt_definition_is_refused_naming_the_part(mutate, where):
    data = _leaders()
    mutate(data)
    with pytest.raises(DefinitionError) as refused:
        DashboardDefinition.from_dict(data)
    assert str(refused.value).startswith(f"{where}:")


@pytest.mark.parametrize("data", [None, [], "dashboard", 3, {"title": "x"}])
def test_not_a_definition_at_all(data):
    with pytest.raises(DefinitionError):
        DashboardDefinition.from_dict(data)


def test_periods():
    assert DashboardFilters(period="today").bounds(NOW, HUE) == (datetime(2026, 12, 6, 0, 0, tzinfo=HUE), NOW)
    assert DashboardFilters(period="7d").bounds(NOW, HUE) == (NOW - timedelta(days=7), NOW)
    since, until = NOW - timedelta(days=3), NOW - timedelta(days=1)
    custom = DashboardFilters.from_dict({"period": "custom", "since": since.isoformat(), "until": until.isoformat()})
    assert custom.bounds(NOW, HUE) == (since, until)
    # The cache key names the filters, not the moment.
    assert DashboardFilters(period="today", ward="Phường Kim Long").cache_key() == "today|Phường Kim Long"


def test_figures_and_derived_open():
    total = {"received": 120, "processed": 118, "processed_share": 0.9833, "satisfaction_share": None}
    assert figure_value("reports", "open", total) == 2
    assert figure_value("reports", "processed_share", total) == pytest.approx(0.9833)
    assert figure_value("reports", "satisfaction_share", total) is None
    assert figure_value("reports", "received", {"received": True}) is None


def test_drill_down_of_reports_and_alerts():
    operators, leaders = default_dashboards()
    widgets = {w.id: w for w in leaders.widgets}
    filters = DashboardFilters(period="30d", ward="Phường Thuận Hóa")

    tile = drill_down(widgets["processed"], filters, NOW, HUE)
    assert tile.target == REPORTS_TARGET
    assert tile.filter.statuses == REPORT_FINAL_STATUSES and tile.filter.wards == {"Phường Thuận Hóa"}
    assert (tile.filter.since, tile.filter.until) == (NOW - timedelta(days=30), NOW)

    bar = drill_down(widgets["per_ward"], filters, NOW, HUE, group="Phường Kim Long")
    assert bar.filter.wards == {"Phường Kim Long"} and not bar.filter.statuses

    point = drill_down(widgets["per_day"], filters, NOW, HUE, group="2026-12-01")
    assert point.filter.since == datetime(2026, 12, 1, tzinfo=HUE)
    assert point.filter.until < datetime(2026, 12, 2, tzinfo=HUE) <= point.filter.until + timedelta(seconds=1)
    ward = "Phường Thuận Hóa"
    assert point.filter.matches("report", {"requested_datetime": "2026-12-01T08:00:00+07:00", "ward": ward})
    assert not point.filter.matches("report", {"requested_datetime": "2026-12-02T08:00:00+07:00", "ward": ward})

    slice_ = drill_down(widgets["funnel"], DashboardFilters(period="today"), NOW, HUE, group="traffic", stage="closed")
    assert slice_.target == ALERTS_TARGET
    assert slice_.filter.categories == {"traffic"} and not slice_.filter.statuses
    assert slice_.filter.since == datetime(2026, 12, 6, tzinfo=HUE)
    # The filter travels as a plain mapping (the intent's payload).
    assert type(slice_.filter).from_dict(json.loads(json.dumps(slice_.filter.to_dict()))) == slice_.filter

    open_tile = next(w for w in operators.widgets if w.id == "open_reports")
    assert drill_down(open_tile, operators.filters, NOW, HUE).filter.statuses.isdisjoint(REPORT_FINAL_STATUSES)
    cameras = next(w for w in operators.widgets if w.source == "cameras")
    assert drill_down(cameras, operators.filters, NOW, HUE) is None
