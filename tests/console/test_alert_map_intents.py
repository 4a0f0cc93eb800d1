"""The intents the map sends to the alert queues, against the real backend: a record filter
narrowing the queue (with its bar and "Clear filter"), and a warning drafted for a drawn area."""

from __future__ import annotations

import math
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS
from PySide6.QtCore import Qt

from ioc_console.services.navigation import APPLY_ALERT_FILTER, DRAFT_WARNING_FOR_AREA
from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces.alerts.warning_editor import WarningEditorDialog
from ioc_domain.analytics import category_of
from ioc_domain.record_filter import RecordFilter


def _sign_in(qtbot, window: MainWindow, role: str) -> Any:
    connection = window._context.connection
    connection.sign_in(role, DEMO_PASSWORDS[role])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    workspace = window.workspace("alerts")
    qtbot.waitUntil(workspace.is_loaded, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 20, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: workspace.model.pending_count() == 0, timeout=WAIT_MS)
    window.show_workspace_key("alerts")
    return workspace


@pytest.fixture()
def window(qtbot, backend, make_window) -> MainWindow:
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    return window


def _shown_ids(workspace: Any) -> list[str]:
    proxy = workspace.proxy
    return [str(proxy.alert_at(row)["id"]) for row in range(proxy.rowCount())]


def test_filter_from_the_map_narrows_the_queue_and_clear_restores_it(qtbot, window):
    workspace = _sign_in(qtbot, window, "operator")
    navigation = window._context.navigation
    model, proxy = workspace.model, workspace.proxy
    messages: list[str] = []
    workspace.status_message.connect(lambda text, _ms: messages.append(text))
    everything = _shown_ids(workspace)
    counts = {queue: model.count(queue) for queue in workspace.queue_list.queues()}
    sample = proxy.alert_at(0)
    ward, category = str(sample["ward"]), category_of(str(sample["analytic"]))
    assert not workspace.filter_bar.isVisible()

    record_filter = RecordFilter(categories=frozenset({category}), wards=frozenset({ward}))
    assert navigation.request(APPLY_ALERT_FILTER, {"filter": record_filter.to_dict()})
    shown = _shown_ids(workspace)
    expected = [
        alert_id
        for alert_id in everything
        if (alert := model.alert_at(model.row_of(alert_id)))["ward"] == ward
        and category_of(str(alert["analytic"])) == category
    ]
    assert shown == expected and 0 < len(shown) < len(everything)
    # The queue list still counts whole queues; the status bar counts the rows shown.
    assert {queue: model.count(queue) for queue in counts} == counts
    assert workspace.queue_count_label.text().endswith(f"{len(shown)} cảnh báo")
    bar = workspace.filter_bar
    assert bar.isVisible()
    assert bar.text().startswith("Đang áp dụng bộ lọc từ bản đồ")
    assert "Thời gian: mọi thời điểm" in bar.text() and ward in bar.text()
    assert bar.clear_button.text() == "Bỏ bộ lọc"
    assert messages[-1] == f"Đã áp dụng bộ lọc từ bản đồ: hiển thị {len(shown)} cảnh báo."

    # A status and a custom window narrow further, with the model's own clock.
    now = model.now()
    narrower = RecordFilter(
        window="custom",
        since=now.replace(year=now.year - 5),
        until=now,
        statuses=frozenset({"new"}),
        wards=frozenset({ward}),
    )
    assert navigation.request(APPLY_ALERT_FILTER, {"filter": narrower.to_dict()})
    assert all(proxy.alert_at(row)["state"] == "new" for row in range(proxy.rowCount()))
    assert all(proxy.alert_at(row)["ward"] == ward for row in range(proxy.rowCount()))
    assert "Trạng thái: Mới" in bar.text()
    assert navigation.request(APPLY_ALERT_FILTER, {"filter": record_filter.to_dict()})

    # Malformed filters are refused and change nothing.
    for payload in (
        {},
        {"filter": "ward=Vỹ Dạ"},
        {"filter": ["traffic"]},
        {"filter": {"window": "fortnight"}},
        {"filter": {"categories": "traffic"}},
        {"filter": {"categories": ["not_a_category"]}},
        {"filter": {"statuses": ["bogus"]}},
        {"filter": {"window": "custom", "since": "yesterday"}},
    ):
        before = len(messages)
        assert not navigation.request(APPLY_ALERT_FILTER, payload), payload
        assert _shown_ids(workspace) == shown and bar.isVisible()
        assert workspace.record_filter() == record_filter
        assert messages[before:] == ["Không đọc được bộ lọc từ bản đồ; hàng đợi giữ nguyên."]

    bar.clear_button.click()
    assert _shown_ids(workspace) == everything
    assert not bar.isVisible() and workspace.record_filter() is None


def _opened_editors(workspace: Any) -> list[WarningEditorDialog]:
    opened: list[WarningEditorDialog] = []
    workspace.warnings_page.editor_opened.connect(opened.append)
    return opened


