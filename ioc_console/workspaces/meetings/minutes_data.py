"""What goes into a meeting's minutes, gathered from the backend in one go (Qt-free).

:func:`collect_minutes` makes blocking HTTP calls: run it on the HTTP pool
(``ioc_console.services.ops.run_in_background``), never on the GUI thread. What it returns is
plain data; turning it into words and a PDF is ``minutes_html`` and ``minutes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from backend_client import IocClient, NotFound, PermissionDenied
from backend_client.api.models import (
    AgendaItem,
    Attendance,
    AttendanceSummary,
    Meeting,
    MeetingMember,
    PollDetail,
    Speaker,
    Task,
)


@dataclass(frozen=True)
class MinutesItem:
    """One agenda item with its speakers (named, in speaking order) and the tasks its conclusions made."""

    item: AgendaItem
    #: Those who had the floor (started), in the order they spoke; waiting or withdrawn requests
    #: are not part of the record.
    speakers: list[Speaker] = field(default_factory=list)
    #: conclusion id -> the tasks it created, as far as the reader may see them.
    tasks: dict[int, list[Task]] = field(default_factory=dict)
    #: Task ids a conclusion names that the reader could not read (deleted, or no ``task.read``).
    unreadable_tasks: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class MinutesData:
    """Everything the minutes say about one meeting, as read at ``collected_at``."""

    meeting: Meeting
    items: list[MinutesItem]
    #: Polls put to the vote (drafts never were), oldest first, each as the reader sees it.
    polls: list[PollDetail]
    #: Who came and went (chair, secretary, meeting managers); None when the reader may not see it.
    attendance: Attendance | None
    collected_at: datetime
    made_by: str = ""

    @property
    def summary(self) -> AttendanceSummary | None:
        """Present / members / quorum, from the full attendance when there is one."""
        if self.attendance is not None:
            a = self.attendance
            return AttendanceSummary(
                present=a.present,
                members=len(a.members),
                quorum_needed=a.quorum_needed,
                quorum_reached=a.quorum_reached,
            )
        return self.meeting.attendance

    def members_in_role(self, role: str) -> list[MeetingMember]:
        return [m for m in self.meeting.members if m.role == role]

    def member_name(self, user_id: int | None) -> str:
        for member in self.meeting.members:
            if member.user_id == user_id:
                return member.full_name
        return ""


def spoken(speakers: list[Speaker]) -> list[Speaker]:
    """The turns that happened, in the order they started (a request's position is its queue place)."""
    turns = [s for s in speakers if s.started_at is not None]
    return sorted(turns, key=lambda s: (s.started_at or datetime.min.replace(tzinfo=UTC), s.id))


def _item_record(client: IocClient, meeting_id: int, item: AgendaItem) -> MinutesItem:
    speakers = item.speakers
    if item.id is not None and spoken(item.speakers):
        # The meeting's agenda has no names: the speaker list adds them (one call per item that had speakers).
        speakers = client.list_speakers(meeting_id, item.id)
    tasks: dict[int, list[Task]] = {}
    unreadable: list[int] = []
    for conclusion in item.conclusions:
        for task_id in conclusion.task_ids:
            try:
                tasks.setdefault(conclusion.id, []).append(client.get_task(task_id))
            except (NotFound, PermissionDenied):
                unreadable.append(task_id)
    return MinutesItem(item=item, speakers=spoken(speakers), tasks=tasks, unreadable_tasks=unreadable)


def collect_minutes(client: IocClient, meeting_id: int, *, made_by: str = "") -> MinutesData:
    """Read the meeting, its attendance (when the reader may), speakers, polls and tasks. Blocking."""
    meeting = client.get_meeting(meeting_id)
    try:
        attendance: Attendance | None = client.attendance(meeting_id)
    except PermissionDenied:  # a member who is neither chair nor secretary: the summary only
        attendance = None
    items = [_item_record(client, meeting_id, item) for item in meeting.agenda]
    polls = [client.get_poll(meeting_id, poll.id) for poll in meeting.polls if poll.status != "draft"]
    return MinutesData(
        meeting=meeting,
        items=items,
        polls=polls,
        attendance=attendance,
        collected_at=datetime.now(UTC),
        made_by=made_by,
    )
