"""The status-bar countdown shows the time left to the announced attempt, on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from widgets import connection_indicator
from widgets.connection_indicator import OFFLINE, ONLINE, ConnectionIndicator


@pytest.fixture()
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(connection_indicator.time, "monotonic", lambda: now[0])
    return now


def test_the_countdown_follows_the_deadline_not_the_ticks(qtbot, clock):
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    indicator.set_state(OFFLINE)
    indicator.set_retry_in(7.2)
    assert indicator.retry_left() == 8
    clock[0] += 5.0
    indicator._count_down()  # one tick, however late it comes
    assert indicator.retry_left() == 3
    assert "3" in indicator.retry_text()
    clock[0] += 60.0
    indicator._count_down()
    assert indicator.retry_left() == 0 and indicator.retry_text()  # "trying now"
    indicator.set_state(ONLINE)
    assert indicator.retry_left() is None and indicator.retry_text() == ""


def test_an_absolute_attempt_time_is_counted_down_to(qtbot, clock):
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    indicator.set_state(OFFLINE)
    indicator.set_next_attempt_at(datetime.now(UTC) + timedelta(seconds=20))
    assert indicator.retry_left() in (19, 20)
    indicator.set_next_attempt_at(None)
    assert indicator.retry_left() is None
