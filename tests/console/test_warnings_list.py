"""The warnings list: the cached warnings (the demo's published ones, a new draft), the chosen
one's CAP document as plain text, and publishing a draft for supervisors only."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from backend_process import DEMO_PASSWORDS
from console_helpers import WAIT_MS, http_headers
from lxml import etree

from ioc_console.workspaces.alerts.warnings_list import WarningsList
from ioc_console.workspaces.alerts.warnings_page import WarningsPage, detail_with_editor
from ioc_domain import cap


@pytest.fixture(autouse=True)
def _english(languages):
    languages.set_language("en")


def _confirmed(url: str) -> dict[str, Any]:
    headers = http_headers(url, "operator")
    alerts = requests.get(f"{url}/api/v1/alerts", params={"state": "new", "limit": 50}, headers=headers, timeout=10)
    alert = next(a for a in alerts.json()["items"] if not a.get("verification"))
    verified = requests.post(
        f"{url}/api/v1/alerts/{alert['id']}/verify",
        json={"verdict": "confirmed", "version": alert["version"], "note": None},
        headers=headers,
        timeout=10,
    )
    verified.raise_for_status()
    return verified.json()


def _draft_on_server(url: str) -> dict[str, Any]:
    """A draft warning written through the API by an operator, from an alert verified as real."""
    headers = http_headers(url, "operator")
    body = cap.draft_from_alert(_confirmed(url))
    for block in body["info"]:  # the list shows the block of the UI language
        block["headline"] = "Cảnh báo <b>cháy</b> & khói"
    answer = requests.post(f"{url}/api/v1/warnings", json=body, headers=headers, timeout=10)
    answer.raise_for_status()
    return answer.json()


def _signed_in(qtbot, make_context, url: str, role: str) -> Any:
    context = make_context(url)
    connection = context.connection
    connection.sign_in(role, DEMO_PASSWORDS[role])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    return context


def test_list_shows_cached_warnings_and_their_cap_document(qtbot, backend, make_context):
    draft = _draft_on_server(backend.url)
    context = _signed_in(qtbot, make_context, backend.url, "operator")
    view = WarningsList(context.connection)
    qtbot.addWidget(view)
    model = view.model
    qtbot.waitUntil(lambda: model.row_of(draft["id"]) >= 0, timeout=WAIT_MS)
    states = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert "Draft" in states and "Published" in states  # the demo seeds published warnings

    row = model.row_of(draft["id"])
    assert model.index(row, 2).data() == "Warning"
    assert model.index(row, 3).data() == "Cảnh báo <b>cháy</b> & khói"
    assert model.index(row, 4).data() == "not sent"

    # An operator sees no Publish at all.
    assert not view.publish_button.isVisibleTo(view)

    with qtbot.waitSignal(view.xml_shown, timeout=WAIT_MS) as blocker:
        assert view.select_warning(draft["id"])
    assert blocker.args == [draft["id"]]
    text = view.xml_text()
    # The document as the server sends it, shown as text: the markup in the headline is escaped XML.
    assert "Cảnh báo &lt;b&gt;cháy&lt;/b&gt; &amp; khói" in text
    etree.fromstring(text.encode("utf-8"))


def test_supervisor_publishes_a_draft(qtbot, backend, make_context):
    draft = _draft_on_server(backend.url)
    context = _signed_in(qtbot, make_context, backend.url, "supervisor")
    view = WarningsList(context.connection)
    qtbot.addWidget(view)
    view.select_warning(draft["id"])  # remembered until the cache holds it
    qtbot.waitUntil(lambda: (view.current_warning() or {}).get("id") == draft["id"], timeout=WAIT_MS)
    assert view.publish_button.isVisibleTo(view) and view.publish_button.isEnabled()
    with qtbot.waitSignal(view.publish_queued, timeout=WAIT_MS) as blocker:
        assert view.publish_current()
    assert blocker.args[0].kind == "warning.publish"
    row_state = lambda: view.model.index(view.model.row_of(draft["id"]), 1).data()  # noqa: E731
    qtbot.waitUntil(lambda: row_state() == "Published", timeout=WAIT_MS)
    assert view.current_warning()["id"] == draft["id"]
    assert not view.publish_button.isEnabled()  # published warnings never change


def test_page_drafts_from_the_detail_pane_and_selects_the_new_draft(qtbot, backend, make_context):
    context = _signed_in(qtbot, make_context, backend.url, "operator")
    page = WarningsPage(context.connection)
    qtbot.addWidget(page)
    assert page.import_button.isVisibleTo(page)  # operators may import other agencies' warnings
    pane = detail_with_editor(context, page)
    qtbot.addWidget(pane)
    alert = _confirmed(backend.url)
    pane.show_alert(alert)
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT_MS) as opened:
        pane.draft_button.click()
    dialog = opened.args[0]
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: (page.list.current_warning() or {}).get("alert_id") == alert["id"], timeout=WAIT_MS)
    assert page.list.current_warning()["state"] == "draft"
