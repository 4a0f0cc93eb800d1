"""Public warnings as CAP 1.2 messages (OASIS Common Alerting Protocol): the vocabularies, a draft
prefilled from a confirmed alert, the CAP document of a warning and the fields of a received one.

Stdlib only: the console previews documents with it and the backend serves them. Validation
against the OASIS schema (with lxml) lives in the backend (ioc_backend/cap_validation.py); this
module's parser is only ever given documents that passed it, and still refuses DTDs on its own.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from xml.parsers import expat

from ioc_domain.analytics import ANALYTICS_BY_CODE

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_MEDIA_TYPE = "application/cap+xml"

# ioc_backend.db.models.PublicWarning.state: ours are draft then published; imported ones external.
WARNING_STATES: tuple[str, ...] = ("draft", "published", "external")
# Only a draft may still change; the others are messages that went out (or came in) as they are.
EDITABLE_WARNING_STATES: tuple[str, ...] = ("draft",)

# The CAP 1.2 value lists (resources/cap/CAP-v1.2.xsd).
CAP_STATUSES: tuple[str, ...] = ("Actual", "Exercise", "System", "Test", "Draft")
CAP_MSG_TYPES: tuple[str, ...] = ("Alert", "Update", "Cancel", "Ack", "Error")
CAP_SCOPES: tuple[str, ...] = ("Public", "Restricted", "Private")
CAP_CATEGORIES: tuple[str, ...] = (
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
)
CAP_URGENCIES: tuple[str, ...] = ("Immediate", "Expected", "Future", "Past", "Unknown")
CAP_SEVERITIES: tuple[str, ...] = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CAP_CERTAINTIES: tuple[str, ...] = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")

# What our own warnings may be (POST /warnings): System and Draft are for machine traffic, Ack and
# Error answer other messages, Restricted and Private need addressees we do not keep.
WARNING_STATUSES: tuple[str, ...] = ("Actual", "Exercise", "Test")
WARNING_MSG_TYPES: tuple[str, ...] = ("Alert", "Update", "Cancel")
WARNING_SCOPES: tuple[str, ...] = ("Public",)
# Every warning of ours speaks Vietnamese; English follows for visitors (Huế is a tourist city).
REQUIRED_LANGUAGE = "vi-VN"
DRAFT_LANGUAGES: tuple[str, ...] = ("vi-VN", "en-US")
MAX_INFO_BLOCKS = 4

# CAP <sender>: a stable, globally unique name of the IOC (a host name, as CAP suggests).
DEFAULT_SENDER = "ioc.hue.gov.vn"
SENDER_NAMES: dict[str, str] = {
    "vi-VN": "Trung tâm Giám sát, điều hành đô thị thông minh Huế",
    "en-US": "Huế Intelligent Operations Center",
}

# CAP categories of each analytics category (ioc_domain.analytics.CATEGORIES) ...
CAP_CATEGORIES_OF_GROUP: dict[str, tuple[str, ...]] = {
    "traffic": ("Transport",),
    "urban_order": ("Safety",),
    "public_safety": ("Safety",),
    "forest_fire": ("Fire",),
    "disaster": ("Met",),  # CAP files floods and storm surges under Met (meteorological, hydrological)
}
# ... and of the analytics whose hazard the group's category does not name well.
CAP_CATEGORIES_OF_ANALYTIC: dict[str, tuple[str, ...]] = {
    "traffic_accident": ("Transport", "Rescue"),
    "illegal_dumping": ("Env",),
    "overflowing_bin": ("Env", "Health"),
    "illegal_construction": ("Infra",),
    "fighting": ("Security",),
    "intrusion": ("Security",),
    "abandoned_object": ("Security",),
    "person_fallen": ("Rescue",),
    "straw_burning": ("Fire", "Env"),
    "forest_intrusion": ("Fire", "Env"),
    "flooded_road": ("Met", "Transport"),
    "landslide": ("Geo",),
}

# Our alert severities (ioc_domain.levels) as CAP severities. A verified critical detection is
# "Severe"; "Extreme" (extraordinary threat to life) is the supervisor's call, never a default.
CAP_SEVERITY_OF: dict[str, str] = {"critical": "Severe", "warning": "Moderate", "info": "Minor"}

# Vietnam keeps UTC+7 all year (no daylight saving): the offset of <sent> and <expires>.
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")

_INSTRUCTIONS: dict[str, dict[str, str]] = {
    "forest_fire": {
        "vi-VN": "Không vào rừng và khu vực có khói. Không đốt lửa. Làm theo hướng dẫn của lực lượng "
        "kiểm lâm và phòng cháy chữa cháy. Báo cháy: 114.",
        "en-US": "Stay out of the forest and away from the smoke. Do not light fires. Follow the "
        "instructions of forest rangers and firefighters. Report fires on 114.",
    },
    "disaster": {
        "vi-VN": "Không đi qua đoạn đường ngập, sạt lở hoặc khu vực nước dâng. Di chuyển đến nơi an toàn, "
        "theo dõi thông báo của chính quyền địa phương.",
        "en-US": "Do not cross flooded or collapsed roads or areas of rising water. Move to safe ground "
        "and follow the announcements of the local authorities.",
    },
    "traffic": {
        "vi-VN": "Hạn chế đi vào khu vực này, chọn tuyến đường khác và làm theo hướng dẫn của lực lượng chức năng.",
        "en-US": "Avoid the area, use another route and follow the instructions of the authorities.",
    },
}
_DEFAULT_INSTRUCTION = {
    "vi-VN": "Tránh khu vực này và làm theo hướng dẫn của lực lượng chức năng.",
    "en-US": "Avoid the area and follow the instructions of the authorities.",
}


class CapError(ValueError):
    """A CAP document or a warning that cannot be what it claims; the message names the problem."""


# --- vocabularies ---------------------------------------------------------------------------------


def cap_categories_for(analytic: str) -> tuple[str, ...]:
    """The CAP categories of a warning about ``analytic`` (a code of ioc_domain.analytics)."""
    if analytic in CAP_CATEGORIES_OF_ANALYTIC:
        return CAP_CATEGORIES_OF_ANALYTIC[analytic]
    known = ANALYTICS_BY_CODE.get(analytic)
    return CAP_CATEGORIES_OF_GROUP.get(known.category, ("Other",)) if known else ("Other",)


def warning_identifier(warning_id: int, created_at: datetime, sender: str = DEFAULT_SENDER) -> str:
    """CAP <identifier> of our warning ``warning_id``: unique for the sender, fixed once given.

    The sender, the creation day (Vietnam time) and the database id: readable on a phone
    relay, free of the spaces, commas and "<" / "&" CAP forbids in identifiers.
    """
    if warning_id < 1:
        raise ValueError("a warning identifier needs the warning's id (≥ 1)")
    day = _aware(created_at).astimezone(VIETNAM_TZ).strftime("%Y%m%d")
    return f"{sender}.warning.{day}.{warning_id:06d}"


def cap_datetime(value: datetime | str) -> str:
    """A CAP date-time: whole seconds with a numeric UTC offset (never "Z"), in Vietnam time."""
    moment = _aware(datetime.fromisoformat(value) if isinstance(value, str) else value)
    return moment.astimezone(VIETNAM_TZ).strftime("%Y-%m-%dT%H:%M:%S+07:00")


def cap_reference(sender: str, identifier: str, sent: datetime | str) -> str:
    """One entry of CAP <references>: "sender,identifier,sent" of the earlier message."""
    return f"{sender},{identifier},{cap_datetime(sent)}"


def parse_references(text: str | None) -> list[tuple[str, str, str]]:
    """The (sender, identifier, sent) entries of a CAP <references> value (malformed ones skipped)."""
    entries: list[tuple[str, str, str]] = []
    for item in (text or "").split():
        parts = item.split(",")
        if len(parts) == 3 and all(parts):
            entries.append((parts[0], parts[1], parts[2]))
    return entries


def polygon_text(points: Sequence[Sequence[float]]) -> str:
    """CAP <polygon>: "lat,lon" pairs separated by spaces, closed on the first point."""
    pairs = [(float(p[0]), float(p[1])) for p in points]
    if len(set(pairs)) < 3:
        raise CapError("a polygon needs at least three different points")
    for lat, lon in pairs:
        _check_point(lat, lon)
    if pairs[0] != pairs[-1]:
        pairs.append(pairs[0])
    return " ".join(f"{_num(lat)},{_num(lon)}" for lat, lon in pairs)


def circle_text(lat: float, lon: float, radius_km: float) -> str:
    """CAP <circle>: "lat,lon radius" with the radius in kilometres."""
    _check_point(lat, lon)
    if not math.isfinite(radius_km) or radius_km <= 0:
        raise CapError("a circle's radius must be a positive number of kilometres")
    return f"{_num(lat)},{_num(lon)} {_num(radius_km)}"


def warning_problems(info: Sequence[Mapping[str, Any]], area: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What keeps ``info`` and ``area`` from making one of our warnings: [(field, message)].

    The value lists are checked by the API schema; these are the rules across fields.
    """
    problems: list[tuple[str, str]] = []
    languages = [block.get("language") for block in info]
    if REQUIRED_LANGUAGE not in languages:
        problems.append(("info", f"a warning needs an info block in {REQUIRED_LANGUAGE}"))
    if len(set(languages)) != len(languages):
        problems.append(("info", "each language may have only one info block"))
    polygon, circle = area.get("polygon"), area.get("circle")
    if not polygon and not circle:
        problems.append(("area", "give the area as a polygon or a circle"))
    if polygon:
        try:
            polygon_text(polygon)
        except CapError as exc:
            problems.append(("area.polygon", str(exc)))
    return problems