def test_draft_warning_for_a_map_area_opens_a_new_draft_and_saves_it(qtbot, window):
    workspace = _sign_in(qtbot, window, "operator")
    navigation = window._context.navigation
    connection = window._context.connection
    opened = _opened_editors(workspace)
    messages: list[str] = []
    workspace.status_message.connect(lambda text, _ms: messages.append(text))
    workspace.tabs.setCurrentIndex(0)

    bad_areas: list[dict[str, Any]] = [
        {},
        {"area": {}, "description": "x"},
        {"area": {"circle": {"lat": 16.46, "lon": 107.59, "radius_km": 0}}},
        {"area": {"circle": {"lat": 16.46, "lon": 107.59, "radius_km": -1}}},
        {"area": {"circle": {"lat": math.nan, "lon": 107.59, "radius_km": 1}}},
        {"area": {"circle": {"lat": 95, "lon": 107.59, "radius_km": 1}}},
        {"area": {"circle": {"lat": "16.46", "lon": 107.59, "radius_km": 1}}},
        {"area": {"circle": {"lat": 16.46, "lon": 107.59, "radius_km": math.inf}}},
        {"area": {"polygon": [[16.4, 107.5], [16.5, 107.6]]}},
        {"area": {"polygon": [[16.4, 107.5], [16.5, 107.6], [16.4, 107.5]]}},  # closed: 2 corners
        {"area": {"polygon": [[16.4, 107.5], [16.5, 200], [16.5, 107.5]]}},
        {"area": {"polygon": "16.4,107.5"}},
        {"area": {"circle": {"lat": 16.46, "lon": 107.59, "radius_km": 1}, "polygon": [[1, 2], [3, 4], [5, 6]]}},
        {"area": {"circle": {"lat": 16.46, "lon": 107.59, "radius_km": 1}}, "description": 7},
    ]
    for payload in bad_areas:
        before = len(messages)
        assert not navigation.request(DRAFT_WARNING_FOR_AREA, payload), payload
        assert opened == [] and workspace.tabs.currentIndex() == 0
        assert len(messages) == before + 1
        assert messages[-1].startswith("Chưa soạn cảnh báo công khai: khu vực từ bản đồ không hợp lệ."), messages[-1]
    assert "Bán kính hình tròn từ bản đồ phải lớn hơn 0 km." in messages[2]
    assert "Đa giác cần ít nhất 3 đỉnh." in messages[9]

    # A polygon drawn on the map (a closed ring): the editor opens on it, with no alert behind it.
    ring = [[16.45, 107.55], [16.47, 107.55], [16.47, 107.58], [16.45, 107.58], [16.45, 107.55]]
    payload = {"area": {"polygon": ring}, "description": "Phường Thuận Hóa, ven sông Hương"}
    assert navigation.request(DRAFT_WARNING_FOR_AREA, payload)
    assert workspace.tabs.currentIndex() == workspace.warnings_tab
    assert messages[-1] == "Đã mở cảnh báo công khai mới với khu vực vẽ trên bản đồ."
    assert len(opened) == 1
    polygon_editor = opened[0]
    assert polygon_editor.windowTitle() == "Cảnh báo công khai mới"
    assert polygon_editor.area.uses_polygon()
    assert polygon_editor.area.area() == {
        "description": "Phường Thuận Hóa, ven sông Hương",
        "polygon": ring[:-1],
        "circle": None,
    }
    assert polygon_editor.body()["alert_id"] is None
    polygon_editor.reject()

    # A circle: filled in, then saved as a draft through the outbox to the server.
    circle = {"lat": 16.4637, "lon": 107.5909, "radius_km": 1.25}
    assert navigation.request(DRAFT_WARNING_FOR_AREA, {"area": {"circle": circle}, "description": "Quanh Đại Nội"})
    dialog = opened[-1]
    assert dialog.area.area() == {"description": "Quanh Đại Nội", "polygon": None, "circle": circle}
    # Only the texts are left to write: no "verified alert" problem for a warning of an area.
    assert "verified" not in dialog.problems.text() and "xác minh" not in dialog.problems.text()
    for block, words in ((dialog.vi, "Ngập sâu"), (dialog.en, "Deep flooding")):
        block.event.setText(words)
        block.headline.setText(words)
        block.description.setPlainText(words)
        block.instruction.setPlainText(words)
        block.categories.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as blocker:
        dialog.save_button.click()
    entry = blocker.args[0]
    assert entry.body["alert_id"] is None and entry.body["area"]["circle"] == circle
    qtbot.waitUntil(lambda: connection.store.entry(entry.id).state == "applied", timeout=WAIT_MS)

    def stored() -> list[dict[str, Any]]:
        return [
            w for w in connection.store.list("warning") if (w.get("area") or {}).get("description") == "Quanh Đại Nội"
        ]

    qtbot.waitUntil(lambda: len(stored()) == 1, timeout=WAIT_MS)
    draft = stored()[0]
    assert draft["state"] == "draft" and draft["alert_id"] is None


def test_a_role_that_may_not_draft_gets_no_editor(qtbot, window):
    workspace = _sign_in(qtbot, window, "leader")
    opened = _opened_editors(workspace)
    messages: list[str] = []
    workspace.status_message.connect(lambda text, _ms: messages.append(text))
    payload = {"area": {"circle": {"lat": 16.4637, "lon": 107.5909, "radius_km": 1}}, "description": "Đại Nội"}
    assert not window._context.navigation.request(DRAFT_WARNING_FOR_AREA, payload)
    assert opened == [] and messages == ["Vai trò của bạn không được soạn cảnh báo công khai."]
