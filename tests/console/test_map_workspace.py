"""The map workspace against the real backend, in a real QtWebEngine page: layers, no outside request,
hostile text shown as text, live patches that keep the view, clicks, shapes, nearest cameras,
intents, filters and the picture for briefings."""

from __future__ import annotations

import json
import math
import sqlite3
from typing import Any

import pytest
import requests
import shiboken6
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from console_helpers import WAIT_MS, http_headers
from PySide6.QtGui import QImage

from ioc_console.services.navigation import APPLY_ALERT_FILTER, SHOW_CAMERAS_ON_WALL, SHOW_ON_MAP
from ioc_console.workspaces.map.workspace import MapWorkspace
from ioc_domain.geo import haversine_km
from ioc_domain.record_filter import RecordFilter

HOSTILE_CAMERA = '<img src=x onerror="window.__pwned=1">'
HOSTILE_REPORT = '</script><script>window.__pwned=2</script> <a href="javascript:window.__pwned=3">xem</a>'
HOSTILE_HEADLINE = '<img src=x onerror="window.__pwned=4"> lũ'
HOSTILE_REPORT_ID = 1
# A warning from another agency whose headline tries to run script (imported, then drawn on the map).
FOREIGN_CAP = f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>urn:test:hostile-map</identifier>
  <sender>nchmf.gov.vn</sender>
  <sent>2026-12-05T09:00:00+07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>Lũ trên sông Hương</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <headline>{HOSTILE_HEADLINE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}</headline>
    <area>
      <areaDesc>Lưu vực sông Hương</areaDesc>
      <polygon>16.40,107.50 16.50,107.60 16.40,107.70 16.40,107.50</polygon>
    </area>
  </info>
</alert>
"""


def _hostile_report(proc: BackendProcess) -> None:
    """A citizen report whose text tries to run script (reports come from outside: Hue-S, the hotline).
    Written in the database, as the report intake would store it; its sync JSON is re-made on read."""
    with sqlite3.connect(proc.db_path) as db:
        db.execute(
            "UPDATE reports SET description = ?, sync_json = NULL WHERE id = ?", (HOSTILE_REPORT, HOSTILE_REPORT_ID)
        )
        # /sync serves the change log's copy of each record: it must carry the same text.
        db.execute(
            "UPDATE change_events SET data = json_set(data, '$.description', ?) "
            "WHERE resource = 'report' AND resource_id = ? AND data IS NOT NULL",
            (HOSTILE_REPORT, str(HOSTILE_REPORT_ID)),
        )


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """This module's own backend: it renames a camera, imports a warning and closes an alert."""
    proc = start_backend(tmp_path_factory.mktemp("map"))
    try:
        _hostile_report(proc)
        yield proc
    finally:
        proc.stop()
    assert "Traceback" not in proc.log(), proc.log()


def js(qtbot: Any, workspace: MapWorkspace, script: str) -> Any:
    """Run ``script`` in the map page and return its value (waiting for the page's answer)."""
    answer: dict[str, Any] = {}
    workspace.map_view.page.runJavaScript(script, 0, lambda value: answer.setdefault("value", value))
    qtbot.waitUntil(lambda: "value" in answer, timeout=WAIT_MS)
    return answer["value"]


def detail_text(workspace: MapWorkspace) -> str:
    """Everything the detail panel shows: title, kind and id, fields."""
    panel = workspace.detail
    return " ".join([panel.title.text(), panel.subtitle.text(), *panel.field_texts().values()])


def page_state(qtbot: Any, workspace: MapWorkspace) -> dict[str, Any]:
    return json.loads(js(qtbot, workspace, "IocMap.debugState()"))


@pytest.fixture()
def open_map(qtbot, backend, make_context):
    """A signed-in operator's map workspace, shown, with every layer loaded (deleted afterwards:
    QtWebEngine wants its pages gone before it shuts down with the application)."""
    made: list[MapWorkspace] = []

    def make(role: str = "operator") -> MapWorkspace:
        context = make_context(backend.url)
        connection = context.connection
        connection.sign_in(role, DEMO_PASSWORDS[role])
        qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: connection.store is not None and connection.store.count("report") > 0, timeout=WAIT_MS)
        workspace = MapWorkspace(context)
        qtbot.addWidget(workspace)
        workspace.resize(1600, 1000)
        workspace.show()
        workspace.on_shown()
        qtbot.waitUntil(lambda: workspace.last_counts.get("wards") == 40, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: workspace.last_counts.get("reports", 0) > 0, timeout=WAIT_MS)
        made.append(workspace)
        return workspace

    yield make
    for workspace in made:
        workspace.close()
        shiboken6.delete(workspace)