# --- a draft from an alert ------------------------------------------------------------------------


def draft_from_alert(
    alert: Mapping[str, Any], names: Mapping[str, str] | None = None, *, radius_km: float = 2.0
) -> dict:
    """A POST /warnings body prefilled from a confirmed ``alert`` (an alert dict of the API).

    ``names`` gives what the alert dict lacks: ``"camera"`` (the camera's name, else its id) and
    ``"sender_name_vi"`` / ``"sender_name_en"`` (else the IOC's). Vietnamese and English info
    blocks, the area a circle of ``radius_km`` around the camera.
    """
    names = names or {}
    code = str(alert["analytic"])
    analytic = ANALYTICS_BY_CODE.get(code)
    event = {"vi-VN": analytic.name_vi if analytic else code, "en-US": analytic.name_en if analytic else code}
    group = analytic.category if analytic else ""
    ward = str(alert.get("ward") or "")
    camera = names.get("camera") or str(alert.get("camera_id") or "")
    seen = _aware(_as_datetime(alert.get("last_detected_at") or alert["detected_at"])).astimezone(VIETNAM_TZ)
    when_vi = seen.strftime("%H:%M ngày %d/%m/%Y")
    when_en = seen.strftime("%H:%M on %d/%m/%Y")
    severity = CAP_SEVERITY_OF.get(str(alert.get("severity")), "Unknown")
    open_alert = alert.get("state") != "closed"
    texts = {
        "vi-VN": {
            "headline": f"Cảnh báo {event['vi-VN'].lower()} tại {ward}"
            if ward
            else f"Cảnh báo {event['vi-VN'].lower()}",
            "description": f"Camera {camera} phát hiện {event['vi-VN'].lower()} lúc {when_vi}"
            + (f" tại {ward}" if ward else "")
            + "; sự việc đã được cán bộ trực Trung tâm IOC xác minh trên camera.",
        },
        "en-US": {
            "headline": f"{event['en-US']} warning for {ward}" if ward else f"{event['en-US']} warning",
            "description": f"Camera {camera} detected {event['en-US'].lower()} at {when_en} (Vietnam time)"
            + (f" in {ward}" if ward else "")
            + "; the IOC's duty officers verified it on camera.",
        },
    }
    sender_names = {"vi-VN": names.get("sender_name_vi"), "en-US": names.get("sender_name_en")}
    instructions = _INSTRUCTIONS.get(group, _DEFAULT_INSTRUCTION)
    info = [
        {
            "language": language,
            "category": list(cap_categories_for(code)),
            "event": event[language],
            # Immediate while the hazard is there to see; a closed alert's warning is for the record.
            "urgency": "Immediate" if open_alert else "Past",
            "severity": severity,
            # Verified by an operator on camera, not only detected by the AI engine.
            "certainty": "Observed",
            "headline": texts[language]["headline"],
            "description": texts[language]["description"],
            "instruction": instructions[language],
            "sender_name": sender_names[language] or SENDER_NAMES[language],
            "expires": None,
        }
        for language in DRAFT_LANGUAGES
    ]
    lat, lon = float(alert["lat"]), float(alert["lon"])
    return {
        "alert_id": alert.get("id"),
        "msg_type": "Alert",
        "references_id": None,
        "status": "Actual",
        "scope": "Public",
        "info": info,
        "area": {
            "description": (f"{ward}: " if ward else "") + f"bán kính {_num(radius_km)} km quanh camera {camera}",
            "polygon": None,
            "circle": {"lat": lat, "lon": lon, "radius_km": float(radius_km)},
        },
    }


