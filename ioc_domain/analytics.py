"""The catalogue of the IOC's video analytics: product data (served by GET /analytics), not demo data."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES: tuple[str, ...] = ("traffic", "urban_order", "public_safety", "forest_fire", "disaster")


@dataclass(frozen=True)
class Analytic:
    """One of the IOC's video analytics (what the AI engine can detect on a camera)."""

    code: str
    name_vi: str
    name_en: str
    category: str  # traffic | urban_order | public_safety | forest_fire | disaster
    default_severity: str  # info | warning | critical


# The 29 analytics the IOC runs, in the five groups Huế announced publicly.
ANALYTICS: list[Analytic] = [
    # Giao thông
    Analytic("wrong_way", "Đi ngược chiều", "Wrong-way driving", "traffic", "warning"),
    Analytic("illegal_parking", "Dừng, đỗ xe sai quy định", "Illegal parking", "traffic", "info"),
    Analytic("red_light_violation", "Vượt đèn đỏ", "Red-light violation", "traffic", "warning"),
    Analytic("traffic_congestion", "Ùn tắc giao thông", "Traffic congestion", "traffic", "warning"),
    Analytic("traffic_accident", "Tai nạn giao thông", "Traffic accident", "traffic", "critical"),
    Analytic("no_helmet", "Không đội mũ bảo hiểm", "Rider without helmet", "traffic", "info"),
    Analytic("lane_violation", "Đi sai làn đường", "Lane violation", "traffic", "info"),
    Analytic("speeding", "Chạy quá tốc độ", "Speeding", "traffic", "warning"),
    # Trật tự đô thị
    Analytic("sidewalk_encroachment", "Lấn chiếm vỉa hè", "Sidewalk encroachment", "urban_order", "info"),
    Analytic("illegal_dumping", "Đổ rác, xả thải sai quy định", "Illegal dumping", "urban_order", "info"),
    Analytic("street_vending", "Buôn bán hàng rong sai quy định", "Unlicensed street vending", "urban_order", "info"),
    Analytic("illegal_advertising", "Treo băng rôn, quảng cáo trái phép", "Illegal advertising", "urban_order", "info"),
    Analytic("overflowing_bin", "Thùng rác đầy tràn", "Overflowing waste bin", "urban_order", "info"),
    Analytic("illegal_construction", "Xây dựng trái phép", "Illegal construction", "urban_order", "warning"),
    Analytic("tourist_touting", "Chèo kéo, đeo bám du khách", "Touting tourists", "urban_order", "info"),
    # An ninh trật tự
    Analytic("crowd_gathering", "Tụ tập đông người", "Crowd gathering", "public_safety", "warning"),
    Analytic("fighting", "Ẩu đả, gây rối", "Fighting", "public_safety", "critical"),
    Analytic("loitering", "Lảng vảng bất thường", "Loitering", "public_safety", "info"),
    Analytic("intrusion", "Xâm nhập khu vực cấm", "Intrusion into a restricted area", "public_safety", "warning"),
    Analytic("abandoned_object", "Vật thể bị bỏ lại", "Abandoned object", "public_safety", "warning"),
    Analytic("person_fallen", "Người bị ngã, bất động", "Person fallen", "public_safety", "critical"),
    # Phòng cháy chữa cháy rừng
    Analytic("forest_fire", "Cháy rừng", "Forest fire", "forest_fire", "critical"),
    Analytic("smoke", "Phát hiện khói", "Smoke", "forest_fire", "warning"),
    Analytic("straw_burning", "Đốt rơm rạ, thực bì", "Open burning of straw or vegetation", "forest_fire", "warning"),
    Analytic(
        "forest_intrusion",
        "Người, phương tiện vào rừng trái phép",
        "Unauthorised entry into forest",
        "forest_fire",
        "warning",
    ),
    # Thiên tai
    Analytic("flooded_road", "Ngập nước đường giao thông", "Flooded road", "disaster", "warning"),
    Analytic("water_level_rise", "Nước sông dâng cao", "River water rising", "disaster", "warning"),
    Analytic("landslide", "Sạt lở đất", "Landslide", "disaster", "critical"),
    Analytic("high_waves", "Sóng lớn, triều cường", "High waves or storm surge", "disaster", "warning"),
]
ANALYTICS_BY_CODE: dict[str, Analytic] = {a.code: a for a in ANALYTICS}


def category_of(code: str) -> str | None:
    """The category of the analytic ``code``, or None for a code this build does not know."""
    analytic = ANALYTICS_BY_CODE.get(code)
    return analytic.category if analytic else None
