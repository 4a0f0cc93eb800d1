"""What reaches the live event log, and how: routine sensor readings stay out, a sync page updates only
the rows it changed (no cache re-read, no reset)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ioc_console.workspaces.events.event_log_model import LogEntry
from ioc_domain.levels import shows_in_log
from ioc_domain.statuses import SENSOR_STATUSES

NO_SERVER = "http://127.0.0.1:9"
T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def _alert(n: int, *, version: int = 1, state: str = "new", minutes: int = 0) -> dict:
    return {
        "id": n,
        "analytic": "fire",
        "severity": "warning",
        "camera_id": f"cam-{n:04d}",
        "ward": "Phường Đông Ba",
        "state": state,
        "version": version,
        "detected_at": (T0 + timedelta(minutes=minutes)).isoformat(),
        "updated_at": (T0 + timedelta(minutes=minutes, seconds=version)).isoformat(),
    }


def _change(resource: str, data: dict, seq: int) -> dict:
    return {"resource": resource, "id": data["id"], "op": "upsert", "data": data, "seq": seq}


def _sensor(status: str, value: float = 1.0) -> dict:
    return {"id": "s-01", "name": "Trạm đo mực nước Kim Long", "kind": "water_level", "status": status, "version": 1,
            "last_result": value, "last_phenomenon_time": T0.isoformat()}  # fmt: skip


@pytest.mark.parametrize(
    ("previous", "status", "shown"),
    [
        (None, "ok", False),  # a routine reading
        ("ok", "ok", False),
        ("ok", "warning", True),  # a threshold crossed upwards
        ("warning", "alarm", True),
        ("alarm", "alarm", False),
        ("alarm", "ok", True),  # back below the thresholds
        ("ok", "offline", True),
        (None, "warning", True),  # not known before, and not routine
    ],
)
def test_a_sensor_change_is_shown_only_when_its_status_changes(previous, status, shown):
    assert status in SENSOR_STATUSES
    assert shows_in_log("sensor", "upsert", _sensor(status), previous) is shown


def test_every_other_change_is_shown():
    assert shows_in_log("alert", "upsert", _alert(1))
    assert shows_in_log("camera", "upsert", {"id": "cam-1", "status": "online"})
    assert shows_in_log("sensor", "delete", None)


def test_live_sensor_readings_reach_the_log_only_when_their_status_changes(make_window):
    window = make_window(NO_SERVER)
    events = window.workspace("events")
    connection = window._context.connection
    statuses = ["ok", "ok", "ok", "warning", "warning", "alarm", "alarm", "ok", "ok"]
    for seq, status in enumerate(statuses, 1):
        connection.changes_applied.emit([_change("sensor", _sensor(status, float(seq)), seq)])
    events.model.flush()
    assert [events.model.entry(r).data["status"] for r in range(events.model.rowCount())] == ["warning", "alarm", "ok"]
    assert events.feed.events_received == 3


def test_a_sync_page_updates_only_its_rows_in_place_without_reading_the_cache(make_window, qtbot, monkeypatch):
    window = make_window(NO_SERVER)
    events = window.workspace("events")
    model, connection = events.model, window._context.connection
    shown = model.prepend_history(LogEntry.from_resource("alert", _alert(n, minutes=n)) for n in range(1, 501))
    assert shown == 500
    cache_reads: list[object] = []
    monkeypatch.setattr(connection, "read_cache", lambda fn, **kw: cache_reads.append(fn))
    resets, inserts, changed = [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, first, last: inserts.append(last - first + 1))
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))

    # 5,000 changes: new versions of 10 shown alerts, 4,000 sensor readings, 990 alerts not shown yet
    # (closed, long ago), all in one page.
    page = [_change("alert", _alert(n, version=2, state="acknowledged", minutes=n), n) for n in range(491, 501)]
    page += [_change("sensor", dict(_sensor("ok"), id=f"s-{n}"), 1000 + n) for n in range(4000)]
    page += [_change("alert", _alert(n, version=3, state="closed", minutes=-n), 9000 + n) for n in range(1000, 1990)]
    assert len(page) == 5000
    connection.changes_applied.emit(page)

    assert cache_reads == [] and resets == []
    assert changed == [(490, 499)]  # one signal for the block of rows that changed
    assert inserts == [200]  # the newest of the page's new alerts join as history (above), in one block
    assert model.rowCount() == 700
    states = {n: model.entry(model.last_row_for_key(f"alert:{n}")).data["state"] for n in range(481, 501)}
    assert states == {n: "acknowledged" if n > 490 else "new" for n in range(481, 501)}
