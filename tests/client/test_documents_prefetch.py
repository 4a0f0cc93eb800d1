"""Meeting documents and polls through IocClient, and their prefetch into the offline cache."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess, start_backend
from client_support import Reply, SeenRequest, seat_members
from pdf_samples import minimal_pdf
from sync_engine_support import TEST_CLIENT, copy_database

from backend_client import BadResponse, Conflict, IocClient, Meeting, PermissionDenied
from backend_client.cache import CacheStore
from backend_client.sync.media_prefetch import MediaPrefetcher

# A real PDF: the backend opens every upload with a PDF parser.
PDF = minimal_pdf()
UPCOMING = ("scheduled", "in_progress")
_SOON = datetime.now(UTC) + timedelta(minutes=15)
GRANT = {
    "access_token": "access-1",
    "token_type": "bearer",
    "expires_at": _SOON.isoformat(),
    "expires_in": 900,
    "refresh_token": "refresh-1",
    "refresh_expires_at": _SOON.isoformat(),
    "user": {"id": 4, "username": "participant", "full_name": "Đại biểu", "role": "participant"},
}


def signed_in(url: str, role: str) -> IocClient:
    client = IocClient(url, **TEST_CLIENT)
    client.login(role, DEMO_PASSWORDS[role])
    return client


def sync_into(client: IocClient, store: CacheStore) -> None:
    for batch in client.iter_sync(store.cursor() or "0"):
        store.apply_changes([c.model_dump(mode="json") for c in batch.changes], batch.cursor)


def new_meeting(client: IocClient) -> Meeting:
    return client.create_meeting(
        "Họp kiểm thử tài liệu", "Phòng họp IOC", "2026-12-03T08:00:00+07:00", "2026-12-03T09:00:00+07:00"
    )


# ------------------------------------------------------------------------------ IocClient calls
def test_client_uploads_downloads_deletes_documents_and_runs_polls(backend: BackendProcess) -> None:
    with signed_in(backend.url, "leader") as leader, signed_in(backend.url, "participant") as participant:
        meeting = new_meeting(leader)
        with pytest.raises(PermissionDenied):
            participant.upload_document(meeting.id, "x.pdf", PDF)
        uploaded = leader.upload_document(meeting.id, "Kế hoạch ứng phó.pdf", PDF)
        [doc] = uploaded.documents
        assert doc.filename == "Kế hoạch ứng phó.pdf" and doc.sha256 == hashlib.sha256(PDF).hexdigest()
        assert participant.download_document(meeting.id, doc.id) == PDF

        seat_members(leader, [participant], meeting.id)
        current = leader.get_meeting(meeting.id)
        with_poll = leader.create_poll(meeting.id, current.version, "Đồng ý kế hoạch?", ["Có", "Không"], kind="secret")
        [poll] = with_poll.polls
        assert (poll.kind, poll.status, poll.votes) == ("secret", "draft", None)
        opened = leader.open_poll(meeting.id, poll.id, with_poll.version).polls[0]
        assert (opened.status, opened.eligible) == ("open", 1)
        voted = participant.vote(meeting.id, poll.id, 1).polls[0]
        assert (voted.votes_cast, voted.votes) == (1, None)
        mine = participant.get_poll(meeting.id, poll.id)
        assert (mine.has_voted, mine.manages, mine.votes) == (True, False, None)
        with pytest.raises(Conflict) as twice:
            participant.vote(meeting.id, poll.id, 0)
        assert twice.value.code == "already_voted"
        closed = leader.close_poll(meeting.id, poll.id, participant.get_meeting(meeting.id).version)
        assert closed.polls[0].status == "closed"
        with pytest.raises(Conflict) as refused:
            participant.vote(meeting.id, poll.id, 0)
        assert refused.value.code == "poll_closed" and refused.value.current["polls"][0]["votes"] is None
        assert leader.get_poll(meeting.id, poll.id).votes == [0, 1]  # the managers see it once closed
        published = leader.publish_poll(meeting.id, poll.id, closed.version)
        assert published.polls[0].votes == [0, 1] and participant.get_poll(meeting.id, poll.id).ballots is None
        closed = published

        emptied = leader.delete_document(meeting.id, doc.id, closed.version)
        assert emptied.documents == [] and emptied.version == closed.version + 1


def test_client_refuses_to_upload_what_is_not_a_pdf_before_sending(scripted_server) -> None:
    server = scripted_server(lambda seen: Reply(500))
    client = IocClient(server.url, **TEST_CLIENT)
    try:
        for content in (b"", b"<html>", b"GIF89a"):
            with pytest.raises(ValueError, match="PDF|empty"):
                client.upload_document(1, "x.pdf", content)
        with pytest.raises(ValueError, match="file name"):
            client.upload_document(1, "  ", PDF)
    finally:
        client.close()
    assert server.requests == []


@pytest.mark.parametrize(
    ("body", "etag", "problem"),
    [
        (PDF, '"' + "0" * 64 + '"', "SHA-256"),
        (b"<html>login page</html>", "", "not a PDF"),
    ],
)
def test_download_rejects_damaged_or_foreign_bytes(scripted_server, body: bytes, etag: str, problem: str) -> None:
    headers = {"Content-Type": "application/pdf"} | ({"ETag": etag} if etag else {})

    def route(seen: SeenRequest) -> Reply:
        if seen.path == "/api/v1/auth/login":
            return Reply(200, GRANT)
        return Reply(200, body, headers)

    server = scripted_server(route)
    client = IocClient(server.url, **TEST_CLIENT)
    try:
        client.login("participant", "hue-participant")
        with pytest.raises(BadResponse, match=problem):
            client.download_document(1, 2)
    finally:
        client.close()
    assert server.requests[-1].path == "/api/v1/meetings/1/documents/2"


# ------------------------------------------------------------------------------ prefetch
@pytest.fixture()
def private_backend(backend: BackendProcess, tmp_path: Path) -> Iterator[BackendProcess]:
    """A backend this test may stop, on a copy of the seeded session database."""
    proc = start_backend(tmp_path, db_path=copy_database(backend.db_path, tmp_path / "backend.sqlite3"))
    yield proc
    proc.stop()


def test_prefetch_caches_upcoming_meeting_documents_readable_with_the_backend_stopped(
    private_backend: BackendProcess, tmp_path: Path
) -> None:
    leader = signed_in(private_backend.url, "leader")
    # A participant syncs only tasks and meetings: the pass below is about documents alone.
    client = signed_in(private_backend.url, "participant")
    store = CacheStore(tmp_path / "cache.sqlite3")
    try:
        sync_into(client, store)
        meetings = store.list("meeting")
        upcoming = {str(d["id"]): d["sha256"] for m in meetings if m["status"] in UPCOMING for d in m["documents"]}
        ended = {str(d["id"]) for m in meetings if m["status"] == "ended" for d in m["documents"]}
        assert upcoming and ended  # the demo seed gives every meeting 1-2 PDFs

        prefetcher = MediaPrefetcher(client, store, max_snapshots=0)
        prefetcher.run_pass()
        assert store.document_hashes() == upcoming
        assert prefetcher.stats["documents"] == len(upcoming) and prefetcher.stats["document_errors"] == 0
        prefetcher.run_pass()  # already cached with the listed hash: nothing is fetched again
        assert prefetcher.stats["documents"] == len(upcoming)

        # A document deleted on the server is dropped once the meeting no longer lists it; one the
        # cache still lists but the server lost is counted as a failure, and the pass goes on.
        target = next(m for m in meetings if m["status"] in UPCOMING and m["documents"])
        gone = target["documents"][0]
        leader.delete_document(target["id"], gone["id"], target["version"])
        sync_into(client, store)
        ghost_meeting = next(m for m in store.list("meeting") if m["status"] in UPCOMING and m["id"] != target["id"])
        ghost = {
            "id": 999999,
            "filename": "mất.pdf",
            "size": 10,
            "sha256": "a" * 64,
            "uploaded_at": ghost_meeting["updated_at"],
        }
        store.upsert_resource(
            "meeting",
            {
                **ghost_meeting,
                "version": ghost_meeting["version"] + 1,
                "documents": [*ghost_meeting["documents"], ghost],
            },
        )
        prefetcher.run_pass()
        assert prefetcher.stats["document_errors"] == 1 and prefetcher.stats["documents_dropped"] == 1
        still = {k: v for k, v in upcoming.items() if k != str(gone["id"])}
        assert store.document_hashes() == still

        private_backend.stop()
        for doc_id, sha256 in still.items():
            content = store.get_document(doc_id)
            assert content is not None and content.startswith(b"%PDF-")
            assert hashlib.sha256(content).hexdigest() == sha256
    finally:
        store.close()
        client.close()
        leader.close()
