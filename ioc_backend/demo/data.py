"""Deterministic demo content for Huế's IOC: wards, cameras, sensors, reports, alerts, tasks, meetings."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from ioc_domain.alerts import ALERT_STATES, CLOSE_REASONS
from ioc_domain.analytics import ANALYTICS, ANALYTICS_BY_CODE, Analytic
from ioc_domain.statuses import MEETING_STATUSES, REPORT_FINAL_STATUSES, REPORT_STATUSES, TASK_STATUSES

__all__ = [
    "Ward",
    "Analytic",
    "WARDS",
    "ANALYTICS",
    "ANALYTICS_BY_CODE",
    "CAMERA_CATEGORIES",
    "SENSOR_KINDS",
    "REPORT_STATUSES",
    "REPORT_FINAL_STATUSES",
    "ALERT_STATES",
    "CLOSE_REASONS",
    "TASK_STATUSES",
    "MEETING_STATUSES",
    "SERVICES",
    "DEMO_USERS",
    "LAT_RANGE",
    "LON_RANGE",
    "generate_cameras",
    "generate_sensors",
    "generate_reports",
    "generate_alerts",
    "generate_tasks",
    "generate_meetings",
    "random_alert",
    "next_reading",
    "reading_status",
    "random_report",
    "next_report_status",
]

# Every generated coordinate stays inside this box (the whole of Huế city, 2025 borders).
LAT_RANGE = (16.0, 16.8)
LON_RANGE = (107.0, 108.2)


@dataclass(frozen=True)
class Ward:
    """A commune-level unit of Huế (phường or xã) with a representative centre point."""

    name: str
    lat: float
    lon: float
    terrain: str  # urban | coastal | lagoon | rural | mountain


# The 40 units (21 phường, 19 xã) of Huế after the two-level reorganisation of 1 July 2025
# (Nghị quyết 1675/NQ-UBTVQH15). Centres are approximate; the Citadel is in Phường Phú Xuân.
WARDS: list[Ward] = [
    Ward("Phường Phú Xuân", 16.4698, 107.5786, "urban"),
    Ward("Phường Thuận Hóa", 16.4637, 107.5909, "urban"),
    Ward("Phường Kim Long", 16.4570, 107.5480, "urban"),
    Ward("Phường Vỹ Dạ", 16.4740, 107.6060, "urban"),
    Ward("Phường An Cựu", 16.4520, 107.6040, "urban"),
    Ward("Phường Thủy Xuân", 16.4360, 107.5760, "urban"),
    Ward("Phường Hương An", 16.4850, 107.5450, "urban"),
    Ward("Phường Hương Trà", 16.5250, 107.4700, "urban"),
    Ward("Phường Kim Trà", 16.5000, 107.5100, "rural"),
    Ward("Phường Hương Thủy", 16.4300, 107.6250, "urban"),
    Ward("Phường Thanh Thủy", 16.4200, 107.6600, "urban"),
    Ward("Phường Phú Bài", 16.3950, 107.6950, "urban"),
    Ward("Phường Thuận An", 16.5560, 107.6400, "coastal"),
    Ward("Phường Dương Nỗ", 16.5080, 107.6200, "rural"),
    Ward("Phường Mỹ Thượng", 16.4950, 107.6500, "rural"),
    Ward("Phường Hóa Châu", 16.5350, 107.5850, "lagoon"),
    Ward("Phường Phong Điền", 16.5200, 107.3300, "mountain"),
    Ward("Phường Phong Thái", 16.5350, 107.4100, "rural"),
    Ward("Phường Phong Dinh", 16.6000, 107.3700, "rural"),
    Ward("Phường Phong Phú", 16.6400, 107.3300, "coastal"),
    Ward("Phường Phong Quảng", 16.6500, 107.4200, "lagoon"),
    Ward("Xã Đan Điền", 16.6050, 107.4650, "lagoon"),
    Ward("Xã Quảng Điền", 16.5750, 107.5150, "lagoon"),
    Ward("Xã Phú Vinh", 16.5300, 107.7000, "coastal"),
    Ward("Xã Phú Hồ", 16.4700, 107.6900, "rural"),
    Ward("Xã Phú Vang", 16.4500, 107.7500, "lagoon"),
    Ward("Xã Vinh Lộc", 16.3900, 107.8400, "lagoon"),
    Ward("Xã Hưng Lộc", 16.3300, 107.7800, "rural"),
    Ward("Xã Lộc An", 16.3050, 107.8200, "rural"),
    Ward("Xã Phú Lộc", 16.2750, 107.8900, "rural"),
    Ward("Xã Chân Mây - Lăng Cô", 16.2600, 108.0600, "coastal"),
    Ward("Xã Long Quảng", 16.2300, 107.7600, "mountain"),
    Ward("Xã Nam Đông", 16.1500, 107.7100, "mountain"),
    Ward("Xã Khe Tre", 16.1800, 107.6500, "mountain"),
    Ward("Xã Bình Điền", 16.3300, 107.5200, "mountain"),
    Ward("Xã A Lưới 1", 16.3800, 107.1600, "mountain"),
    Ward("Xã A Lưới 2", 16.2750, 107.2300, "mountain"),
    Ward("Xã A Lưới 3", 16.2100, 107.2800, "mountain"),
    Ward("Xã A Lưới 4", 16.1400, 107.3300, "mountain"),
    Ward("Xã A Lưới 5", 16.0700, 107.4000, "mountain"),
]
_WARD_BY_NAME: dict[str, Ward] = {w.name: w for w in WARDS}

CAMERA_CATEGORIES = ("traffic", "urban_order", "public_safety", "forest_fire", "flood", "tourism")
SENSOR_KINDS = ("water_level", "rainfall", "pm25", "temperature", "landslide_tilt")

DEMO_USERS: list[dict] = [
    {"username": role, "password": f"hue-{role}", "full_name": full_name, "role": role}
    for role, full_name in (
        ("operator", "Nguyễn Văn An"),
        ("supervisor", "Trần Thị Bích Ngọc"),
        ("leader", "Lê Quang Minh"),
        ("participant", "Phạm Thị Thu Hà"),
        ("admin", "Hoàng Đức Huy"),
    )
]

_UTC = UTC
_ICT = timezone(timedelta(hours=7))  # Huế local time for "08:00 meeting"-style choices

# --------------------------------------------------------------------------- places
# Main roads per ward: real street names in the centre, highways elsewhere.
_WARD_ROADS: dict[str, tuple[str, ...]] = {
    "Phường Phú Xuân": (
        "Đinh Tiên Hoàng",
        "Lê Duẩn",
        "Trần Hưng Đạo",
        "Mai Thúc Loan",
        "Nguyễn Trãi",
        "Đoàn Thị Điểm",
        "Lê Thánh Tôn",
        "Đặng Dung",
        "Tăng Bạt Hổ",
        "Ông Ích Khiêm",
        "Chi Lăng",
        "Huỳnh Thúc Kháng",
        "Bạch Đằng",
        "Nhật Lệ",
        "Đặng Thái Thân",
    ),
    "Phường Thuận Hóa": (
        "Lê Lợi",
        "Hùng Vương",
        "Hà Nội",
        "Nguyễn Huệ",
        "Lý Thường Kiệt",
        "Bến Nghé",
        "Đội Cung",
        "Nguyễn Thái Học",
        "Chu Văn An",
        "Phạm Ngũ Lão",
        "Võ Thị Sáu",
        "Nguyễn Tri Phương",
        "Nguyễn Đình Chiểu",
        "Trần Quang Khải",
        "Lê Lai",
    ),
    "Phường Kim Long": ("Kim Long", "Nguyễn Phúc Nguyên", "Lý Nam Đế", "Nguyễn Hoàng"),
    "Phường Vỹ Dạ": ("Nguyễn Sinh Cung", "Phạm Văn Đồng", "Bà Triệu", "Tố Hữu", "Nguyễn Lộ Trạch", "Hàn Mặc Tử"),
    "Phường An Cựu": ("An Dương Vương", "Trường Chinh", "Phan Chu Trinh", "Ngự Bình", "Hùng Vương"),
    "Phường Thủy Xuân": (
        "Điện Biên Phủ",
        "Minh Mạng",
        "Lê Ngô Cát",
        "Huyền Trân Công Chúa",
        "Bùi Thị Xuân",
        "Thiên Thai",
    ),
    "Phường Hương An": ("Lý Thái Tổ", "Nguyễn Văn Linh", "Quốc lộ 1A"),
    "Phường Hương Trà": ("Quốc lộ 1A", "Cách Mạng Tháng Tám"),
    "Phường Hương Thủy": ("Nguyễn Tất Thành", "Quốc lộ 1A", "Đường tránh Huế"),
    "Phường Thanh Thủy": ("Nguyễn Tất Thành", "Quốc lộ 1A"),
    "Phường Phú Bài": ("Nguyễn Tất Thành", "Quốc lộ 1A", "Sóng Hồng"),
    "Phường Thuận An": ("Quốc lộ 49A", "Quốc lộ 49B"),
    "Phường Dương Nỗ": ("Quốc lộ 49A",),
    "Phường Mỹ Thượng": ("Quốc lộ 49A",),
    "Xã Phú Hồ": ("Quốc lộ 49A",),
}
_TERRAIN_ROADS: dict[str, tuple[str, ...]] = {
    "urban": ("Quốc lộ 1A",),
    "coastal": ("Quốc lộ 49B",),
    "lagoon": ("Quốc lộ 49B",),
    "rural": ("Quốc lộ 1A", "Quốc lộ 49B"),
    "mountain": ("Đường Hồ Chí Minh", "Quốc lộ 49"),
}
_MOUNTAIN_ROADS: dict[str, tuple[str, ...]] = {
    "Xã Nam Đông": ("Đường Hồ Chí Minh", "Tỉnh lộ 14B"),
    "Xã Khe Tre": ("Đường Hồ Chí Minh", "Tỉnh lộ 14B"),
    "Xã Long Quảng": ("Tỉnh lộ 14B",),
    "Xã Bình Điền": ("Quốc lộ 49",),
    "Phường Phong Điền": ("Quốc lộ 1A", "Đường Hồ Chí Minh"),
}
_RIVERS: dict[str, str] = {
    "Phường Hương Trà": "sông Bồ",
    "Phường Kim Trà": "sông Bồ",
    "Xã Quảng Điền": "sông Bồ",
    "Phường Phong Điền": "sông Ô Lâu",
    "Phường Phong Dinh": "sông Ô Lâu",
    "Phường Phong Quảng": "sông Ô Lâu",
    "Phường Hương Thủy": "sông Lợi Nông",
    "Phường An Cựu": "sông An Cựu",
    "Phường Thanh Thủy": "sông Như Ý",
    "Xã Phú Hồ": "sông Như Ý",
    "Xã Hưng Lộc": "sông Truồi",
    "Xã Lộc An": "sông Truồi",
    "Xã Bình Điền": "sông Hữu Trạch",
    "Xã Nam Đông": "sông Tả Trạch",
    "Xã Khe Tre": "sông Tả Trạch",
    "Xã A Lưới 1": "sông A Sáp",
    "Xã A Lưới 2": "sông A Sáp",
    "Xã A Lưới 3": "sông A Sáp",
    "Xã A Lưới 4": "sông A Sáp",
    "Xã A Lưới 5": "sông A Sáp",
}
_LAGOONS: dict[str, str] = {
    "Phường Phong Quảng": "phá Tam Giang",
    "Xã Đan Điền": "phá Tam Giang",
    "Xã Quảng Điền": "phá Tam Giang",
    "Phường Hóa Châu": "phá Tam Giang",
    "Phường Thuận An": "phá Tam Giang",
    "Xã Phú Vinh": "đầm Thủy Tú",
    "Xã Phú Vang": "đầm Sam - Chuồn",
    "Xã Vinh Lộc": "đầm Cầu Hai",
    "Xã Chân Mây - Lăng Cô": "đầm Lập An",
    "Phường Phong Phú": "phá Tam Giang",
}

# Well-known places, each with the camera category that would watch it.
_LANDMARKS: dict[str, list[tuple[str, str]]] = {
    "Phường Phú Xuân": [
        ("Ngọ Môn", "tourism"),
        ("Kỳ Đài Huế", "tourism"),
        ("Cửa Hiển Nhơn", "tourism"),
        ("Hồ Tịnh Tâm", "tourism"),
        ("Cửa Thượng Tứ", "traffic"),
        ("Cửa Quảng Đức", "traffic"),
        ("Cửa Ngăn", "traffic"),
        ("Cửa Đông Ba", "traffic"),
        ("Cầu Gia Hội", "traffic"),
        ("Cầu Đông Ba", "traffic"),
        ("Chợ Đông Ba", "urban_order"),
        ("Phố cổ Gia Hội", "urban_order"),
        ("Cồn Hến", "public_safety"),
        ("Công viên Thương Bạc", "public_safety"),
        ("Cầu Trường Tiền - Đầu cầu phía Bắc", "traffic"),
        ("Bến thuyền Đông Ba", "flood"),
    ],
    "Phường Thuận Hóa": [
        ("Cầu Trường Tiền", "traffic"),
        ("Cầu Phú Xuân", "traffic"),
        ("Ga Huế", "public_safety"),
        ("Bệnh viện Trung ương Huế", "public_safety"),
        ("Phố đi bộ Nguyễn Đình Chiểu", "tourism"),
        ("Bến thuyền Tòa Khâm", "tourism"),
        ("Công viên Tứ Tượng", "public_safety"),
        ("Vườn hoa Lê Lợi", "urban_order"),
        ("Phố Tây Phạm Ngũ Lão", "urban_order"),
        ("Trụ sở UBND thành phố Huế", "public_safety"),
        ("Bờ sông Hương - Lê Lợi", "flood"),
    ],
    "Phường Kim Long": [
        ("Chùa Thiên Mụ", "tourism"),
        ("Trạm thủy văn Kim Long", "flood"),
        ("Phủ Thờ Kim Long", "tourism"),
        ("Chợ Kim Long", "urban_order"),
    ],
    "Phường Vỹ Dạ": [("Cầu Vỹ Dạ", "traffic"), ("Chợ Vỹ Dạ", "urban_order"), ("Bờ sông Như Ý", "flood")],
    "Phường An Cựu": [
        ("Bến xe phía Nam", "public_safety"),
        ("Chợ An Cựu", "urban_order"),
        ("Chợ Bến Ngự", "urban_order"),
        ("Cầu An Cựu", "traffic"),
    ],
    "Phường Thủy Xuân": [
        ("Lăng Tự Đức", "tourism"),
        ("Đàn Nam Giao", "tourism"),
        ("Đồi Vọng Cảnh", "tourism"),
        ("Làng hương Thủy Xuân", "tourism"),
        ("Cầu Dã Viên", "traffic"),
    ],
    "Phường Hương An": [("Bến xe phía Bắc", "public_safety")],
    "Phường Hương Trà": [("Trạm thủy văn Phú Ốc", "flood"), ("Cầu Tứ Phú", "traffic")],
    "Phường Phú Bài": [
        ("Cảng hàng không quốc tế Phú Bài", "public_safety"),
        ("Khu công nghiệp Phú Bài", "public_safety"),
    ],
    "Phường Thuận An": [
        ("Biển Thuận An", "tourism"),
        ("Cửa biển Thuận An", "flood"),
        ("Cầu Thuận An", "traffic"),
        ("Chợ Thuận An", "urban_order"),
    ],
    "Phường Dương Nỗ": [("Nhà lưu niệm Bác Hồ ở Dương Nỗ", "tourism"), ("Làng hoa giấy Thanh Tiên", "tourism")],
    "Xã Quảng Điền": [("Chợ Sịa", "urban_order")],
    "Xã Vinh Lộc": [("Cửa biển Tư Hiền", "flood"), ("Cầu Tư Hiền", "traffic")],
    "Xã Phú Lộc": [("Vườn quốc gia Bạch Mã", "forest_fire")],
    "Xã Chân Mây - Lăng Cô": [
        ("Đèo Hải Vân", "traffic"),
        ("Hầm Hải Vân", "traffic"),
        ("Cảng Chân Mây", "public_safety"),
        ("Bãi biển Lăng Cô", "tourism"),
        ("Đầm Lập An", "flood"),
    ],
    "Xã Bình Điền": [("Hồ thủy điện Bình Điền", "flood")],
    "Xã A Lưới 1": [("Cửa khẩu Hồng Vân", "public_safety")],
    "Xã A Lưới 2": [("Trung tâm xã A Lưới 2", "traffic")],
    "Xã A Lưới 3": [("Đồi A Bia", "forest_fire")],
    "Xã A Lưới 4": [("Cửa khẩu A Đớt", "public_safety")],
    "Xã A Lưới 5": [("Hồ thủy điện A Lưới", "flood")],
    "Xã Nam Đông": [("Thác Mơ", "forest_fire")],
}

_DIRECTIONS = ("Hướng Bắc", "Hướng Nam", "Hướng Đông", "Hướng Tây", "Toàn cảnh")

# Camera categories by terrain (weights), tuned so mountains watch forests, water watches floods.
_CATEGORY_WEIGHTS: dict[str, dict[str, int]] = {
    "urban": {"traffic": 40, "urban_order": 25, "public_safety": 20, "tourism": 10, "flood": 5},
    "coastal": {"flood": 35, "traffic": 20, "public_safety": 20, "tourism": 20, "urban_order": 5},
    "lagoon": {"flood": 50, "traffic": 20, "public_safety": 15, "urban_order": 10, "tourism": 5},
    "rural": {"traffic": 40, "public_safety": 20, "flood": 20, "urban_order": 15, "forest_fire": 5},
    "mountain": {"forest_fire": 55, "traffic": 20, "public_safety": 15, "flood": 10},
}
# Heritage wards get far more tourism cameras (Citadel, Thiên Mụ, royal tombs).
_TOURISM_WARDS = {"Phường Phú Xuân": 30, "Phường Kim Long": 25, "Phường Thủy Xuân": 30}
# How many cameras a ward gets relative to others: the centre is densely covered.
_CAMERA_DENSITY: dict[str, int] = {
    "Phường Phú Xuân": 70,
    "Phường Thuận Hóa": 70,
    "Phường Kim Long": 35,
    "Phường Vỹ Dạ": 35,
    "Phường An Cựu": 35,
    "Phường Thủy Xuân": 35,
    "Phường Hương An": 25,
    "Phường Hương Thủy": 25,
    "Phường Phú Bài": 22,
    "Phường Hương Trà": 20,
    "Phường Thanh Thủy": 18,
    "Phường Thuận An": 20,
}
_DEFAULT_DENSITY = {"urban": 15, "coastal": 12, "lagoon": 10, "rural": 9, "mountain": 10}
# Spread (degrees) of points around a ward centre; truncated at 2 sigma.
_SPREAD = {"urban": 0.006, "coastal": 0.012, "lagoon": 0.014, "rural": 0.015, "mountain": 0.03}


def _short(ward: str) -> str:
    """'Phường Vỹ Dạ' -> 'Vỹ Dạ' (used inside place names)."""
    for prefix in ("Phường ", "Xã "):
        if ward.startswith(prefix):
            return ward[len(prefix) :]
    return ward


def _roads(ward: Ward) -> tuple[str, ...]:
    return _WARD_ROADS.get(ward.name) or _MOUNTAIN_ROADS.get(ward.name) or _TERRAIN_ROADS[ward.terrain]


def _point_near(rng: random.Random, ward: Ward) -> tuple[float, float]:
    sigma = _SPREAD[ward.terrain]

    def jitter() -> float:
        return max(-2.0, min(2.0, rng.gauss(0.0, 1.0))) * sigma

    lat = min(max(ward.lat + jitter(), LAT_RANGE[0] + 0.001), LAT_RANGE[1] - 0.001)
    lon = min(max(ward.lon + jitter(), LON_RANGE[0] + 0.001), LON_RANGE[1] - 0.001)
    return round(lat, 6), round(lon, 6)


def _check_now(now: datetime | None) -> datetime:
    """Demo timestamps are aware UTC; a naive datetime is ambiguous, so refuse it clearly."""
    if now is None:
        return datetime.now(_UTC).replace(microsecond=0)
    if not isinstance(now, datetime):
        raise TypeError(f"now must be a datetime, not {type(now).__name__}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (e.g. datetime.now(timezone.utc))")
    return now.astimezone(_UTC)


def _check_count(n: int, name: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {n!r}")
    return n


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# --------------------------------------------------------------------------- cameras
def _camera_place(rng: random.Random, ward: Ward, category: str, counter: int) -> str:
    """A place description for a new camera of this category in this ward."""
    roads = _roads(ward)
    short = _short(ward.name)
    if category == "traffic":
        if len(roads) >= 2 and rng.random() < 0.7:
            a, b = rng.sample(roads, 2)
            return f"{rng.choice(('Ngã tư', 'Ngã ba', 'Nút giao'))} {a} - {b}"
        road = rng.choice(roads)
        if road.startswith(("Quốc lộ", "Tỉnh lộ", "Đường Hồ Chí Minh")):
            return f"{road} - Km{rng.randint(1, 120)}"
        return f"Đường {road} - Đoạn {short}"
    if category == "urban_order":
        road = rng.choice(roads)
        prefix = "" if road.startswith(("Quốc lộ", "Tỉnh lộ", "Đường")) else "đường "
        return rng.choice(
            (
                f"Vỉa hè {prefix}{road}",
                f"Chợ {short}",
                f"Khu dân cư {short} - Tổ {counter % 20 + 1}",
                f"Điểm tập kết rác {short} - Số {counter % 9 + 1}",
            )
        )
    if category == "public_safety":
        return rng.choice(
            (
                f"Trụ sở UBND {ward.name}",
                f"Trường THCS {short}",
                f"Quảng trường {short}",
                f"Khu dân cư {short} - Tổ {counter % 20 + 1}",
                f"Trạm Y tế {short}",
            )
        )
    if category == "forest_fire":
        return rng.choice(
            (
                f"Chòi canh lửa {short} - Tiểu khu {rng.randint(100, 400)}",
                f"Rừng phòng hộ {short} - Tiểu khu {rng.randint(100, 400)}",
                f"Điểm cao {short} - Cao độ {rng.randint(300, 1400)} m",
            )
        )
    if category == "flood":
        water = _LAGOONS.get(ward.name) or _RIVERS.get(ward.name, "sông Hương")
        return rng.choice(
            (
                f"Bờ {water} - {short}",
                f"Cống thoát lũ {short} - Số {counter % 9 + 1}",
                f"Đê bao {short}",
                f"Vùng trũng {short} - Thôn {counter % 12 + 1}",
            )
        )
    # tourism
    return rng.choice((f"Điểm du lịch {short}", f"Bến thuyền {short}", f"Làng nghề {short}"))


def generate_cameras(n: int = 700, seed: int = 1) -> list[dict]:
    """Deterministic demo cameras spread over Huế's wards, categories following the terrain."""
    _check_count(n)
    rng = random.Random(f"cameras-{seed}")
    densities = [_CAMERA_DENSITY.get(w.name, _DEFAULT_DENSITY[w.terrain]) for w in WARDS]
    landmarks_left = {ward: list(places) for ward, places in _LANDMARKS.items()}
    used_names: set[str] = set()
    cameras: list[dict] = []
    for index in range(n):
        # Landmarks come first so the famous places always have cameras, even for small n.
        ward = rng.choices(WARDS, weights=densities)[0]
        place: str | None = None
        category: str
        pending = landmarks_left.get(ward.name)
        if pending and rng.random() < 0.5:
            place, category = pending.pop(0)
        else:
            weights = dict(_CATEGORY_WEIGHTS[ward.terrain])
            if ward.name in _TOURISM_WARDS:
                weights["tourism"] = _TOURISM_WARDS[ward.name]
            category = _weighted(rng, weights)
            place = _camera_place(rng, ward, category, index)
        name = f"{place} - {rng.choice(_DIRECTIONS)}"
        if name in used_names:
            for direction in _DIRECTIONS:
                name = f"{place} - {direction}"
                if name not in used_names:
                    break
            suffix = 2
            base = name
            while name in used_names:
                name = f"{base} {suffix}"
                suffix += 1
        used_names.add(name)
        lat, lon = _point_near(rng, ward)
        roll = rng.random()
        status = "offline" if roll < 0.02 else "degraded" if roll < 0.05 else "online"
        # Forest watch towers and busy junctions are usually PTZ; fixed bullets elsewhere.
        ptz_share = {"forest_fire": 0.85, "traffic": 0.35, "public_safety": 0.4, "tourism": 0.5}.get(category, 0.15)
        cameras.append(
            {
                "id": f"cam-{index + 1:04d}",
                "name": name,
                "ward": ward.name,
                "category": category,
                "lat": lat,
                "lon": lon,
                "ptz": rng.random() < ptz_share,
                "status": status,
            }
        )
    return cameras


