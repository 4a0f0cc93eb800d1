"""The sensors workspace against the real backend: the list with live values and filters, the trend of a
sensor with its thresholds, live readings appended, the offline start from the cache, the map intent
and the briefing page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
import requests
from backend_process import DEMO_PASSWORDS, start_backend
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers
from faultproxy import FaultProxy
from PySide6.QtCore import QCoreApplication, QSize

from ioc_console.services.event_text import fill, format_local_time, format_number, parse_time, status_label
from ioc_console.services.navigation import SHOW_ON_MAP
from ioc_console.workspaces import default_registry
from ioc_console.workspaces.sensors.readings import thresholds_of
from ioc_console.workspaces.sensors.sensor_model import COL_NAME, COL_STATUS, COL_VALUE
from ioc_console.workspaces.sensors.workspace import SensorsWorkspace

KIM_LONG = "sen-001"  # "Trạm thủy văn Kim Long - sông Hương": warning 1.0 m, alarm 2.0 m


def _tr(source: str, context: str = "SensorsWorkspace") -> str:
    """The text in the console's language (Vietnamese here) once translated; the English source until then."""
    return QCoreApplication.translate(context, source)


def _api(url: str, path: str, **params: Any) -> Any:
    answer = requests.get(f"{url}/api/v1/{path}", params=params, headers=http_headers(url, "operator"), timeout=10)
    answer.raise_for_status()
    return answer.json()


def _api_readings(url: str, sensor_id: str, since: datetime) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        page = _api(url, f"sensors/{sensor_id}/readings", since=since.isoformat(), limit=1000, offset=len(items))
        items += page["items"]
        if not page["items"] or len(items) >= page["total"]:
            return items


def _api_sensors(url: str) -> list[dict[str, Any]]:
    return _api(url, "sensors", limit=1000)["items"]


def _signed_in_workspace(qtbot, url: str, make_context, role: str = "operator") -> SensorsWorkspace:
    context = make_context(url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    connection = context.connection
    connection.sign_in(role, DEMO_PASSWORDS[role])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: connection.store is not None and connection.store.count("sensor") > 0, timeout=WAIT_MS)
    workspace = SensorsWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.resize(1600, 900)
    workspace.show()
    return workspace


def test_the_registry_lists_the_sensors_workspace():
    specs = {spec.key: spec for spec in default_registry().specs()}
    assert specs["sensors"].title == "Sensors" and specs["sensors"].order == 35


def test_the_list_shows_the_apis_sensors_with_live_values_and_filters(qtbot, backend, make_context):
    sensors = _api_sensors(backend.url)
    workspace = _signed_in_workspace(qtbot, backend.url, make_context)
    qtbot.waitUntil(lambda: workspace.model.rowCount() == len(sensors), timeout=WAIT_MS)
    for sensor in sensors:
        texts = workspace.row_texts(sensor["id"])
        assert texts[COL_NAME] == sensor["name"]
        assert texts[COL_VALUE] == f"{format_number(sensor['last_result'])} {sensor['unit']['symbol']}"
        assert texts[COL_STATUS] == status_label("sensor", sensor["status"])
    water = {s["id"] for s in sensors if s["kind"] == "water_level"}
    workspace.set_filter(kind="water_level")
    assert set(workspace.visible_sensor_ids()) == water
    ward = "Phường Thuận Hóa"
    workspace.set_filter(ward=ward)
    assert set(workspace.visible_sensor_ids()) == {s["id"] for s in sensors if s["ward"] == ward}
    workspace.set_filter()
    status = sensors[0]["status"]
    workspace.set_filter(status=status)
    assert set(workspace.visible_sensor_ids()) == {s["id"] for s in sensors if s["status"] == status}
    workspace.set_filter()
    # Words without diacritics find the Vietnamese names.
    workspace.search.setText("tram thuy van kim long")
    assert workspace.visible_sensor_ids() == [KIM_LONG]
    workspace.search.clear()
    assert len(workspace.visible_sensor_ids()) == len(sensors)


