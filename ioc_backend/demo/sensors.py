"""Demo sensors: water level, rain, air and slope stations, their thresholds and simulated readings."""

from __future__ import annotations

import math
import random
from datetime import datetime

from ioc_backend.demo.wards import ICT, WARD_BY_NAME, check_count, check_now, point_near
from ioc_domain.statuses import SENSOR_KINDS

_UNITS: dict[str, dict[str, str]] = {
    "water_level": {"name": "metre", "symbol": "m", "definition": "http://qudt.org/vocab/unit/M"},
    "rainfall": {
        "name": "millimetre per hour",
        "symbol": "mm/h",
        "definition": "http://qudt.org/vocab/unit/MilliM-PER-HR",
    },
    "pm25": {
        "name": "microgram per cubic metre",
        "symbol": "µg/m³",
        "definition": "http://qudt.org/vocab/unit/MicroGM-PER-M3",
    },
    "temperature": {"name": "degree Celsius", "symbol": "°C", "definition": "http://qudt.org/vocab/unit/DEG_C"},
    "landslide_tilt": {"name": "degree", "symbol": "°", "definition": "http://qudt.org/vocab/unit/DEG"},
}
# (warning, alarm) thresholds per kind. Water levels use flood alarm levels (báo động):
# warning at level I, alarm at level II; Kim Long (Hương river) I=1.0 m, II=2.0 m, and
# Phú Ốc (Bồ river) I=1.5 m, II=3.0 m.
_THRESHOLDS: dict[str, tuple[float, float]] = {
    "water_level": (1.0, 2.0),
    "rainfall": (30.0, 50.0),
    "pm25": (50.0, 100.0),
    "temperature": (37.0, 40.0),
    "landslide_tilt": (0.5, 1.0),
}
# Physical clamp and normal (dry-weather) value per kind.
_RANGES: dict[str, tuple[float, float]] = {
    "water_level": (0.0, 8.0),
    "rainfall": (0.0, 200.0),
    "pm25": (2.0, 500.0),
    "temperature": (5.0, 45.0),
    "landslide_tilt": (0.0, 5.0),
}
_BASELINES: dict[str, float] = {
    "water_level": 0.5,
    "rainfall": 0.0,
    "pm25": 25.0,
    "temperature": 24.0,
    "landslide_tilt": 0.1,
}

