"""Alert triage and public warnings in the client: payloads as docs/API.md shapes them, the typed
calls, the outbox actions (bulk, warnings) and the synced "warning" resource in the cache."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, get_args
from urllib.parse import parse_qs, urlsplit

import pytest
from backend_process import DEMO_PASSWORDS, BackendProcess
from client_support import Reply, SeenRequest
from sqlalchemy import select
from sync_engine_support import ENGINE, TEST_CLIENT, Recorder, wait_until

from backend_client import (
    ONLINE,
    Alert,
    AlertFunnel,
    BadResponse,
    BulkResult,
    Change,
    Conflict,
    FalseAlarmStats,
    InvalidRequest,
    IocClient,
    SyncEngine,
    Warning,
    bulk_alert_action,
    bulk_result_of,
    create_warning_action,
    describe,
    publish_warning_action,
    update_warning_action,
)
from backend_client.api.actions import BULK_KIND, RECORD_ONLY_KINDS
from backend_client.api.models import RESOURCE_MODELS, ResourceName
from backend_client.api.sync_payload import decode_sync_page, parse_sync_batch
from backend_client.api.validation import parse_as
from backend_client.cache import CacheStore
from backend_client.cache.extract import RESOURCES, SYNCED_RESOURCES
from ioc_backend.db import models
from ioc_backend.db.changes import record_change
from ioc_backend.db.engine import Database
from ioc_backend.db.payloads import RESOURCES as BACKEND_RESOURCES

NOW = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
ISO = NOW.isoformat()


def iso(minutes: int) -> str:
    return (NOW + timedelta(minutes=minutes)).isoformat()


def alert_payload(alert_id: int = 7, version: int = 3, **changes: Any) -> dict[str, Any]:
    """An alert exactly as the backend of issue 12 sends it (docs/API.md "Alert")."""
    data = {
        "id": alert_id,
        "analytic": "forest_fire",
        "severity": "critical",
        "camera_id": "cam-0101",
        "ward": "Xã A Lưới",
        "lat": 16.2,
        "lon": 107.2,
        "detected_at": iso(4),
        "confidence": 0.91,
        "bbox": [0.1, 0.2, 0.3, 0.4],
        "state": "new",
        "close_reason": None,
        "owner": None,
        "notes": [],
        "verification": None,
        "dispatch": None,
        "snapshot_url": f"/api/v1/alerts/{alert_id}/snapshot.jpg",
        "detections": 3,
        "first_detected_at": ISO,
        "last_detected_at": iso(4),
        "acknowledged_at": None,
        "closed_at": None,
        "ack_due_at": iso(5),
        "close_due_at": iso(240),
        "sla_breached": False,
        "sla_breached_at": None,
        "version": version,
        "updated_at": iso(4),
    }
    data.update(changes)
    return data


def info_block(language: str = "vi-VN", **changes: Any) -> dict[str, Any]:
    block = {
        "language": language,
        "category": ["Fire"],
        "event": "Cháy rừng" if language == "vi-VN" else "Forest fire",
        "urgency": "Immediate",
        "severity": "Severe",
        "certainty": "Observed",
        "headline": "Cháy rừng tại A Lưới" if language == "vi-VN" else "Forest fire in A Luoi",
        "description": "Phát hiện khói và lửa trên camera cam-0101.",
        "instruction": "Không vào khu vực rừng; làm theo hướng dẫn của lực lượng chức năng.",
    }
    block.update(changes)
    return block


AREA = {
    "description": "Bán kính 2 km quanh camera cam-0101",
    "polygon": None,
    "circle": {"lat": 16.2, "lon": 107.2, "radius_km": 2.0},
}


def warning_payload(warning_id: int = 5, version: int = 1, **changes: Any) -> dict[str, Any]:
    """A warning exactly as the backend sends it (ioc_backend.db.payloads.warning_dict)."""
    data = {
        "id": warning_id,
        "identifier": f"VN-HUE-IOC-2026-{warning_id:06d}",
        "sender": "ioc@hue.gov.vn",
        "state": "draft",
        "status": "Actual",
        "msg_type": "Alert",
        "scope": "Public",
        "sent": None,
        "references": None,
        "references_id": None,
        "alert_id": 7,
        "info": [info_block(), info_block("en-US")],
        "area": dict(AREA),
        "created_by": "operator",
        "created_at": ISO,
        "published_by": None,
        "cap_url": f"/api/v1/warnings/{warning_id}/cap.xml",
        "version": version,
        "updated_at": ISO,
    }
    data.update(changes)
    return data


def draft_body(**changes: Any) -> dict[str, Any]:
    body = {
        "alert_id": 7,
        "msg_type": "Alert",
        "references_id": None,
        "status": "Actual",
        "scope": "Public",
        "info": [info_block(), info_block("en-US")],
        "area": dict(AREA),
    }
    body.update(changes)
    return body


def bulk_answer(succeeded: list[dict[str, Any]], failed: list[dict[str, Any]], action: str = "acknowledge") -> dict:
    return {"action": action, "succeeded": succeeded, "failed": failed}


# --- models ---------------------------------------------------------------------------------------------


def test_an_alert_carries_its_triage_fields() -> None:
    alert = parse_as(Alert, alert_payload(sla_breached=True, sla_breached_at=iso(6)))
    assert alert.detections == 3
    assert alert.first_detected_at == NOW and alert.last_detected_at == NOW + timedelta(minutes=4)
    assert alert.ack_due_at == NOW + timedelta(minutes=5) and alert.close_due_at == NOW + timedelta(hours=4)
    assert alert.sla_breached and alert.sla_breached_at == NOW + timedelta(minutes=6)
    assert alert.acknowledged_at is None and alert.closed_at is None


def test_an_alert_from_a_server_before_triage_reads_as_one_detection_without_sla() -> None:
    old = {k: v for k, v in alert_payload().items() if k not in Alert.model_fields or k in _BEFORE_TRIAGE}
    alert = parse_as(Alert, old)
    assert (alert.detections, alert.first_detected_at, alert.ack_due_at, alert.sla_breached) == (1, None, None, False)


_BEFORE_TRIAGE = {
    "id", "analytic", "severity", "camera_id", "ward", "lat", "lon", "detected_at", "confidence", "bbox", "state",
    "close_reason", "owner", "notes", "verification", "dispatch", "snapshot_url", "version", "updated_at",
}  # fmt: skip


@pytest.mark.parametrize(
    "field, value",
    [
        ("detections", 0),
        ("detections", "3"),
        ("sla_breached", "yes"),
        ("ack_due_at", "2026-12-05T08:05:00"),  # no offset
        ("first_detected_at", 1764921600),  # a Unix time, not ISO text
    ],
)
def test_a_malformed_triage_field_is_a_bad_response_naming_it(field: str, value: Any) -> None:
    with pytest.raises(BadResponse) as info:
        parse_as(Alert, alert_payload(**{field: value}))
    assert info.value.field == field


def test_a_warning_parses_with_both_languages_and_its_area() -> None:
    warning = parse_as(Warning, warning_payload(state="published", sent=iso(10), published_by="supervisor"))
    assert (warning.state, warning.msg_type, warning.alert_id) == ("published", "Alert", 7)
    assert warning.sent == NOW + timedelta(minutes=10)
    assert warning.info_for("vi").headline == "Cháy rừng tại A Lưới"
    assert warning.info_for("en-GB").headline == "Forest fire in A Luoi"
    assert warning.info_for("fr").language == "vi-VN"  # no French block: the first one
    assert warning.area.circle is not None and warning.area.circle.radius_km == 2.0 and warning.area.polygon is None


def test_an_imported_warning_may_lack_the_texts_ours_always_have() -> None:
    external = warning_payload(
        state="external",
        sent="2026-12-05T15:00:00+07:00",
        alert_id=None,
        info=[
            {
                "language": "en-US",
                "category": ["Met"],
                "event": "Flood",
                "urgency": "Expected",
                "severity": "Moderate",
                "certainty": "Likely",
            }
        ],  # fmt: skip
        area={"description": "Sông Hương", "polygon": [[16.4, 107.5], [16.5, 107.6], [16.4, 107.7], [16.4, 107.5]]},
    )
    warning = parse_as(Warning, external)
    assert warning.sent is not None and warning.sent.utcoffset() == timedelta(hours=7)
    assert warning.info[0].headline is None and warning.area.circle is None and len(warning.area.polygon or []) == 4


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"state": "archived"}, "state"),
        ({"msg_type": "Notice"}, "msg_type"),
        ({"info": []}, "info"),
        ({"info": [info_block(urgency="Soon")]}, "info.0.urgency"),
        ({"info": [info_block(category=["Fires"])]}, "info.0.category.0"),
        ({"area": {"description": "x", "polygon": [[16.4, 107.5]]}}, "area.polygon"),
        (
            {"area": {"description": "x", "circle": {"lat": 16.4, "lon": 107.5, "radius_km": -1}}},
            "area.circle.radius_km",
        ),
        ({"sent": "yesterday"}, "sent"),
    ],
)
def test_a_malformed_warning_is_a_bad_response_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(BadResponse) as info:
        parse_as(Warning, warning_payload(**changes))
    assert info.value.field == field


def test_a_bulk_answer_says_which_alerts_changed_and_which_conflicted() -> None:
    answer = bulk_answer(
        [alert_payload(7, 4, state="acknowledged", owner="operator", acknowledged_at=iso(6))],
        [
            {"id": 8, "code": "conflict", "message": "changed meanwhile", "current": alert_payload(8, 5)},
            {"id": 9, "code": "not_found", "message": "no alert 9", "current": None},
            {
                "id": 10,
                "code": "invalid_transition",
                "message": "closed",
                "current": alert_payload(10, 2, state="closed"),
            },
        ],
    )
    result = parse_as(BulkResult, answer)
    assert result.succeeded_ids == [7] and result.succeeded[0].state == "acknowledged"
    assert result.conflicted_ids == [8] and result.failed[0].current is not None
    assert result.failed[0].current.version == 5 and result.failed[1].current is None
    with pytest.raises(BadResponse) as info:
        parse_as(BulkResult, bulk_answer([], [{"id": "8", "code": "conflict", "message": "", "current": None}]))
    assert info.value.field == "failed.0.id"
    with pytest.raises(BadResponse) as info:
        parse_as(BulkResult, bulk_answer([], [], action="delete"))
    assert info.value.field == "action"


# --- typed calls, against a real loopback server answering as docs/API.md says -----------------------------
# The endpoints are built in parallel with this client; a scripted server plays them with the
# documented payloads (the reference backend runs in the sync tests below).


def _grant() -> dict[str, Any]:
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    return {
        "access_token": "access-1",
        "token_type": "bearer",
        "expires_at": later,
        "expires_in": 3600,
        "refresh_token": "refresh-1",
        "refresh_expires_at": later,
        "user": {"id": 2, "username": "supervisor", "full_name": "Giám sát viên", "role": "supervisor"},
    }


class Api:
    """Routes of a scripted backend: login plus whatever a test puts in ``answers`` (path → reply)."""

    def __init__(self) -> None:
        self.answers: dict[str, Reply] = {}

    def __call__(self, req: SeenRequest) -> Reply:
        path = urlsplit(req.path).path
        if path == "/api/v1/auth/login":
            return Reply(200, _grant())
        return self.answers.get(
            path.removeprefix("/api/v1"), Reply(404, {"error": {"code": "not_found", "message": path}})
        )


@pytest.fixture()
def api(scripted_server, make_client) -> Iterator[tuple[Api, Any, IocClient]]:
    routes = Api()
    server = scripted_server(routes)
    yield routes, server, make_client(server.url, "supervisor")


def _query(req: SeenRequest) -> dict[str, list[str]]:
    return parse_qs(urlsplit(req.path).query)


def test_alert_history_is_read_oldest_first(api) -> None:
    routes, server, client = api
    entries = [
        {"id": 1, "at": ISO, "username": None, "role": None, "action": "detected", "detail": {"confidence": 0.9}},
        {"id": 2, "at": iso(2), "username": None, "role": None, "action": "bundled", "detail": {"detections": 2}},
        {
            "id": 9,
            "at": iso(6),
            "username": "operator",
            "role": "operator",
            "action": "bulk",
            "detail": {"bulk": True, "action": "acknowledge"},
        },  # fmt: skip
    ]
    routes.answers["/alerts/7/history"] = Reply(200, {"alert_id": 7, "entries": entries})
    history = client.alert_history(7)
    assert [(e.id, e.action, e.username) for e in history] == [
        (1, "detected", None),
        (2, "bundled", None),
        (9, "bulk", "operator"),
    ]
    assert history[2].detail == {"bulk": True, "action": "acknowledge"} and history[2].role == "operator"
    routes.answers["/alerts/7/history"] = Reply(200, {"alert_id": 8, "entries": entries})
    with pytest.raises(BadResponse, match="history of alert 8"):
        client.alert_history(7)
    routes.answers["/alerts/7/history"] = Reply(200, {"alert_id": 7, "entries": [{**entries[0], "at": "now"}]})
    with pytest.raises(BadResponse) as info:
        client.alert_history(7)
    assert info.value.field == "entries.0.at"


def _funnel_row(key: str, **figures: Any) -> dict[str, Any]:
    row = {"key": key, "label_vi": "Cháy rừng", "label_en": "Forest fire", "detected": 40, "alerts": 12,
           "confirmed": 5, "false_alarms": 4, "warned": 2, "dispatched": 5, "closed": 9,
           "median_ack_s": 95.5, "median_close_s": None}  # fmt: skip
    row.update(figures)
    return row


def test_alert_funnel_sends_the_period_and_grouping_and_reads_the_figures(api) -> None:
    routes, server, client = api
    total = {k: v for k, v in _funnel_row("x").items() if k not in ("key", "label_vi", "label_en")}
    routes.answers["/stats/alert-funnel"] = Reply(
        200,
        {"since": ISO, "until": iso(60), "group_by": "category", "rows": [_funnel_row("forest_fire")], "total": total},
    )
    funnel = client.alert_funnel(NOW, NOW + timedelta(hours=1), "category")
    assert isinstance(funnel, AlertFunnel) and funnel.group_by == "category"
    row = funnel.rows[0]
    assert (row.key, row.detected, row.alerts, row.warned, row.median_ack_s, row.median_close_s) == (
        "forest_fire", 40, 12, 2, 95.5, None,
    )  # fmt: skip
    assert funnel.total.closed == 9
    assert _query(server.requests[-1]) == {"since": [ISO], "until": [iso(60)], "group_by": ["category"]}
    client.alert_funnel()  # the server's default period
    assert _query(server.requests[-1]) == {"group_by": ["analytic"]}
    sent = len(server.requests)
    with pytest.raises(ValueError, match="group_by"):
        client.alert_funnel(group_by="camera")
    assert len(server.requests) == sent  # refused before any request
    routes.answers["/stats/alert-funnel"] = Reply(
        200,
        {"since": ISO, "until": iso(60), "group_by": "ward", "rows": [_funnel_row("x", detected=-1)], "total": total},
    )
    with pytest.raises(BadResponse) as info:
        client.alert_funnel(group_by="ward")
    assert info.value.field == "rows.0.detected"


def test_false_alarm_statistics_are_read_per_detector(api) -> None:
    routes, server, client = api
    rows = [{"camera_id": "cam-0101", "camera_name": "A Lưới 1", "analytic": "forest_fire", "alerts": 10,
             "false_alarms": 7, "share": 0.7}]  # fmt: skip
    routes.answers["/stats/alert-false-alarms"] = Reply(
        200, {"as_of": iso(1), "since": ISO, "until": iso(60), "rows": rows}
    )
    stats = client.alert_false_alarms(NOW, min_alerts=3)
    assert isinstance(stats, FalseAlarmStats) and stats.as_of == NOW + timedelta(minutes=1)
    assert (stats.rows[0].camera_name, stats.rows[0].false_alarms, stats.rows[0].share) == ("A Lưới 1", 7, 0.7)
    assert _query(server.requests[-1]) == {"since": [ISO], "min_alerts": ["3"]}
    routes.answers["/stats/alert-false-alarms"] = Reply(
        200, {"as_of": iso(1), "since": ISO, "until": iso(60), "rows": [{**rows[0], "share": 1.4}]}
    )
    with pytest.raises(BadResponse) as info:
        client.alert_false_alarms()
    assert info.value.field == "rows.0.share"


def test_warnings_are_listed_over_every_page_and_read_one_by_one(api) -> None:
    routes, server, client = api
    routes.answers["/warnings"] = Reply(
        200,
        {
            "items": [warning_payload(1), warning_payload(2, state="published", sent=iso(3))],
            "total": 2,
            "limit": 500,
            "offset": 0,
        },  # fmt: skip
    )
    routes.answers["/warnings/2"] = Reply(200, warning_payload(2, state="published", sent=iso(3)))
    assert [w.id for w in client.warnings(state="published")] == [1, 2]
    assert _query(server.requests[-1]) == {"limit": ["500"], "offset": ["0"], "state": ["published"]}
    assert client.warning(2).state == "published"
    routes.answers["/warnings/2"] = Reply(200, warning_payload(2, scope="Everyone"))
    with pytest.raises(BadResponse) as info:
        client.warning(2)
    assert info.value.field == "scope"


def test_the_cap_document_is_returned_as_sent_and_checked_to_be_xml(api) -> None:
    routes, server, client = api
    xml = b'<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>'
    routes.answers["/warnings/5/cap.xml"] = Reply(200, xml, headers={"Content-Type": "application/cap+xml"})
    assert client.warning_cap_xml(5) == xml
    assert "application/cap+xml" in server.requests[-1].headers["Accept"]
    routes.answers["/warnings/5/cap.xml"] = Reply(200, {"not": "xml"})
    with pytest.raises(BadResponse, match="not XML"):
        client.warning_cap_xml(5)


def test_a_cap_import_uploads_the_bytes_and_reports_refusals(api) -> None:
    routes, server, client = api
    external = warning_payload(9, state="external", sent=iso(-30), alert_id=None, created_by="supervisor")
    routes.answers["/warnings/import"] = Reply(201, external)
    xml = "<alert>…</alert>".encode()
    warning = client.import_warning(xml, idempotency_key="import-1")
    seen = server.requests[-1]
    assert (seen.method, seen.body, seen.headers["Content-Type"]) == ("POST", xml, "application/cap+xml")
    assert seen.headers["Idempotency-Key"] == "import-1"
    assert (warning.id, warning.state) == (9, "external")
    problem = {"code": "invalid_cap", "message": "Element 'urgency': 'Soon' is not a valid value"}
    routes.answers["/warnings/import"] = Reply(422, {"error": problem})
    with pytest.raises(InvalidRequest, match="urgency") as refused:
        client.import_warning(xml)
    assert (refused.value.status, refused.value.code) == (422, "invalid_cap")
    routes.answers["/warnings/import"] = Reply(
        409, {"error": {"code": "duplicate_warning", "message": "already imported"}}
    )
    with pytest.raises(Conflict):
        client.import_warning(xml)
    sent = len(server.requests)
    with pytest.raises(ValueError, match="empty"):
        client.import_warning(b"  \n")
    with pytest.raises(ValueError, match="at most 1048576"):
        client.import_warning(b"<" + b"x" * (1024 * 1024))
    assert len(server.requests) == sent


def test_the_alert_list_gains_the_triage_filters(api) -> None:
    routes, server, client = api
    routes.answers["/alerts"] = Reply(200, {"items": [alert_payload()], "total": 1, "limit": 100, "offset": 0})
    page = client.list_alerts(sla_breached=True, owner="operator", category="forest_fire")
    assert page.items[0].detections == 3
    assert _query(server.requests[-1]) == {
        "limit": ["100"], "offset": ["0"], "sla_breached": ["true"], "owner": ["operator"], "category": ["forest_fire"],
    }  # fmt: skip


# --- outbox actions ------------------------------------------------------------------------------------------


def test_bulk_actions_make_the_documented_request() -> None:
    seen = [alert_payload(7, 3), {"id": "8", "version": 1}, parse_as(Alert, alert_payload(9, 12))]
    action = bulk_alert_action("acknowledge", seen)
    assert (action.kind, action.method, action.path, action.resource) == (BULK_KIND, "POST", "/alerts/bulk", "alert")
    assert action.resource_id == "" and action.base_version is None  # the versions travel per alert
    assert action.body == {
        "action": "acknowledge",
        "items": [{"id": 7, "version": 3}, {"id": 8, "version": 1}, {"id": 9, "version": 12}],
        "note": None,
    }
    close = bulk_alert_action("close", seen[:1], reason="duplicate", note="Trùng với #6")
    assert close.body == {
        "action": "close",
        "items": [{"id": 7, "version": 3}],
        "reason": "duplicate",
        "note": "Trùng với #6",
    }
    dispatch = bulk_alert_action("dispatch", seen[:1], unit="  Công an phường Phú Hội ")
    assert dispatch.body["unit"] == "Công an phường Phú Hội" and "reason" not in dispatch.body
    assert bulk_alert_action("false_alarm", seen[:1]).body == {
        "action": "false_alarm",
        "items": [{"id": 7, "version": 3}],
        "note": None,
    }
    assert describe(close) == "bulk close of 1 alert(s) (duplicate)"
    assert describe(dispatch) == "bulk dispatch of 1 alert(s) to 'Công an phường Phú Hội'"
    assert BULK_KIND in RECORD_ONLY_KINDS  # its answer is a record, never cached as an alert
    five_hundred = [{"id": i, "version": 1} for i in range(1, 501)]
    assert len(bulk_alert_action("acknowledge", five_hundred).body["items"]) == 500


@pytest.mark.parametrize(
    "action, alerts, options, problem",
    [
        ("delete", [{"id": 1, "version": 1}], {}, "not one of"),
        ("acknowledge", [], {}, "at least one"),
        ("acknowledge", [{"id": i, "version": 1} for i in range(1, 502)], {}, "at most 500"),
        ("acknowledge", [{"id": 1, "version": 1}, {"id": 1, "version": 2}], {}, "selected twice"),
        ("acknowledge", [{"id": 1, "version": 0}], {}, "version"),
        ("acknowledge", [{"id": "cam-1", "version": 1}], {}, "alert id"),
        ("acknowledge", [{"version": 1}], {}, "no 'id'"),
        ("close", [{"id": 1, "version": 1}], {}, "Close reason"),
        ("close", [{"id": 1, "version": 1}], {"reason": "bored"}, "Close reason"),
        ("acknowledge", [{"id": 1, "version": 1}], {"reason": "resolved"}, "Only closing"),
        ("dispatch", [{"id": 1, "version": 1}], {"unit": "  "}, "Name the unit"),
        ("dispatch", [{"id": 1, "version": 1}], {"unit": "u" * 201}, "at most 200"),
        ("close", [{"id": 1, "version": 1}], {"reason": "resolved", "unit": "x"}, "Only dispatching"),
        ("acknowledge", [{"id": 1, "version": 1}], {"note": "n" * 2001}, "at most 2000"),
    ],
)
def test_bulk_actions_refuse_what_the_server_would(action: str, alerts: list, options: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        bulk_alert_action(action, alerts, **options)


def test_warning_actions_make_the_documented_requests() -> None:
    create = create_warning_action(draft_body())
    assert (create.kind, create.method, create.path, create.resource) == (
        "warning.create",
        "POST",
        "/warnings",
        "warning",
    )
    assert create.body == draft_body() and create.base_version is None
    # Defaults the API documents, and texts trimmed; a model is taken as its JSON.
    minimal = create_warning_action(
        {
            "info": [info_block(headline="  Cháy rừng  ")],
            "area": {"description": "A Lưới", "polygon": [[16, 107], [16.1, 107], [16, 107.1]]},
        }
    )
    assert (
        minimal.body["msg_type"] == "Alert" and minimal.body["status"] == "Actual" and minimal.body["scope"] == "Public"
    )
    assert minimal.body["info"][0]["headline"] == "Cháy rừng" and minimal.body["alert_id"] is None
    assert minimal.body["area"] == {
        "description": "A Lưới",
        "polygon": [[16.0, 107.0], [16.1, 107.0], [16.0, 107.1]],
        "circle": None,
    }
    seen = parse_as(Warning, warning_payload(5, 2))
    expires = datetime(2026, 12, 6, tzinfo=UTC)
    update = update_warning_action(seen, info=[*seen.info[:1], info_block("en-US", expires=expires)], status="Exercise")
    assert (update.kind, update.method, update.path) == ("warning.update", "PATCH", "/warnings/5")
    assert (update.resource, update.resource_id, update.base_version) == ("warning", "5", 2)
    assert update.body["version"] == 2 and update.body["status"] == "Exercise"
    assert update.body["info"][1]["expires"] == expires.isoformat() and update.body["info"][0]["language"] == "vi-VN"
    json.dumps(update.body)  # storable as JSON in the outbox
    publish = publish_warning_action(warning_payload(5, 3))
    assert (publish.kind, publish.method, publish.path, publish.body) == (
        "warning.publish",
        "POST",
        "/warnings/5/publish",
        {"version": 3},
    )
    assert (publish.resource_id, publish.base_version) == ("5", 3)
    update_msg = create_warning_action(draft_body(msg_type="Update", references_id=4, alert_id=None))
    assert update_msg.body["references_id"] == 4
    assert describe(publish) == "publish warning 5" and describe(create) == "draft a public warning from alert 7"


@pytest.mark.parametrize(
    "body, problem",
    [
        (draft_body(msg_type="Ack"), "Message type"),
        (draft_body(msg_type="Update"), "published warning it replaces"),
        (draft_body(references_id=3), "refers to no earlier"),
        (draft_body(status="Draft"), "Status"),
        (draft_body(scope="Private"), "Scope"),
        (draft_body(alert_id=0), "alert id"),
        (draft_body(info=[info_block("en-US")]), "vi-VN"),
        (draft_body(info=[info_block(), info_block()]), "its own language"),
        (draft_body(info=[info_block(lang) for lang in ("vi-VN", "en-US", "fr-FR", "de-DE", "ja-JP")]), "1 to 4"),
        (draft_body(info=[info_block(headline=" ")]), "headline"),
        (draft_body(info=[info_block(category=[])]), "category"),
        (draft_body(info=[info_block(severity="Bad")]), "severity"),
        (draft_body(info=[info_block(expires="2026-12-06T00:00:00")]), "time zone"),
        (draft_body(info=[info_block(colour="red")]), "unknown fields"),
        (draft_body(area={"description": "A Lưới"}), "polygon or a circle"),
        (draft_body(area={"description": "x", "polygon": [[16, 107], [16, 107.1]]}), "at least 3"),
        (draft_body(area={"description": "x", "polygon": [[96, 107], [16, 107], [16, 108]]}), "latitude"),
        (draft_body(area={"description": "x", "circle": {"lat": 16, "lon": 107, "radius_km": 0}}), "more than 0"),
        (draft_body(area={"description": "x", "circle": {"lat": 16, "lon": float("nan"), "radius_km": 1}}), "number"),
        (draft_body(identifier="mine"), "no fields"),
    ],
)
def test_a_warning_the_server_would_refuse_is_not_queued(body: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        create_warning_action(body)


def test_published_and_imported_warnings_are_immutable_here_too() -> None:
    for state in ("published", "external"):
        with pytest.raises(ValueError, match="only a draft"):
            publish_warning_action(warning_payload(5, 2, state=state))
        with pytest.raises(ValueError, match="only a draft"):
            update_warning_action(warning_payload(5, 2, state=state), status="Test")
    with pytest.raises(ValueError, match="cannot change"):
        update_warning_action(warning_payload(), alert_id=3)
    with pytest.raises(ValueError, match="at least one"):
        update_warning_action(warning_payload())


def test_bulk_result_of_reads_only_an_applied_bulk_entry() -> None:
    answer = bulk_answer([alert_payload(7, 4, state="acknowledged")], [])
    entry = {"kind": BULK_KIND, "state": "applied", "response": answer}
    result = bulk_result_of(entry)
    assert result is not None and result.succeeded_ids == [7] and result.failed == []
    assert bulk_result_of({**entry, "state": "pending", "response": None}) is None
    assert bulk_result_of({**entry, "kind": "alert.acknowledged"}) is None
    with pytest.raises(BadResponse) as info:
        bulk_result_of({**entry, "response": {"action": "acknowledge", "succeeded": [{"id": 7}], "failed": []}})
    assert info.value.field.startswith("succeeded.0.")


# --- the cache: "warning" is a synced resource ---------------------------------------------------------------


def test_warning_is_a_synced_and_cached_resource() -> None:
    assert "warning" in SYNCED_RESOURCES and "warning" in RESOURCES and RESOURCE_MODELS["warning"] is Warning
    # The client syncs exactly what the backend logs changes of.
    assert sorted(SYNCED_RESOURCES) == sorted(BACKEND_RESOURCES) == sorted(get_args(ResourceName))
    change = {"seq": 12, "resource": "warning", "id": "5", "op": "upsert", "data": warning_payload()}
    page = decode_sync_page(json.dumps({"changes": [change], "cursor": "12", "has_more": False}).encode())
    row = page.upserts[0]
    assert row[:9] == ("warning", "5", 12, 1, ISO, "draft", None, "Alert", ISO)
    assert isinstance(page.changes[0].model(), Warning)
    live = parse_as(Change, change)  # a live event: validated in full on the way in
    assert isinstance(live.model(), Warning) and live.model().identifier == "VN-HUE-IOC-2026-000005"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"state": "burnt"}, "changes.0.data.state"),
        ({"msg_type": 3}, "changes.0.data.msg_type"),
        ({"id": "5"}, "changes.0.data.id"),
        ({"created_at": None}, "changes.0.data.created_at"),
    ],
)
def test_a_malformed_warning_in_a_sync_page_is_named_and_nothing_is_cached(changes: dict, field: str) -> None:
    change = {"seq": 12, "resource": "warning", "id": "5", "op": "upsert", "data": warning_payload(**changes)}
    with pytest.raises(BadResponse) as info:
        parse_sync_batch({"changes": [change], "cursor": "12", "has_more": False})
    assert info.value.field == field


def test_a_warning_the_server_answers_a_draft_with_is_cached(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache.sqlite3")
    try:
        action = create_warning_action(draft_body())
        entry = store.enqueue(action.kind, action.method, action.path, action.body, resource=action.resource,
                              resource_id=None, base_version=None)  # fmt: skip
        store.mark_sending(entry.id)
        settled = store.settle_applied(
            entry.id, warning_payload(5, 1), update_resource=action.kind not in RECORD_ONLY_KINDS
        )
        assert settled.cached and store.get("warning", 5)["identifier"] == "VN-HUE-IOC-2026-000005"
        assert store.count("warning", state="draft") == 1 and store.counts()["warning"] == 1
    finally:
        store.close()


def _insert_warnings(db_path: Path) -> list[int]:
    """Two warnings written the way the backend writes any resource (record_change: version, seq, change log)."""
    db = Database(f"sqlite:///{db_path}")
    try:
        with db.write() as session:
            alert_id = session.execute(select(models.Alert.id).limit(1)).scalar_one()
            rows = [
                models.PublicWarning(
                    identifier=f"VN-HUE-IOC-TEST-{n}",
                    sender="ioc@hue.gov.vn",
                    state=state,
                    status="Actual",
                    msg_type="Alert",
                    scope="Public",
                    sent=sent,
                    alert_id=linked,
                    info=[info_block(), info_block("en-US")],
                    area=dict(AREA),
                    created_by="operator",
                    created_at=NOW,
                    published_by=by,
                )  # fmt: skip
                for n, (state, sent, linked, by) in enumerate(
                    [("draft", None, alert_id, None), ("published", NOW + timedelta(minutes=3), None, "supervisor")]
                )
            ]
            for row in rows:
                record_change(session, row, created=True)
            return [row.id for row in rows]
    finally:
        db.dispose()


def test_warnings_written_on_the_backend_reach_the_cache_through_sync(
    fresh_backend: BackendProcess, tmp_path: Path
) -> None:
    with sqlite3.connect(fresh_backend.db_path) as db:
        seeded = db.execute("SELECT count(*) FROM warnings").fetchone()[0]  # the demo's published warnings
    ids = _insert_warnings(fresh_backend.db_path)
    client = IocClient(fresh_backend.url, **TEST_CLIENT)
    client.login("operator", DEMO_PASSWORDS["operator"])
    store = CacheStore(tmp_path / "cache.sqlite3")
    recorder = Recorder()
    engine = SyncEngine(client, store, **recorder.callbacks(), **ENGINE)
    try:
        engine.start()
        wait_until(lambda: engine.status.state == ONLINE and store.count("warning") == seeded + 2, "warnings cached")
        draft, published = (store.get("warning", i) for i in ids)
        assert draft is not None and published is not None
        assert draft["state"] == "draft" and draft["sent"] is None
        assert (
            published["published_by"] == "supervisor" and published["cap_url"] == f"/api/v1/warnings/{ids[1]}/cap.xml"
        )
        assert [w["id"] for w in store.list("warning", state="published") if w["id"] in ids] == [ids[1]]
        typed = parse_as(Warning, published)
        assert typed.sent == NOW + timedelta(minutes=3) and typed.info_for("vi").event == "Cháy rừng"
        # The backend's own payloads carry no field the client models leave out.
        assert set(published) <= set(Warning.model_fields)
        alert_row = store.list("alert", limit=1)[0]
        assert set(alert_row) <= set(Alert.model_fields) and parse_as(Alert, alert_row).detections >= 1
        # The catch-up tells listeners about them, typed on first read.
        with recorder._lock:
            warned = [c for c in recorder.changes if c.resource == "warning"]
        assert sorted(int(c.id) for c in warned if int(c.id) in ids) == ids
        assert all(isinstance(c.model(), Warning) for c in warned)
    finally:
        engine.stop()
        client.close()
        store.close()
    assert "Traceback" not in fresh_backend.log()


# --- the outbox records a bulk action's answer (and caches a drafted warning) ----------------------------------


class OutboxBackend:
    """A scripted backend for the sync engine: health, login, an empty /sync, a quiet event stream,
    and the documented answers of POST /alerts/bulk and POST /warnings."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.bulk_answer: dict[str, Any] = {}

    def __call__(self, req: SeenRequest) -> Any:
        path = urlsplit(req.path).path.removeprefix("/api/v1")
        if path == "/health":
            return Reply(200, {"status": "ok", "version": "test", "time": datetime.now(UTC).isoformat(), "demo": True})
        if path == "/auth/login":
            return Reply(200, _grant())
        if path == "/sync":
            return Reply(200, {"changes": [], "cursor": "0", "has_more": False})
        if path == "/events":

            def stream(handler: Any) -> None:
                handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
                handler.wfile.write(b": hello\n\n")
                handler.wfile.flush()
                while not self.release.wait(0.2):
                    handler.wfile.write(b": heartbeat\n\n")
                    handler.wfile.flush()

            return stream
        if path == "/alerts/bulk" and req.method == "POST":
            return Reply(200, self.bulk_answer)
        if path == "/warnings" and req.method == "POST":
            return Reply(201, warning_payload(5, 1))
        return Reply(404, {"error": {"code": "not_found", "message": path}})


