"""Every resource call of the client against the real reference backend."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests

from backend_client import Alert, Camera, Conflict, InvalidRequest, NotFound, PermissionDenied, Report


@pytest.fixture()
def operator(backend, make_client):
    return make_client(backend.url, "operator")


@pytest.fixture()
def admin(backend, make_client):
    return make_client(backend.url, "admin")


def _fresh_alert(client) -> Alert:
    """A 'new' alert no other test has touched (each test takes the first one left)."""
    page = client.list_alerts(state="new", limit=1)
    assert page.items, "demo data should contain new alerts"
    return page.items[0]


# ------------------------------------------------------------------ cameras & streams
def test_camera_list_filters_and_paging(operator):
    page = operator.list_cameras(limit=5, offset=10)
    assert len(page.items) == 5 and page.limit == 5 and page.offset == 10 and page.total >= 15
    assert [c.id for c in page.items] == sorted(c.id for c in page.items)  # ordered by id
    traffic = operator.list_cameras(category="traffic", limit=1000)
    assert traffic.total > 0 and {c.category for c in traffic.items} == {"traffic"}
    sample = page.items[0]
    by_ward = operator.list_cameras(ward=sample.ward, limit=1000)
    assert sample.id in {c.id for c in by_ward.items}
    by_name = operator.list_cameras(q=sample.name[:12], limit=1000)
    assert all(sample.name[:12] in c.name for c in by_name.items) and by_name.total >= 1


def test_iter_pages_walks_every_item(operator):
    total = operator.list_cameras(limit=1).total
    ids = [c.id for c in operator.iter_pages(operator.list_cameras, page_size=250)]
    assert len(ids) == total == len(set(ids))
    online = list(operator.iter_pages(operator.list_cameras, page_size=100, status="online"))
    assert online and all(c.status == "online" for c in online)


def test_get_camera_and_not_found(operator):
    camera = operator.get_camera("cam-0001")
    assert isinstance(camera, Camera) and camera.id == "cam-0001"
    with pytest.raises(NotFound) as info:
        operator.get_camera("cam-9999")
    assert info.value.status == 404 and "cam-9999" in info.value.message
    with pytest.raises(NotFound):
        operator.get_camera("../users")  # quoted into one path segment, never a different route


def test_bad_filter_value_is_invalid_request_with_details(operator):
    with pytest.raises(InvalidRequest) as info:
        operator.list_cameras(status="exploded")
    assert info.value.status == 422 and info.value.code == "validation_error"
    assert [d["field"] for d in info.value.details] == ["query.status"]
    with pytest.raises(InvalidRequest) as info:
        operator.list_cameras(limit=5000)
    assert info.value.details[0]["field"] == "query.limit"


def test_stream_url_plays_with_its_token(operator):
    camera = operator.get_camera("cam-0001")
    url = operator.stream_url(camera, "sub")
    assert url.startswith(operator.base_url + "/api/v1/streams/cam-0001/sub.mjpeg?access_token=")
    assert "/main.mjpeg?" in operator.stream_url(camera, "main")
    with pytest.raises(ValueError):
        operator.stream_url(camera, "thumbnail")
    # A decoder that cannot send headers gets the MJPEG stream with the token in the URL.
    with requests.get(url, stream=True, timeout=10) as answer:
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("multipart/x-mixed-replace")
        head = answer.raw.read(4096)
    assert b"\xff\xd8" in head


def test_camera_frame_is_jpeg(operator):
    frame = operator.camera_frame("cam-0002", "sub")
    assert frame.startswith(b"\xff\xd8") and len(frame) > 1000


def test_only_admin_may_patch_cameras(operator, admin):
    camera = admin.get_camera("cam-0003")
    with pytest.raises(PermissionDenied):
        operator.update_camera(camera.id, camera.version, status="degraded")
    updated = admin.update_camera(camera.id, camera.version, status="degraded")
    assert updated.status == "degraded" and updated.version == camera.version + 1
    with pytest.raises(Conflict) as info:
        admin.update_camera(camera.id, camera.version, status="online")
    assert info.value.code == "conflict" and info.value.current["version"] == updated.version
    admin.update_camera(camera.id, updated.version, status="online")


# ------------------------------------------------------------------ alerts
def test_analytics_catalogue(operator):
    analytics = operator.list_analytics()
    assert len(analytics) == 29 and len({a.code for a in analytics}) == 29
    assert all(a.name_vi and a.name_en for a in analytics)


def test_alert_filters(operator):
    critical = operator.list_alerts(severity="critical", limit=50)
    assert critical.items and all(a.severity == "critical" for a in critical.items)
    sample = critical.items[0]
    same_camera = operator.list_alerts(camera_id=sample.camera_id, limit=1000)
    assert sample.id in {a.id for a in same_camera.items}
    recent = operator.list_alerts(since=sample.detected_at, limit=1000)
    assert all(a.detected_at >= sample.detected_at for a in recent.items)
    assert operator.list_alerts(analytic=sample.analytic, limit=1).total >= 1
    with pytest.raises(ValueError):
        operator.list_alerts(since=datetime(2026, 1, 1))  # naive datetimes are refused locally


def test_alert_lifecycle_and_snapshot(operator):
    alert = _fresh_alert(operator)
    assert operator.get_alert(alert.id) == alert
    acked = operator.transition_alert(alert.id, "acknowledged", alert.version)
    assert acked.state == "acknowledged" and acked.owner == "operator" and acked.version == alert.version + 1
    working = operator.transition_alert(alert.id, "in_progress", acked.version, note="Đã điều xe đến hiện trường")
    assert working.state == "in_progress"
    closed = operator.transition_alert(alert.id, "closed", working.version, reason="resolved")
    assert closed.state == "closed" and closed.close_reason == "resolved"
    snapshot = operator.alert_snapshot(alert.id)
    assert snapshot.startswith(b"\xff\xd8")


def test_stale_version_is_conflict_with_current(operator):
    alert = _fresh_alert(operator)
    acked = operator.transition_alert(alert.id, "acknowledged", alert.version)
    with pytest.raises(Conflict) as info:
        operator.transition_alert(alert.id, "in_progress", alert.version)  # based on the old version
    assert info.value.code == "conflict" and info.value.status == 409
    assert info.value.current is not None
    assert info.value.current["version"] == acked.version and info.value.current["state"] == "acknowledged"


def test_disallowed_move_is_invalid_transition(operator):
    alert = _fresh_alert(operator)
    with pytest.raises(Conflict) as info:
        operator.transition_alert(alert.id, "in_progress", alert.version)  # new -> in_progress is not allowed
    assert info.value.code == "invalid_transition"
    assert info.value.current["state"] == "new"


def test_closing_needs_a_reason(operator):
    alert = _fresh_alert(operator)
    with pytest.raises(InvalidRequest):
        operator.transition_alert(alert.id, "closed", alert.version)
    assert operator.get_alert(alert.id).state == "new"  # nothing half-applied


def test_same_idempotency_key_applies_once(operator):
    alert = _fresh_alert(operator)
    key = f"test-{uuid.uuid4()}"
    first = operator.transition_alert(alert.id, "acknowledged", alert.version, idempotency_key=key)
    # A replay (as after a lost answer) returns the stored result instead of a 409 for the
    # now-stale version, and changes nothing.
    again = operator.transition_alert(alert.id, "acknowledged", alert.version, idempotency_key=key)
    assert again == first
    assert operator.get_alert(alert.id).version == first.version

    note_key = f"note-{uuid.uuid4()}"
    noted = operator.add_alert_note(alert.id, "Camera bị che khuất một phần", idempotency_key=note_key)
    noted_again = operator.add_alert_note(alert.id, "Camera bị che khuất một phần", idempotency_key=note_key)
    assert noted_again == noted
    assert len(operator.get_alert(alert.id).notes) == len(first.notes) + 1


def test_reused_key_with_different_request_is_rejected(operator):
    alert = _fresh_alert(operator)
    key = f"test-{uuid.uuid4()}"
    operator.add_alert_note(alert.id, "một", idempotency_key=key)
    with pytest.raises(InvalidRequest) as info:
        operator.add_alert_note(alert.id, "hai", idempotency_key=key)
    assert info.value.code == "idempotency_key_mismatch" and info.value.status == 422


def test_notes_without_key_each_apply(operator):
    alert = _fresh_alert(operator)
    operator.add_alert_note(alert.id, "ghi chú")
    after = operator.add_alert_note(alert.id, "ghi chú")  # same text, fresh key: a second note
    assert [n.text for n in after.notes][-2:] == ["ghi chú", "ghi chú"]
    assert after.notes[-1].author == "operator" and after.notes[-1].at.tzinfo is not None


# ------------------------------------------------------------------ reports
def test_report_update_and_conflict(operator):
    report = operator.list_reports(status="open", source="hotline", limit=1).items[0]
    assert isinstance(report, Report) and report.source == "hotline"
    assert operator.get_report(report.id) == report
    updated = operator.update_report(
        report.id,
        report.version,
        status="in_progress",
        agency_responsible="Công ty Môi trường và Công trình đô thị Huế",
    )
    assert updated.status == "in_progress" and updated.version == report.version + 1
    assert updated.agency_responsible.startswith("Công ty")
    with pytest.raises(Conflict) as info:
        operator.update_report(report.id, report.version, status="closed")
    assert info.value.current["status"] == "in_progress"
    ward_page = operator.list_reports(ward=report.ward, limit=1000)
    assert all(r.ward == report.ward for r in ward_page.items)
    with pytest.raises(NotFound):
        operator.get_report(10_000_000)


def test_leader_reads_but_cannot_update_reports(backend, make_client):
    leader = make_client(backend.url, "leader")
    report = leader.list_reports(limit=1).items[0]
    with pytest.raises(PermissionDenied):
        leader.update_report(report.id, report.version, status="closed")


# ------------------------------------------------------------------ sensors
def test_sensors_and_readings(operator):
    sensors = operator.list_sensors(kind="water_level", limit=100)
    assert sensors.items and all(s.kind == "water_level" and s.unit.symbol for s in sensors.items)
    sensor = operator.get_sensor(sensors.items[0].id)
    readings = operator.sensor_readings(sensor.id, limit=10)
    assert readings.items and readings.total >= len(readings.items)
    times = [r.phenomenon_time for r in readings.items]
    assert times == sorted(times, reverse=True)  # newest first
    older = operator.sensor_readings(sensor.id, since=times[-1], limit=1000)
    assert all(r.phenomenon_time >= times[-1] for r in older.items)
    with pytest.raises(NotFound):
        operator.get_sensor("sen-999")


# ------------------------------------------------------------------ tasks & meetings
def test_meeting_and_task_workflow(backend, make_client, operator):
    leader = make_client(backend.url, "leader")
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    meeting = leader.create_meeting(
        "Họp ứng phó mưa lũ",
        "Phòng họp IOC",
        start,
        start + timedelta(hours=1),
        agenda=[{"title": "Tình hình mực nước", "presenter": "Đài KTTV"}],
    )
    assert meeting.status == "scheduled" and meeting.agenda[0].presenter == "Đài KTTV"
    assert meeting.starts_at == start
    assert leader.get_meeting(meeting.id) == meeting
    started = leader.update_meeting(meeting.id, meeting.version, status="in_progress")
    assert started.status == "in_progress"

    task = leader.create_task(
        "Khơi thông cống thoát nước",
        "Kiệt 12 Kim Long",
        "UBND phường Kim Long",
        start + timedelta(days=2),
        meeting_id=meeting.id,
        lat=16.4571,
        lon=107.5482,
        ward="Phường Kim Long",
    )
    assert task.status == "todo" and task.created_by == "leader" and task.meeting_id == meeting.id
    assert (task.lat, task.lon, task.ward) == (16.4571, 107.5482, "Phường Kim Long")
    with pytest.raises(ValueError, match="both or neither"):
        leader.create_task("x", "y", "z", start, lat=16.46)
    done = operator.update_task(task.id, task.version, status="in_progress", title="Khơi thông cống (gấp)")
    assert done.status == "in_progress" and done.title.endswith("(gấp)")
    assert (done.lat, done.lon, done.ward) == (16.4571, 107.5482, "Phường Kim Long")
    with pytest.raises(Conflict):
        operator.update_task(task.id, task.version, status="done")
    with pytest.raises(TypeError):
        operator.update_task(task.id, done.version, colour="red")
    assert operator.get_task(task.id) == done
    with pytest.raises(PermissionDenied):
        operator.create_meeting("x", "y", start, start + timedelta(hours=1))
    assert any(t.id == task.id for t in operator.iter_pages(operator.list_tasks, page_size=1000))


def test_create_task_with_same_key_creates_one(backend, make_client):
    supervisor = make_client(backend.url, "supervisor")
    key = f"task-{uuid.uuid4()}"
    due = datetime.now(UTC) + timedelta(days=3)
    before = supervisor.list_tasks(limit=1).total
    first = supervisor.create_task("Kiểm tra camera hỏng", "cam-0100", "Đội kỹ thuật", due, idempotency_key=key)
    second = supervisor.create_task("Kiểm tra camera hỏng", "cam-0100", "Đội kỹ thuật", due, idempotency_key=key)
    assert first == second
    assert supervisor.list_tasks(limit=1).total == before + 1


# ------------------------------------------------------------------ users
def test_admin_lists_users(admin):
    users = admin.list_users()
    assert users.total >= 5
    assert {u.role for u in users.items} >= {"operator", "supervisor", "leader", "participant", "admin"}


def test_oversized_body_is_invalid_request_and_changes_nothing(operator):
    alert = _fresh_alert(operator)
    with pytest.raises(InvalidRequest) as info:
        operator.add_alert_note(alert.id, "a" * 1_100_000)
    assert info.value.status == 413 and info.value.code == "payload_too_large"
    assert operator.get_alert(alert.id) == alert