# --------------------------------------------------------------------------- sensors
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
    # Sensors beyond the known sites are named "<site> (2)", so strip that to find the site.
    name = str(sensor.get("name", "")).split(" (", 1)[0]
    site = _SITE_BY_NAME.get(name)
    baseline = site[3] if site else _BASELINES[kind]
    thresholds = site[4] if site and site[4] else _THRESHOLDS[kind]
    return baseline, thresholds


def reading_status(sensor: dict, value: float) -> str:
    """'ok', 'warning' or 'alarm' for a value of this sensor (site thresholds where known)."""
    _, (warning, alarm) = _site_for(sensor)
    if value >= alarm:
        return "alarm"
    if value >= warning:
        return "warning"
    return "ok"


def generate_sensors(n: int = 60, seed: int = 1) -> list[dict]:
    """Deterministic demo sensors at real-world-like sites (Kim Long, Phú Ốc, A Lưới, ...)."""
    _check_count(n)
    rng = random.Random(f"sensors-{seed}")
    sensors: list[dict] = []
    for index in range(n):
        name, ward_name, kind, baseline, _ = _SENSOR_SITES[index % len(_SENSOR_SITES)]
        round_no = index // len(_SENSOR_SITES)
        if round_no:
            name = f"{name} ({round_no + 1})"
        lat, lon = _point_near(rng, _WARD_BY_NAME[ward_name])
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
            }
        )
    return sensors


