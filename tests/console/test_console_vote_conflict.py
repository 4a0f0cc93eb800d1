"""A vote on a poll closed meanwhile lands in Conflicts, where it can only be withdrawn."""

from __future__ import annotations

import requests
from console_helpers import CLIENT_OPTIONS, ENGINE_OPTIONS, WAIT_MS, http_headers, sign_in

from backend_client.api import actions


def test_a_vote_on_a_closed_poll_can_only_be_withdrawn(qtbot, fresh_backend, make_window):
    url = f"{fresh_backend.url}/api/v1"
    window = make_window(fresh_backend.url, ENGINE_OPTIONS, **CLIENT_OPTIONS)
    window.show()
    sign_in(qtbot, window)
    connection = window._context.connection

    # The operator is a member, present; the leader opens a poll; the operator sees it open and votes...
    leader = http_headers(fresh_backend.url, "leader")
    operator = http_headers(fresh_backend.url, "operator")
    me = requests.get(f"{url}/auth/me", headers=operator, timeout=10).json()
    meeting = requests.get(f"{url}/meetings/1", headers=leader, timeout=10).json()
    member = requests.put(
        f"{url}/meetings/1/members/{me['id']}",
        headers=leader,
        timeout=10,
        json={"role": "member", "version": meeting["version"]},
    )
    assert member.status_code == 200, member.text
    assert requests.post(f"{url}/meetings/1/attendance/check-in", headers=operator, timeout=10).status_code == 200
    meeting = requests.get(f"{url}/meetings/1", headers=leader, timeout=10).json()
    answer = requests.post(
        f"{url}/meetings/1/polls",
        headers=leader,
        timeout=10,
        json={"question": "Thông qua phương án?", "options": ["Đồng ý", "Không"], "version": meeting["version"]},
    )
    assert answer.status_code == 201, answer.text
    poll = answer.json()["polls"][-1]
    opened = requests.post(
        f"{url}/meetings/1/polls/{poll['id']}/open",
        headers=leader,
        timeout=10,
        json={"version": answer.json()["version"]},
    )
    assert opened.status_code == 200, opened.text
    seen = opened.json()
    vote = actions.vote(seen, poll["id"], 0)
    # ...but the leader closes it before the vote arrives.
    closed = requests.post(
        f"{url}/meetings/1/polls/{poll['id']}/close", headers=leader, timeout=10, json={"version": seen["version"]}
    )
    assert closed.status_code == 200, closed.text
    connection.submit(vote)

    qtbot.waitUntil(lambda: window.conflicts_button.isVisible(), timeout=WAIT_MS)
    panel = window.conflicts_panel
    qtbot.waitUntil(lambda: panel.count() == 1, timeout=WAIT_MS)
    panel.select_row(0)
    assert panel.current_entry().kind == "meeting.vote"
    assert "Biểu quyết trong cuộc họp #1" in panel.mine_text()
    assert not panel.retry_button().isEnabled(), "re-voting on a closed poll would be refused again"
    assert panel.discard_button().isEnabled()
    panel.discard_button().click()
    qtbot.waitUntil(lambda: panel.count() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.conflicts_button.isVisible(), timeout=WAIT_MS)
    assert requests.get(f"{url}/meetings/1", headers=leader, timeout=10).json()["polls"][-1]["votes_cast"] == 0
