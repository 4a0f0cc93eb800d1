"""Verify (V) and dispatch (D) on alerts in the console: dialogs, outbox, real backend, texts, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests
from console_helpers import (
    CLIENT_OPTIONS,
    ENGINE_OPTIONS,
    WAIT_MS,
    alert_row_text,
    http_headers,
    server_alert,
    sign_in,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox

from backend_client.api import actions
from ioc_console.services import outbox_text
from ioc_console.services.alert_dialogs import (
    CloseAlertDialog,
    DispatchAlertDialog,
    NoteDialog,
    VerifyAlertDialog,
)
from ioc_console.services.event_text import AnalyticsCatalogue, summary
from ioc_console.services.outbox_model import COL_ACTION
from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces.events.event_log_model import COL_SUMMARY
from ioc_domain.dispatch import EMERGENCY_115, FIRE_AND_RESCUE_POLICE, FOREST_RANGERS, TRAFFIC_POLICE, suggested_units
from widgets.item_roles import ItemRole

FOREST = {"forest_fire", "smoke", "straw_burning", "forest_intrusion"}
HOSTILE_UNIT = "<b>x</b>&"
FOREST_ALERT = {
    "id": 17,
    "analytic": "forest_fire",
    "ward": "Xã A Lưới 3",
    "camera_id": "cam-0412",
    "detected_at": "2026-11-26T07:01:07+00:00",
    "state": "new",
    "version": 3,
}


# -- helpers --------------------------------------------------------------------------------------
def _select(window: MainWindow, accept: Callable[[dict[str, Any]], bool], skip: set[str] = frozenset()) -> dict:
    """Make current the newest row of the first alert that ``accept``s (as it is now); return its data."""
    table = window.workspace("events").view.table()
    model = table.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        data = index.data(ItemRole.DATA)
        key = index.data(ItemRole.KEY) or ""
        if not (key.startswith("alert:") and data) or str(data["id"]) in skip:
            continue
        # An alert has one row per change: only its newest row shows (and acts on) its current version.
        if data.get("version") == _cached_alert(window, data["id"]).get("version") and accept(data):
            table.setCurrentIndex(index)
            return dict(data)
    raise AssertionError("no such alert in the event log")


def _cached_alert(window: MainWindow, alert_id: Any) -> dict[str, Any]:
    """The alert as the console holds it now (the newest event-log row of it)."""
    model = window.workspace("events").model
    row = model.last_row_for_key(f"alert:{alert_id}")
    return dict(model.index(row, 0).data(ItemRole.DATA)) if row >= 0 else {}


def _row_tooltip(window: MainWindow, alert_id: Any) -> str:
    model = window.workspace("events").model
    return model.index(model.last_row_for_key(f"alert:{alert_id}"), COL_SUMMARY).data(Qt.ItemDataRole.ToolTipRole)


def _press(qtbot, window: MainWindow, key: str) -> None:
    table = window.workspace("events").view.table()
    table.setFocus()
    qtbot.keyClick(table, key)


def _wait_applied(qtbot, window: MainWindow, entry_id: int) -> Any:
    outbox = window._context.outbox

    def applied() -> bool:
        return any(e.id == entry_id and e.state == "applied" for e in outbox.entries())

    qtbot.waitUntil(applied, timeout=WAIT_MS)
    return next(e for e in outbox.entries() if e.id == entry_id)


@pytest.fixture()
def operator_window(qtbot, backend, make_window) -> MainWindow:
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    return window


# -- end to end against the real backend -----------------------------------------------------------
@pytest.mark.parametrize("verdict", ["confirmed", "false_alarm"])
def test_verify_with_each_verdict_is_queued_and_applied(qtbot, backend, operator_window, verdict):
    window = operator_window
    alert_actions = window.workspace("events").alert_actions
    alert = _select(window, lambda a: a["state"] == "new" and not a.get("verification"))
    _press(qtbot, window, "v")
    dialog = alert_actions.open_dialog()
    assert isinstance(dialog, VerifyAlertDialog) and dialog.isVisible()
    assert dialog.verdict() is None and not dialog.ok_button().isEnabled(), "no verdict may be preselected"
    dialog.accept()  # Enter with nothing chosen does nothing
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.verdict_button(verdict), Qt.MouseButton.LeftButton)
    assert dialog.verdict() == verdict and dialog.ok_button().isEnabled()
    dialog.note_edit().setPlainText("  Đã kiểm tra qua camera  ")
    with qtbot.waitSignal(alert_actions.submitted, timeout=WAIT_MS) as queued:
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    entry = queued.args[0]
    assert entry.kind == "alert.verify"
    assert entry.path == f"/alerts/{alert['id']}/verify"
    assert entry.body == {"verdict": verdict, "version": alert["version"], "note": "Đã kiểm tra qua camera"}

    _wait_applied(qtbot, window, entry.id)
    qtbot.waitUntil(
        lambda: (_cached_alert(window, alert["id"]).get("verification") or {}).get("verdict") == verdict,
        timeout=WAIT_MS,
    )
    cached = _cached_alert(window, alert["id"])
    assert cached["verification"]["by"] == "operator"
    on_server = server_alert(backend.url, alert["id"], http_headers(backend.url, "supervisor"))
    assert on_server["verification"]["verdict"] == verdict
    assert on_server["notes"][-1]["text"] == "Đã kiểm tra qua camera"
    text = alert_row_text(window, alert["id"])
    if verdict == "confirmed":
        assert on_server["state"] == "acknowledged" and on_server["owner"] == "operator"
        assert "Đã xác minh: sự cố thật (operator, lúc " in text
    else:
        assert on_server["state"] == "closed" and on_server["close_reason"] == "false_positive"
        assert "Đã xác minh: báo động giả (operator, lúc " in text
        # Closed now: neither verify nor dispatch is offered any more.
        _select(window, lambda a: str(a["id"]) == str(alert["id"]))
        assert not alert_actions.act_verify.isEnabled() and not alert_actions.act_dispatch.isEnabled()


def test_dispatch_to_a_suggested_unit(qtbot, backend, operator_window):
    window = operator_window
    alert_actions = window.workspace("events").alert_actions
    alert = _select(window, lambda a: a["state"] in ("new", "acknowledged") and not a.get("dispatch"))
    _press(qtbot, window, "d")
    dialog = alert_actions.open_dialog()
    assert isinstance(dialog, DispatchAlertDialog) and dialog.isVisible()
    assert dialog.unit() == "" and not dialog.ok_button().isEnabled(), "no unit may be preselected"
    # The heading names the analytic as the server's catalogue does (the workspace shares it).
    analytics = {
        a["code"]: a["name_vi"]
        for a in requests.get(
            f"{backend.url}/api/v1/analytics", headers=http_headers(backend.url, "operator"), timeout=30
        ).json()
    }
    heading = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"{analytics[alert['analytic']]} · " in heading
    suggestions = dialog.suggestions()
    assert suggestions == suggested_units(alert)
    assert f"Công an {alert['ward'].split(' ', 1)[0].lower()} {alert['ward'].split(' ', 1)[1]}" in suggestions
    combo = dialog.unit_combo()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the keyboard way to pick the first (most relevant) one
    assert dialog.unit() == suggestions[0] and dialog.ok_button().isEnabled()
    with qtbot.waitSignal(alert_actions.submitted, timeout=WAIT_MS) as queued:
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    entry = queued.args[0]
    assert entry.kind == "alert.dispatch"
    assert entry.body == {"unit": suggestions[0], "version": alert["version"], "note": None}

    _wait_applied(qtbot, window, entry.id)
    qtbot.waitUntil(
        lambda: (_cached_alert(window, alert["id"]).get("dispatch") or {}).get("unit") == suggestions[0],
        timeout=WAIT_MS,
    )
    assert _cached_alert(window, alert["id"])["state"] == "in_progress"
    assert f"Đã điều phối cho {suggestions[0]} (operator, lúc " in alert_row_text(window, alert["id"])
    on_server = server_alert(backend.url, alert["id"], http_headers(backend.url, "supervisor"))
    assert on_server["dispatch"]["unit"] == suggestions[0] and on_server["state"] == "in_progress"


def test_dispatch_to_a_typed_unit_shows_outside_text_as_text(qtbot, backend, operator_window):
    window = operator_window
    alert_actions = window.workspace("events").alert_actions
    alert = _select(window, lambda a: a["state"] == "new" and not a.get("dispatch"))
    _press(qtbot, window, "d")
    dialog = alert_actions.open_dialog()
    dialog.unit_combo().setEditText("   ")
    assert not dialog.ok_button().isEnabled(), "a blank unit is refused"
    qtbot.keyClicks(dialog.unit_combo().lineEdit(), f"  {HOSTILE_UNIT}  ")
    assert dialog.unit() == HOSTILE_UNIT and dialog.ok_button().isEnabled()
    dialog.note_edit().setPlainText("Gọi trực ban")
    assert dialog.unit_combo().insertPolicy() == QComboBox.InsertPolicy.NoInsert  # Enter adds no suggestion
    with qtbot.waitSignal(alert_actions.submitted, timeout=WAIT_MS) as queued:
        qtbot.keyClick(dialog.unit_combo().lineEdit(), Qt.Key.Key_Return)  # Enter dispatches
    entry = queued.args[0]
    assert entry.kind == "alert.dispatch"
    assert entry.body == {"unit": HOSTILE_UNIT, "version": alert["version"], "note": "Gọi trực ban"}

    _wait_applied(qtbot, window, entry.id)
    qtbot.waitUntil(
        lambda: (_cached_alert(window, alert["id"]).get("dispatch") or {}).get("unit") == HOSTILE_UNIT, timeout=WAIT_MS
    )
    tooltip = _row_tooltip(window, alert["id"])
    assert "Đã điều phối cho &lt;b&gt;x&lt;/b&gt;&amp; (operator, lúc " in tooltip
    assert "<b>" not in tooltip
    # The pending-actions list shows it as text too.
    model = window.outbox_panel.table().model()
    action_texts = [model.index(row, COL_ACTION).data() for row in range(model.rowCount())]
    tips = [model.index(row, COL_ACTION).data(Qt.ItemDataRole.ToolTipRole) or "" for row in range(model.rowCount())]
    assert f"Điều phối cảnh báo #{alert['id']} cho {HOSTILE_UNIT}" in action_texts
    assert any("&lt;b&gt;x&lt;/b&gt;&amp;" in tip for tip in tips) and not any("<b>x" in tip for tip in tips)
    on_server = server_alert(backend.url, alert["id"], http_headers(backend.url, "supervisor"))
    assert on_server["dispatch"]["unit"] == HOSTILE_UNIT


def test_a_stale_dispatch_lands_in_conflicts_with_the_unit_and_state(qtbot, fresh_backend, make_window):
    url = f"{fresh_backend.url}/api/v1"
    window = make_window(fresh_backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    alert = _select(window, lambda a: a["state"] == "new")
    # A supervisor acknowledges the alert on the server before the operator's dispatch arrives.
    supervisor = http_headers(fresh_backend.url, "supervisor")
    answer = requests.post(
        f"{url}/alerts/{alert['id']}/transition",
        headers=supervisor,
        timeout=10,
        json={"to": "acknowledged", "version": alert["version"]},
    )
    assert answer.status_code == 200, answer.text
    window._context.connection.submit(actions.dispatch_alert(alert, HOSTILE_UNIT))

    panel = window.conflicts_panel
    qtbot.waitUntil(lambda: panel.count() == 1, timeout=WAIT_MS)
    panel.select_row(0)
    mine = panel.mine_text()
    assert f"Điều phối cảnh báo #{alert['id']} cho &lt;b&gt;x&lt;/b&gt;&amp;" in mine
    assert "<td>Đang xử lý</td>" in mine and "<td>&lt;b&gt;x&lt;/b&gt;&amp;</td>" in mine
    assert "<b>x" not in mine
    assert "Đã tiếp nhận" in panel.server_text() and "supervisor" in panel.server_text()
    panel.retry_button().click()
    qtbot.waitUntil(lambda: panel.count() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: (_cached_alert(window, alert["id"]).get("dispatch") or {}).get("unit") == HOSTILE_UNIT, timeout=WAIT_MS
    )
    on_server = server_alert(fresh_backend.url, alert["id"], supervisor)
    assert on_server["state"] == "in_progress" and on_server["owner"] == "supervisor"


def test_verify_and_dispatch_hidden_for_the_leader(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window, "leader")
    alert_actions = window.workspace("events").alert_actions
    _select(window, lambda a: a["state"] == "new")
    assert not alert_actions.act_verify.isVisible() and not alert_actions.act_dispatch.isVisible()
    assert not alert_actions.act_verify.isEnabled() and not alert_actions.act_dispatch.isEnabled()
    menu = alert_actions.build_menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["Xem ảnh chụp"]
    _press(qtbot, window, "v")
    _press(qtbot, window, "d")
    assert alert_actions.open_dialog() is None
    assert window.pending_label.text() == "Đang chờ gửi: 0"


def test_operator_menu_offers_verify_and_dispatch_only_on_open_alerts(qtbot, operator_window):
    alert_actions = operator_window.workspace("events").alert_actions
    _select(operator_window, lambda a: a["state"] == "new")
    texts = [a.text() for a in alert_actions.build_menu().actions() if not a.isSeparator()]
    assert texts[:6] == [
        "&Tiếp nhận",
        "&Xác minh qua camera…",
        "Điều &phối cho đơn vị…",
        "&Bắt đầu xử lý",
        "Đó&ng…",
        "Thêm &ghi chú…",
    ]
    assert alert_actions.act_verify.shortcut().toString() == "V"
    assert alert_actions.act_dispatch.shortcut().toString() == "D"
    assert alert_actions.act_verify.isEnabled() and alert_actions.act_dispatch.isEnabled()
    _select(operator_window, lambda a: a["state"] == "closed")
    assert alert_actions.act_verify.isVisible() and not alert_actions.act_verify.isEnabled()
    assert not alert_actions.act_dispatch.isEnabled()
    _press(qtbot, operator_window, "d")
    assert alert_actions.open_dialog() is None, "no dialog for a closed alert"


def test_shortcut_help_lists_verify_and_dispatch(operator_window):
    # The alert queues list the same keys for their table: every line of a key counts.
    keys: dict[str, list[str]] = {}
    for key, text in operator_window.shortcut_list():
        keys.setdefault(QKeySequence(key).toString(), []).append(text)
    assert any(text.startswith("Nhật ký sự kiện: xác minh cảnh báo đang chọn") for text in keys["V"])
    assert any(text.startswith("Nhật ký sự kiện: điều phối cảnh báo đang chọn") for text in keys["D"])


# -- dialogs and words, no backend needed ----------------------------------------------------------
def test_verify_dialog_needs_a_verdict_and_says_a_false_alarm_closes(qtbot, languages):
    dialog = VerifyAlertDialog(FOREST_ALERT, "Cháy rừng")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.verdict() is None and not dialog.ok_button().isEnabled()
    assert dialog.verdict_button("confirmed").text() == "&Xác nhận — sự cố thật"
    assert dialog.verdict_button("false_alarm").text() == "&Báo động giả"
    hints = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert hints["verdictHint_false_alarm"] == "Cảnh báo sẽ được đóng với lý do báo động giả."
    dialog.set_verdict("false_alarm")
    assert dialog.ok_button().isEnabled() and dialog.ok_button().text() == "Đóng: báo động giả"
    dialog.set_verdict("confirmed")
    assert dialog.ok_button().text() == "Xác nhận sự cố"
    languages.set_language("en")  # LanguageChange is delivered through the event loop
    qtbot.waitUntil(lambda: dialog.verdict_button("confirmed").text() == "&Confirmed — real incident")
    assert dialog.ok_button().text() == "Confirm incident"


def test_dispatch_dialog_refuses_blank_and_too_long_units(qtbot, languages):
    alert = dict(
        FOREST_ALERT, dispatch={"unit": "<i>Đội cũ</i>", "by": "supervisor", "at": "2026-11-26T07:03:00+00:00"}
    )
    dialog = DispatchAlertDialog(alert, "Cháy rừng", suggested_units(alert))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button().isEnabled()
    dialog.unit_combo().setEditText(" \t ")
    assert not dialog.ok_button().isEnabled()
    dialog.accept()
    assert dialog.result() == 0 and dialog.isVisible()
    dialog.unit_combo().setEditText("x" * 201)
    assert not dialog.ok_button().isEnabled()
    assert dialog.problem_text() == "Tên đơn vị quá dài: 201 ký tự, tối đa 200."
    assert dialog.unit_combo().currentText() == "x" * 201, "what was typed is kept"
    dialog.unit_combo().setEditText("  " + "x" * 200 + "  ")
    assert dialog.ok_button().isEnabled() and dialog.problem_text() == ""
    previous = dialog.findChild(QLabel, "dispatchPrevious")
    assert previous.textFormat() == Qt.TextFormat.PlainText
    assert previous.text().startswith("Đã điều phối cho <i>Đội cũ</i> (supervisor, lúc 14:03).")


def _note_dialogs():
    """Each alert dialog that takes a note, ready to accept but for the note: (dialog, its note box,
    its problem label's name, how it reads the note)."""
    verify = VerifyAlertDialog(FOREST_ALERT, "Cháy rừng")
    verify.set_verdict("confirmed")
    dispatch = DispatchAlertDialog(FOREST_ALERT, "Cháy rừng", suggested_units(FOREST_ALERT))
    dispatch.unit_combo().setEditText("Hạt Kiểm lâm")
    close = CloseAlertDialog("17")
    note = NoteDialog("17")
    return [
        (verify, verify.note_edit, "verifyNoteProblem", verify.note),
        (dispatch, dispatch.note_edit, "dispatchNoteProblem", dispatch.note),
        (close, close.note_edit, "closeNoteProblem", close.note),
        (note, note.text_edit, "alertNoteProblem", note.text),
    ]


def test_a_note_over_the_limit_is_refused_with_a_reason_and_never_cut(qtbot, languages):
    for dialog, edit, problem_name, read_note in _note_dialogs():
        qtbot.addWidget(dialog)
        dialog.show()
        problem = dialog.findChild(QLabel, problem_name)
        edit().setPlainText("ghi chú " + "x" * 1993)  # 2001 characters
        assert not dialog.ok_button().isEnabled(), dialog.objectName()
        assert problem.isVisible() and problem.text() == "Ghi chú quá dài: 2001 ký tự, tối đa 2000."
        dialog.accept()  # Enter: refused, the dialog and the text stay
        assert dialog.isVisible() and read_note() == "ghi chú " + "x" * 1993, "kept whole, never cut"
        edit().setPlainText("  ghi chú " + "x" * 1992 + "  ")  # 2000 once trimmed: allowed
        assert dialog.ok_button().isEnabled() and not problem.isVisible(), dialog.objectName()


def test_forest_fire_suggestions_start_with_rangers_and_fire_police(qtbot, languages):
    units = suggested_units(FOREST_ALERT)
    assert units[:2] == [FOREST_RANGERS, FIRE_AND_RESCUE_POLICE]
    assert "Công an xã A Lưới 3" in units and "UBND xã A Lưới 3" in units and EMERGENCY_115 in units
    # The server's catalogue decides the category when the console has it.
    catalogue = AnalyticsCatalogue([{"code": "new_code", "name_vi": "Mới", "name_en": "New", "category": "traffic"}])
    assert (
        suggested_units({"analytic": "new_code", "ward": "Phường Phú Hội"}, catalogue.category("new_code"))[0]
        == TRAFFIC_POLICE
    )
    assert suggested_units({"analytic": "crowd_gathering", "ward": "Phường Phú Hội"})[0] == "Công an phường Phú Hội"
    assert suggested_units({"analytic": "landslide", "ward": ""}) == [
        "Ban Chỉ huy Phòng chống thiên tai",
        FIRE_AND_RESCUE_POLICE,
        EMERGENCY_115,
    ]
    dialog = DispatchAlertDialog(FOREST_ALERT, "Cháy rừng", units)
    qtbot.addWidget(dialog)
    assert dialog.suggestions() == units


def _entry(action: actions.Action) -> dict:
    return {
        "kind": action.kind,
        "method": action.method,
        "path": action.path,
        "body": action.body,
        "resource": action.resource,
        "resource_id": action.resource_id,
    }


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "vi",
            [
                "Xác minh cảnh báo #17: Xác nhận — sự cố thật",
                "Xác minh cảnh báo #17: Báo động giả",
                "Điều phối cảnh báo #17 cho Hạt Kiểm lâm",
            ],
        ),
        (
            "en",
            [
                "Verify alert #17: Confirmed — real incident",
                "Verify alert #17: False alarm",
                "Dispatch alert #17 to Hạt Kiểm lâm",
            ],
        ),
    ],
)
def test_outbox_sentences_for_verify_and_dispatch(languages, language, expected):
    languages.set_language(language)
    queued = [
        actions.verify_alert(FOREST_ALERT, "confirmed"),
        actions.verify_alert(FOREST_ALERT, "false_alarm"),
        actions.dispatch_alert(FOREST_ALERT, "  Hạt Kiểm lâm "),
    ]
    assert [outbox_text.describe(_entry(action)) for action in queued] == expected
    marks = [outbox_text.target_label(_entry(action)) for action in queued]
    assert marks == (
        ["xác minh: Xác nhận — sự cố thật", "xác minh: Báo động giả", "điều phối cho Hạt Kiểm lâm"]
        if language == "vi"
        else ["verified: Confirmed — real incident", "verified: False alarm", "dispatched to Hạt Kiểm lâm"]
    )
    assert [outbox_text.target_state(_entry(action)) for action in queued] == [None, "closed", "in_progress"]


