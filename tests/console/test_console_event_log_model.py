"""The event log model: batching, the capacity ring, history back-fill, texts and filtering."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ioc_console.services.event_text import AnalyticsCatalogue
from ioc_console.workspaces.events.event_log_model import (
    COL_KIND,
    COL_LEVEL,
    COL_SUMMARY,
    COL_TIME,
    COL_WARD,
    EventLogFilterModel,
    EventLogModel,
    LogEntry,
)
from widgets.item_roles import ItemRole

T0 = datetime(2026, 11, 25, 19, 4, 0, tzinfo=UTC)


@dataclass
class FakeChange:
    """Shape of backend_client.Change as the model reads it (seq, resource, id, op, data)."""

    seq: int
    resource: str
    id: str
    op: str
    data: dict[str, Any] | None


def alert(
    n: int,
    *,
    severity: str = "warning",
    state: str = "new",
    ward: str = "Phường Phú Hội",
    analytic: str = "forest_fire",
    version: int = 1,
) -> LogEntry:
    data = {
        "id": n,
        "analytic": analytic,
        "severity": severity,
        "camera_id": f"cam-{n:04d}",
        "ward": ward,
        "confidence": 0.87,
        "state": state,
        "owner": None,
        "version": version,
        "updated_at": (T0 + timedelta(seconds=n)).isoformat(),
    }
    return LogEntry.from_change(FakeChange(n, "alert", str(n), "upsert", data))


CATALOGUE = AnalyticsCatalogue(
    [
        {"code": "forest_fire", "name_vi": "Cháy rừng", "name_en": "Forest fire"},
        {"code": "flooding", "name_vi": "Ngập nước", "name_en": "Flooding"},
    ]
)


@pytest.fixture()
def model(languages):
    return EventLogModel(CATALOGUE, capacity=5, batch_ms=50)


def test_burst_is_inserted_as_one_block_after_the_batch_interval(qtbot, model):
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    for n in range(1, 4):
        model.append_entry(alert(n))
    assert model.rowCount() == 0 and model.pending_count() == 3  # nothing until the timer fires
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert inserted == [(0, 2)]
    model.append_entry(alert(4))
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    assert inserted == [(0, 2), (3, 3)]


def test_the_presenters_page_turns_are_not_logged(model):
    state = {"id": 3, "meeting_id": 3, "view": {"kind": "map", "lat": 16.4, "lon": 107.5, "zoom": 13}, "revision": 2,
             "version": 2, "updated_at": "2026-12-04T01:00:00+00:00"}  # fmt: skip
    model.append_change({"seq": 9, "resource": "meeting_presenter", "id": "3", "op": "upsert", "data": state})
    assert model.pending_count() == 0


def test_capacity_drops_oldest_rows_from_the_top(qtbot, model):
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    for n in range(1, 5):
        model.append_entry(alert(n))
    assert model.flush() == 4
    for n in range(5, 9):
        model.append_entry(alert(n))
    model.flush()
    assert model.rowCount() == 5
    assert [model.entry(r).resource_id for r in range(5)] == ["4", "5", "6", "7", "8"]
    assert removed == [(0, 2)]


def test_burst_larger_than_capacity_keeps_the_newest(model):
    for n in range(1, 13):
        model.append_entry(alert(n))
    model.flush()
    assert [model.entry(r).resource_id for r in range(model.rowCount())] == ["8", "9", "10", "11", "12"]


def test_default_capacity_is_ten_thousand(languages):
    big = EventLogModel(CATALOGUE)
    assert big.capacity == 10_000
    for n in range(10_050):
        big.append_entry(alert(n))
    big.flush()
    assert big.rowCount() == 10_000
    assert big.entry(0).resource_id == "50"


def test_history_goes_above_live_rows_without_duplicates_or_overflow(model):
    model.append_entry(alert(10))
    model.flush()
    history = [alert(n) for n in (3, 1, 2, 10, 4, 5, 6)]  # 10 (same version) is already there
    added = model.prepend_history(history)
    assert added == 4  # room for 4 more under capacity 5; the newest of the history win
    assert [model.entry(r).resource_id for r in range(model.rowCount())] == ["3", "4", "5", "6", "10"]


def test_texts_in_vietnamese_and_english(model, languages):
    model.append_entry(alert(7, severity="critical"))
    model.append_entry(
        LogEntry.from_change(
            FakeChange(
                8,
                "sensor",
                "sen-001",
                "upsert",
                {
                    "id": "sen-001",
                    "name": "Trạm Kim Long",
                    "kind": "water_level",
                    "ward": "Phường Kim Long",
                    "unit": {"symbol": "m"},
                    "last_result": 1.826,
                    "status": "alarm",
                    "updated_at": T0.isoformat(),
                },
            )
        )
    )
    model.append_entry(
        LogEntry.from_change(
            FakeChange(
                9,
                "report",
                "5",
                "upsert",
                {
                    "id": 5,
                    "source": "hotline",
                    "service_name": "Ổ gà",
                    "status": "in_progress",
                    "ward": "Phường An Cựu",
                    "description": "Ổ gà lớn <b>trước</b> số 12",
                    "updated_at": T0.isoformat(),
                },
            )
        )
    )
    model.flush()

    def row(r: int) -> list[str]:
        return [model.index(r, c).data() for c in range(model.columnCount())]

    assert row(0) == [
        "26/11 02:04:07",
        "Cảnh báo AI",
        "Nghiêm trọng",
        "Phường Phú Hội",
        "Cháy rừng tại camera cam-0007, độ tin cậy 87%",
    ]
    assert row(1)[COL_KIND] == "Cảm biến" and row(1)[COL_LEVEL] == "Báo động"
    assert row(1)[COL_SUMMARY] == "Trạm Kim Long: 1,83 m"
    # Backend text is kept verbatim (the view shows it as plain text, never as markup).
    assert row(2)[COL_SUMMARY] == "Ổ gà (đường dây nóng): Đang xử lý — Ổ gà lớn <b>trước</b> số 12"
    # ... and escaped in the tool tip, which Qt would otherwise render as HTML.
    tooltip = model.index(2, COL_SUMMARY).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;trước&lt;/b&gt;" in tooltip and "<b>" not in tooltip
    assert model.headerData(COL_TIME, Qt.Orientation.Horizontal) == "Thời gian"
    assert model.index(1, 0).data(ItemRole.LEVEL) == "critical"

    languages.set_language("en")
    model.set_language("en")
    assert row(0)[1:] == ["AI alert", "Critical", "Phường Phú Hội", "Forest fire at camera cam-0007, confidence 87%"]
    assert row(1)[COL_SUMMARY] == "Trạm Kim Long: 1.83 m"
    assert model.headerData(COL_WARD, Qt.Orientation.Horizontal) == "Ward"


def test_attention_only_for_new_warning_or_critical_alerts(model):
    model.append_entry(alert(1, severity="critical"))
    model.append_entry(alert(2, severity="info"))
    model.append_entry(alert(3, severity="warning", state="acknowledged"))
    model.flush()
    assert [bool(model.index(r, 0).data(ItemRole.ATTENTION)) for r in range(3)] == [True, False, False]


def test_filter_by_text_is_accent_insensitive_and_by_minimum_level(model):
    model.append_entry(alert(1, severity="critical", ward="Phường Phú Hội"))
    model.append_entry(alert(2, severity="info", ward="Xã Hương Thọ"))
    model.append_entry(alert(3, severity="warning", ward="Phường Phú Hội", analytic="flooding"))
    model.flush()
    proxy = EventLogFilterModel()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 3
    proxy.set_text_filter("phu hoi")
    assert [proxy.index(r, COL_WARD).data() for r in range(proxy.rowCount())] == ["Phường Phú Hội"] * 2
    proxy.set_text_filter("phú hội ngập")  # every word must match, with or without diacritics
    assert proxy.rowCount() == 1
    proxy.set_text_filter("")
    proxy.set_minimum_level("warning")
    assert proxy.rowCount() == 2
    proxy.set_minimum_level("critical")
    assert proxy.rowCount() == 1
    # New rows are filtered as they arrive.
    model.append_entry(alert(4, severity="critical"))
    model.append_entry(alert(5, severity="info"))
    model.flush()
    assert proxy.rowCount() == 2
    assert proxy.mapToSource(proxy.index(1, 0)) == model.index(model.rowCount() - 2, 0)


def test_delete_and_unknown_values_still_read_well(model):
    model.append_entry(LogEntry.from_change(FakeChange(1, "camera", "cam-0001", "delete", None)))
    model.append_entry(alert(2, analytic="brand_new_analytic"))
    model.flush()
    assert model.index(0, COL_SUMMARY).data() == "Camera cam-0001 đã bị xóa"
    assert model.index(1, COL_SUMMARY).data().startswith("Brand new analytic tại camera cam-0002")
    assert model.index(5, 0).data() is None
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(QModelIndex()) == 2