def test_a_chosen_sensor_draws_its_readings_with_threshold_lines(qtbot, backend, make_context):
    sensor = next(s for s in _api_sensors(backend.url) if s["id"] == KIM_LONG)
    readings = _api_readings(backend.url, KIM_LONG, since=datetime.now(UTC) - timedelta(days=2))
    assert sensor["thresholds"] == {"warning": 1.0, "alarm": 2.0} and readings
    workspace = _signed_in_workspace(qtbot, backend.url, make_context)
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=WAIT_MS)
    assert workspace.state == "" and workspace.message.text() == _tr("Choose a sensor in the list to see its readings.")
    workspace.select_sensor(KIM_LONG)
    # The last 24 hours first: the lowest and highest value of each minute, in one answer.
    qtbot.waitUntil(lambda: workspace.state == "1m", timeout=WAIT_MS)
    chart = workspace.chart
    assert chart.span_buttons["24h"].isChecked() and workspace.loaded_window.resolution == "1m"
    # The last six hours: every reading of the server, at full resolution, in time order.
    chart.choose_span("6h")
    qtbot.waitUntil(lambda: workspace.state == "raw", timeout=WAIT_MS)
    assert chart.span_buttons["6h"].isChecked() and chart.current_level() == 0
    x, y = chart.drawn_points()
    expected = sorted((parse_time(r["phenomenon_time"]).timestamp(), r["result"]) for r in readings)
    x0, x1 = chart.visible_range()
    shown = [(t, v) for t, v in expected if x0 <= t <= x1]
    assert len(shown) > 100
    drawn = list(zip(x.tolist(), y.tolist(), strict=True))
    assert [pair for pair in drawn if x0 <= pair[0] <= x1] == shown
    assert chart.warning_line.isVisible() and chart.warning_line.value() == 1.0
    assert chart.alarm_line.isVisible() and chart.alarm_line.value() == 2.0
    assert chart.warning_line.label.format == fill(_tr("Warning %1", "TrendChart"), "1")
    assert chart.alarm_line.label.format == fill(_tr("Alarm %1", "TrendChart"), "2")
    kind = _tr("Water level", "SensorList")
    assert workspace.title.text() == f"Trạm thủy văn Kim Long - sông Hương — {kind}, Phường Kim Long"
    # The view keeps both thresholds in sight with the readings.
    (_xr, (ylow, yhigh)) = chart.view.viewRange()
    assert ylow <= min(v for _t, v in shown) and yhigh >= 2.0
    # Another sensor brings its own lines (a sensor without thresholds would hide them).
    other = next(s for s in _api_sensors(backend.url) if s["kind"] == "pm25")
    workspace.select_sensor(other["id"])
    qtbot.waitUntil(lambda: workspace.state in ("raw", "empty"), timeout=WAIT_MS)
    expected_lines = (other["thresholds"] or {}).get("warning"), (other["thresholds"] or {}).get("alarm")
    assert chart.thresholds() == expected_lines
    assert chart.warning_line.isVisible() == (expected_lines[0] is not None)


def test_show_on_map_asks_the_map_for_the_sensors_place(qtbot, backend, make_context):
    sensor = next(s for s in _api_sensors(backend.url) if s["id"] == KIM_LONG)
    workspace = _signed_in_workspace(qtbot, backend.url, make_context)
    asked: list[dict[str, Any]] = []
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=WAIT_MS)
    workspace.select_sensor(KIM_LONG)
    assert not workspace.map_button.isEnabled(), "no map in this build: nothing to ask"
    workspace._navigation.handle(SHOW_ON_MAP, "map", lambda payload: asked.append(dict(payload)) or True)
    assert workspace.map_button.isEnabled() and workspace.map_button.text() == _tr("Show on map")
    workspace.map_button.click()
    assert asked == [{"lat": sensor["lat"], "lon": sensor["lon"]}]


