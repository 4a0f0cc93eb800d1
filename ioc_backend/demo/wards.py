"""Huế's 40 wards and communes, their roads and waters, and the place helpers every demo generator uses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

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
WARD_BY_NAME: dict[str, Ward] = {w.name: w for w in WARDS}

ICT = timezone(timedelta(hours=7))  # Huế local time for "08:00 meeting"-style choices

# Main roads per ward: real street names in the centre, highways elsewhere.
WARD_ROADS: dict[str, tuple[str, ...]] = {
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
RIVERS: dict[str, str] = {
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
LAGOONS: dict[str, str] = {
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


# Spread (degrees) of points around a ward centre; truncated at 2 sigma.
_SPREAD = {"urban": 0.006, "coastal": 0.012, "lagoon": 0.014, "rural": 0.015, "mountain": 0.03}


def short_ward(ward: str) -> str:
    """'Phường Vỹ Dạ' -> 'Vỹ Dạ' (used inside place names)."""
    for prefix in ("Phường ", "Xã "):
        if ward.startswith(prefix):
            return ward[len(prefix) :]
    return ward


def ward_roads(ward: Ward) -> tuple[str, ...]:
    return WARD_ROADS.get(ward.name) or _MOUNTAIN_ROADS.get(ward.name) or _TERRAIN_ROADS[ward.terrain]


def point_near(rng: random.Random, ward: Ward) -> tuple[float, float]:
    sigma = _SPREAD[ward.terrain]

    def jitter() -> float:
        return max(-2.0, min(2.0, rng.gauss(0.0, 1.0))) * sigma

    lat = min(max(ward.lat + jitter(), LAT_RANGE[0] + 0.001), LAT_RANGE[1] - 0.001)
    lon = min(max(ward.lon + jitter(), LON_RANGE[0] + 0.001), LON_RANGE[1] - 0.001)
    return round(lat, 6), round(lon, 6)


def check_now(now: datetime | None) -> datetime:
    """Demo timestamps are aware UTC; a naive datetime is ambiguous, so refuse it clearly."""
    if now is None:
        return datetime.now(UTC).replace(microsecond=0)
    if not isinstance(now, datetime):
        raise TypeError(f"now must be a datetime, not {type(now).__name__}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (e.g. datetime.now(timezone.utc))")
    return now.astimezone(UTC)


def check_count(n: int, name: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {n!r}")
    return n


def weighted_choice(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]
