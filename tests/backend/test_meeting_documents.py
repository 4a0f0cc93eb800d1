"""Meeting documents on the real backend: roles, PDF-only uploads, size limit, safe file names, sync."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from backend_testkit import Api, error_code
from pdf_samples import minimal_pdf

from ioc_backend.api.meeting_checks import MAX_DOCUMENT_BYTES
from ioc_backend.api.schemas import responses as M
from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.pdf_probe import check_pdf_structure

PDF = minimal_pdf()


def new_meeting(api: Api) -> dict[str, Any]:
    """A meeting of this test alone, so the demo meetings other tests read stay as seeded."""
    r = api.post(
        "/meetings",
        api.token("leader"),
        json={
            "title": "Họp kiểm thử tài liệu",
            "location": "Phòng họp IOC",
            "starts_at": "2026-12-01T08:00:00+07:00",
            "ends_at": "2026-12-01T09:00:00+07:00",
        },
    )
    assert r.status_code == 201, r.text
    return r.json()


def upload(
    api: Api,
    meeting_id: int,
    content: bytes,
    role: str = "leader",
    filename: str | None = "tài liệu.pdf",
    headers: dict[str, str] | None = None,
) -> Any:
    params = {"filename": filename} if filename is not None else None
    return api.post(
        f"/meetings/{meeting_id}/documents",
        api.token(role),
        data=content,
        params=params,
        headers={"Content-Type": "application/pdf", **(headers or {})},
    )


def test_demo_meetings_carry_real_pdfs_anyone_may_read(shared_api: Api) -> None:
    participant = shared_api.token("participant")
    meetings = shared_api.get("/meetings", participant).json()["items"]
    demo = [m for m in meetings if m["id"] <= 6]
    assert len(demo) == 6 and all(1 <= len(m["documents"]) <= 2 for m in demo)
    assert any(p["status"] == "draft" for m in demo for p in m["polls"])
    for meeting in demo:
        M.Meeting.model_validate(meeting)
    meeting = demo[0]
    doc = meeting["documents"][0]
    assert set(doc) == {"id", "filename", "size", "sha256", "uploaded_at"} and doc["filename"].endswith(".pdf")

    r = shared_api.get(f"/meetings/{meeting['id']}/documents/{doc['id']}", participant)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-") and b"%%EOF" in r.content[-64:]
    assert len(r.content) == doc["size"] and hashlib.sha256(r.content).hexdigest() == doc["sha256"]
    assert r.headers["ETag"] == f'"{doc["sha256"]}"'
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith('inline; filename="') and disposition.isascii()
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == doc["filename"]

    again = shared_api.get(
        f"/meetings/{meeting['id']}/documents/{doc['id']}", participant, headers={"If-None-Match": r.headers["ETag"]}
    )
    assert again.status_code == 304 and again.content == b""


def test_only_meeting_writers_upload_and_the_bytes_come_back_unchanged(shared_api: Api) -> None:
    meeting = new_meeting(shared_api)
    for role in ("participant", "operator"):
        refused = upload(shared_api, meeting["id"], PDF, role=role)
        assert refused.status_code == 403 and error_code(refused) == "forbidden"

    big = PDF + b"%" + b"x" * (3 * 1024 * 1024)  # beyond the 1 MiB limit of every other route
    r = upload(shared_api, meeting["id"], big, role="supervisor", filename="Báo cáo mưa lũ tháng 11.pdf")
    assert r.status_code == 201, r.text
    after = r.json()
    assert after["version"] == meeting["version"] + 1
    [doc] = after["documents"]
    assert doc["filename"] == "Báo cáo mưa lũ tháng 11.pdf" and doc["size"] == len(big)
    assert doc["sha256"] == hashlib.sha256(big).hexdigest()
    assert shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("operator")).json() == after

    fetched = shared_api.get(f"/meetings/{meeting['id']}/documents/{doc['id']}", shared_api.token("operator"))
    assert fetched.content == big
    # A document is reachable only under its own meeting.
    other = new_meeting(shared_api)
    wrong = shared_api.get(f"/meetings/{other['id']}/documents/{doc['id']}", shared_api.token("operator"))
    assert wrong.status_code == 404 and error_code(wrong) == "not_found"


def test_what_is_not_a_pdf_is_refused_clearly_and_nothing_is_stored(shared_api: Api) -> None:
    meeting = new_meeting(shared_api)
    for content in (b"<html>not a pdf</html>", b"", b"%PD", b"\x89PNG\r\n\x1a\n"):
        r = upload(shared_api, meeting["id"], content)
        assert r.status_code == 422 and error_code(r) == "validation_error", r.text
        assert "PDF" in r.json()["error"]["message"] or "empty" in r.json()["error"]["message"]
    missing_name = upload(shared_api, meeting["id"], PDF, filename=None)
    assert missing_name.status_code == 422 and "file name" in missing_name.json()["error"]["message"]
    unknown = upload(shared_api, 999999, PDF)
    assert unknown.status_code == 404
    assert shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json() == meeting


def test_a_file_that_only_starts_like_a_pdf_is_refused_naming_the_problem(shared_api: Api) -> None:
    meeting = new_meeting(shared_api)
    fakes = {
        "html after the magic": b"%PDF-1.7\n<html><body>not a pdf</body></html>\n",
        "objects without pages": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "truncated": PDF[: len(PDF) // 2],
    }
    for what, content in fakes.items():
        r = upload(shared_api, meeting["id"], content)
        assert r.status_code == 422 and error_code(r) == "validation_error", (what, r.text)
        message = r.json()["error"]["message"]
        assert "not a readable PDF" in message or "no pages" in message, (what, message)
        assert r.json()["error"]["details"] == [
            {"field": "body", "message": message.removeprefix("Invalid document: ")}
        ]
    assert shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json() == meeting
    # The demo's generated documents are real PDFs: they pass the same check.
    from ioc_backend.demo.documents import render_pdf

    demo_pdf = render_pdf("Nghị quyết", ["Đoạn một.", "Đoạn hai."], datetime(2026, 11, 30, tzinfo=UTC))
    assert upload(shared_api, meeting["id"], demo_pdf).status_code == 201


def test_the_pdf_parser_runs_under_a_deadline() -> None:
    with pytest.raises(ValueError, match="could not be read within"):
        check_pdf_structure(PDF, timeout=0.001)
    assert check_pdf_structure(PDF) is None


def test_uploads_over_50_mib_get_413_and_other_routes_keep_1_mib(shared_api: Api) -> None:
    meeting = new_meeting(shared_api)
    r = upload(shared_api, meeting["id"], PDF + b"x" * (MAX_DOCUMENT_BYTES + 1 - len(PDF)))
    assert r.status_code == 413 and error_code(r) == "payload_too_large"
    oversized_json = shared_api.post(
        "/meetings",
        shared_api.token("leader"),
        data=b'{"title": "' + b"x" * (1024 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert oversized_json.status_code == 413
    assert shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json()["documents"] == []


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\x\\..\\biên bản.pdf", "biên bản.pdf"),
        ("bad\r\nname\x00.pdf", "badname.pdf"),
        ("hoá đơn\u202efdp.exe", "hoá đơnfdp.exe.pdf"),  # the bidi override that disguises ".exe" is dropped
        ('say "hi" <b>|*?.pdf', "say _hi_ _b____.pdf"),
        ("...hidden.pdf", "hidden.pdf"),
    ],
)
def test_hostile_file_names_are_made_safe(shared_api: Api, given: str, stored: str) -> None:
    meeting = new_meeting(shared_api)
    r = upload(shared_api, meeting["id"], PDF, filename=given)
    assert r.status_code == 201, r.text
    assert r.json()["documents"][-1]["filename"] == stored
    doc_id = r.json()["documents"][-1]["id"]
    disposition = shared_api.get(f"/meetings/{meeting['id']}/documents/{doc_id}", shared_api.token("leader")).headers[
        "Content-Disposition"
    ]
    assert "\r" not in disposition and "\n" not in disposition and disposition.count('"') == 2


def test_file_name_in_the_header_and_names_that_leave_nothing(shared_api: Api) -> None:
    meeting = new_meeting(shared_api)
    by_header = upload(
        shared_api, meeting["id"], PDF, filename=None, headers={"X-Filename": "Ngh%E1%BB%8B%20quy%E1%BA%BFt.pdf"}
    )
    assert by_header.status_code == 201 and by_header.json()["documents"][-1]["filename"] == "Nghị quyết.pdf"
    for bad in ("../", "\x00\x01", "." * 3, "a" * 250 + ".pdf"):
        r = upload(shared_api, meeting["id"], PDF, filename=bad)
        assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "query.filename", bad
    broken = upload(shared_api, meeting["id"], PDF, filename=None, headers={"X-Filename": "%ff%fe.pdf"})
    assert broken.status_code == 422


def test_delete_checks_the_version_and_the_change_reaches_sync(shared_api: Api) -> None:
    leader = shared_api.token("leader")
    meeting = new_meeting(shared_api)
    newest = newest_cursor(shared_api, leader)
    first = upload(shared_api, meeting["id"], PDF, filename="a.pdf").json()
    second = upload(shared_api, meeting["id"], PDF + b"%2", filename="b.pdf").json()
    keep, gone = second["documents"]

    participant = shared_api.call(
        "DELETE",
        f"/meetings/{meeting['id']}/documents/{gone['id']}",
        shared_api.token("participant"),
        params={"version": second["version"]},
    )
    assert participant.status_code == 403
    stale = shared_api.call(
        "DELETE", f"/meetings/{meeting['id']}/documents/{gone['id']}", leader, params={"version": first["version"]}
    )
    assert stale.status_code == 409 and error_code(stale) == "conflict" and stale.json()["current"] == second
    no_version = shared_api.call("DELETE", f"/meetings/{meeting['id']}/documents/{gone['id']}", leader)
    assert no_version.status_code == 422
    deleted = shared_api.call(
        "DELETE", f"/meetings/{meeting['id']}/documents/{gone['id']}", leader, params={"version": second["version"]}
    )
    assert deleted.status_code == 200 and deleted.json()["documents"] == [keep]
    assert shared_api.get(f"/meetings/{meeting['id']}/documents/{gone['id']}", leader).status_code == 404

    changes = shared_api.get("/sync", leader, params={"since": newest}).json()["changes"]
    mine = [c for c in changes if c["resource"] == "meeting" and c["id"] == str(meeting["id"])]
    assert [c["data"] for c in mine] == [deleted.json()]  # the latest state, once


def newest_cursor(api: Api, token: str) -> str:
    cursor = "0"
    while True:
        body = api.get("/sync", token, params={"since": cursor, "limit": 5000}).json()
        cursor = body["cursor"]
        if not body["has_more"]:
            return cursor


def test_an_upload_replayed_with_its_key_is_stored_once(shared_api: Api) -> None:
    meeting = new_meeting(shared_api)
    key = {"Idempotency-Key": "upload-once-" + str(meeting["id"])}
    first = upload(shared_api, meeting["id"], PDF, headers=key)
    replay = upload(shared_api, meeting["id"], PDF, headers=key)
    assert first.status_code == replay.status_code == 201
    assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json() == first.json()
    assert len(shared_api.get(f"/meetings/{meeting['id']}", shared_api.token("leader")).json()["documents"]) == 1
    other_body = upload(shared_api, meeting["id"], PDF + b"%other", headers=key)
    assert other_body.status_code == 422 and error_code(other_body) == "idempotency_key_mismatch"


def test_a_database_from_before_documents_and_polls_gains_their_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    upgrade_database(Database(f"sqlite:///{path}"))
    with sqlite3.connect(path) as conn:  # pretend the file predates the two columns and tables
        conn.execute("ALTER TABLE meetings DROP COLUMN documents")
        conn.execute("ALTER TABLE meetings DROP COLUMN polls")
        conn.execute("DROP TABLE poll_votes")
        conn.execute("DROP TABLE meeting_polls")
        conn.execute("DROP TABLE meeting_documents")
        conn.execute("DROP TABLE alembic_version")  # and schema versions
        conn.execute(
            "INSERT INTO meetings (id, title, location, starts_at, ends_at, status, agenda, version, "
            "updated_at, seq) VALUES (1, 't', 'l', '2026-01-01 08:00:00', '2026-01-01 09:00:00', "
            "'ended', '[]', 1, '2026-01-01 00:00:00', 0)"
        )

    db = Database(f"sqlite:///{path}")
    upgrade_database(db)
    from ioc_backend.db import models
    from ioc_backend.db.payloads import meeting_dict

    with db.read() as session:
        data = meeting_dict(session.get(models.Meeting, 1))
    assert data["documents"] == [] and data["polls"] == []
    with sqlite3.connect(path) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meeting_documents", "meeting_polls", "poll_votes"} <= tables
    db.dispose()
