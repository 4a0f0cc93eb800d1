"""/me/notes: private notes on document pages, visible to their author only, versioned, idempotent,
bounded, stored as typed, never in /sync or the event stream."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from poll_support import Rig, rig

from ioc_backend.api.schemas import responses as M
from ioc_backend.db import models
from ioc_backend.timeutil import utcnow

NOTE_KEYS = {"id", "meeting_id", "document_id", "page", "text", "highlights", "version", "created_at", "updated_at"}


def document(r: Rig, meeting_id: int) -> int:
    content = b"%PDF-1.4 test document"
    with r.db.write() as session:
        doc = models.MeetingDocument(
            meeting_id=meeting_id,
            filename="bao-cao.pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            uploaded_at=utcnow(),
        )
        session.add(doc)
        session.flush()
        return doc.id


def note(r: Rig, who: str, document_id: int, page: int = 1, key: str | None = None, **body: Any) -> Any:
    return r.post("/me/notes", who, key, json={"document_id": document_id, "page": page, **body})


def test_notes_are_private_to_their_author(tmp_path: Path) -> None:
    with rig(tmp_path) as r:
        meeting = r.meeting()
        r.add_member(meeting, "ana")
        r.add_member(meeting, "binh")
        doc = document(r, meeting["id"])
        made = note(
            r,
            "ana",
            doc,
            3,
            text="Hỏi lại số liệu mực nước",
            highlights=[{"x": 72, "y": 100.5, "width": 200, "height": 14}],
        )
        assert made.status_code == 201, made.text
        mine = made.json()
        M.PrivateNote.model_validate(mine)
        assert set(mine) == NOTE_KEYS and mine["meeting_id"] == meeting["id"] and mine["version"] == 1
        assert mine["highlights"] == [{"x": 72.0, "y": 100.5, "width": 200.0, "height": 14.0}]
        # Another member: the note does not exist for them, whatever they try.
        nid = mine["id"]
        assert r.get(f"/me/notes/{nid}", "binh").status_code == 404
        assert r.call("PATCH", f"/me/notes/{nid}", "binh", json={"version": 1, "text": "x"}).status_code == 404
        assert r.call("DELETE", f"/me/notes/{nid}", "binh", params={"version": 1}).status_code == 404
        assert r.get("/me/notes", "binh").json() == {"items": [], "total": 0}
        assert r.get(f"/me/notes/{nid}", "boss").status_code == 404  # not even a meeting manager
        # The same page of the same document for someone else is their own note.
        assert note(r, "binh", doc, 3, text="Ghi chú của Bình").status_code == 201
        # Filters.
        assert r.get("/me/notes", "ana", params={"meeting_id": meeting["id"]}).json()["total"] == 1
        assert r.get("/me/notes", "ana", params={"document_id": doc}).json()["items"] == [mine]
        assert r.get("/me/notes", "ana", params={"meeting_id": meeting["id"] + 1}).json()["total"] == 0
        # Never in /sync (shared by every user).
        assert "Hỏi lại" not in r.get("/sync", "binh").text


def test_versions_one_note_per_page_and_idempotent_writes(tmp_path: Path) -> None:
    with rig(tmp_path) as r:
        meeting = r.meeting()
        doc = document(r, meeting["id"])
        key = str(uuid.uuid4())
        first = note(r, "ana", doc, 1, key=key, text="một")
        replay = note(r, "ana", doc, 1, key=key, text="một")
        assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json() == first.json()
        taken = note(r, "ana", doc, 1, text="hai")
        assert (taken.status_code, taken.json()["error"]["code"]) == (409, "note_exists")
        assert taken.json()["current"] == first.json()
        nid = first.json()["id"]
        changed = r.call("PATCH", f"/me/notes/{nid}", "ana", json={"version": 1, "text": "hai"})
        assert changed.json()["version"] == 2 and changed.json()["text"] == "hai"
        stale = r.call("PATCH", f"/me/notes/{nid}", "ana", json={"version": 1, "highlights": []})
        assert (stale.status_code, stale.json()["error"]["code"]) == (409, "conflict")
        assert stale.json()["current"] == changed.json()
        assert r.call("DELETE", f"/me/notes/{nid}", "ana", params={"version": 1}).status_code == 409
        assert r.call("DELETE", f"/me/notes/{nid}", "ana", params={"version": 2}).status_code == 204
        assert r.get(f"/me/notes/{nid}", "ana").status_code == 404
        # A document that does not exist (or of a meeting the caller may not see) → 404.
        assert note(r, "ana", 999999, 1).status_code == 404


def test_hostile_and_oversized_notes(tmp_path: Path) -> None:
    with rig(tmp_path) as r:
        meeting = r.meeting()
        doc = document(r, meeting["id"])
        hostile = "<script>alert(1)</script> '; DROP TABLE private_notes; -- {{7*7}} \u202eFDP.exe\n\tdòng 2"
        made = note(r, "ana", doc, 1, text=hostile)
        assert made.status_code == 201 and made.json()["text"] == hostile  # kept verbatim, never interpreted
        assert r.get(f"/me/notes/{made.json()['id']}", "ana").json()["text"] == hostile
        decomposed = "Hue\u0302\u0301"  # NFC: one note text whatever the keyboard sent
        assert note(r, "ana", doc, 2, text=decomposed).json()["text"] == "Huế"
        for body, field in (
            ({"text": "x" * 20_001}, "body.text"),
            ({"text": "nul\x00"}, "body.text"),
            ({"page": 0}, "body.page"),
            ({"page": "1"}, "body.page"),
            ({"highlights": [{"x": 1, "y": 1, "width": 0, "height": 5}]}, "body.highlights.0"),
            ({"highlights": [{"x": -1, "y": 1, "width": 5, "height": 5}]}, "body.highlights.0"),
            ({"highlights": [{"x": 1, "y": 1, "width": 5}]}, "body.highlights.0"),
            ({"highlights": [{"x": 1, "y": 1, "width": 5, "height": 5}] * 201}, "body.highlights"),
            ({"extra": 1}, "body.extra"),
        ):
            payload = {"document_id": doc, "page": 5, **body}
            bad = r.post("/me/notes", "ana", json=payload)
            assert bad.status_code == 422, (body, bad.text)
            fields = [d["field"] for d in bad.json()["error"]["details"]]
            assert any(f.startswith(field) for f in fields), (body, fields)
        assert r.get("/me/notes", "ana").json()["total"] == 2
