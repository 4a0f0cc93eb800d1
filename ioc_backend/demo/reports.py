"""Demo citizen reports (Hue-S, hotline): services, addresses and how a report's status moves on."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from ioc_backend.demo.wards import WARD_ROADS, WARDS, Ward, check_count, check_now, point_near, short_ward, ward_roads
from ioc_domain.statuses import REPORT_FINAL_STATUSES, REPORT_STATUSES


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
HEPCO = "Công ty Cổ phần Môi trường và Công trình đô thị Huế"

SERVICES: list[_Service] = [
    _Service(
        "rac_thai",
        "Rác thải",
        HEPCO,
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
        HEPCO,
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
        HEPCO,
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
    if ward.name in WARD_ROADS and not WARD_ROADS[ward.name][0].startswith("Quốc lộ"):
        road = rng.choice(WARD_ROADS[ward.name])
        return f"{rng.randint(1, 250)} {road}, {ward.name}, thành phố Huế", road
    road = rng.choice(ward_roads(ward))
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
    description = rng.choice(service.descriptions).format(road=road_phrase, short=short_ward(ward.name))
    source = "hotline" if rng.random() < 0.18 else "hue_s"
    if source == "hotline":
        description = f"Người dân gọi đường dây nóng 1900 1075 phản ánh: {description}"
    lat, lon = point_near(rng, ward)
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


# How citizens rate a closed report (1..5): most are pleased, less so when it was handled late.
# About 92 % of the ratings are 4 or 5, as Huế publishes for its Hue-S reports.
_RATINGS = (1, 2, 3, 4, 5)
_RATING_WEIGHTS_ON_TIME = (1, 1, 4, 30, 64)
_RATING_WEIGHTS_LATE = (4, 6, 12, 38, 40)
# Not every citizen answers the question at closing.
RATED_SHARE = 0.7


def closing_rating(rng: random.Random, on_time: bool) -> int | None:
    """The rating a citizen gives (or not: None) when their report is closed."""
    if rng.random() >= RATED_SHARE:
        return None
    weights = _RATING_WEIGHTS_ON_TIME if on_time else _RATING_WEIGHTS_LATE
    return rng.choices(_RATINGS, weights=weights)[0]


def _on_time(report: dict) -> bool:
    expected = report["expected_datetime"]
    return expected is None or report["updated_datetime"] <= expected


def generate_reports(n: int = 5000, seed: int = 1, now: datetime | None = None) -> list[dict]:
    """Deterministic citizen (Hue-S 'Phản ánh hiện trường') and hotline reports over the past year;
    most closed ones carry the citizen's satisfaction rating."""
    check_count(n)
    now = check_now(now)
    rng = random.Random(f"reports-{seed}")
    # Ratings from a generator of their own: the reports stay as they were before ratings.
    rating_rng = random.Random(f"report-ratings-{seed}")
    year = 365 * 86400
    # Sorted oldest first so database ids follow the order reports arrived.
    offsets = sorted((rng.uniform(600, year) for _ in range(n)), reverse=True)
    reports = [_make_report(rng, now - timedelta(seconds=int(off)), now, None) for off in offsets]
    for report in reports:
        closed = report["status"] == "closed"
        report["satisfaction"] = closing_rating(rating_rng, _on_time(report)) if closed else None
    return reports


def random_report(rng: random.Random, now: datetime) -> dict:
    """A brand-new report as the simulator would receive it (status 'open')."""
    now = check_now(now)
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
