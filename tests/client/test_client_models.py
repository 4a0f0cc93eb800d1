"""Payload models accept the contract's shapes and reject breaches with a field path."""

from __future__ import annotations

from datetime import UTC

import pydantic
import pytest

from backend_client import Alert, BadResponse, Camera, Change, Page, SyncBatch, Task
from backend_client.api.validation import parse_as

CAMERA = {
    "id": "cam-0001",
    "name": "Cầu Trường Tiền - Hướng Bắc",
    "ward": "Phường Phú Hội",
    "category": "traffic",
    "lat": 16.46,
    "lon": 107.59,
    "ptz": True,
    "main_stream_url": "http://h/api/v1/streams/cam-0001/main.mjpeg",
    "sub_stream_url": "http://h/api/v1/streams/cam-0001/sub.mjpeg",
    "status": "online",
    "version": 1,
    "updated_at": "2026-11-25T19:04:00+00:00",
}
ALERT = {
    "id": 17,
    "analytic": "forest_fire",
    "severity": "critical",
    "camera_id": "cam-0412",
    "ward": "Phường Thủy Bằng",
    "lat": 16.4,
    "lon": 107.6,
    "detected_at": "2026-11-25T19:04:00+07:00",
    "confidence": 0.87,
    "bbox": [0.1, 0.2, 0.3, 0.4],
    "state": "new",
    "close_reason": None,
    "owner": None,
    "notes": [{"author": "operator", "text": "đã gọi PCCC", "at": "2026-11-25T19:05:00Z"}],
    "snapshot_url": "/api/v1/alerts/17/snapshot.jpg",
    "version": 1,
    "updated_at": "2026-11-25T19:04:00Z",
}


def test_valid_payload_parses_into_frozen_model_with_aware_datetimes():
    alert = parse_as(Alert, ALERT)
    assert alert.detected_at.utcoffset().total_seconds() == 7 * 3600
    assert alert.notes[0].at.astimezone(UTC).hour == 19
    with pytest.raises(pydantic.ValidationError):
        alert.state = "closed"  # frozen: views are never edited in place


def test_unknown_fields_are_ignored():
    camera = parse_as(Camera, {**CAMERA, "added_in_v2": {"x": 1}})
    assert camera.id == "cam-0001" and not hasattr(camera, "added_in_v2")


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda d: d.pop("lat"), "lat"),
        (lambda d: d.update(lat="16.46"), "lat"),
        (lambda d: d.update(ptz="yes"), "ptz"),
        (lambda d: d.update(category="volcano"), "category"),
        (lambda d: d.update(updated_at="2026-11-25T19:04:00"), "updated_at"),  # naive
        (lambda d: d.update(updated_at=1764097440), "updated_at"),  # epoch number
        (lambda d: d.update(version=1.5), "version"),
    ],
)
def test_contract_breaches_name_the_field(mutate, field):
    payload = dict(CAMERA)
    mutate(payload)
    with pytest.raises(BadResponse) as info:
        parse_as(Camera, payload)
    assert info.value.field == field
    assert field in info.value.message


def test_page_error_path_points_into_items():
    items = [dict(CAMERA, id=f"cam-{i:04d}") for i in range(5)]
    items[3]["lat"] = None
    with pytest.raises(BadResponse) as info:
        parse_as(Page[Camera], {"items": items, "total": 5, "limit": 100, "offset": 0})
    assert info.value.field == "items.3.lat"


def test_bbox_needs_four_numbers():
    with pytest.raises(BadResponse) as info:
        parse_as(Alert, dict(ALERT, bbox=[0.1, 0.2, 0.3]))
    assert info.value.field == "bbox"


def test_list_instead_of_object_is_a_body_error():
    with pytest.raises(BadResponse) as info:
        parse_as(Camera, [CAMERA])
    assert info.value.field == ""


def test_change_validates_embedded_resource_with_full_path():
    good = {"seq": 5, "resource": "camera", "id": "cam-0001", "op": "upsert", "data": CAMERA}
    bad = {
        "seq": 6,
        "resource": "camera",
        "id": "cam-0002",
        "op": "upsert",
        "data": dict(CAMERA, id="cam-0002", status="melted"),
    }
    with pytest.raises(BadResponse) as info:
        parse_as(SyncBatch, {"changes": [good, bad], "cursor": "6", "has_more": False})
    assert info.value.field == "changes.1.data.status"
    batch = parse_as(SyncBatch, {"changes": [good], "cursor": "5", "has_more": False})
    assert isinstance(batch.changes[0].model(), Camera)


def test_change_rules_for_delete_unknown_resource_and_mismatched_id():
    deleted = parse_as(Change, {"seq": 1, "resource": "task", "id": "3", "op": "delete", "data": None})
    assert deleted.model() is None
    future = parse_as(Change, {"seq": 2, "resource": "drone", "id": "d1", "op": "upsert", "data": {"x": 1}})
    assert future.model() is None and future.data == {"x": 1}
    with pytest.raises(BadResponse) as info:
        parse_as(Change, {"seq": 3, "resource": "task", "id": "3", "op": "upsert", "data": None})
    assert info.value.field == "data"
    with pytest.raises(BadResponse) as info:
        parse_as(Change, {"seq": 4, "resource": "camera", "id": "cam-9", "op": "upsert", "data": CAMERA})
    assert info.value.field == "data.id"
    with pytest.raises(BadResponse) as info:
        parse_as(Change, {"seq": 5, "resource": "task", "id": "3", "op": "merge", "data": None})
    assert info.value.field == "op"


def test_task_optional_meeting():
    task = parse_as(
        Task,
        {
            "id": 1,
            "title": "Khơi thông cống",
            "description": "",
            "assignee_unit": "Phường",
            "status": "todo",
            "due_at": "2026-11-26T00:00:00+00:00",
            "created_by": "leader",
            "meeting_id": None,
            "version": 1,
            "updated_at": "2026-11-25T19:04:00+00:00",
        },
    )
    assert task.meeting_id is None


def test_alert_verification_and_dispatch_parse_and_default_to_none_from_an_older_server():
    older = parse_as(Alert, ALERT)  # a server from before verify/dispatch sends neither field
    assert older.verification is None and older.dispatch is None
    alert = parse_as(
        Alert,
        {
            **ALERT,
            "state": "in_progress",
            "owner": "operator",
            "verification": {"verdict": "confirmed", "by": "operator", "at": "2026-11-25T19:06:00Z"},
            "dispatch": {"unit": "Hạt Kiểm lâm A Lưới", "by": "operator", "at": "2026-11-25T19:07:00+07:00"},
        },
    )
    assert alert.verification.verdict == "confirmed" and alert.verification.at.tzinfo is not None
    assert alert.dispatch.unit == "Hạt Kiểm lâm A Lưới" and alert.dispatch.by == "operator"


@pytest.mark.parametrize(
    "mutate, field",
    [
        (
            lambda d: d.update(verification={"verdict": "maybe", "by": "operator", "at": "2026-11-25T19:06:00Z"}),
            "verification.verdict",
        ),
        (
            lambda d: d.update(dispatch={"unit": "Công an phường", "by": "operator", "at": "2026-11-25T19:06:00"}),
            "dispatch.at",
        ),  # naive time
        (lambda d: d.update(dispatch={"by": "operator", "at": "2026-11-25T19:06:00Z"}), "dispatch.unit"),
    ],
)
def test_a_malformed_verification_or_dispatch_names_the_field(mutate, field):
    payload = dict(ALERT)
    mutate(payload)
    with pytest.raises(BadResponse) as info:
        parse_as(Alert, payload)
    assert info.value.field == field