def _api_items(url: str, path: str, role: str = "operator") -> list[dict[str, Any]]:
    headers = http_headers(url, role)
    items, offset = [], 0
    while True:
        answer = requests.get(
            f"{url}/api/v1/{path}", params={"limit": 500, "offset": offset}, headers=headers, timeout=10
        )
        answer.raise_for_status()
        page = answer.json()["items"]
        items += page
        if len(page) < 500:
            return items
        offset += 500


def test_every_layer_loads_from_local_files_only_and_the_guard_blocks_the_rest(qtbot, backend, open_map):
    workspace = open_map()
    store = workspace._context.connection.store
    counts = workspace.last_counts
    assert counts["cameras"] == store.count("camera") == 700
    assert counts["reports"] == store.count("report")
    open_alerts = [a for a in store.list("alert") if a["state"] in ("new", "acknowledged", "in_progress")]
    assert counts["alerts"] == len(open_alerts) > 0
    assert counts["sensors"] == store.count("sensor") > 0
    assert counts["tasks"] > 0 and counts["warnings"] >= 4 and counts["wards"] == 40
    # No tile layer configured: the neutral background still has the scale bar and the ward areas.
    assert js(qtbot, workspace, "document.querySelectorAll('.leaflet-control-scale').length") == 1
    assert js(qtbot, workspace, "document.querySelectorAll('.leaflet-tile').length") == 0
    assert workspace.map_view.external_requests == []
    assert workspace.controls.ward_note.isVisibleTo(workspace)

    # Two walls keep it so. The page's Content-Security-Policy refuses anything but its own scheme...
    js(
        qtbot,
        workspace,
        "window.__refused = 0;"
        "document.addEventListener('securitypolicyviolation', function () { window.__refused++; });"
        "fetch('https://tile.openstreetmap.org/1/1/1.png').catch(function () {});"
        "fetch('file:///etc/passwd').catch(function () {});"
        "var i = new Image(); i.src = 'http://example.com/x.png'; true",
    )
    qtbot.waitUntil(lambda: js(qtbot, workspace, "window.__refused") >= 3, timeout=WAIT_MS)
    # ... and the profile's request guard blocks what any page of it asks outside (here a whole page).
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage

    probe = QWebEnginePage(workspace.map_view.profile, workspace)
    with qtbot.waitSignal(probe.loadFinished, timeout=WAIT_MS):
        probe.load(QUrl("https://example.com/"))
    assert any("example.com" in url for url in workspace.map_view.external_requests)
    probe.deleteLater()
    assert js(qtbot, workspace, "location.href") == "iocmap://app/index.html"
    # An outside link cannot take the page anywhere.
    js(qtbot, workspace, "location.href = 'https://example.com/'; true")
    assert js(qtbot, workspace, "location.href") == "iocmap://app/index.html"


