"""Checks of a public warning's request body (``POST /warnings``, ``PATCH /warnings/{id}``) before
it is queued in the outbox.

The backend validates the same rules (docs/API.md "Warnings"); checking here too means an
editor cannot queue a warning the server is certain to refuse, which the operator would only
learn about later, perhaps offline. The result is a plain JSON copy (no datetimes, no models),
because the outbox stores the body as JSON. Errors are ``ValueError`` in English, for logs: the
editor checks the same things in the operator's language first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any, get_args

from backend_client.api.models import CapCategory, CapCertainty, CapSeverity, CapUrgency

MSG_TYPES = ("Alert", "Update", "Cancel")
STATUSES = ("Actual", "Exercise", "Test")  # what a warning drafted here may be sent as
SCOPES = ("Public",)
CATEGORIES: tuple[str, ...] = get_args(CapCategory)
URGENCIES: tuple[str, ...] = get_args(CapUrgency)
SEVERITIES: tuple[str, ...] = get_args(CapSeverity)
CERTAINTIES: tuple[str, ...] = get_args(CapCertainty)
REQUIRED_LANGUAGE = "vi-VN"
MAX_INFO_BLOCKS = 4
MIN_POLYGON_POINTS = 3  # the backend closes the ring on the first point for CAP
BODY_FIELDS = frozenset({"alert_id", "msg_type", "references_id", "status", "scope", "info", "area"})
#: What ``PATCH /warnings/{id}`` may change on a draft (besides the version it is based on).
EDITABLE_FIELDS = ("info", "area", "status")
_INFO_TEXTS = ("event", "headline", "description", "instruction")
_INFO_FIELDS = frozenset({"language", "category", "urgency", "severity", "certainty", "sender_name", "expires"})


def _plain(value: Any) -> Any:
    # A model (WarningInfo, WarningArea) is accepted as what it would be on the wire.
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} needs some text.")
    return value.strip()


def _choice(value: Any, allowed: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {', '.join(allowed)}.")
    return value


def _positive_id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{what} must be a positive integer, not {value!r}.")
    return value


def _number(value: Any, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} must be a number, not {value!r}.")
    if not low <= value <= high:
        raise ValueError(f"{what} must be between {low:g} and {high:g}, not {value!r}.")
    return float(value)


def _point(value: Any, what: str) -> list[float]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError(f"{what} must be a [lat, lon] pair, not {value!r}.")
    return [_number(value[0], f"{what} latitude", -90, 90), _number(value[1], f"{what} longitude", -180, 180)]


def _expires(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("An info block's expiry must have a time zone.")
        return value.isoformat()
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"An info block's expiry {value!r} is not an ISO 8601 time.") from None
        if parsed.tzinfo is None:
            raise ValueError("An info block's expiry must have a time zone.")
        return value
    raise ValueError(f"An info block's expiry must be a time, not {value!r}.")


def check_info_block(block: Any, index: int = 0) -> dict[str, Any]:
    """One ``info`` block as it will be sent; ValueError naming what is wrong."""
    block = _plain(block)
    where = f"Info block {index + 1}"
    if not isinstance(block, Mapping):
        raise ValueError(f"{where} must be an object.")
    unknown = sorted(set(block) - _INFO_FIELDS - set(_INFO_TEXTS))
    if unknown:
        raise ValueError(f"{where} has unknown fields {unknown}.")
    out: dict[str, Any] = {"language": _text(block.get("language"), f"{where}'s language")}
    category = block.get("category")
    if not isinstance(category, (list, tuple)) or not category:
        raise ValueError(f"{where} needs at least one CAP category.")
    out["category"] = [_choice(c, CATEGORIES, f"{where}'s category") for c in category]
    for name in _INFO_TEXTS:
        out[name] = _text(block.get(name), f"{where}'s {name}")
    out["urgency"] = _choice(block.get("urgency"), URGENCIES, f"{where}'s urgency")
    out["severity"] = _choice(block.get("severity"), SEVERITIES, f"{where}'s severity")
    out["certainty"] = _choice(block.get("certainty"), CERTAINTIES, f"{where}'s certainty")
    if block.get("sender_name") is not None:
        out["sender_name"] = _text(block.get("sender_name"), f"{where}'s sender name")
    if block.get("expires") is not None:
        out["expires"] = _expires(block.get("expires"))
    return out


def check_info(info: Any) -> list[dict[str, Any]]:
    """The ``info`` list: 1..4 blocks, one per language, Vietnamese among them."""
    if not isinstance(info, (list, tuple)) or not 1 <= len(info) <= MAX_INFO_BLOCKS:
        raise ValueError(f"A warning needs 1 to {MAX_INFO_BLOCKS} info blocks.")
    blocks = [check_info_block(block, index) for index, block in enumerate(info)]
    languages = [block["language"] for block in blocks]
    if len(set(languages)) != len(languages):
        raise ValueError(f"Each info block needs its own language, not {languages}.")
    if REQUIRED_LANGUAGE not in languages:
        raise ValueError(f"A warning needs a {REQUIRED_LANGUAGE} info block (it has {languages}).")
    return blocks


def check_area(area: Any) -> dict[str, Any]:
    """The ``area``: a description and a polygon of [lat, lon] points and/or a circle."""
    area = _plain(area)
    if not isinstance(area, Mapping):
        raise ValueError("A warning's area must be an object.")
    unknown = sorted(set(area) - {"description", "polygon", "circle"})
    if unknown:
        raise ValueError(f"The area has unknown fields {unknown}.")
    out: dict[str, Any] = {"description": _text(area.get("description"), "The area's description")}
    polygon, circle = area.get("polygon"), area.get("circle")
    if polygon is None and circle is None:
        raise ValueError("The area needs a polygon or a circle, so it can be shown on the map.")
    if polygon is not None:
        if not isinstance(polygon, (list, tuple)) or len(polygon) < MIN_POLYGON_POINTS:
            raise ValueError(f"The area's polygon needs at least {MIN_POLYGON_POINTS} points.")
        out["polygon"] = [_point(p, f"Polygon point {i + 1}") for i, p in enumerate(polygon)]
    else:
        out["polygon"] = None
    if circle is not None:
        if not isinstance(circle, Mapping):
            raise ValueError("The area's circle must be an object with lat, lon and radius_km.")
        out["circle"] = {
            "lat": _number(circle.get("lat"), "The circle's latitude", -90, 90),
            "lon": _number(circle.get("lon"), "The circle's longitude", -180, 180),
            "radius_km": _number(circle.get("radius_km"), "The circle's radius", 0, 20_000),
        }
        if out["circle"]["radius_km"] <= 0:
            raise ValueError("The circle's radius must be more than 0 km.")
    else:
        out["circle"] = None
    return out


def check_create_body(body: Any) -> dict[str, Any]:
    """The body of ``POST /warnings`` as it will be queued; ValueError when the server would refuse it."""
    if not isinstance(body, Mapping):
        raise ValueError("A warning must be described by an object.")
    unknown = sorted(set(body) - BODY_FIELDS)
    if unknown:
        raise ValueError(f"A warning has no fields {unknown}; allowed: {', '.join(sorted(BODY_FIELDS))}.")
    msg_type = _choice(body.get("msg_type", "Alert"), MSG_TYPES, "Message type")
    references_id = body.get("references_id")
    if msg_type == "Alert":
        if references_id is not None:
            raise ValueError("A new warning (Alert) refers to no earlier warning.")
    else:
        references_id = _positive_id(references_id, f"An {msg_type} needs the published warning it replaces; its id")
    alert_id = body.get("alert_id")
    return {
        "alert_id": None if alert_id is None else _positive_id(alert_id, "The alert id"),
        "msg_type": msg_type,
        "references_id": references_id,
        "status": _choice(body.get("status", "Actual"), STATUSES, "Status"),
        "scope": _choice(body.get("scope", "Public"), SCOPES, "Scope"),
        "info": check_info(body.get("info")),
        "area": check_area(body.get("area")),
    }


def check_update_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The changed fields of a ``PATCH /warnings/{id}`` (without the version)."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"A draft warning cannot change {unknown}; editable: {', '.join(EDITABLE_FIELDS)}.")
    if not fields:
        raise ValueError("Changing a warning needs at least one of " + ", ".join(EDITABLE_FIELDS) + ".")
    out: dict[str, Any] = {}
    if "info" in fields:
        out["info"] = check_info(fields["info"])
    if "area" in fields:
        out["area"] = check_area(fields["area"])
    if "status" in fields:
        out["status"] = _choice(fields["status"], STATUSES, "Status")
    return out
