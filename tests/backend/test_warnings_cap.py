"""/warnings against the real backend process: CAP 1.2 warnings drafted from confirmed alerts,
published by supervisors, served as documents valid against the OASIS schema (lxml), and other
agencies' documents imported — hostile and invalid ones refused with nothing stored."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from backend_process import BackendProcess
from backend_testkit import Api, error_code, error_fields, private_backend_fixtures
from lxml import etree
from sqlalchemy import create_engine, text

from ioc_backend.cap_validation import MAX_CAP_BYTES, schema_errors
from ioc_domain import cap

NS = {"cap": cap.CAP_NAMESPACE}

FOREIGN_CAP = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{identifier}</identifier>
  <sender>nchmf.gov.vn</sender>
  <sent>2026-12-05T09:00:00+07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>Lũ trên sông Hương</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>2026-12-06T09:00:00+07:00</expires>
    <senderName>Trung tâm Dự báo khí tượng thủy văn quốc gia</senderName>
    <headline>Cảnh báo lũ trên sông Hương</headline>
    <description>Mực nước sông Hương tại Kim Long có khả năng vượt báo động 2.</description>
    <area>
      <areaDesc>Lưu vực sông Hương</areaDesc>
      <polygon>16.40,107.50 16.50,107.60 16.40,107.70 16.40,107.50</polygon>
    </area>
  </info>
</alert>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE alert [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>&xxe;</identifier><sender>evil.example</sender><sent>2026-12-05T09:00:00+07:00</sent>
  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
</alert>
"""


# These tests confirm alerts and add warnings.
private_backend, api = private_backend_fixtures("warnings-cap", backend_name="private_backend")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    from ioc_backend.cap_validation import cap_schema

    return cap_schema()


@pytest.fixture(scope="module")
def new_alert_ids(api: Api) -> Iterator[int]:
    page = api.get("/alerts", api.token("operator"), params={"state": "new", "limit": 500}).json()
    return iter(sorted(a["id"] for a in page["items"] if a["verification"] is None))


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()


def confirmed_alert(api: Api, ids: Iterator[int]) -> dict[str, Any]:
    alert = ok(api.get(f"/alerts/{next(ids)}", api.token("operator")))
    return ok(
        api.post(
            f"/alerts/{alert['id']}/verify",
            api.token("operator"),
            json={"verdict": "confirmed", "version": alert["version"]},
        )
    )


def create(api: Api, role: str, body: dict[str, Any], key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else None
    return api.post("/warnings", api.token(role), json=body, headers=headers)


def publish(api: Api, role: str, warning: dict[str, Any]) -> Any:
    return api.post(f"/warnings/{warning['id']}/publish", api.token(role), json={"version": warning["version"]})


def draft_body(alert: dict[str, Any]) -> dict[str, Any]:
    return cap.draft_from_alert(alert, {"camera": "Chòi canh lửa"})


def published_warning(api: Api, ids: Iterator[int]) -> dict[str, Any]:
    draft = ok(create(api, "operator", draft_body(confirmed_alert(api, ids))), 201)
    return ok(publish(api, "supervisor", draft))


def import_cap(api: Api, document: bytes, content_type: str = "application/cap+xml", role: str = "operator") -> Any:
    return api.post("/warnings/import", api.token(role), data=document, headers={"Content-Type": content_type})


def total(api: Api) -> int:
    return int(ok(api.get("/warnings", api.token("supervisor"), params={"limit": 1}))["total"])


# --- drafting and publishing --------------------------------------------------------------------------


def test_operator_drafts_and_supervisor_publishes(
    api: Api, private_backend: BackendProcess, new_alert_ids: Iterator[int]
) -> None:
    alert = confirmed_alert(api, new_alert_ids)
    draft = ok(create(api, "operator", draft_body(alert)), 201)
    assert draft["state"] == "draft" and draft["sent"] is None and draft["published_by"] is None
    assert draft["alert_id"] == alert["id"] and draft["created_by"] == "operator"
    assert draft["identifier"].startswith("ioc.hue.gov.vn.warning.") and draft["identifier"].endswith(
        f".{draft['id']:06d}"
    )
    assert draft["sender"] == cap.DEFAULT_SENDER and draft["version"] == 1
    assert draft["cap_url"] == f"/api/v1/warnings/{draft['id']}/cap.xml"
    assert [b["language"] for b in draft["info"]] == ["vi-VN", "en-US"]

    edited = ok(
        api.patch(
            f"/warnings/{draft['id']}",
            api.token("supervisor"),
            json={"version": draft["version"], "status": "Exercise"},
        )
    )
    assert edited["status"] == "Exercise" and edited["version"] == 2 and edited["info"] == draft["info"]

    published = ok(publish(api, "supervisor", edited))
    assert published["state"] == "published" and published["published_by"] == "supervisor"
    sent = datetime.fromisoformat(published["sent"])
    assert sent.utcoffset() is not None and sent.microsecond == 0
    assert (published["identifier"], published["sender"]) == (draft["identifier"], draft["sender"])
    assert ok(api.get(f"/warnings/{draft['id']}", api.token("leader"))) == published

    # The alert's history records the warning (action "warning", by the publisher).
    engine = create_engine(f"sqlite:///{private_backend.db_path}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT username, role, action FROM alert_history WHERE alert_id = :id"), {"id": alert["id"]}
            ).all()
    finally:
        engine.dispose()
    assert ("supervisor", "supervisor", "warning") in [tuple(r) for r in rows]