def _rain_intensity(now: datetime) -> float:
    """0..1 'how hard is it raining over Huế' — smooth in time, wetter in the Sep–Dec season.

    Shared by every sensor so rainfall and the rivers rise together.
    """
    hours = now.timestamp() / 3600.0
    wave = 0.6 * math.sin(2 * math.pi * hours / 11.0) + 0.4 * math.sin(2 * math.pi * hours / 3.7 + 1.3)
    season = {9: 0.8, 10: 1.0, 11: 1.0, 12: 0.8, 1: 0.4}.get(now.month, 0.2)
    return max(0.0, min(1.0, wave * season))


def next_reading(rng: random.Random, sensor: dict, now: datetime) -> tuple[float, str]:
    """A plausible next value for the sensor (mean-reverting random walk) and its status."""
    now = _check_now(now)
    kind = sensor.get("kind")
    baseline, (warning, alarm) = _site_for(sensor)
    try:
        current = float(sensor.get("last_result", baseline))
    except (TypeError, ValueError):
        current = baseline
    if not math.isfinite(current):
        current = baseline
    rain = _rain_intensity(now)
    local_hour = now.astimezone(_ICT).hour + now.minute / 60.0
    if kind == "water_level":
        # Heavy rain drives the river past its alarm level; dry weather brings it back.
        target = baseline + (rain**2) * (alarm * 1.25 - baseline)
        value = current + 0.15 * (target - current) + rng.gauss(0.0, 0.02)
    elif kind == "rainfall":
        target = rain * 60.0
        value = current + 0.35 * (target - current) + rng.gauss(0.0, 1.5)
    elif kind == "pm25":
        # Rush hours raise PM2.5, rain washes it out.
        rush = math.exp(-((local_hour - 7.5) ** 2) / 2) + math.exp(-((local_hour - 17.5) ** 2) / 2)
        target = baseline * (1.0 + 0.8 * rush) * (1.0 - 0.5 * rain)
        value = current + 0.25 * (target - current) + rng.gauss(0.0, 2.0)
    elif kind == "temperature":
        target = baseline + 5.0 * math.sin(2 * math.pi * (local_hour - 9.0) / 24.0) - 3.0 * rain
        value = current + 0.2 * (target - current) + rng.gauss(0.0, 0.2)
    else:  # landslide_tilt: slow creep that speeds up in rain, slight relaxation otherwise
        # Tuned so the wettest weeks bring warnings and the odd alarm, not an alarm all shift long:
        # a sensor that never leaves "alarm" trains operators to ignore it.
        value = current + abs(rng.gauss(0.0, 0.004)) * (1.0 + 8.0 * rain) - 0.05 * (current - baseline)
    low, high = _RANGES[kind]
    value = round(min(max(value, low), high), 3)
    return value, reading_status(sensor, value)


