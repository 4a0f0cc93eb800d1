"""ioc_domain.cap: the draft prefilled from an alert, CAP 1.2 documents valid against the OASIS
schema (checked with lxml, a real XML Schema validator), their dates, areas and identity."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

from ioc_domain import cap
from ioc_domain.analytics import ANALYTICS, CATEGORIES

XSD = Path(__file__).resolve().parents[2] / "resources" / "cap" / "CAP-v1.2.xsd"
NS = {"cap": cap.CAP_NAMESPACE}
CREATED = datetime(2026, 12, 5, 20, 30, tzinfo=UTC)  # 03:30 on 6 December in Vietnam

ALERT = {
    "id": 42,
    "analytic": "forest_fire",
    "severity": "critical",
    "camera_id": "cam-0412",
    "ward": "Xã A Lưới 3",
    "lat": 16.18904,
    "lon": 107.277421,
    "detected_at": "2026-12-05T03:10:00.000+00:00",
    "last_detected_at": "2026-12-05T03:20:00.000+00:00",
    "state": "acknowledged",
    "verification": {"verdict": "confirmed", "by": "operator", "at": "2026-12-05T03:14:00.000+00:00"},
}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def assert_valid(schema: etree.XMLSchema, document: bytes) -> etree._Element:
    root = etree.fromstring(document)
    assert schema.validate(root), [f"line {e.line}: {e.message}" for e in schema.error_log]
    return root


def warning_of(body: dict, **changes: object) -> dict:
    """A warning dict as the API returns it, from a POST /warnings body."""
    warning = {
        **copy.deepcopy(body),
        "id": 7,
        "identifier": cap.warning_identifier(7, CREATED),
        "sender": cap.DEFAULT_SENDER,
        "state": "published",
        "sent": "2026-12-05T03:30:12.000+00:00",
        "references": None,
    }
    warning.update(changes)
    return warning


# --- draft_from_alert --------------------------------------------------------------------------------


def test_draft_is_prefilled_from_the_alert_in_vietnamese_and_english() -> None:
    draft = cap.draft_from_alert(ALERT, {"camera": "Chòi canh lửa A Lưới 3"})
    assert draft["alert_id"] == 42
    assert (draft["msg_type"], draft["status"], draft["scope"], draft["references_id"]) == (
        "Alert",
        "Actual",
        "Public",
        None,
    )
    vi, en = draft["info"]
    assert (vi["language"], en["language"]) == ("vi-VN", "en-US")
    assert vi["event"] == "Cháy rừng" and en["event"] == "Forest fire"
    for block in (vi, en):
        assert block["category"] == ["Fire"]
        assert (block["urgency"], block["severity"], block["certainty"]) == ("Immediate", "Severe", "Observed")
        assert block["instruction"] and block["sender_name"]
    assert vi["headline"] == "Cảnh báo cháy rừng tại Xã A Lưới 3"
    assert en["headline"] == "Forest fire warning for Xã A Lưới 3"
    # The latest detection, in Vietnam time (03:20 UTC is 10:20 in Huế), and the camera by name.
    assert "Chòi canh lửa A Lưới 3" in vi["description"] and "10:20 ngày 05/12/2026" in vi["description"]
    assert "10:20 on 05/12/2026" in en["description"]
    assert draft["area"]["circle"] == {"lat": 16.18904, "lon": 107.277421, "radius_km": 2.0}
    assert draft["area"]["polygon"] is None
    assert "Xã A Lưới 3" in draft["area"]["description"]


def test_draft_radius_camera_fallback_and_a_closed_alert() -> None:
    closed = {**ALERT, "state": "closed", "analytic": "landslide", "severity": "warning"}
    draft = cap.draft_from_alert(closed, radius_km=0.5)
    assert draft["area"]["circle"]["radius_km"] == 0.5
    assert "cam-0412" in draft["info"][0]["description"]  # no name given: the camera's id
    assert {b["urgency"] for b in draft["info"]} == {"Past"}
    assert {tuple(b["category"]) for b in draft["info"]} == {("Geo",)}
    assert {b["severity"] for b in draft["info"]} == {"Moderate"}


def test_every_analytic_maps_to_cap_categories() -> None:
    assert set(cap.CAP_CATEGORIES_OF_GROUP) == set(CATEGORIES)
    for analytic in ANALYTICS:
        categories = cap.cap_categories_for(analytic.code)
        assert categories and set(categories) <= set(cap.CAP_CATEGORIES), analytic.code
    assert cap.cap_categories_for("forest_fire") == ("Fire",)
    assert cap.cap_categories_for("flooded_road") == ("Met", "Transport")
    assert cap.cap_categories_for("wrong_way") == ("Transport",)
    assert cap.cap_categories_for("not-an-analytic") == ("Other",)
    assert set(cap.CAP_SEVERITY_OF.values()) <= set(cap.CAP_SEVERITIES)


# --- the CAP document ----------------------------------------------------------------------------------


def test_document_of_a_draft_from_an_alert_is_valid_cap(schema: etree.XMLSchema) -> None:
    warning = warning_of(cap.draft_from_alert(ALERT, {"camera": "Chòi canh lửa A Lưới 3"}))
    root = assert_valid(schema, cap.cap_xml(warning))
    assert root.findtext("cap:identifier", namespaces=NS) == warning["identifier"]
    assert root.findtext("cap:sender", namespaces=NS) == "ioc.hue.gov.vn"
    assert root.findtext("cap:msgType", namespaces=NS) == "Alert"
    assert [i.findtext("cap:language", namespaces=NS) for i in root.findall("cap:info", NS)] == ["vi-VN", "en-US"]
    assert root.findtext("cap:info/cap:headline", namespaces=NS) == "Cảnh báo cháy rừng tại Xã A Lưới 3"
    assert root.findtext("cap:info/cap:area/cap:circle", namespaces=NS) == "16.18904,107.277421 2"


def test_sent_and_expires_carry_a_numeric_utc_offset(schema: etree.XMLSchema) -> None:
    body = cap.draft_from_alert(ALERT)
    body["info"][0]["expires"] = "2026-12-05T15:30:12+00:00"
    root = assert_valid(schema, cap.cap_xml(warning_of(body)))
    assert root.findtext("cap:sent", namespaces=NS) == "2026-12-05T10:30:12+07:00"
    assert root.findtext("cap:info/cap:expires", namespaces=NS) == "2026-12-05T22:30:12+07:00"
    # A draft is previewed with the time given (else now); never "Z", never fractions.
    draft = warning_of(body, sent=None, state="draft")
    preview = cap.cap_xml(draft, now=datetime(2026, 12, 6, 1, 2, 3, 456789, tzinfo=UTC))
    assert b"<sent>2026-12-06T08:02:03+07:00</sent>" in preview
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", cap.cap_datetime(datetime.now(UTC)))


def test_cap_datetime_converts_any_offset_and_treats_naive_as_utc() -> None:
    assert cap.cap_datetime(datetime(2026, 1, 1, 23, 59, 59)) == "2026-01-02T06:59:59+07:00"
    paris = timezone(timedelta(hours=1))
    assert cap.cap_datetime(datetime(2026, 1, 1, 12, 0, tzinfo=paris)) == "2026-01-01T18:00:00+07:00"
    assert cap.cap_datetime("2026-06-30T17:00:00.250+00:00") == "2026-07-01T00:00:00+07:00"


def test_polygon_is_closed_on_its_first_point(schema: etree.XMLSchema) -> None:
    triangle = [[16.4, 107.5], [16.5, 107.6], [16.4, 107.7]]
    assert cap.polygon_text(triangle) == "16.4,107.5 16.5,107.6 16.4,107.7 16.4,107.5"
    closed = [*triangle, [16.4, 107.5]]
    assert cap.polygon_text(closed) == "16.4,107.5 16.5,107.6 16.4,107.7 16.4,107.5"  # not closed twice
    body = cap.draft_from_alert(ALERT)
    body["area"] = {"description": "Thượng nguồn sông Hương", "polygon": triangle, "circle": None}
    root = assert_valid(schema, cap.cap_xml(warning_of(body)))
    polygons = root.findall("cap:info/cap:area/cap:polygon", NS)
    assert [p.text for p in polygons] == ["16.4,107.5 16.5,107.6 16.4,107.7 16.4,107.5"] * 2
    assert root.find("cap:info/cap:area/cap:circle", NS) is None


def test_area_shapes_that_are_not_shapes_are_refused() -> None:
    with pytest.raises(cap.CapError, match="three different points"):
        cap.polygon_text([[16.4, 107.5], [16.5, 107.6], [16.4, 107.5]])
    with pytest.raises(cap.CapError, match="latitude"):
        cap.polygon_text([[96.4, 107.5], [16.5, 107.6], [16.4, 107.7]])
    with pytest.raises(cap.CapError, match="radius"):
        cap.circle_text(16.4, 107.5, 0)
    assert cap.circle_text(-0.0000001, 107.5, 1.25) == "0,107.5 1.25"


def test_identifier_and_sender_are_stable_across_calls(schema: etree.XMLSchema) -> None:
    assert cap.warning_identifier(7, CREATED) == "ioc.hue.gov.vn.warning.20261206.000007"
    assert cap.warning_identifier(7, CREATED) == cap.warning_identifier(7, CREATED.replace(tzinfo=None))
    warning = warning_of(cap.draft_from_alert(ALERT))
    first, second = cap.cap_xml(warning), cap.cap_xml(copy.deepcopy(warning))
    assert first == second  # the same warning is the same document, byte for byte
    for document in (first, second):
        root = assert_valid(schema, document)
        assert root.findtext("cap:identifier", namespaces=NS) == "ioc.hue.gov.vn.warning.20261206.000007"
        assert root.findtext("cap:sender", namespaces=NS) == cap.DEFAULT_SENDER
    with pytest.raises(ValueError):
        cap.warning_identifier(0, CREATED)


def test_update_carries_its_references(schema: etree.XMLSchema) -> None:
    reference = cap.cap_reference(cap.DEFAULT_SENDER, "ioc.hue.gov.vn.warning.20261206.000007", CREATED)
    assert reference == "ioc.hue.gov.vn,ioc.hue.gov.vn.warning.20261206.000007,2026-12-06T03:30:00+07:00"
    assert cap.parse_references(f"{reference} broken,entry") == [
        ("ioc.hue.gov.vn", "ioc.hue.gov.vn.warning.20261206.000007", "2026-12-06T03:30:00+07:00")
    ]
    update = warning_of(cap.draft_from_alert(ALERT), msg_type="Update", references=reference)
    root = assert_valid(schema, cap.cap_xml(update))
    assert root.findtext("cap:references", namespaces=NS) == reference


# --- reading a document back ---------------------------------------------------------------------------


def test_parse_reads_back_what_cap_xml_wrote() -> None:
    body = cap.draft_from_alert(ALERT)
    body["area"]["polygon"] = [[16.4, 107.5], [16.5, 107.6], [16.4, 107.7]]
    body["info"][1]["expires"] = "2026-12-05T15:30:12+00:00"
    fields = cap.parse_cap(cap.cap_xml(warning_of(body)))
    assert fields["identifier"] == cap.warning_identifier(7, CREATED)
    assert fields["sent"] == datetime(2026, 12, 5, 3, 30, 12, tzinfo=UTC)
    assert (fields["status"], fields["msg_type"], fields["scope"], fields["references"]) == (
        "Actual",
        "Alert",
        "Public",
        None,
    )
    assert [b["headline"] for b in fields["info"]] == [b["headline"] for b in body["info"]]
    assert datetime.fromisoformat(fields["info"][1]["expires"]) == datetime(2026, 12, 5, 15, 30, 12, tzinfo=UTC)
    assert fields["area"]["polygon"] == [[16.4, 107.5], [16.5, 107.6], [16.4, 107.7], [16.4, 107.5]]
    assert fields["area"]["circle"] == {"lat": 16.18904, "lon": 107.277421, "radius_km": 2.0}


def test_parse_refuses_a_doctype_even_without_entities() -> None:
    document = cap.cap_xml(warning_of(cap.draft_from_alert(ALERT)))
    hostile = document.replace(b"?>", b'?>\n<!DOCTYPE alert [<!ENTITY x "boom">]>', 1)
    with pytest.raises(cap.CapError, match="DOCTYPE not allowed"):
        cap.parse_cap(hostile)
    with pytest.raises(cap.CapError, match="not well-formed"):
        cap.parse_cap(b"<alert")
    with pytest.raises(cap.CapError, match="not a CAP 1.2"):
        cap.parse_cap(b"<alert/>")


def test_warning_problems_across_fields() -> None:
    body = cap.draft_from_alert(ALERT)
    assert cap.warning_problems(body["info"], body["area"]) == []
    english_only = [body["info"][1]]
    assert ("info", "a warning needs an info block in vi-VN") in cap.warning_problems(english_only, body["area"])
    twice = [body["info"][0], body["info"][0]]
    assert ("info", "each language may have only one info block") in cap.warning_problems(twice, body["area"])
    nowhere = {"description": "Huế", "polygon": None, "circle": None}
    assert cap.warning_problems(body["info"], nowhere) == [("area", "give the area as a polygon or a circle")]
