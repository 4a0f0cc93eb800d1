"""Incremental sync (compacted, paged, role-filtered) and the SSE change stream."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from backend_process import start_backend
from backend_testkit import Api, SseReader, error_fields

SEEDED = {
    "camera": 700,
    "alert": 2000,
    "report": 5000,
    "sensor": 60,
    "task": 40,
    "meeting": 6,
    "warning": 4,
    "meeting_presenter": 1,  # the meeting under way shows its agenda
}


@pytest.fixture(scope="module")
def api(sse_backend) -> Any:
    client = Api(sse_backend.url)
    yield client
    client.close()


def full_sync(api: Api, token: str, since: int = 0, limit: int = 1000) -> tuple[list[dict[str, Any]], int, int]:
    changes: list[dict[str, Any]] = []
    cursor, pages = since, 0
    while True:
        body = api.get("/sync", token, params={"since": cursor, "limit": limit}).json()
        changes += body["changes"]
        assert int(body["cursor"]) >= cursor
        cursor = int(body["cursor"])
        pages += 1
        if not body["has_more"]:
            return changes, cursor, pages


def open_events(api: Api, token: str, last_event_id: int | None = None, via_query: bool = False):
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    params = {}
    if last_event_id is not None:
        if via_query:
            params["last_event_id"] = str(last_event_id)
        else:
            headers["Last-Event-ID"] = str(last_event_id)
    return api.http.get(api.url("/events"), headers=headers, params=params, stream=True, timeout=30)


def add_note(api: Api, token: str, alert_id: int, text: str) -> dict[str, Any]:
    r = api.post(f"/alerts/{alert_id}/notes", token, json={"text": text})
    assert r.status_code == 200
    return r.json()


def test_sync_from_zero_returns_the_whole_seed_in_pages(api: Api) -> None:
    token = api.token("operator")
    changes, cursor, pages = full_sync(api, token)
    # 7806 seeded changes and one alert per threshold episode of the seeded flood, 1000 per page.
    episodes = sum(1 for c in changes if c["resource"] == "alert" and c["data"]["sensor_id"] is not None)
    assert episodes >= 3
    assert pages == 8
    counts = Counter(c["resource"] for c in changes)
    assert dict(counts) == {**SEEDED, "alert": SEEDED["alert"] + episodes}
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert cursor == seqs[-1]
    assert all(isinstance(c["id"], str) and c["op"] == "upsert" for c in changes)
    camera = next(c for c in changes if c["resource"] == "camera")
    assert camera["data"]["main_stream_url"].startswith(api.base)
    # Nothing changed since: empty page, same cursor.
    again = api.get("/sync", token, params={"since": cursor}).json()
    assert again == {"changes": [], "cursor": str(cursor), "has_more": False}


def test_sync_is_compacted_and_cursor_follows_changes(api: Api) -> None:
    token = api.token("operator")
    cursor = int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])
    add_note(api, token, 10, "một")
    latest = add_note(api, token, 10, "hai")
    body = api.get("/sync", token, params={"since": cursor}).json()
    assert [(c["resource"], c["id"]) for c in body["changes"]] == [("alert", "10")]
    assert body["changes"][0]["data"] == latest  # latest state, once
    assert int(body["cursor"]) == body["changes"][0]["seq"] == cursor + 2


def test_sync_is_filtered_by_role(api: Api) -> None:
    participant = api.token("participant")
    changes, cursor, _ = full_sync(api, participant, limit=5000)
    assert {c["resource"] for c in changes} == {"task", "meeting", "meeting_presenter"}
    operator_cursor = int(api.get("/sync", api.token("operator"), params={"since": 10**9}).json()["cursor"])
    assert cursor == operator_cursor  # invisible changes still advance the cursor


def test_sync_rejects_a_bad_cursor(api: Api) -> None:
    r = api.get("/sync", api.token("operator"), params={"since": "abc"})
    assert r.status_code == 422 and error_fields(r) == ["query.since"]


def test_events_live_then_replay_exactly_the_missed_ones(api: Api) -> None:
    token = api.token("operator")
    cursor = int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])
    with open_events(api, token, cursor) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        reader = SseReader(stream)
        first = add_note(api, token, 20, "trực tiếp")
        events = reader.until("alert", "20")
        assert len(events) == 1
        assert events[0]["event"] == "change" and events[0]["data"]["data"] == first
        last_id = int(events[0]["id"])
    # Disconnected: these two are missed, then a reconnect with Last-Event-ID replays them.
    missed = [add_note(api, token, 21, "bỏ lỡ 1"), add_note(api, token, 22, "bỏ lỡ 2")]
    with open_events(api, token, last_id) as stream:
        events = SseReader(stream).until_heartbeat()
    assert [e["data"]["data"] for e in events] == missed
    ids = [int(e["id"]) for e in events]
    assert ids == sorted(ids) and ids[0] > last_id
    with open_events(api, token, last_id, via_query=True) as stream:
        assert [e["data"]["data"] for e in SseReader(stream).until_heartbeat()] == missed


def test_events_without_last_event_id_start_now_and_heartbeat(api: Api) -> None:
    token = api.token("operator")
    add_note(api, token, 30, "trước khi kết nối")
    with open_events(api, token) as stream:
        reader = SseReader(stream)
        assert reader.until_heartbeat() == []
        assert reader.until_heartbeat() == []  # heartbeats keep coming (--heartbeat 1)


def test_events_are_filtered_by_role(api: Api) -> None:
    operator, leader = api.token("operator"), api.token("leader")
    cursor = int(api.get("/sync", operator, params={"since": 10**9}).json()["cursor"])
    add_note(api, operator, 40, "participants must not see this")
    task = api.post("/tasks", leader, json={"title": "Giao việc", "assignee_unit": "Sở Xây dựng"}).json()
    with open_events(api, api.token("participant"), cursor) as stream:
        events = SseReader(stream).until("task", str(task["id"]))
    assert [e["data"]["resource"] for e in events] == ["task"]


def test_unparsable_last_event_id_is_422(api: Api) -> None:
    r = api.get("/events", api.token("operator"), headers={"Last-Event-ID": "yesterday"})
    assert r.status_code == 422 and error_fields(r) == ["header.Last-Event-ID"]


def test_too_old_last_event_id_gets_reset(api: Api) -> None:
    # sse_backend keeps only the newest 1000 change events, so the seed's early ids are gone.
    token = api.token("operator")
    with open_events(api, token, 5) as stream:
        reader = SseReader(stream)
        first = reader.next()
        assert first["event"] == "reset" and first["data"] == {"reason": "history_expired"}
        assert "id" not in first
        # After the reset the stream continues live.
        note = add_note(api, token, 1, "sau reset")
        assert reader.until("alert", "1")[-1]["data"]["data"] == note
    # An id inside the retained window replays normally.
    cursor = int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])
    with open_events(api, token, cursor - 1) as stream:
        events = SseReader(stream).until_heartbeat()
    assert [int(e["id"]) for e in events] == [cursor]
    # An id from the future (another database) also asks the client to resync.
    with open_events(api, token, cursor + 1000) as stream:
        first = SseReader(stream).next()
    assert first["event"] == "reset" and first["data"] == {"reason": "unknown_event_id"}


def test_concurrent_writers_reach_a_live_stream_in_order_without_gaps(api: Api) -> None:
    token = api.token("operator")
    cursor = int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])
    errors: list[str] = []

    def writer(alert_id: int) -> None:
        client = Api(api.base)  # one HTTP session per thread (requests.Session is not thread-safe)
        try:
            for i in range(10):
                r = client.post(f"/alerts/{alert_id}/notes", token, json={"text": f"song song {i}"})
                if r.status_code != 200:
                    errors.append(r.text)
        finally:
            client.close()

    with open_events(api, token, cursor) as stream:
        reader = SseReader(stream)
        threads = [threading.Thread(target=writer, args=(100 + n,), name=f"test-writer-{n}") for n in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        final = add_note(api, token, 200, "kết thúc")
        events = reader.until("alert", "200")
    ids = [int(e["id"]) for e in events]
    # The operator may read every resource, so the ids are exactly the next 51 sequence numbers.
    assert ids == list(range(cursor + 1, cursor + 52))
    assert Counter(e["data"]["id"] for e in events) == {**{str(100 + n): 10 for n in range(5)}, "200": 1}
    assert events[-1]["data"]["data"] == final


@pytest.fixture(scope="module")
def slow_heartbeat_api(tmp_path_factory) -> Any:
    """A backend whose heartbeat (120 s) is far longer than the read timeout used below."""
    proc = start_backend(tmp_path_factory.mktemp("slow-heartbeat"), extra_args=["--heartbeat", "120"])
    client = Api(proc.url)
    yield client
    client.close()
    proc.stop()


def test_live_change_is_pushed_at_once_not_at_the_next_heartbeat(slow_heartbeat_api: Api) -> None:
    """A commit wakes idle streams; without that the change would wait for the 120 s heartbeat
    and the 20 s read timeout below would fire."""
    api = slow_heartbeat_api
    token = api.token("operator")
    _, newest, _ = full_sync(api, token, limit=10000)
    with open_events(api, token, last_event_id=newest) as stream:
        assert stream.status_code == 200
        reader = SseReader(stream)
        # The stream resumes after a known id, so the first change reaches it however late it
        # starts; once that change has arrived the stream has gone back to its idle wait.
        first = add_note(api, token, 40, "đánh thức")
        assert reader.until("alert", "40")[-1]["data"]["data"] == first
        changed = add_note(api, token, 40, "đẩy ngay")
        events = reader.until("alert", "40")
    assert events[-1]["data"]["data"] == changed