# --------------------------------------------------------------------------- reports
@dataclass(frozen=True)
class _Service:
    code: str
    name: str
    agency: str  # may contain {ward}
    weight: int
    sla_days: int
    terrains: frozenset[str]
    descriptions: tuple[str, ...]  # may contain {road} and {short}


_ALL_TERRAIN = frozenset({"urban", "coastal", "lagoon", "rural", "mountain"})
_HEPCO = "Công ty Cổ phần Môi trường và Công trình đô thị Huế"

SERVICES: list[_Service] = [
    _Service(
        "rac_thai",
        "Rác thải",
        _HEPCO,
        18,
        2,
        _ALL_TERRAIN,
        (
            "Rác thải sinh hoạt tồn đọng nhiều ngày trên {road}, bốc mùi hôi.",
            "Điểm tập kết rác tự phát ở {short}, đề nghị thu gom.",
            "Thùng rác công cộng trên {road} đầy tràn, chưa được thu gom.",
            "Có người đổ xà bần, rác thải xây dựng ra lề {road}.",
        ),
    ),
    _Service(
        "den_duong",
        "Đèn đường hư hỏng",
        _HEPCO,
        10,
        3,
        _ALL_TERRAIN,
        (
            "Đèn đường trên {road} không sáng nhiều đêm liền, gây mất an toàn.",
            "Cụm đèn chiếu sáng gần nút giao trên {road} chập chờn.",
            "Trụ đèn chiếu sáng ở {short} bị nghiêng, có nguy cơ đổ.",
        ),
    ),
    _Service(
        "lan_chiem_via_he",
        "Lấn chiếm vỉa hè",
        "UBND {ward}",
        12,
        5,
        frozenset({"urban", "coastal", "rural"}),
        (
            "Quán ăn lấn chiếm toàn bộ vỉa hè {road}, người đi bộ phải xuống lòng đường.",
            "Hộ kinh doanh để xe máy, hàng hóa tràn ra vỉa hè {road}.",
            "Dựng mái che, bạt lấn chiếm vỉa hè trên {road}.",
        ),
    ),
    _Service(
        "ngap_ung",
        "Ngập úng",
        _HEPCO,
        8,
        2,
        _ALL_TERRAIN,
        (
            "Mưa lớn, {road} ngập sâu khoảng 40 cm, xe máy chết máy nhiều.",
            "Cống thoát nước trên {road} bị tắc, nước không thoát được.",
            "Khu dân cư {short} ngập úng kéo dài sau mưa.",
        ),
    ),
    _Service(
        "o_ga",
        "Ổ gà mặt đường",
        "Sở Xây dựng thành phố Huế",
        8,
        7,
        _ALL_TERRAIN,
        (
            "Mặt {road} xuất hiện nhiều ổ gà lớn, nguy hiểm cho xe máy.",
            "Nắp hố ga trên {road} bị vỡ, hụt xuống so với mặt đường.",
            "Mặt {road} bị lún, sụt sau đợt mưa lũ.",
        ),
    ),
    _Service(
        "cay_xanh",
        "Cây xanh gãy đổ, nguy hiểm",
        "Trung tâm Công viên cây xanh Huế",
        7,
        3,
        _ALL_TERRAIN,
        (
            "Cây xanh trên {road} bị gãy cành sau mưa, chắn một phần lòng đường.",
            "Cây cổ thụ trước nhà trên {road} nghiêng, có nguy cơ đổ vào nhà dân.",
            "Đề nghị cắt tỉa cây xanh che khuất đèn tín hiệu giao thông trên {road}.",
        ),
    ),
    _Service(
        "tieng_on",
        "Tiếng ồn",
        "Công an {ward}",
        7,
        2,
        frozenset({"urban", "coastal", "rural", "lagoon"}),
        (
            "Hát karaoke gây ồn sau 22 giờ tại khu dân cư {short}.",
            "Cơ sở sản xuất trên {road} hoạt động gây ồn ban đêm.",
            "Quán bar trên {road} mở nhạc lớn đến khuya.",
        ),
    ),
    _Service(
        "an_ninh_trat_tu",
        "An ninh trật tự",
        "Công an {ward}",
        6,
        2,
        _ALL_TERRAIN,
        (
            "Nhóm thanh niên tụ tập, gây mất trật tự trên {road} vào ban đêm.",
            "Nghi có đối tượng trộm cắp xe máy hoạt động tại khu vực {short}.",
            "Đua xe trái phép trên {road} vào tối cuối tuần.",
        ),
    ),
    _Service(
        "vi_pham_giao_thong",
        "Vi phạm trật tự an toàn giao thông",
        "Phòng Cảnh sát giao thông - Công an thành phố Huế",
        5,
        3,
        _ALL_TERRAIN,
        (
            "Xe tải đỗ dưới lòng {road} gây cản trở giao thông.",
            "Đèn tín hiệu giao thông tại nút giao trên {road} không hoạt động.",
            "Xe khách dừng đón trả khách sai quy định trên {road}.",
        ),
    ),
    _Service(
        "xay_dung_trai_phep",
        "Xây dựng trái phép",
        "UBND {ward}",
        4,
        10,
        _ALL_TERRAIN,
        (
            "Công trình xây dựng không có giấy phép tại khu vực {short}.",
            "Công trình trên {road} xây dựng vượt số tầng được cấp phép.",
            "Tập kết vật liệu xây dựng chiếm lòng {road}.",
        ),
    ),
    _Service(
        "o_nhiem_moi_truong",
        "Ô nhiễm môi trường",
        "Sở Nông nghiệp và Môi trường thành phố Huế",
        4,
        10,
        _ALL_TERRAIN,
        (
            "Cơ sở chăn nuôi ở {short} xả nước thải chưa qua xử lý ra mương.",
            "Khói bụi từ cơ sở sản xuất gần {road} gây ô nhiễm.",
            "Nước mương thoát ở {short} đen, bốc mùi hôi thối.",
        ),
    ),
    _Service(
        "cap_nuoc",
        "Sự cố cấp nước",
        "Công ty Cổ phần Cấp nước Thừa Thiên Huế",
        4,
        2,
        _ALL_TERRAIN,
        (
            "Vỡ đường ống cấp nước trên {road}, nước chảy tràn mặt đường.",
            "Khu dân cư {short} mất nước sinh hoạt từ sáng.",
            "Nước máy tại {short} có màu đục, đề nghị kiểm tra.",
        ),
    ),
    _Service(
        "an_toan_thuc_pham",
        "An toàn thực phẩm",
        "Sở Y tế thành phố Huế",
        2,
        7,
        frozenset({"urban", "coastal"}),
        (
            "Quán ăn trên {road} không đảm bảo vệ sinh an toàn thực phẩm.",
            "Phát hiện thực phẩm không rõ nguồn gốc bày bán tại chợ {short}.",
        ),
    ),
    _Service(
        "chay_rung",
        "Cháy rừng, đốt thực bì",
        "Chi cục Kiểm lâm thành phố Huế",
        2,
        1,
        frozenset({"mountain", "rural"}),
        (
            "Phát hiện khói bốc lên từ rừng keo gần {short}, nghi cháy rừng.",
            "Người dân đốt thực bì sau khai thác keo, lửa có nguy cơ lan vào rừng ở {short}.",
        ),
    ),
    _Service(
        "sat_lo",
        "Sạt lở đất, bờ sông",
        "Ban Chỉ huy Phòng thủ dân sự thành phố Huế",
        2,
        3,
        frozenset({"mountain", "rural", "lagoon", "coastal"}),
        (
            "Taluy dương trên {road} đoạn qua {short} sạt lở, đất đá tràn xuống mặt đường.",
            "Bờ sông tại {short} sạt lở sâu vào đất sản xuất sau lũ.",
            "Bờ biển đoạn qua {short} bị sóng đánh sạt lở.",
        ),
    ),
    _Service(
        "du_lich",
        "Chèo kéo, ép giá du khách",
        "Sở Du lịch thành phố Huế",
        2,
        5,
        frozenset({"urban", "coastal"}),
        ("Xích lô chèo kéo, ép giá du khách gần {road}.", "Người bán hàng rong đeo bám du khách tại khu vực {short}."),
    ),
]
_SERVICE_BY_CODE = {s.code: s for s in SERVICES}

