"""The alert snapshot action shows the prefetched cached JPEG while the server cannot be reached."""

from __future__ import annotations

from backend_process import start_backend
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, sign_in
from PySide6.QtWidgets import QLabel

from widgets.item_roles import ItemRole

PREFETCH = {"max_snapshots": 5}  # a handful keeps the test quick; the default is 200


def _select_alert_row(window, want_cached: bool, store) -> str:
    """Make current the first alert row whose snapshot is (or is not) cached; return its id."""
    table = window.workspace("events").view.table()
    model = table.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        key = index.data(ItemRole.KEY) or ""
        data = index.data(ItemRole.DATA)
        if key.startswith("alert:") and data:
            alert_id = str(data["id"])
            if (store.get_snapshot(alert_id) is not None) == want_cached:
                table.setCurrentIndex(index)
                return alert_id
    raise AssertionError(f"no alert row with cached={want_cached} in the event log")


def test_offline_snapshot_action_shows_the_cached_copy(qtbot, tmp_path, make_window):
    backend = start_backend(tmp_path)
    try:
        window = make_window(backend.url, {**ENGINE_OPTIONS, "prefetch": PREFETCH}, **CLIENT_OPTIONS)
        sign_in(qtbot, window)
        connection = window._context.connection
        prefetcher = connection.engine.prefetcher
        assert prefetcher is not None
        qtbot.waitUntil(lambda: prefetcher.stats["passes"] >= 1, timeout=WAIT_MS)
        assert prefetcher.stats["snapshots"] == PREFETCH["max_snapshots"]
        actions = window.workspace("events").alert_actions
        store = connection.store

        backend.stop()
        qtbot.waitUntil(lambda: connection.state == "offline", timeout=WAIT_MS)

        # Without a cached copy the action still says it needs the server.
        _select_alert_row(window, want_cached=False, store=store)
        qtbot.waitUntil(lambda: actions.act_snapshot.text() == "Xem ảnh chụp (cần máy chủ)", timeout=WAIT_MS)
        assert not actions.act_snapshot.isEnabled()

        alert_id = _select_alert_row(window, want_cached=True, store=store)
        qtbot.waitUntil(actions.act_snapshot.isEnabled, timeout=WAIT_MS)
        assert actions.act_snapshot.text() == "Xem ảnh chụp (bản lưu trên máy)"
        actions.act_snapshot.trigger()
        dialog = actions.open_dialog()
        assert dialog is not None and dialog.objectName() == "snapshotDialog"
        assert dialog.windowTitle() == (
            f"Ảnh chụp của cảnh báo #{alert_id} (bản lưu trên máy, không kết nối được máy chủ)"
        )
        label = dialog.findChild(QLabel, "snapshotImage")
        assert label is not None and not label.pixmap().isNull()
        assert label.pixmap().width() > 0
        dialog.close()
    finally:
        backend.stop()
