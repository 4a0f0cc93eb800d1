"""The client's key-figure calls (report_stats, camera_stats, task_stats, sensor_stats, alert_funnel's
ward) against the real backend, the satisfaction rating through update_report, and malformed
answers from a scripted server reported as BadResponse naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from backend_process import DEMO_PASSWORDS, BackendProcess
from client_support import Reply, SeenRequest

from backend_client import (
    BadResponse,
    CameraStats,
    InvalidRequest,
    IocClient,
    PermissionDenied,
    ReportStats,
    SensorStats,
    TaskStats,
)
from backend_client.api.actions import set_report_status

DAY = timedelta(days=1)


def raw(backend: BackendProcess, path: str, **params: Any) -> dict[str, Any]:
    """The same call made by hand, for the figures the typed answer must carry."""
    with requests.Session() as http:
        login = http.post(
            f"{backend.url}/api/v1/auth/login", json={"username": "leader", "password": DEMO_PASSWORDS["leader"]}
        ).json()
        r = http.get(
            f"{backend.url}/api/v1{path}",
            params=params,
            headers={"Authorization": f"Bearer {login['access_token']}"},
            timeout=30,
        )
        assert r.status_code == 200, r.text
        return r.json()


def without_as_of(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "as_of"}


def test_report_stats_read_the_backends_figures(backend: BackendProcess, make_client) -> None:
    client = make_client(backend.url, "leader")
    until = datetime.now(UTC).replace(microsecond=0)
    since = until - 30 * DAY
    stats = client.report_stats(since, until, group_by="source")
    assert isinstance(stats, ReportStats) and (stats.since, stats.until) == (since, until)
    assert stats.group_by == "source" and stats.ward is None and stats.as_of.tzinfo is not None
    expected = raw(backend, "/stats/reports", since=since.isoformat(), until=until.isoformat(), group_by="source")
    assert stats.total.model_dump() == expected["total"]
    assert [row.model_dump() for row in stats.rows] == expected["rows"]
    assert stats.total.received > 0 and 0 < (stats.total.satisfaction_share or 0) <= 1
    ward = client.report_stats(since, until, group_by="ward").rows[0].key
    by_day = client.report_stats(since, until, ward=ward, source="hue_s", group_by="day")
    assert (by_day.ward, by_day.source) == (ward, "hue_s")
    assert sum(row.received for row in by_day.rows) == by_day.total.received > 0
    assert [row.key for row in by_day.rows] == sorted(row.key for row in by_day.rows)


def test_camera_task_and_sensor_stats_read_the_backends_figures(backend: BackendProcess, make_client) -> None:
    client = make_client(backend.url, "operator")
    cameras = client.camera_stats()
    assert isinstance(cameras, CameraStats) and cameras.total == sum(row.total for row in cameras.rows) > 0
    ward = cameras.rows[0].key
    of_ward = client.camera_stats(ward=ward)
    assert of_ward.ward == ward and without_as_of(of_ward.model_dump(mode="json")) == without_as_of(
        raw(backend, "/stats/cameras", ward=ward)
    )
    until = datetime.now(UTC).replace(microsecond=0) + 14 * DAY
    tasks = client.task_stats(until - 28 * DAY, until)
    assert isinstance(tasks, TaskStats) and tasks.group_by == "unit"
    assert tasks.total.overdue == sum(row.overdue for row in tasks.rows)
    sensors = client.sensor_stats()
    assert isinstance(sensors, SensorStats) and sensors.total == 60
    assert {row.key for row in sensors.rows} >= {"water_level", "rainfall"}


def test_the_alert_funnel_of_one_ward(backend: BackendProcess, make_client) -> None:
    client = make_client(backend.url, "operator")
    until = datetime.now(UTC)
    everything = client.alert_funnel(until - 30 * DAY, until, group_by="ward")
    ward = everything.rows[0].key
    funnel = client.alert_funnel(until - 30 * DAY, until, group_by="category", ward=ward)
    assert funnel.ward == ward and funnel.as_of is not None
    assert funnel.total.alerts == everything.rows[0].alerts


def test_a_participant_may_not_read_the_figures(backend: BackendProcess, make_client) -> None:
    client = make_client(backend.url, "participant")
    for call in (client.report_stats, client.camera_stats, client.task_stats, client.sensor_stats):
        with pytest.raises(PermissionDenied):
            call()


def test_a_rating_is_sent_with_the_closing(fresh_backend: BackendProcess, make_client) -> None:
    client = make_client(fresh_backend.url, "operator")
    report = client.list_reports(status="in_progress", limit=1).items[0]
    with pytest.raises(InvalidRequest):
        client.update_report(report.id, report.version, status="action_scheduled", satisfaction=5)
    closed = client.update_report(report.id, report.version, status="closed", satisfaction=5)
    assert (closed.status, closed.satisfaction) == ("closed", 5)
    # The outbox action carries the rating too, and refuses one a server would refuse.
    action = set_report_status(closed, "closed", satisfaction=4)
    assert action.body == {"status": "closed", "version": closed.version, "satisfaction": 4}
    with pytest.raises(ValueError, match="closing"):
        set_report_status(closed, "in_progress", satisfaction=4)
    with pytest.raises(ValueError, match="1 to 5"):
        set_report_status(closed, "closed", satisfaction=6)


# --- malformed answers, from a scripted server --------------------------------------------------------------
NOW = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
ISO = NOW.isoformat()
FIGURES = {
    "received": 10, "processed": 9, "processed_share": 0.9, "with_deadline": 9, "on_time": 8,
    "on_time_share": 0.8889, "rated": 5, "satisfied": 4, "satisfaction_share": 0.8, "satisfaction_mean": 4.2,
}  # fmt: skip
ROW = {"key": "hue_s", "label_vi": "Ứng dụng Hue-S", "label_en": "Hue-S app"}
REPORTS = {"as_of": ISO, "since": ISO, "until": ISO, "ward": None, "source": None, "group_by": "source",
           "total": FIGURES, "rows": [{**ROW, **FIGURES}]}  # fmt: skip
CAMERAS = {"as_of": ISO, "ward": None, "total": 2, "online": 1, "degraded": 1, "offline": 0, "availability_share": 0.5,
           "rows": [{"key": "Phường Phú Xuân", "label_vi": "Phường Phú Xuân", "label_en": "Phường Phú Xuân",
                     "total": 2, "online": 1, "degraded": 1, "offline": 0, "availability_share": 0.5}]}  # fmt: skip
TASK_FIGURES = {"open": 1, "done": 2, "on_time": 2, "overdue": 1, "no_deadline": 0}
TASKS = {"as_of": ISO, "since": ISO, "until": ISO, "ward": None, "group_by": "unit", "total": TASK_FIGURES,
         "rows": [{"key": "UBND", "label_vi": "UBND", "label_en": "UBND", **TASK_FIGURES}]}  # fmt: skip
SENSOR_FIGURES = {"total": 3, "ok": 1, "warning": 1, "alarm": 1, "offline": 0}
SENSOR_ROW = {"key": "rainfall", "label_vi": "Lượng mưa", "label_en": "Rainfall", **SENSOR_FIGURES}
SENSORS = {"as_of": ISO, "ward": None, **SENSOR_FIGURES, "rows": [SENSOR_ROW]}


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
def scripted(scripted_server, make_client) -> Iterator[tuple[Routes, Any, IocClient]]:
    routes = Routes()
    server = scripted_server(routes)
    yield routes, server, make_client(server.url, "leader")


def test_the_calls_send_their_filters(scripted) -> None:
    routes, server, client = scripted
    routes.answers.update({"/stats/reports": Reply(200, REPORTS), "/stats/cameras": Reply(200, CAMERAS),
                           "/stats/tasks": Reply(200, TASKS), "/stats/sensors": Reply(200, SENSORS)})  # fmt: skip
    stats = client.report_stats(NOW, ward="Phường Phú Xuân", source="hotline", group_by="source")
    assert stats.rows[0].label_en == "Hue-S app" and stats.total.satisfaction_mean == 4.2
    assert parse_qs(urlsplit(server.requests[-1].path).query) == {
        "since": [ISO], "ward": ["Phường Phú Xuân"], "source": ["hotline"], "group_by": ["source"],
    }  # fmt: skip
    assert client.camera_stats(ward="Phường Phú Xuân").availability_share == 0.5
    assert parse_qs(urlsplit(server.requests[-1].path).query) == {"ward": ["Phường Phú Xuân"]}
    assert client.task_stats(until=NOW).rows[0].overdue == 1
    assert parse_qs(urlsplit(server.requests[-1].path).query) == {"until": [ISO], "group_by": ["unit"]}
    assert client.sensor_stats().alarm == 1
    sent = len(server.requests)
    with pytest.raises(ValueError, match="group_by"):
        client.report_stats(group_by="analytic")
    with pytest.raises(ValueError, match="source"):
        client.report_stats(source="email")
    assert len(server.requests) == sent  # refused before any request


@pytest.mark.parametrize(
    ("path", "answer", "field"),
    [
        ("/stats/reports", {**REPORTS, "total": {**FIGURES, "processed_share": 1.5}}, "total.processed_share"),
        ("/stats/reports", {**REPORTS, "rows": [{**ROW, **FIGURES, "received": -1}]}, "rows.0.received"),
        ("/stats/reports", {**REPORTS, "total": {**FIGURES, "satisfaction_mean": 0.5}}, "total.satisfaction_mean"),
        ("/stats/reports", {**REPORTS, "group_by": "camera"}, "group_by"),
        ("/stats/reports", {k: v for k, v in REPORTS.items() if k != "as_of"}, "as_of"),
        ("/stats/cameras", {**CAMERAS, "online": "1"}, "online"),
        ("/stats/cameras", {**CAMERAS, "as_of": "2026-12-05T08:00:00"}, "as_of"),
        ("/stats/tasks", {**TASKS, "total": {**TASK_FIGURES, "overdue": None}}, "total.overdue"),
        ("/stats/sensors", {**SENSORS, "rows": [{"key": "rainfall", **SENSOR_FIGURES}]}, "rows.0.label_vi"),
    ],
)
def test_a_malformed_answer_is_a_bad_response_naming_the_field(scripted, path: str, answer: dict, field: str) -> None:
    routes, _server, client = scripted
    routes.answers[path] = Reply(200, answer)
    call = {"/stats/reports": client.report_stats, "/stats/cameras": client.camera_stats,
            "/stats/tasks": client.task_stats, "/stats/sensors": client.sensor_stats}[path]  # fmt: skip
    with pytest.raises(BadResponse) as info:
        call()
    assert info.value.field == field