# Citizen reports come overwhelmingly from the dense centre (where Hue-S is used most).
_REPORT_DENSITY: dict[str, int] = {
    "Phường Phú Xuân": 120,
    "Phường Thuận Hóa": 140,
    "Phường Kim Long": 40,
    "Phường Vỹ Dạ": 50,
    "Phường An Cựu": 60,
    "Phường Thủy Xuân": 40,
    "Phường Hương An": 30,
    "Phường Hương Thủy": 30,
    "Phường Phú Bài": 25,
    "Phường Thuận An": 20,
}
_REPORT_WARD_WEIGHTS = [_REPORT_DENSITY.get(w.name, 6) for w in WARDS]
_REPORT_PROGRESS = {
    "open": 0,
    "action_scheduled": 1,
    "in_progress": 2,
    "closed": 3,
    "duplicate": 3,
    "not_responsible": 3,
}


def _address(rng: random.Random, ward: Ward) -> tuple[str, str]:
    """(street-level address, the road or place name it is on)."""
    if ward.name in _WARD_ROADS and not _WARD_ROADS[ward.name][0].startswith("Quốc lộ"):
        road = rng.choice(_WARD_ROADS[ward.name])
        return f"{rng.randint(1, 250)} {road}, {ward.name}, thành phố Huế", road
    road = rng.choice(_roads(ward))
    unit = "Tổ dân phố" if ward.name.startswith("Phường") else "Thôn"
    return f"{unit} {rng.randint(1, 15)}, {ward.name}, thành phố Huế", road