# (name, ward, kind, baseline, thresholds or None)
_SENSOR_SITES: list[tuple[str, str, str, float, tuple[float, float] | None]] = [
    ("Trạm thủy văn Kim Long - sông Hương", "Phường Kim Long", "water_level", 0.6, (1.0, 2.0)),
    ("Trạm thủy văn Phú Ốc - sông Bồ", "Phường Hương Trà", "water_level", 0.9, (1.5, 3.0)),
    ("Mực nước sông Hương - Cầu Trường Tiền", "Phường Thuận Hóa", "water_level", 0.6, (1.0, 2.0)),
    ("Mực nước sông Hương - Bến Tòa Khâm", "Phường Thuận Hóa", "water_level", 0.55, (1.0, 2.0)),
    ("Mực nước sông An Cựu - Cầu An Cựu", "Phường An Cựu", "water_level", 0.5, (1.0, 2.0)),
    ("Mực nước sông Như Ý - Thanh Thủy", "Phường Thanh Thủy", "water_level", 0.4, (1.0, 1.8)),
    ("Mực nước cửa biển Thuận An", "Phường Thuận An", "water_level", 0.3, (0.9, 1.5)),
    ("Mực nước phá Tam Giang - Quảng Điền", "Xã Quảng Điền", "water_level", 0.3, (0.8, 1.4)),
    ("Mực nước phá Tam Giang - Phong Quảng", "Phường Phong Quảng", "water_level", 0.3, (0.8, 1.4)),
    ("Mực nước đầm Cầu Hai - Vinh Lộc", "Xã Vinh Lộc", "water_level", 0.3, (0.8, 1.4)),
    ("Mực nước sông Ô Lâu - Phong Điền", "Phường Phong Điền", "water_level", 0.8, (2.0, 3.5)),
    ("Mực nước sông Truồi - Lộc An", "Xã Lộc An", "water_level", 0.6, (1.5, 2.5)),
    ("Mực nước sông A Sáp - A Lưới", "Xã A Lưới 2", "water_level", 1.0, (2.5, 4.0)),
    ("Mực nước sông Tả Trạch - Khe Tre", "Xã Khe Tre", "water_level", 1.2, (3.0, 5.0)),
    ("Trạm đo mưa A Lưới", "Xã A Lưới 2", "rainfall", 0.0, None),
    ("Trạm đo mưa Hồng Vân", "Xã A Lưới 1", "rainfall", 0.0, None),
    ("Trạm đo mưa A Đớt", "Xã A Lưới 4", "rainfall", 0.0, None),
    ("Trạm đo mưa Nam Đông", "Xã Nam Đông", "rainfall", 0.0, None),
    ("Trạm đo mưa Khe Tre", "Xã Khe Tre", "rainfall", 0.0, None),
    ("Trạm đo mưa Bạch Mã", "Xã Phú Lộc", "rainfall", 0.0, None),
    ("Trạm đo mưa Bình Điền", "Xã Bình Điền", "rainfall", 0.0, None),
    ("Trạm đo mưa Huế", "Phường Thuận Hóa", "rainfall", 0.0, None),
    ("Trạm đo mưa Phú Bài", "Phường Phú Bài", "rainfall", 0.0, None),
    ("Trạm đo mưa Phong Điền", "Phường Phong Điền", "rainfall", 0.0, None),
    ("Trạm đo mưa Quảng Điền", "Xã Quảng Điền", "rainfall", 0.0, None),
    ("Trạm đo mưa Thuận An", "Phường Thuận An", "rainfall", 0.0, None),
    ("Trạm đo mưa Lăng Cô", "Xã Chân Mây - Lăng Cô", "rainfall", 0.0, None),
    ("Trạm đo mưa Long Quảng", "Xã Long Quảng", "rainfall", 0.0, None),
    ("Quan trắc không khí Lê Lợi", "Phường Thuận Hóa", "pm25", 28.0, None),
    ("Quan trắc không khí Hùng Vương", "Phường Thuận Hóa", "pm25", 32.0, None),
    ("Quan trắc không khí Chợ Đông Ba", "Phường Phú Xuân", "pm25", 30.0, None),
    ("Quan trắc không khí Đại Nội", "Phường Phú Xuân", "pm25", 22.0, None),
    ("Quan trắc không khí Bến xe phía Nam", "Phường An Cựu", "pm25", 35.0, None),
    ("Quan trắc không khí Tố Hữu", "Phường Vỹ Dạ", "pm25", 30.0, None),
    ("Quan trắc không khí Kim Long", "Phường Kim Long", "pm25", 20.0, None),
    ("Quan trắc không khí Khu công nghiệp Phú Bài", "Phường Phú Bài", "pm25", 40.0, None),
    ("Quan trắc không khí Tứ Hạ", "Phường Hương Trà", "pm25", 26.0, None),
    ("Quan trắc không khí Hương Thủy", "Phường Hương Thủy", "pm25", 27.0, None),
    ("Quan trắc không khí Thuận An", "Phường Thuận An", "pm25", 18.0, None),
    ("Quan trắc không khí Chân Mây", "Xã Chân Mây - Lăng Cô", "pm25", 24.0, None),
    ("Nhiệt độ Trung tâm IOC", "Phường Thuận Hóa", "temperature", 25.0, None),
    ("Nhiệt độ Đại Nội", "Phường Phú Xuân", "temperature", 25.0, None),
    ("Nhiệt độ Phú Bài", "Phường Phú Bài", "temperature", 25.0, None),
    ("Nhiệt độ Thuận An", "Phường Thuận An", "temperature", 25.0, None),
    ("Nhiệt độ A Lưới", "Xã A Lưới 2", "temperature", 21.0, None),
    ("Nhiệt độ Nam Đông", "Xã Nam Đông", "temperature", 23.0, None),
    ("Nhiệt độ Bạch Mã", "Xã Phú Lộc", "temperature", 18.0, None),
    ("Nhiệt độ Phong Điền", "Phường Phong Điền", "temperature", 24.0, None),
    ("Nhiệt độ Lăng Cô", "Xã Chân Mây - Lăng Cô", "temperature", 25.0, None),
    ("Nhiệt độ Bình Điền", "Xã Bình Điền", "temperature", 23.0, None),
    ("Cảm biến sạt lở Quốc lộ 49 - A Lưới 1", "Xã A Lưới 1", "landslide_tilt", 0.08, None),
    ("Cảm biến sạt lở Quốc lộ 49 - Bình Điền", "Xã Bình Điền", "landslide_tilt", 0.1, None),
    ("Cảm biến sạt lở Đường Hồ Chí Minh - A Lưới 3", "Xã A Lưới 3", "landslide_tilt", 0.12, None),
    ("Cảm biến sạt lở Đường Hồ Chí Minh - A Lưới 5", "Xã A Lưới 5", "landslide_tilt", 0.1, None),
    ("Cảm biến sạt lở Đường Hồ Chí Minh - Khe Tre", "Xã Khe Tre", "landslide_tilt", 0.09, None),
    ("Cảm biến sạt lở Tỉnh lộ 14B - Nam Đông", "Xã Nam Đông", "landslide_tilt", 0.11, None),
    ("Cảm biến sạt lở Đèo Hải Vân", "Xã Chân Mây - Lăng Cô", "landslide_tilt", 0.07, None),
    ("Cảm biến sạt lở Tỉnh lộ 14B - Long Quảng", "Xã Long Quảng", "landslide_tilt", 0.1, None),
    ("Cảm biến sạt lở bờ sông Bồ - Kim Trà", "Phường Kim Trà", "landslide_tilt", 0.06, None),
    ("Cảm biến sạt lở Phong Điền", "Phường Phong Điền", "landslide_tilt", 0.08, None),
]
_SITE_BY_NAME = {site[0]: site for site in _SENSOR_SITES}


