"""Incremental sync: paging through the whole change log and continuing from a cursor."""

from __future__ import annotations

import pytest

from backend_client import BadResponse, Camera, PermissionDenied


def test_sync_pages_cover_every_resource_once(backend, make_client):
    client = make_client(backend.url, "admin")
    expected = {
        "camera": client.list_cameras(limit=1).total,
        "alert": client.list_alerts(limit=1).total,
        "report": client.list_reports(limit=1).total,
        "sensor": client.list_sensors(limit=1).total,
        "task": client.list_tasks(limit=1).total,
        "meeting": client.list_meetings(limit=1).total,
    }
    seen: dict[tuple[str, str], int] = {}
    last_seq = 0
    batches = list(client.iter_sync("0", limit=1000))
    assert len(batches) > 1 and all(b.has_more for b in batches[:-1]) and not batches[-1].has_more
    for batch in batches:
        assert len(batch.changes) <= 1000
        for change in batch.changes:
            assert change.seq > last_seq  # ordered by seq, strictly increasing
            last_seq = change.seq
            key = (change.resource, change.id)
            assert key not in seen  # each resource once, in its latest state
            seen[key] = change.seq
            if change.op == "upsert":
                assert change.model() is not None and str(change.model().id) == change.id
    counts = {name: sum(1 for (res, _) in seen if res == name) for name in expected}
    assert counts == expected
    assert batches[-1].cursor == str(last_seq)


def test_sync_continues_from_cursor(backend, make_client):
    client = make_client(backend.url, "admin")
    cursor = "0"
    for batch in client.iter_sync(cursor, limit=5000):
        cursor = batch.cursor
    assert client.sync(cursor).changes == []  # nothing new yet
    camera = client.get_camera("cam-0007")
    renamed = client.update_camera(camera.id, camera.version, name=camera.name + " (tạm)")
    batch = client.sync(cursor)
    assert [(c.resource, c.id, c.op) for c in batch.changes] == [("camera", "cam-0007", "upsert")]
    model = batch.changes[0].model()
    assert isinstance(model, Camera) and model.name == renamed.name and model.version == renamed.version
    assert int(batch.cursor) > int(cursor) and not batch.has_more
    client.update_camera(camera.id, renamed.version, name=camera.name)


def test_sync_is_filtered_by_role(backend, make_client):
    participant = make_client(backend.url, "participant")
    resources = {c.resource for b in participant.iter_sync("0", limit=5000) for c in b.changes}
    assert resources <= {"task", "meeting", "meeting_presenter"} and resources
    with pytest.raises(PermissionDenied):
        participant.list_cameras()


def test_iter_sync_refuses_a_cursor_that_never_moves(scripted_server):
    from client_support import Reply
    from test_client_transport import grant

    from backend_client import IocClient

    def route(req):
        if req.path == "/api/v1/auth/login":
            return Reply(200, grant())
        return Reply(200, {"changes": [], "cursor": "0", "has_more": True})

    server = scripted_server(route)
    client = IocClient(server.url, max_retries=0)
    try:
        client.login("operator", "pw")
        with pytest.raises(BadResponse) as info:
            list(client.iter_sync("0"))
        assert info.value.field == "cursor"
    finally:
        client.close()