def _report_status_for_age(rng: random.Random, age_days: float) -> str:
    """Open311 status for a report of this age: ~98 % of all reports end up processed."""
    if age_days > 10:
        table = (
            ("closed", 0.955),
            ("duplicate", 0.02),
            ("not_responsible", 0.017),
            ("in_progress", 0.005),
            ("action_scheduled", 0.002),
            ("open", 0.001),
        )
    elif age_days > 3:
        table = (
            ("closed", 0.85),
            ("duplicate", 0.03),
            ("not_responsible", 0.03),
            ("in_progress", 0.05),
            ("action_scheduled", 0.03),
            ("open", 0.01),
        )
    else:
        table = (
            ("closed", 0.35),
            ("duplicate", 0.03),
            ("not_responsible", 0.02),
            ("in_progress", 0.25),
            ("action_scheduled", 0.15),
            ("open", 0.20),
        )
    return rng.choices([s for s, _ in table], weights=[w for _, w in table])[0]


def _make_report(rng: random.Random, requested: datetime, now: datetime, status: str | None) -> dict:
    ward = rng.choices(WARDS, weights=_REPORT_WARD_WEIGHTS)[0]
    services = [s for s in SERVICES if ward.terrain in s.terrains]
    service = rng.choices(services, weights=[s.weight for s in services])[0]
    address, road = _address(rng, ward)
    # Streets read "đường Lê Lợi"; highways already name themselves ("Quốc lộ 49").
    road_phrase = road if road.startswith(("Quốc lộ", "Tỉnh lộ", "Đường")) else f"đường {road}"
    description = rng.choice(service.descriptions).format(road=road_phrase, short=_short(ward.name))
    source = "hotline" if rng.random() < 0.18 else "hue_s"
    if source == "hotline":
        description = f"Người dân gọi đường dây nóng 1900 1075 phản ánh: {description}"
    lat, lon = _point_near(rng, ward)
    age = (now - requested).total_seconds()
    if status is None:
        status = _report_status_for_age(rng, age / 86400.0)
    if status == "open":
        updated = requested
    elif status in REPORT_FINAL_STATUSES:
        # Most reports are handled within a day or two; a few take the whole SLA or more.
        hours = min(rng.lognormvariate(math.log(20), 0.8), service.sla_days * 36)
        handling = timedelta(seconds=int(hours * 3600))
        updated = min(requested + handling, now)
    else:
        updated = requested + timedelta(seconds=int(age * rng.uniform(0.1, 0.9)))
    return {
        "source": source,
        "service_code": service.code,
        "service_name": service.name,
        "description": description,
        "status": status,
        "ward": ward.name,
        "lat": lat,
        "lon": lon,
        "address": address,
        "agency_responsible": service.agency.format(ward=ward.name),
        "requested_datetime": requested,
        "updated_datetime": updated,
        "expected_datetime": requested + timedelta(days=service.sla_days),
    }


