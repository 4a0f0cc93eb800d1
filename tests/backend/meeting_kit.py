"""Helpers for the meeting tests: a fresh meeting of a test with members in given meeting roles."""

from __future__ import annotations

from typing import Any

from backend_testkit import Api


def user_id(api: Api, role: str) -> int:
    return int(api.login(role)["user"]["id"])


def new_meeting(api: Api, agenda: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    r = api.post(
        "/meetings",
        api.token("leader"),
        json={
            "title": "Họp kiểm thử thành viên",
            "location": "Phòng họp IOC",
            "starts_at": "2026-12-02T08:00:00+07:00",
            "ends_at": "2026-12-02T10:00:00+07:00",
            "agenda": agenda or [],
            **extra,
        },
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def put_member(api: Api, meeting: dict[str, Any], role: str, meeting_role: str, by: str = "leader") -> Any:
    return api.call(
        "PUT",
        f"/meetings/{meeting['id']}/members/{user_id(api, role)}",
        api.token(by),
        json={"role": meeting_role, "version": meeting["version"]},
    )


def with_members(api: Api, members: dict[str, str], **kw: Any) -> dict[str, Any]:
    """A new meeting whose members are {demo role: meeting role}; returns the meeting after the last PUT."""
    meeting = new_meeting(api, **kw)
    for role, meeting_role in members.items():
        r = put_member(api, meeting, role, meeting_role)
        assert r.status_code == 200, r.text
        meeting = r.json()
    return meeting
