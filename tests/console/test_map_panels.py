"""The map's side panels against the real backend: the detail panel (fields, plain text, role-gated
actions through the outbox, navigation) and the area results panel (table, activation, CSV, warning area)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
import requests
from backend_process import DEMO_PASSWORDS
from console_helpers import WAIT_MS, http_headers, server_alert
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ioc_console.services.navigation import DRAFT_WARNING_FOR_AREA, REVEAL_ALERT, SHOW_CAMERA_ON_WALL
from ioc_console.workspaces.map.detail_panel import MapDetailPanel
from ioc_console.workspaces.map.shape_results import ShapeResultsPanel, csv_cell

HOSTILE = ("<img src=x onerror=alert(1)>", "</script>", "javascript:alert(1)")
CIRCLE = {"circle": {"lat": 16.4637, "lon": 107.5909, "radius_km": 1.2}}
POLYGON = {"polygon": [[16.45, 107.57], [16.45, 107.61], [16.48, 107.61], [16.48, 107.57]]}


@pytest.fixture(autouse=True)
def _english(languages):
    """English texts (the source strings): the assertions read them."""
    languages.set_language("en")


def _items(url: str, path: str, role: str = "operator", **query: Any) -> list[dict[str, Any]]:
    answer = requests.get(
        f"{url}/api/v1/{path}", params={"limit": 50, **query}, headers=http_headers(url, role), timeout=10
    )
    answer.raise_for_status()
    body = answer.json()
    return body["items"] if isinstance(body, dict) else body


def _login_only(context: Any, role: str) -> None:
    """A signed-in client without the sync engine: enough for fields and role gating."""
    context.connection.client.login(role, DEMO_PASSWORDS[role])


def _warning() -> dict[str, Any]:
    return {
        "id": 7,
        "identifier": "urn:oid:hue-ioc:7",
        "state": "published",
        "status": "Actual",
        "msg_type": "Update",
        "scope": "Public",
        "info": [
            {"language": "en-GB", "headline": "Flooding on Lê Lợi street", "event": "Flood"},
            {"language": "vi-VN", "headline": "Ngập lụt đường Lê Lợi", "event": "Lũ"},
        ],
        "area": {"description": "Phường Phú Hội, Phường Vĩnh Ninh", "circle": CIRCLE["circle"]},
    }


def _detail(qtbot, context) -> MapDetailPanel:
    panel = MapDetailPanel(context)
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    return panel


def _visible(panel: MapDetailPanel) -> set[str]:
    return set(panel.visible_buttons())


# -- detail panel -------------------------------------------------------------------------------
def test_hint_then_each_resource_shows_its_fields(qtbot, backend, make_context):
    context = make_context(backend.url)
    _login_only(context, "operator")
    panel = _detail(qtbot, context)
    assert panel.message.text() == "Click a marker on the map to see its details"
    assert panel.field_texts() == {} and _visible(panel) == set()

    alert = _items(backend.url, "alerts")[0]
    panel.show_record("alert", alert)
    fields = panel.field_texts()
    assert list(fields) == ["analytic", "severity", "state", "camera", "ward", "detected", "detections", "owner"]
    assert fields["camera"] == alert["camera_id"] and fields["ward"] == alert["ward"]
    assert fields["severity"] in {"Critical", "Warning", "Info"}
    assert fields["state"] in {"New", "Acknowledged", "Being handled", "Closed"}
    assert fields["detections"] == str(alert["detections"])
    # Huế local time, day first; never the raw ISO text.
    assert "T" not in fields["detected"] and fields["detected"].count(":") == 2
    assert panel.subtitle.text() == f"AI alert #{alert['id']}"

    camera = _items(backend.url, "cameras")[0]
    panel.show_record("camera", camera)
    fields = panel.field_texts()
    assert fields["name"] == camera["name"] and fields["id"] == camera["id"] and fields["ward"] == camera["ward"]
    assert fields["status"] in {"Working", "No signal", "Degraded"}
    assert fields["category"] and "_" not in fields["category"]
    assert panel.title.text() == camera["name"]

    report = _items(backend.url, "reports")[0]
    panel.show_record("report", report)
    fields = panel.field_texts()
    assert list(fields) == ["service", "status", "source", "address", "ward", "description", "requested"]
    assert fields["service"] == report["service_name"] and fields["description"] == report["description"]
    assert fields["source"] in {"Hue-S app", "Hotline"}
    assert panel.findChild(QLabel, "mapDetailValue_description").wordWrap()

    sensor = _items(backend.url, "sensors")[0]
    panel.show_record("sensor", {**sensor, "last_result": 2.5})
    fields = panel.field_texts()
    assert fields["name"] == sensor["name"]
    assert fields["value"] == f"2.5 {sensor['unit']['symbol']}"
    assert fields["status"] in {"Normal", "Warning", "Alarm", "No signal"}

    task = _items(backend.url, "tasks")[0]
    panel.show_record("task", {**task, "due_at": "2026-12-05T03:30:00Z"})
    fields = panel.field_texts()
    assert fields["title"] == task["title"] and fields["unit"] == task["assignee_unit"]
    assert fields["due"] == "05/12 10:30:00"  # UTC+7

    panel.show_record("warning", _warning())
    fields = panel.field_texts()
    assert fields == {
        "headline": "Flooding on Lê Lợi street",
        "state": "Published",
        "msg_type": "Warning update",
        "area": "Phường Phú Hội, Phường Vĩnh Ninh",
    }

    panel.clear()
    assert panel.field_texts() == {} and "Click a marker" in panel.message.text()
    with pytest.raises(ValueError):
        panel.show_record("meeting", {"id": 1})


def test_hostile_text_is_shown_literally(qtbot, backend, make_context):
    context = make_context(backend.url)
    _login_only(context, "operator")
    panel = _detail(qtbot, context)
    report = _items(backend.url, "reports")[0]
    for text in HOSTILE:
        hostile = {**report, "service_name": text, "description": text, "address": text, "ward": text}
        panel.show_record("report", hostile)
        assert panel.title.text() == text
        fields = panel.field_texts()
        assert fields["service"] == fields["description"] == fields["address"] == fields["ward"] == text
    labels = panel.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)

    camera = _items(backend.url, "cameras")[0]
    panel.show_record("camera", {**camera, "name": HOSTILE[0], "id": HOSTILE[1]})
    assert panel.title.text() == HOSTILE[0] and panel.field_texts()["id"] == HOSTILE[1]


def test_live_update_refreshes_in_place_and_a_deleted_record_is_said(qtbot, backend, make_context):
    context = make_context(backend.url)
    _login_only(context, "operator")
    panel = _detail(qtbot, context)
    panel.resize(300, 200)
    panel.show()
    report = _items(backend.url, "reports")[0]
    long_text = "Đường ngập sâu 40 cm. " * 200
    panel.show_record("report", {**report, "description": long_text})
    bar = panel.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100, timeout=WAIT_MS)
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    description = panel.findChild(QLabel, "mapDetailValue_description")

    panel.show_record("report", {**report, "description": long_text, "status": "closed"})
    assert panel.field_texts()["status"] == "Closed"
    assert panel.findChild(QLabel, "mapDetailValue_description") is description  # same rows, new texts
    assert bar.value() == kept

    # Another record starts at the top.
    other = _items(backend.url, "reports")[1]
    panel.show_record("report", other)
    assert bar.value() == 0

    assert not panel.show_gone("report", report["id"])  # not the one shown: nothing changes
    assert panel.field_texts()["service"] == other["service_name"]
    assert panel.show_gone("report", str(other["id"]))
    assert panel.message.text() == "This record was deleted; it is no longer on the map."
    assert panel.field_texts() == {} and _visible(panel) == set()


def test_buttons_follow_the_role_and_the_workspaces_present(qtbot, backend, make_context):
    context = make_context(backend.url)
    _login_only(context, "operator")
    navigation = context.navigation
    panel = _detail(qtbot, context)
    alerts = _items(backend.url, "alerts", state="new")
    alert = alerts[0]
    panel.show_record("alert", alert)
    # No wall and no alert queues in this console (yet): only what the panel does itself.
    assert _visible(panel) == {
        "mapDetailAcknowledge",
        "mapDetailVerify",
        "mapDetailDispatch",
        "mapDetailClose",
        "mapDetailNote",
        "mapDetailNearestCameras",
    }
    # Not signed in to the sync engine: nothing can be queued, so the moves are shown but disabled.
    assert not panel.button("acknowledge").isEnabled()

    walls: list[dict[str, Any]] = []
    reveals: list[dict[str, Any]] = []
    navigation.handle(SHOW_CAMERA_ON_WALL, "video", lambda payload: walls.append(dict(payload)) or True)
    navigation.handle(REVEAL_ALERT, "alerts", lambda payload: reveals.append(dict(payload)) or True)
    panel.show_record("alert", alert)  # checked on every record shown
    assert {"mapDetailOpenCamera", "mapDetailRevealAlert"} <= _visible(panel)
    panel.button("open_camera").click()
    panel.button("reveal_alert").click()
    assert walls == [{"camera_id": alert["camera_id"]}]
    assert reveals == [{"alert_id": alert["id"]}]
    with qtbot.waitSignal(panel.nearest_cameras_requested, timeout=1000) as nearest:
        panel.button("nearest").click()
    assert nearest.args == [pytest.approx(alert["lat"]), pytest.approx(alert["lon"])]

    # A closed alert offers only a note.
    panel.show_record("alert", {**alert, "state": "closed"})
    assert "mapDetailNote" in _visible(panel)
    assert not {"mapDetailAcknowledge", "mapDetailVerify", "mapDetailDispatch", "mapDetailClose"} & _visible(panel)

    camera = _items(backend.url, "cameras")[0]
    panel.show_record("camera", camera)
    assert _visible(panel) == {"mapDetailOpenOnWall", "mapDetailNearestCameras"}
    panel.button("open_on_wall").click()
    assert walls[-1] == {"camera_id": camera["id"]}

    # A task without a place (the weekly summary): no "nearest cameras".
    unplaced = next(t for t in _items(backend.url, "tasks") if t.get("lat") is None)
    panel.show_record("task", unplaced)
    assert _visible(panel) == set()

    # The leader reads alerts and watches cameras but does not handle alerts.
    leader = make_context(backend.url)
    _login_only(leader, "leader")
    leader.navigation.handle(SHOW_CAMERA_ON_WALL, "video", lambda payload: True)
    leader.navigation.handle(REVEAL_ALERT, "alerts", lambda payload: True)
    panel = _detail(qtbot, leader)
    panel.show_record("alert", alert)
    assert _visible(panel) == {"mapDetailOpenCamera", "mapDetailRevealAlert", "mapDetailNearestCameras"}
    assert not panel.perform_alert_move("acknowledge")

    # A meeting participant may do nothing with an alert nor a camera.
    participant = make_context(backend.url)
    _login_only(participant, "participant")
    participant.navigation.handle(SHOW_CAMERA_ON_WALL, "video", lambda payload: True)
    panel = _detail(qtbot, participant)
    panel.show_record("alert", alert)
    assert _visible(panel) == set()
    panel.show_record("camera", camera)
    assert _visible(panel) == set()


def test_acknowledge_from_the_panel_reaches_the_backend_through_the_outbox(qtbot, fresh_backend, make_context):
    url = fresh_backend.url
    context = make_context(url)
    connection = context.connection
    connection.sign_in("operator", DEMO_PASSWORDS["operator"])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    panel = _detail(qtbot, context)
    alert = _items(url, "alerts", state="new")[0]
    panel.show_record("alert", alert)
    button = panel.button("acknowledge")
    assert button.isVisibleTo(panel) and button.isEnabled()

    with qtbot.waitSignal(panel.submitted, timeout=WAIT_MS) as queued:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    entry = queued.args[0]
    assert entry.path.startswith(f"/alerts/{alert['id']}")

    def applied() -> bool:
        return any(e.id == entry.id and e.state == "applied" for e in context.outbox.entries())

    qtbot.waitUntil(applied, timeout=WAIT_MS)
    headers = http_headers(url, "supervisor")
    qtbot.waitUntil(lambda: server_alert(url, alert["id"], headers)["state"] == "acknowledged", timeout=WAIT_MS)
    on_server = server_alert(url, alert["id"], headers)
    assert on_server["owner"] == "operator"

    # The map passes the newer version on: the panel now offers what an acknowledged alert allows.
    panel.show_record("alert", on_server)
    assert panel.field_texts()["state"] == "Acknowledged" and panel.field_texts()["owner"] == "operator"
    assert not panel.button("acknowledge").isVisibleTo(panel)
    assert panel.button("close").isVisibleTo(panel)


def test_note_dialog_queues_through_the_same_submitter(qtbot, fresh_backend, make_context):
    url = fresh_backend.url
    context = make_context(url)
    connection = context.connection
    connection.sign_in("operator", DEMO_PASSWORDS["operator"])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    panel = _detail(qtbot, context)
    alert = _items(url, "alerts")[0]
    panel.show_record("alert", alert)
    panel.button("note").click()
    dialog = panel.open_dialog()
    assert dialog is not None and dialog.objectName() == "alertNoteDialog"
    dialog.text_edit().setPlainText("Đã báo <b>công an phường</b>")
    with qtbot.waitSignal(panel.submitted, timeout=WAIT_MS) as queued:
        dialog.accept()
    assert queued.args[0].body["text"] == "Đã báo <b>công an phường</b>"
    headers = http_headers(url, "operator")
    qtbot.waitUntil(
        lambda: any(
            n["text"] == "Đã báo <b>công an phường</b>" for n in server_alert(url, alert["id"], headers)["notes"]
        ),
        timeout=WAIT_MS,
    )


def test_vietnamese_is_the_default_language(qtbot, backend, make_context, languages):
    languages.set_language("vi")
    context = make_context(backend.url)
    _login_only(context, "operator")
    panel = _detail(qtbot, context)
    assert panel.message.text() == "Nhấp vào một điểm trên bản đồ để xem chi tiết"
    panel.show_record("alert", _items(backend.url, "alerts", state="new")[0])
    assert panel.button("acknowledge").text() == "Tiếp nhận"
    results = ShapeResultsPanel(context)
    qtbot.addWidget(results)
    camera = _items(backend.url, "cameras")[0]
    results.show_results(CIRCLE, [("camera", camera), ("camera", {**camera, "id": "x"})])
    assert results.summary_text() == "Trong hình tròn (bán kính 1,2 km): 2 camera"
    languages.set_language("en")  # the panels re-word themselves on the language change event
    qtbot.waitUntil(lambda: panel.button("acknowledge").text() == "Acknowledge", timeout=WAIT_MS)
    assert panel.field_texts()["state"] == "New"
    qtbot.waitUntil(lambda: results.summary_text() == "Inside the circle (r = 1.2 km): 2 cameras", timeout=WAIT_MS)


# -- area results panel ------------------------------------------------------------------------
def _results(qtbot, context) -> ShapeResultsPanel:
    panel = ShapeResultsPanel(context)
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    return panel


def _mixed_items(url: str) -> list[tuple[str, dict[str, Any]]]:
    cameras = _items(url, "cameras")[:3]
    alerts = _items(url, "alerts")[:12]
    reports = _items(url, "reports")[:2]
    return [*(("report", r) for r in reports), *(("camera", c) for c in cameras), *(("alert", a) for a in alerts)]


def test_summary_table_and_activation(qtbot, backend, make_context):
    context = make_context(backend.url)
    _login_only(context, "operator")
    panel = _results(qtbot, context)
    panel.show()
    items = _mixed_items(backend.url)
    panel.show_results(CIRCLE, items)
    assert panel.summary_text() == "Inside the circle (r = 1.2 km): 3 cameras, 12 alerts, 2 reports"
    model = panel.table.model()
    assert model.rowCount() == len(items) and model.columnCount() == 5
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Type",
        "ID",
        "Name",
        "Status",
        "Ward",
    ]
    first_camera = items[2][1]
    assert [model.index(0, c).data() for c in range(5)] == [
        "Camera",
        first_camera["id"],
        first_camera["name"],
        model.index(0, 3).data(),
        first_camera["ward"],
    ]
    assert model.index(0, 3).data() in {"Working", "No signal", "Degraded"}

    # Double-click a row (an alert) and press Enter on another (a report).
    index = model.index(5, 1)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.record_activated, timeout=1000) as activated:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == ["alert", str(items[7][1]["id"])]
    panel.table.setCurrentIndex(model.index(model.rowCount() - 1, 0))
    with qtbot.waitSignal(panel.record_activated, timeout=1000) as activated:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert activated.args == ["report", str(items[1][1]["id"])]

    panel.show_results(POLYGON, [("report", items[0][1])])
    assert panel.summary_text() == "Inside the polygon: 1 report"
    panel.show_results(POLYGON, [])
    assert panel.summary_text() == "Inside the polygon: nothing"
    with qtbot.waitSignal(panel.cleared, timeout=1000):
        panel.clear_button.click()
    assert model.rowCount() == 0 and panel.shape() is None
    with pytest.raises(ValueError):
        panel.show_results({"square": []}, [])


def test_tens_of_thousands_of_rows_in_one_model(qtbot, backend, make_context):
    context = make_context(backend.url)
    panel = _results(qtbot, context)
    panel.show()
    report = _items(backend.url, "reports")[0]
    items = [("report", {**report, "id": n}) for n in range(40_000)]
    panel.show_results(POLYGON, items)
    assert panel.table.model().rowCount() == 40_000
    assert panel.summary_text() == "Inside the polygon: 40,000 reports"
    assert panel.table.model().index(39_999, 1).data() == "39999"
    # No widget per row: the panel's children do not grow with the rows.
    assert len(panel.findChildren(QLabel)) < 10


def test_csv_export(qtbot, backend, make_context, tmp_path):
    context = make_context(backend.url)
    _login_only(context, "operator")
    panel = _results(qtbot, context)
    report = _items(backend.url, "reports")[0]
    camera = _items(backend.url, "cameras")[0]
    items = [
        ("report", {**report, "service_name": '=HYPERLINK("http://x")', "ward": "Phường Phú Hội"}),
        ("report", {**report, "id": 2, "service_name": "+1", "ward": "-2"}),
        ("report", {**report, "id": 3, "service_name": "@SUM(A1)", "ward": "Đông Ba"}),
        ("camera", {**camera, "name": "Cầu Trường Tiền – hướng Lê Lợi"}),
    ]
    panel.show_results(CIRCLE, items)
    path = tmp_path / "vùng.csv"
    with qtbot.waitSignal(panel.export_finished, timeout=WAIT_MS) as done:
        assert panel.export_csv(str(path))
    assert done.args == [str(path), 4]
    assert "Exported 4 rows" in panel.status_text()

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Type", "ID", "Name", "Status", "Ward", "Latitude", "Longitude"]
    assert len(rows) == 5
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id[str(report["id"])][2] == '\'=HYPERLINK("http://x")'
    assert by_id[str(report["id"])][4] == "Phường Phú Hội"
    assert by_id["2"][2] == "'+1" and by_id["2"][4] == "'-2"
    assert by_id["3"][2] == "'@SUM(A1)" and by_id["3"][4] == "Đông Ba"
    assert by_id[camera["id"]][:3] == ["Camera", camera["id"], "Cầu Trường Tiền – hướng Lê Lợi"]
    assert float(by_id[camera["id"]][5]) == pytest.approx(camera["lat"])  # numbers are left as numbers

    # A path that cannot be written: said clearly, nothing left half-done.
    bad = tmp_path / "no-such-folder" / "out.csv"
    with qtbot.waitSignal(panel.export_failed, timeout=WAIT_MS) as failed:
        assert panel.export_csv(str(bad))
    assert failed.args[0] == str(bad)
    assert panel.status_text().startswith(f"The CSV file could not be written to {bad}: ")
    assert panel.status.property("error") is True
    assert panel.export_button.isEnabled()


def test_csv_cell_quotes_formula_starts_only():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("-") == "'-"
    assert csv_cell("@x") == "'@x"
    assert csv_cell("+84 234") == "'+84 234"
    assert csv_cell("Huế = đẹp") == "Huế = đẹp"
    assert csv_cell(None) == ""
    assert csv_cell(17) == "17"


def test_use_as_warning_area(qtbot, backend, make_context):
    context = make_context(backend.url)
    _login_only(context, "operator")
    panel = _results(qtbot, context)
    panel.show_results(POLYGON, [])
    assert not panel.warning_button.isVisibleTo(panel)  # nothing drafts warnings in this console

    context.navigation.handle(DRAFT_WARNING_FOR_AREA, "alerts", lambda payload: True)
    panel.show_results(POLYGON, [])
    assert panel.warning_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.warning_area_requested, timeout=1000) as requested:
        panel.warning_button.click()
    assert requested.args == [POLYGON]
    assert requested.args[0] is not POLYGON

    panel.show_results(CIRCLE, [])
    with qtbot.waitSignal(panel.warning_area_requested, timeout=1000) as requested:
        panel.warning_button.click()
    assert requested.args == [CIRCLE]

    # The leader may not draft warnings: no button.
    leader = make_context(backend.url)
    _login_only(leader, "leader")
    leader.navigation.handle(DRAFT_WARNING_FOR_AREA, "alerts", lambda payload: True)
    panel = _results(qtbot, leader)
    panel.show_results(CIRCLE, [])
    assert not panel.warning_button.isVisibleTo(panel)
