"""The dashboards workspace against the real backend: tiles and charts show the backend's figures,
a live change reaches a tile (coalesced, drawn in place), a click opens the filtered records in the
alert queues or the event log, definitions round-trip through /me/views (a corrupt one is refused
with its reason), an offline start shows the cached figures labelled, participants never see it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from backend_process import DEMO_PASSWORDS
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers, sign_in
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialogButtonBox

from ioc_console.services.event_text import LOCAL_TZ
from ioc_console.services.navigation import SHOW_DASHBOARD
from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces.dashboards.figures import BarChart, FunnelChart, KpiTile, LineChart
from ioc_console.workspaces.dashboards.kpi_feed import STATE_PREFIX
from ioc_console.workspaces.dashboards.kpi_text import format_value
from ioc_domain.dashboard_definition import FUNNEL_STAGES, DashboardDefinition, drill_down
from widgets.item_roles import ItemRole

API = "/api/v1"


@pytest.fixture(autouse=True)
def _english(languages):
    languages.set_language("en")


def _get(url: str, path: str, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    answer = requests.get(f"{url}{API}{path}", headers=headers, params=params, timeout=30)
    answer.raise_for_status()
    return answer.json()


def _dashboards(qtbot, window: MainWindow, preset: str = "leaders") -> Any:
    """The dashboards page, seen (figures follow changes only while seen), on one of the defaults."""
    workspace = window.workspace("dashboards")
    workspace.feed.set_refresh_interval(0)  # only changes move the figures here
    window.show()
    qtbot.waitExposed(window)
    window.show_workspace_key("dashboards")
    assert workspace.show_dashboard(f"preset:{preset}")
    return workspace


def _custom_period(workspace, days: int = 30) -> tuple[datetime, datetime]:
    """A fixed period, so the test's own requests count exactly what the dashboard's did."""
    until = datetime.now(UTC).replace(microsecond=0)
    since = until - timedelta(days=days)
    workspace.set_filters("custom", since=since, until=until)
    return since, until


def _fresh(workspace) -> bool:
    answers = [workspace.feed.answer(q.key) for q in workspace.feed.queries()]
    return all(a is not None and not a.from_cache for a in answers) and not workspace.feed.is_pending()


def _percent(share: float) -> str:
    return f"{share * 100:.1f} %"


def test_figures_read_in_the_ui_language(languages):
    languages.set_language("vi")
    assert format_value("reports", "processed_share", 0.9842) == "98,4 %"
    assert format_value("reports", "received", 12345) == "12.345"
    assert format_value("reports", "satisfaction_mean", 4.25) == "4,25"
    assert format_value("reports", "on_time_share", None) == "—"
    languages.set_language("en")
    assert format_value("reports", "processed_share", 0.9842) == "98.4 %"
    assert format_value("reports", "received", 12345) == "12,345"


def test_tiles_and_charts_show_the_backends_figures(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "leader")
    workspace = _dashboards(qtbot, window, "leaders")
    since, until = _custom_period(workspace)
    qtbot.waitUntil(lambda: _fresh(workspace), timeout=WAIT_MS)

    headers = http_headers(backend.url, "leader")
    period = {"since": since.isoformat(), "until": until.isoformat()}
    reports = _get(backend.url, "/stats/reports", headers, group_by="ward", **period)
    days = _get(backend.url, "/stats/reports", headers, group_by="day", **period)
    funnel = _get(backend.url, "/stats/alert-funnel", headers, group_by="category", **period)
    tasks = _get(backend.url, "/stats/tasks", headers, **period)
    cameras = _get(backend.url, "/stats/cameras", headers)
    total = reports["total"]
    assert total["received"] > 0

    cards = workspace.view.cards
    assert all(isinstance(cards[key], KpiTile) for key in ("received", "processed", "satisfaction", "tasks_overdue"))
    assert cards["received"].value_text() == f"{total['received']:,}"
    assert cards["processed"].value_text() == _percent(total["processed_share"])
    assert cards["processed"].detail.text() == f"{total['processed']:,} / {total['received']:,}"
    assert cards["satisfaction"].value_text() == _percent(total["satisfaction_share"])
    assert cards["on_time"].value_text() == _percent(total["on_time_share"])
    assert cards["cameras"].value_text() == _percent(cameras["availability_share"])
    assert cards["tasks_overdue"].value_text() == f"{tasks['total']['overdue']:,}"

    per_ward = cards["per_ward"]
    assert isinstance(per_ward, BarChart)
    expected = sorted(((r["received"], r["key"]) for r in reports["rows"]), key=lambda p: -p[0])[:12]
    assert sorted(zip(per_ward.values, per_ward.keys, strict=True)) == sorted(expected)
    assert per_ward.values == sorted(per_ward.values, reverse=True)

    per_day = cards["per_day"]
    assert isinstance(per_day, LineChart)
    assert per_day.keys == [r["key"] for r in days["rows"]]
    assert per_day.values == [float(r["received"]) for r in days["rows"]]

    chart = cards["funnel"]
    assert isinstance(chart, FunnelChart)
    assert chart.stage_totals == [float(funnel["total"][stage]) for stage in FUNNEL_STAGES]

    # Every figure says how fresh it is, from the answer's as_of.
    as_of = datetime.fromisoformat(reports["as_of"]).astimezone(LOCAL_TZ)
    assert cards["received"].fresh.text().startswith("as of ")
    assert abs(datetime.strptime(cards["received"].fresh.text()[-5:], "%H:%M").minute - as_of.minute) <= 1

    # The ward filter applies to every figure of the dashboard.
    ward = expected[0][1]
    workspace.set_filters("custom", ward=ward, since=since, until=until)
    qtbot.waitUntil(lambda: _fresh(workspace), timeout=WAIT_MS)
    in_ward = _get(backend.url, "/stats/reports", headers, group_by="ward", ward=ward, **period)
    assert cards["received"].value_text() == f"{in_ward['total']['received']:,}"
    assert per_ward.keys == [ward]
    assert {q.filters.ward for q in workspace.feed.queries()} == {ward}

    # The briefing's figures are the tiles' values with their as-of time.
    page = next(p for p in workspace.briefing_pages() if p.key == "dashboards:leaders")
    figures = {f.label: f for f in page.figures()}
    assert figures["Reports received"].value == cards["received"].value_text()
    assert figures["Reports received"].as_of is not None and not figures["Reports received"].from_cache
    image = page.render(workspace.view.size())
    assert not image.isNull()
    # Another dashboard's page is ready for the pack too, without leaving the one on screen.
    other = next(p for p in workspace.briefing_pages() if p.key == "dashboards:operators")
    qtbot.waitUntil(lambda: all(f.as_of is not None for f in other.figures()), timeout=WAIT_MS)
    assert not other.render(QSize(1280, 720)).isNull()
    assert workspace.current().id == "preset:leaders"


def test_a_live_change_updates_the_tiles_coalesced_and_in_place(qtbot, fresh_backend, make_window):
    window = make_window(fresh_backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "operator")
    workspace = _dashboards(qtbot, window, "leaders")
    _custom_period(workspace)
    qtbot.waitUntil(lambda: _fresh(workspace), timeout=WAIT_MS)
    tile = workspace.view.cards["processed"]
    bars = workspace.view.cards["per_ward"]
    bar_item = bars.bars
    processed = _processed(tile)
    reports_queries = [q for q in workspace.feed.queries() if q.source == "reports"]

    # A burst of changes costs one request per affected source, not one per change.
    before = workspace.feed.fetches
    burst = [{"resource": "report", "id": str(i), "op": "upsert"} for i in range(50)]
    for _ in range(20):
        workspace.feed.note_changes(burst)
    qtbot.waitUntil(lambda: workspace.feed.fetches > before and _fresh(workspace), timeout=WAIT_MS)
    assert workspace.feed.fetches - before == len(reports_queries)

    # Another operator closes an open report of the period: the tile follows, drawn in place.
    headers = http_headers(fresh_backend.url, "supervisor")
    since = (datetime.now(UTC) - timedelta(days=20)).isoformat()
    open_reports = requests.get(
        f"{fresh_backend.url}{API}/reports", headers=headers, params={"status": "open", "limit": 50}, timeout=30
    ).json()["items"]
    report = next(r for r in open_reports if r["requested_datetime"] > since)
    answer = requests.patch(
        f"{fresh_backend.url}{API}/reports/{report['id']}",
        headers=headers,
        json={"status": "closed", "version": report["version"], "satisfaction": 5},
        timeout=30,
    )
    answer.raise_for_status()
    qtbot.waitUntil(lambda: _processed(tile) == processed + 1, timeout=WAIT_MS)
    assert workspace.view.cards["processed"] is tile and bars.bars is bar_item  # updated, never rebuilt

    # Out of sight, changes only wait; seen again, the figures are fetched anew.
    window.show_workspace_key("events")
    qtbot.waitUntil(lambda: not workspace.feed.is_pending(), timeout=WAIT_MS)
    before = workspace.feed.fetches
    workspace.feed.note_changes(burst)
    assert not workspace.feed.is_pending() and workspace.feed.fetches == before
    window.show_workspace_key("dashboards")
    assert workspace.feed.fetches == before + len(workspace.feed.queries())


def _processed(tile: KpiTile) -> int:
    return int(tile.detail.text().split(" / ")[0].replace(",", ""))


def test_drill_down_opens_the_filtered_records(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "operator")
    alerts = window.workspace("alerts")
    qtbot.waitUntil(alerts.is_loaded, timeout=WAIT_MS)
    workspace = _dashboards(qtbot, window, "leaders")
    _custom_period(workspace)
    qtbot.waitUntil(lambda: _fresh(workspace), timeout=WAIT_MS)

    # A click on a funnel segment: the open alerts (whatever queue was being looked at), narrowed
    # to that category and period.
    assert alerts.queue_list.select_queue("mine")
    funnel = workspace.view.cards["funnel"]
    category = next(key for key in funnel._order if funnel._widths[key][FUNNEL_STAGES.index("alerts")] > 0)
    qtbot.mouseClick(funnel.plot.viewport(), Qt.MouseButton.LeftButton, pos=funnel.segment_point("alerts", category))
    assert window.current_workspace_key() == "alerts"
    record_filter = alerts.proxy.record_filter()
    assert record_filter is not None and record_filter.categories == {category}
    assert record_filter.since is not None and record_filter.until is not None
    shown = [alerts.proxy.alert_at(row) for row in range(alerts.proxy.rowCount())]
    assert shown and all(record_filter.matches("alert", alert) for alert in shown)
    assert alerts.proxy.queue() == "open"
    alerts.proxy.set_record_filter(None)
    everything = [alerts.proxy.alert_at(row) for row in range(alerts.proxy.rowCount())]
    assert len(shown) == sum(1 for alert in everything if record_filter.matches("alert", alert))

    # A click on a ward's bar: that ward's citizen reports of the period, in the event log.
    window.show_workspace_key("dashboards")
    bars = workspace.view.cards["per_ward"]
    ward = bars.keys[0]
    events = window.workspace("events")
    with qtbot.waitSignal(events.feed.matching_loaded, timeout=WAIT_MS) as loaded:
        qtbot.mouseClick(bars.plot.viewport(), Qt.MouseButton.LeftButton, pos=bars.bar_point(ward))
    assert window.current_workspace_key() == "events"
    resource, count_shown, count_matching = loaded.args
    expected = drill_down(
        workspace.view.widget_of("per_ward"), workspace.definition().filters, datetime.now(UTC), LOCAL_TZ, group=ward
    ).filter
    resource_filter = events.filter_model.record_filter()
    assert resource_filter is not None and resource_filter[1].wards == {ward}
    report_filter = resource_filter[1]
    assert resource == "report" and count_matching > 0 and events.filter_model.rowCount() >= count_shown
    assert report_filter.wards == expected.wards and report_filter.since == expected.since
    indexes = [events.filter_model.index(r, 0) for r in range(events.filter_model.rowCount())]
    assert all(str(index.data(ItemRole.KEY)).startswith("report:") for index in indexes)
    assert all(report_filter.matches("report", index.data(ItemRole.DATA)) for index in indexes)
    # The bar's figure is the number of reports the cache holds for it.
    bar_value = bars.values[bars.keys.index(ward)]
    assert count_matching == bar_value
    assert events.records_bar.isVisible()
    events.clear_record_filter()
    assert events.filter_model.record_filter() is None


def test_definitions_round_trip_and_a_corrupt_one_is_refused(qtbot, fresh_backend, make_window):
    headers = http_headers(fresh_backend.url, "operator")
    # Stored by another console (or by hand): not a usable dashboard.
    requests.post(
        f"{fresh_backend.url}{API}/me/views",
        headers=headers,
        json={"name": "Hỏng", "kind": "dashboard", "data": {"title": "Hỏng", "widgets": [{"kind": "pie"}]}},
        timeout=30,
    ).raise_for_status()
    window = make_window(fresh_backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "operator")
    workspace = window.workspace("dashboards")
    qtbot.waitUntil(lambda: bool(workspace.skipped), timeout=WAIT_MS)
    name, why = workspace.skipped[0]
    assert name == "Hỏng" and why.startswith("widgets[0].kind:")
    assert workspace.notice.isVisibleTo(workspace) and "Hỏng" in workspace.notice.text()
    # Nothing usable of their own: the shipped defaults.
    assert [e.id for e in workspace.entries] == ["preset:operators", "preset:leaders"]

    assert workspace.show_dashboard("preset:leaders")
    workspace.set_filters("7d", ward="Phường Kim Long")
    assert workspace.save_copy("Giao ban sáng")
    qtbot.waitUntil(lambda: any(e.view is not None and not e.view.pending for e in workspace.entries), timeout=WAIT_MS)
    assert workspace.current().definition.title == "Giao ban sáng"
    stored = [v for v in _get(fresh_backend.url, "/me/views", headers)["items"] if v["name"] == "Giao ban sáng"]
    assert len(stored) == 1 and stored[0]["kind"] == "dashboard"
    again = DashboardDefinition.from_dict(stored[0]["data"], title=stored[0]["name"])
    assert again.widgets == workspace.current().definition.widgets
    assert again.filters.period == "7d" and again.filters.ward == "Phường Kim Long"
    # Their own dashboard now replaces the defaults in the list.
    assert [e.definition.title for e in workspace.entries] == ["Giao ban sáng"]

    assert workspace.rename_current("Giao ban chiều")
    qtbot.waitUntil(
        lambda: (
            [e.definition.title for e in workspace.entries] == ["Giao ban chiều"]
            and not workspace.current().view.pending
        ),
        timeout=WAIT_MS,
    )
    assert workspace.delete_current()
    qtbot.waitUntil(lambda: workspace.entries[0].id == "preset:operators", timeout=WAIT_MS)

    def stored_names() -> list[str]:
        return [v["name"] for v in _get(fresh_backend.url, "/me/views", headers)["items"] if v["kind"] == "dashboard"]

    qtbot.waitUntil(lambda: stored_names() == ["Hỏng"], timeout=WAIT_MS)

    # A new dashboard needs no code: its definition, written in the editor, checked like any other.
    workspace.open_editor()
    editor = workspace._editor
    editor.text.setPlainText('{"title": "Đê", "widgets": [{"kind": "tile", "source": "rivers", "figure": "x"}]}')
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert editor.isVisible() and "widgets[0].source" in editor.problem.text()
    assert workspace.apply_definition_text("{not json").startswith("Expecting property name")
    river = {
        "title": "Đê sông Hương",
        "filters": {"period": "7d"},
        "widgets": [
            {"id": "alarm", "kind": "tile", "source": "sensors", "figure": "alarm"},
            {"id": "levels", "kind": "bars", "source": "sensors", "figure": "warning", "col": 1, "col_span": 5},
        ],
    }
    editor.text.setPlainText(json.dumps(river, ensure_ascii=False))
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not editor.isVisible()
    qtbot.waitUntil(lambda: workspace.current().definition.title == "Đê sông Hương", timeout=WAIT_MS)
    assert set(workspace.view.cards) == {"alarm", "levels"}
    qtbot.waitUntil(lambda: "Đê sông Hương" in stored_names(), timeout=WAIT_MS)


def test_offline_start_shows_the_cached_figures_labelled(qtbot, fresh_backend, make_window, make_context):
    earlier = make_window(fresh_backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, earlier, "operator")
    workspace = _dashboards(qtbot, earlier, "operators")
    qtbot.waitUntil(lambda: _fresh(workspace), timeout=WAIT_MS)
    store = earlier._context.connection.store
    keys = [q.key for q in workspace.feed.queries()]
    qtbot.waitUntil(lambda: all(store.get_state(STATE_PREFIX + key) is not None for key in keys), timeout=WAIT_MS)
    online = {key: card.value_text() for key, card in workspace.view.cards.items() if isinstance(card, KpiTile)}
    earlier._context.connection.shutdown()
    earlier.close()
    fresh_backend.stop()

    context = make_context(fresh_backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    found: list[Any] = []
    context.connection.find_offline_candidate("operator", found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT_MS)
    assert found[0] is not None
    context.connection.open_offline(found[0])
    window = MainWindow(context)
    qtbot.addWidget(window)
    offline = _dashboards(qtbot, window, "operators")

    def cached() -> bool:
        answers = [offline.feed.answer(q.key) for q in offline.feed.queries()]
        return all(a is not None and a.from_cache for a in answers)

    qtbot.waitUntil(cached, timeout=WAIT_MS)
    for key, value in online.items():
        card = offline.view.cards[key]
        assert card.value_text() == value
        assert card.fresh.text().startswith("offline cache · as of ")
    figures = next(p for p in offline.briefing_pages() if p.key == "dashboards:operators").figures()
    assert figures and all(f.from_cache and f.as_of is not None for f in figures)


def test_participants_do_not_see_dashboards(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    row = [spec.key for spec in window._specs].index("dashboards")
    connection = window._context.connection
    connection.sign_in("participant", DEMO_PASSWORDS["participant"])
    qtbot.waitUntil(lambda: connection.user is not None and window._user is not None, timeout=WAIT_MS)
    assert not window.workspace_allowed("dashboards")
    assert window._nav.item(row).isHidden()
    window.show_workspace_key("dashboards")
    assert window.current_workspace_key() != "dashboards"


def test_operators_see_dashboards(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "operator")
    row = [spec.key for spec in window._specs].index("dashboards")
    assert window.workspace_allowed("dashboards") and not window._nav.item(row).isHidden()
    window.show_workspace_key("dashboards")
    assert window.current_workspace_key() == "dashboards"


def test_the_show_dashboard_intent_selects_a_dashboard_by_its_name(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    sign_in(qtbot, window, "leader")
    workspace = _dashboards(qtbot, window, "operators")
    navigation = window._context.navigation
    assert navigation.can(SHOW_DASHBOARD)
    window.show_workspace_key("events")

    # The name as another console may send it: this UI's title, or the preset's Vietnamese title.
    assert navigation.request(SHOW_DASHBOARD, {"name": "Leadership"})
    assert window.current_workspace_key() == "dashboards" and workspace.current().id == "preset:leaders"
    assert workspace.choice.currentData() == "preset:leaders"
    assert navigation.request(SHOW_DASHBOARD, {"name": " vận  HÀNH "})
    assert workspace.current().id == "preset:operators"

    # An unknown name is said in the status bar; the dashboard on screen stays as it was.
    before = workspace.definition()
    with qtbot.waitSignal(workspace.status_message, timeout=WAIT_MS) as said:
        assert not navigation.request(SHOW_DASHBOARD, {"name": "Không có <b>bảng</b> này"})
    assert "Không có <b>bảng</b> này" in said.args[0]
    assert workspace.current().id == "preset:operators" and workspace.definition() is before
    assert not navigation.request(SHOW_DASHBOARD, {})
