"""Demo analytics alerts on the demo cameras, with their history: detections, moves, SLA breaches."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ioc_backend.alerting.ingest import (
    Detection,
    absorb_changes,
    bundled_detail,
    detected_detail,
    joins,
    new_alert_fields,
)
from ioc_backend.demo.wards import WARD_BY_NAME, check_count, check_now
from ioc_backend.timeutil import iso
from ioc_domain.alert_history import BUNDLED, DETECTED, DISPATCH, SLA_BREACH, TRANSITION, VERIFY
from ioc_domain.alert_sla import bundle_window_s, sla_for
from ioc_domain.alerts import ALERT_STATES, CLOSE_REASONS
from ioc_domain.analytics import ANALYTICS, ANALYTICS_BY_CODE, Analytic
from ioc_domain.dispatch import suggested_units

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
# Cumulative weights, computed once: rng.choices would add them up again on every call.
_ANALYTIC_CUM_WEIGHTS = list(itertools.accumulate(_ANALYTIC_WEIGHTS[c] for c in _ANALYTIC_CODES))


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


def _detection(rng: random.Random, index: _CameraIndex) -> tuple[Analytic, dict, str, float, list[float]]:
    """What the engine saw: analytic, camera, severity, confidence, bbox."""
    analytic = ANALYTICS_BY_CODE[rng.choices(_ANALYTIC_CODES, cum_weights=_ANALYTIC_CUM_WEIGHTS)[0]]
    camera = index.pick(rng, analytic)
    severity = analytic.default_severity
    roll = rng.random()
    # The engine escalates some detections (a big fire, a long jam) and downgrades weak ones.
    if roll < 0.1 and severity != "critical":
        severity = "warning" if severity == "info" else "critical"
    elif roll > 0.95 and severity != "info":
        severity = "warning" if severity == "critical" else "info"
    return analytic, camera, severity, round(rng.uniform(0.55, 0.99), 2), random_bbox(rng)


def random_bbox(rng: random.Random) -> list[float]:
    """A plausible box around what was detected (x, y, w, h as fractions of the frame)."""
    width = rng.uniform(0.06, 0.4)
    height = rng.uniform(0.08, 0.5)
    return [
        round(rng.uniform(0.0, 1.0 - width), 4),
        round(rng.uniform(0.0, 1.0 - height), 4),
        round(width, 4),
        round(height, 4),
    ]


def _make_alert(rng: random.Random, index: _CameraIndex, detected: datetime, now: datetime, fresh: bool) -> dict:
    analytic, camera, severity, confidence, bbox = _detection(rng, index)
    det = Detection(camera["id"], analytic.code, severity, confidence, bbox, detected)
    return new_alert_fields(det, camera)


# --------------------------------------------------------------------------- seeded history
# Seeded alerts come from the same rules as live ones (ioc_backend.alerting.ingest): repeated
# detections bundled within the window, SLA due times from the first detection; then a plausible
# life: acknowledged (mostly within its SLA), verified, dispatched, closed, and breached exactly
# where the SLA watch would have marked it, so the watch finds nothing left to do at start.

# The last minutes before seeding look like the simulator's live activity: mostly untouched.
FRESH_SPAN = timedelta(minutes=12)
_FRESH_STATE_WEIGHTS = list(itertools.accumulate((70, 15, 10, 5)))
# Alerts still within their close SLA, and those past it (open ones there are the breached few).
_OPEN_STATE_WEIGHTS = list(itertools.accumulate((20, 25, 25, 30)))
_PAST_DUE_STATE_WEIGHTS = list(itertools.accumulate((0.2, 0.2, 0.4, 99.2)))
_CLOSE_REASON_WEIGHTS = list(itertools.accumulate((60, 25, 8, 7)))
# Forest fires and floods are watched for longer: more repeated detections.
_REPEATS_MEAN = {"forest_fire": 5.0, "disaster": 4.0}


@dataclass
class SeededAlert:
    """One seeded alert: its row (for bulk_create) and its history entries (alert_id added on insert)."""

    row: dict[str, Any]
    history: list[dict[str, Any]] = field(default_factory=list)


def _entry(at: datetime, action: str, detail: dict[str, Any], user: str | None = None) -> dict[str, Any]:
    # The demo's owners are the accounts named after their role (demo/users.py).
    return {"at": at, "username": user, "role": user, "action": action, "detail": detail}


def _detections(
    rng: random.Random, index: _CameraIndex, first_at: datetime, now: datetime
) -> tuple[dict, list[Detection]]:
    """A camera and what it saw: one detection, or a few repeats each inside the bundling window."""
    analytic, camera, severity, confidence, bbox = _detection(rng, index)
    dets = [Detection(camera["id"], analytic.code, severity, confidence, bbox, first_at)]
    if rng.random() < 0.35:
        repeats = 1 + min(int(rng.expovariate(1 / _REPEATS_MEAN.get(analytic.category, 2.0))), 40)
        window = bundle_window_s(analytic.code)
        at = first_at
        for _ in range(repeats):
            at += timedelta(seconds=rng.uniform(0.1, 0.8) * window)
            if at > now:
                break
            conf = round(min(0.99, max(0.55, confidence + rng.uniform(-0.1, 0.1))), 2)
            dets.append(Detection(camera["id"], analytic.code, severity, conf, random_bbox(rng), at))
    return camera, dets


def _state(rng: random.Random, first_at: datetime, close_due: datetime, now: datetime) -> str:
    if now - first_at <= FRESH_SPAN:
        weights: Sequence[float] = _FRESH_STATE_WEIGHTS
    elif now > close_due:
        weights = _PAST_DUE_STATE_WEIGHTS
    else:
        weights = _OPEN_STATE_WEIGHTS
    return rng.choices(ALERT_STATES, cum_weights=weights)[0]


def _within(start: datetime, seconds: float, now: datetime) -> datetime:
    """The moment ``seconds`` after ``start``, never after ``now``."""
    return min(now, start + timedelta(seconds=max(1.0, seconds)))


def _seeded(rng: random.Random, index: _CameraIndex, first_at: datetime, now: datetime) -> SeededAlert:
    camera, dets = _detections(rng, index, first_at, now)
    # Every row has every column (one executemany); the moves below fill what happened.
    row = {**new_alert_fields(dets[0], camera), "verification": None, "dispatch": None}
    history = [_entry(first_at, DETECTED, detected_detail(dets[0]))]
    for det in dets[1:]:
        if not joins(row, det):  # built inside the window: the seed must follow the live rule
            raise RuntimeError(f"seeded detection outside its bundling window: {det}")
        row.update(absorb_changes(row, det))
        history.append(_entry(det.detected_at, BUNDLED, bundled_detail(det, row["detections"])))
    state = _state(rng, first_at, row["close_due_at"], now)
    if state != "new":
        _live(rng, row, history, state, now)
    mark_breach(row, history, now)
    history.sort(key=lambda e: e["at"])
    return SeededAlert(row, history)


def _live(rng: random.Random, row: dict[str, Any], history: list[dict[str, Any]], state: str, now: datetime) -> None:
    """Move a seeded alert from "new" to ``state`` the way operators would have, with its history."""
    sla = sla_for(row["analytic"], row["severity"])
    first, last = row["first_detected_at"], row["last_detected_at"]
    owner = rng.choice(_ALERT_OWNERS)
    category = ANALYTICS_BY_CODE[row["analytic"]].category
    # Most are taken within the time to acknowledge; some late (those breached the SLA).
    late = rng.random() < 0.15
    ack_at = _within(first, sla.ack_s * (rng.uniform(1.1, 4.0) if late else rng.uniform(0.1, 0.95)), now)
    reason = rng.choices(CLOSE_REASONS, cum_weights=_CLOSE_REASON_WEIGHTS)[0] if state == "closed" else None
    row.update(state=state, owner=owner, acknowledged_at=ack_at)

    if reason == "false_positive" and rng.random() < 0.6:
        # Looked at the camera and saw nothing: verified as a false alarm, closed at once.
        at = max(ack_at, last)
        row.update(acknowledged_at=at, closed_at=at, close_reason=reason)
        row["verification"] = {"verdict": "false_alarm", "by": owner, "at": iso(at)}
        history.append(_entry(at, VERIFY, {"verdict": "false_alarm", "from": "new", "to": "closed"}, owner))
        return
    confirmed = reason != "false_positive" and rng.random() < (0.8 if category in ("forest_fire", "disaster") else 0.4)
    if confirmed:
        row["verification"] = {"verdict": "confirmed", "by": owner, "at": iso(ack_at)}
        history.append(_entry(ack_at, VERIFY, {"verdict": "confirmed", "from": "new", "to": "acknowledged"}, owner))
    else:
        history.append(_entry(ack_at, TRANSITION, {"from": "new", "to": "acknowledged"}, owner))
    current, since = "acknowledged", ack_at
    if state in ("in_progress", "closed") and reason not in ("false_positive", "duplicate"):
        at = _within(ack_at, rng.uniform(0.02, 0.2) * sla.close_s, now)
        if confirmed or rng.random() < 0.5:
            unit = suggested_units(row, category)[0]
            row["dispatch"] = {"unit": unit, "by": owner, "at": iso(at)}
            history.append(_entry(at, DISPATCH, {"unit": unit, "from": current, "to": "in_progress"}, owner))
        else:
            history.append(_entry(at, TRANSITION, {"from": current, "to": "in_progress"}, owner))
        current, since = "in_progress", at
    if state == "closed":
        # Mostly closed within the SLA; the work cannot end before the last detection.
        start = max(since, last)
        share = rng.uniform(1.05, 2.5) if rng.random() < 0.2 else rng.uniform(0.1, 0.9)
        at = _within(start, share * max(1.0, (row["close_due_at"] - start).total_seconds()), now)
        row.update(closed_at=at, close_reason=reason)
        history.append(_entry(at, TRANSITION, {"from": current, "to": "closed", "reason": reason}, owner))


def mark_breach(row: dict[str, Any], history: list[dict[str, Any]], now: datetime) -> None:
    """sla_breached as the SLA watch would have left it by ``now`` (ioc_domain.alert_sla.breach_of)."""
    ack_due, close_due = row["ack_due_at"], row["close_due_at"]
    left_new = row["acknowledged_at"] or now
    ended = row["closed_at"] or now
    if left_new > ack_due:
        at, kind, due = ack_due, "ack", ack_due
    elif ended > close_due:
        at, kind, due = close_due, "close", close_due
    else:
        return
    # The watch looks every few seconds: the breach is recorded just after the due time.
    at = min(now, at + timedelta(seconds=1))
    row.update(sla_breached=True, sla_breached_at=at)
    history.append(_entry(at, SLA_BREACH, {"sla": kind, "due_at": iso(due)}))


def generate_seeded_alerts(
    n: int, cameras: list[dict], seed: int = 1, now: datetime | None = None
) -> list[SeededAlert]:
    """Deterministic AI alerts of the past 30 days with their history; the newest minutes look live."""
    check_count(n)
    now = check_now(now)
    index = _CameraIndex(cameras)
    rng = random.Random(f"alerts-{seed}")
    span = 30 * 86400
    fresh = min(n // 25, 120)
    offsets = [rng.uniform(30, span) for _ in range(n - fresh)]
    offsets += [rng.uniform(5, FRESH_SPAN.total_seconds()) for _ in range(fresh)]
    return [_seeded(rng, index, now - timedelta(seconds=int(off)), now) for off in sorted(offsets, reverse=True)]


def generate_alerts(n: int, cameras: list[dict], seed: int = 1, now: datetime | None = None) -> list[dict]:
    """The rows of ``generate_seeded_alerts`` (for bulk inserts that keep no history)."""
    return [a.row for a in generate_seeded_alerts(n, cameras, seed, now)]


def random_alert(rng: random.Random, cameras: list[dict], now: datetime) -> dict:
    """A fresh detection as the simulator would emit it (the fields of a new alert)."""
    now = check_now(now)
    return _make_alert(rng, _CameraIndex(cameras), now, now, True)
