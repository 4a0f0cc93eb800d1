"""Starting without the server (offline grant), a damaged or newer cache at start, and a full disk when acting."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from backend_process import DEMO_PASSWORDS, start_backend
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, alert_row_text, select_alert, sign_in
from PySide6.QtCore import QCoreApplication, QEvent

from backend_client.cache import CacheStore, default_cache_path


def _files_containing(root: Path, secret: str) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and secret.encode() in path.read_bytes():
            found.append(path)
    return found


def test_start_offline_from_the_cache_with_the_offline_grant(qtbot, tmp_path, make_window, themed_app):
    from ioc_console.shell.app import ConsoleApp

    backend = start_backend(tmp_path)
    console = None
    try:
        # An earlier online shift on this machine: signed in, data synced, then the console closed.
        earlier = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
        sign_in(qtbot, earlier)
        qtbot.waitUntil(lambda: earlier._context.connection.data_as_of is not None, timeout=WAIT_MS)
        # The map kept the ward areas of this online start in the cache.
        store = earlier._context.connection.store
        qtbot.waitUntil(lambda: store.get_state("map.wards") is not None, timeout=WAIT_MS)
        earlier._context.connection.shutdown()
        earlier.close()
        backend.stop()

        console = ConsoleApp(themed_app, language="vi")
        console.start_remote(backend.url)
        dialog = console._login
        dialog.username_edit().setText("operator")
        dialog.password_edit().setText(DEMO_PASSWORDS["operator"])
        dialog.submit()
        qtbot.waitUntil(dialog.offline_available, timeout=WAIT_MS)
        assert dialog.error_text().startswith("Không kết nối được máy chủ IOC")
        assert dialog.findChild(type(dialog._open_offline), "loginOpenOffline").text() == "Mở &ngoại tuyến"
        dialog._open_offline.click()

        qtbot.waitUntil(lambda: console.window is not None and console.window.isVisible(), timeout=WAIT_MS)
        window = console.window
        qtbot.waitUntil(window.offline_banner.isVisible, timeout=WAIT_MS)
        assert window.offline_banner.title().startswith("NGOẠI TUYẾN — dữ liệu tính đến ")
        assert window.user_label.text().endswith(" — Điều hành viên")
        assert window.connection_indicator.text() == "Ngoại tuyến"
        qtbot.waitUntil(
            lambda: window.workspace("events").model.rowCount() > 20, timeout=WAIT_MS
        )  # newest cached alerts
        # Acting works offline too; what needs the server says so.
        qtbot.waitUntil(lambda: window._context.connection.engine is not None, timeout=WAIT_MS)
        actions = window.workspace("events").alert_actions
        alert = select_alert(window)
        assert actions.perform("acknowledge", alert)
        qtbot.waitUntil(lambda: window.pending_label.text() == "Đang chờ gửi: 1", timeout=WAIT_MS)
        assert alert_row_text(window, alert["id"]).startswith("⏳ Đã tiếp nhận — đang chờ gửi · ")
        # Offline, the snapshot is available only as the copy prefetched while online (if any).
        cached_text, server_text = "Xem ảnh chụp (bản lưu trên máy)", "Xem ảnh chụp (cần máy chủ)"
        assert actions.act_snapshot.text() in (cached_text, server_text)
        qtbot.waitUntil(
            lambda: actions.act_snapshot.isEnabled() == (actions.act_snapshot.text() == cached_text), timeout=WAIT_MS
        )

        # The map works with the network cut: every layer from the cache, the ward areas kept from
        # the last online start, not one request outside, and it says the data is the offline cache.
        window.show_workspace_key("map")
        map_page = window.workspace("map")
        qtbot.waitUntil(lambda: map_page.last_counts.get("wards") == 40, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: map_page.last_counts.get("reports", 0) > 0, timeout=WAIT_MS)
        assert map_page.last_counts["cameras"] == 700 and map_page.map_view.external_requests == []
        qtbot.waitUntil(lambda: "bộ nhớ đệm ngoại tuyến" in map_page.status_label.text(), timeout=WAIT_MS)

        # The password was never written anywhere: not settings, not the cache, not its WAL.
        window.save_window_state()
        home = Path(os.environ["IOC_CONSOLE_HOME"])
        assert list(home.rglob("*.sqlite3")), "the cache file should be under the console home"
        assert _files_containing(home, DEMO_PASSWORDS["operator"]) == []
        assert (
            _files_containing(Path(os.environ["XDG_CONFIG_HOME"]), DEMO_PASSWORDS["operator"]) == []
            if Path(os.environ["XDG_CONFIG_HOME"]).exists()
            else True
        )
        window.close()
    finally:
        if console is not None:
            console.shutdown()
            console.languages.uninstall()
            if console.window is not None:
                console.window.deleteLater()
                # Now, not at exit: QtWebEngine wants the map's page gone before it shuts down.
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        themed_app.setQuitOnLastWindowClosed(True)
        backend.stop()


def test_corrupt_cache_is_moved_aside_with_a_message(qtbot, backend, make_window):
    path = default_cache_path(backend.url, "operator")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    box = window.recovery_box()
    assert box is not None and box.isVisible()
    assert box.text().startswith("Dữ liệu lưu trên máy này đã bị hỏng. Tệp cũ đã được chuyển sang:\n")
    moved = Path(box.text().splitlines()[1])
    assert moved.exists() and moved.read_bytes().startswith(b"this is not a database")
    assert window._context.connection.store.recovery is not None
    assert window.connection_indicator.text() == "Trực tuyến"


def test_a_cache_from_a_newer_console_is_moved_aside_with_its_own_message(qtbot, backend, make_window):
    """A real cache file, then written by a "newer" console (a schema version this one does not know)."""
    path = default_cache_path(backend.url, "operator")
    path.parent.mkdir(parents=True, exist_ok=True)
    CacheStore(path).close()
    with closing(sqlite3.connect(path)) as conn:
        future = conn.execute("PRAGMA user_version").fetchone()[0] + 100
        conn.execute(f"PRAGMA user_version = {future}")
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    box = window.recovery_box()
    assert box is not None and box.isVisible()
    assert box.text().startswith(
        "Dữ liệu lưu trên máy này được ghi bởi phiên bản bảng điều hành mới hơn. Tệp cũ đã được chuyển sang:\n"
    )
    moved = Path(box.text().splitlines()[1])
    with closing(sqlite3.connect(moved)) as conn:  # set aside as it was, never deleted
        assert conn.execute("PRAGMA user_version").fetchone()[0] == future
    assert window._context.connection.store.recovery.reason == "future_schema"


def test_disk_full_refuses_the_action_with_a_clear_message(qtbot, backend, make_window):
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    store = window._context.connection.store

    actions = window.workspace("events").alert_actions
    alert = select_alert(window)
    note = ("Ngập ở Vỹ Dạ; đội cứu hộ đã đến. " * 80)[:2000]  # 3.2 kB: most of a 4 kB page
    for _ in range(2):  # two earlier notes fill the outbox's pages
        assert actions.perform("note", alert, text=note)
    qtbot.waitUntil(
        lambda: [e.state for e in window._context.outbox.entries()] == ["applied", "applied"], timeout=WAIT_MS
    )

    def fill_disk(conn):
        # SQLite's own "disk full" (SQLITE_FULL): the file may not grow past the pages it has now.
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")

    store.writer.run(fill_disk)
    assert actions.perform("note", alert, text=note)  # needs a new page, which the full disk cannot give
    qtbot.waitUntil(lambda: actions.last_message() is not None and actions.last_message().isVisible(), timeout=WAIT_MS)
    box = actions.last_message()
    assert box.windowTitle() == "Thao tác chưa được lưu"
    assert box.text() == (
        "Thao tác KHÔNG được lưu và sẽ không được gửi.\n"
        "Ổ đĩa của máy này đã đầy. Hãy giải phóng dung lượng rồi thử lại."
    )
    assert window.pending_label.text() == "Đang chờ gửi: 0"
    assert window._context.outbox.rowCount() == 2
    assert "đang chờ gửi" not in alert_row_text(window, alert["id"])  # the row is unchanged
    assert [e.state for e in store.entries()] == ["applied", "applied"]
