"""Simplified ward areas: the Voronoi cells of ward centre points, clipped to the city's box.

Pure Python (no SciPy): each cell is the box, clipped by the perpendicular bisector between its
site and every other site (Sutherland-Hodgman clipping of a convex polygon by one half-plane at a
time). Quadratic in the number of sites, which is trivial for Huế's 40 wards.

Points are ``(a, b)`` pairs (the backend passes ``(lat, lon)``); every polygon returned is a
closed ring: its last point repeats its first.
"""

from __future__ import annotations

from collections.abc import Sequence

Point = tuple[float, float]
Polygon = list[Point]
# ((min_a, max_a), (min_b, max_b)), e.g. (LAT_RANGE, LON_RANGE)
Box = tuple[tuple[float, float], tuple[float, float]]

_EPS = 1e-12


def voronoi_cells(points: Sequence[Point], box: Box, *, scale: Point = (1.0, 1.0)) -> list[Polygon]:
    """The cell of each point (in the same order): the part of ``box`` nearer to it than to any other.

    Distances are measured after multiplying each coordinate by ``scale`` (for lat/lon, ``(1,
    cos(latitude))`` makes a degree of longitude count as the shorter distance it is). Points must
    be distinct and inside the box (ValueError otherwise). Each cell is a closed ring,
    counter-clockwise in (a, b), with every vertex inside the box.
    """
    (a0, a1), (b0, b1) = box
    if not (a0 < a1 and b0 < b1):
        raise ValueError(f"empty box {box!r}")
    sa, sb = scale
    if sa <= 0 or sb <= 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    sites = [(float(a), float(b)) for a, b in points]
    for a, b in sites:
        if not (a0 <= a <= a1 and b0 <= b <= b1):
            raise ValueError(f"point {(a, b)!r} lies outside the box {box!r}")
    if len(set(sites)) != len(sites):
        raise ValueError("points must be distinct")
    # Work in scaled space, where the cells are the plain Euclidean Voronoi cells.
    scaled = [(a * sa, b * sb) for a, b in sites]
    square: Polygon = [(a0 * sa, b0 * sb), (a1 * sa, b0 * sb), (a1 * sa, b1 * sb), (a0 * sa, b1 * sb)]
    cells: list[Polygon] = []
    for i, p in enumerate(scaled):
        cell = square
        for j, q in enumerate(scaled):
            if i == j:
                continue
            # Nearer to p than to q:  2 (q - p) . x <= |q|^2 - |p|^2
            na, nb = 2 * (q[0] - p[0]), 2 * (q[1] - p[1])
            c = (q[0] ** 2 + q[1] ** 2) - (p[0] ** 2 + p[1] ** 2)
            cell = _clip(cell, na, nb, c)
            if not cell:
                break
        ring = [(_clamp(a / sa, a0, a1), _clamp(b / sb, b0, b1)) for a, b in cell]
        ring.append(ring[0])
        cells.append(ring)
    return cells


def _clip(polygon: Polygon, na: float, nb: float, c: float) -> Polygon:
    """The part of a convex polygon where ``na * a + nb * b <= c`` (Sutherland-Hodgman, one edge)."""
    out: Polygon = []
    count = len(polygon)
    for k in range(count):
        prev, cur = polygon[k - 1], polygon[k]
        dp = na * prev[0] + nb * prev[1] - c
        dc = na * cur[0] + nb * cur[1] - c
        if dc <= 0:
            if dp > 0 and dc < 0:
                out.append(_cross(prev, cur, dp, dc))
            out.append(cur)
        elif dp < 0:
            out.append(_cross(prev, cur, dp, dc))
    # Drop repeated vertices (a vertex on the line can come out twice).
    deduped: Polygon = []
    for point in out:
        if not deduped or not _same(deduped[-1], point):
            deduped.append(point)
    if len(deduped) > 1 and _same(deduped[0], deduped[-1]):
        deduped.pop()
    return deduped if len(deduped) >= 3 else []


def _cross(p: Point, q: Point, dp: float, dq: float) -> Point:
    t = dp / (dp - dq)
    return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))


def _same(p: Point, q: Point) -> bool:
    return abs(p[0] - q[0]) <= _EPS and abs(p[1] - q[1]) <= _EPS


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def polygon_area(polygon: Sequence[Point]) -> float:
    """The area of a simple polygon (shoelace formula), open or closed ring; always >= 0."""
    twice = 0.0
    count = len(polygon)
    for k in range(count):
        a1, b1 = polygon[k - 1]
        a2, b2 = polygon[k]
        twice += a1 * b2 - a2 * b1
    return abs(twice) / 2


def contains_point(polygon: Sequence[Point], point: Point) -> bool:
    """Whether ``point`` lies strictly inside a simple polygon (open or closed ring; even-odd rule).

    A point exactly on an edge may be counted either way."""
    a, b = point
    inside = False
    count = len(polygon)
    for k in range(count):
        a1, b1 = polygon[k - 1]
        a2, b2 = polygon[k]
        if (b1 > b) != (b2 > b):
            crossing = a1 + (b - b1) * (a2 - a1) / (b2 - b1)
            if a < crossing:
                inside = not inside
    return inside