# --- the CAP document of a warning ----------------------------------------------------------------


def cap_xml(warning: Mapping[str, Any], *, now: datetime | None = None) -> bytes:
    """The CAP 1.2 document of ``warning`` (a warning dict of the API), UTF-8 with a declaration.

    A draft has not been sent: its preview carries ``now`` (default: the current time) as <sent>.
    """
    sent = warning.get("sent") or now or datetime.now(UTC)
    root = ET.Element(_tag("alert"))
    _sub(root, "identifier", warning["identifier"])
    _sub(root, "sender", warning["sender"])
    _sub(root, "sent", cap_datetime(sent))
    _sub(root, "status", warning["status"])
    _sub(root, "msgType", warning["msg_type"])
    _sub(root, "scope", warning["scope"])
    if warning.get("references"):
        _sub(root, "references", warning["references"])
    area = warning.get("area") or {}
    for block in warning.get("info") or []:
        info = ET.SubElement(root, _tag("info"))
        _sub(info, "language", block.get("language") or "en-US")
        for category in block.get("category") or ["Other"]:
            _sub(info, "category", category)
        _sub(info, "event", block.get("event") or "")
        _sub(info, "urgency", block.get("urgency") or "Unknown")
        _sub(info, "severity", block.get("severity") or "Unknown")
        _sub(info, "certainty", block.get("certainty") or "Unknown")
        if block.get("expires"):
            _sub(info, "expires", cap_datetime(block["expires"]))
        for key, tag in (
            ("sender_name", "senderName"),
            ("headline", "headline"),
            ("description", "description"),
            ("instruction", "instruction"),
        ):
            if block.get(key):
                _sub(info, tag, block[key])
        if area:
            _area_element(info, area)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=CAP_NAMESPACE)


