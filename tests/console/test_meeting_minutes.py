"""The meeting minutes PDF, made from a meeting run through the real backend and read back with pypdf:
attendance with every stay's times and the quorum, per agenda item its presenter, time budget,
documents, speakers with their times, conclusions and the tasks they created, and the votes (a
published named poll with who chose what, a published secret poll with counts only, a closed one
that was not published). A cancel or a write error leaves no file."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from console_helpers import WAIT_MS
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from backend_client import IocClient
from backend_client.api.models import Meeting
from ioc_console.services.event_text import LOCAL_TZ
from ioc_console.workspaces.meetings.minutes import MinutesBuilder, default_minutes_path, export_minutes
from ioc_console.workspaces.meetings.minutes_data import MinutesData, collect_minutes

TASK_TITLE = "Khơi thông cống thoát nước đường Lê Lợi"
CONCLUSION = "Giao Phòng Quản lý đô thị khơi thông hệ thống thoát nước trước mùa mưa lũ."
SECOND_CONCLUSION = "Thống nhất báo cáo kết quả tại phiên giao ban tháng sau."
NAMED_Q = "Thông qua phương án sơ tán dân cư vùng trũng?"
SECRET_Q = "Đề cử đơn vị điển hình năm 2026?"
UNPUBLISHED_Q = "Điều chỉnh giờ họp giao ban?"
DOC_NAME = "Báo cáo tình hình ngập úng.pdf"


def _local(moment: datetime | None) -> str:
    assert moment is not None
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass
class RecordedMeeting:
    backend: BackendProcess
    meeting_id: int
    clients: dict[str, IocClient]
    final: Meeting


def _clients(url: str) -> dict[str, IocClient]:
    clients = {}
    for role in ("leader", "supervisor", "operator", "participant"):
        client = IocClient(url, connect_timeout=2.0, read_timeout=30.0, max_retries=1)
        client.login(role, DEMO_PASSWORDS[role])
        clients[role] = client
    return clients


def _run_meeting(clients: dict[str, IocClient]) -> Meeting:
    """A meeting from start to end through the API: members, a document, check-in and out, the
    agenda moved, speakers, three polls, conclusions (one with a task)."""
    chair, secretary, presenter, member = (clients[r] for r in ("leader", "supervisor", "operator", "participant"))
    ids = {role: c.user.id for role, c in clients.items() if c.user is not None}
    start = datetime(2026, 12, 2, 8, 0, tzinfo=LOCAL_TZ)
    m = chair.create_meeting(
        "Họp ứng phó mưa lũ & <kiểm thử>", "Phòng họp IOC, 26 Nguyễn Trãi", start, start + timedelta(hours=2)
    )
    m = chair.upload_document(m.id, DOC_NAME, _pdf_bytes())
    doc_id = m.documents[0].id
    agenda = [
        {
            "title": "Tình hình ngập úng",
            "presenter": "",
            "presenter_id": ids["operator"],
            "minutes": 20,
            "documents": [doc_id],
        },
        {"title": "Kế hoạch tháng tới", "presenter": "Lãnh đạo Trung tâm", "minutes": 10},
    ]
    m = chair.update_meeting(m.id, m.version, agenda=agenda, quorum={"min_present": 3})
    for role, meeting_role in (
        ("leader", "chair"),
        ("supervisor", "secretary"),
        ("operator", "presenter"),
        ("participant", "member"),
    ):
        m = chair.put_member(m.id, ids[role], meeting_role, m.version)
    for client in (chair, secretary, presenter, member):
        m = client.check_in(m.id)
    first, second = (item.id for item in m.agenda)
    assert first is not None and second is not None
    m = chair.agenda_next(m.id, m.version)
    presenter.request_to_speak(m.id, first)
    m = member.request_to_speak(m.id, first)
    for speaker in sorted(m.agenda[0].speakers, key=lambda s: s.position):
        m = chair.start_speaker(m.id, first, speaker.id, m.version)
        m = chair.stop_speaker(m.id, first, speaker.id, m.version)
    m = chair.create_poll(m.id, m.version, NAMED_Q, ["Đồng ý", "Không đồng ý", "Xin ý kiến thêm"], kind="named")
    m = chair.create_poll(m.id, m.version, SECRET_Q, ["Phường Phú Hội", "Phường Kim Long"], kind="secret")
    m = chair.create_poll(m.id, m.version, UNPUBLISHED_Q, ["Giữ nguyên", "Lùi 30 phút"], kind="named")
    named, secret, unpublished = (p.id for p in m.polls)
    for poll, choices in ((named, (0, 0, 1, 0)), (secret, (1, 0, 1, 1)), (unpublished, (0, 1, 0, 0))):
        m = chair.open_poll(m.id, poll, m.version)
        for client, option in zip((chair, secretary, presenter, member), choices, strict=True):
            m = client.vote(m.id, poll, option)
        m = chair.close_poll(m.id, poll, m.version)
        if poll != unpublished:
            m = chair.publish_poll(m.id, poll, m.version)
    due = datetime(2026, 12, 20, 17, 0, tzinfo=LOCAL_TZ)
    task = {"title": TASK_TITLE, "assignee_unit": "Phòng Quản lý đô thị", "due_at": due.isoformat()}
    m = secretary.add_conclusion(m.id, first, CONCLUSION, m.version, task=task)
    m = chair.agenda_next(m.id, m.version)
    m = secretary.add_conclusion(m.id, second, SECOND_CONCLUSION, m.version)
    m = member.check_out(m.id)  # left early: one stay with both times
    return chair.get_meeting(m.id)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Iterator[RecordedMeeting]:
    """A backend of this module's own (the meeting and its task would change other tests' figures)."""
    proc = start_backend(tmp_path_factory.mktemp("minutes"))
    clients = _clients(proc.url)
    try:
        final = _run_meeting(clients)
        yield RecordedMeeting(proc, final.id, clients, final)
    finally:
        for client in clients.values():
            client.close()
        proc.stop()


def _build(qtbot, data: MinutesData, path: Path) -> str:
    builder = MinutesBuilder()
    seen: list[tuple[int, int]] = []
    builder.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(builder.finished, timeout=WAIT_MS) as finished:
        builder.start(data, str(path))
    assert finished.args == [str(path)]
    pages = builder.page_count()
    assert pages >= 2 and seen[-1] == (pages, pages)  # progress reached every page
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_minutes_hold_attendance_items_speakers_votes_conclusions_and_tasks(qtbot, languages, recorded, tmp_path):
    secretary = recorded.clients["supervisor"]
    data = collect_minutes(secretary, recorded.meeting_id, made_by="Thư ký kiểm thử")
    text = _build(qtbot, data, tmp_path / "bien-ban.pdf")
    flat = _flat(text)
    meeting = recorded.final

    # The heading: title (escaped markup in it comes out as text), time and place.
    assert "Họp ứng phó mưa lũ & <kiểm thử>" in flat
    assert _local(meeting.starts_at) in flat and "Phòng họp IOC, 26 Nguyễn Trãi" in flat

    # Attendance: every member, each stay's check-in (and the early leaver's check-out).
    attendance = secretary.attendance(recorded.meeting_id)
    for member in attendance.members:
        assert member.full_name in flat
        for stay in member.stays:
            assert _local(stay.checked_in_at) in flat
    leaver = next(m for m in attendance.members if m.username == "participant")
    out = leaver.stays[0].checked_out_at
    assert out is not None and out.astimezone(LOCAL_TZ).strftime("%H:%M") in flat
    assert "4" in flat and "(3" in flat  # 4 of 4 attended, quorum of 3

    # Item 1: its presenter (by user), time budget, document, speakers with start and stop times.
    first = meeting.agenda[0]
    assert "Tình hình ngập úng" in flat and "20" in flat and DOC_NAME in flat
    presenter_name = next(m.full_name for m in meeting.members if m.role == "presenter")
    assert presenter_name in flat
    speakers = secretary.list_speakers(recorded.meeting_id, first.id or 0)
    assert len(speakers) == 2
    for speaker in speakers:
        assert speaker.full_name and speaker.full_name in flat
        assert _local(speaker.started_at) in flat and _local(speaker.stopped_at) in flat

    # Conclusions and the task the first one created (title, unit, deadline).
    assert CONCLUSION in flat and SECOND_CONCLUSION in flat
    assert TASK_TITLE in flat and "Phòng Quản lý đô thị" in flat and "20/12/2026 17:00" in flat

    # The named poll: options with counts (3, 1, 0) and who chose what.
    assert NAMED_Q in flat
    named = flat[flat.index(NAMED_Q) : flat.index(SECRET_Q)]
    assert "Đồng ý 3" in named and "Không đồng ý 1" in named and "Xin ý kiến thêm 0" in named
    ballots = secretary.get_poll(recorded.meeting_id, meeting.polls[0].id).ballots
    assert ballots and len(ballots) == 4
    for ballot in ballots:
        choice = ["Đồng ý", "Không đồng ý", "Xin ý kiến thêm"][ballot.option]
        assert f"{ballot.full_name} {choice}" in named
    # The secret poll: counts only, no names next to choices.
    secret = flat[flat.index(SECRET_Q) : flat.index(UNPUBLISHED_Q)]
    assert "Phường Phú Hội 1" in secret and "Phường Kim Long 3" in secret
    assert not any(b.full_name in secret for b in ballots)
    # The closed but unpublished poll says so and shows no tally, though the secretary could see it.
    unpublished = flat[flat.index(UNPUBLISHED_Q) :]
    assert "not been published" in unpublished or "chưa được công bố" in unpublished
    assert "Giữ nguyên 3" not in unpublished

    assert "Thư ký kiểm thử" in flat


def test_a_plain_member_gets_minutes_with_the_attendance_summary(qtbot, languages, recorded, tmp_path):
    member = recorded.clients["participant"]
    data = collect_minutes(member, recorded.meeting_id)
    assert data.attendance is None and data.summary is not None
    flat = _flat(_build(qtbot, data, tmp_path / "member.pdf"))
    assert CONCLUSION in flat and TASK_TITLE in flat and NAMED_Q in flat
    # No check-in times for a member who may not see them, but still who belongs to the meeting.
    hidden = QCoreApplication.translate(
        "MinutesText", "Check-in and check-out times are shown to the chair and the secretary only."
    )
    assert _flat(hidden) in flat
    assert all(m.full_name in flat for m in recorded.final.members)


def test_cancel_leaves_no_file_and_the_target_untouched(qtbot, languages, recorded, tmp_path):
    data = collect_minutes(recorded.clients["leader"], recorded.meeting_id)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "bien-ban.pdf"
    target.write_bytes(b"an older file the user keeps")
    builder = MinutesBuilder()

    def cancel_at_first_page(done: int, total: int) -> None:
        if done == 1:
            builder.cancel()

    builder.progress.connect(cancel_at_first_page)
    with qtbot.waitSignal(builder.cancelled, timeout=WAIT_MS):
        builder.start(data, str(target))
    assert not builder.is_running()
    assert target.read_bytes() == b"an older file the user keeps"
    assert os.listdir(folder) == ["bien-ban.pdf"]  # no temporary file left behind


def test_a_write_error_says_why_and_leaves_no_file(qtbot, languages, recorded, tmp_path):
    data = collect_minutes(recorded.clients["leader"], recorded.meeting_id)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "missing-folder" / "bien-ban.pdf"
    builder = MinutesBuilder()
    with qtbot.waitSignal(builder.failed, timeout=WAIT_MS) as failed:
        builder.start(data, str(target))
    assert failed.args[0]
    assert not target.exists() and os.listdir(folder) == []


def _signed_in(qtbot, make_context, url: str) -> tuple[Any, QWidget]:
    """A real console connection signed in as the secretary, and a window to export from."""
    connection = make_context(url).connection
    connection.sign_in("supervisor", DEMO_PASSWORDS["supervisor"])
    qtbot.waitUntil(lambda: connection.engine is not None and connection.state == "online", timeout=WAIT_MS)
    parent = QWidget()
    qtbot.addWidget(parent)
    return connection, parent


def test_export_minutes_gathers_writes_and_says_where(qtbot, make_context, recorded, tmp_path):
    connection, parent = _signed_in(qtbot, make_context, recorded.backend.url)
    target = tmp_path / "xuat.pdf"
    export = export_minutes(parent, connection, recorded.meeting_id, path=str(target))
    assert export is not None
    progress = parent.findChild(QProgressDialog, "meetingMinutesProgress")
    assert progress is not None and progress.isVisible()
    with qtbot.waitSignal(export.finished, timeout=WAIT_MS) as finished:
        pass
    assert finished.args == [str(target)]
    saved = parent.findChild(QMessageBox, "meetingMinutesSaved")
    assert saved is not None and str(target) in saved.text()
    assert CONCLUSION in _flat("\n".join(p.extract_text() or "" for p in PdfReader(str(target)).pages))


def test_cancel_in_the_progress_dialog_leaves_no_file(qtbot, make_context, recorded, tmp_path):
    connection, parent = _signed_in(qtbot, make_context, recorded.backend.url)
    target = tmp_path / "huy.pdf"
    export = export_minutes(parent, connection, recorded.meeting_id, path=str(target))
    assert export is not None
    progress = parent.findChild(QProgressDialog, "meetingMinutesProgress")
    cancel = progress.findChild(QPushButton)
    export.builder.progress.connect(lambda done, _total: cancel.click() if done == 1 else None)
    with qtbot.waitSignal(export.cancelled, timeout=WAIT_MS):
        pass
    assert not export.builder.is_running() and not target.exists()
    assert parent.findChild(QMessageBox, "meetingMinutesError") is None


def test_export_minutes_of_an_unknown_meeting_reports_the_failure(qtbot, make_context, recorded, tmp_path):
    connection, parent = _signed_in(qtbot, make_context, recorded.backend.url)
    target = tmp_path / "khong-co.pdf"
    export = export_minutes(parent, connection, 987_654, path=str(target))
    assert export is not None
    with qtbot.waitSignal(export.failed, timeout=WAIT_MS):
        pass
    error = parent.findChild(QMessageBox, "meetingMinutesError")
    assert error is not None and error.isVisible()
    assert not target.exists()


def test_default_path_names_the_date_and_meeting():
    path = Path(default_minutes_path(42, datetime(2026, 12, 2, tzinfo=UTC).date()))
    assert path.name == "Bien-ban-2026-12-02-42.pdf"
