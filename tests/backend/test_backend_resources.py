"""Reading resources: pagination, filters, lookups, errors for bad queries, OpenAPI."""

from __future__ import annotations

from datetime import datetime

import pytest
from backend_testkit import Api, error_code, error_fields


@pytest.fixture()
def op(shared_api: Api) -> str:
    return shared_api.token("operator")


def test_pagination_walks_every_camera_once(shared_api: Api, op: str) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = shared_api.get("/cameras", op, params={"limit": 250, "offset": offset}).json()
        assert page["limit"] == 250 and page["offset"] == offset
        seen += [c["id"] for c in page["items"]]
        offset += 250
        if offset >= page["total"]:
            break
    assert len(seen) == len(set(seen)) == page["total"] >= 700
    assert seen == sorted(seen)  # ordered by id


def test_default_limit_and_bounds(shared_api: Api, op: str) -> None:
    page = shared_api.get("/reports", op).json()
    assert page["limit"] == 100 and page["offset"] == 0 and len(page["items"]) == 100
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "ten"}):
        r = shared_api.get("/reports", op, params=bad)
        assert r.status_code == 422 and error_code(r) == "validation_error"
        assert error_fields(r) == [f"query.{next(iter(bad))}"]


def test_camera_payload_and_stream_urls_follow_the_request_host(backend, shared_api: Api, op: str) -> None:
    cam = shared_api.get("/cameras/cam-0001", op).json()
    assert cam["id"] == "cam-0001" and cam["version"] >= 1
    assert cam["main_stream_url"] == f"{backend.url}/api/v1/streams/cam-0001/main.mjpeg"
    assert cam["sub_stream_url"] == f"{backend.url}/api/v1/streams/cam-0001/sub.mjpeg"
    via_localhost = shared_api.http.get(
        backend.url.replace("127.0.0.1", "localhost") + "/api/v1/cameras/cam-0001",
        headers={"Authorization": f"Bearer {op}"},
        timeout=30,
    ).json()
    assert via_localhost["main_stream_url"].startswith("http://localhost:")
    for key in ("name", "ward", "category", "lat", "lon", "ptz", "status", "updated_at"):
        assert key in cam


def test_camera_filters(shared_api: Api, op: str) -> None:
    forest = shared_api.get("/cameras", op, params={"category": "forest_fire", "limit": 1000}).json()
    assert forest["total"] > 0 and all(c["category"] == "forest_fire" for c in forest["items"])
    ward = forest["items"][0]["ward"]
    by_ward = shared_api.get("/cameras", op, params={"ward": ward, "limit": 1000}).json()
    assert by_ward["total"] > 0 and all(c["ward"] == ward for c in by_ward["items"])
    word = forest["items"][0]["name"].split()[0]
    by_name = shared_api.get("/cameras", op, params={"q": word, "limit": 1000}).json()
    assert by_name["total"] > 0 and all(word.lower() in c["name"].lower() for c in by_name["items"])
    # Case-insensitive beyond ASCII: Vietnamese capitals with diacritics fold too.
    accented = next(w for c in forest["items"] for w in c["name"].split() if not w.isascii() and w.isalpha())
    lower = shared_api.get("/cameras", op, params={"q": accented.lower(), "limit": 1}).json()["total"]
    assert (
        lower > 0
        and shared_api.get("/cameras", op, params={"q": accented.upper(), "limit": 1}).json()["total"] == lower
    )
    online = shared_api.get("/cameras", op, params={"status": "online", "limit": 1}).json()
    assert online["total"] > 600
    r = shared_api.get("/cameras", op, params={"category": "submarine"})
    assert r.status_code == 422 and error_fields(r) == ["query.category"]
    assert shared_api.get("/cameras", op, params={"q": "%_no_such_camera_%"}).json()["total"] == 0


