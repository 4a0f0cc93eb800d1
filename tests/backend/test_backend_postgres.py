"""The reference backend on PostgreSQL: seed, auth, writes, sync and SSE against a real server.

Runs only when ``IOC_TEST_POSTGRES_URL`` names a PostgreSQL server (``.ci/run`` starts one);
the role in it needs CREATEDB, because every test run gets a database of its own, dropped
afterwards, so runs never see each other's data.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from backend_process import DEMO_PASSWORDS, start_backend
from backend_testkit import Api, SseReader, error_code
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

PG_URL_ENV = "IOC_TEST_POSTGRES_URL"
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

pytestmark = pytest.mark.skipif(
    not os.environ.get(PG_URL_ENV),
    reason=f"set {PG_URL_ENV}=postgresql+psycopg://user:pass@host:5432/db to run the PostgreSQL tests",
)


@pytest.fixture(scope="module")
def pg_database_url() -> Iterator[str]:
    """A fresh, empty UTF-8 database for this run; dropped (even if a backend still holds it) at the end."""
    server_url = make_url(os.environ[PG_URL_ENV])
    name = f"ioc_test_{os.getpid()}_{time.monotonic_ns()}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            # template0 + C.UTF-8: a UTF-8 database whose lower()/ILIKE fold Vietnamese letters.
            conn.execute(
                text(
                    f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                    "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
                )
            )
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin: Any, name: str) -> None:
    """Drop the test database; an autovacuum worker passing through it may delay that briefly."""
    deadline = time.monotonic() + 20
    while True:
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture(scope="module")
def api(tmp_path_factory, pg_database_url: str) -> Iterator[Api]:
    proc = start_backend(tmp_path_factory.mktemp("pg-backend"), db_url=pg_database_url, extra_args=["--heartbeat", "1"])
    client = Api(proc.url)
    try:
        yield client
    finally:
        client.close()
        proc.stop()
    assert "Traceback" not in proc.log(), proc.log()


def full_sync(api: Api, token: str, since: int = 0, limit: int = 1000) -> tuple[list[dict[str, Any]], int]:
    changes: list[dict[str, Any]] = []
    cursor = since
    while True:
        body = api.get("/sync", token, params={"since": cursor, "limit": limit}).json()
        changes += body["changes"]
        assert int(body["cursor"]) >= cursor
        cursor = int(body["cursor"])
        if not body["has_more"]:
            return changes, cursor


def open_events(api: Api, token: str, last_event_id: int) -> Any:
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream", "Last-Event-ID": str(last_event_id)}
    return api.http.get(api.url("/events"), headers=headers, stream=True, timeout=30)


def add_note(api: Api, token: str, alert_id: int, note: str) -> dict[str, Any]:
    r = api.post(f"/alerts/{alert_id}/notes", token, json={"text": note})
    assert r.status_code == 200, r.text
    return r.json()


def test_demo_seed_is_complete_and_paging_does_not_change_the_result(api: Api) -> None:
    token = api.token("operator")
    changes, cursor = full_sync(api, token, limit=1000)
    # Besides the AI alerts, one alert per threshold episode of the seeded flood (demo.seed).
    episodes = sum(1 for c in changes if c["resource"] == "alert" and c["data"]["sensor_id"] is not None)
    assert episodes >= 3
    assert dict(Counter(c["resource"] for c in changes)) == {**SEEDED, "alert": SEEDED["alert"] + episodes}
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs) and cursor >= seqs[-1]
    # Odd page sizes split the log at other places: the union must be the same changes.
    for limit in (777, 10000):
        assert full_sync(api, token, limit=limit) == (changes, cursor)
    # Stored JSON comes back as the exact serialised rows (text cast of the JSON column).
    alert = next(c for c in changes if c["resource"] == "alert")
    assert alert["data"] == api.get(f"/alerts/{alert['id']}", token).json()
    assert api.get("/sync", token, params={"since": cursor}).json() == {
        "changes": [],
        "cursor": str(cursor),
        "has_more": False,
    }


def test_every_demo_role_logs_in(api: Api) -> None:
    for role, password in DEMO_PASSWORDS.items():
        r = api.post("/auth/login", json={"username": role, "password": password})
        assert r.status_code == 200, r.text
        me = api.get("/auth/me", r.json()["access_token"]).json()
        assert (me["username"], me["role"]) == (role, role)
    assert api.post("/auth/login", json={"username": "admin", "password": "wrong"}).status_code == 401


def test_idempotent_create_then_stale_version_conflict(api: Api) -> None:
    leader = api.token("leader")
    total = api.get("/tasks", leader, params={"limit": 1}).json()["total"]
    body = {
        "title": "Nạo vét kênh Đông Ba",
        "description": "Trước mùa lũ",
        "assignee_unit": "Phường Phú Hội",
        "due_at": "2026-12-01T10:00:00+07:00",
    }
    key = str(uuid.uuid4())
    first = api.post("/tasks", leader, json=body, headers={"Idempotency-Key": key})
    second = api.post("/tasks", leader, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == second.status_code == 201
    assert second.headers.get("Idempotent-Replayed") == "true" and second.content == first.content
    task = first.json()
    assert task["due_at"] == "2026-12-01T03:00:00.000+00:00"  # time zones survive the round trip
    assert api.get("/tasks", leader, params={"limit": 1}).json()["total"] == total + 1
    moved = api.patch(f"/tasks/{task['id']}", leader, json={"version": 1, "status": "in_progress"})
    assert moved.status_code == 200 and moved.json()["version"] == 2
    stale = api.patch(f"/tasks/{task['id']}", leader, json={"version": 1, "status": "done"})
    assert stale.status_code == 409 and error_code(stale) == "conflict"
    assert stale.json()["current"]["status"] == "in_progress"


def test_events_deliver_live_and_resume_from_last_event_id(api: Api) -> None:
    token = api.token("operator")
    cursor = int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])
    with open_events(api, token, cursor) as stream:
        reader = SseReader(stream)
        live = add_note(api, token, 11, "trực tiếp")
        events = reader.until("alert", "11")
    assert [e["data"]["data"] for e in events] == [live] and events[0]["data"]["prev"] == cursor
    last_id = int(events[0]["id"])
    missed = [add_note(api, token, 12, "bỏ lỡ 1"), add_note(api, token, 13, "bỏ lỡ 2")]
    with open_events(api, token, last_id) as stream:
        replayed = SseReader(stream).until_heartbeat()
    assert [e["data"]["data"] for e in replayed] == missed
    assert replayed[0]["data"]["prev"] == last_id and replayed[1]["data"]["prev"] == int(replayed[0]["id"])
    # The same changes through /sync: each alert once, in its latest state.
    changes, _ = full_sync(api, token, since=cursor)
    assert [(c["resource"], c["id"]) for c in changes] == [("alert", "11"), ("alert", "12"), ("alert", "13")]


def test_search_folds_vietnamese_case(api: Api) -> None:
    token = api.token("operator")
    lower = api.get("/cameras", token, params={"q": "cầu", "limit": 1000}).json()
    assert lower["total"] > 0 and all("cầu" in c["name"].lower() for c in lower["items"])
    assert any("Cầu" in c["name"] for c in lower["items"])
    upper = api.get("/cameras", token, params={"q": "CẦU", "limit": 1000}).json()
    assert [c["id"] for c in upper["items"]] == [c["id"] for c in lower["items"]]
    assert api.get("/cameras", token, params={"q": "%_no_such_camera_%"}).json()["total"] == 0


def test_values_postgresql_cannot_store_are_refused_cleanly(api: Api) -> None:
    leader = api.token("leader")
    total = api.get("/tasks", leader, params={"limit": 1}).json()["total"]
    # PostgreSQL text cannot hold NUL; an int4 id column cannot hold 2**40: 422, never a 500.
    nul = api.post("/tasks", leader, json={"title": "a\x00b", "assignee_unit": "Phường Thuận Hóa"})
    assert nul.status_code == 422 and error_code(nul) == "validation_error"
    assert api.get("/tasks", leader, params={"limit": 1}).json()["total"] == total
    huge = api.get(f"/tasks/{2**40}", leader)
    assert huge.status_code == 422 and error_code(huge) == "validation_error"
    # The change sequence is 64-bit, so a cursor past 2**31 is simply "nothing new".
    cursor = api.get("/sync", leader, params={"since": 2**40}).json()
    assert cursor["changes"] == [] and cursor["has_more"] is False
    # A long query string is stored with its Idempotency-Key (path + query is TEXT).
    body = {"title": "Kiểm tra đê", "assignee_unit": "Phường Phú Hội"}
    key = str(uuid.uuid4())
    first = api.post("/tasks?" + "x" * 600, leader, json=body, headers={"Idempotency-Key": key})
    again = api.post("/tasks?" + "x" * 600, leader, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201 and again.headers.get("Idempotent-Replayed") == "true"


def test_alert_triage_ingest_bulk_funnel_and_cap_on_postgresql(api: Api) -> None:
    """The alert triage paths with SQL of their own (batch ingest, bulk moves, the funnel's
    medians, the false-alarm shares, the CAP document) on PostgreSQL."""
    from datetime import UTC, datetime, timedelta

    from lxml import etree

    from ioc_backend.cap_validation import cap_schema

    admin, op, sup = api.token("admin"), api.token("operator"), api.token("supervisor")
    at = datetime.now(UTC) - timedelta(minutes=1)
    detection = {"camera_id": "cam-0007", "analytic": "illegal_construction", "severity": "warning"}
    later = (at + timedelta(seconds=20)).isoformat()
    batch = [
        {**detection, "confidence": 0.8, "bbox": [0.1, 0.1, 0.2, 0.2], "detected_at": at.isoformat()},
        {**detection, "confidence": 0.9, "bbox": [0.2, 0.1, 0.2, 0.2], "detected_at": later},
    ]
    r = api.post("/alerts/detections", admin, json={"detections": batch})
    assert r.status_code == 200, r.text
    first, second = r.json()["results"]
    assert first["alert_id"] == second["alert_id"] and (first["bundled"], second["bundled"]) == (False, True)
    alert = api.get(f"/alerts/{first['alert_id']}", op).json()
    assert alert["detections"] == 2 and alert["bbox"] == [0.2, 0.1, 0.2, 0.2]
    items = [{"id": alert["id"], "version": alert["version"]}, {"id": 10**9, "version": 1}]
    bulk = api.post("/alerts/bulk", op, json={"action": "acknowledge", "items": items})
    assert bulk.status_code == 200, bulk.text
    assert [a["id"] for a in bulk.json()["succeeded"]] == [alert["id"]]
    assert [f["code"] for f in bulk.json()["failed"]] == ["not_found"]
    history = api.get(f"/alerts/{alert['id']}/history", op).json()["entries"]
    assert [e["action"] for e in history] == ["detected", "bundled", "transition"]
    funnel = api.get("/stats/alert-funnel", op, params={"group_by": "ward"})
    assert funnel.status_code == 200, funnel.text
    total = funnel.json()["total"]
    assert total["alerts"] >= 1 and total["detected"] >= total["alerts"] and total["median_ack_s"] is not None
    shares = api.get("/stats/alert-false-alarms", sup)
    assert shares.status_code == 200 and all(0 <= row["share"] <= 1 for row in shares.json()["rows"])
    warning = api.get("/warnings", op, params={"state": "published", "limit": 1}).json()["items"][0]
    cap = api.get(f"/warnings/{warning['id']}/cap.xml", op)
    assert cap.headers["content-type"].startswith("application/cap+xml")
    assert cap_schema().validate(etree.fromstring(cap.content))


def test_key_figures_on_postgresql(api: Api) -> None:
    """The /stats figures (days in Vietnam time, conditional counts) computed by PostgreSQL agree
    with counts made from the records listed through the API; a rating is stored on closing."""
    from datetime import UTC, datetime, timedelta

    op, leader = api.token("operator"), api.token("leader")
    report = api.get("/reports", op, params={"status": "in_progress", "limit": 1}).json()["items"][0]
    closed = api.patch(f"/reports/{report['id']}", op, json={"version": report["version"], "status": "closed",
                                                               "satisfaction": 5})  # fmt: skip
    assert closed.status_code == 200 and closed.json()["satisfaction"] == 5, closed.text

    def every(path: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        while len(items) < (page := api.get(path, op, params={"limit": 1000, "offset": len(items)}).json())["total"]:
            items += page["items"]
        return items

    until = datetime.now(UTC).replace(microsecond=0)
    since = until - timedelta(days=30)
    body = api.get("/stats/reports", leader, params={"since": since.isoformat(), "until": until.isoformat(),
                                                     "group_by": "day"})  # fmt: skip
    assert body.status_code == 200, body.text
    inside = [r for r in every("/reports") if since <= datetime.fromisoformat(r["requested_datetime"]) < until]
    days = Counter((datetime.fromisoformat(r["requested_datetime"]) + timedelta(hours=7)).date().isoformat()
                   for r in inside)  # fmt: skip
    assert {row["key"]: row["received"] for row in body.json()["rows"]} == dict(days)
    ratings = [r["satisfaction"] for r in inside if r["satisfaction"] is not None]
    final = [r for r in inside if r["status"] in {"closed", "duplicate", "not_responsible"}]
    on_time = [r for r in final if r["expected_datetime"] and r["updated_datetime"] <= r["expected_datetime"]]
    total = body.json()["total"]
    assert (total["received"], total["processed"], total["on_time"]) == (len(inside), len(final), len(on_time))
    assert (total["rated"], total["satisfied"]) == (len(ratings), sum(x >= 4 for x in ratings))
    cameras = api.get("/stats/cameras", leader).json()
    assert (cameras["total"], cameras["online"]) == (700, sum(c["status"] == "online" for c in every("/cameras")))
    sensors = api.get("/stats/sensors", leader, params={"ward": "Phường Thuận Hóa"}).json()
    assert sensors["total"] == len([s for s in every("/sensors") if s["ward"] == "Phường Thuận Hóa"]) > 0
    tasks = api.get("/stats/tasks", leader).json()
    assert sum(row["open"] + row["done"] for row in tasks["rows"]) == tasks["total"]["open"] + tasks["total"]["done"]
    funnel = api.get("/stats/alert-funnel", leader, params={"ward": "Phường Phú Xuân", "group_by": "category"})
    assert funnel.status_code == 200 and funnel.json()["ward"] == "Phường Phú Xuân"


def test_reading_buckets_are_computed_by_postgresql_as_by_sqlite(api: Api) -> None:
    token = api.token("operator")
    raw = api.get("/sensors/sen-001/readings", token, params={"limit": 1000}).json()["items"]
    since, newest = raw[-1]["phenomenon_time"], raw[0]["phenomenon_time"]
    until = (datetime.fromisoformat(newest) + timedelta(seconds=1)).isoformat()
    body = api.get("/sensors/sen-001/readings", token, params={"bucket": "1h", "since": since, "until": until}).json()
    hours = body["items"]
    assert sum(h["count"] for h in hours) == len(raw) == 1000
    starts = [datetime.fromisoformat(h["t"]) for h in hours]
    assert starts == sorted(starts) and all(t.minute == t.second == 0 for t in starts)
    values = [r["result"] for r in raw]
    assert min(h["min"] for h in hours) == min(values) and max(h["max"] for h in hours) == max(values)
    by_hour: dict[datetime, list[float]] = {}
    for r in raw:
        at = datetime.fromisoformat(r["phenomenon_time"])
        by_hour.setdefault(at.replace(minute=0, second=0, microsecond=0), []).append(r["result"])
    for hour, t in zip(hours, starts, strict=True):
        assert hour["count"] == len(by_hour[t])
        assert hour["mean"] == pytest.approx(sum(by_hour[t]) / len(by_hour[t]))
    days = api.get("/sensors/sen-001/readings", token, params={"bucket": "1d"}).json()["items"]
    assert all(datetime.fromisoformat(d["t"]).hour == 0 for d in days)
    assert sum(d["count"] for d in days) == api.get("/sensors/sen-001/readings", token).json()["total"]


def test_secret_and_named_polls_and_private_notes_on_postgresql(api: Api) -> None:
    from meeting_kit import with_members

    leader = api.token("leader")
    meeting = with_members(api, {"participant": "member", "operator": "member"})
    for role in ("participant", "operator"):
        assert api.post(f"/meetings/{meeting['id']}/attendance/check-in", api.token(role)).status_code == 200
    results = {}
    for kind in ("secret", "named"):
        current = api.get(f"/meetings/{meeting['id']}", leader).json()
        body = {"question": f"{kind}?", "options": ["Có", "Không"], "kind": kind, "version": current["version"]}
        poll_id = api.post(f"/meetings/{meeting['id']}/polls", leader, json=body).json()["polls"][-1]["id"]
        current = api.get(f"/meetings/{meeting['id']}", leader).json()
        r = api.post(f"/meetings/{meeting['id']}/polls/{poll_id}/open", leader, json={"version": current["version"]})
        assert r.status_code == 200, r.text
        key = {"Idempotency-Key": f"pg-vote-{kind}"}
        path = f"/meetings/{meeting['id']}/polls/{poll_id}/vote"
        first = api.post(path, api.token("participant"), json={"option": 0}, headers=key)
        assert first.status_code == 200, first.text
        assert api.post(path, api.token("participant"), json={"option": 0}, headers=key).json() == first.json()
        assert error_code(api.post(path, api.token("participant"), json={"option": 1})) == "already_voted"
        assert api.post(path, api.token("operator"), json={"option": 1}).status_code == 200
        for action in ("close", "publish"):
            current = api.get(f"/meetings/{meeting['id']}", leader).json()
            r = api.post(
                f"/meetings/{meeting['id']}/polls/{poll_id}/{action}", leader, json={"version": current["version"]}
            )
            assert r.status_code == 200, r.text
        results[kind] = api.get(f"/meetings/{meeting['id']}/polls/{poll_id}", api.token("operator")).json()
    assert results["secret"]["votes"] == [1, 1] and results["secret"]["ballots"] is None
    assert {b["username"]: b["option"] for b in results["named"]["ballots"]} == {"participant": 0, "operator": 1}

    # Notes on a demo meeting's document.
    demo = next(m for m in api.get("/meetings", leader).json()["items"] if m["documents"])
    doc = demo["documents"][0]["id"]
    made = api.post("/me/notes", leader, json={"document_id": doc, "page": 1, "text": "Ghi chú <b>riêng</b>"})
    assert made.status_code == 201, made.text
    assert api.get(f"/me/notes/{made.json()['id']}", api.token("admin")).status_code == 404


def test_meeting_procedure_on_postgresql(api: Api) -> None:
    """Members-only visibility (EXISTS in /sync and lists), the partial unique index of the current
    agenda item, a conclusion's task and the presenter's view, on PostgreSQL."""
    leader, operator, participant = api.token("leader"), api.token("operator"), api.token("participant")
    meeting = api.post(
        "/meetings",
        leader,
        json={
            "title": "Họp PostgreSQL",
            "location": "IOC",
            "starts_at": "2026-12-02T08:00:00+07:00",
            "ends_at": "2026-12-02T09:00:00+07:00",
            "agenda": [{"title": "Một"}, {"title": "Hai"}],
            "quorum": {"share": 0.5},
        },
    ).json()
    for role, meeting_role in (("leader", "chair"), ("participant", "member")):
        uid = api.login(role)["user"]["id"]
        r = api.call(
            "PUT",
            f"/meetings/{meeting['id']}/members/{uid}",
            leader,
            json={"role": meeting_role, "version": meeting["version"]},
        )
        assert r.status_code == 200, r.text
        meeting = r.json()
    assert api.get(f"/meetings/{meeting['id']}", operator).status_code == 404
    listed = api.get("/meetings", operator, params={"limit": 1000}).json()["items"]
    assert meeting["id"] not in {m["id"] for m in listed}
    hidden = api.get("/sync", operator, params={"since": 0, "limit": 10000}).json()["changes"]
    assert not [c for c in hidden if c["resource"] == "meeting" and c["id"] == str(meeting["id"])]
    meeting = api.post(f"/meetings/{meeting['id']}/attendance/check-in", participant).json()
    assert meeting["attendance"]["quorum_reached"]
    for _ in range(2):
        r = api.post(f"/meetings/{meeting['id']}/agenda/next", leader, json={"version": meeting["version"]})
        assert r.status_code == 200, r.text
        meeting = r.json()
    assert [i["state"] for i in meeting["agenda"]] == ["done", "current"]
    item = meeting["agenda"][1]["id"]
    r = api.post(
        f"/meetings/{meeting['id']}/agenda/{item}/conclusions",
        leader,
        json={
            "version": meeting["version"],
            "text": "Giao nhiệm vụ.",
            "task": {"title": "Việc", "assignee_unit": "Sở Xây dựng", "due_at": "2026-12-09T17:00:00+07:00"},
        },
    )
    assert r.status_code == 201, r.text
    task_id = r.json()["agenda"][1]["conclusions"][0]["task_ids"][0]
    assert api.get(f"/tasks/{task_id}", leader).json()["conclusion_id"] is not None
    state = api.call(
        "PUT",
        f"/meetings/{meeting['id']}/presenter",
        leader,
        json={"view": {"kind": "map", "lat": 16.46, "lon": 107.59, "zoom": 13}},
    ).json()
    seen = api.get("/sync", participant, params={"since": 0, "limit": 10000}).json()["changes"]
    assert [c["data"] for c in seen if c["resource"] == "meeting_presenter" and c["id"] == str(meeting["id"])] == [
        state
    ]
