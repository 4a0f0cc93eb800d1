"""Demo meetings with their agendas."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from ioc_backend.demo.wards import ICT, check_count, check_now

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
    check_count(n)
    now = check_now(now)
    rng = random.Random(f"meetings-{seed}")
    local_today = now.astimezone(ICT).replace(hour=8, minute=0, second=0, microsecond=0)
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
            ).astimezone(UTC)
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


# Every demo meeting has the four demo users who take part in meetings as members (the admin
# manages meetings and sees them all): the leader chairs, the supervisor takes the minutes, the
# operator presents, the participant (a ward chair, say) attends.
DEMO_MEMBERS: tuple[tuple[str, str], ...] = (
    ("leader", "chair"),
    ("supervisor", "secretary"),
    ("operator", "presenter"),
    ("participant", "member"),
)


def demo_quorum(index: int) -> dict[str, float | int]:
    """Half of the members for most meetings; three members present for every third."""
    return {"min_present": 3} if index % 3 == 1 else {"share": 0.5}


def demo_agenda_details(meeting: dict, index: int, document_ids: list[int]) -> list[dict]:
    """The agenda entries with the time budget, the documents and (first item) the operator presenting.

    The first item carries the meeting's first document (its agenda), the others the second (the
    brief) when there is one. ``presenter_id`` is filled in by the seed (the operator's id).
    """
    rng = random.Random(f"agenda-{index}")
    out = []
    for position, entry in enumerate(meeting.get("agenda") or []):
        docs = document_ids[:1] if position == 0 else document_ids[1:2]
        out.append({**entry, "minutes": rng.choice((10, 15, 20, 30)), "documents": docs})
    return out
