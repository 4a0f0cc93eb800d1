"""Sensors in the client: thresholds in the sensor payload, and the server's reading buckets
(``sensor_readings_buckets``) read and validated — against the real backend and a scripted one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from client_support import Reply, SeenRequest

from backend_client import Alert, BadResponse, InvalidRequest, IocClient, ReadingBuckets, Sensor, SensorThresholds
from backend_client.api.validation import parse_as

NOW = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)


def iso(minutes: int) -> str:
    return (NOW + timedelta(minutes=minutes)).isoformat()


# --------------------------------------------------------------------------- the real backend
@pytest.fixture()
def operator(backend, make_client) -> IocClient:
    return make_client(backend.url, "operator")


def test_sensors_carry_their_thresholds(operator: IocClient) -> None:
    kim_long = operator.get_sensor("sen-001")
    assert kim_long.thresholds == SensorThresholds(warning=1.0, alarm=2.0)
    sensors = operator.list_sensors(limit=100).items
    assert sensors and all(s.thresholds is not None and s.thresholds.warning < s.thresholds.alarm for s in sensors)


def test_reading_buckets_from_the_backend_agree_with_the_raw_readings(operator: IocClient) -> None:
    raw = operator.sensor_readings("sen-001", limit=1000)  # the newest 1000 one-minute readings
    oldest, newest = raw.items[-1].phenomenon_time, raw.items[0].phenomenon_time
    until = newest + timedelta(seconds=1)
    hours = operator.sensor_readings_buckets("sen-001", "1h", since=oldest, until=until)
    assert isinstance(hours, ReadingBuckets) and hours.bucket == "1h" and hours.sensor_id == "sen-001"
    assert (hours.since, hours.until) == (oldest, until)
    assert sum(b.count for b in hours.items) == len(raw.items)
    values = [r.result for r in raw.items]
    assert min(b.min for b in hours.items) == min(values) and max(b.max for b in hours.items) == max(values)
    days = operator.sensor_readings_buckets("sen-001", "1d")  # the server's default: a year of days
    assert days.until - days.since == timedelta(days=365)
    assert sum(b.count for b in days.items) == operator.sensor_readings("sen-001", limit=1).total
    with pytest.raises(InvalidRequest) as info:
        operator.sensor_readings_buckets("sen-001", "1m", since=NOW - timedelta(days=365), until=NOW)
    assert [d["field"] for d in info.value.details] == ["query.bucket"]


def test_a_sensor_alert_names_its_sensor(operator: IocClient) -> None:
    flood = [a for a in operator.list_alerts(limit=1000, analytic="water_level_rise").items if a.sensor_id]
    assert flood and all(isinstance(a, Alert) and a.sensor_id.startswith("sen-") for a in flood)


# --------------------------------------------------------------------------- malformed answers
def _grant() -> dict[str, Any]:
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    return {"access_token": "access-1", "token_type": "bearer", "expires_at": later, "expires_in": 3600,
            "refresh_token": "refresh-1", "refresh_expires_at": later,
            "user": {"id": 1, "username": "operator", "full_name": "Nguyễn Văn An", "role": "operator"}}  # fmt: skip


def _bucket(minutes: int, **changes: Any) -> dict[str, Any]:
    return {"t": iso(minutes), "min": 0.5, "max": 2.1, "mean": 1.2, "count": 60, **changes}


def _answer(items: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    return {"sensor_id": "sen-001", "bucket": "1h", "as_of": iso(120), "since": iso(0), "until": iso(120),
            "items": items, **changes}  # fmt: skip


@pytest.fixture()
def scripted(scripted_server, make_client) -> Iterator[tuple[dict[str, Reply], Any, IocClient]]:
    answers: dict[str, Reply] = {}

    def route(req: SeenRequest) -> Reply:
        path = urlsplit(req.path).path.removeprefix("/api/v1")
        if path == "/auth/login":
            return Reply(200, _grant())
        return answers.get(path, Reply(404, {"error": {"code": "not_found", "message": path}}))

    server = scripted_server(route)
    yield answers, server, make_client(server.url, "operator")


def test_buckets_send_the_window_and_read_the_figures(scripted) -> None:
    answers, server, client = scripted
    answers["/sensors/sen-001/readings"] = Reply(200, _answer([_bucket(0), _bucket(60, count=1, min=1, max=1, mean=1)]))
    buckets = client.sensor_readings_buckets("sen-001", "1h", since=NOW, until=NOW + timedelta(hours=2))
    assert [(b.t, b.count) for b in buckets.items] == [(NOW, 60), (NOW + timedelta(hours=1), 1)]
    assert buckets.as_of == NOW + timedelta(hours=2)
    query = parse_qs(urlsplit(server.requests[-1].path).query)
    assert query == {"bucket": ["1h"], "since": [iso(0)], "until": [iso(120)]}
    sent = len(server.requests)
    with pytest.raises(ValueError, match="bucket"):
        client.sensor_readings_buckets("sen-001", "5m")
    assert len(server.requests) == sent  # refused before any request


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        (_answer([_bucket(0, count=0)]), "items.0.count"),
        (_answer([_bucket(0, min=3.0)]), "items.0"),  # min above the mean
        (_answer([_bucket(0, mean=float("nan"))]), "items.0.mean"),
        (_answer([_bucket(60), _bucket(0)]), None),  # out of order
        (_answer([_bucket(0)], bucket="5m"), "bucket"),
        (_answer([_bucket(0, t="2026-12-05T08:00:00")]), "items.0.t"),  # no offset
        ({k: v for k, v in _answer([]).items() if k != "as_of"}, "as_of"),
    ],
)
def test_malformed_bucket_answers_are_bad_responses(scripted, answer, field) -> None:
    answers, _server, client = scripted
    answers["/sensors/sen-001/readings"] = Reply(200, answer)
    with pytest.raises(BadResponse) as info:
        client.sensor_readings_buckets("sen-001", "1h")
    if field is not None:
        assert info.value.field == field


def test_thresholds_out_of_order_are_a_bad_response() -> None:
    sensor = {"id": "sen-001", "name": "Kim Long", "kind": "water_level", "ward": "Phường Kim Long", "lat": 16.46,
              "lon": 107.55, "unit": {"name": "metre", "symbol": "m", "definition": "x"}, "last_result": 0.6,
              "last_phenomenon_time": iso(0), "status": "ok", "version": 1, "updated_at": iso(0)}  # fmt: skip
    assert parse_as(Sensor, sensor, what="sensor").thresholds is None  # an older server: none known
    assert parse_as(Sensor, {**sensor, "thresholds": {"warning": 1.0, "alarm": 2.0}}, what="sensor").thresholds
    with pytest.raises(BadResponse) as info:
        parse_as(Sensor, {**sensor, "thresholds": {"warning": 2.0, "alarm": 1.0}}, what="sensor")
    assert info.value.field == "thresholds"