def test_the_engine_records_a_bulk_answer_and_caches_a_new_draft(scripted_server, tmp_path: Path) -> None:
    backend = OutboxBackend()
    server = scripted_server(backend)
    client = IocClient(server.url, **TEST_CLIENT)
    client.login("supervisor", "any")
    store = CacheStore(tmp_path / "cache.sqlite3")
    seen = [alert_payload(7, 3), alert_payload(8, 1)]
    store.apply_changes([{"seq": i + 1, "resource": "alert", "id": str(a["id"]), "op": "upsert", "data": a}
                         for i, a in enumerate(seen)], "0")  # fmt: skip
    backend.bulk_answer = bulk_answer(
        [alert_payload(7, 4, state="acknowledged", owner="supervisor")],
        [{"id": 8, "code": "conflict", "message": "alert 8 changed meanwhile", "current": alert_payload(8, 2)}],
    )
    engine = SyncEngine(client, store, **Recorder().callbacks(), **ENGINE)
    try:
        engine.start()
        wait_until(lambda: engine.status.state == ONLINE, "engine online")
        bulk = engine.submit(bulk_alert_action("acknowledge", seen))
        draft = engine.submit(create_warning_action(draft_body()))
        wait_until(lambda: store.entry(draft.id).state == "applied", "both sent")
        applied = store.entry(bulk.id)
        assert applied.state == "applied" and applied.resource_id is None
        result = bulk_result_of(applied)
        assert result is not None and result.succeeded_ids == [7] and result.conflicted_ids == [8]
        assert result.failed[0].current is not None and result.failed[0].current.version == 2
        # Recorded, not merged: the alerts change in the cache through their own change events.
        assert store.get("alert", 7)["version"] == 3 and store.get("alert", 8)["version"] == 1
        assert store.get("warning", 5)["state"] == "draft"
        sent = [r for r in server.requests if r.method == "POST" and not r.path.endswith("/auth/login")]
        assert [urlsplit(r.path).path for r in sent] == ["/api/v1/alerts/bulk", "/api/v1/warnings"]
        assert json.loads(sent[0].body) == bulk_alert_action("acknowledge", seen).body
        assert sent[0].headers["Idempotency-Key"] == applied.idempotency_key
    finally:
        backend.release.set()
        engine.stop()
        client.close()
        store.close()
