"""Writes: state machine, optimistic concurrency, idempotency, and refusal of bad input."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from backend_testkit import Api, SseReader, error_code, error_fields


def new_alert_id(api: Api, token: str, skip: int = 0) -> int:
    """A seeded alert still in state 'new' that no other test uses (walks the list from the end)."""
    page = api.get("/alerts", token, params={"state": "new", "limit": 1000}).json()
    items = sorted(page["items"], key=lambda a: a["id"], reverse=True)
    return items[skip]["id"]


def sync_cursor(api: Api, token: str) -> int:
    return int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])


def events_until(api: Api, token: str, after: int, marker: tuple[str, str]) -> list[dict[str, Any]]:
    """Change events after ``after`` up to and including the one for ``marker`` (resource, id)."""
    with api.http.get(
        api.url("/events"),
        headers={"Authorization": f"Bearer {token}", "Last-Event-ID": str(after)},
        stream=True,
        timeout=30,
    ) as r:
        assert r.status_code == 200
        return SseReader(r).until(*marker)


@pytest.fixture()
def op(shared_api: Api) -> str:
    return shared_api.token("operator")


def test_alert_workflow_and_owner(shared_api: Api, op: str) -> None:
    alert_id = new_alert_id(shared_api, op, skip=0)
    alert = shared_api.get(f"/alerts/{alert_id}", op).json()
    r = shared_api.post(
        f"/alerts/{alert_id}/transition", op, json={"to": "acknowledged", "version": alert["version"], "note": "Đã xem"}
    )
    assert r.status_code == 200, r.text
    acked = r.json()
    assert acked["state"] == "acknowledged" and acked["owner"] == "operator"
    assert acked["version"] == alert["version"] + 1
    assert acked["notes"][-1]["text"] == "Đã xem" and acked["notes"][-1]["author"] == "operator"
    moved = shared_api.post(
        f"/alerts/{alert_id}/transition",
        shared_api.token("supervisor"),
        json={"to": "in_progress", "version": acked["version"]},
    ).json()
    assert moved["state"] == "in_progress" and moved["owner"] == "operator"
    missing_reason = shared_api.post(
        f"/alerts/{alert_id}/transition", op, json={"to": "closed", "version": moved["version"]}
    )
    assert missing_reason.status_code == 422 and error_fields(missing_reason) == ["body.reason"]
    closed = shared_api.post(
        f"/alerts/{alert_id}/transition", op, json={"to": "closed", "version": moved["version"], "reason": "resolved"}
    ).json()
    assert closed["state"] == "closed" and closed["close_reason"] == "resolved"
    back = shared_api.post(
        f"/alerts/{alert_id}/transition", op, json={"to": "acknowledged", "version": closed["version"]}
    )
    assert back.status_code == 409 and error_code(back) == "invalid_transition"
    assert back.json()["current"]["state"] == "closed"
    assert shared_api.get(f"/alerts/{alert_id}", op).json()["version"] == closed["version"]


def test_stale_version_is_409_with_current(shared_api: Api, op: str) -> None:
    alert_id = new_alert_id(shared_api, op, skip=1)
    alert = shared_api.get(f"/alerts/{alert_id}", op).json()
    ok = shared_api.post(f"/alerts/{alert_id}/notes", op, json={"text": "first"})
    assert ok.status_code == 200 and ok.json()["version"] == alert["version"] + 1
    stale = shared_api.post(
        f"/alerts/{alert_id}/transition", op, json={"to": "acknowledged", "version": alert["version"]}
    )
    assert stale.status_code == 409 and error_code(stale) == "conflict"
    assert stale.json()["current"]["version"] == alert["version"] + 1
    assert stale.json()["current"]["state"] == "new"


def test_idempotent_replay_is_applied_once(shared_api: Api, op: str) -> None:
    alert_id = new_alert_id(shared_api, op, skip=2)
    before = shared_api.get(f"/alerts/{alert_id}", op).json()
    cursor = sync_cursor(shared_api, op)
    key = str(uuid.uuid4())
    body = {"to": "acknowledged", "version": before["version"]}
    first = shared_api.post(f"/alerts/{alert_id}/transition", op, json=body, headers={"Idempotency-Key": key})
    second = shared_api.post(f"/alerts/{alert_id}/transition", op, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == second.status_code == 200
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert second.content == first.content  # byte-for-byte the original answer
    assert shared_api.get(f"/alerts/{alert_id}", op).json()["version"] == before["version"] + 1
    # A marker write, then every change event in between: the alert must appear exactly once.
    marker = shared_api.post(
        f"/alerts/{new_alert_id(shared_api, op, skip=3)}/notes", op, json={"text": "marker"}
    ).json()
    events = events_until(shared_api, op, cursor, ("alert", str(marker["id"])))
    assert [e["data"]["id"] for e in events].count(str(alert_id)) == 1
    # Same key, different request: refused, nothing changes.
    mismatch = shared_api.post(
        f"/alerts/{alert_id}/notes", op, json={"text": "other"}, headers={"Idempotency-Key": key}
    )
    assert mismatch.status_code == 422 and error_code(mismatch) == "idempotency_key_mismatch"
    assert shared_api.get(f"/alerts/{alert_id}", op).json()["version"] == before["version"] + 1
    # Keys are per user: another user may use the same key for their own request.
    other = shared_api.post(
        f"/alerts/{alert_id}/notes",
        shared_api.token("supervisor"),
        json={"text": "hi"},
        headers={"Idempotency-Key": key},
    )
    assert other.status_code == 200


def test_idempotency_key_length_is_validated(shared_api: Api, op: str) -> None:
    alert_id = new_alert_id(shared_api, op, skip=4)
    r = shared_api.post(f"/alerts/{alert_id}/notes", op, json={"text": "x"}, headers={"Idempotency-Key": "k" * 201})
    assert r.status_code == 422 and error_fields(r) == ["header.Idempotency-Key"]


def test_created_task_replay_returns_201_once(shared_api: Api) -> None:
    leader = shared_api.token("leader")
    total = shared_api.get("/tasks", leader, params={"limit": 1}).json()["total"]
    body = {
        "title": "Kiểm tra cống thoát nước",
        "description": "Trước mùa mưa",
        "assignee_unit": "Phường Phú Xuân",
        "due_at": "2026-12-01T10:00:00+07:00",
        "meeting_id": 1,
    }
    key = str(uuid.uuid4())
    first = shared_api.post("/tasks", leader, json=body, headers={"Idempotency-Key": key})
    second = shared_api.post("/tasks", leader, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    task = first.json()
    assert task["created_by"] == "leader" and task["status"] == "todo" and task["version"] == 1
    assert task["due_at"] == "2026-12-01T03:00:00.000+00:00"
    assert shared_api.get("/tasks", leader, params={"limit": 1}).json()["total"] == total + 1
    updated = shared_api.patch(
        f"/tasks/{task['id']}", shared_api.token("operator"), json={"version": 1, "status": "in_progress"}
    ).json()
    assert updated["status"] == "in_progress" and updated["version"] == 2
    bad_meeting = shared_api.post("/tasks", leader, json={**body, "meeting_id": 99999})
    assert bad_meeting.status_code == 422 and error_fields(bad_meeting) == ["body.meeting_id"]


def test_report_meeting_and_camera_updates(shared_api: Api) -> None:
    op, leader, admin = (shared_api.token(r) for r in ("operator", "leader", "admin"))
    report = shared_api.get("/reports", op, params={"status": "open", "limit": 1}).json()["items"][0]
    patched = shared_api.patch(
        f"/reports/{report['id']}",
        op,
        json={
            "status": "in_progress",
            "version": report["version"],
            "note": "Đã chuyển đơn vị",
            "agency_responsible": "UBND Phường Phú Xuân",
        },
    ).json()
    assert patched["status"] == "in_progress" and patched["agency_responsible"] == "UBND Phường Phú Xuân"
    assert patched["version"] == report["version"] + 1
    stale = shared_api.patch(f"/reports/{report['id']}", op, json={"status": "closed", "version": report["version"]})
    assert stale.status_code == 409 and stale.json()["current"]["status"] == "in_progress"

    meeting = shared_api.post(
        "/meetings",
        leader,
        json={
            "title": "Họp ứng phó mưa lũ",
            "location": "Trung tâm IOC",
            "starts_at": "2026-11-26T08:00:00+07:00",
            "ends_at": "2026-11-26T09:00:00+07:00",
            "agenda": [{"title": "Mực nước sông Hương", "presenter": "Đài KTTV"}],
        },
    )
    assert meeting.status_code == 201
    m = meeting.json()
    assert m["status"] == "scheduled" and m["agenda"][0]["presenter"] == "Đài KTTV"
    started = shared_api.patch(f"/meetings/{m['id']}", leader, json={"version": 1, "status": "in_progress"}).json()
    assert started["status"] == "in_progress" and started["version"] == 2
    backwards = shared_api.post(
        "/meetings",
        leader,
        json={
            "title": "x",
            "location": "y",
            "starts_at": "2026-11-26T09:00:00+07:00",
            "ends_at": "2026-11-26T08:00:00+07:00",
        },
    )
    assert backwards.status_code == 422 and error_fields(backwards) == ["body.ends_at"]

    cam = shared_api.get("/cameras/cam-0650", admin).json()
    renamed = shared_api.patch(
        "/cameras/cam-0650", admin, json={"version": cam["version"], "name": "Camera thử nghiệm"}
    ).json()
    assert renamed["name"] == "Camera thử nghiệm" and renamed["main_stream_url"].endswith("/cam-0650/main.mjpeg")


def test_invalid_json_is_400(shared_api: Api, op: str) -> None:
    r = shared_api.post(
        "/alerts/1/notes", op, data=b'{"text": "unterminated', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400 and error_code(r) == "invalid_json"


def test_wrong_types_and_unknown_fields_are_422_naming_the_field(shared_api: Api, op: str) -> None:
    r = shared_api.post("/alerts/1/transition", op, json={"to": "acknowledged", "version": "seven"})
    assert r.status_code == 422 and error_code(r) == "validation_error"
    assert error_fields(r) == ["body.version"]
    r = shared_api.post("/alerts/1/transition", op, json={"to": "teleported", "version": 1})
    assert error_fields(r) == ["body.to"]
    r = shared_api.post("/alerts/1/transition", op, json={"to": "acknowledged"})
    assert error_fields(r) == ["body.version"]
    r = shared_api.post("/alerts/1/notes", op, json={"text": "ok", "priority": "high"})
    assert r.status_code == 422 and error_fields(r) == ["body.priority"]
    r = shared_api.post("/alerts/1/notes", op, json={"text": ""})
    assert error_fields(r) == ["body.text"]
    r = shared_api.post("/alerts/1/notes", op, json=["not", "an", "object"])
    assert r.status_code == 422
    r = shared_api.post(
        "/tasks", shared_api.token("leader"), json={"title": "t", "assignee_unit": "u", "due_at": "2026-12-01T10:00:00"}
    )
    assert error_fields(r) == ["body.due_at"]  # times need an explicit offset


def test_oversized_body_is_413(shared_api: Api, op: str) -> None:
    big = b'{"text": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    r = shared_api.post("/alerts/1/notes", op, data=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and error_code(r) == "payload_too_large"

    def chunks():  # no Content-Length: the server must count the streamed bytes
        yield b'{"text": "'
        for _ in range(20):
            yield b"y" * 65536
        yield b'"}'

    r = shared_api.post("/alerts/1/notes", op, data=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and error_code(r) == "payload_too_large"
    assert shared_api.get("/health").status_code == 200


def test_unknown_id_on_write_is_404(shared_api: Api, op: str) -> None:
    r = shared_api.post("/alerts/999999/transition", op, json={"to": "acknowledged", "version": 1})
    assert r.status_code == 404 and error_code(r) == "not_found"
    r = shared_api.patch("/reports/999999", op, json={"status": "closed", "version": 1})
    assert r.status_code == 404
