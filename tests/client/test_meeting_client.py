"""The typed client's meeting procedure calls: against the real backend, and refusing malformed answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from backend_process import BackendProcess
from client_support import Reply, SeenRequest
from pdf_samples import minimal_pdf

from backend_client import BadResponse, Conflict, IocClient
from backend_client.api.models import Attendance, Meeting, PresenterState


def test_a_meeting_runs_through_the_typed_client(backend: BackendProcess, make_client) -> None:
    leader: IocClient = make_client(backend.url, "leader")
    participant: IocClient = make_client(backend.url, "participant")
    ids = {role: make_client(backend.url, role).me().id for role in ("leader", "participant")}
    meeting = leader.create_meeting(
        "Họp qua client",
        "Phòng họp IOC",
        "2026-12-04T08:00:00+07:00",
        "2026-12-04T09:00:00+07:00",
        [{"title": "Mục 1", "presenter": "Lãnh đạo", "minutes": 10}, {"title": "Mục 2", "presenter": ""}],
    )
    meeting = leader.update_meeting(meeting.id, meeting.version, quorum={"min_present": 1})
    meeting = leader.put_member(meeting.id, ids["leader"], "chair", meeting.version)
    meeting = leader.put_member(meeting.id, ids["participant"], "member", meeting.version)
    assert [(m.username, m.role) for m in meeting.members] == [("leader", "chair"), ("participant", "member")]
    meeting = participant.check_in(meeting.id)
    assert meeting.attendance is not None and meeting.attendance.quorum_reached
    report = leader.attendance(meeting.id)
    assert report.present == 1 and report.members[1].stays[0].checked_out_at is None

    meeting = leader.agenda_next(meeting.id, meeting.version)
    assert [i.state for i in meeting.agenda] == ["current", "pending"] and meeting.agenda[0].minutes == 10
    item = meeting.agenda[0].id
    assert item is not None
    meeting = participant.request_to_speak(meeting.id, item)
    speaker = meeting.agenda[0].speakers[0]
    meeting = leader.start_speaker(meeting.id, item, speaker.id, meeting.version)
    meeting = leader.stop_speaker(meeting.id, item, speaker.id, meeting.version)
    (spoken,) = participant.list_speakers(meeting.id, item)
    assert spoken.state == "done" and spoken.started_at and spoken.stopped_at and spoken.full_name

    due = datetime(2026, 12, 11, 10, tzinfo=UTC)
    meeting = leader.add_conclusion(
        meeting.id, item, "Giao phường triển khai.", meeting.version,
        task={"title": "Triển khai", "assignee_unit": "UBND Phường Phú Xuân", "due_at": due},
    )  # fmt: skip
    (conclusion,) = meeting.agenda[0].conclusions
    task = leader.get_task(conclusion.task_ids[0])
    assert task.conclusion_id == conclusion.id and task.meeting_id == meeting.id and task.due_at == due

    meeting = leader.upload_document(meeting.id, "slides.pdf", minimal_pdf())
    state = leader.present(meeting.id, {"kind": "document", "document_id": meeting.documents[0].id, "page": 3})
    assert state.revision >= 1 and state.view is not None and state.view.kind == "document"
    assert participant.presenter(meeting.id) == state
    with pytest.raises(ValueError):
        leader.present(meeting.id, {"kind": "map", "lat": 100, "lon": 107, "zoom": 3})
    # The participant's sync carries the presenter state as a typed change.
    changes = participant.sync("0", 10000).changes
    mine = [c for c in changes if c.resource == "meeting_presenter" and c.id == str(meeting.id)]
    assert [c.model() for c in mine] == [state]
    with pytest.raises(Conflict) as info:
        leader.remove_member(meeting.id, ids["participant"], meeting.version - 1)
    assert info.value.code == "conflict"


class Routes:
    def __init__(self) -> None:
        self.answers: dict[str, Reply] = {}

    def __call__(self, req: SeenRequest) -> Reply:
        path = urlsplit(req.path).path
        if path == "/api/v1/auth/login":
            later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
            user = {"id": 3, "username": "leader", "full_name": "Lãnh đạo", "role": "leader"}
            return Reply(200, {"access_token": "a", "token_type": "bearer", "expires_at": later, "expires_in": 3600,
                               "refresh_token": "r", "refresh_expires_at": later, "user": user})  # fmt: skip
        return self.answers.get(
            path.removeprefix("/api/v1"), Reply(404, {"error": {"code": "not_found", "message": path}})
        )


@pytest.fixture()
def scripted(scripted_server, make_client) -> Iterator[tuple[Routes, IocClient]]:
    routes = Routes()
    server = scripted_server(routes)
    yield routes, make_client(server.url, "leader")


T0 = "2026-12-04T01:00:00+00:00"
MEMBER = {"user_id": 4, "username": "participant", "full_name": "Hà", "role": "member", "present": True,
          "stays": [{"checked_in_at": T0, "checked_out_at": None}]}  # fmt: skip
ATTENDANCE = {"meeting_id": 1, "members": [MEMBER], "present": 1, "quorum": {"share": 0.5}, "quorum_needed": 1,
              "quorum_reached": True}  # fmt: skip
STATE = {"id": 1, "meeting_id": 1, "presenter_id": 3, "view": {"kind": "map", "lat": 16.46, "lon": 107.59, "zoom": 14},
         "revision": 4, "version": 4, "updated_at": T0}  # fmt: skip
ITEM = {"title": "Mục", "presenter": "", "id": 1, "position": 0, "presenter_id": None, "minutes": None, "documents": [],
        "state": "current", "speakers": [], "conclusions": []}  # fmt: skip
MEETING = {"id": 1, "title": "Họp", "location": "IOC", "starts_at": T0, "ends_at": T0, "status": "in_progress",
           "agenda": [ITEM], "documents": [], "polls": [], "quorum": None, "members": [], "attendance": None,
           "version": 3, "updated_at": T0}  # fmt: skip
SPEAKER = {"id": 1, "item_id": 1, "user_id": 4, "position": 0, "state": "done", "requested_at": T0,
           "started_at": "2026-12-04T01:05:00+00:00", "stopped_at": "2026-12-04T01:03:00+00:00"}  # fmt: skip


def test_well_formed_answers_parse() -> None:
    Attendance.model_validate(ATTENDANCE)
    PresenterState.model_validate(STATE)
    Meeting.model_validate(MEETING)
    # A meeting as an older backend sends it: agenda entries of title and presenter only.
    old = Meeting.model_validate({**MEETING, "agenda": [{"title": "Mục", "presenter": "Sở"}]})
    assert old.agenda[0].state == "pending" and old.members == [] and old.attendance is None


@pytest.mark.parametrize(
    ("path", "answer", "field"),
    [
        ("/meetings/1/attendance", {**ATTENDANCE, "present": 2}, ""),
        ("/meetings/1/attendance", {**ATTENDANCE, "members": [{**MEMBER, "role": "boss"}]}, "members.0.role"),
        ("/meetings/1/presenter", {**STATE, "view": {"kind": "slides", "page": 1}}, "view"),
        ("/meetings/1/presenter", {**STATE, "view": {**STATE["view"], "lat": 95}}, "view.map.lat"),
        ("/meetings/1/presenter", {**STATE, "meeting_id": 2}, ""),
        ("/meetings/1/presenter", {**STATE, "revision": -1}, "revision"),
        ("/meetings/1", {**MEETING, "agenda": [ITEM, {**ITEM, "id": 2}]}, ""),
        ("/meetings/1", {**MEETING, "agenda": [{**ITEM, "state": "skipped"}]}, "agenda.0.state"),
        ("/meetings/1", {**MEETING, "agenda": [{**ITEM, "speakers": [SPEAKER]}]}, "agenda.0.speakers.0"),
    ],
)
def test_a_malformed_answer_is_a_bad_response_naming_the_field(scripted, path: str, answer: Any, field: str) -> None:
    routes, client = scripted
    routes.answers[path] = Reply(200, answer)
    call = {"/meetings/1/attendance": client.attendance, "/meetings/1/presenter": client.presenter,
            "/meetings/1": client.get_meeting}[path]  # fmt: skip
    with pytest.raises(BadResponse) as info:
        call(1)
    assert info.value.field.startswith(field), info.value.field