def test_event_text_shows_verification_and_dispatch(languages):
    alert = dict(
        FOREST_ALERT,
        state="in_progress",
        owner="operator",
        verification={"verdict": "confirmed", "by": "operator", "at": "2026-11-26T07:02:00+00:00"},
        dispatch={"unit": HOSTILE_UNIT, "by": "operator", "at": "2026-11-26T07:03:00+00:00"},
    )
    catalogue = AnalyticsCatalogue([{"code": "forest_fire", "name_vi": "Cháy rừng", "name_en": "Forest fire"}])
    assert summary("alert", "17", "upsert", alert, catalogue, "vi").endswith(
        " — Đang xử lý (operator) — Đã xác minh: sự cố thật (operator, lúc 14:02)"
        f" — Đã điều phối cho {HOSTILE_UNIT} (operator, lúc 14:03)"
    )
    languages.set_language("en")
    assert summary("alert", "17", "upsert", alert, catalogue, "en").endswith(
        " — Verified: confirmed by operator 14:02 — Dispatched to <b>x</b>& by operator 14:03"
    )


def test_a_refused_unit_is_reported_not_lost(qtbot, operator_window):
    """A unit the client builder refuses (too long) is never queued; the operator is told why."""
    alert_actions = operator_window.workspace("events").alert_actions
    alert = _select(operator_window, lambda a: a["state"] == "new")
    assert not alert_actions.perform("dispatch", alert, unit="x" * 201)
    box = alert_actions.last_message()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Dữ liệu đã nhập không gửi được" in box.text()
    assert "unit name" not in box.text(), "the builder's English reason stays in the log"
    box.close()
    assert operator_window.pending_label.text() == "Đang chờ gửi: 0"
