"""Which meeting the workspace opens by itself while the first sync brings meetings in one by one,
and that the member's own choice is never overridden."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ioc_console.shell.main_window import MainWindow

NO_SERVER = "http://127.0.0.1:9"


def _meeting(meeting_id: int, status: str, day: int) -> dict[str, Any]:
    return {
        "id": meeting_id,
        "title": f"Cuộc họp {meeting_id} <b>in đậm</b>",
        "location": "Phòng họp",
        "starts_at": f"2026-12-{day:02d}T01:00:00Z",
        "ends_at": f"2026-12-{day:02d}T02:00:00Z",
        "status": status,
        "version": 1,
        "updated_at": f"2026-12-{day:02d}T01:00:00Z",
    }


def test_the_most_relevant_meeting_is_opened_until_the_member_chooses(qtbot, make_context):
    window = MainWindow(make_context(NO_SERVER))
    qtbot.addWidget(window)
    workspace = window.workspace("meetings")
    feed = workspace.feed
    feed.take_meeting(_meeting(1, "ended", 1))
    assert workspace.meeting()["id"] == 1  # only a past meeting: the latest
    feed.take_meeting(_meeting(2, "scheduled", 9))
    assert workspace.meeting()["id"] == 2  # one to come is more relevant
    feed.take_meeting(_meeting(3, "in_progress", 6))
    assert workspace.meeting()["id"] == 3  # one under way, more still
    feed.take_meeting(_meeting(4, "scheduled", 7))
    assert workspace.meeting()["id"] == 3  # not less relevant than the one open
    assert workspace.title.text() == "Cuộc họp 3 <b>in đậm</b>"  # outside text shown as text
    model = workspace.list_model
    tooltip = model.index(model.row_of(3), 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;in đậm&lt;/b&gt;" in tooltip and "<b>" not in tooltip

    # The member clicks a meeting in the list: from now on the console does not choose for them.
    panel = workspace.list_panel
    row = workspace.list_model.row_of(1)
    panel.table.setCurrentIndex(panel.proxy.mapFromSource(workspace.list_model.index(row, 1)))
    assert workspace.meeting()["id"] == 1
    feed.take_meeting(_meeting(5, "in_progress", 6))
    assert workspace.meeting()["id"] == 1
    # A live copy of the open meeting updates the page in place; an older one is ignored.
    feed.take_meeting({**_meeting(1, "ended", 1), "title": "Đổi tên", "version": 2})
    assert workspace.title.text() == "Đổi tên"
    feed.take_meeting({**_meeting(1, "ended", 1), "title": "Bản cũ", "version": 1})
    assert workspace.title.text() == "Đổi tên"
    # Malformed meetings from a broken backend are skipped, not shown.
    assert feed.take_meeting({"id": "x", "title": 3}) is False
    assert workspace.list_model.rowCount() == 5


def test_the_poll_and_conclusion_dialogs_refuse_what_the_server_would(qtbot, languages):
    from ioc_console.workspaces.meetings.meeting_dialogs import ConclusionDialog, PollDialog

    poll = PollDialog()
    qtbot.addWidget(poll)
    assert poll.problem() == "Hãy nhập nội dung biểu quyết."
    poll.question.setText("  Thông qua kế hoạch?  ")
    assert poll.problem() is None  # the three options offered by default
    assert poll.values() == ("Thông qua kế hoạch?", ["Đồng ý", "Không đồng ý", "Không biểu quyết"], "named")
    poll.options.setPlainText("Đồng ý\n\n  đồng ý ")
    assert poll.problem() == "Có hai phương án trùng nhau."
    poll.options.setPlainText("Một")
    assert poll.problem() == "Hãy nhập từ 2 đến 10 phương án."
    poll._accept()
    assert not poll.error.isHidden() and poll.result() == 0  # stays open, says why

    conclusion = ConclusionDialog("Mục <i>một</i>", may_create_task=True)
    qtbot.addWidget(conclusion)
    assert conclusion.problem() == "Hãy nhập nội dung kết luận."
    conclusion.text.setPlainText("Giao rà soát")
    assert conclusion.problem() is None and conclusion.task() is None
    conclusion.with_task.setChecked(True)
    assert conclusion.problem() == "Hãy đặt tên cho nhiệm vụ."
    conclusion.task_title.setText("Rà soát cống")
    task = conclusion.task()
    assert conclusion.problem() is None and task["assignee_unit"] and task["due_at"].endswith("Z")
    without = ConclusionDialog("x", may_create_task=False)  # a role without task.create
    qtbot.addWidget(without)
    assert without.with_task.isHidden() and not conclusion.with_task.isHidden()
