"""Map geometry: distances, point in polygon and circle, the nearest points."""

from __future__ import annotations

import pytest

from ioc_domain.geo import haversine_km, inside_shape, nearest, point_in_polygon

# Huế: the Citadel's flag tower and Trường Tiền bridge, about 1.2 km apart.
FLAG_TOWER = (16.4668, 107.5794)
TRUONG_TIEN = (16.4674, 107.5905)
SQUARE = [[16.40, 107.50], [16.40, 107.60], [16.50, 107.60], [16.50, 107.50]]


def test_haversine_known_distances():
    assert haversine_km(*FLAG_TOWER, *FLAG_TOWER) == 0
    # One degree of latitude is about 111.2 km anywhere.
    assert haversine_km(16.0, 107.0, 17.0, 107.0) == pytest.approx(111.19, abs=0.05)
    assert haversine_km(*FLAG_TOWER, *TRUONG_TIEN) == pytest.approx(1.185, abs=0.01)
    # Hà Nội – Huế – symmetric.
    a = haversine_km(21.0285, 105.8542, 16.4637, 107.5909)
    assert a == pytest.approx(haversine_km(16.4637, 107.5909, 21.0285, 105.8542))
    assert 530 < a < 550


@pytest.mark.parametrize("closed", [False, True])
def test_point_in_polygon_open_or_closed(closed):
    polygon = SQUARE + [SQUARE[0]] if closed else SQUARE
    assert point_in_polygon(16.45, 107.55, polygon)
    assert not point_in_polygon(16.55, 107.55, polygon)
    assert not point_in_polygon(16.45, 107.65, polygon)
    assert not point_in_polygon(16.35, 107.45, polygon)


def test_point_in_a_concave_polygon():
    # A "U": the notch between the arms is outside.
    u_shape = [[0, 0], [0, 3], [3, 3], [3, 2], [1, 2], [1, 1], [3, 1], [3, 0]]
    assert point_in_polygon(0.5, 1.5, u_shape)  # the base
    assert point_in_polygon(2, 0.5, u_shape)  # an arm
    assert not point_in_polygon(2, 1.5, u_shape)  # the notch


def test_inside_circle_and_polygon():
    circle = {"circle": {"lat": FLAG_TOWER[0], "lon": FLAG_TOWER[1], "radius_km": 1.2}}
    assert inside_shape(*TRUONG_TIEN, circle)
    assert not inside_shape(*TRUONG_TIEN, {"circle": {**circle["circle"], "radius_km": 1.0}})
    assert inside_shape(16.45, 107.55, {"polygon": SQUARE})
    assert not inside_shape(16.6, 107.55, {"polygon": SQUARE})


@pytest.mark.parametrize(
    "shape",
    [
        {},
        {"circle": {"lat": 16.4, "lon": 107.5}},
        {"circle": {"lat": "16.4", "lon": 107.5, "radius_km": 1}},
        {"circle": {"lat": 16.4, "lon": 107.5, "radius_km": -1}},
        {"circle": [16.4, 107.5, 1]},
        {"polygon": [[16.4, 107.5], [16.5, 107.6]]},
        {"polygon": [[16.4, 107.5], [16.5, 107.6], [16.4, 107.5]]},
        {"polygon": [[16.4, 107.5], [16.5], [16.5, 107.6]]},
        {"polygon": "16.4,107.5"},
        {"polygon": SQUARE, "circle": {"lat": 16.4, "lon": 107.5, "radius_km": 1}},
        [[16.4, 107.5]],
    ],
)
def test_malformed_shapes_are_refused(shape):
    with pytest.raises(ValueError):
        inside_shape(16.45, 107.55, shape)


def test_nearest_first_and_at_most_n():
    points = [
        ("far", 16.60, 107.70),
        ("bridge", *TRUONG_TIEN),
        ("tower", *FLAG_TOWER),
        ("mid", 16.50, 107.60),
    ]
    found = nearest(iter(points), *FLAG_TOWER, 3)
    assert [key for key, _ in found] == ["tower", "bridge", "mid"]
    assert found[0][1] == 0
    assert found[1][1] == pytest.approx(haversine_km(*FLAG_TOWER, *TRUONG_TIEN))
    assert nearest(points, *FLAG_TOWER, 10)[-1][0] == "far"
    assert nearest(points, *FLAG_TOWER, 0) == []
    assert nearest([], *FLAG_TOWER, 5) == []
