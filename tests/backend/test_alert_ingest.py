"""POST /alerts/detections on the real backend: bundling windows, SLA due times, validation, roles;
and the bundling rules of ioc_backend.alerting.ingest as plain functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alert_support import AlertMaker, detection, now_utc, parse
from backend_testkit import Api, error_code, error_fields, private_backend_fixtures

from ioc_backend.alerting.ingest import Detection, absorb_changes, joins, new_alert_fields
from ioc_domain.alert_sla import bundle_window_s, due_times

CAMERA = {"ward": "Phường Thuận Hóa", "lat": 16.46, "lon": 107.59}


backend, api = private_backend_fixtures("ingest")


@pytest.fixture(scope="module")
def maker(api: Api) -> AlertMaker:
    return AlertMaker(api)


def post(api: Api, detections: list[dict[str, Any]], role: str = "admin") -> Any:
    return api.post("/alerts/detections", api.token(role), json={"detections": detections})


def alert(api: Api, alert_id: int) -> dict[str, Any]:
    return api.get(f"/alerts/{alert_id}", api.token("operator")).json()


def total_alerts(api: Api) -> int:
    return api.get("/alerts", api.token("operator"), params={"limit": 1}).json()["total"]


# --- over HTTP ---------------------------------------------------------------------------------------


def test_detections_inside_the_window_join_one_alert(api: Api, maker: AlertMaker) -> None:
    cam, t0 = maker.camera(), now_utc() - timedelta(minutes=40)
    window = timedelta(seconds=bundle_window_s("illegal_parking"))  # 15 min
    first_box, last_box = [0.1, 0.1, 0.2, 0.2], [0.5, 0.4, 0.25, 0.3]
    results = maker.ingest(
        [
            detection(cam, "illegal_parking", t0, bbox=first_box, confidence=0.7),
            detection(cam, "illegal_parking", t0 + window - timedelta(seconds=1), confidence=0.8),
            # 2 windows after the first, but within one of the second: still the same alert.
            detection(cam, "illegal_parking", t0 + 2 * window - timedelta(seconds=2), bbox=last_box, confidence=0.9),
        ]
    )
    assert [r["bundled"] for r in results] == [False, True, True]
    assert len({r["alert_id"] for r in results}) == 1
    a = alert(api, results[0]["alert_id"])
    assert a["detections"] == 3 and a["state"] == "new"
    assert parse(a["first_detected_at"]) == t0.replace(microsecond=(t0.microsecond // 1000) * 1000)
    assert parse(a["last_detected_at"]) == parse(a["detected_at"])
    assert parse(a["last_detected_at"]) - parse(a["first_detected_at"]) == 2 * window - timedelta(seconds=2)
    assert a["bbox"] == last_box and a["confidence"] == 0.9  # the latest detection's snapshot data
    # Due times are counted from the first detection (product data, ioc_domain.alert_sla).
    ack_due, close_due = due_times("illegal_parking", "warning", parse(a["first_detected_at"]))
    assert (parse(a["ack_due_at"]), parse(a["close_due_at"])) == (ack_due, close_due)
    entries = api.get(f"/alerts/{a['id']}/history", api.token("operator")).json()["entries"]
    assert [e["action"] for e in entries] == ["detected", "bundled", "bundled"]
    assert [e["detail"].get("detections") for e in entries] == [None, 2, 3]
    assert entries[-1]["detail"]["bbox"] == last_box and entries[-1]["username"] is None


def test_a_detection_after_the_window_opens_a_new_alert(api: Api, maker: AlertMaker) -> None:
    cam, t0 = maker.camera(), now_utc() - timedelta(minutes=50)
    window = timedelta(seconds=bundle_window_s("wrong_way"))
    results = maker.ingest(
        [detection(cam, "wrong_way", t0), detection(cam, "wrong_way", t0 + window + timedelta(seconds=1))]
    )
    assert [r["bundled"] for r in results] == [False, False]
    assert results[0]["alert_id"] != results[1]["alert_id"]
    assert alert(api, results[0]["alert_id"])["detections"] == 1


def test_other_camera_or_other_analytic_opens_a_new_alert(api: Api, maker: AlertMaker) -> None:
    cam, other_cam, t0 = maker.camera(), maker.camera(), now_utc() - timedelta(minutes=5)
    results = maker.ingest(
        [
            detection(cam, "smoke", t0),
            detection(other_cam, "smoke", t0 + timedelta(seconds=10)),
            detection(cam, "forest_fire", t0 + timedelta(seconds=20)),
            detection(cam, "smoke", t0 + timedelta(seconds=30)),
        ]
    )
    assert [r["bundled"] for r in results] == [False, False, False, True]
    ids = [r["alert_id"] for r in results]
    assert len(set(ids[:3])) == 3 and ids[3] == ids[0]
    assert alert(api, ids[1])["camera_id"] == other_cam and alert(api, ids[2])["analytic"] == "forest_fire"


def test_a_closed_alert_takes_no_more_detections(api: Api, maker: AlertMaker) -> None:
    cam = maker.camera()
    first = maker.ingest([detection(cam, "overflowing_bin", now_utc() - timedelta(minutes=3))])[0]
    current = alert(api, first["alert_id"])
    r = api.post(
        f"/alerts/{current['id']}/transition",
        api.token("operator"),
        json={"to": "closed", "reason": "resolved", "version": current["version"]},
    )
    assert r.status_code == 200, r.text
    again = maker.ingest([detection(cam, "overflowing_bin", now_utc())])[0]
    assert again["bundled"] is False and again["alert_id"] != first["alert_id"]
    assert alert(api, first["alert_id"])["detections"] == 1


def test_an_acknowledged_alert_still_bundles_and_results_follow_input_order(api: Api, maker: AlertMaker) -> None:
    cam, t0 = maker.camera(), now_utc() - timedelta(minutes=8)
    opened = maker.ingest([detection(cam, "loitering", t0)])[0]
    current = alert(api, opened["alert_id"])
    r = api.post(
        f"/alerts/{current['id']}/transition",
        api.token("operator"),
        json={"to": "acknowledged", "version": current["version"]},
    )
    assert r.status_code == 200
    # Sent newest first: applied oldest first, answered in the order sent.
    results = maker.ingest(
        [detection(cam, "loitering", t0 + timedelta(minutes=2)), detection(cam, "loitering", t0 + timedelta(minutes=1))]
    )
    assert results == [{"alert_id": opened["alert_id"], "bundled": True}] * 2
    after = alert(api, opened["alert_id"])
    assert after["state"] == "acknowledged" and after["detections"] == 3 and after["owner"] == "operator"
    # One change event per alert and batch, however many of its detections the batch held.
    assert after["version"] == r.json()["version"] + 1


def test_a_stronger_detection_raises_severity_and_shortens_due_times(api: Api, maker: AlertMaker) -> None:
    cam, t0 = maker.camera(), now_utc() - timedelta(minutes=1)
    results = maker.ingest(
        [
            detection(cam, "forest_fire", t0, severity="warning"),
            detection(cam, "forest_fire", t0 + timedelta(seconds=30), severity="critical"),
        ]
    )
    a = alert(api, results[0]["alert_id"])
    assert a["severity"] == "critical" and a["detections"] == 2
    ack_due, close_due = due_times("forest_fire", "critical", parse(a["first_detected_at"]))
    assert (parse(a["ack_due_at"]), parse(a["close_due_at"])) == (ack_due, close_due)


@pytest.mark.parametrize(
    ("detections", "field", "words"),
    [
        ([], "body.detections", "at least 1"),
        ("too_many", "body.detections", "at most 1000"),
        ([{"camera_id": "cam-9999"}], "body.detections.0.camera_id", "unknown camera 'cam-9999'"),
        ([{"analytic": "ufo"}], "body.detections.0.analytic", "unknown analytic code 'ufo'"),
        ([{"detected_at": "old"}], "body.detections.0.detected_at", "more than a year in the past"),
        ([{"detected_at": "ahead"}], "body.detections.0.detected_at", "more than 10 minutes in the future"),
        ([{"confidence": 1.5}], "body.detections.0.confidence", "less than or equal to 1"),
        ([{"bbox": [0.1, 0.1, 0.2]}], "body.detections.0.bbox", "at least 4"),
        ([{"bbox": [0.9, 0.1, 0.5, 0.2]}], "body.detections.0.bbox", "inside the frame"),
        ([{"severity": "extreme"}], "body.detections.0.severity", "'info', 'warning' or 'critical'"),
        ([{"detected_at": "2026-01-01T08:00:00"}], "body.detections.0.detected_at", "timezone"),
    ],
)
def test_invalid_batches_are_422_naming_the_problem_and_store_nothing(
    api: Api, maker: AlertMaker, detections: Any, field: str, words: str
) -> None:
    cam = maker.camera()
    stamps = {"old": now_utc() - timedelta(days=366), "ahead": now_utc() + timedelta(minutes=11)}
    good = detection(cam, "wrong_way", now_utc())
    if detections == "too_many":
        body = [good] * 1001
    elif detections:
        over = {k: stamps[v].isoformat() if isinstance(v, str) and v in stamps else v for k, v in detections[0].items()}
        # A good detection first: the whole batch is refused, the good one with it.
        body = [good, {**good, **over}]
    else:
        body = []
    before = total_alerts(api)
    r = post(api, body)
    assert r.status_code == 422 and error_code(r) == "validation_error", r.text
    assert error_fields(r) == [field.replace("detections.0", "detections.1")], r.text
    assert words in r.text, r.text
    assert total_alerts(api) == before


def test_every_problem_of_a_batch_is_listed(api: Api) -> None:
    ahead = (now_utc() + timedelta(hours=1)).isoformat()
    bad = [
        detection("cam-9998", "ufo", now_utc()),
        detection("cam-0001", "smoke", datetime(2020, 1, 1, tzinfo=UTC)),
        detection("cam-0001", "smoke", datetime.fromisoformat(ahead)),
    ]
    r = post(api, bad)
    assert r.status_code == 422
    assert error_fields(r) == [
        "body.detections.0.camera_id",
        "body.detections.0.analytic",
        "body.detections.1.detected_at",
        "body.detections.2.detected_at",
    ]
    assert "nothing was stored" in r.json()["error"]["message"]


@pytest.mark.parametrize("role", ["operator", "supervisor", "leader", "participant"])
def test_only_the_ingest_role_may_post_detections(api: Api, maker: AlertMaker, role: str) -> None:
    before = total_alerts(api)
    r = post(api, [detection(maker.camera(), "wrong_way", now_utc())], role)
    assert r.status_code == 403 and error_code(r) == "forbidden"
    assert total_alerts(api) == before


def test_a_batch_of_1000_is_taken_and_replayed_by_key(api: Api, maker: AlertMaker) -> None:
    t0 = now_utc() - timedelta(minutes=30)
    cams = [maker.camera() for _ in range(10)]
    batch = [detection(cams[i % 10], "street_vending", t0 + timedelta(seconds=i)) for i in range(1000)]
    before = total_alerts(api)
    headers = {"Idempotency-Key": "ingest-1000"}
    r = api.post("/alerts/detections", api.token("admin"), json={"detections": batch}, headers=headers)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == 1000 and sum(not x["bundled"] for x in results) == 10
    assert total_alerts(api) == before + 10
    assert {alert(api, x["alert_id"])["detections"] for x in results[:10]} == {100}
    again = api.post("/alerts/detections", api.token("admin"), json={"detections": batch}, headers=headers)
    assert again.json() == r.json() and again.headers.get("Idempotent-Replayed") == "true"
    assert total_alerts(api) == before + 10


# --- the rules as functions ----------------------------------------------------------------------------

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def det(at: datetime, camera: str = "cam-1", analytic: str = "smoke", **over: Any) -> Detection:
    fields = {"severity": "warning", "confidence": 0.8, "bbox": (0.1, 0.1, 0.2, 0.2), **over}
    return Detection(camera, analytic, fields["severity"], fields["confidence"], fields["bbox"], at)


def test_new_alert_fields_carry_due_times_and_one_detection() -> None:
    fields = new_alert_fields(det(T0), CAMERA)
    assert fields["detections"] == 1 and fields["first_detected_at"] == fields["last_detected_at"] == T0
    assert (fields["ack_due_at"], fields["close_due_at"]) == due_times("smoke", "warning", T0)
    assert fields["state"] == "new" and fields["sla_breached"] is False and fields["ward"] == CAMERA["ward"]


def test_joins_within_the_window_on_either_side_only() -> None:
    window = timedelta(seconds=bundle_window_s("smoke"))
    a = new_alert_fields(det(T0), CAMERA)
    assert joins(a, det(T0 + window))
    assert not joins(a, det(T0 + window + timedelta(seconds=1)))
    assert joins(a, det(T0 - window))  # delivered late
    assert not joins(a, det(T0 - window - timedelta(seconds=1)))
    assert not joins(a, det(T0, camera="cam-2")) and not joins(a, det(T0, analytic="forest_fire"))
    assert not joins({**a, "state": "closed"}, det(T0))
    assert joins({**a, "state": "in_progress"}, det(T0))


def test_a_late_detection_moves_first_but_not_the_snapshot() -> None:
    a = new_alert_fields(det(T0, bbox=(0.5, 0.5, 0.1, 0.1)), CAMERA)
    late = absorb_changes(a, det(T0 - timedelta(minutes=1)))
    assert late == {"detections": 2, "first_detected_at": T0 - timedelta(minutes=1), "last_detected_at": T0}
    weaker = absorb_changes(a, det(T0 + timedelta(minutes=1), severity="info"))
    assert "severity" not in weaker and weaker["bbox"] == [0.1, 0.1, 0.2, 0.2]
