"""GET /wards: every ward's simplified area (a Voronoi cell of the centres), from the real backend."""

from __future__ import annotations

import math

from backend_testkit import Api, error_code

from ioc_backend.demo.wards import LAT_RANGE, LON_RANGE, WARDS
from ioc_domain.ward_areas import contains_point, polygon_area


def test_every_ward_has_a_closed_cell_around_its_own_centre_only(shared_api: Api) -> None:
    r = shared_api.get("/wards", shared_api.token("leader"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["simplified"] is True
    assert "not the legal" in body["note"]
    wards = body["wards"]
    assert [w["name"] for w in wards] == [w.name for w in WARDS]
    box_area = (LAT_RANGE[1] - LAT_RANGE[0]) * (LON_RANGE[1] - LON_RANGE[0])
    total = 0.0
    for ward in wards:
        polygon = [tuple(p) for p in ward["polygon"]]
        assert ward["simplified"] is True
        assert ward["terrain"] in {"urban", "coastal", "lagoon", "rural", "mountain"}
        assert len(polygon) >= 4 and polygon[0] == polygon[-1], ward["name"]
        assert all(LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1] for lat, lon in polygon)
        assert contains_point(polygon, (ward["lat"], ward["lon"])), ward["name"]
        others = [(w["lat"], w["lon"]) for w in wards if w["name"] != ward["name"]]
        assert not any(contains_point(polygon, centre) for centre in others), ward["name"]
        total += polygon_area(polygon)
    # The cells tile the box (coordinates are rounded to 6 decimals).
    assert math.isclose(total, box_area, rel_tol=1e-5)


def test_every_ops_reader_gets_the_same_areas_and_others_are_refused(shared_api: Api) -> None:
    bodies = {role: shared_api.get("/wards", shared_api.token(role)) for role in ("operator", "supervisor", "admin")}
    assert all(r.status_code == 200 for r in bodies.values())
    assert len({r.content for r in bodies.values()}) == 1
    anonymous = shared_api.get("/wards")
    assert anonymous.status_code == 401 and error_code(anonymous) == "unauthorized"
    participant = shared_api.get("/wards", shared_api.token("participant"))
    assert participant.status_code == 403 and error_code(participant) == "forbidden"