def test_roles(api: Api, new_alert_ids: Iterator[int]) -> None:
    alert = confirmed_alert(api, new_alert_ids)
    assert create(api, "leader", draft_body(alert)).status_code == 403
    assert create(api, "participant", draft_body(alert)).status_code == 403
    draft = ok(create(api, "supervisor", draft_body(alert)), 201)
    r = publish(api, "operator", draft)
    assert r.status_code == 403 and error_code(r) == "forbidden"
    assert publish(api, "leader", draft).status_code == 403
    for role in ("operator", "supervisor", "leader", "admin"):
        assert ok(api.get(f"/warnings/{draft['id']}", api.token(role)))["state"] == "draft"
        assert api.get(f"/warnings/{draft['id']}/cap.xml", api.token(role)).status_code == 200
    for path in ("/warnings", f"/warnings/{draft['id']}", f"/warnings/{draft['id']}/cap.xml"):
        assert api.get(path, api.token("participant")).status_code == 403
    assert import_cap(api, FOREIGN_CAP.format(identifier="x").encode(), role="leader").status_code == 403
    assert ok(publish(api, "admin", draft))["published_by"] == "admin"


def test_only_a_confirmed_alert_becomes_a_warning(api: Api, new_alert_ids: Iterator[int]) -> None:
    alert = ok(api.get(f"/alerts/{next(new_alert_ids)}", api.token("operator")))
    before = total(api)
    r = create(api, "operator", draft_body(alert))
    assert r.status_code == 409 and error_code(r) == "alert_not_confirmed", r.text
    r = create(api, "operator", {**draft_body(alert), "alert_id": 10**9})
    assert r.status_code == 404
    assert total(api) == before


def test_published_warnings_are_immutable(api: Api, new_alert_ids: Iterator[int]) -> None:
    published = published_warning(api, new_alert_ids)
    r = api.patch(
        f"/warnings/{published['id']}",
        api.token("supervisor"),
        json={"version": published["version"], "status": "Test"},
    )
    assert r.status_code == 409 and error_code(r) == "warning_immutable"
    assert r.json()["current"] == published
    again = publish(api, "supervisor", published)
    assert again.status_code == 409 and error_code(again) == "warning_immutable"
    assert ok(api.get(f"/warnings/{published['id']}", api.token("operator"))) == published


def test_update_and_cancel_reference_the_published_chain(
    api: Api, new_alert_ids: Iterator[int], schema: etree.XMLSchema
) -> None:
    first = published_warning(api, new_alert_ids)
    body = {k: v for k, v in draft_body(ok(api.get(f"/alerts/{first['alert_id']}", api.token("operator")))).items()}
    body.update(alert_id=None, msg_type="Update", references_id=first["id"])
    update = ok(create(api, "operator", body), 201)
    first_ref = cap.cap_reference(first["sender"], first["identifier"], first["sent"])
    assert update["references"] == first_ref
    assert update["references_id"] == first["id"] and update["alert_id"] == first["alert_id"]
    assert update["identifier"] != first["identifier"]
    update = ok(publish(api, "supervisor", update))

    cancel = ok(create(api, "supervisor", {**body, "msg_type": "Cancel", "references_id": update["id"]}), 201)
    update_ref = cap.cap_reference(update["sender"], update["identifier"], update["sent"])
    assert cancel["references"] == f"{first_ref} {update_ref}"
    root = etree.fromstring(api.get(f"/warnings/{cancel['id']}/cap.xml", api.token("operator")).content)
    assert schema.validate(root), schema.error_log
    assert root.findtext("cap:msgType", namespaces=NS) == "Cancel"
    assert root.findtext("cap:references", namespaces=NS) == f"{first_ref} {update_ref}"

    r = create(api, "operator", {**body, "references_id": cancel["id"]})  # cancel is still a draft
    assert r.status_code == 409 and error_code(r) == "reference_not_published"
    r = create(api, "operator", {**body, "references_id": None})
    assert r.status_code == 422 and error_fields(r) == ["body.references_id"]
    r = create(api, "operator", {**body, "msg_type": "Alert"})
    assert r.status_code == 422 and error_fields(r) == ["body.references_id"]