def test_live_readings_are_appended_to_the_chart(qtbot, tmp_path, make_context):
    backend = start_backend(tmp_path, simulator=True)
    try:
        workspace = _signed_in_workspace(qtbot, backend.url, make_context)
        qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=WAIT_MS)
        workspace.select_sensor(KIM_LONG)
        qtbot.waitUntil(lambda: workspace.state == "1m", timeout=WAIT_MS)
        chart = workspace.chart
        chart.choose_span("6h")
        qtbot.waitUntil(lambda: workspace.state == "raw", timeout=WAIT_MS)
        pyramid = chart.pyramid
        loaded = len(pyramid)
        # The simulator reads every sensor about every 10 s: the change arrives through sync.
        qtbot.waitUntil(lambda: len(chart.pyramid) > loaded + 1, timeout=WAIT_MS)
        assert chart.pyramid is pyramid, "appended to the same series, not reloaded"

        def newest_on_chart() -> bool:  # the newest reading of the list is the line's last point
            sensor = workspace.sensor()
            x, y = chart.drawn_points()
            return x[-1] == parse_time(sensor["last_phenomenon_time"]).timestamp() and y[-1] == sensor["last_result"]

        qtbot.waitUntil(newest_on_chart, timeout=WAIT_MS)
        sensor = workspace.sensor()
        x, _y = chart.drawn_points()
        assert np.all(np.diff(x) >= 0)
        # The list row follows the same reading.
        assert workspace.row_texts(KIM_LONG)[COL_VALUE].startswith(format_number(sensor["last_result"]))
        # The view followed the newest reading.
        assert chart.visible_range()[1] >= x[-1]
    finally:
        backend.stop()


def test_offline_start_shows_the_cached_values(qtbot, tmp_path, make_context):
    backend = start_backend(tmp_path)
    try:
        # An earlier online shift: synced, and the last day of readings prefetched into the cache.
        earlier = make_context(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        connection = earlier.connection
        connection.sign_in("operator", DEMO_PASSWORDS["operator"])
        qtbot.waitUntil(lambda: connection.store is not None and connection.data_as_of is not None, timeout=WAIT_MS)
        store = connection.store
        qtbot.waitUntil(lambda: len(store.readings(KIM_LONG)) > 0, timeout=WAIT_MS)
        cached_readings = len(store.readings(KIM_LONG))
        sensor = store.get("sensor", KIM_LONG)
        connection.shutdown()
    finally:
        backend.stop()

    context = make_context(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    found: list[Any] = []
    context.connection.find_offline_candidate("operator", found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT_MS)
    assert found[0] is not None
    context.connection.open_offline(found[0])
    workspace = SensorsWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.resize(1600, 900)
    workspace.show()
    qtbot.waitUntil(lambda: workspace.model.rowCount() == 60, timeout=WAIT_MS)
    value = f"{format_number(sensor['last_result'])} {sensor['unit']['symbol']}"
    assert workspace.row_texts(KIM_LONG)[COL_VALUE] == value
    workspace.select_sensor(KIM_LONG)
    qtbot.waitUntil(lambda: workspace.state == "offline", timeout=WAIT_MS)
    moment = format_local_time(parse_time(sensor["last_phenomenon_time"]))
    template = _tr("The server cannot be reached. From the cache: %1 at %2, and %3 readings kept on this computer.")
    assert workspace.message.text() == fill(template, value, moment, format_number(cached_readings))
    assert len(workspace.chart.pyramid) == cached_readings
    assert workspace.chart.thresholds() == thresholds_of(sensor), "the thresholds of the cached record"
    figures = workspace.briefing_figures()
    assert figures[0].from_cache and figures[0].as_of == parse_time(sensor["last_phenomenon_time"])


def test_the_briefing_page_is_the_chosen_sensors_trend(qtbot, backend, make_context):
    workspace = _signed_in_workspace(qtbot, backend.url, make_context)
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=WAIT_MS)
    (page,) = workspace.briefing_pages()
    assert page.key == "sensors:trend" and page.title == _tr("Sensor trend")
    assert page.figures() == []
    workspace.select_sensor(KIM_LONG)
    qtbot.waitUntil(lambda: workspace.state == "1m", timeout=WAIT_MS)
    (page,) = workspace.briefing_pages()
    assert page.title == fill(_tr("Sensor trend: %1"), "Trạm thủy văn Kim Long - sông Hương")
    image = page.render(QSize(960, 540))
    assert image.size() == QSize(960, 540) and not image.isNull()
    # Not a blank picture: the chart's line and axes are in it.
    colours = {image.pixel(x, y) for x in range(0, 960, 7) for y in range(0, 540, 7)}
    assert len(colours) > 5
    (figure,) = page.figures()
    sensor = workspace.sensor()
    assert figure.label == sensor["name"] and not figure.from_cache
    assert figure.value.startswith(format_number(sensor["last_result"]))


@pytest.mark.parametrize("span", ["7d", "1y"])
def test_long_spans_come_as_the_servers_buckets(qtbot, backend, make_context, span):
    workspace = _signed_in_workspace(qtbot, backend.url, make_context)
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=WAIT_MS)
    workspace.select_sensor(KIM_LONG)
    qtbot.waitUntil(lambda: workspace.state == "1m", timeout=WAIT_MS)
    workspace.chart.choose_span(span)
    resolution = {"7d": "1h", "1y": "1d"}[span]
    qtbot.waitUntil(lambda: workspace.state == resolution, timeout=WAIT_MS)
    window = workspace.loaded_window
    assert window is not None and window.resolution == resolution
    since, until = (datetime.fromtimestamp(moment, UTC).isoformat() for moment in (window.start, window.end))
    buckets = _api(backend.url, f"sensors/{KIM_LONG}/readings", bucket=resolution, since=since, until=until)["items"]
    _x, y = workspace.chart.drawn_points()
    assert buckets and min(y) == min(b["min"] for b in buckets) and max(y) == max(b["max"] for b in buckets)


