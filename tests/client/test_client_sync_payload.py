"""The bulk /sync page check: envelopes and cached fields at once, the rest of a resource lazily."""

from __future__ import annotations

import copy

import pytest
from test_client_models import ALERT, CAMERA

from backend_client import Alert, BadResponse, Camera, SyncBatch
from backend_client.api.sync_payload import parse_sync_batch
from backend_client.api.validation import parse_as


def _page(*changes: dict, cursor: str = "9", has_more: bool = False) -> dict:
    return {"changes": list(changes), "cursor": cursor, "has_more": has_more}


def _camera_change(seq: int = 5, **data_changes: object) -> dict:
    return {"seq": seq, "resource": "camera", "id": "cam-0001", "op": "upsert", "data": {**CAMERA, **data_changes}}


def _alert_change(seq: int = 6) -> dict:
    return {"seq": seq, "resource": "alert", "id": "17", "op": "upsert", "data": copy.deepcopy(ALERT)}


def test_a_good_page_gives_the_same_changes_as_full_validation():
    payload = _page(
        _camera_change(),
        _alert_change(),
        {"seq": 7, "resource": "task", "id": "3", "op": "delete", "data": None},
        has_more=True,
    )
    fast = parse_sync_batch(payload)
    full = parse_as(SyncBatch, payload)
    assert isinstance(fast, SyncBatch) and (fast.cursor, fast.has_more) == ("9", True)
    assert [c.model_dump() for c in fast.changes] == [c.model_dump() for c in full.changes]
    assert isinstance(fast.changes[0].model(), Camera) and fast.changes[0].model() == full.changes[0].model()
    assert isinstance(fast.changes[1].model(), Alert) and fast.changes[1].model().notes[0].text == "đã gọi PCCC"
    assert fast.changes[2].model() is None


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda p: p["changes"][1]["data"].update(status="melted"), "changes.1.data.status"),
        (lambda p: p["changes"][1]["data"].pop("version"), "changes.1.data.version"),
        (lambda p: p["changes"][1]["data"].update(version=True), "changes.1.data.version"),
        (lambda p: p["changes"][1]["data"].update(ward=None), "changes.1.data.ward"),
        (lambda p: p["changes"][1]["data"].update(id="cam-0002"), "changes.1.data.id"),
        (lambda p: p["changes"][1].update(seq="6"), "changes.1.seq"),
        (lambda p: p["changes"][1].update(op="merge"), "changes.1.op"),
        (lambda p: p["changes"][1].update(data=None), "changes.1.data"),
        (lambda p: p["changes"][1].update(id=1), "changes.1.id"),
        (lambda p: p["changes"][1].update(resource="drone"), "changes.1.resource"),
        (lambda p: p["changes"].__setitem__(1, "camera"), "changes.1"),
        (lambda p: p.update(cursor=9), "cursor"),
        (lambda p: p.pop("has_more"), "has_more"),
        (lambda p: p.update(changes={}), "changes"),
    ],
)
def test_a_malformed_page_raises_bad_response_naming_the_field(mutate, field):
    payload = _page(_camera_change(), _camera_change(seq=6))
    mutate(payload)
    with pytest.raises(BadResponse) as info:
        parse_sync_batch(payload)
    assert info.value.field == field
    assert field in info.value.message and info.value.message.startswith("Malformed sync batch")


def test_paths_match_the_full_validation_for_the_cached_fields():
    payload = _page(_camera_change(), _camera_change(seq=6, status="melted"))
    with pytest.raises(BadResponse) as fast:
        parse_sync_batch(payload)
    with pytest.raises(BadResponse) as full:
        parse_as(SyncBatch, payload)
    assert fast.value.field == full.value.field == "changes.1.data.status"


def test_a_page_that_is_not_an_object_is_a_body_error():
    with pytest.raises(BadResponse) as info:
        parse_sync_batch([_camera_change()])
    assert info.value.field == ""


def test_fields_the_cache_does_not_use_are_validated_when_the_resource_is_read():
    # A wrong coordinate does not stop the page (the cache stores the JSON as sent), but the
    # typed resource the UI asks for is refused with the field's path.
    batch = parse_sync_batch(_page(_camera_change(lat="north")))
    with pytest.raises(BadResponse) as info:
        batch.changes[0].model()
    assert info.value.field == "data.lat"
