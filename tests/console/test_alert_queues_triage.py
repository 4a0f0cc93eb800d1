"""Keyboard triage in the alert queues against a real backend: keys, selection, bulk, roles, help, attention."""

from __future__ import annotations

from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers, server_alert
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ioc_console.services.alert_dialogs import CloseAlertDialog, VerifyAlertDialog
from ioc_console.shell.main_window import MainWindow


class DetailDouble(QLabel):
    """Stands in for helper E's detail pane: records what it was asked to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: list[Any] = []

    def show_alert(self, alert: dict | None) -> None:
        self.shown.append(alert)


def _sign_in(qtbot, window: MainWindow, role: str) -> Any:
    connection = window._context.connection
    connection.sign_in(role, DEMO_PASSWORDS[role])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    workspace = window.workspace("alerts")
    qtbot.waitUntil(workspace.is_loaded, timeout=WAIT_MS)
    # The first sync fills the cache after sign-in; its pages reach the model as they are applied.
    store = connection.store
    qtbot.waitUntil(lambda: workspace.model.rowCount() > 20, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: workspace.model.pending_count() == 0, timeout=WAIT_MS)
    assert store is not None
    window.show_workspace_key("alerts")
    return workspace


@pytest.fixture()
def window(qtbot, backend, make_window) -> MainWindow:
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    return window


def _select(workspace, queue: str, accept=lambda a: True, skip=frozenset()) -> dict:
    workspace.queue_list.select_queue(queue)
    proxy = workspace.proxy
    for row in range(proxy.rowCount()):
        alert = proxy.alert_at(row)
        if str(alert["id"]) not in skip and accept(alert):
            workspace.table.setCurrentIndex(proxy.index(row, 0))
            workspace.table.setFocus()
            return alert
    raise AssertionError(f"no matching alert in queue {queue}")


def _wait_state(qtbot, workspace, alert_id: Any, state: str) -> None:
    model = workspace.model
    qtbot.waitUntil(lambda: model.alert_at(model.row_of(alert_id))["state"] == state, timeout=WAIT_MS)


def test_workspace_holds_every_cached_alert_in_queues_with_counts(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "operator")
    model = workspace.model
    store = window._context.connection.store
    assert model.rowCount() == store.count("alert") > 0
    assert model.count("open") == sum(store.count("alert", state=s) for s in ("new", "acknowledged", "in_progress"))
    assert workspace.proxy.queue() == "open" and workspace.proxy.rowCount() == model.count("open")
    # An operator does not get the supervisors' escalation queue.
    assert "breached" not in workspace.queue_list.queues() and "mine" in workspace.queue_list.queues()
    assert workspace.queue_list.item_text("open").endswith(str(model.count("open")))
    assert window.findChild(QWidget, "tickerDock") is not None


def test_a_acknowledges_the_current_alert_through_the_outbox(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "operator")
    alert = _select(workspace, "new")
    with qtbot.waitSignal(workspace.triage._submitter.submitted, timeout=WAIT_MS):
        qtbot.keyClick(workspace.table, "a")
    _wait_state(qtbot, workspace, alert["id"], "acknowledged")
    assert server_alert(backend.url, alert["id"], http_headers(backend.url, "operator"))["state"] == "acknowledged"
    # It left "new" in place: no longer in that queue, same row in the model.
    assert workspace.proxy.row_of(alert["id"]) == -1 and workspace.proxy.queue() == "new"
    workspace.queue_list.select_queue("mine")
    assert workspace.proxy.row_of(alert["id"]) >= 0


def test_v_and_c_open_the_existing_dialogs_on_the_current_alert(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "operator")
    alert = _select(workspace, "new")
    qtbot.keyClick(workspace.table, "v")
    dialog = workspace.triage.open_dialog()
    assert isinstance(dialog, VerifyAlertDialog) and dialog.verdict() is None
    dialog.reject()
    qtbot.keyClick(workspace.table, "c")
    dialog = workspace.triage.open_dialog()
    assert isinstance(dialog, CloseAlertDialog) and dialog.isVisible()
    dialog.set_reason("duplicate")
    with qtbot.waitSignal(workspace.triage._submitter.submitted, timeout=WAIT_MS):
        dialog.accept()
    _wait_state(qtbot, workspace, alert["id"], "closed")


def test_space_marks_shift_arrows_extend_and_arrows_keep_the_marks(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "operator")
    table = workspace.table
    _select(workspace, "open")
    selection = table.selectionModel()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(selection.selectedRows()) == 2 and workspace.triage.is_bulk()
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the cursor moves, the marks stay
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 3 and len(selection.selectedRows()) == 2
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert sorted(i.row() for i in selection.selectedRows()) == [1, 2, 3] or sorted(
        i.row() for i in selection.selectedRows()
    ) == [0, 1, 3]
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert len(selection.selectedRows()) == 2
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert [i.row() for i in selection.selectedRows()] == [3]


def test_bulk_acknowledge_is_one_outbox_write_and_reports_the_result(qtbot, window, backend):
    actions = pytest.importorskip("backend_client.api.actions")
    if not hasattr(actions, "bulk_alert_action"):
        pytest.skip("needs alerts-c-client (bulk_alert_action) and alerts-f-bulkstats (POST /alerts/bulk) merged")
    workspace = _sign_in(qtbot, window, "operator")
    table = workspace.table
    first = _select(workspace, "new")
    for _ in range(2):
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    chosen = workspace.triage.selected_alerts()
    assert len(chosen) == 3 and chosen[0]["id"] == first["id"]
    # Someone else acknowledges one of them first: it must come back as a conflict.
    other = http_headers(backend.url, "supervisor")
    import requests

    answer = requests.post(
        f"{backend.url}/api/v1/alerts/{chosen[1]['id']}/transition",
        json={"to": "acknowledged", "version": chosen[1]["version"]},
        headers={**other, "Idempotency-Key": f"test-bulk-{chosen[1]['id']}"},
        timeout=10,
    )
    answer.raise_for_status()
    with qtbot.waitSignal(workspace.triage.bulk_queued, timeout=WAIT_MS) as queued:
        qtbot.keyClick(table, "a")
    entry_id, action, count = queued.args
    assert (action, count) == ("acknowledge", 3)
    assert sum(1 for e in window._context.outbox.entries() if e.kind == "alert.bulk") == 1
    with qtbot.waitSignal(workspace.triage.bulk_finished, timeout=WAIT_MS) as finished:
        pass
    report = finished.args[0]
    assert report["entry_id"] == entry_id
    assert sorted(report["succeeded"]) == sorted([chosen[0]["id"], chosen[2]["id"]])
    assert report["failed"] == [(chosen[1]["id"], "conflict")]
    assert "2" in workspace.bulk_label.text() and f"#{chosen[1]['id']}" in workspace.bulk_label.text()


def test_help_overlay_lists_the_keys_for_the_role(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "operator")
    _select(workspace, "open")
    qtbot.keyClick(workspace.table, Qt.Key.Key_F1)
    assert workspace.help_overlay.isVisible()
    lines = workspace.help_overlay.lines()
    assert any(line.startswith("A\t") for line in lines) and any(line.startswith("Space\t") for line in lines)
    qtbot.keyClick(workspace.table, Qt.Key.Key_Right)
    assert not workspace.help_overlay.isVisible()
    qtbot.keyClick(workspace.table, "?")
    assert workspace.help_overlay.isVisible()


def test_leader_sees_queues_but_no_action_keys(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "leader")
    assert workspace.model.count("open") > 0 and "breached" not in workspace.queue_list.queues()
    alert = _select(workspace, "new")
    assert all(not act.isVisible() and not act.isEnabled() for act in workspace.triage.actions())
    qtbot.keyClick(workspace.table, "a")
    qtbot.wait(300)
    assert workspace.model.alert_at(workspace.model.row_of(alert["id"]))["state"] == "new"
    assert not any(e.resource_id == str(alert["id"]) for e in window._context.outbox.entries())
    workspace.show_help()
    assert not any(line.startswith("A\t") for line in workspace.help_overlay.lines())


def test_supervisor_gets_the_escalation_queue(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "supervisor")
    assert "breached" in workspace.queue_list.queues()


def test_participant_sees_no_alerts(qtbot, window, backend):
    connection = window._context.connection
    connection.sign_in("participant", DEMO_PASSWORDS["participant"])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    workspace = window.workspace("alerts")
    qtbot.waitUntil(workspace.is_loaded, timeout=WAIT_MS)
    assert workspace.model.rowCount() == 0 and workspace.no_alerts_label.isVisibleTo(workspace)
    assert not workspace.table.isVisibleTo(workspace)


def test_a_live_critical_alert_rings_and_flashes_without_an_audio_device(qtbot, window, backend):
    workspace = _sign_in(qtbot, window, "operator")
    attention = workspace.attention
    existing = workspace.model.alert_at(0)
    assert not workspace.flash_frame.isVisibleTo(workspace)  # no empty band before the first one
    critical = dict(existing, id=9_999_001, severity="critical", state="new", version=1)
    workspace.model.add_changes([{"resource": "alert", "id": "9999001", "op": "upsert", "data": critical}])
    workspace.model.flush()
    assert attention.flashes == 1 and attention.rings == 1 and attention.is_flashing()
    assert workspace.flash_frame.property("flash") is True
    assert workspace.flash_label.text() and workspace.flash_frame.isVisibleTo(workspace)
    # Where Qt Multimedia cannot play (no audio library, as on CI), the operator is told so.
    assert attention.silent == (workspace.mute_box.toolTip() != "")
    qtbot.waitUntil(lambda: not attention.is_flashing(), timeout=5000)
    assert workspace.flash_frame.property("flash") is False
    # Muted in the settings: flash only.
    workspace.mute_box.setChecked(True)
    assert window._context.settings.alert_sound_muted is True
    assert attention.ring() is False
    workspace.volume_slider.setValue(40)
    assert window._context.settings.alert_sound_volume == pytest.approx(0.4)