def _site_for(sensor: dict) -> tuple[float, tuple[float, float]]:
    """Baseline and (warning, alarm) thresholds for a sensor, by its site or else its kind."""
    kind = sensor.get("kind")
    if kind not in _UNITS:
        raise ValueError(f"unknown sensor kind {kind!r}; expected one of {SENSOR_KINDS}")
    site = _SITE_BY_NAME.get(_site_name(sensor))
    baseline = site[3] if site else _BASELINES[kind]
    thresholds = site[4] if site and site[4] else _THRESHOLDS[kind]
    return baseline, thresholds


def _site_name(sensor: dict) -> str:
    # Sensors beyond the known sites are named "<site> (2)", so strip that to find the site.
    return str(sensor.get("name", "")).split(" (", 1)[0]


def site_thresholds(sensor: dict) -> tuple[float, float]:
    """The (warning, alarm) thresholds the demo gives a sensor: its site's, else its kind's."""
    return _site_for(sensor)[1]


def reading_status(sensor: dict, value: float) -> str:
    """'ok', 'warning' or 'alarm' for a value of this sensor on its own (no hysteresis: the stored
    status follows the episode rule, ioc_domain.sensor_episodes)."""
    _, (warning, alarm) = _site_for(sensor)
    if value >= alarm:
        return "alarm"
    if value >= warning:
        return "warning"
    return "ok"


