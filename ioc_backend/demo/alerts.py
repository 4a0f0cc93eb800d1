"""Demo analytics alerts on the demo cameras, with their history of states."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ioc_backend.demo.wards import WARD_BY_NAME, check_count, check_now
from ioc_domain.alerts import ALERT_STATES, CLOSE_REASONS
from ioc_domain.analytics import ANALYTICS, ANALYTICS_BY_CODE, Analytic

# How often each analytic fires relative to the others.
_ANALYTIC_WEIGHTS: dict[str, int] = {
    "wrong_way": 6,
    "illegal_parking": 12,
    "red_light_violation": 8,
    "traffic_congestion": 6,
    "traffic_accident": 2,
    "no_helmet": 8,
    "lane_violation": 6,
    "speeding": 5,
    "sidewalk_encroachment": 10,
    "illegal_dumping": 5,
    "street_vending": 6,
    "illegal_advertising": 3,
    "overflowing_bin": 5,
    "illegal_construction": 2,
    "tourist_touting": 3,
    "crowd_gathering": 4,
    "fighting": 1,
    "loitering": 4,
    "intrusion": 3,
    "abandoned_object": 2,
    "person_fallen": 1,
    "forest_fire": 2,
    "smoke": 4,
    "straw_burning": 4,
    "forest_intrusion": 3,
    "flooded_road": 4,
    "water_level_rise": 3,
    "landslide": 1,
    "high_waves": 2,
}
_ELIGIBLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "traffic": ("traffic",),
    "urban_order": ("urban_order", "tourism", "traffic"),
    "public_safety": ("public_safety", "tourism", "urban_order"),
    "forest_fire": ("forest_fire",),
    "disaster": ("flood",),
}
_ALERT_OWNERS = ("operator", "supervisor")
_ANALYTIC_CODES = [a.code for a in ANALYTICS]
_ANALYTIC_WEIGHT_LIST = [_ANALYTIC_WEIGHTS[c] for c in _ANALYTIC_CODES]


class _CameraIndex:
    """Cameras grouped the ways the alert generator needs, built once per call."""

    def __init__(self, cameras: list[dict]) -> None:
        if not cameras:
            raise ValueError("alerts need at least one camera")
        self.all = cameras
        self.by_category: dict[str, list[dict]] = {}
        self.by_terrain: dict[str, list[dict]] = {}
        for cam in cameras:
            self.by_category.setdefault(cam.get("category", ""), []).append(cam)
            ward = WARD_BY_NAME.get(cam.get("ward", ""))
            if ward is not None:
                self.by_terrain.setdefault(ward.terrain, []).append(cam)

    def pick(self, rng: random.Random, analytic: Analytic) -> dict:
        if analytic.code == "landslide":
            pool = self.by_terrain.get("mountain")
        elif analytic.code == "high_waves":
            pool = [
                c for c in self.by_terrain.get("coastal", []) if c.get("category") == "flood"
            ] or self.by_terrain.get("coastal")
        else:
            pool = [c for cat in _ELIGIBLE_CATEGORIES[analytic.category] for c in self.by_category.get(cat, [])]
        return rng.choice(pool or self.all)


def _make_alert(rng: random.Random, index: _CameraIndex, detected: datetime, now: datetime, fresh: bool) -> dict:
    analytic = ANALYTICS_BY_CODE[rng.choices(_ANALYTIC_CODES, weights=_ANALYTIC_WEIGHT_LIST)[0]]
    camera = index.pick(rng, analytic)
    severity = analytic.default_severity
    roll = rng.random()
    # The engine escalates some detections (a big fire, a long jam) and downgrades weak ones.
    if roll < 0.1 and severity != "critical":
        severity = "warning" if severity == "info" else "critical"
    elif roll > 0.95 and severity != "info":
        severity = "warning" if severity == "critical" else "info"
    width = rng.uniform(0.06, 0.4)
    height = rng.uniform(0.08, 0.5)
    bbox = [
        round(rng.uniform(0.0, 1.0 - width), 4),
        round(rng.uniform(0.0, 1.0 - height), 4),
        round(width, 4),
        round(height, 4),
    ]
    state, close_reason, owner = "new", None, None
    if not fresh:
        age_days = (now - detected).total_seconds() / 86400.0
        if age_days > 2:
            state = rng.choices(ALERT_STATES, weights=(1, 1, 2, 96))[0]
        else:
            state = rng.choices(ALERT_STATES, weights=(30, 20, 15, 35))[0]
        if state != "new":
            owner = rng.choice(_ALERT_OWNERS)
        if state == "closed":
            close_reason = rng.choices(CLOSE_REASONS, weights=(60, 25, 8, 7))[0]
    return {
        "analytic": analytic.code,
        "severity": severity,
        "camera_id": camera["id"],
        "ward": camera["ward"],
        "lat": camera["lat"],
        "lon": camera["lon"],
        "detected_at": detected,
        "confidence": round(rng.uniform(0.55, 0.99), 2),
        "bbox": bbox,
        "state": state,
        "close_reason": close_reason,
        "owner": owner,
        "notes": [],
    }


def generate_alerts(n: int, cameras: list[dict], seed: int = 1, now: datetime | None = None) -> list[dict]:
    """Deterministic AI alerts from the past 30 days on matching cameras (old ones mostly closed)."""
    check_count(n)
    now = check_now(now)
    index = _CameraIndex(cameras)
    rng = random.Random(f"alerts-{seed}")
    span = 30 * 86400
    offsets = sorted((rng.uniform(30, span) for _ in range(n)), reverse=True)
    return [_make_alert(rng, index, now - timedelta(seconds=int(off)), now, False) for off in offsets]


def random_alert(rng: random.Random, cameras: list[dict], now: datetime) -> dict:
    """A fresh detection as the simulator would emit it (state 'new')."""
    now = check_now(now)
    return _make_alert(rng, _CameraIndex(cameras), now, now, True)
