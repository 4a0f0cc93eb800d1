"""The event log view: follow mode keeps the newest row in view; pausing leaves the view alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from ioc_console.services.event_text import AnalyticsCatalogue
from ioc_console.workspaces.events.event_log_model import EventLogFilterModel, EventLogModel, LogEntry
from widgets.event_log import EventLogView


def _sensor(n: int, status: str = "ok") -> LogEntry:
    return LogEntry.from_resource(
        "sensor",
        {
            "id": f"sen-{n:03d}",
            "name": f"Trạm {n}",
            "ward": "Phường Vỹ Dạ",
            "unit": {"symbol": "mm/h"},
            "last_result": n / 10,
            "status": status,
            "updated_at": (datetime(2026, 11, 25, tzinfo=UTC) + timedelta(seconds=n)).isoformat(),
        },
    )


def _view(qtbot):
    model = EventLogModel(AnalyticsCatalogue(), batch_ms=10)
    proxy = EventLogFilterModel()
    proxy.setSourceModel(model)
    view = EventLogView(proxy)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    return model, proxy, view


def _last_row_visible(view: EventLogView) -> bool:
    table = view.table()
    last = table.model().index(table.model().rowCount() - 1, 0)
    return table.viewport().rect().intersects(table.visualRect(last))


def test_follow_scrolls_to_the_newest_and_pause_keeps_the_position(qtbot, languages):
    model, _proxy, view = _view(qtbot)
    for n in range(200):
        model.append_entry(_sensor(n))
    model.flush()
    assert view.is_following() and _last_row_visible(view)

    view.follow_button().click()  # pause
    assert not view.is_following()
    position = view.table().verticalScrollBar().value()
    for n in range(200, 260):
        model.append_entry(_sensor(n))
    model.flush()
    assert view.table().verticalScrollBar().value() == position and not _last_row_visible(view)

    view.follow_button().click()  # follow again: jumps to the newest
    assert _last_row_visible(view)


def test_filter_box_level_choice_and_escape(qtbot, languages):
    model, proxy, view = _view(qtbot)
    for n, status in enumerate(("ok", "warning", "alarm", "ok")):
        model.append_entry(_sensor(n, status))
    model.flush()
    assert view.findChild(type(view.level_combo())).currentText() == "Tất cả mức độ"
    view.level_combo().setCurrentIndex(view.level_combo().findData("warning"))
    assert proxy.rowCount() == 2
    view.level_combo().setCurrentIndex(view.level_combo().findData("info"))
    view.focus_filter()
    qtbot.keyClicks(view.filter_edit(), "tram 3")
    assert proxy.rowCount() == 1 and view._count.text() == "Đang hiển thị: 1 / 4"
    qtbot.keyClick(view.filter_edit(), Qt.Key.Key_Escape)  # Esc clears the filter
    assert view.filter_edit().text() == ""
    assert proxy.rowCount() == 4 and view._count.text() == "Sự kiện: 4"


def test_the_chosen_level_is_never_cut_off(qtbot, languages, themed_app):
    # "Cảnh báo và nghiêm trọng" is the longest level name; a squeezed combo showed "Cảnh báo và ı".
    _model, _proxy, view = _view(qtbot)
    combo = view.level_combo()
    for level in ("warning", "info", "critical"):
        combo.setCurrentIndex(combo.findData(level))

        def fits() -> bool:
            text_room = combo.width() - 30 - 8  # minus the arrow area (padding-right) and the left padding
            return combo.fontMetrics().horizontalAdvance(combo.currentText()) <= text_room

        qtbot.waitUntil(fits, timeout=2_000)  # once the layout has settled