def test_hostile_text_from_outside_shows_as_text_and_runs_nothing(qtbot, backend, open_map):
    admin = http_headers(backend.url, "admin")
    camera = requests.get(f"{backend.url}/api/v1/cameras/cam-0001", headers=admin, timeout=10).json()
    answer = requests.patch(
        f"{backend.url}/api/v1/cameras/cam-0001",
        json={"version": camera["version"], "name": HOSTILE_CAMERA},
        headers=admin,
        timeout=10,
    )
    answer.raise_for_status()
    answer = requests.post(
        f"{backend.url}/api/v1/warnings/import",
        data=FOREIGN_CAP.encode(),
        headers={**http_headers(backend.url, "supervisor"), "Content-Type": "application/cap+xml"},
        timeout=10,
    )
    assert answer.status_code in (200, 201), answer.text

    workspace = open_map()
    # The camera's name reaches the page as a hover label: shown as text.
    workspace.map_view.set_view(camera["lat"], camera["lon"], 17)
    qtbot.waitUntil(
        lambda: any(d.get("id") == "cam-0001" for d in page_state(qtbot, workspace)["drawn"].get("cameras", [])),
        timeout=WAIT_MS,
    )
    assert js(qtbot, workspace, "IocMap.debugPointer('mousemove', 'cameras', 'cam-0001')") is True
    assert js(qtbot, workspace, "IocMap.tooltipText()").startswith(HOSTILE_CAMERA + " — ")

    # The imported warning's headline labels its area: shown as text.
    assert HOSTILE_HEADLINE in json.loads(js(qtbot, workspace, "IocMap.debugAreaLabels('warnings')"))

    # The report's text is never put in the page; a click on it opens the details, as plain text.
    report = workspace._context.connection.store.get("report", HOSTILE_REPORT_ID)
    assert report["description"] == HOSTILE_REPORT
    workspace.map_view.set_view(report["lat"], report["lon"], 18)
    qtbot.waitUntil(
        lambda: any(
            str(d.get("id")) == str(HOSTILE_REPORT_ID) for d in page_state(qtbot, workspace)["drawn"].get("reports", [])
        ),
        timeout=WAIT_MS,
    )
    assert js(qtbot, workspace, f"IocMap.debugPointer('click', 'reports', '{HOSTILE_REPORT_ID}')") is True
    qtbot.waitUntil(lambda: HOSTILE_REPORT in detail_text(workspace), timeout=WAIT_MS)

    assert js(qtbot, workspace, "typeof window.__pwned") == "undefined"
    assert js(qtbot, workspace, "document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert js(qtbot, workspace, "document.querySelectorAll('[onerror], a[href^=\"javascript\"]').length") == 0


def test_a_live_change_is_patched_in_and_the_view_stays(qtbot, backend, open_map):
    workspace = open_map()
    store = workspace._context.connection.store
    alert = next(a for a in store.list("alert") if a["state"] == "new")
    workspace.map_view.set_view(alert["lat"], alert["lon"], 14)
    qtbot.waitUntil(lambda: page_state(qtbot, workspace)["zoom"] == 14, timeout=WAIT_MS)
    before = page_state(qtbot, workspace)
    item = json.loads(js(qtbot, workspace, f"IocMap.debugItem('alerts', '{alert['id']}')"))
    assert item["pulse"] is True

    headers = http_headers(backend.url, "operator")
    answer = requests.post(
        f"{backend.url}/api/v1/alerts/{alert['id']}/transition",
        json={"version": alert["version"], "to": "acknowledged"},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 200, answer.text

    def acknowledged_on_page() -> bool:
        text = js(qtbot, workspace, f"IocMap.debugItem('alerts', '{alert['id']}')")
        return bool(text) and json.loads(text)["pulse"] is False

    qtbot.waitUntil(acknowledged_on_page, timeout=WAIT_MS)
    after = page_state(qtbot, workspace)
    assert after["zoom"] == before["zoom"] and after["center"] == before["center"]
    assert after["counts"]["alerts"] == before["counts"]["alerts"]  # acknowledged is still open

    # Closed: it leaves the map's open-alerts layer without a reload.
    fresh = requests.get(f"{backend.url}/api/v1/alerts/{alert['id']}", headers=headers, timeout=10).json()
    answer = requests.post(
        f"{backend.url}/api/v1/alerts/{alert['id']}/transition",
        json={"version": fresh["version"], "to": "closed", "reason": "resolved"},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    # (JavaScript's null comes back from runJavaScript as an empty value)
    qtbot.waitUntil(lambda: not js(qtbot, workspace, f"IocMap.debugItem('alerts', '{alert['id']}')"), timeout=WAIT_MS)
    final = page_state(qtbot, workspace)
    assert final["counts"]["alerts"] == before["counts"]["alerts"] - 1
    assert final["zoom"] == before["zoom"] and final["center"] == before["center"]


def test_click_details_nearest_cameras_and_the_show_on_map_intent(qtbot, backend, open_map):
    workspace = open_map()
    navigation = workspace._context.navigation
    sent: list[dict[str, Any]] = []
    navigation.handle(SHOW_CAMERAS_ON_WALL, "video", lambda payload: sent.append(dict(payload)) or True)

    store = workspace._context.connection.store
    alert = next(a for a in store.list("alert") if a["state"] == "new")
    assert navigation.request(SHOW_ON_MAP, {"key": f"alert:{alert['id']}"})
    qtbot.waitUntil(lambda: page_state(qtbot, workspace)["zoom"] >= 15, timeout=WAIT_MS)
    centre = page_state(qtbot, workspace)["center"]
    assert math.isclose(centre["lat"], alert["lat"], abs_tol=1e-4) and math.isclose(
        centre["lng"], alert["lon"], abs_tol=1e-4
    )
    qtbot.waitUntil(lambda: f"#{alert['id']}" in detail_text(workspace), timeout=WAIT_MS)

    # A click on a camera marker shows that camera.
    camera = next(c for c in store.list("camera") if c["status"] == "online")
    workspace.map_view.set_view(camera["lat"], camera["lon"], 17)
    qtbot.waitUntil(
        lambda: any(d.get("id") == camera["id"] for d in page_state(qtbot, workspace)["drawn"].get("cameras", [])),
        timeout=WAIT_MS,
    )
    assert js(qtbot, workspace, f"IocMap.debugPointer('click', 'cameras', '{camera['id']}')") is True
    qtbot.waitUntil(lambda: camera["name"] in detail_text(workspace), timeout=WAIT_MS)

    # Nearest cameras from the alert: the nine nearest that work, nearest first, onto the wall.
    assert workspace.show_nearest_cameras(alert["lat"], alert["lon"])
    cameras = [c for c in _api_items(backend.url, "cameras") if c["status"] != "offline"]
    expected = sorted(cameras, key=lambda c: haversine_km(alert["lat"], alert["lon"], c["lat"], c["lon"]))[:9]
    assert sent == [{"camera_ids": [c["id"] for c in expected]}]


def test_show_on_map_takes_an_exact_zoom_when_asked(qtbot, open_map):
    """A presenter's map view names its zoom: the map shows exactly that, out or in."""
    workspace = open_map()
    navigation = workspace._context.navigation

    def centred_at(lat: float, lon: float, zoom: float) -> bool:
        state = page_state(qtbot, workspace)
        return (
            state["zoom"] == zoom
            and math.isclose(state["center"]["lat"], lat, abs_tol=1e-4)
            and math.isclose(state["center"]["lng"], lon, abs_tol=1e-4)
        )

    assert navigation.request(SHOW_ON_MAP, {"lat": 16.4637, "lon": 107.5909, "zoom": 17})
    qtbot.waitUntil(lambda: centred_at(16.4637, 107.5909, 17), timeout=WAIT_MS)
    assert navigation.request(SHOW_ON_MAP, {"lat": 16.47, "lon": 107.58, "zoom": 11})
    qtbot.waitUntil(lambda: centred_at(16.47, 107.58, 11), timeout=WAIT_MS)
    # Without a zoom (or with one out of 0..22) the map zooms in to street level, never out.
    assert navigation.request(SHOW_ON_MAP, {"lat": 16.46, "lon": 107.59})
    qtbot.waitUntil(lambda: centred_at(16.46, 107.59, 15), timeout=WAIT_MS)
    assert navigation.request(SHOW_ON_MAP, {"lat": 16.45, "lon": 107.6, "zoom": 40})
    qtbot.waitUntil(lambda: centred_at(16.45, 107.6, 15), timeout=WAIT_MS)
    # A record with a zoom: centred on it at that zoom, and selected.
    alert = next(a for a in workspace._context.connection.store.list("alert") if a["state"] == "new")
    assert navigation.request(SHOW_ON_MAP, {"key": f"alert:{alert['id']}", "zoom": 13})
    qtbot.waitUntil(lambda: centred_at(alert["lat"], alert["lon"], 13), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: f"#{alert['id']}" in detail_text(workspace), timeout=WAIT_MS)


def test_a_drawn_circle_lists_what_is_inside_and_exports_it(qtbot, backend, open_map, tmp_path):
    workspace = open_map()
    centre = (16.4637, 107.5909)
    assert js(qtbot, workspace, f"IocMap.debugDrawCircle({centre[0]}, {centre[1]}, 1.5)") is True
    qtbot.waitUntil(lambda: workspace.shape_results.model.rowCount() > 0, timeout=WAIT_MS)
    shape = workspace.shape_results.shape()
    radius = shape["circle"]["radius_km"]
    assert math.isclose(radius, 1.5, rel_tol=0.02)
    items = workspace.shape_results.model.items()
    cameras_inside = {r["id"] for kind, r in items if kind == "camera"}
    expected = {
        c["id"]
        for c in _api_items(backend.url, "cameras")
        if haversine_km(shape["circle"]["lat"], shape["circle"]["lon"], c["lat"], c["lon"]) <= radius
    }
    assert cameras_inside == expected and expected
    # What the map shows, not every record: the alerts listed are the open ones on the map.
    alerts_inside = [r for kind, r in items if kind == "alert"]
    assert alerts_inside and all(a["state"] in ("new", "acknowledged", "in_progress") for a in alerts_inside)
    reports_inside = sum(1 for kind, _r in items if kind == "report")
    store_points = workspace._context.connection.store.project("report", ("lat", "lon"))
    assert reports_inside == sum(
        1
        for _id, lat, lon in store_points
        if haversine_km(shape["circle"]["lat"], shape["circle"]["lon"], lat, lon) <= radius
    )
    path = tmp_path / "inside.csv"
    assert workspace.shape_results.export_csv(str(path))
    qtbot.waitUntil(path.exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(path.read_text(encoding="utf-8-sig").splitlines()) == len(items) + 1, timeout=WAIT_MS)


def test_the_filter_narrows_every_layer_and_goes_to_the_alert_queue(qtbot, backend, open_map):
    workspace = open_map()
    store = workspace._context.connection.store
    ward = "Phường Thuận Hóa"
    sent: list[dict[str, Any]] = []
    workspace._context.navigation.handle(APPLY_ALERT_FILTER, "alerts", lambda p: sent.append(dict(p)) or True)
    workspace.filter_bar.ward_box.setCurrentIndex(workspace.filter_bar.ward_box.findData(ward))
    cameras_in_ward = sum(1 for c in store.list("camera") if c["ward"] == ward)
    qtbot.waitUntil(lambda: workspace.last_counts.get("cameras") == cameras_in_ward, timeout=WAIT_MS)
    assert workspace.last_counts["reports"] == sum(1 for r in store.list("report") if r["ward"] == ward)

    workspace.filter_bar.category_box.setCurrentIndex(workspace.filter_bar.category_box.findData("hue_s"))
    workspace.filter_bar.apply_to_queue.click()
    sent_filter = RecordFilter.from_dict(sent[-1]["filter"])
    assert (
        sent_filter.wards == {ward} and sent_filter.categories == frozenset()
    )  # a report source means nothing to alerts


def test_a_picture_of_the_map_is_saved_for_briefings(qtbot, backend, open_map, tmp_path):
    workspace = open_map()
    path = tmp_path / "map.png"
    assert workspace.save_snapshot(str(path)) == str(path)
    qtbot.waitUntil(path.exists, timeout=WAIT_MS)
    image = QImage(str(path))
    qtbot.waitUntil(lambda: not QImage(str(path)).isNull(), timeout=WAIT_MS)
    image = QImage(str(path))
    assert image.width() > 800 and image.height() > 500


def test_a_named_map_view_keeps_place_layers_and_filter(qtbot, backend, open_map):
    workspace = open_map()
    ward = "Phường Vỹ Dạ"
    workspace.filter_bar.ward_box.setCurrentIndex(workspace.filter_bar.ward_box.findData(ward))
    workspace.controls.boxes["reports"].setChecked(False)
    workspace.map_view.set_view(16.474, 107.606, 15)
    qtbot.waitUntil(lambda: (workspace._view_state or {}).get("zoom") == 15, timeout=WAIT_MS)
    control = workspace.views_control
    control.save_as("Vỹ Dạ, không phản ánh", workspace._current_view_data())
    qtbot.waitUntil(lambda: any(v.name == "Vỹ Dạ, không phản ánh" for v in control.views()), timeout=WAIT_MS)

    # Another place, every layer, no filter; then the view brings all of it back.
    workspace.filter_bar.ward_box.setCurrentIndex(0)
    workspace.controls.boxes["reports"].setChecked(True)
    workspace.go_home()
    qtbot.waitUntil(lambda: page_state(qtbot, workspace)["zoom"] == 10, timeout=WAIT_MS)
    assert control.select_by_name("Vỹ Dạ, không phản ánh")
    qtbot.waitUntil(lambda: page_state(qtbot, workspace)["zoom"] == 15, timeout=WAIT_MS)
    assert workspace.filter_bar.current_filter().wards == {ward}
    assert not workspace.controls.boxes["reports"].isChecked()
    centre = page_state(qtbot, workspace)["center"]
    assert math.isclose(centre["lat"], 16.474, abs_tol=1e-4) and math.isclose(centre["lng"], 107.606, abs_tol=1e-4)


def test_reports_switch_between_clusters_and_the_density_view(qtbot, backend, open_map):
    workspace = open_map()

    def drawn_reports() -> list[dict[str, Any]]:
        return page_state(qtbot, workspace)["drawn"].get("reports", [])

    clusters = drawn_reports()
    assert clusters and sum(d.get("cluster", 1) for d in clusters) == workspace.last_counts["reports"]
    workspace.controls.density.setChecked(True)
    # The density view colours squares by count: nothing to click, so nothing in the hit list.
    qtbot.waitUntil(lambda: drawn_reports() == [], timeout=WAIT_MS)
    workspace.controls.density.setChecked(False)
    qtbot.waitUntil(lambda: len(drawn_reports()) == len(clusters), timeout=WAIT_MS)
    # A layer switched off is not drawn, and back on it is.
    workspace.controls.boxes["reports"].setChecked(False)
    qtbot.waitUntil(lambda: drawn_reports() == [], timeout=WAIT_MS)
    workspace.controls.boxes["reports"].setChecked(True)
    qtbot.waitUntil(lambda: len(drawn_reports()) == len(clusters), timeout=WAIT_MS)