def generate_sensors(n: int = 60, seed: int = 1) -> list[dict]:
    """Deterministic demo sensors at real-world-like sites (Kim Long, Phú Ốc, A Lưới, ...)."""
    check_count(n)
    rng = random.Random(f"sensors-{seed}")
    sensors: list[dict] = []
    for index in range(n):
        name, ward_name, kind, baseline, _ = _SENSOR_SITES[index % len(_SENSOR_SITES)]
        round_no = index // len(_SENSOR_SITES)
        if round_no:
            name = f"{name} ({round_no + 1})"
        lat, lon = point_near(rng, WARD_BY_NAME[ward_name])
        spread = {"water_level": 0.1, "rainfall": 0.0, "pm25": 4.0, "temperature": 1.0, "landslide_tilt": 0.02}[kind]
        value = max(_RANGES[kind][0], baseline + rng.uniform(-spread, spread))
        if kind == "rainfall":
            value = rng.choice((0.0, 0.0, round(rng.uniform(0.2, 5.0), 1)))
        sensors.append(
            {
                "id": f"sen-{index + 1:03d}",
                "name": name,
                "kind": kind,
                "ward": ward_name,
                "lat": lat,
                "lon": lon,
                "unit": dict(_UNITS[kind]),
                "last_result": round(value, 2),
                "status": "ok",
                "threshold_warning": site_thresholds({"kind": kind, "name": name})[0],
                "threshold_alarm": site_thresholds({"kind": kind, "name": name})[1],
            }
        )
    return sensors


def rain_intensity(now: datetime) -> float:
    """0..1 'how hard is it raining over Huế' — smooth in time, wetter in the Sep–Dec season.

    Shared by every sensor so rainfall and the rivers rise together.
    """
    hours = now.timestamp() / 3600.0
    wave = 0.6 * math.sin(2 * math.pi * hours / 11.0) + 0.4 * math.sin(2 * math.pi * hours / 3.7 + 1.3)
    season = {9: 0.8, 10: 1.0, 11: 1.0, 12: 0.8, 1: 0.4}.get(now.month, 0.2)
    return max(0.0, min(1.0, wave * season))


# The seeded flood (demo.seed): heavy rain upstream, then the Hương river rising at Kim Long past
# its alarm level (báo động II) for some hours and receding over a day; downstream in the city the
# rise comes later and lower (past level I only) and drains faster to the lagoon.
# Site -> (peak rise in metres, hours after Kim Long, hours the wave takes to recede).
FLOOD_RIVER_SITES: dict[str, tuple[float, float, float]] = {
    "Trạm thủy văn Kim Long - sông Hương": (1.85, 0.0, 20.0),
    "Mực nước sông Hương - Cầu Trường Tiền": (1.1, 1.5, 12.0),
    "Mực nước sông Hương - Bến Tòa Khâm": (0.9, 2.0, 12.0),
}
# Rain station -> peak extra rain (mm/h) of the storm, centred this many hours before the flood peak.
FLOOD_RAIN_SITES: dict[str, float] = {
    "Trạm đo mưa A Lưới": 42.0,
    "Trạm đo mưa Bình Điền": 38.0,
    "Trạm đo mưa Hồng Vân": 22.0,
    "Trạm đo mưa Huế": 18.0,
}
FLOOD_RAIN_LEAD_H = 10.0
_FLOOD_RISE_H = 10.0  # the flood wave rises faster than it recedes
# Semi-diurnal tide felt at each water-level site near the sea or lagoon (amplitude in metres).
_TIDE_M: dict[str, float] = {
    "Mực nước cửa biển Thuận An": 0.25,
    "Mực nước phá Tam Giang - Quảng Điền": 0.12,
    "Mực nước phá Tam Giang - Phong Quảng": 0.12,
    "Mực nước đầm Cầu Hai - Vinh Lộc": 0.12,
    "Mực nước sông Hương - Bến Tòa Khâm": 0.03,
    "Mực nước sông Hương - Cầu Trường Tiền": 0.03,
    "Mực nước sông Như Ý - Thanh Thủy": 0.05,
    "Mực nước sông An Cựu - Cầu An Cựu": 0.05,
}
_TIDE_PERIOD_H = 12.42
_ICT_HOURS = ICT.utcoffset(None).total_seconds() / 3600.0


