"""The backend and the console agree on every alert move for every role: what the console enables for a
role on an alert in a state is exactly what the real backend accepts (2xx), and what it does not enable
the backend refuses (403 for the role, 409 for the workflow)."""

from __future__ import annotations

import itertools
from typing import Any

import requests
from console_helpers import http_headers
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTableView, QWidget

from backend_client.api import actions
from ioc_console.workspaces.events.alert_actions import AlertActions
from ioc_console.workspaces.events.event_log_model import EventLogModel, LogEntry
from ioc_domain.alerts import ALERT_STATES, MOVES
from ioc_domain.roles import ROLES

REQUESTS = {
    "acknowledge": lambda alert: actions.acknowledge_alert(alert),
    "start": lambda alert: actions.start_alert(alert),
    "close": lambda alert: actions.close_alert(alert, "resolved"),
    "verify": lambda alert: actions.verify_alert(alert, "confirmed"),
    "dispatch": lambda alert: actions.dispatch_alert(alert, "Công an phường Đông Ba"),
    "note": lambda alert: actions.add_alert_note(alert, "kiểm tra quyền"),
}


class SignedInConnection(QObject):
    """The part of the connection service AlertActions reads: who is signed in, online, engine running."""

    signed_in = Signal(object)
    signed_out = Signal()
    state_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.user: Any = None
        self.engine = object()
        self.state = "online"

    def sign_in_as(self, role: str) -> None:
        self.user = type("User", (), {"username": role, "role": role})()
        self.signed_in.emit(self.user)


def _console_allows(qtbot) -> dict[tuple[str, str, str], bool]:
    """(role, state, move) -> whether the console's AlertActions enables the move."""
    page = QWidget()
    qtbot.addWidget(page)
    model = EventLogModel(parent=page)
    for n, state in enumerate(ALERT_STATES, 1):
        alert = {"id": n, "state": state, "severity": "warning", "version": 1, "camera_id": "cam-0001"}
        model.append_entry(LogEntry.from_resource("alert", alert))
    model.flush()
    table = QTableView(page)
    table.setModel(model)
    connection = SignedInConnection()
    alert_actions = AlertActions(connection, table, page)  # type: ignore[arg-type]  # the part it reads
    by_move = {
        "acknowledge": alert_actions.act_acknowledge,
        "start": alert_actions.act_start,
        "close": alert_actions.act_close,
        "verify": alert_actions.act_verify,
        "dispatch": alert_actions.act_dispatch,
        "note": alert_actions.act_note,
    }
    assert set(by_move) == set(MOVES)
    allowed = {}
    for role in ROLES:
        connection.sign_in_as(role)
        for row, state in enumerate(ALERT_STATES):
            table.setCurrentIndex(model.index(row, 0))
            alert_actions.update_enabled()
            for move, act in by_move.items():
                allowed[(role, state, move)] = act.isVisible() and act.isEnabled()
    return allowed


def _backend_allows(url: str) -> dict[tuple[str, str, str], bool]:
    """(role, state, move) -> whether the real backend accepts the move (each try on an alert in that state)."""
    admin = http_headers(url, "admin")
    pools = {
        state: requests.get(
            f"{url}/api/v1/alerts", params={"state": state, "limit": 200}, headers=admin, timeout=10
        ).json()["items"]
        for state in ALERT_STATES
    }
    accepted = {}
    for role in ROLES:
        headers = http_headers(url, role)
        for state, move in itertools.product(ALERT_STATES, MOVES):
            alert = pools[state][-1]
            action = REQUESTS[move](alert)
            answer = requests.request(
                action.method, f"{url}/api/v1{action.path}", json=action.body, headers=headers, timeout=10
            )
            assert answer.status_code < 300 or answer.status_code in (403, 409), (role, state, move, answer.text)
            accepted[(role, state, move)] = answer.status_code < 300
            if answer.status_code < 300 and move != "note":
                pools[state].pop()  # it moved on: the next try needs another alert in this state
            elif answer.status_code < 300:
                pools[state][-1] = answer.json() if "state" in answer.json() else _fetch(url, admin, alert)
    return accepted


def _fetch(url: str, headers: dict[str, str], alert: dict[str, Any]) -> dict[str, Any]:
    return requests.get(f"{url}/api/v1/alerts/{alert['id']}", headers=headers, timeout=10).json()


def test_backend_and_console_agree_on_every_move_for_every_role(qtbot, fresh_backend):
    console = _console_allows(qtbot)
    backend = _backend_allows(fresh_backend.url)
    disagreements = sorted(key for key in console if console[key] != backend[key])
    assert disagreements == [], f"console vs backend differ on (role, state, move): {disagreements}"
    # Not vacuous: some moves are allowed and some refused, for roles and for states.
    assert any(backend.values()) and not all(backend.values())
    assert not any(v for (role, _s, _m), v in backend.items() if role == "leader")
    assert not any(v for (_r, state, move), v in backend.items() if state == "closed" and move != "note")
