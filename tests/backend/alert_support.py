"""Alerts made for one test through POST /alerts/detections (admin), so tests never compete for the
seeded 'new' alerts, and a second operator account for the two-operators tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from backend_testkit import Api

from ioc_backend.db.engine import Database
from ioc_backend.db.users import create_user

SECOND_OPERATOR = ("operator2", "hue-operator-2")


def now_utc() -> datetime:
    return datetime.now(UTC)


def detection(camera_id: str, analytic: str, at: datetime, **over: Any) -> dict[str, Any]:
    body = {
        "camera_id": camera_id,
        "analytic": analytic,
        "severity": "warning",
        "confidence": 0.87,
        "bbox": [0.1, 0.2, 0.3, 0.25],
        "detected_at": at.isoformat(),
    }
    body.update(over)
    return body


class AlertMaker:
    """Opens alerts on cameras taken in turn (one camera each), never bundled into another."""

    def __init__(self, api: Api) -> None:
        self.api = api
        cams = api.get("/cameras", api.token("admin"), params={"limit": 1000}).json()["items"]
        self._cameras = itertools.cycle([c["id"] for c in cams][::-1])

    def camera(self) -> str:
        return next(self._cameras)

    def ingest(self, detections: list[dict[str, Any]]) -> list[dict[str, Any]]:
        r = self.api.post("/alerts/detections", self.api.token("admin"), json={"detections": detections})
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def new_alert(self, analytic: str = "wrong_way", *, at: datetime | None = None, **over: Any) -> dict[str, Any]:
        # Detected "now" by default: seeded alerts of the same camera and analytic are older
        # than any window unless open and recent, which the assert below would reveal.
        results = self.ingest([detection(self.camera(), analytic, at or now_utc(), **over)])
        assert results[0]["bundled"] is False, results
        return self.api.get(f"/alerts/{results[0]['alert_id']}", self.api.token("operator")).json()


def add_second_operator(db_url: str) -> None:
    db = Database(db_url)
    try:
        with db.write() as session:
            create_user(session, SECOND_OPERATOR[0], SECOND_OPERATOR[1], "operator", "Second operator")
    finally:
        db.dispose()


def login_second_operator(api: Api) -> str:
    r = api.post("/auth/login", json={"username": SECOND_OPERATOR[0], "password": SECOND_OPERATOR[1]})
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def recent(stamp: str, within: timedelta = timedelta(minutes=2)) -> bool:
    return abs(now_utc() - parse(stamp)) < within
