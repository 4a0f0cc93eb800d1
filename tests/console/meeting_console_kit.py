"""Helpers for the meetings workspace tests: a meeting of a test (members, agenda, multi-page PDFs)
made through the real API, and a console brought to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from console_helpers import WAIT_MS, http_headers
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from ioc_console.shell.main_window import MainWindow


def pages_pdf(pages: int, label: str) -> bytes:
    """A real PDF of ``pages`` A5 pages, each saying "<label> — trang N" (text that search finds)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait, QMarginsF()))
    writer.setResolution(72)
    painter = QPainter(writer)
    font = QFont("Noto Sans")
    font.setPointSize(20)
    painter.setFont(font)
    for page in range(1, pages + 1):
        if page > 1:
            writer.newPage()
        painter.drawText(QRectF(40, 60, 340, 80), f"{label} — trang {page}")
    painter.end()
    buffer.close()
    return bytes(data.data())


def api(url: str, method: str, path: str, role: str, **kw: Any) -> requests.Response:
    headers = {**http_headers(url, role), **kw.pop("headers", {})}
    return requests.request(method, f"{url}/api/v1{path}", headers=headers, timeout=30, **kw)


def user_ids(url: str) -> dict[str, int]:
    answer = api(url, "GET", "/users", "admin")
    answer.raise_for_status()
    return {u["username"]: u["id"] for u in answer.json()["items"]}


def make_meeting(
    url: str,
    members: dict[str, str],
    *,
    title: str = "Họp kiểm thử bảng điều khiển",
    agenda: tuple[str, ...] = ("Mục một", "Mục hai", "Mục ba"),
    documents: tuple[tuple[str, int], ...] = (("Tài liệu họp.pdf", 6),),
) -> dict[str, Any]:
    """A meeting under way now with {demo user: meeting role} members, an agenda and PDF documents
    (name, pages); the first document is attached to the first agenda item."""
    now = datetime.now(UTC)
    created = api(
        url,
        "POST",
        "/meetings",
        "leader",
        json={
            "title": title,
            "location": "Phòng họp IOC",
            "starts_at": (now - timedelta(minutes=10)).isoformat(),
            "ends_at": (now + timedelta(hours=2)).isoformat(),
            "status": "in_progress",
            "agenda": [{"title": t, "presenter": "Phòng Kỹ thuật"} for t in agenda],
        },
    )
    assert created.status_code == 201, created.text
    meeting = created.json()
    for name, pages in documents:
        answer = api(
            url,
            "POST",
            f"/meetings/{meeting['id']}/documents",
            "leader",
            params={"filename": name},
            data=pages_pdf(pages, name),
            headers={"Content-Type": "application/pdf"},
        )
        assert answer.status_code == 201, answer.text
        meeting = answer.json()
    ids = user_ids(url)
    for username, role in members.items():
        answer = api(
            url,
            "PUT",
            f"/meetings/{meeting['id']}/members/{ids[username]}",
            "leader",
            json={"role": role, "version": meeting["version"]},
        )
        assert answer.status_code == 200, answer.text
        meeting = answer.json()
    agenda_body = [
        {
            "title": item["title"],
            "presenter": item["presenter"],
            "documents": [meeting["documents"][0]["id"]] if i == 0 else [],
        }
        for i, item in enumerate(meeting["agenda"])
    ]
    answer = api(
        url,
        "PATCH",
        f"/meetings/{meeting['id']}",
        "leader",
        json={"agenda": agenda_body, "version": meeting["version"]},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def open_meeting(qtbot: Any, window: MainWindow, meeting_id: int) -> Any:
    """Show the meetings workspace on ``meeting_id`` once the console knows it; returns the workspace."""
    workspace = window.workspace("meetings")
    window.show()  # a workspace nobody sees opens no document
    window.show_workspace_key("meetings")
    qtbot.waitUntil(lambda: workspace.feed.meeting(meeting_id) is not None, timeout=WAIT_MS)
    workspace.open_meeting(meeting_id)
    qtbot.waitUntil(
        lambda: workspace.meeting() is not None and workspace.meeting()["id"] == meeting_id, timeout=WAIT_MS
    )
    return workspace


def open_document(qtbot: Any, workspace: Any, index: int = 0, page: int = 1) -> int:
    """Open the meeting's ``index``-th document in the reader and wait until it shows ``page``."""
    doc_id = workspace.meeting()["documents"][index]["id"]
    workspace.reader.open(doc_id, page)
    qtbot.waitUntil(
        lambda: workspace.reader.current_document_id() == doc_id and workspace.reader.pdf.page() == page,
        timeout=WAIT_MS,
    )
    return int(doc_id)