def test_body_rules(api: Api, new_alert_ids: Iterator[int]) -> None:
    body = draft_body(confirmed_alert(api, new_alert_ids))
    r = create(api, "operator", {**body, "info": [body["info"][1]]})
    assert r.status_code == 422 and error_fields(r) == ["body.info"]
    r = create(api, "operator", {**body, "area": {"description": "Huế", "polygon": None, "circle": None}})
    assert r.status_code == 422 and error_fields(r) == ["body.area"]
    r = create(api, "operator", {**body, "status": "Draft"})
    assert r.status_code == 422
    bad = {**body, "info": [{**body["info"][0], "severity": "Critical"}]}
    assert create(api, "operator", bad).status_code == 422


def test_create_is_idempotent_and_synced(api: Api, new_alert_ids: Iterator[int]) -> None:
    body = draft_body(confirmed_alert(api, new_alert_ids))
    token = api.token("operator")
    cursor = int(api.get("/sync", token, params={"since": 10**9}).json()["cursor"])
    key = str(uuid.uuid4())
    first = ok(create(api, "operator", body, key), 201)
    replay = ok(create(api, "operator", body, key), 201)
    assert replay == first
    changes = api.get("/sync", token, params={"since": cursor, "limit": 1000}).json()["changes"]
    mine = [c for c in changes if c["resource"] == "warning" and c["id"] == str(first["id"])]
    assert len(mine) == 1 and mine[0]["data"]["identifier"] == first["identifier"]


# --- CAP documents --------------------------------------------------------------------------------------


def test_cap_xml_is_valid_against_the_oasis_schema(
    api: Api, new_alert_ids: Iterator[int], schema: etree.XMLSchema
) -> None:
    warning = published_warning(api, new_alert_ids)
    r = api.get(f"/warnings/{warning['id']}/cap.xml", api.token("leader"))
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == "application/cap+xml"
    assert schema_errors(r.content) == []
    root = etree.fromstring(r.content)
    assert schema.validate(root)
    assert root.findtext("cap:identifier", namespaces=NS) == warning["identifier"]
    assert root.findtext("cap:sender", namespaces=NS) == warning["sender"]
    assert root.findtext("cap:sent", namespaces=NS) == cap.cap_datetime(warning["sent"])
    assert root.findtext("cap:sent", namespaces=NS).endswith("+07:00")
    circle = root.findtext("cap:info/cap:area/cap:circle", namespaces=NS)
    assert circle.endswith(" 2") and len(circle.split()[0].split(",")) == 2
    # The same warning is the same document, whenever it is asked for.
    assert api.get(f"/warnings/{warning['id']}/cap.xml", api.token("operator")).content == r.content


def test_demo_seeds_published_warnings_from_confirmed_fire_and_flood_alerts(api: Api, schema: etree.XMLSchema) -> None:
    page = ok(api.get("/warnings", api.token("leader"), params={"state": "published", "limit": 1000}))
    seeded = [w for w in page["items"] if w["created_by"] == "operator" and w["published_by"] == "supervisor"]
    analytics = set()
    for warning in seeded[:4]:
        alert = ok(api.get(f"/alerts/{warning['alert_id']}", api.token("leader")))
        assert alert["verification"]["verdict"] == "confirmed"
        analytics.add(alert["analytic"])
        document = api.get(f"/warnings/{warning['id']}/cap.xml", api.token("leader")).content
        assert schema.validate(etree.fromstring(document)), schema.error_log
    assert "forest_fire" in analytics and analytics & {"flooded_road", "water_level_rise"}


# --- import ---------------------------------------------------------------------------------------------


