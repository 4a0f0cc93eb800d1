"""GET /stats/alert-funnel and GET /stats/alert-false-alarms against the real backend process.

Alerts with known states, verdicts, dispatches and warnings are seeded in March 2021 (a window
no demo alert falls into), and every figure the API reports is compared with counts made
directly from those records.
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alert_triage_kit import backend_db, seed_alert, seed_warning
from backend_process import BackendProcess
from backend_testkit import Api, error_code, error_fields, private_backend_fixtures
from sqlalchemy import select

from ioc_backend.db import models
from ioc_domain.analytics import ANALYTICS_BY_CODE

SINCE = datetime(2021, 3, 1, tzinfo=UTC)
UNTIL = datetime(2021, 3, 31, tzinfo=UTC)
WARD_A = "Xã Thử Nghiệm A"
WARD_B = "Phường Thử Nghiệm B"
CAMS = ("cam-0001", "cam-0002", "cam-0003")
M = timedelta(minutes=1)
S = timedelta(seconds=1)


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2021, 3, day, hour, tzinfo=UTC)


# (camera index, analytic, ward, first detected, fields of seed_alert)
SEEDS: list[tuple[int, str, str, datetime, dict[str, Any]]] = [
    # Confirmed on camera, acknowledged; it gets the published warning.
    (
        0,
        "forest_fire",
        WARD_A,
        at(2),
        {"state": "acknowledged", "verdict": "confirmed", "detections": 3, "ack_after": 60 * S},
    ),
    # Verified as a false alarm: closed as a false positive.
    (
        0,
        "forest_fire",
        WARD_A,
        at(3),
        {
            "state": "closed",
            "verdict": "false_alarm",
            "close_reason": "false_positive",
            "ack_after": 120 * S,
            "close_after": 300 * S,
        },
    ),
    # Closed as a false positive without a verdict.
    (0, "forest_fire", WARD_A, at(4), {"state": "closed", "close_reason": "false_positive", "close_after": 600 * S}),
    (0, "smoke", WARD_A, at(5), {"detections": 5}),
    # Confirmed and dispatched; only a draft warning, which must not count as warned.
    (
        1,
        "straw_burning",
        WARD_A,
        at(6),
        {"state": "in_progress", "verdict": "confirmed", "dispatch_unit": "Hạt Kiểm lâm", "ack_after": 30 * S},
    ),
    (
        1,
        "straw_burning",
        WARD_A,
        at(7),
        {
            "state": "closed",
            "verdict": "false_alarm",
            "close_reason": "false_positive",
            "ack_after": 20 * S,
            "close_after": 200 * S,
        },
    ),
    (
        1,
        "traffic_accident",
        WARD_B,
        at(8),
        {"state": "closed", "close_reason": "resolved", "ack_after": 90 * S, "close_after": 60 * M},
    ),
    (
        2,
        "traffic_accident",
        WARD_B,
        at(9),
        {"state": "in_progress", "dispatch_unit": "CSGT", "ack_after": 45 * S, "detections": 2},
    ),
    (
        2,
        "wrong_way",
        WARD_B,
        at(30, 23),
        {
            "state": "closed",
            "verdict": "confirmed",
            "close_reason": "resolved",
            "ack_after": 10 * S,
            "close_after": 100 * S,
        },
    ),
    # Outside the window: before since, and exactly at until (the window is half-open).
    (
        0,
        "forest_fire",
        WARD_A,
        datetime(2021, 2, 28, 23, 59, tzinfo=UTC),
        {"state": "closed", "verdict": "false_alarm", "close_reason": "false_positive"},
    ),
    (
        2,
        "wrong_way",
        WARD_B,
        UNTIL,
        {"state": "closed", "verdict": "confirmed", "close_reason": "resolved", "close_after": 5 * M},
    ),
]


backend, api = private_backend_fixtures("alert-stats")


@pytest.fixture(scope="module")
def seeded(backend: BackendProcess) -> dict[str, Any]:
    """The seeded alerts (API dicts), the warnings and the camera names."""
    with backend_db(backend.db_path) as db:
        alerts = [
            seed_alert(db, camera_id=CAMS[cam], analytic=analytic, ward=ward, first_detected_at=first, **fields)
            for cam, analytic, ward, first, fields in SEEDS
        ]
        published = seed_warning(db, alerts[0]["id"], state="published", at=at(2, 9))
        draft = seed_warning(db, alerts[4]["id"], state="draft", at=at(6, 9))
        # A published warning on an alert outside the window changes nothing inside it.
        seed_warning(db, alerts[9]["id"], state="published", at=at(1))
        with db.read() as session:
            names = {c.id: c.name for c in session.execute(select(models.Camera)).scalars()}
    return {"alerts": alerts, "published": published, "draft": draft, "names": names}


def funnel(api: Api, role: str = "operator", **params: Any) -> Any:
    return api.get("/stats/alert-funnel", api.token(role), params=params)


def window_params(**extra: Any) -> dict[str, Any]:
    return {"since": SINCE.isoformat(), "until": UNTIL.isoformat(), **extra}


def in_window(alert: dict[str, Any]) -> bool:
    return SINCE <= datetime.fromisoformat(alert["first_detected_at"]) < UNTIL


def seconds_between(start: str, end: str | None) -> float | None:
    return None if end is None else (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def expected_figures(alerts: list[dict[str, Any]], warned_ids: set[int]) -> dict[str, Any]:
    """The funnel of ``alerts`` counted one record at a time, as docs/API.md defines it."""
    verdicts = [(a["verification"] or {}).get("verdict") for a in alerts]
    acks = [s for a in alerts if (s := seconds_between(a["first_detected_at"], a["acknowledged_at"])) is not None]
    closes = [s for a in alerts if (s := seconds_between(a["first_detected_at"], a["closed_at"])) is not None]
    return {
        "detected": sum(a["detections"] for a in alerts),
        "alerts": len(alerts),
        "confirmed": verdicts.count("confirmed"),
        "false_alarms": sum(
            1
            for a, v in zip(alerts, verdicts, strict=True)
            if v == "false_alarm" or a["close_reason"] == "false_positive"
        ),
        "warned": sum(1 for a in alerts if a["id"] in warned_ids),
        "dispatched": sum(1 for a in alerts if a["dispatch"] is not None),
        "closed": sum(1 for a in alerts if a["state"] == "closed"),
        "median_ack_s": statistics.median(acks) if acks else None,
        "median_close_s": statistics.median(closes) if closes else None,
    }


def category(alert: dict[str, Any]) -> str:
    return ANALYTICS_BY_CODE[alert["analytic"]].category


KEYS = {"analytic": lambda a: a["analytic"], "category": category, "ward": lambda a: a["ward"]}


@pytest.mark.parametrize("group_by", ["analytic", "category", "ward"])
def test_funnel_rows_and_total_match_the_records(api: Api, seeded: dict[str, Any], group_by: str) -> None:
    r = funnel(api, **window_params(group_by=group_by))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["group_by"] == group_by
    assert datetime.fromisoformat(body["since"]) == SINCE and datetime.fromisoformat(body["until"]) == UNTIL
    inside = [a for a in seeded["alerts"] if in_window(a)]
    warned = {seeded["published"]["alert_id"]}
    key_of = KEYS[group_by]
    groups: dict[str, list[dict[str, Any]]] = {}
    for alert in inside:
        groups.setdefault(key_of(alert), []).append(alert)
    assert {row["key"] for row in body["rows"]} == set(groups)
    for row in body["rows"]:
        figures = {k: v for k, v in row.items() if k not in {"key", "label_vi", "label_en"}}
        assert figures == expected_figures(groups[row["key"]], warned), row["key"]
    assert body["total"] == expected_figures(inside, warned)
    # Largest groups first.
    assert [row["alerts"] for row in body["rows"]] == sorted((row["alerts"] for row in body["rows"]), reverse=True)


def test_funnel_totals_by_hand(api: Api, seeded: dict[str, Any]) -> None:
    """The same figures written out, so a mistake shared by the API and the counting above shows."""
    total = funnel(api, **window_params(group_by="category")).json()["total"]
    assert total == {
        "detected": 3 + 1 + 1 + 5 + 1 + 1 + 1 + 2 + 1,
        "alerts": 9,
        "confirmed": 3,
        "false_alarms": 3,  # two false-alarm verdicts, one false-positive close without a verdict
        "warned": 1,  # the draft warning does not count, nor the warning outside the window
        "dispatched": 2,
        "closed": 5,
        "median_ack_s": 45.0,  # of 10, 20, 30, 45, 60, 90, 120 s
        "median_close_s": 300.0,  # of 100, 200, 300, 600, 3600 s
    }


def test_funnel_labels(api: Api, seeded: dict[str, Any]) -> None:
    by_category = {r["key"]: r for r in funnel(api, **window_params(group_by="category")).json()["rows"]}
    assert (by_category["forest_fire"]["label_vi"], by_category["forest_fire"]["label_en"]) == (
        "Phòng cháy chữa cháy rừng",
        "Forest fire prevention",
    )
    assert [r["key"] for r in by_category.values()] == ["forest_fire", "traffic"]
    by_analytic = {r["key"]: r for r in funnel(api, **window_params(group_by="analytic")).json()["rows"]}
    assert (by_analytic["forest_fire"]["label_vi"], by_analytic["forest_fire"]["label_en"]) == (
        "Cháy rừng",
        "Forest fire",
    )
    by_ward = {r["key"]: r for r in funnel(api, **window_params(group_by="ward")).json()["rows"]}
    assert by_ward[WARD_A]["label_vi"] == by_ward[WARD_A]["label_en"] == WARD_A


def test_funnel_window_bounds(api: Api, seeded: dict[str, Any]) -> None:
    # One day: only the alert first detected on 2 March.
    day = funnel(api, since="2021-03-02T00:00:00+00:00", until="2021-03-03T00:00:00+00:00").json()
    assert day["total"]["alerts"] == 1 and day["total"]["warned"] == 1 and day["total"]["detected"] == 3
    # A bound with another offset is the same instant in UTC: 07:00+07:00 is 00:00Z.
    same = funnel(api, since="2021-03-02T07:00:00+07:00", until="2021-03-03T07:00:00+07:00").json()
    assert same["total"] == day["total"]
    assert datetime.fromisoformat(same["since"]) == datetime(2021, 3, 2, tzinfo=UTC)
    # A bound without an offset is read as UTC.
    naive = funnel(api, since="2021-03-02T00:00:00", until="2021-03-03T00:00:00").json()
    assert (naive["since"], naive["total"]) == (day["since"], day["total"])
    # An empty window: no rows, zero counts, no medians.
    empty = funnel(api, since="2019-01-01T00:00:00Z", until="2019-02-01T00:00:00Z").json()
    assert empty["rows"] == []
    assert empty["total"]["alerts"] == 0 and empty["total"]["median_ack_s"] is None


def test_funnel_default_window_is_the_last_30_days_of_the_records(api: Api, backend: BackendProcess) -> None:
    body = funnel(api, group_by="analytic").json()
    since, until = datetime.fromisoformat(body["since"]), datetime.fromisoformat(body["until"])
    assert until - since == timedelta(days=30)
    assert abs((datetime.now(UTC) - until).total_seconds()) < 60
    with backend_db(backend.db_path) as db, db.read() as session:
        rows = session.execute(
            select(models.Alert.first_detected_at, models.Alert.detected_at, models.Alert.detections)
        )
        inside = [n or 1 for first, detected, n in rows if since <= (first or detected) < until]
    assert body["total"]["alerts"] == len(inside) > 0  # the demo's alerts are recent
    assert body["total"]["detected"] == sum(inside)
    assert sum(r["alerts"] for r in body["rows"]) == body["total"]["alerts"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"group_by": "camera"}, "query.group_by"),
        ({"since": "2021-03-05T00:00:00Z", "until": "2021-03-01T00:00:00Z"}, "query.since"),
        ({"since": "2021-03-01T00:00:00Z", "until": "2021-03-01T00:00:00Z"}, "query.since"),
        ({"since": "yesterday"}, "query.since"),
    ],
)
def test_funnel_refuses_bad_parameters(api: Api, params: dict[str, str], field: str) -> None:
    r = funnel(api, **params)
    assert r.status_code == 422, r.text
    assert error_code(r) == "validation_error"
    assert field in error_fields(r)


@pytest.mark.parametrize(
    ("role", "status"), [("operator", 200), ("leader", 200), ("supervisor", 200), ("admin", 200), ("participant", 403)]
)
def test_funnel_roles(api: Api, role: str, status: int) -> None:
    assert funnel(api, role, **window_params()).status_code == status  # fmt: skip


def false_alarms(api: Api, role: str = "supervisor", **params: Any) -> Any:
    return api.get("/stats/alert-false-alarms", api.token(role), params=params)


def test_false_alarms_per_camera_and_analytic(api: Api, seeded: dict[str, Any]) -> None:
    r = false_alarms(api, **window_params())
    assert r.status_code == 200, r.text
    body = r.json()
    assert datetime.fromisoformat(body["since"]) == SINCE and datetime.fromisoformat(body["until"]) == UNTIL
    assert abs((datetime.now(UTC) - datetime.fromisoformat(body["as_of"])).total_seconds()) < 60
    expected: dict[tuple[str, str], list[int]] = {}
    for alert in seeded["alerts"]:
        if in_window(alert):
            false = (alert["verification"] or {}).get("verdict") == "false_alarm" or alert[
                "close_reason"
            ] == "false_positive"
            counts = expected.setdefault((alert["camera_id"], alert["analytic"]), [0, 0])
            counts[0] += 1
            counts[1] += int(false)
    got = {(r["camera_id"], r["analytic"]): r for r in body["rows"]}
    assert set(got) == set(expected)
    for pair, (alerts, false) in expected.items():
        row = got[pair]
        assert (row["alerts"], row["false_alarms"]) == (alerts, false), pair
        assert row["share"] == pytest.approx(false / alerts, abs=1e-4)
        assert row["camera_name"] == seeded["names"][pair[0]]
    # The worst detector first: 2 of 3 forest-fire alerts on the first camera were false.
    assert [(r["camera_id"], r["analytic"]) for r in body["rows"][:2]] == [
        (CAMS[0], "forest_fire"),
        (CAMS[1], "straw_burning"),
    ]
    shares = [r["share"] for r in body["rows"]]
    assert shares == sorted(shares, reverse=True)


def test_false_alarms_min_alerts(api: Api, seeded: dict[str, Any]) -> None:
    rows = false_alarms(api, **window_params(min_alerts=2)).json()["rows"]
    # Detectors with a single alert are left out, however that alert was judged.
    assert [(r["camera_id"], r["analytic"], r["alerts"], r["false_alarms"]) for r in rows] == [
        (CAMS[0], "forest_fire", 3, 2),
        (CAMS[1], "straw_burning", 2, 1),
    ]
    r = false_alarms(api, **window_params(min_alerts=0))
    assert r.status_code == 422 and "query.min_alerts" in error_fields(r)


@pytest.mark.parametrize(
    ("role", "status"), [("supervisor", 200), ("admin", 200), ("operator", 403), ("leader", 403), ("participant", 403)]
)
def test_false_alarm_roles(api: Api, role: str, status: int) -> None:
    r = false_alarms(api, role, **window_params())
    assert r.status_code == status, r.text  # fmt: skip
    if status == 403:
        assert error_code(r) == "forbidden"


def test_an_analytic_the_catalogue_lacks_still_counts(api: Api, backend: BackendProcess) -> None:
    """Alerts of a newer AI engine's analytic count under its code, and under the category "other"."""
    first = datetime(2021, 4, 10, 8, tzinfo=UTC)
    with backend_db(backend.db_path) as db:
        seed_alert(db, camera_id=CAMS[0], analytic="drone_sighting", severity="info", first_detected_at=first)
    april = {"since": "2021-04-01T00:00:00Z", "until": "2021-05-01T00:00:00Z"}
    (by_category,) = funnel(api, group_by="category", **april).json()["rows"]
    assert (by_category["key"], by_category["label_vi"], by_category["label_en"]) == ("other", "Khác", "Other")
    assert by_category["alerts"] == 1
    (by_analytic,) = funnel(api, group_by="analytic", **april).json()["rows"]
    assert (by_analytic["key"], by_analytic["label_vi"], by_analytic["label_en"]) == ("drone_sighting",) * 3