def flood_rise(sensor: dict, now: datetime, flood_peak: datetime | None) -> float:
    """Extra water (m) or rain (mm/h) at ``now`` from the flood peaking at Kim Long at ``flood_peak``."""
    if flood_peak is None:
        return 0.0
    name = _site_name(sensor)
    hours = (now - flood_peak).total_seconds() / 3600.0
    if sensor.get("kind") == "water_level" and name in FLOOD_RIVER_SITES:
        peak, delay, fall = FLOOD_RIVER_SITES[name]
        dt = hours - delay
        return peak * math.exp(-((dt / (_FLOOD_RISE_H if dt < 0 else fall)) ** 2))
    if sensor.get("kind") == "rainfall" and name in FLOOD_RAIN_SITES:
        dt = hours + FLOOD_RAIN_LEAD_H
        return FLOOD_RAIN_SITES[name] * math.exp(-((dt / 5.0) ** 2))
    return 0.0


def next_reading(
    rng: random.Random, sensor: dict, now: datetime, flood_peak: datetime | None = None
) -> tuple[float, str]:
    """A plausible next value for the sensor (a mean-reverting walk towards its daily pattern) and
    the value's band (``reading_status``).

    Daily patterns: the tide on the rivers near the sea, afternoon showers, rush-hour PM2.5, the
    day's warmth. Outside a flood the rivers and the rain stay below their warning thresholds;
    ``flood_peak`` adds the flood (``flood_rise``) to the sites it reaches.
    """
    now = check_now(now)
    baseline, (warning, alarm) = _site_for(sensor)  # refuses an unknown kind
    kind: str = sensor["kind"]
    try:
        current = float(sensor.get("last_result", baseline))
    except (TypeError, ValueError):
        current = baseline
    if not math.isfinite(current):
        current = baseline
    rain = rain_intensity(now)
    if flood_peak is not None:
        # The flood's storm replaces the everyday showers: it is the rain of those days (flood_rise),
        # and the sky clears as the river falls, so the river passes its thresholds once each way.
        rain *= 1.0 - math.exp(-(((now - flood_peak).total_seconds() / 3600.0 / 36.0) ** 2))
    local_hour = (now.hour + now.minute / 60.0 + _ICT_HOURS) % 24.0
    surge = flood_rise(sensor, now, flood_peak)
    if kind == "water_level":
        # Rain raises the river, though not to its warning level: that takes a flood.
        hours = now.timestamp() / 3600.0
        tide = _TIDE_M.get(_site_name(sensor), 0.0) * math.sin(2 * math.pi * hours / _TIDE_PERIOD_H)
        target = baseline + tide + (rain**2) * 0.4 * (warning - baseline) + surge
        value = current + 0.15 * (target - current) + rng.gauss(0.0, 0.005)  # a gauge's jitter: millimetres
    elif kind == "rainfall":
        # Showers build in the afternoon and evening; a storm comes only with the flood.
        afternoon = math.exp(-((local_hour - 16.0) ** 2) / 8.0)
        target = 0.6 * warning * (rain**2) * (0.6 + 0.4 * afternoon) + surge
        value = current + 0.35 * (target - current) + rng.gauss(0.0, 1.0)
    elif kind == "pm25":
        # Rush hours raise PM2.5, rain washes it out.
        rush = math.exp(-((local_hour - 7.5) ** 2) / 2) + math.exp(-((local_hour - 17.5) ** 2) / 2)
        target = baseline * (1.0 + 0.6 * rush) * (1.0 - 0.5 * rain)
        value = current + 0.25 * (target - current) + rng.gauss(0.0, 1.0)
    elif kind == "temperature":
        target = baseline + 5.0 * math.sin(2 * math.pi * (local_hour - 9.0) / 24.0) - 3.0 * rain
        value = current + 0.2 * (target - current) + rng.gauss(0.0, 0.2)
    else:  # landslide_tilt: slow creep that speeds up in rain, slight relaxation otherwise
        # Tuned so the wettest weeks bring warnings and the odd alarm, not an alarm all shift long:
        # a sensor that never leaves "alarm" trains operators to ignore it.
        value = current + abs(rng.gauss(0.0, 0.003)) * (1.0 + 8.0 * rain) - 0.05 * (current - baseline)
    low, high = _RANGES[kind]
    value = round(min(max(value, low), high), 3)
    return value, "alarm" if value >= alarm else "warning" if value >= warning else "ok"  # reading_status
