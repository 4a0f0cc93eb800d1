"""Helpers for the console resilience tests: a faulty link, signing in, picking alert rows, stall metering."""

from __future__ import annotations

import time
from typing import Any

import requests
from backend_process import DEMO_PASSWORDS
from PySide6.QtCore import QTimer

from ioc_console.shell.main_window import MainWindow
from ioc_console.workspaces.events.event_log_model import COL_SUMMARY
from widgets.item_roles import ItemRole

# Fast retries and short timeouts: the tests wait for state changes, never for fixed times.
ENGINE_OPTIONS = {"backoff_initial": 0.2, "backoff_max": 1.0, "stream_read_timeout": 3.0}
CLIENT_OPTIONS = {"read_timeout": 2.0, "connect_timeout": 1.0, "max_retries": 0}
WAIT_MS = 30_000


def sign_in(qtbot: Any, window: MainWindow, role: str = "operator") -> None:
    """Sign in through the connection service and wait until the cache is synced and the log filled."""
    connection = window._context.connection
    connection.sign_in(role, DEMO_PASSWORDS[role])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.workspace("events").model.rowCount() > 20, timeout=WAIT_MS)


def select_alert(window: MainWindow, state: str = "new", skip: set[str] | None = None) -> dict[str, Any]:
    """Make the first alert row in ``state`` (not in ``skip``) current in the event log; return its data."""
    workspace = window.workspace("events")
    table = workspace.view.table()
    model = table.model()
    skip = skip or set()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        data = index.data(ItemRole.DATA)
        key = index.data(ItemRole.KEY) or ""
        if key.startswith("alert:") and data and data.get("state") == state and str(data["id"]) not in skip:
            table.setCurrentIndex(index)
            return dict(data)
    raise AssertionError(f"no alert in state {state!r} in the event log")


def alert_row_text(window: MainWindow, alert_id: Any) -> str:
    """The summary text of the newest row of the alert (state, owner, any waiting action)."""
    model = window.workspace("events").model
    row = model.last_row_for_key(f"alert:{alert_id}")
    return model.index(row, COL_SUMMARY).data() if row >= 0 else ""


def http_headers(url: str, role: str) -> dict[str, str]:
    answer = requests.post(
        f"{url}/api/v1/auth/login", json={"username": role, "password": DEMO_PASSWORDS[role]}, timeout=10
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def server_alert(url: str, alert_id: Any, headers: dict[str, str]) -> dict[str, Any]:
    answer = requests.get(f"{url}/api/v1/alerts/{alert_id}", headers=headers, timeout=10)
    answer.raise_for_status()
    return answer.json()


class StallMeter:
    """Ticks a 5 ms QTimer and records the longest gap between ticks: how long the GUI thread was busy."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self.ticks = 0
        self._last: float | None = None

    def _tick(self) -> None:
        now = time.monotonic()
        if self._last is not None:
            self.worst = max(self.worst, now - self._last)
        self._last = now
        self.ticks += 1

    def start(self) -> None:
        self._last = time.monotonic()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
