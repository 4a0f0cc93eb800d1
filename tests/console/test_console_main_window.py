"""Main window behaviour that needs no server: navigation, shortcuts, language, geometry, ticker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces.events.event_log_model import LogEntry
from widgets.shortcut_help import ShortcutHelpDialog

# Nothing listens here: these tests never open a connection (no sign-in, no stream).
NO_SERVER = "http://127.0.0.1:9"


def _alert(n: int, severity: str, state: str = "new") -> LogEntry:
    return LogEntry.from_resource(
        "alert",
        {
            "id": n,
            "analytic": "fire",
            "severity": severity,
            "camera_id": f"cam-{n:04d}",
            "ward": "Phường Đông Ba",
            "confidence": 0.9,
            "state": state,
            "version": n if state == "new" else n + 1,
            "detected_at": datetime(2026, 11, 25, 10, n, tzinfo=UTC).isoformat(),
        },
    )


def test_navigation_status_bar_and_menus_in_vietnamese(make_window):
    window = make_window(NO_SERVER)
    window.show()
    assert window.windowTitle() == "IOC Huế — Bảng điều hành"
    # (The briefing menu shows once a role that reads operations signs in: test_briefing.py.)
    assert [a.text() for a in window.menuBar().actions() if a.isVisible()] == [
        "&Tệp",
        "&Xem",
        "Sự kiện trực tiếp",
        "Hàng đợi cảnh báo",
        "Tường video",
        "Bản đồ",
        "Cuộc họp",
        "Trợ &giúp",
    ]
    assert window.connection_indicator.text() == "Ngoại tuyến"
    assert window.user_label.text() == "Chưa đăng nhập"
    assert window.current_workspace_key() == "events"
    nav = window.findChild(type(window._nav), "workspaceNav")
    assert nav.count() == 7 and nav.item(0).text().endswith("Sự kiện trực tiếp")
    assert nav.item(1).text() == "2   Hàng đợi cảnh báo"  # Ctrl+2: triage comes right after the live events
    assert nav.item(2).text() == "3   Tường video"
    assert nav.item(3).text() == "4   Bản đồ"
    assert nav.item(4).text() == "5   Cảm biến"
    assert nav.item(5).text() == "6   Bảng điều khiển"
    for state, text in (("online", "Trực tuyến"), ("degraded", "Chập chờn"), ("offline", "Ngoại tuyến")):
        window.connection_indicator.set_state(state)
        assert window.connection_indicator.text() == text


def test_shortcuts_are_bound_and_listed(make_window, qtbot):
    window = make_window(NO_SERVER)
    window.show()
    qtbot.waitExposed(window)
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert shortcuts["workspace_events"] == "Ctrl+1"
    assert shortcuts["focusFilter"] == QKeySequence(QKeySequence.StandardKey.Find).toString()
    assert (shortcuts["fullScreen"], shortcuts["quit"], shortcuts["switchLanguage"], shortcuts["shortcutsHelp"]) == (
        "F11",
        "Ctrl+Q",
        "Ctrl+Shift+L",
        "F1",
    )
    # Ctrl+F puts the cursor in the event filter.
    window.act_focus_filter.trigger()
    assert window.focusWidget() is window.workspace("events").view.filter_edit()
    window.act_shortcuts.trigger()
    dialog = window.findChild(ShortcutHelpDialog)
    assert dialog is not None and dialog.isVisible()
    descriptions = [d for _k, d in dialog.row_texts()]
    assert "Bật / tắt toàn màn hình" in descriptions and "Mở không gian làm việc: Sự kiện trực tiếp" in descriptions
    # Each workspace lists its own keys (the shell knows none of them).
    rows = dialog.row_texts()
    assert ("A", "Nhật ký sự kiện: tiếp nhận cảnh báo đang chọn") in rows
    # The same key saves a view in each workspace (it acts only where the focus is).
    assert ("Ctrl+Shift+S", "Nhật ký sự kiện: lưu bộ lọc hiện tại…") in rows
    assert ("Ctrl+Shift+S", "Tường video: lưu bố cục và camera thành khung nhìn…") in rows
    dialog.close()
    window.act_full_screen.trigger()
    qtbot.waitUntil(window.isFullScreen)
    window.act_full_screen.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_language_switch_changes_visible_texts_at_runtime(make_window, qtbot):
    window = make_window(NO_SERVER)
    window.show()
    events = window.workspace("events")
    events.model.append_entry(_alert(1, "critical"))
    events.model.flush()
    assert events.view.table().model().headerData(0, Qt.Orientation.Horizontal) == "Thời gian"

    window.act_language.trigger()

    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File")
    assert window.windowTitle() == "IOC Huế — Operator console"
    assert window.connection_indicator.text() == "Offline"
    assert window._nav.item(0).text().endswith("Live events")
    assert events.view.table().model().headerData(0, Qt.Orientation.Horizontal) == "Time"
    assert events.view.follow_button().text() == "Follow newest"
    assert window.act_language.text() == "Switch to Vietnamese"
    assert window._context.settings.language == "en"

    window.act_language.trigger()
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&Tệp")
    assert window.connection_indicator.text() == "Ngoại tuyến"


def test_geometry_and_splitter_restored_in_a_new_window(make_window, qtbot):
    first = make_window(NO_SERVER)
    assert first.opens_maximized  # nothing saved yet: the first start takes the whole screen
    # ...even where no window manager would honour "maximised" (a bare X session on a wall display).
    assert first.geometry() == first.screen().availableGeometry()
    first.show()
    qtbot.waitExposed(first)
    # The offscreen test screen is 800×800; a restored geometry is kept within the screen.
    first.resize(790, 640)
    first._splitter.setSizes([230, 559])
    first.findChild(QDockWidget, "tickerDock").hide()
    sizes = first._splitter.sizes()
    first.close()

    second = make_window(NO_SERVER)
    assert not second.opens_maximized  # the operator's own layout wins from now on
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (790, 640)
    assert second._splitter.sizes() == sizes
    assert not second.findChild(QDockWidget, "tickerDock").isVisible()


def test_ticker_cycles_unacknowledged_critical_alerts_and_reveals_them_in_the_queues(make_window, qtbot):
    window = make_window(NO_SERVER)
    window.show()
    alerts = window.workspace("alerts")
    model, ticker = alerts.model, alerts.ticker
    window.act_language.trigger()  # English: the ticker's words are the English source texts
    qtbot.waitUntil(lambda: ticker.headline() == "No unacknowledged critical alerts")
    now = datetime.now(UTC)
    rows = [
        {
            "id": 1,
            "analytic": "forest_fire",
            "severity": "critical",
            "state": "new",
            "ward": "A Lưới",
            "version": 1,
            "first_detected_at": (now - timedelta(minutes=2, seconds=5)).isoformat(),
        },
        {
            "id": 2,
            "analytic": "landslide",
            "severity": "critical",
            "state": "new",
            "ward": "Phong Điền",
            "version": 1,
            "first_detected_at": (now - timedelta(minutes=30)).isoformat(),
        },
        {
            "id": 3,
            "analytic": "smoke",
            "severity": "warning",
            "state": "new",
            "ward": "Hương Trà",
            "version": 1,
            "first_detected_at": now.isoformat(),
        },
    ]
    model.add_alerts(rows)
    model.flush()
    alerts._update_ticker()
    assert ticker.caption() == "Newest critical" and ticker.level() == "critical"
    assert ticker.headline() == "Forest fire — A Lưới, 2 min ago"  # no catalogue from a server: readable code
    ticker.advance()
    assert ticker.caption() == "Critical 2 of 2" and ticker.headline() == "Landslide — Phong Điền, 30 min ago"
    window.show_workspace_key("events")
    qtbot.mouseClick(ticker, Qt.MouseButton.LeftButton)
    assert window.current_workspace_key() == "alerts" and alerts.current_alert()["id"] == 2
    # Acknowledged, the landslide leaves the ticker; the forest fire stays.
    model.add_alerts([dict(rows[1], state="acknowledged", version=2)])
    model.flush()
    alerts._update_ticker()
    assert ticker.current_key() == "alert:1" and ticker.headline().startswith("Forest fire — A Lưới")


def test_window_has_no_password_anywhere_even_before_sign_in(make_window):
    window: MainWindow = make_window(NO_SERVER)
    assert window.login_dialog() is None