def generate_reports(n: int = 5000, seed: int = 1, now: datetime | None = None) -> list[dict]:
    """Deterministic citizen (Hue-S 'Phản ánh hiện trường') and hotline reports over the past year."""
    _check_count(n)
    now = _check_now(now)
    rng = random.Random(f"reports-{seed}")
    year = 365 * 86400
    # Sorted oldest first so database ids follow the order reports arrived.
    offsets = sorted((rng.uniform(600, year) for _ in range(n)), reverse=True)
    return [_make_report(rng, now - timedelta(seconds=int(off)), now, None) for off in offsets]


def random_report(rng: random.Random, now: datetime) -> dict:
    """A brand-new report as the simulator would receive it (status 'open')."""
    now = _check_now(now)
    return _make_report(rng, now, now, "open")


def next_report_status(rng: random.Random, status: str) -> str | None:
    """A plausible forward move in the Open311 flow, or None when the status is final."""
    if status not in _REPORT_PROGRESS:
        raise ValueError(f"unknown report status {status!r}; expected one of {REPORT_STATUSES}")
    if status in REPORT_FINAL_STATUSES:
        return None
    if status == "open":
        return rng.choices(("action_scheduled", "in_progress", "duplicate", "not_responsible"), weights=(35, 55, 5, 5))[
            0
        ]
    if status == "action_scheduled":
        return rng.choices(("in_progress", "closed"), weights=(70, 30))[0]
    return "closed"  # in_progress


# --------------------------------------------------------------------------- alerts
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
            self.by_category.setdefault(cam.get("category"), []).append(cam)
            ward = _WARD_BY_NAME.get(cam.get("ward"))
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
    _check_count(n)
    now = _check_now(now)
    index = _CameraIndex(cameras)
    rng = random.Random(f"alerts-{seed}")
    span = 30 * 86400
    offsets = sorted((rng.uniform(30, span) for _ in range(n)), reverse=True)
    return [_make_alert(rng, index, now - timedelta(seconds=int(off)), now, False) for off in offsets]


def random_alert(rng: random.Random, cameras: list[dict], now: datetime) -> dict:
    """A fresh detection as the simulator would emit it (state 'new')."""
    now = _check_now(now)
    return _make_alert(rng, _CameraIndex(cameras), now, now, True)


# --------------------------------------------------------------------------- tasks & meetings
_TASK_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    (
        "Kiểm tra chòi canh lửa {mountain}",
        "Kiểm tra thiết bị, camera và lực lượng trực tại các chòi canh lửa, "
        "báo cáo tình trạng sẵn sàng chữa cháy rừng.",
        "Chi cục Kiểm lâm thành phố Huế",
    ),
    (
        "Rà soát phương án sơ tán dân vùng trũng {lowland}",
        "Cập nhật danh sách hộ dân vùng trũng thấp, "
        "điểm sơ tán và phương tiện hỗ trợ khi mực nước sông Hương vượt báo động II.",
        "Ban Chỉ huy Phòng thủ dân sự thành phố Huế",
    ),
    ("Nạo vét cống thoát nước {road}", "Khơi thông hệ thống cống thoát nước trước đợt mưa lớn.", _HEPCO),
    (
        "Xử lý lấn chiếm vỉa hè {road}",
        "Phối hợp lập biên bản, yêu cầu các hộ kinh doanh trả lại vỉa hè cho người đi bộ.",
        "UBND Phường Thuận Hóa",
    ),
    (
        "Thay thế đèn chiếu sáng hư hỏng {road}",
        "Thay bóng đèn và kiểm tra tủ điện chiếu sáng theo phản ánh của người dân trên Hue-S.",
        _HEPCO,
    ),
    (
        "Cắt tỉa cây xanh trước mùa mưa bão trên {road}",
        "Cắt tỉa, chằng chống cây xanh có nguy cơ gãy đổ.",
        "Trung tâm Công viên cây xanh Huế",
    ),
    (
        "Kiểm tra camera mất tín hiệu khu vực {lowland}",
        "Kiểm tra đường truyền, nguồn điện và thay thế thiết bị camera mất kết nối.",
        "Trung tâm Giám sát, điều hành đô thị thông minh Huế",
    ),
    (
        "Tổng hợp phản ánh hiện trường tuần",
        "Tổng hợp, phân loại các phản ánh quá hạn xử lý, đề xuất đơn vị chịu trách nhiệm.",
        "Trung tâm Giám sát, điều hành đô thị thông minh Huế",
    ),
    (
        "Khắc phục sạt lở taluy {slope}",
        "Bố trí biển cảnh báo, dọn đất đá và đề xuất phương án gia cố taluy.",
        "Sở Xây dựng thành phố Huế",
    ),
    (
        "Tuần tra đảm bảo an ninh trật tự khu vực {tourism}",
        "Tăng cường tuần tra, xử lý chèo kéo du khách và đảm bảo trật tự tại điểm du lịch.",
        "Công an thành phố Huế",
    ),
    (
        "Kiểm tra đê bao, cống ngăn mặn ven phá Tam Giang",
        "Kiểm tra tình trạng đê bao và cống ngăn mặn, sẵn sàng vận hành khi triều cường.",
        "Sở Nông nghiệp và Môi trường thành phố Huế",
    ),
    (
        "Xác minh cảnh báo khói trên camera {mountain}",
        "Cử lực lượng kiểm lâm địa bàn xác minh cảnh báo khói do hệ thống AI phát hiện.",
        "Chi cục Kiểm lâm thành phố Huế",
    ),
)
_TASK_FILL = {
    "mountain": ("xã A Lưới 1", "xã A Lưới 3", "xã A Lưới 5", "xã Nam Đông", "xã Khe Tre", "xã Bình Điền"),
    "lowland": (
        "phường Hương An",
        "phường Kim Long",
        "phường Phú Xuân",
        "xã Quảng Điền",
        "phường Dương Nỗ",
        "phường Thuận An",
    ),
    "road": (
        "đường Lê Lợi",
        "đường Hùng Vương",
        "đường Trần Hưng Đạo",
        "đường Điện Biên Phủ",
        "đường Nguyễn Sinh Cung",
        "đường Phạm Văn Đồng",
        "đường Đinh Tiên Hoàng",
        "đường An Dương Vương",
    ),
    "slope": (
        "Quốc lộ 49 đoạn qua A Lưới",
        "Đường Hồ Chí Minh đoạn qua Khe Tre",
        "đèo Hải Vân",
        "Tỉnh lộ 14B đoạn qua Nam Đông",
    ),
    "tourism": ("Đại Nội", "chùa Thiên Mụ", "lăng Tự Đức", "phố đi bộ Nguyễn Đình Chiểu", "biển Thuận An"),
}
_TASK_CREATORS = ("leader", "supervisor", "admin")


