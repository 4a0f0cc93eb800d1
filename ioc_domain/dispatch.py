"""Units an alert can be dispatched to, most relevant first for the alert's analytic category."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ioc_domain.analytics import ANALYTICS

# Official Vietnamese names of the city's forces: data (like ward names), never translated.
FOREST_RANGERS = "Hạt Kiểm lâm"
FIRE_AND_RESCUE_POLICE = "Cảnh sát PCCC và CNCH"
TRAFFIC_POLICE = "Cảnh sát giao thông"
URBAN_ORDER_TEAM = "Đội Quản lý trật tự đô thị"
DISASTER_COMMAND = "Ban Chỉ huy Phòng chống thiên tai"
EMERGENCY_115 = "Trung tâm Cấp cứu 115"

UNIT_MAX_CHARS = 200  # the API's limit for a unit name (after trimming)

# The category of each analytic the IOC runs. The server's catalogue (GET /analytics) wins when
# the console has loaded it; this build's catalogue serves a console started offline.
KNOWN_CATEGORIES: dict[str, str] = {a.code: a.category for a in ANALYTICS}

# Analytics where someone is likely hurt: the ambulance comes right after the force in charge.
_PEOPLE_HURT = frozenset({"traffic_accident", "person_fallen", "fighting"})

# Ward-level bodies are named with the unit type in lower case: "Công an phường Phú Hội".
_WARD_PREFIXES = ("Phường ", "Xã ", "Thị trấn ")


def ward_in_unit_name(ward: str) -> str:
    """``"Phường Phú Hội"`` → ``"phường Phú Hội"``, as it is written inside a unit's name."""
    for prefix in _WARD_PREFIXES:
        if ward.startswith(prefix) and len(ward) > len(prefix):
            return prefix.lower() + ward[len(prefix) :]
    return ward


def ward_police(ward: str) -> str:
    return f"Công an {ward_in_unit_name(ward)}"


def ward_committee(ward: str) -> str:
    return f"UBND {ward_in_unit_name(ward)}"


def category_of(analytic: Any, server_category: str | None = None) -> str | None:
    """The analytic's category: the server's word if known, else the built-in table."""
    if server_category:
        return "disaster" if server_category == "flood" else server_category
    return KNOWN_CATEGORIES.get("" if analytic is None else str(analytic))


def suggested_units(alert: Mapping[str, Any], category: str | None = None) -> list[str]:
    """Units for the dispatch dialog, most relevant first; the alert's ward police and people's
    committee and the 115 emergency centre are always among them."""
    analytic = str(alert.get("analytic") or "")
    category = category_of(analytic, category)
    ward = " ".join(str(alert.get("ward") or "").split())
    police = [ward_police(ward)] if ward else []
    committee = [ward_committee(ward)] if ward else []
    if category == "forest_fire":
        units = [FOREST_RANGERS, FIRE_AND_RESCUE_POLICE, *police, *committee]
    elif category == "traffic":
        units = [TRAFFIC_POLICE, *police, *committee]
    elif category == "urban_order":
        units = [URBAN_ORDER_TEAM, *committee, *police]
    elif category == "disaster":
        units = [DISASTER_COMMAND, *committee, FIRE_AND_RESCUE_POLICE, *police]
    else:  # public safety, and any category this console does not know yet
        units = [*police, *committee]
    if analytic in _PEOPLE_HURT:
        units.insert(1, EMERGENCY_115)
    else:
        units.append(EMERGENCY_115)
    return list(dict.fromkeys(units))  # no repeats, order kept
