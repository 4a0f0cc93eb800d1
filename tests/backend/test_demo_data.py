"""Tests for the deterministic demo content (wards, cameras, sensors, reports, alerts, tasks, meetings)."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from ioc_backend.demo import alerts as demo_alerts
from ioc_backend.demo import cameras as demo_cameras
from ioc_backend.demo import meetings as demo_meetings
from ioc_backend.demo import reports as demo_reports
from ioc_backend.demo import sensors as demo_sensors
from ioc_backend.demo import tasks as demo_tasks
from ioc_backend.demo import users as demo_users
from ioc_backend.demo import wards as demo_wards
from ioc_domain.alerts import ALERT_STATES, CLOSE_REASONS
from ioc_domain.analytics import ANALYTICS
from ioc_domain.statuses import CAMERA_CATEGORIES, REPORT_FINAL_STATUSES, REPORT_STATUSES, SENSOR_KINDS, TASK_STATUSES

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
WARD_NAMES = {w.name for w in demo_wards.WARDS}


def _in_box(lat: float, lon: float) -> bool:
    return 16.0 <= lat <= 16.8 and 107.0 <= lon <= 108.2


@pytest.fixture(scope="module")
def cameras() -> list[dict]:
    return demo_cameras.generate_cameras(700, seed=1)


@pytest.fixture(scope="module")
def reports() -> list[dict]:
    return demo_reports.generate_reports(5000, seed=1, now=NOW)


@pytest.fixture(scope="module")
def alerts(cameras) -> list[dict]:
    return demo_alerts.generate_alerts(2000, cameras, seed=1, now=NOW)


# --------------------------------------------------------------------------- static tables
def test_wards_are_hue_units_inside_the_box():
    assert 30 <= len(demo_wards.WARDS) <= 40
    assert len(WARD_NAMES) == len(demo_wards.WARDS)
    for ward in demo_wards.WARDS:
        assert ward.name.startswith(("Phường ", "Xã ")), ward.name
        assert ward.terrain in {"urban", "coastal", "lagoon", "rural", "mountain"}
        assert _in_box(ward.lat, ward.lon), ward
        assert unicodedata.is_normalized("NFC", ward.name)
    # Key places named in the brief exist with the expected terrain.
    by_name = {w.name: w for w in demo_wards.WARDS}
    assert by_name["Phường Phú Xuân"].terrain == "urban"
    assert abs(by_name["Phường Phú Xuân"].lat - 16.47) < 0.02 and abs(by_name["Phường Phú Xuân"].lon - 107.58) < 0.02
    assert by_name["Phường Thuận An"].terrain == "coastal"
    assert by_name["Xã Nam Đông"].terrain == "mountain"
    assert all(by_name[f"Xã A Lưới {i}"].terrain == "mountain" for i in range(1, 6))


def test_exactly_29_analytics_covering_the_five_groups():
    assert len(ANALYTICS) == 29
    codes = [a.code for a in ANALYTICS]
    assert len(set(codes)) == 29
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in codes)
    assert {a.category for a in ANALYTICS} == {"traffic", "urban_order", "public_safety", "forest_fire", "disaster"}
    assert {a.default_severity for a in ANALYTICS} <= {"info", "warning", "critical"}
    assert {
        "forest_fire",
        "smoke",
        "wrong_way",
        "illegal_parking",
        "crowd_gathering",
        "flooded_road",
        "straw_burning",
    } <= set(codes)
    assert all(a.name_vi and a.name_en for a in ANALYTICS)


def test_demo_users_one_per_role():
    roles = ["operator", "supervisor", "leader", "participant", "admin"]
    assert sorted(u["role"] for u in demo_users.DEMO_USERS) == sorted(roles)
    for user in demo_users.DEMO_USERS:
        assert user["username"] == user["role"]
        assert user["password"] == f"hue-{user['role']}"
        assert len(user["full_name"].split()) >= 3
        # Vietnamese names carry diacritics.
        assert any(ord(ch) > 127 for ch in user["full_name"])


# --------------------------------------------------------------------------- cameras
def test_cameras_count_ids_fields(cameras):
    assert len(cameras) == 700
    ids = [c["id"] for c in cameras]
    assert ids[0] == "cam-0001" and ids[-1] == "cam-0700"
    assert len(set(ids)) == 700
    assert len({c["name"] for c in cameras}) == 700, "camera names should be unique"
    for cam in cameras:
        assert set(cam) == {"id", "name", "ward", "category", "lat", "lon", "ptz", "status", "ptz_presets"}
        assert cam["ward"] in WARD_NAMES
        assert cam["category"] in CAMERA_CATEGORIES
        assert cam["status"] in {"online", "offline", "degraded"}
        assert isinstance(cam["ptz"], bool)
        # PTZ cameras come with a few named positions (ids 1..n), fixed cameras with none.
        presets = cam["ptz_presets"]
        assert (3 <= len(presets) <= 5) if cam["ptz"] else presets == []
        assert [p["id"] for p in presets] == list(range(1, len(presets) + 1))
        assert all(p["name"] for p in presets)
        assert _in_box(cam["lat"], cam["lon"]), cam
    statuses = Counter(c["status"] for c in cameras)
    assert statuses["online"] / 700 > 0.9
    assert statuses["offline"] >= 1 and statuses["degraded"] >= 1


def test_camera_categories_follow_terrain(cameras):
    terrain = {w.name: w.terrain for w in demo_wards.WARDS}
    forest = [c for c in cameras if c["category"] == "forest_fire"]
    assert forest and all(terrain[c["ward"]] in {"mountain", "rural"} for c in forest)
    flood = Counter(terrain[c["ward"]] for c in cameras if c["category"] == "flood")
    assert flood["lagoon"] + flood["coastal"] > 0
    # The heritage centre is watched for tourism and traffic.
    centre = Counter(c["category"] for c in cameras if c["ward"] == "Phường Phú Xuân")
    assert centre["tourism"] > 0 and centre["traffic"] > 0
    names = {c["name"].rsplit(" - ", 1)[0] for c in cameras}
    assert {"Ngọ Môn", "Cầu Trường Tiền", "Chùa Thiên Mụ"} <= names
    every_category = {c["category"] for c in cameras}
    assert every_category == set(CAMERA_CATEGORIES)


def test_cameras_deterministic_and_seeded():
    assert demo_cameras.generate_cameras(50, seed=7) == demo_cameras.generate_cameras(50, seed=7)
    assert demo_cameras.generate_cameras(50, seed=7) != demo_cameras.generate_cameras(50, seed=8)
    assert demo_cameras.generate_cameras(0) == []


# --------------------------------------------------------------------------- sensors
def test_sensors(cameras):
    sensors = demo_sensors.generate_sensors(60, seed=1)
    assert len(sensors) == 60
    assert len({s["id"] for s in sensors}) == 60 and sensors[0]["id"] == "sen-001"
    assert len({s["name"] for s in sensors}) == 60
    assert {s["kind"] for s in sensors} == set(SENSOR_KINDS)
    for sensor in sensors:
        assert set(sensor) == {
            "id", "name", "kind", "ward", "lat", "lon", "unit", "last_result", "status", "threshold_warning",
            "threshold_alarm",
        }  # fmt: skip
        assert 0 < sensor["threshold_warning"] < sensor["threshold_alarm"]
        assert sensor["ward"] in WARD_NAMES and _in_box(sensor["lat"], sensor["lon"])
        assert set(sensor["unit"]) == {"name", "symbol", "definition"}
        assert sensor["status"] == "ok"
        assert demo_sensors.reading_status(sensor, sensor["last_result"]) == "ok"
    kim_long = next(s for s in sensors if "Kim Long" in s["name"] and s["kind"] == "water_level")
    assert kim_long["unit"]["symbol"] == "m"
    assert (kim_long["threshold_warning"], kim_long["threshold_alarm"]) == (1.0, 2.0)  # báo động I and II
    assert demo_sensors.generate_sensors(60, seed=1) == sensors
    assert len(demo_sensors.generate_sensors(130)) == 130  # more than the known sites: names stay unique
    assert len({s["name"] for s in demo_sensors.generate_sensors(130)}) == 130


def test_random_walk_stays_plausible():
    sensors = demo_sensors.generate_sensors(60, seed=3)
    rng = random.Random(5)
    bounds = {
        "water_level": (0.0, 8.0),
        "rainfall": (0.0, 200.0),
        "pm25": (2.0, 500.0),
        "temperature": (5.0, 45.0),
        "landslide_tilt": (0.0, 5.0),
    }
    t = NOW
    seen_status: Counter = Counter()
    for _step in range(300):  # 300 simulated 5-minute steps = 25 hours
        t = t + timedelta(minutes=5)
        for sensor in sensors:
            value, status = demo_sensors.next_reading(rng, sensor, t)
            low, high = bounds[sensor["kind"]]
            assert low <= value <= high, (sensor["name"], value)
            assert status in {"ok", "warning", "alarm"}
            assert status == demo_sensors.reading_status(sensor, value)
            seen_status[status] += 1
            sensor["last_result"] = value
    temps = [s["last_result"] for s in sensors if s["kind"] == "temperature"]
    assert all(10.0 <= v <= 40.0 for v in temps)
    assert seen_status["ok"] > 0


def test_river_rises_in_rain():
    sensor = next(s for s in demo_sensors.generate_sensors(60) if s["name"].startswith("Trạm thủy văn Kim Long"))
    rng = random.Random(1)
    # Pick the wettest and driest instants of a November day, then walk the river for 12 h in each.
    instants = [NOW + timedelta(minutes=10 * i) for i in range(24 * 6 * 3)]
    wet = max(instants, key=demo_sensors.rain_intensity)
    dry = min(instants, key=demo_sensors.rain_intensity)
    assert demo_sensors.rain_intensity(wet) > demo_sensors.rain_intensity(dry)

    def walk(start: datetime) -> float:
        level = dict(sensor)
        for _ in range(150):
            level["last_result"], _status = demo_sensors.next_reading(rng, level, start)
        return level["last_result"]

    # Rain raises the river, though below its warning level: only a flood takes it past that.
    assert walk(wet) > walk(dry) + 0.05
    assert walk(wet) < sensor["threshold_warning"]


def test_next_reading_rejects_bad_input():
    with pytest.raises(ValueError):
        demo_sensors.next_reading(random.Random(1), {"kind": "humidity", "last_result": 1.0}, NOW)
    with pytest.raises(ValueError):
        demo_sensors.next_reading(random.Random(1), {"kind": "rainfall", "last_result": 1.0}, datetime(2026, 1, 1))
    # A garbage last value falls back to the baseline instead of propagating NaN.
    value, _ = demo_sensors.next_reading(
        random.Random(1), {"kind": "pm25", "name": "x", "last_result": float("nan")}, NOW
    )
    assert 2.0 <= value <= 500.0


# --------------------------------------------------------------------------- reports
def test_reports_fields_and_ranges(reports):
    assert len(reports) == 5000
    services = {s.code: s.name for s in demo_reports.SERVICES}
    assert {"rac_thai", "den_duong", "lan_chiem_via_he", "ngap_ung", "o_ga", "cay_xanh", "tieng_on"} <= set(services)
    for rep in reports:
        assert rep["source"] in {"hue_s", "hotline"}
        assert rep["service_name"] == services[rep["service_code"]]
        assert rep["status"] in REPORT_STATUSES
        assert rep["ward"] in WARD_NAMES and _in_box(rep["lat"], rep["lon"])
        assert rep["ward"] in rep["address"] and rep["agency_responsible"] and rep["description"]
        for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
            assert rep[key].utcoffset() == timedelta(0)
        assert rep["requested_datetime"] <= rep["updated_datetime"] <= NOW
        assert rep["expected_datetime"] > rep["requested_datetime"]
        assert "{" not in rep["description"] and "{" not in rep["agency_responsible"]
        assert "đường Quốc lộ" not in rep["description"] and "đường đường" not in rep["description"]
    sources = Counter(r["source"] for r in reports)
    assert sources["hue_s"] > sources["hotline"] > 0
    hotline = [r for r in reports if r["source"] == "hotline"]
    assert all("1900 1075" in r["description"] for r in hotline)
    requested = [r["requested_datetime"] for r in reports]
    assert requested == sorted(requested)


def test_reports_mostly_processed(reports):
    final = sum(r["status"] in REPORT_FINAL_STATUSES for r in reports)
    assert final / len(reports) >= 0.97
    assert sum(r["status"] == "open" for r in reports) / len(reports) <= 0.02
    # Old reports are closed; whatever is still open is recent.
    old = [r for r in reports if NOW - r["requested_datetime"] > timedelta(days=30)]
    assert sum(r["status"] in REPORT_FINAL_STATUSES for r in old) / len(old) > 0.98
    assert {r["status"] for r in reports} == set(REPORT_STATUSES)


def test_reports_deterministic_and_validated():
    assert demo_reports.generate_reports(100, seed=2, now=NOW) == demo_reports.generate_reports(100, seed=2, now=NOW)
    assert demo_reports.generate_reports(100, seed=2, now=NOW) != demo_reports.generate_reports(100, seed=3, now=NOW)
    with pytest.raises(ValueError):
        demo_reports.generate_reports(10, now=datetime(2026, 11, 25))  # naive datetime
    with pytest.raises(ValueError):
        demo_reports.generate_reports(-1, now=NOW)


def test_random_report_is_open_now():
    rep = demo_reports.random_report(random.Random(3), NOW)
    assert rep["status"] == "open"
    assert rep["requested_datetime"] == NOW == rep["updated_datetime"]
    assert rep["expected_datetime"] > NOW


def test_next_report_status_only_moves_forward():
    rng = random.Random(11)
    order = {"open": 0, "action_scheduled": 1, "in_progress": 2, "closed": 3, "duplicate": 3, "not_responsible": 3}
    reached_final = Counter()
    for _ in range(500):
        status, steps = "open", 0
        while (nxt := demo_reports.next_report_status(rng, status)) is not None:
            assert nxt in REPORT_STATUSES
            assert order[nxt] > order[status], (status, nxt)
            status, steps = nxt, steps + 1
            assert steps <= 3
        assert status in REPORT_FINAL_STATUSES
        reached_final[status] += 1
    assert reached_final["closed"] > reached_final["duplicate"]
    for final in REPORT_FINAL_STATUSES:
        assert demo_reports.next_report_status(rng, final) is None
    with pytest.raises(ValueError):
        demo_reports.next_report_status(rng, "resolved")


# --------------------------------------------------------------------------- alerts
def test_alerts(alerts, cameras):
    by_id = {c["id"]: c for c in cameras}
    assert len(alerts) == 2000
    codes = {a.code: a for a in ANALYTICS}
    for alert in alerts:
        cam = by_id[alert["camera_id"]]
        assert alert["analytic"] in codes
        assert alert["severity"] in {"info", "warning", "critical"}
        assert alert["ward"] == cam["ward"] and (alert["lat"], alert["lon"]) == (cam["lat"], cam["lon"])
        assert _in_box(alert["lat"], alert["lon"])
        assert 0.5 <= alert["confidence"] <= 1.0
        x, y, w, h = alert["bbox"]
        assert 0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= 1.0 + 1e-9 and y + h <= 1.0 + 1e-9
        assert alert["state"] in ALERT_STATES
        assert (alert["close_reason"] is not None) == (alert["state"] == "closed")
        if alert["close_reason"] is not None:
            assert alert["close_reason"] in CLOSE_REASONS
        assert (alert["owner"] is None) == (alert["state"] == "new")
        assert alert["notes"] == []
        assert NOW - timedelta(days=30) <= alert["detected_at"] <= NOW
        # Detections come from a camera that watches that kind of scene.
        if codes[alert["analytic"]].category == "forest_fire":
            assert cam["category"] == "forest_fire"
    old = [a for a in alerts if NOW - a["detected_at"] > timedelta(days=2)]
    assert sum(a["state"] == "closed" for a in old) / len(old) > 0.9
    assert len({a["analytic"] for a in alerts}) == 29
    assert demo_alerts.generate_alerts(50, cameras, seed=4, now=NOW) == demo_alerts.generate_alerts(
        50, cameras, seed=4, now=NOW
    )


def test_random_alert_is_new(cameras):
    alert = demo_alerts.random_alert(random.Random(2), cameras, NOW)
    assert alert["state"] == "new" and alert["owner"] is None and alert["close_reason"] is None
    assert alert["detected_at"] == NOW
    assert alert["camera_id"] in {c["id"] for c in cameras}
    with pytest.raises(ValueError):
        demo_alerts.random_alert(random.Random(2), [], NOW)


# --------------------------------------------------------------------------- tasks & meetings
def test_tasks():
    tasks = demo_tasks.generate_tasks(40, seed=1, now=NOW)
    assert len(tasks) == 40 and len({t["title"] for t in tasks}) == 40
    for task in tasks:
        assert set(task) == {
            "title",
            "description",
            "assignee_unit",
            "status",
            "due_at",
            "created_by",
            "lat",
            "lon",
            "ward",
        }
        if task["ward"] is None:  # a weekly summary: no place
            assert task["lat"] is None and task["lon"] is None and "{" not in task["title"]
        else:  # near the centre of the ward its title names
            ward = demo_wards.WARD_BY_NAME[task["ward"]]
            assert abs(task["lat"] - ward.lat) <= 0.061 and abs(task["lon"] - ward.lon) <= 0.061
        assert task["status"] in TASK_STATUSES
        assert task["created_by"] in {"leader", "supervisor", "admin"}
        assert task["due_at"].utcoffset() == timedelta(0)
        assert "{" not in task["title"]
    assert demo_tasks.generate_tasks(40, seed=1, now=NOW) == tasks
    assert sum(t["ward"] is not None for t in tasks) >= 30
    assert any(t["ward"] == "Phường Thuận Hóa" and "Lê Lợi" in t["title"] for t in tasks)


def test_meetings():
    meetings = demo_meetings.generate_meetings(6, seed=1, now=NOW)
    assert len(meetings) == 6
    statuses = Counter(m["status"] for m in meetings)
    assert statuses["ended"] >= 1 and statuses["in_progress"] == 1 and statuses["scheduled"] >= 1
    for meeting in meetings:
        assert meeting["starts_at"] < meeting["ends_at"]
        expected = (
            "ended" if meeting["ends_at"] <= NOW else "in_progress" if meeting["starts_at"] <= NOW else "scheduled"
        )
        assert meeting["status"] == expected
        assert meeting["agenda"] and all(set(item) == {"title", "presenter"} for item in meeting["agenda"])
    assert len({m["title"] for m in demo_meetings.generate_meetings(14, now=NOW)}) == 14
