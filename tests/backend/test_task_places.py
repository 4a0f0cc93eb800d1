"""Tasks' optional place (lat, lon, ward): round trip, validation, and the demo's seeded places."""

from __future__ import annotations

from typing import Any

import pytest
from backend_testkit import Api, error_code, error_fields

from ioc_backend.demo.wards import LAT_RANGE, LON_RANGE, WARD_BY_NAME

BODY = {"title": "Khơi thông cống thoát nước kiệt 12", "description": "", "assignee_unit": "UBND phường Kim Long"}
PLACE = {"lat": 16.4571, "lon": 107.5482, "ward": "Phường Kim Long"}


def place_of(task: dict[str, Any]) -> tuple[Any, Any, Any]:
    return task["lat"], task["lon"], task["ward"]


def test_a_place_goes_in_comes_back_changes_and_is_removed(shared_api: Api) -> None:
    leader, operator = shared_api.token("leader"), shared_api.token("operator")
    created = shared_api.post("/tasks", leader, json={**BODY, **PLACE})
    assert created.status_code == 201, created.text
    task = created.json()
    assert place_of(task) == (16.4571, 107.5482, "Phường Kim Long")
    assert place_of(shared_api.get(f"/tasks/{task['id']}", operator).json()) == place_of(task)

    moved = shared_api.patch(
        f"/tasks/{task['id']}", operator, json={"version": task["version"], "lat": 16.47, "lon": 107.58}
    )
    assert moved.status_code == 200, moved.text
    assert place_of(moved.json()) == (16.47, 107.58, "Phường Kim Long")  # the ward left as it was

    cleared = shared_api.patch(
        f"/tasks/{task['id']}",
        operator,
        json={"version": moved.json()["version"], "lat": None, "lon": None, "ward": None},
    )
    assert cleared.status_code == 200, cleared.text
    assert place_of(cleared.json()) == (None, None, None)
    assert place_of(shared_api.get(f"/tasks/{task['id']}", operator).json()) == (None, None, None)


def test_a_task_without_a_place_has_none(shared_api: Api) -> None:
    created = shared_api.post("/tasks", shared_api.token("leader"), json=BODY)
    assert created.status_code == 201, created.text
    assert place_of(created.json()) == (None, None, None)
    only_ward = shared_api.post("/tasks", shared_api.token("leader"), json={**BODY, "ward": "Phường Vỹ Dạ"})
    assert place_of(only_ward.json()) == (None, None, "Phường Vỹ Dạ")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"lat": 16.46}, "body.lon"),
        ({"lon": 107.59}, "body.lat"),
        ({"lat": 16.46, "lon": None}, "body.lon"),
        ({"lat": 91, "lon": 107.59}, "body.lat"),
        ({"lat": -90.5, "lon": 107.59}, "body.lat"),
        ({"lat": 16.46, "lon": 180.01}, "body.lon"),
        ({"lat": 16.46, "lon": -181}, "body.lon"),
        ({"lat": "NaN", "lon": 107.59}, "body.lat"),
        ({"lat": 16.46, "lon": 107.59, "ward": ""}, "body.ward"),
        ({"lat": 16.46, "lon": 107.59, "ward": "x" * 101}, "body.ward"),
    ],
)
def test_half_a_place_or_one_out_of_range_is_refused(shared_api: Api, extra: dict[str, Any], field: str) -> None:
    leader = shared_api.token("leader")
    total = shared_api.get("/tasks", leader, params={"limit": 1}).json()["total"]
    r = shared_api.post("/tasks", leader, json={**BODY, **extra})
    assert r.status_code == 422, r.text
    assert error_code(r) == "validation_error" and error_fields(r) == [field]
    assert shared_api.get("/tasks", leader, params={"limit": 1}).json()["total"] == total


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"lat": 16.46}, "body.lon"),
        ({"lon": None}, "body.lat"),
        ({"lat": None, "lon": 107.59}, "body.lat"),
        ({"lat": 16.46, "lon": 200}, "body.lon"),
    ],
)
def test_a_patch_changes_both_coordinates_or_neither(shared_api: Api, extra: dict[str, Any], field: str) -> None:
    task = shared_api.post("/tasks", shared_api.token("leader"), json={**BODY, **PLACE}).json()
    operator = shared_api.token("operator")
    r = shared_api.patch(f"/tasks/{task['id']}", operator, json={"version": task["version"], **extra})
    assert r.status_code == 422, r.text
    assert error_fields(r) == [field]
    assert shared_api.get(f"/tasks/{task['id']}", operator).json() == task  # unchanged


def test_most_open_demo_tasks_have_a_place_inside_their_ward(shared_api: Api) -> None:
    items = shared_api.get("/tasks", shared_api.token("participant"), params={"limit": 1000}).json()["items"]
    seeded = [t for t in items if t["created_by"] in {"leader", "supervisor", "admin"} and t["id"] <= 40]
    assert len(seeded) == 40
    open_tasks = [t for t in seeded if t["status"] in {"todo", "in_progress"}]
    placed = [t for t in open_tasks if t["lat"] is not None]
    assert open_tasks and len(placed) > len(open_tasks) / 2
    for task in (t for t in seeded if t["lat"] is not None):
        ward = WARD_BY_NAME[task["ward"]]
        assert LAT_RANGE[0] < task["lat"] < LAT_RANGE[1] and LON_RANGE[0] < task["lon"] < LON_RANGE[1]
        # Near the ward's centre (the demo spreads places by at most 2 sigma, 0.06 degree in the mountains).
        assert abs(task["lat"] - ward.lat) <= 0.061 and abs(task["lon"] - ward.lon) <= 0.061, task
    assert all(t["lon"] is None and t["ward"] is None for t in seeded if t["lat"] is None)
