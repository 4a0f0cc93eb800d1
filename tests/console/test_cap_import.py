"""Importing another agency's CAP file: a valid one becomes an external warning, an invalid or
hostile one gets the server's 422 in plain words, a file over 1 MiB is refused before upload."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from backend_process import DEMO_PASSWORDS
from console_helpers import WAIT_MS
from PySide6.QtWidgets import QFileDialog, QWidget

from ioc_console.workspaces.alerts.cap_import import MAX_CAP_BYTES, CapImporter
from ioc_domain import cap


@pytest.fixture(autouse=True)
def _english(languages):
    languages.set_language("en")


@pytest.fixture()
def importer(qtbot, backend, make_context):
    context = make_context(backend.url)
    context.connection.client.login("operator", DEMO_PASSWORDS["operator"])
    parent = QWidget()
    qtbot.addWidget(parent)
    return CapImporter(context.connection, parent)


def _agency_warning(identifier: str) -> bytes:
    return cap.cap_xml(
        {
            "identifier": identifier,
            "sender": "kttv.gov.vn",
            "sent": datetime.now(UTC),
            "status": "Actual",
            "msg_type": "Alert",
            "scope": "Public",
            "references": None,
            "info": [
                {
                    "language": "vi-VN",
                    "category": ["Met"],
                    "event": "Lũ",
                    "urgency": "Expected",
                    "severity": "Severe",
                    "certainty": "Likely",
                    "headline": "Cảnh báo lũ trên sông Hương",
                    "description": "Mực nước sông Hương lên nhanh.",
                    "instruction": "Di chuyển đến nơi an toàn.",
                }
            ],
            "area": {
                "description": "Thành phố Huế",
                "polygon": None,
                "circle": {"lat": 16.46, "lon": 107.59, "radius_km": 5},
            },
        }
    )


def test_valid_file_is_imported(qtbot, importer, tmp_path):
    path = tmp_path / "kttv.xml"
    path.write_bytes(_agency_warning(f"kttv.lu.{datetime.now(UTC).timestamp():.0f}"))
    with qtbot.waitSignal(importer.imported, timeout=WAIT_MS) as blocker:
        assert importer.import_file(path)
    assert blocker.args[0] > 0
    assert f"#{blocker.args[0]}" in importer.last_message().text()


def test_invalid_file_gets_the_servers_reason(qtbot, importer, tmp_path):
    path = tmp_path / "broken.xml"
    # A CAP alert missing its required <sender>, <sent>, <status>...: fails the OASIS schema.
    path.write_bytes(
        b'<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>'
    )
    with qtbot.waitSignal(importer.failed, timeout=WAIT_MS) as blocker:
        importer.import_file(path)
    text = blocker.args[0]
    assert text.startswith("This is not a valid CAP 1.2 warning, so nothing was imported.\nThe server says: ")
    assert len(text.split("The server says: ", 1)[1]) > 10  # the server's own words on what is wrong
    box = importer.last_message()
    assert box is not None and box.text() == text and box.windowTitle() == "Warning not imported"


def test_hostile_file_is_refused(qtbot, importer, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not leak")
    path = tmp_path / "xxe.xml"
    path.write_bytes(
        f'<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>'.encode()
    )
    with qtbot.waitSignal(importer.failed, timeout=WAIT_MS) as blocker:
        importer.import_file(path)
    assert "nothing was imported" in blocker.args[0]
    assert "do not leak" not in blocker.args[0]


def test_too_large_and_missing_files_never_reach_the_server(qtbot, importer, tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(b"<alert>" + b" " * MAX_CAP_BYTES + b"</alert>")
    with qtbot.waitSignal(importer.failed, timeout=WAIT_MS) as blocker:
        importer.import_file(big)
    assert blocker.args[0] == "The file is too large for a CAP warning: 1025 KiB, at most 1024 KiB."
    with qtbot.waitSignal(importer.failed, timeout=WAIT_MS) as blocker:
        importer.import_file(Path(tmp_path / "missing.xml"))
    assert blocker.args[0].startswith("The file could not be read: ")


def test_choose_opens_a_file_dialog_that_imports_the_chosen_file(qtbot, importer, tmp_path):
    path = tmp_path / "again.xml"
    path.write_bytes(_agency_warning(f"kttv.lu.dialog.{datetime.now(UTC).timestamp():.0f}"))
    importer.choose_and_import()
    dialog = importer.file_dialog()
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    with qtbot.waitSignal(importer.imported, timeout=WAIT_MS):
        dialog.fileSelected.emit(str(path))
    dialog.close()
