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


def test_each_meeting_procedure_action_says_what_it_does(languages):
    languages.set_language("en")
    seen = {"id": 4, "version": 3}
    task = {"title": "Khơi  thông\ncống", "assignee_unit": "UBND phường", "due_at": "2026-12-11T10:00:00+07:00"}
    queued = [
        actions.check_in(seen),
        actions.check_out(seen),
        actions.agenda_next(seen),
        actions.agenda_previous(seen),
        actions.set_current_item(seen, 7),
        actions.request_to_speak(seen, 7),
        actions.withdraw_speaker(seen, 7, 2),
        actions.order_speakers(seen, 7, [2, 3]),
        actions.start_speaker(seen, 7, 2),
        actions.stop_speaker(seen, 7, 2),
        actions.add_conclusion(seen, 7, "Giao phường."),
        actions.add_conclusion(seen, 7, "Giao phường.", task=task),
        actions.create_poll(seen, "Thông qua <b>phương án</b>?", ["Đồng ý", "Không"]),
        actions.open_poll(seen, 2),
        actions.close_poll(seen, 2),
        actions.publish_poll(seen, 2),
    ]
    assert [describe(_entry(action)) for action in queued] == [
        "Check in to meeting #4",
        "Check out of meeting #4",
        "Move meeting #4 to the next agenda item",
        "Move meeting #4 back to the previous agenda item",
        "Take up another agenda item in meeting #4",
        "Ask to speak in meeting #4",
        "Withdraw a request to speak in meeting #4",
        "Reorder the speakers in meeting #4",
        "Give the floor to a speaker in meeting #4",
        "End a speaking turn in meeting #4",
        "Record a conclusion in meeting #4",
        "Record a conclusion in meeting #4 and assign the task “Khơi thông cống”",
        "Create the poll “Thông qua <b>phương án</b>?” in meeting #4",
        "Open a poll for voting in meeting #4",
        "Close a poll of meeting #4",
        "Publish the result of a poll of meeting #4",
    ]