def generate_tasks(n: int = 40, seed: int = 1, now: datetime | None = None) -> list[dict]:
    """Deterministic follow-up tasks assigned to city units."""
    _check_count(n)
    now = _check_now(now)
    rng = random.Random(f"tasks-{seed}")
    tasks: list[dict] = []
    titles: set[str] = set()
    for _ in range(n):
        template, description, unit = rng.choice(_TASK_TEMPLATES)
        fill = {key: rng.choice(values) for key, values in _TASK_FILL.items()}
        title = template.format(**fill)
        base, k = title, 2
        while title in titles:
            title = f"{base} (đợt {k})"
            k += 1
        titles.add(title)
        due = now + timedelta(hours=rng.randint(-14 * 24, 14 * 24))
        if due < now:
            status = rng.choices(TASK_STATUSES, weights=(10, 15, 65, 10))[0]
        else:
            status = rng.choices(TASK_STATUSES, weights=(50, 40, 8, 2))[0]
        tasks.append(
            {
                "title": title,
                "description": description,
                "assignee_unit": unit,
                "status": status,
                "due_at": due.replace(minute=0, second=0, microsecond=0),
                "created_by": rng.choice(_TASK_CREATORS),
            }
        )
    return tasks


_MEETING_TEMPLATES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Giao ban điều hành Trung tâm IOC",
        (
            ("Tình hình phản ánh hiện trường trong tuần", "Trưởng phòng Tiếp nhận phản ánh"),
            ("Cảnh báo AI nổi bật và kết quả xử lý", "Trưởng ca trực vận hành"),
            ("Tình trạng hạ tầng camera", "Phòng Kỹ thuật"),
        ),
    ),
    (
        "Họp Ban Chỉ huy Phòng thủ dân sự ứng phó mưa lũ",
        (
            ("Diễn biến mực nước sông Hương, sông Bồ", "Đài Khí tượng Thủy văn thành phố Huế"),
            ("Phương án sơ tán dân vùng trũng thấp", "Ban Chỉ huy Phòng thủ dân sự thành phố Huế"),
            ("Đảm bảo giao thông, thông tin liên lạc", "Sở Xây dựng thành phố Huế"),
        ),
    ),
    (
        "Rà soát phương án phòng cháy chữa cháy rừng",
        (
            ("Cảnh báo cháy rừng từ hệ thống camera AI", "Trung tâm Giám sát, điều hành đô thị thông minh Huế"),
            ("Lực lượng, phương tiện tại A Lưới và Nam Đông", "Chi cục Kiểm lâm thành phố Huế"),
        ),
    ),
    (
        "Họp chuyên đề trật tự đô thị khu vực trung tâm",
        (
            ("Lấn chiếm vỉa hè, lòng đường", "UBND Phường Thuận Hóa"),
            ("Trật tự tại Chợ Đông Ba và khu vực Kinh thành", "UBND Phường Phú Xuân"),
        ),
    ),
    (
        "Đánh giá vận hành hệ thống camera giám sát",
        (
            ("Tỷ lệ camera trực tuyến, sự cố đường truyền", "Phòng Kỹ thuật"),
            ("Đề xuất mở rộng 29 bài toán phân tích AI", "Trung tâm Giám sát, điều hành đô thị thông minh Huế"),
        ),
    ),
    (
        "Chuẩn bị đảm bảo an ninh, trật tự dịp Festival Huế",
        (
            ("Phương án phân luồng giao thông", "Phòng Cảnh sát giao thông - Công an thành phố Huế"),
            ("Giám sát đám đông bằng camera", "Trung tâm Giám sát, điều hành đô thị thông minh Huế"),
        ),
    ),
)
_MEETING_ROOMS = (
    "Phòng họp Trung tâm IOC Huế",
    "Phòng họp trực tuyến UBND thành phố Huế",
    "Hội trường UBND thành phố Huế",
)


def generate_meetings(n: int = 6, seed: int = 1, now: datetime | None = None) -> list[dict]:
    """Deterministic operations meetings: some ended, one under way, some scheduled."""
    _check_count(n)
    now = _check_now(now)
    rng = random.Random(f"meetings-{seed}")
    local_today = now.astimezone(_ICT).replace(hour=8, minute=0, second=0, microsecond=0)
    meetings: list[dict] = []
    for i in range(n):
        # Rotate the templates so the meeting under way is the flood-response one (index 1):
        # an emergency meeting is plausible at any hour of the day the demo is started.
        title, agenda = _MEETING_TEMPLATES[(i - n // 2 + 1) % len(_MEETING_TEMPLATES)]
        if i >= len(_MEETING_TEMPLATES):
            title = f"{title} (lần {i // len(_MEETING_TEMPLATES) + 1})"
        # Spread from a week ago to a week ahead; one meeting is happening right now.
        if i == n // 2:
            starts = now.replace(second=0, microsecond=0) - timedelta(minutes=30)
        else:
            starts = (
                local_today + timedelta(days=(i - n // 2) * 2 + rng.choice((0, 1)), hours=rng.choice((0, 1, 6, 7)))
            ).astimezone(_UTC)
        ends = starts + timedelta(minutes=rng.choice((60, 90, 120)))
        status = "ended" if ends <= now else "in_progress" if starts <= now else "scheduled"
        meetings.append(
            {
                "title": title,
                "location": rng.choice(_MEETING_ROOMS),
                "starts_at": starts,
                "ends_at": ends,
                "status": status,
                "agenda": [{"title": t, "presenter": p} for t, p in agenda],
            }
        )
    return meetings
