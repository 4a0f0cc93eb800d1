"""The demo's five users, one per role, with their demo passwords."""

from __future__ import annotations

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