def test_zooming_from_a_year_to_recent_hours_fetches_the_readings_themselves(qtbot, backend, make_context):
    workspace = _signed_in_workspace(qtbot, backend.url, make_context)
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=WAIT_MS)
    workspace.select_sensor(KIM_LONG)
    qtbot.waitUntil(lambda: workspace.state == "1m", timeout=WAIT_MS)
    chart = workspace.chart
    chart.choose_span("1y")
    qtbot.waitUntil(lambda: workspace.state == "1d", timeout=WAIT_MS)
    # The wheel (or a drag) ends on six hours yesterday: once the view settles, their minutes come
    # (raw readings would be fetched from there up to now, 1,000 a request).
    end = datetime.now(UTC).timestamp() - 20 * 3600
    chart.show_range(end - 6 * 3600, end)
    qtbot.waitUntil(lambda: workspace.state == "1m", timeout=WAIT_MS)
    x, _y = chart.drawn_points()
    assert len(x[(x >= end - 6 * 3600) & (x <= end)]) > 100
    # Four hours ending an hour ago: the readings themselves.
    end = datetime.now(UTC).timestamp() - 3600
    chart.show_range(end - 4 * 3600, end)
    qtbot.waitUntil(lambda: workspace.state == "raw", timeout=WAIT_MS)
    x, _y = chart.drawn_points()
    inside = x[(x >= end - 4 * 3600) & (x <= end)]
    assert len(inside) > 100 and chart.current_level() == 0, "every reading of those hours"


def test_a_garbled_answer_and_a_dead_backend_are_said_plainly(qtbot, backend, make_context):
    proxy = FaultProxy(backend.url)
    try:
        workspace = _signed_in_workspace(qtbot, proxy.url, make_context)
        qtbot.waitUntil(lambda: workspace.model.rowCount() > 0, timeout=WAIT_MS)
        # The last day of readings is kept on this computer first (the prefetcher, once per 10 min).
        store = workspace._connection.store
        qtbot.waitUntil(lambda: len(store.readings(KIM_LONG)) > 0, timeout=WAIT_MS)
        proxy.set_mode("garbage", path_prefix=f"/api/v1/sensors/{KIM_LONG}/readings")
        workspace.select_sensor(KIM_LONG)
        qtbot.waitUntil(lambda: workspace.state == "malformed", timeout=WAIT_MS)
        assert workspace.message.text().startswith(
            _tr("The server sent readings that cannot be drawn: %1").replace("%1", "")
        )
        assert len(workspace.chart.pyramid) == 0
        # The server goes away: the readings come from the cache, and the message says so.
        proxy.set_mode("refuse")
        workspace.chart.choose_span("6h")
        qtbot.waitUntil(lambda: workspace.state == "offline", timeout=WAIT_MS)
        assert len(workspace.chart.pyramid) == len(store.readings(KIM_LONG))
    finally:
        proxy.stop()