def _area_element(info: ET.Element, area: Mapping[str, Any]) -> None:
    element = ET.SubElement(info, _tag("area"))
    _sub(element, "areaDesc", area.get("description") or "")
    if area.get("polygon"):
        _sub(element, "polygon", polygon_text(area["polygon"]))
    circle = area.get("circle")
    if circle:
        _sub(element, "circle", circle_text(float(circle["lat"]), float(circle["lon"]), float(circle["radius_km"])))


# --- the fields of a received document ------------------------------------------------------------


def parse_cap(xml: bytes) -> dict[str, Any]:
    """The fields of a CAP 1.2 document, in the shape of a warning: identifier, sender, sent
    (aware datetime), status, msg_type, scope, references, info blocks and one area.

    Meant for documents already valid against the schema (ioc_backend.cap_validation); still
    refuses a DTD, entities, another root and area values that are not coordinates (CapError).
    """
    root = _safe_tree(xml)
    if root.tag != _tag("alert"):
        raise CapError("the document is not a CAP 1.2 <alert>")
    blocks = root.findall(_tag("info"))
    info = [_info_fields(block) for block in blocks]
    areas = [area for block in blocks for area in block.findall(_tag("area"))]
    return {
        "identifier": _text(root, "identifier"),
        "sender": _text(root, "sender"),
        "sent": _parse_datetime(_text(root, "sent"), "sent"),
        "status": _text(root, "status"),
        "msg_type": _text(root, "msgType"),
        "scope": _text(root, "scope"),
        "references": _text(root, "references"),
        "info": info,
        "area": _area_fields(areas),
    }


