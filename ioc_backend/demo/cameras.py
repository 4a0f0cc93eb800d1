"""Demo cameras: where Huế would watch, and what each camera is called."""

from __future__ import annotations

import random

from ioc_backend.demo.wards import (
    LAGOONS,
    RIVERS,
    WARDS,
    Ward,
    check_count,
    point_near,
    short_ward,
    ward_roads,
    weighted_choice,
)

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

# Preset positions a PTZ camera of each category would be set up with (the first always kept).
_PRESET_NAMES: dict[str, tuple[str, ...]] = {
    "traffic": ("Toàn cảnh nút giao", "Hướng Bắc", "Hướng Nam", "Vạch dừng đèn đỏ", "Làn xe máy", "Biển số xe vào"),
    "urban_order": ("Toàn cảnh", "Vỉa hè", "Lòng đường", "Điểm tập kết rác", "Lối vào chợ"),
    "public_safety": ("Toàn cảnh", "Cổng chính", "Bãi đỗ xe", "Lối thoát hiểm", "Sân trước"),
    "forest_fire": ("Toàn cảnh tiểu khu", "Sườn Đông", "Sườn Tây", "Đường băng cản lửa", "Thung lũng"),
    "flood": ("Thước đo mực nước", "Toàn cảnh bờ sông", "Cống thoát lũ", "Đê bao", "Vùng trũng"),
    "tourism": ("Toàn cảnh", "Cổng chính", "Bến thuyền", "Bãi đỗ xe du lịch", "Quảng trường"),
}

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


def _camera_place(rng: random.Random, ward: Ward, category: str, counter: int) -> str:
    """A place description for a new camera of this category in this ward."""
    roads = ward_roads(ward)
    short = short_ward(ward.name)
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
        water = LAGOONS.get(ward.name) or RIVERS.get(ward.name, "sông Hương")
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


def _presets(camera_id: str, category: str, seed: int) -> list[dict[str, object]]:
    """Three to five named positions of a PTZ camera (its own generator: the cameras stay as before)."""
    rng = random.Random(f"presets-{seed}-{camera_id}")
    first, *others = _PRESET_NAMES[category]
    names = [first, *rng.sample(others, rng.randint(2, min(4, len(others))))]
    return [{"id": number, "name": name} for number, name in enumerate(names, 1)]


def generate_cameras(n: int = 700, seed: int = 1) -> list[dict]:
    """Deterministic demo cameras spread over Huế's wards, categories following the terrain."""
    check_count(n)
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
            category = weighted_choice(rng, weights)
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
        lat, lon = point_near(rng, ward)
        roll = rng.random()
        status = "offline" if roll < 0.02 else "degraded" if roll < 0.05 else "online"
        # Forest watch towers and busy junctions are usually PTZ; fixed bullets elsewhere.
        ptz_share = {"forest_fire": 0.85, "traffic": 0.35, "public_safety": 0.4, "tourism": 0.5}.get(category, 0.15)
        camera_id = f"cam-{index + 1:04d}"
        ptz = rng.random() < ptz_share
        cameras.append(
            {
                "id": camera_id,
                "name": name,
                "ward": ward.name,
                "category": category,
                "lat": lat,
                "lon": lon,
                "ptz": ptz,
                "status": status,
                "ptz_presets": _presets(camera_id, category, seed) if ptz else [],
            }
        )
    return cameras