def test_alert_filters(shared_api: Api, op: str) -> None:
    closed = shared_api.get("/alerts", op, params={"state": "closed", "limit": 50}).json()
    assert closed["total"] > 0 and all(a["state"] == "closed" for a in closed["items"])
    critical = shared_api.get("/alerts", op, params={"severity": "critical", "limit": 50}).json()
    assert all(a["severity"] == "critical" for a in critical["items"])
    sample = closed["items"][0]
    by_analytic = shared_api.get("/alerts", op, params={"analytic": sample["analytic"], "limit": 1000}).json()
    assert by_analytic["total"] > 0 and all(a["analytic"] == sample["analytic"] for a in by_analytic["items"])
    by_camera = shared_api.get("/alerts", op, params={"camera_id": sample["camera_id"]}).json()
    assert all(a["camera_id"] == sample["camera_id"] for a in by_camera["items"])
    everything = shared_api.get("/alerts", op, params={"limit": 1}).json()["total"]
    since = "2000-01-01T00:00:00+00:00"
    assert shared_api.get("/alerts", op, params={"since": since, "limit": 1}).json()["total"] == everything
    recent = shared_api.get("/alerts", op, params={"since": sample["detected_at"], "limit": 1000}).json()
    cutoff = datetime.fromisoformat(sample["detected_at"])
    assert all(datetime.fromisoformat(a["detected_at"]) >= cutoff for a in recent["items"])
    r = shared_api.get("/alerts", op, params={"analytic": "alien_landing"})
    assert r.status_code == 422 and error_fields(r) == ["query.analytic"]
    r = shared_api.get("/alerts", op, params={"since": "yesterday"})
    assert r.status_code == 422 and error_fields(r) == ["query.since"]


def test_alert_payload_shape(shared_api: Api, op: str) -> None:
    alert = shared_api.get("/alerts/1", op).json()
    assert alert["snapshot_url"] == "/api/v1/alerts/1/snapshot.jpg"
    assert len(alert["bbox"]) == 4 and all(0 <= v <= 1 for v in alert["bbox"])
    assert alert["state"] in {"new", "acknowledged", "in_progress", "closed"}
    assert isinstance(alert["notes"], list)


def test_analytics_catalogue(shared_api: Api, op: str) -> None:
    items = shared_api.get("/analytics", op).json()
    assert len(items) == 29
    assert {"code", "name_vi", "name_en", "category"} <= set(items[0])
    assert len({a["code"] for a in items}) == 29


def test_report_filters(shared_api: Api, op: str) -> None:
    hotline = shared_api.get("/reports", op, params={"source": "hotline", "limit": 100}).json()
    assert hotline["total"] > 0 and all(r["source"] == "hotline" for r in hotline["items"])
    opened = shared_api.get("/reports", op, params={"status": "open"}).json()
    assert all(r["status"] == "open" for r in opened["items"])
    ward = hotline["items"][0]["ward"]
    assert all(r["ward"] == ward for r in shared_api.get("/reports", op, params={"ward": ward}).json()["items"])
    r = shared_api.get("/reports", op, params={"source": "fax"})
    assert r.status_code == 422 and error_fields(r) == ["query.source"]


def test_sensors_and_readings(shared_api: Api, op: str) -> None:
    sensors = shared_api.get("/sensors", op, params={"kind": "water_level"}).json()
    assert sensors["total"] > 0 and all(s["kind"] == "water_level" for s in sensors["items"])
    sensor = sensors["items"][0]  # Kim Long: a week every minute (demo.seed.FINE_SITES)
    assert sensor["unit"]["symbol"] == "m" and sensor["last_result"] is not None
    assert sensor["thresholds"] == {"warning": 1.0, "alarm": 2.0}
    readings = shared_api.get(f"/sensors/{sensor['id']}/readings", op, params={"limit": 1000}).json()
    assert readings["total"] == 7 * 24 * 60 + 1  # both ends included
    other = shared_api.get("/sensors/sen-002/readings", op, params={"limit": 1}).json()
    assert other["total"] == 7 * 24 * 6 + 1  # every 10 min
    times = [r["phenomenon_time"] for r in readings["items"]]
    assert times == sorted(times, reverse=True)  # newest first
    assert readings["items"][0]["result"] == sensor["last_result"]
    since = readings["items"][5]["phenomenon_time"]
    recent = shared_api.get(f"/sensors/{sensor['id']}/readings", op, params={"since": since}).json()
    assert recent["total"] == 6
    assert shared_api.get("/sensors/sen-999/readings", op).status_code == 404


def test_tasks_meetings_users(shared_api: Api) -> None:
    participant = shared_api.token("participant")
    tasks = shared_api.get("/tasks", participant).json()
    assert tasks["total"] >= 40
    meetings = shared_api.get("/meetings", participant).json()
    assert meetings["total"] >= 6
    assert meetings["items"][0]["agenda"]
    users = shared_api.get("/users", shared_api.token("admin")).json()
    assert {u["username"] for u in users["items"]} >= {"operator", "supervisor", "leader", "participant", "admin"}
    assert all("password" not in str(u) for u in users["items"])