def _info_fields(block: ET.Element) -> dict[str, Any]:
    expires = _text(block, "expires")
    return {
        "language": _text(block, "language") or "en-US",
        "category": [(c.text or "").strip() for c in block.findall(_tag("category"))],
        "event": _text(block, "event") or "",
        "urgency": _text(block, "urgency"),
        "severity": _text(block, "severity"),
        "certainty": _text(block, "certainty"),
        "headline": _text(block, "headline"),
        "description": _text(block, "description"),
        "instruction": _text(block, "instruction"),
        "sender_name": _text(block, "senderName"),
        "expires": _parse_datetime(expires, "expires").isoformat() if expires else None,
    }


def _area_fields(areas: list[ET.Element]) -> dict[str, Any]:
    """One area for the whole warning (as we keep them): the descriptions joined, the first
    polygon and the first circle of the document."""
    descriptions = list(dict.fromkeys(_text(a, "areaDesc") or "" for a in areas))
    polygons = [(p.text or "").strip() for a in areas for p in a.findall(_tag("polygon"))]
    circles = [(c.text or "").strip() for a in areas for c in a.findall(_tag("circle"))]
    polygon = _parse_polygon(polygons[0]) if polygons else None
    circle = _parse_circle(circles[0]) if circles else None
    return {"description": "; ".join(d for d in descriptions if d), "polygon": polygon, "circle": circle}


def _parse_polygon(text: str) -> list[list[float]]:
    points = [_parse_pair(pair, "polygon") for pair in text.split()]
    if len(points) < 4 or points[0] != points[-1]:
        raise CapError('<polygon> needs at least four "lat,lon" pairs, the last one equal to the first')
    return points


def _parse_circle(text: str) -> dict[str, float]:
    parts = text.split()
    if len(parts) != 2:
        raise CapError('<circle> must be "lat,lon radius"')
    lat, lon = _parse_pair(parts[0], "circle")
    radius = _parse_number(parts[1], "circle")
    if radius < 0:
        raise CapError("<circle> has a negative radius")
    return {"lat": lat, "lon": lon, "radius_km": radius}


def _parse_pair(text: str, what: str) -> list[float]:
    parts = text.split(",")
    if len(parts) != 2:
        raise CapError(f'<{what}> has "{text[:40]}" where a "lat,lon" pair belongs')
    lat, lon = _parse_number(parts[0], what), _parse_number(parts[1], what)
    try:
        _check_point(lat, lon)
    except CapError as exc:
        raise CapError(f"<{what}>: {exc}") from None
    return [lat, lon]


def _parse_number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CapError(f'<{what}> has "{text[:40]}" where a number belongs') from None
    if not math.isfinite(value):
        raise CapError(f"<{what}> has a number that is not finite")
    return value


def _safe_tree(xml: bytes) -> ET.Element:
    """Parse with expat, refusing any DOCTYPE (and so entity declarations) before it is read."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_doctype(*_args: Any) -> None:
        raise CapError("DOCTYPE not allowed")

    def refuse_entity(*_args: Any) -> None:
        raise CapError("entity declarations are not allowed")

    def start(name: str, attrs: dict[str, str]) -> None:
        builder.start("{" + name if "}" in name else name, attrs)

    def end(name: str) -> None:
        builder.end("{" + name if "}" in name else name)

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise CapError(f"not well-formed XML: {exc}") from None
    return builder.close()


# --- small helpers --------------------------------------------------------------------------------


def _tag(name: str) -> str:
    return f"{{{CAP_NAMESPACE}}}{name}"


def _sub(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(name))
    element.text = text
    return element


def _text(parent: ET.Element, name: str) -> str | None:
    element = parent.find(_tag(name))
    if element is None or element.text is None:
        return None
    return element.text.strip()


def _parse_datetime(text: str | None, what: str) -> datetime:
    if not text:
        raise CapError(f"<{what}> is missing")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise CapError(f"<{what}> is not a date-time: {text[:40]}") from None
    if value.tzinfo is None:
        raise CapError(f"<{what}> has no UTC offset")
    return value


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _aware(value: datetime) -> datetime:
    # The database hands back naive UTC datetimes (SQLite); everything else is aware.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _check_point(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise CapError(f"({lat}, {lon}) is not a latitude, longitude pair")


def _num(value: float) -> str:
    """A coordinate or radius as CAP texts carry them: plain decimals, no exponent, no trailing zeros."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
