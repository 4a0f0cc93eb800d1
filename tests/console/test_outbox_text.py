"""Each kind of queued action reads as a sentence in the pending-actions list, in both languages."""

from __future__ import annotations

import pytest

from backend_client.api import actions
from ioc_console.services.outbox_text import describe

MEETING = {
    "id": 4,
    "version": 3,
    "polls": [{"id": 2, "question": "?", "options": ["a", "b"], "status": "open", "votes": None}],
}


def _entry(action: actions.Action) -> dict:
    return {
        "kind": action.kind,
        "method": action.method,
        "path": action.path,
        "body": action.body,
        "resource": action.resource,
        "resource_id": action.resource_id,
    }


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "vi",
            [
                "Lưu bộ lọc “Cháy rừng A Lưới”",
                "Sửa bộ lọc đã lưu #7",
                "Xóa bộ lọc đã lưu #7",
                "Biểu quyết trong cuộc họp #4",
                "Đổi trạng thái phản ánh #9",
                "Cập nhật nhiệm vụ #5",
            ],
        ),
        (
            "en",
            [
                "Save filter view “Cháy rừng A Lưới”",
                "Change saved filter view #7",
                "Delete saved filter view #7",
                "Vote in a poll of meeting #4",
                "Change the status of report #9",
                "Update task #5",
            ],
        ),
    ],
)
def test_every_action_kind_has_its_own_words(languages, language, expected):
    languages.set_language(language)
    view = {"id": 7, "name": "Cũ", "kind": "event_log", "data": {}, "version": 2}
    queued = [
        actions.create_view("Cháy rừng A Lưới", "event_log", {"text": "cháy"}),
        actions.update_view(view, data={"text": "x"}),
        actions.delete_view(view),
        actions.vote(MEETING, 2, 1),
        actions.set_report_status({"id": 9, "version": 1}, "in_progress"),
        actions.update_task({"id": 5, "version": 1}, status="done"),
    ]
    assert [describe(_entry(action)) for action in queued] == expected
