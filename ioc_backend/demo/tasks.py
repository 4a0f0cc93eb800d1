"""Demo tasks handed to the city's units."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from string import Formatter

from ioc_backend.demo.reports import HEPCO
from ioc_backend.demo.wards import LAGOONS, WARD_BY_NAME, WARD_ROADS, WARDS, check_count, check_now, point_near
from ioc_domain.statuses import TASK_STATUSES

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
    ("Nạo vét cống thoát nước {road}", "Khơi thông hệ thống cống thoát nước trước đợt mưa lớn.", HEPCO),
    (
        "Xử lý lấn chiếm vỉa hè {road}",
        "Phối hợp lập biên bản, yêu cầu các hộ kinh doanh trả lại vỉa hè cho người đi bộ.",
        "UBND Phường Thuận Hóa",
    ),
    (
        "Thay thế đèn chiếu sáng hư hỏng {road}",
        "Thay bóng đèn và kiểm tra tủ điện chiếu sáng theo phản ánh của người dân trên Hue-S.",
        HEPCO,
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

# Where a task is: the ward of the place its title names (the first placeholder of its template).
_PLACE_WARD: dict[str, str] = {
    # mountain and lowland fills are "xã A Lưới 1", "phường Hương An": the ward's name, lower-cased
    **{f"{w.name[0].lower()}{w.name[1:]}": w.name for w in WARDS},
    # a road: the first ward listing it among its main roads
    **{
        f"đường {road}": ward
        for ward, roads in reversed(list(WARD_ROADS.items()))
        for road in roads
        if not road.startswith(("Quốc lộ", "Đường", "Tỉnh lộ"))
    },
    "Quốc lộ 49 đoạn qua A Lưới": "Xã A Lưới 2",
    "Đường Hồ Chí Minh đoạn qua Khe Tre": "Xã Khe Tre",
    "đèo Hải Vân": "Xã Chân Mây - Lăng Cô",
    "Tỉnh lộ 14B đoạn qua Nam Đông": "Xã Nam Đông",
    "Đại Nội": "Phường Phú Xuân",
    "chùa Thiên Mụ": "Phường Kim Long",
    "lăng Tự Đức": "Phường Thủy Xuân",
    "phố đi bộ Nguyễn Đình Chiểu": "Phường Thuận Hóa",
    "biển Thuận An": "Phường Thuận An",
}
# Templates naming no fill but still a place; the rest (a weekly summary) have none.
_TEMPLATE_WARDS: dict[str, tuple[str, ...]] = {
    "Kiểm tra đê bao, cống ngăn mặn ven phá Tam Giang": tuple(
        ward for ward, water in LAGOONS.items() if water == "phá Tam Giang"
    ),
}


def _task_place(rng: random.Random, template: str, fill: dict[str, str]) -> dict[str, float | str | None]:
    """lat, lon and ward of a task made from ``template`` and ``fill`` (all None: no place)."""
    keys = [name for _, name, _, _ in Formatter().parse(template) if name]
    if keys:
        ward_name: str | None = _PLACE_WARD[fill[keys[0]]]
    else:
        choices = _TEMPLATE_WARDS.get(template)
        ward_name = rng.choice(choices) if choices else None
    if ward_name is None:
        return {"lat": None, "lon": None, "ward": None}
    ward = WARD_BY_NAME[ward_name]
    lat, lon = point_near(rng, ward)
    return {"lat": lat, "lon": lon, "ward": ward.name}


def generate_tasks(n: int = 40, seed: int = 1, now: datetime | None = None) -> list[dict]:
    """Deterministic follow-up tasks assigned to city units; most have a place (lat, lon, ward)
    in the ward their title names, a few (weekly summaries) none."""
    check_count(n)
    now = check_now(now)
    rng = random.Random(f"tasks-{seed}")
    # Places from a generator of their own: the titles, statuses and dates stay as they were.
    place_rng = random.Random(f"task-places-{seed}")
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
                **_task_place(place_rng, template, fill),
            }
        )
    return tasks
