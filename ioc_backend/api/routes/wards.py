"""GET /wards: Huế's wards with simplified areas (Voronoi cells of their centres) for the map."""

from __future__ import annotations

import json
import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ioc_backend.api.auth import OPS_READ, Principal, require_role
from ioc_backend.api.schemas import responses as M
from ioc_backend.api.schemas.responses import documented
from ioc_backend.demo.wards import LAT_RANGE, LON_RANGE, WARDS
from ioc_domain.ward_areas import voronoi_cells

router = APIRouter(tags=["wards"])

NOTE = (
    "Simplified areas: each ward's polygon is the part of the city box nearer to its centre point "
    "than to any other ward's centre (a Voronoi cell). They are not the legal ward boundaries."
)


def ward_areas() -> dict[str, Any]:
    """The body of GET /wards, computed from the ward centres (the same every time)."""
    mid_lat = math.radians((LAT_RANGE[0] + LAT_RANGE[1]) / 2)
    # A degree of longitude is cos(latitude) as long as one of latitude: measure distances so.
    cells = voronoi_cells([(w.lat, w.lon) for w in WARDS], (LAT_RANGE, LON_RANGE), scale=(1.0, math.cos(mid_lat)))
    wards = [
        {
            "name": w.name,
            "lat": w.lat,
            "lon": w.lon,
            "terrain": w.terrain,
            "polygon": [[round(lat, 6), round(lon, 6)] for lat, lon in cell],
            "simplified": True,
        }
        for w, cell in zip(WARDS, cells, strict=True)
    ]
    return {"wards": wards, "simplified": True, "note": NOTE}


# Computed once at import (a few milliseconds) and served as the same bytes.
_BODY = json.dumps(ward_areas(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@router.get("/wards", response_model=None, responses=documented(M.WardAreas, 401, 403))
def list_wards(principal: Annotated[Principal, Depends(require_role(*OPS_READ))]) -> Response:
    return Response(_BODY, media_type="application/json")