def test_unknown_ids_and_paths_are_404(shared_api: Api, op: str) -> None:
    for path in (
        "/cameras/cam-9999",
        "/alerts/999999",
        "/reports/999999",
        "/sensors/sen-999",
        "/tasks/999999",
        "/meetings/999999",
        "/no/such/thing",
    ):
        r = shared_api.get(path, op)
        assert r.status_code == 404 and error_code(r) == "not_found", path
    assert "cam-9999" in shared_api.get("/cameras/cam-9999", op).json()["error"]["message"]
    r = shared_api.get("/alerts/not-a-number", op)
    assert r.status_code == 422 and error_fields(r) == ["path.alert_id"]


def test_wrong_method_is_405(shared_api: Api, op: str) -> None:
    r = shared_api.call("DELETE", "/cameras/cam-0001", op)
    assert r.status_code == 405 and error_code(r) == "method_not_allowed"


def test_openapi_lists_the_paths(shared_api: Api) -> None:
    spec = shared_api.http.get(f"{shared_api.base}/openapi.json", timeout=30).json()
    paths = set(spec["paths"])
    for path in (
        "/api/v1/health",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/api/v1/cameras",
        "/api/v1/cameras/{camera_id}",
        "/api/v1/streams/{camera_id}/{which}.mjpeg",
        "/api/v1/streams/{camera_id}/{which}.jpg",
        "/api/v1/alerts",
        "/api/v1/alerts/{alert_id}",
        "/api/v1/alerts/{alert_id}/transition",
        "/api/v1/alerts/{alert_id}/notes",
        "/api/v1/alerts/{alert_id}/snapshot.jpg",
        "/api/v1/analytics",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/sensors",
        "/api/v1/sensors/{sensor_id}",
        "/api/v1/sensors/{sensor_id}/readings",
        "/api/v1/tasks",
        "/api/v1/tasks/{task_id}",
        "/api/v1/meetings",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/users",
        "/api/v1/sync",
        "/api/v1/events",
    ):
        assert path in paths, path
    assert spec["info"]["version"] == "0.1.0"


def test_payloads_match_the_published_models_exactly(shared_api: Api) -> None:
    from ioc_backend.api.schemas import responses as M

    op = shared_api.token("operator")
    admin = shared_api.token("admin")
    samples = [
        (M.Health, shared_api.get("/health").json()),
        (M.TokenPair, shared_api.login("participant")),
        (M.Camera, shared_api.get("/cameras/cam-0010", op).json()),
        (M.Alert, shared_api.get("/alerts/2", op).json()),
        (M.Analytic, shared_api.get("/analytics", op).json()[0]),
        (M.Report, shared_api.get("/reports/2", op).json()),
        (M.Sensor, shared_api.get("/sensors/sen-002", op).json()),
        (M.Reading, shared_api.get("/sensors/sen-002/readings", op).json()["items"][0]),
        (M.Task, shared_api.get("/tasks/2", op).json()),
        (M.Meeting, shared_api.get("/meetings/2", op).json()),
        (M.User, shared_api.get("/users", admin).json()["items"][0]),
        (M.SyncPage, shared_api.get("/sync", op, params={"limit": 3}).json()),
        (M.ErrorBody, shared_api.get("/cameras/cam-9999", op).json()),
        (M.PublicWarning, shared_api.get("/warnings/1", op).json()),
    ]
    for model, payload in samples:
        model.model_validate(payload)
        assert set(payload) <= set(model.model_fields), (model.__name__, set(payload) - set(model.model_fields))
        required = {n for n, f in model.model_fields.items() if f.is_required()}
        assert required <= set(payload), (model.__name__, required - set(payload))


def test_numbers_beyond_64_bits_are_422_not_500(shared_api: Api, op: str) -> None:
    huge = str(2**70)
    for path, params in (
        (f"/alerts/{huge}", None),
        ("/alerts", {"offset": huge}),
        ("/sync", {"since": huge}),
        ("/tasks", {"meeting_id": huge}),
    ):
        r = shared_api.get(path, op, params=params)
        assert r.status_code == 422 and error_code(r) == "validation_error", (path, r.status_code, r.text)
