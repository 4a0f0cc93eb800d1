"""Simplified ward areas: Voronoi cells clipped to a box, checked against brute-force nearest sites."""

from __future__ import annotations

import math
import random

import pytest

from ioc_domain.ward_areas import contains_point, polygon_area, voronoi_cells

BOX = ((0.0, 4.0), (0.0, 2.0))


def test_area_and_containment_of_known_shapes() -> None:
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]
    assert polygon_area(square) == 4.0
    assert polygon_area([*square, square[0]]) == 4.0  # a closed ring too
    assert polygon_area(list(reversed(square))) == 4.0  # either orientation
    assert polygon_area([(0.0, 0.0), (3.0, 0.0), (0.0, 4.0)]) == 6.0
    assert contains_point(square, (1.0, 1.0))
    assert not contains_point(square, (3.0, 1.0))
    assert not contains_point(square, (1.0, -0.5))
    # A concave "L": the notch is outside.
    ell = [(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 2.0), (0.0, 2.0)]
    assert contains_point(ell, (0.5, 1.5))
    assert not contains_point(ell, (1.5, 1.5))


def test_one_point_gets_the_whole_box_as_a_closed_ring() -> None:
    [cell] = voronoi_cells([(1.0, 1.0)], BOX)
    assert cell[0] == cell[-1]
    assert sorted(set(cell)) == [(0.0, 0.0), (0.0, 2.0), (4.0, 0.0), (4.0, 2.0)]
    assert polygon_area(cell) == 8.0


def test_two_points_split_the_box_at_their_bisector() -> None:
    left, right = voronoi_cells([(1.0, 1.0), (3.0, 1.0)], BOX)
    assert sorted(set(left)) == [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0), (2.0, 2.0)]
    assert sorted(set(right)) == [(2.0, 0.0), (2.0, 2.0), (4.0, 0.0), (4.0, 2.0)]
    assert polygon_area(left) == polygon_area(right) == 4.0


def test_cells_are_the_nearest_site_regions_of_random_points() -> None:
    rng = random.Random(7)
    sites = [(rng.uniform(0, 4), rng.uniform(0, 2)) for _ in range(40)]
    cells = voronoi_cells(sites, BOX)
    assert len(cells) == len(sites)
    assert math.isclose(sum(polygon_area(c) for c in cells), 8.0, rel_tol=1e-9)
    for site, cell in zip(sites, cells, strict=True):
        assert cell[0] == cell[-1] and len(cell) >= 4
        assert all(0.0 <= a <= 4.0 and 0.0 <= b <= 2.0 for a, b in cell)
        assert contains_point(cell, site)
    # Every probe lies in the cell of its nearest site (brute force), and in no other.
    for _ in range(2000):
        probe = (rng.uniform(0, 4), rng.uniform(0, 2))
        distances = sorted((math.dist(probe, s), k) for k, s in enumerate(sites))
        if distances[1][0] - distances[0][0] < 1e-9:
            continue  # on a bisector: either cell
        holders = [k for k, cell in enumerate(cells) if contains_point(cell, probe)]
        assert holders == [distances[0][1]]


def test_scale_measures_one_axis_shorter() -> None:
    # The probe is 0.3 from A and 0.7 from B in a, 0.8 from A and 0 from B in b: nearer B plainly,
    # nearer A when a unit of b counts for a third.
    sites = [(1.0, 1.0), (2.0, 1.8)]
    probe = (1.3, 1.8)
    plain = voronoi_cells(sites, BOX)
    scaled = voronoi_cells(sites, BOX, scale=(1.0, 1 / 3))
    assert contains_point(plain[1], probe) and not contains_point(plain[0], probe)
    assert contains_point(scaled[0], probe) and not contains_point(scaled[1], probe)
    assert math.isclose(polygon_area(scaled[0]) + polygon_area(scaled[1]), 8.0)


def test_no_points_and_bad_input() -> None:
    assert voronoi_cells([], BOX) == []
    with pytest.raises(ValueError, match="outside"):
        voronoi_cells([(5.0, 1.0)], BOX)
    with pytest.raises(ValueError, match="distinct"):
        voronoi_cells([(1.0, 1.0), (1.0, 1.0)], BOX)
    with pytest.raises(ValueError, match="empty box"):
        voronoi_cells([(1.0, 1.0)], ((1.0, 1.0), (0.0, 2.0)))
