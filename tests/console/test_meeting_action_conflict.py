"""A stale agenda move queued by the chair's console lands in Conflicts with the meeting as it is
now, and "re-apply on the new version" moves the agenda from there."""

from __future__ import annotations

import requests
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers, sign_in

from backend_client.api import actions


def test_a_stale_agenda_move_is_shown_and_re_applied_on_the_current_meeting(qtbot, backend, make_window, languages):
    languages.set_language("en")
    url = f"{backend.url}/api/v1"
    window = make_window(backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window, "leader")
    connection = window._context.connection
    leader = http_headers(backend.url, "leader")
    created = requests.post(
        f"{url}/meetings",
        headers=leader,
        timeout=10,
        json={
            "title": "Họp xử lý xung đột",
            "location": "Phòng họp IOC",
            "starts_at": "2026-12-04T08:00:00+07:00",
            "ends_at": "2026-12-04T09:00:00+07:00",
            "agenda": [{"title": "Mục <b>một</b>", "presenter": ""}, {"title": "Mục hai", "presenter": ""}],
        },
    )
    assert created.status_code == 201, created.text
    me = requests.get(f"{url}/auth/me", headers=leader, timeout=10).json()
    chaired = requests.put(
        f"{url}/meetings/{created.json()['id']}/members/{me['id']}",
        headers=leader,
        timeout=10,
        json={"role": "chair", "version": created.json()["version"]},
    )
    assert chaired.status_code == 200, chaired.text
    seen = chaired.json()
    # The chair moves on at another console; this console's move is based on the meeting before it.
    moved = requests.post(
        f"{url}/meetings/{seen['id']}/agenda/next", headers=leader, timeout=10, json={"version": seen["version"]}
    )
    assert moved.status_code == 200, moved.text
    connection.submit(actions.agenda_next(seen))

    qtbot.waitUntil(lambda: window.conflicts_button.isVisible(), timeout=WAIT_MS)
    panel = window.conflicts_panel
    qtbot.waitUntil(lambda: panel.count() == 1, timeout=WAIT_MS)
    panel.select_row(0)
    assert panel.current_entry().kind == "meeting.agenda_next"
    assert f"Move meeting #{seen['id']} to the next agenda item" in panel.mine_text()
    server = panel.server_text()
    assert "Mục &lt;b&gt;một&lt;/b&gt;" in server and str(moved.json()["version"]) in server
    assert panel.retry_button().isEnabled()
    panel.retry_button().click()
    qtbot.waitUntil(lambda: panel.count() == 0, timeout=WAIT_MS)

    def second_item_current() -> bool:
        meeting = requests.get(f"{url}/meetings/{seen['id']}", headers=leader, timeout=10).json()
        return [i["state"] for i in meeting["agenda"]] == ["done", "current"]

    qtbot.waitUntil(second_item_current, timeout=WAIT_MS)
