"""Plain geometry on the map's records: great-circle distance, point in polygon or circle, nearest points.

Qt-free, shared by the map workspace (markers inside a drawn shape, nearest cameras) and its panels.
A shape is the mapping the map draws and a CAP warning area carries:
``{"circle": {"lat", "lon", "radius_km"}}`` or ``{"polygon": [[lat, lon], ...]}``.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

#: The mean Earth radius (IUGG), in km: good to well under 1 % at city scale.
EARTH_RADIUS_KM = 6371.0088

Key = TypeVar("Key")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points (degrees), in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _vertices(polygon: Any) -> list[tuple[float, float]]:
    """The polygon's [lat, lon] vertices as floats, the closing repeat dropped; ValueError if malformed."""
    if isinstance(polygon, (str, bytes)) or not isinstance(polygon, Sequence):
        raise ValueError("a polygon is a list of [lat, lon] points")
    points: list[tuple[float, float]] = []
    for vertex in polygon:
        if isinstance(vertex, (str, bytes)) or not isinstance(vertex, Sequence) or len(vertex) != 2:
            raise ValueError(f"a polygon vertex is [lat, lon], not {vertex!r}")
        points.append((_number(vertex[0], "lat"), _number(vertex[1], "lon")))
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        raise ValueError("a polygon needs at least three distinct vertices")
    return points


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, not {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite")
    return number


def point_in_polygon(lat: float, lon: float, polygon: Sequence[Sequence[float]]) -> bool:
    """True when (lat, lon) is inside ``polygon`` ([[lat, lon], ...], closed or not), by ray casting.

    Treats coordinates as planar, which is exact enough for a polygon drawn over a city. A point
    exactly on an edge may fall on either side.
    """
    points = _vertices(polygon)
    inside = False
    j = len(points) - 1
    for i in range(len(points)):
        lat_i, lon_i = points[i]
        lat_j, lon_j = points[j]
        if (lat_i > lat) != (lat_j > lat):
            crossing = lon_i + (lat - lat_i) * (lon_j - lon_i) / (lat_j - lat_i)
            if lon < crossing:
                inside = not inside
        j = i
    return inside


def inside_shape(lat: float, lon: float, shape: Mapping[str, Any]) -> bool:
    """True when (lat, lon) lies in ``shape`` (a circle or a polygon); ValueError on a malformed shape."""
    if not isinstance(shape, Mapping):
        raise ValueError("a shape is a mapping with a circle or a polygon")
    if "circle" in shape and "polygon" not in shape:
        circle = shape["circle"]
        if not isinstance(circle, Mapping):
            raise ValueError("a circle is a mapping of lat, lon and radius_km")
        try:
            centre_lat = _number(circle["lat"], "lat")
            centre_lon = _number(circle["lon"], "lon")
            radius = _number(circle["radius_km"], "radius_km")
        except KeyError as exc:
            raise ValueError(f"a circle needs {exc.args[0]}") from None
        if radius < 0:
            raise ValueError("a circle's radius cannot be negative")
        return haversine_km(centre_lat, centre_lon, lat, lon) <= radius
    if "polygon" in shape and "circle" not in shape:
        return point_in_polygon(lat, lon, shape["polygon"])
    raise ValueError("a shape has exactly one of 'circle' and 'polygon'")


def nearest(points: Iterable[tuple[Key, float, float]], lat: float, lon: float, n: int) -> list[tuple[Key, float]]:
    """The ``n`` points (id, lat, lon) nearest to (lat, lon), nearest first, as (id, distance in km)."""
    if n <= 0:
        return []
    distances = ((key, haversine_km(lat, lon, p_lat, p_lon)) for key, p_lat, p_lon in points)
    return heapq.nsmallest(n, distances, key=lambda pair: pair[1])
