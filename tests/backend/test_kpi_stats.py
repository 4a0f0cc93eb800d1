"""GET /stats/reports, /stats/cameras, /stats/tasks, /stats/sensors (and the funnel's ward filter)
against the real backend process, every figure compared with counts made one record at a time
from the demo records in its database, for two periods and a ward; then a few reports seeded in
March 2021 (a month no demo record falls into) pin the edges by hand; and the satisfaction
rating a report is given when it is closed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alert_triage_kit import backend_db
from backend_process import BackendProcess
from backend_testkit import Api, error_code, error_fields, private_backend_fixtures
from sqlalchemy import func, select

from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_domain.statuses import REPORT_FINAL_STATUSES

backend, api = private_backend_fixtures("kpi-stats")
DAY = timedelta(days=1)
VIETNAM = timedelta(hours=7)
STATS = ("/stats/reports", "/stats/cameras", "/stats/tasks", "/stats/sensors", "/stats/alert-funnel")
LABELS = ("key", "label_vi", "label_en")


def rows_of(model: type[Any], backend: BackendProcess) -> list[Any]:
    """Every row of a table as the backend stored it (read now: earlier tests may have written)."""
    with backend_db(backend.db_path) as db, db.read() as session:
        rows = session.execute(select(model)).scalars().all()
        session.expunge_all()
        return list(rows)


def stats(api: Api, path: str, role: str = "operator", **params: Any) -> dict[str, Any]:
    r = api.get(path, api.token(role), params=params)
    assert r.status_code == 200, r.text
    return r.json()


def window(since: datetime, until: datetime) -> dict[str, str]:
    return {"since": since.isoformat(), "until": until.isoformat()}


def busiest(values: list[str]) -> str:
    return Counter(values).most_common(1)[0][0]


@pytest.fixture(scope="module")
def now() -> datetime:
    # Whole seconds: the bounds are sent and read back as ISO text.
    return datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def report_periods(now: datetime) -> dict[str, tuple[datetime, datetime]]:
    return {"last 30 days": (now - 30 * DAY, now), "100 to 200 days ago": (now - 200 * DAY, now - 100 * DAY)}


# ------------------------------------------------------------------------------ reports
def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def report_figures(reports: list[models.Report]) -> dict[str, Any]:
    """The figures of docs/API.md counted one report at a time."""
    processed = [r for r in reports if r.status in REPORT_FINAL_STATUSES]
    with_deadline = [r for r in processed if r.expected_datetime is not None]
    on_time = [r for r in with_deadline if r.updated_datetime <= r.expected_datetime]
    ratings = [r.satisfaction for r in reports if r.satisfaction is not None]
    satisfied = [x for x in ratings if x >= 4]
    return {
        "received": len(reports),
        "processed": len(processed),
        "processed_share": share(len(processed), len(reports)),
        "with_deadline": len(with_deadline),
        "on_time": len(on_time),
        "on_time_share": share(len(on_time), len(with_deadline)),
        "rated": len(ratings),
        "satisfied": len(satisfied),
        "satisfaction_share": share(len(satisfied), len(ratings)),
        "satisfaction_mean": round(sum(ratings) / len(ratings), 2) if ratings else None,
    }


def vietnam_day(moment: datetime) -> str:
    return (moment + VIETNAM).date().isoformat()


REPORT_KEYS: dict[str, Callable[[models.Report], str]] = {
    "ward": lambda r: r.ward,
    "source": lambda r: r.source,
    "day": lambda r: vietnam_day(r.requested_datetime),
}


def check_report_stats(body: dict[str, Any], reports: list[models.Report], group_by: str) -> None:
    groups: dict[str, list[models.Report]] = {}
    for report in reports:
        groups.setdefault(REPORT_KEYS[group_by](report), []).append(report)
    assert body["total"] == report_figures(reports)
    assert {row["key"] for row in body["rows"]} == set(groups)
    for row in body["rows"]:
        figures = {k: v for k, v in row.items() if k not in LABELS}
        assert figures == report_figures(groups[row["key"]]), row["key"]
    keys = [row["key"] for row in body["rows"]]
    if group_by == "day":
        assert keys == sorted(keys)
    else:
        received = [row["received"] for row in body["rows"]]
        assert received == sorted(received, reverse=True)


@pytest.mark.parametrize("period", ["last 30 days", "100 to 200 days ago"])
@pytest.mark.parametrize("group_by", ["ward", "source", "day"])
def test_report_figures_match_the_records(
    api: Api, backend: BackendProcess, report_periods: dict, period: str, group_by: str
) -> None:
    since, until = report_periods[period]
    reports = [r for r in rows_of(models.Report, backend) if since <= r.requested_datetime < until]
    assert len(reports) > 100 and any(r.satisfaction for r in reports)
    body = stats(api, "/stats/reports", **window(since, until), group_by=group_by)
    assert (body["ward"], body["source"], body["group_by"]) == (None, None, group_by)
    assert datetime.fromisoformat(body["since"]) == since and datetime.fromisoformat(body["until"]) == until
    check_report_stats(body, reports, group_by)


@pytest.mark.parametrize("period", ["last 30 days", "100 to 200 days ago"])
def test_report_figures_of_one_ward_and_one_source_match_the_records(
    api: Api, backend: BackendProcess, report_periods: dict, period: str
) -> None:
    since, until = report_periods[period]
    inside = [r for r in rows_of(models.Report, backend) if since <= r.requested_datetime < until]
    ward = busiest([r.ward for r in inside])
    of_ward = [r for r in inside if r.ward == ward]
    body = stats(api, "/stats/reports", **window(since, until), ward=ward, group_by="source")
    assert body["ward"] == ward
    check_report_stats(body, of_ward, "source")
    hotline = stats(api, "/stats/reports", **window(since, until), ward=ward, source="hotline", group_by="day")
    assert hotline["source"] == "hotline"
    check_report_stats(hotline, [r for r in of_ward if r.source == "hotline"], "day")


def test_the_demo_reports_read_like_hue(api: Api) -> None:
    # The seed's figures: over 98 % of a year's reports processed, about 92 % of ratings satisfied.
    total = stats(api, "/stats/reports", **window(datetime.now(UTC) - 365 * DAY, datetime.now(UTC) - 7 * DAY))["total"]
    assert total["processed_share"] > 0.98
    assert 0.88 <= total["satisfaction_share"] <= 0.96
    assert 0.5 < total["rated"] / total["processed"] < 0.8  # not every closed report is rated


def test_the_default_period_is_the_last_30_days_ending_now(api: Api) -> None:
    body = stats(api, "/stats/reports")
    as_of, since, until = (datetime.fromisoformat(body[k]) for k in ("as_of", "since", "until"))
    assert until == as_of and until - since == 30 * DAY
    assert abs(datetime.now(UTC) - as_of) < timedelta(minutes=5)
    assert body["group_by"] == "ward"


# ------------------------------------------------------------------------------ tasks
def task_figures(tasks: list[models.Task], as_of: datetime) -> dict[str, int]:
    def is_open(t: models.Task) -> bool:
        return t.status in ("todo", "in_progress")

    def overdue(t: models.Task) -> bool:
        return is_open(t) and t.due_at is not None and t.due_at < as_of

    return {
        "open": sum(map(is_open, tasks)),
        "done": sum(t.status == "done" for t in tasks),
        "on_time": sum(t.due_at is not None and not overdue(t) for t in tasks),
        "overdue": sum(map(overdue, tasks)),
        "no_deadline": sum(t.due_at is None for t in tasks),
    }


def counted_tasks(tasks: list[models.Task], since: datetime, until: datetime) -> list[models.Task]:
    return [t for t in tasks if t.status != "cancelled" and (t.due_at is None or since <= t.due_at < until)]


def check_task_stats(body: dict[str, Any], tasks: list[models.Task]) -> None:
    as_of = datetime.fromisoformat(body["as_of"])
    units: dict[str, list[models.Task]] = {}
    for task in tasks:
        units.setdefault(task.assignee_unit, []).append(task)
    assert body["total"] == task_figures(tasks, as_of)
    assert {row["key"] for row in body["rows"]} == set(units)
    for row in body["rows"]:
        assert row["label_vi"] == row["label_en"] == row["key"]
        assert {k: v for k, v in row.items() if k not in LABELS} == task_figures(units[row["key"]], as_of)


@pytest.mark.parametrize("days", [(-7, 7), (-30, 30)])
def test_task_figures_match_the_records(api: Api, backend: BackendProcess, now: datetime, days: tuple) -> None:
    since, until = now + days[0] * DAY, now + days[1] * DAY
    tasks = counted_tasks(rows_of(models.Task, backend), since, until)
    body = stats(api, "/stats/tasks", **window(since, until))
    assert body["group_by"] == "unit" and body["ward"] is None
    check_task_stats(body, tasks)
    # The demo has tasks overdue, done and not yet due, and one without a deadline.
    assert body["total"]["overdue"] > 0 and body["total"]["done"] > 0 and body["total"]["no_deadline"] >= 0
    ward = busiest([t.ward for t in tasks if t.ward])
    of_ward = stats(api, "/stats/tasks", **window(since, until), ward=ward)
    assert of_ward["ward"] == ward
    check_task_stats(of_ward, [t for t in tasks if t.ward == ward])


def test_tasks_without_a_deadline_count_in_every_period(api: Api, backend: BackendProcess) -> None:
    with backend_db(backend.db_path) as db, db.write() as session:
        unit = "Đội kiểm tra thử nghiệm KPI"
        for status in ("todo", "done", "cancelled"):
            task = models.Task(
                title=f"Việc không hạn ({status})", description="", assignee_unit=unit, status=status,
                due_at=None, created_by="leader", ward="Phường Thử Nghiệm KPI",
            )  # fmt: skip
            record_change(session, task, created=True)
    body = stats(api, "/stats/tasks", **window(datetime(2021, 3, 1, tzinfo=UTC), datetime(2021, 4, 1, tzinfo=UTC)))
    row = next(r for r in body["rows"] if r["key"] == unit)
    assert {k: v for k, v in row.items() if k not in LABELS} == {
        "open": 1, "done": 1, "on_time": 0, "overdue": 0, "no_deadline": 2,
    }  # fmt: skip


# ------------------------------------------------------------------------------ cameras and sensors
def status_counts(rows: list[Any], statuses: tuple[str, ...]) -> dict[str, int]:
    return {"total": len(rows), **{s: sum(r.status == s for r in rows) for s in statuses}}


@pytest.mark.parametrize("filtered", [False, True])
def test_camera_figures_match_the_records(api: Api, backend: BackendProcess, filtered: bool) -> None:
    cameras = rows_of(models.Camera, backend)
    ward = busiest([c.ward for c in cameras]) if filtered else None
    cameras = [c for c in cameras if ward is None or c.ward == ward]
    body = stats(api, "/stats/cameras", **({"ward": ward} if ward else {}))
    assert body["ward"] == ward and datetime.fromisoformat(body["as_of"])

    def figures(rows: list[models.Camera]) -> dict[str, Any]:
        counts = status_counts(rows, ("online", "degraded", "offline"))
        return {**counts, "availability_share": share(counts["online"], counts["total"])}

    assert {k: v for k, v in body.items() if k not in ("as_of", "ward", "rows")} == figures(cameras)
    wards = {c.ward for c in cameras}
    assert {row["key"] for row in body["rows"]} == wards
    for row in body["rows"]:
        assert {k: v for k, v in row.items() if k not in LABELS} == figures(
            [c for c in cameras if c.ward == row["key"]]
        )
    assert body["degraded"] + body["offline"] > 0  # the demo has cameras down: not every share is 1


@pytest.mark.parametrize("filtered", [False, True])
def test_sensor_figures_match_the_records(api: Api, backend: BackendProcess, filtered: bool) -> None:
    sensors = rows_of(models.Sensor, backend)
    ward = busiest([s.ward for s in sensors]) if filtered else None
    sensors = [s for s in sensors if ward is None or s.ward == ward]
    statuses = ("ok", "warning", "alarm", "offline")
    body = stats(api, "/stats/sensors", **({"ward": ward} if ward else {}))
    assert body["ward"] == ward
    assert {k: v for k, v in body.items() if k not in ("as_of", "ward", "rows")} == status_counts(sensors, statuses)
    assert {row["key"] for row in body["rows"]} == {s.kind for s in sensors}
    for row in body["rows"]:
        of_kind = [s for s in sensors if s.kind == row["key"]]
        assert {k: v for k, v in row.items() if k not in LABELS} == status_counts(of_kind, statuses)
    if not filtered:
        labels = {row["key"]: (row["label_vi"], row["label_en"]) for row in body["rows"]}
        assert labels["water_level"] == ("Mực nước", "Water level")


# ------------------------------------------------------------------------------ alert funnel
@pytest.mark.parametrize("days", [7, 30])
def test_the_alert_funnel_filters_on_the_ward(api: Api, backend: BackendProcess, now: datetime, days: int) -> None:
    since, until = now - days * DAY, now  # the demo's alerts are of the last weeks

    def first(a: models.Alert) -> datetime:
        return a.first_detected_at or a.detected_at

    alerts = [a for a in rows_of(models.Alert, backend) if since <= first(a) < until]
    assert alerts
    ward = busiest([a.ward for a in alerts])
    body = stats(api, "/stats/alert-funnel", **window(since, until), ward=ward, group_by="analytic")
    assert body["ward"] == ward and datetime.fromisoformat(body["as_of"])
    of_ward = [a for a in alerts if a.ward == ward]
    assert body["total"]["alerts"] == len(of_ward) < len(alerts)
    assert body["total"]["closed"] == sum(a.state == "closed" for a in of_ward)
    assert body["total"]["detected"] == sum(a.detections or 1 for a in of_ward)
    assert {row["key"]: row["alerts"] for row in body["rows"]} == dict(Counter(a.analytic for a in of_ward))
    unfiltered = stats(api, "/stats/alert-funnel", **window(since, until))
    assert unfiltered["ward"] is None and unfiltered["total"]["alerts"] == len(alerts)


# ------------------------------------------------------------------------------ edges, by hand
MARCH = datetime(2021, 3, 1, tzinfo=UTC)
EDGE_WARD = "Phường Thử Nghiệm Chỉ Số"


def seed_report(
    db: Any,
    *,
    requested: datetime,
    status: str,
    updated: datetime | None = None,
    expected: datetime | None = None,
    satisfaction: int | None = None,
    source: str = "hue_s",
) -> None:
    with db.write() as session:
        report = models.Report(
            source=source, service_code="rac_thai", service_name="Rác thải", description="Thử nghiệm",
            status=status, ward=EDGE_WARD, lat=16.46, lon=107.59, address="1 Lê Lợi", agency_responsible="HEPCO",
            requested_datetime=requested, updated_datetime=updated or requested, expected_datetime=expected,
            satisfaction=satisfaction, notes=[],
        )  # fmt: skip
        record_change(session, report, created=True)


@pytest.fixture(scope="module")
def edge_reports(backend: BackendProcess) -> None:
    h = timedelta(hours=1)
    with backend_db(backend.db_path) as db:
        # Received 1 March 17:30 UTC = 2 March 00:30 in Huế; resolved exactly at its deadline: on time.
        seed_report(db, requested=MARCH + 17.5 * h, status="closed", updated=MARCH + 40 * h,
                    expected=MARCH + 40 * h, satisfaction=5)  # fmt: skip
        # Resolved a second late; rated 3 (not satisfied).
        seed_report(db, requested=MARCH + 2 * h, status="closed", updated=MARCH + 50 * h + timedelta(seconds=1),
                    expected=MARCH + 50 * h, satisfaction=3, source="hotline")  # fmt: skip
        # Processed without a deadline; no rating.
        seed_report(db, requested=MARCH + 3 * h, status="duplicate", updated=MARCH + 4 * h)
        # Still open, past its deadline: not processed, so not in the on-time share.
        seed_report(db, requested=MARCH + 5 * h, status="in_progress", expected=MARCH + 6 * h)
        # Closed, rated 4; received on 31 March 17:00 UTC = 1 April in Huế.
        seed_report(db, requested=MARCH + 30 * DAY + 17 * h, status="closed", updated=MARCH + 31 * DAY,
                    expected=MARCH + 33 * DAY, satisfaction=4)  # fmt: skip
        # Received exactly at the end of the period: left out (the period is half-open).
        seed_report(db, requested=MARCH + 31 * DAY, status="closed", satisfaction=1)


def test_report_edges_by_hand(api: Api, edge_reports: None) -> None:
    body = stats(api, "/stats/reports", **window(MARCH, MARCH + 31 * DAY), ward=EDGE_WARD, group_by="day")
    assert body["total"] == {
        "received": 5, "processed": 4, "processed_share": 0.8, "with_deadline": 3, "on_time": 2,
        "on_time_share": 0.6667, "rated": 3, "satisfied": 2, "satisfaction_share": 0.6667, "satisfaction_mean": 4.0,
    }  # fmt: skip
    days = {row["key"]: row for row in body["rows"]}
    assert list(days) == ["2021-03-01", "2021-03-02", "2021-04-01"]
    assert (days["2021-03-02"]["received"], days["2021-03-02"]["on_time"]) == (1, 1)
    assert (days["2021-03-02"]["label_vi"], days["2021-03-02"]["label_en"]) == ("02/03/2021", "2021-03-02")
    assert days["2021-03-01"]["received"] == 3
    by_source = stats(api, "/stats/reports", **window(MARCH, MARCH + 31 * DAY), ward=EDGE_WARD, group_by="source")
    labels = {row["key"]: (row["label_vi"], row["label_en"]) for row in by_source["rows"]}
    assert labels == {"hue_s": ("Ứng dụng Hue-S", "Hue-S app"), "hotline": ("Đường dây nóng", "Hotline")}
    # No report at all: counts 0, every share and the mean null.
    empty = stats(api, "/stats/reports", **window(MARCH, MARCH + 31 * DAY), ward="Không có phường này")
    assert empty["rows"] == [] and empty["total"]["received"] == 0
    assert empty["total"]["processed_share"] is None and empty["total"]["satisfaction_mean"] is None


# ------------------------------------------------------------------------------ roles and queries
def test_participants_are_refused_and_leaders_served(api: Api) -> None:
    for path in STATS:
        refused = api.get(path, api.token("participant"))
        assert refused.status_code == 403 and error_code(refused) == "forbidden", path
        assert api.get(path).status_code == 401, path
        served = api.get(path, api.token("leader"))
        assert served.status_code == 200, path
        assert datetime.fromisoformat(served.json()["as_of"]).tzinfo is not None


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/stats/reports", {"group_by": "analytic"}, "query.group_by"),
        ("/stats/reports", {"source": "email"}, "query.source"),
        ("/stats/reports", {"since": "2021-03-02T00:00:00Z", "until": "2021-03-01T00:00:00Z"}, "query.since"),
        ("/stats/reports", {"ward": ""}, "query.ward"),
        ("/stats/tasks", {"group_by": "ward"}, "query.group_by"),
        ("/stats/tasks", {"until": "not a time"}, "query.until"),
        ("/stats/cameras", {"ward": "x" * 101}, "query.ward"),
        ("/stats/sensors", {"ward": "a\x00b"}, "query.ward"),
        ("/stats/alert-funnel", {"ward": ""}, "query.ward"),
    ],
)
def test_bad_queries_are_refused_naming_the_parameter(api: Api, path: str, params: dict, field: str) -> None:
    r = api.get(path, api.token("operator"), params=params)
    assert r.status_code == 422, r.text
    assert error_code(r) == "validation_error" and error_fields(r) == [field]


# ------------------------------------------------------------------------------ satisfaction
def report_in(api: Api, status: str) -> dict[str, Any]:
    page = api.get("/reports", api.token("operator"), params={"status": status, "limit": 1}).json()
    return page["items"][0]


def patch(api: Api, report: dict[str, Any], **body: Any) -> Any:
    return api.patch(f"/reports/{report['id']}", api.token("operator"), json={"version": report["version"], **body})


def newest_change(backend: BackendProcess) -> int:
    with backend_db(backend.db_path) as db, db.read() as session:
        return int(session.execute(select(func.max(models.ChangeEvent.id))).scalar_one())


def test_a_rating_is_given_with_the_closing_and_reaches_sync(api: Api, backend: BackendProcess) -> None:
    report = report_in(api, "in_progress")
    assert report["satisfaction"] is None
    cursor = newest_change(backend)
    closed = patch(api, report, status="closed", satisfaction=4, note="Đã xử lý xong")
    assert closed.status_code == 200, closed.text
    assert closed.json()["satisfaction"] == 4 and closed.json()["status"] == "closed"
    assert api.get(f"/reports/{report['id']}", api.token("leader")).json()["satisfaction"] == 4
    changes = api.get("/sync", api.token("operator"), params={"since": cursor}).json()["changes"]
    assert [(c["resource"], c["id"], c["data"]["satisfaction"]) for c in changes] == [("report", str(report["id"]), 4)]
    # Reopened: the rating judged the closing, so it goes.
    reopened = patch(api, closed.json(), status="in_progress")
    assert reopened.status_code == 200 and reopened.json()["satisfaction"] is None
    # Closed again without a rating: none.
    again = patch(api, reopened.json(), status="closed")
    assert again.status_code == 200 and again.json()["satisfaction"] is None


def test_a_rating_is_refused_unless_it_closes_the_report(api: Api) -> None:
    report = report_in(api, "open")
    for status in ("in_progress", "duplicate", "not_responsible"):
        r = patch(api, report, status=status, satisfaction=5)
        assert r.status_code == 422 and error_fields(r) == ["body.satisfaction"], r.text
        assert "closing" in r.json()["error"]["message"]
    already = report_in(api, "closed")
    r = patch(api, already, status="closed", satisfaction=5)
    assert r.status_code == 422 and error_fields(r) == ["body.satisfaction"]
    assert "already closed" in r.json()["error"]["message"]
    # Nothing changed on either report.
    assert api.get(f"/reports/{report['id']}", api.token("operator")).json()["version"] == report["version"]
    assert api.get(f"/reports/{already['id']}", api.token("operator")).json() == already


@pytest.mark.parametrize("value", [0, 6, -1, 4.5, "5", True, 10**20])
def test_a_rating_outside_1_to_5_is_refused(api: Api, value: Any) -> None:
    report = report_in(api, "action_scheduled")
    r = patch(api, report, status="closed", satisfaction=value)
    assert r.status_code == 422 and error_fields(r) == ["body.satisfaction"], r.text
    assert api.get(f"/reports/{report['id']}", api.token("operator")).json()["status"] == "action_scheduled"
    # The bounds themselves are ratings.
    accepted = patch(api, report, status="closed", satisfaction=1 if value in (0, -1) else 5)
    assert accepted.status_code == 200 and accepted.json()["satisfaction"] in (1, 5), accepted.text


def test_a_rating_counts_in_the_figures_at_once(api: Api, backend: BackendProcess) -> None:
    with backend_db(backend.db_path) as db:
        seed_report(db, requested=MARCH + 10 * DAY, status="in_progress", expected=MARCH + 12 * DAY)
    params = {**window(MARCH + 10 * DAY, MARCH + 11 * DAY), "ward": EDGE_WARD}
    before = stats(api, "/stats/reports", **params)["total"]
    assert (before["received"], before["processed"], before["rated"]) == (1, 0, 0)
    report = api.get("/reports", api.token("operator"), params={"ward": EDGE_WARD, "status": "in_progress"}).json()
    target = next(r for r in report["items"] if r["requested_datetime"].startswith("2021-03-11"))
    assert patch(api, target, status="closed", satisfaction=2).status_code == 200
    after = stats(api, "/stats/reports", **params)["total"]
    assert (after["processed"], after["rated"], after["satisfied"], after["satisfaction_mean"]) == (1, 1, 0, 2.0)
    assert after["on_time"] == 0  # closed now, long after its deadline in 2021
