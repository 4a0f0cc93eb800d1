"""The warning editor: prefilled from a confirmed alert, a CAP preview valid against the OASIS
schema, Publish only for publishers, and Save / Publish through the outbox to the real backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
from backend_process import DEMO_PASSWORDS
from console_helpers import WAIT_MS, http_headers
from lxml import etree

from ioc_console.workspaces.alerts.warning_editor import WarningEditorDialog
from ioc_domain import cap

XSD = Path(__file__).resolve().parents[2] / "resources" / "cap" / "CAP-v1.2.xsd"


@pytest.fixture(autouse=True)
def _english(languages):
    languages.set_language("en")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def _valid(schema: etree.XMLSchema, text: str) -> bool:
    document = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    ok = schema.validate(document)
    assert ok, schema.error_log
    return ok


def _confirmed_alert(url: str) -> dict[str, Any]:
    """A new alert of the demo, verified as real on the server (what the editor starts from)."""
    headers = http_headers(url, "operator")
    listed = requests.get(f"{url}/api/v1/alerts", params={"state": "new", "limit": 50}, headers=headers, timeout=10)
    listed.raise_for_status()
    alert = next(a for a in listed.json()["items"] if not a.get("verification"))
    answer = requests.post(
        f"{url}/api/v1/alerts/{alert['id']}/verify",
        json={"verdict": "confirmed", "version": alert["version"], "note": None},
        headers=headers,
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()


def _sign_in(qtbot, context, role: str) -> None:
    connection = context.connection
    connection.sign_in(role, DEMO_PASSWORDS[role])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)


def test_prefill_preview_and_problems(qtbot, backend, make_context, schema):
    context = make_context(backend.url)
    context.connection.client.login("operator", DEMO_PASSWORDS["operator"])
    alert = _confirmed_alert(backend.url)
    dialog = WarningEditorDialog(context.connection, alert)
    qtbot.addWidget(dialog)
    expected = cap.draft_from_alert(alert)
    vi, en = dialog.vi.block(), dialog.en.block()
    assert vi["headline"] == expected["info"][0]["headline"] and vi["language"] == "vi-VN"
    assert en["description"] == expected["info"][1]["description"] and en["language"] == "en-US"
    assert vi["severity"] == expected["info"][0]["severity"] and vi["category"] == expected["info"][0]["category"]
    area = dialog.area.area()
    assert area["polygon"] is None
    assert area["circle"]["lat"] == pytest.approx(alert["lat"]) and area["circle"]["lon"] == pytest.approx(alert["lon"])
    assert dialog.body()["alert_id"] == alert["id"]

    # The preview is the CAP document of what is on screen, valid against the OASIS schema.
    text = dialog.preview_text()
    assert _valid(schema, text)
    assert vi["headline"] in text and "<circle>" in text

    # Editing the headline and drawing a polygon: the preview follows (after the short delay).
    dialog.vi.headline.setText("Cháy rừng <khẩn> & nguy hiểm")
    dialog.area.polygon_choice.setChecked(True)
    dialog.area.polygon.setPlainText("16.40,107.50\n16.41,107.52\n16.39,107.53\n")
    qtbot.waitUntil(lambda: "<polygon>" in dialog.preview_text(), timeout=2000)
    text = dialog.preview_text()
    assert _valid(schema, text)
    assert "Cháy rừng &lt;khẩn&gt; &amp; nguy hiểm" in text  # escaped by the XML writer
    assert "16.4,107.5 16.41,107.52 16.39,107.53 16.4,107.5" in text  # closed on the first point

    # An operator may draft, not publish: no Publish button at all.
    assert not dialog.publish_button.isVisibleTo(dialog)
    # Without the sync engine there is no outbox: Save says so instead of acting.
    assert not dialog.save_button.isEnabled() and "outbox" in dialog.save_button.toolTip()

    dialog.vi.headline.setText("")
    dialog.area.polygon.setPlainText("16.40,107.50\nnot a point\n")
    problems = dialog.problems.text()
    assert "Vietnamese: the headline is empty." in problems
    assert "Polygon line 2 is not “lat,lon”." in problems
    assert "The polygon needs at least 3 corners." in problems


def test_unconfirmed_alert_cannot_be_saved(qtbot, backend, make_context):
    context = make_context(backend.url)
    context.connection.client.login("supervisor", DEMO_PASSWORDS["supervisor"])
    headers = http_headers(backend.url, "operator")
    alert = requests.get(f"{backend.url}/api/v1/alerts", params={"limit": 1}, headers=headers, timeout=10).json()
    dialog = WarningEditorDialog(context.connection, {**alert["items"][0], "verification": None})
    qtbot.addWidget(dialog)
    assert dialog.publish_button.isVisibleTo(dialog)  # a supervisor publishes
    assert "verified on camera as real" in dialog.problems.text()
    assert not dialog.submit(publish=False)


def test_save_draft_goes_through_the_outbox(qtbot, backend, make_context):
    context = make_context(backend.url)
    _sign_in(qtbot, context, "operator")
    connection = context.connection
    alert = _confirmed_alert(backend.url)
    dialog = WarningEditorDialog(connection, alert)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as blocker:
        dialog.save_button.click()
    entry = blocker.args[0]
    assert entry.kind == "warning.create" and entry.body["alert_id"] == alert["id"]
    assert entry.body["info"][0]["headline"] == dialog.vi.block()["headline"]
    assert not dialog.isVisible()

    def stored() -> list[dict[str, Any]]:
        return [w for w in connection.store.list("warning") if w.get("alert_id") == alert["id"]]

    qtbot.waitUntil(lambda: connection.store.entry(entry.id).state == "applied", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(stored()) == 1, timeout=WAIT_MS)
    assert stored()[0]["state"] == "draft"


def test_publish_queues_the_draft_then_its_publication(qtbot, backend, make_context):
    context = make_context(backend.url)
    _sign_in(qtbot, context, "supervisor")
    connection = context.connection
    alert = _confirmed_alert(backend.url)
    dialog = WarningEditorDialog(connection, alert)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.publish_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.publish_pending, timeout=WAIT_MS) as pending:
        dialog.publish_button.click()
    follower = pending.args[0]
    with qtbot.waitSignal(follower.queued, timeout=WAIT_MS) as queued:
        pass
    assert queued.args[0].kind == "warning.publish"

    def published() -> list[dict[str, Any]]:
        return [
            w
            for w in connection.store.list("warning")
            if w.get("alert_id") == alert["id"] and w["state"] == "published"
        ]

    qtbot.waitUntil(lambda: len(published()) == 1, timeout=WAIT_MS)
    assert published()[0]["published_by"] == "supervisor"