def test_import_stores_a_foreign_document_as_external(api: Api) -> None:
    identifier = f"NCHMF-{uuid.uuid4().hex[:12]}"
    document = FOREIGN_CAP.format(identifier=identifier).encode("utf-8")
    imported = ok(import_cap(api, document, "application/xml; charset=utf-8"), 201)
    assert imported["state"] == "external" and imported["identifier"] == identifier
    assert imported["sender"] == "nchmf.gov.vn" and imported["alert_id"] is None
    assert datetime.fromisoformat(imported["sent"]) == datetime.fromisoformat("2026-12-05T09:00:00+07:00")
    assert imported["info"][0]["headline"] == "Cảnh báo lũ trên sông Hương"
    assert imported["area"]["polygon"][0] == imported["area"]["polygon"][-1] == [16.4, 107.5]
    listed = ok(api.get("/warnings", api.token("leader"), params={"state": "external", "limit": 1000}))["items"]
    assert imported in listed
    served = api.get(f"/warnings/{imported['id']}/cap.xml", api.token("operator"))
    assert served.content == document  # kept and served as received

    again = import_cap(api, document)
    assert again.status_code == 409 and error_code(again) == "duplicate_warning"
    assert again.json()["current"]["id"] == imported["id"]
    r = api.patch(f"/warnings/{imported['id']}", api.token("supervisor"), json={"version": 1, "status": "Test"})
    assert r.status_code == 409 and error_code(r) == "warning_immutable"


def test_import_of_our_own_published_document_is_a_duplicate(api: Api, new_alert_ids: Iterator[int]) -> None:
    warning = published_warning(api, new_alert_ids)
    document = api.get(f"/warnings/{warning['id']}/cap.xml", api.token("operator")).content
    r = import_cap(api, document)
    assert r.status_code == 409 and error_code(r) == "duplicate_warning"


@pytest.mark.parametrize(
    "document, problem",
    [
        (FOREIGN_CAP.format(identifier="no-sender").replace("<sender>nchmf.gov.vn</sender>", ""), "sender"),
        (FOREIGN_CAP.format(identifier="bad-severity").replace("<severity>Severe", "<severity>Huge"), "severity"),
        (FOREIGN_CAP.format(identifier="zulu").replace("09:00:00+07:00</sent>", "02:00:00Z</sent>"), "sent"),
        (FOREIGN_CAP.format(identifier="bad-polygon").replace("16.40,107.50 16.50", "north,107.50 16.50"), "polygon"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'/>", "feed"),
    ],
)
def test_import_of_an_invalid_document_names_the_problem_and_stores_nothing(
    api: Api, document: str, problem: str
) -> None:
    before = total(api)
    r = import_cap(api, document.encode("utf-8"))
    assert r.status_code == 422, r.text
    message = r.json()["error"]["message"]
    assert "not valid CAP 1.2" in message and problem in message, message
    assert error_fields(r) == ["body"]
    assert total(api) == before


@pytest.mark.parametrize(
    "document, problem",
    [
        (BILLION_LAUGHS, "DOCTYPE not allowed"),
        (XXE, "DOCTYPE not allowed"),
        (
            FOREIGN_CAP.format(identifier="doctype")
            .replace("<alert ", '<!DOCTYPE alert SYSTEM "http://127.0.0.1:9/x.dtd">\n<alert ', 1)
            .encode(),
            "DOCTYPE not allowed",
        ),
        (b"this is not XML at all", "not well-formed XML"),
        (b"", "empty"),
        (b"\xff\xfe\x00<", "not well-formed XML"),
    ],
)
def test_import_of_a_hostile_file_is_refused_and_stores_nothing(api: Api, document: bytes, problem: str) -> None:
    before = total(api)
    r = import_cap(api, document)
    assert r.status_code == 422, r.text
    assert problem in r.json()["error"]["message"]
    assert b"root:" not in r.content  # nothing of /etc/passwd ever comes back
    assert total(api) == before


def test_import_size_and_media_type(api: Api) -> None:
    before = total(api)
    big = FOREIGN_CAP.format(identifier="big").replace("</description>", " " * MAX_CAP_BYTES + "</description>")
    r = import_cap(api, big.encode())
    assert r.status_code == 413 and error_code(r) == "payload_too_large"
    for content_type in ("application/json", "text/plain", "application/octet-stream"):
        r = import_cap(api, FOREIGN_CAP.format(identifier="typed").encode(), content_type)
        assert r.status_code == 415 and error_code(r) == "unsupported_media_type", content_type
    assert total(api) == before
