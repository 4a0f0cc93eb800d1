"""The event log's saved views in the console: apply, save, update, delete; offline through the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers, sign_in
from faultproxy import FaultProxy
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox


class ServerViews:
    """The operator's views as the server has them (plain HTTP); removes the test's own at the end."""

    def __init__(self, url: str, prefix: str) -> None:
        self.url, self.prefix = url, prefix
        self.headers = http_headers(url, "operator")

    def mine(self) -> dict[str, dict]:
        answer = requests.get(f"{self.url}/api/v1/me/views", headers=self.headers, timeout=10)
        answer.raise_for_status()
        return {v["name"]: v for v in answer.json()["items"] if v["name"].startswith(self.prefix)}

    def create(self, name: str, data: dict) -> dict:
        answer = requests.post(
            f"{self.url}/api/v1/me/views",
            headers=self.headers,
            timeout=10,
            json={"name": name, "kind": "event_log", "data": data},
        )
        answer.raise_for_status()
        return answer.json()

    def cleanup(self) -> None:
        for view in self.mine().values():
            requests.delete(
                f"{self.url}/api/v1/me/views/{view['id']}",
                headers=self.headers,
                timeout=10,
                params={"version": view["version"]},
            )


@pytest.fixture()
def server_views(backend) -> Iterator[ServerViews]:
    views = ServerViews(backend.url, f"UI {uuid.uuid4().hex[:6]}")
    yield views
    views.cleanup()


def combo_texts(control) -> list[str]:
    combo = control.combo()
    return [combo.itemText(i) for i in range(combo.count())]


def save_through_dialog(control, name: str) -> None:
    control.save_current()
    dialog = control.open_dialog()
    assert dialog is not None and dialog.isVisible() and dialog.objectName() == "saveViewDialog"
    dialog.setTextValue(name)
    dialog.accept()


def confirm(control, name: str) -> None:
    box = control.last_message()
    assert box is not None and box.isVisible() and box.objectName() == name
    box.button(QMessageBox.StandardButton.Ok).click()


def test_apply_save_update_and_delete_views_online(qtbot, backend, make_window, server_views) -> None:
    p = server_views.prefix
    server_views.create(f"{p} Nghiêm trọng", {"text": "cháy", "min_level": "critical"})
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    workspace = window.workspace("events")
    control, view = workspace.saved_views, workspace.view
    qtbot.waitUntil(lambda: f"{p} Nghiêm trọng" in combo_texts(control), timeout=WAIT_MS)
    assert combo_texts(control)[0] == "— Bộ lọc đã lưu —"
    assert not control.act_update.isEnabled() and not control.act_delete.isEnabled()

    # Picking a view shows the log through its filters.
    combo = control.combo()
    combo.setCurrentIndex(combo.findText(f"{p} Nghiêm trọng"))
    combo.activated.emit(combo.currentIndex())
    assert (view.text_filter(), view.minimum_level()) == ("cháy", "critical")
    assert control.selected().name == f"{p} Nghiêm trọng" and not control.is_modified()
    assert control.act_delete.isEnabled() and control.act_delete.text() == f"&Xóa “{p} Nghiêm trọng”…"

    # Changing a filter marks the view changed; "update" stores the new filters on the server.
    view.filter_edit().setText("cháy rừng")
    assert control.is_modified() and combo.currentText() == f"✎ {p} Nghiêm trọng (đã sửa)"
    assert control.act_update.isEnabled()
    control.act_update.trigger()
    confirm(control, "replaceViewBox")
    qtbot.waitUntil(lambda: server_views.mine()[f"{p} Nghiêm trọng"]["data"]["text"] == "cháy rừng", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: combo.currentText() == f"{p} Nghiêm trọng", timeout=WAIT_MS)

    # Saving the current filters under a new name (Ctrl+Shift+S in the log) creates a second view and selects it.
    view.apply_filters("Phú Hội", "warning")
    window.activateWindow()  # the confirmation box that just closed had been the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    view.table().setFocus()
    qtbot.keyClick(view.table(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = control.open_dialog()
    assert dialog is not None and dialog.objectName() == "saveViewDialog"
    assert dialog.textValue() == f"{p} Nghiêm trọng"  # offered: the selected view's name
    dialog.setTextValue(f"  {p} Phú Hội  ")
    dialog.accept()
    qtbot.waitUntil(lambda: f"{p} Phú Hội" in server_views.mine(), timeout=WAIT_MS)
    assert server_views.mine()[f"{p} Phú Hội"]["data"] == {"text": "Phú Hội", "min_level": "warning"}
    qtbot.waitUntil(lambda: combo.currentText() == f"{p} Phú Hội", timeout=WAIT_MS)
    assert window.pending_label.text() == "Đang chờ gửi: 0"

    # Deleting asks first, then removes it on the server; the log keeps its filters.
    control.delete_selected()
    confirm(control, "deleteViewBox")
    qtbot.waitUntil(lambda: f"{p} Phú Hội" not in server_views.mine(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: f"{p} Phú Hội" not in combo_texts(control), timeout=WAIT_MS)
    assert view.text_filter() == "Phú Hội" and control.selected() is None

    # Signing out hides this user's views from whoever uses the console next.
    window._context.connection.sign_out()
    qtbot.waitUntil(lambda: combo_texts(control) == ["— Bộ lọc đã lưu —"], timeout=WAIT_MS)
    assert not control.act_save.isEnabled()


def test_a_view_saved_offline_shows_at_once_and_is_sent_when_the_server_returns(
    qtbot, backend, make_window, server_views
) -> None:
    p = server_views.prefix
    proxy = FaultProxy(backend.url)
    try:
        window = make_window(proxy.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        window.show()
        sign_in(qtbot, window)
        control, view = window.workspace("events").saved_views, window.workspace("events").view
        proxy.set_mode("refuse")
        qtbot.waitUntil(lambda: window._context.connection.state == "offline", timeout=WAIT_MS)

        view.apply_filters("Vỹ Dạ", "critical")
        save_through_dialog(control, f"{p} Ngoại tuyến")
        pending_text = f"⏳ {p} Ngoại tuyến (đang chờ gửi)"
        qtbot.waitUntil(lambda: control.combo().currentText() == pending_text, timeout=WAIT_MS)
        assert window.pending_label.text() == "Đang chờ gửi: 1"
        assert control.selected().pending and control.selected().is_placeholder
        assert server_views.mine() == {}

        # A rename while still offline re-queues the create: the server gets one view, with the new name.
        control.rename_selected()
        dialog = control.open_dialog()
        assert dialog.objectName() == "renameViewDialog" and dialog.textValue() == f"{p} Ngoại tuyến"
        dialog.setTextValue(f"{p} Vỹ Dạ")
        dialog.accept()
        qtbot.waitUntil(lambda: control.combo().currentText() == f"⏳ {p} Vỹ Dạ (đang chờ gửi)", timeout=WAIT_MS)

        # A create that is being sent cannot be withdrawn: the operator is told, nothing changes.
        store = window._context.connection.store
        entry = store.pending()[-1]
        store.mark_sending(entry.id)
        control.delete_selected()
        with qtbot.waitSignal(control.change_failed, timeout=WAIT_MS):
            confirm(control, "deleteViewBox")
        assert control.last_message().objectName() == "viewNotSavedBox"
        assert "đang được gửi" in control.last_message().text()
        control.last_message().close()
        store.requeue(entry.id)
        assert control.combo().currentText() == f"⏳ {p} Vỹ Dạ (đang chờ gửi)"

        proxy.set_mode("pass")
        window._context.connection.wake()
        qtbot.waitUntil(lambda: control.combo().currentText() == f"{p} Vỹ Dạ", timeout=WAIT_MS)
        assert list(server_views.mine()) == [f"{p} Vỹ Dạ"]
        assert server_views.mine()[f"{p} Vỹ Dạ"]["data"] == {"text": "Vỹ Dạ", "min_level": "critical"}
        assert not control.selected().pending and not control.selected().is_placeholder
        qtbot.waitUntil(lambda: window.pending_label.text() == "Đang chờ gửi: 0", timeout=WAIT_MS)
    finally:
        proxy.stop()


def test_saving_under_an_existing_name_asks_to_replace_and_names_are_shown_as_plain_text(
    qtbot, backend, make_window, server_views
) -> None:
    p = server_views.prefix
    hostile = f"{p} <b>đậm</b>"
    server_views.create(hostile, {"text": "a", "min_level": "info"})
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    control, view = window.workspace("events").saved_views, window.workspace("events").view
    qtbot.waitUntil(lambda: hostile in combo_texts(control), timeout=WAIT_MS)

    view.apply_filters("b", "warning")
    save_through_dialog(control, hostile)
    box = control.last_message()
    assert box.objectName() == "replaceViewBox" and hostile in box.text()
    assert box.textFormat().name == "PlainText"
    box.button(QMessageBox.StandardButton.Cancel).click()  # nothing changes
    view.apply_filters("a", "info")
    assert control.selected().name == hostile and not control.is_modified()
    assert server_views.mine()[hostile]["version"] == 1
