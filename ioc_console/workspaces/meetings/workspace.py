"""The "Meetings" workspace: the meeting list and calendar, and the open meeting's page.

```
MeetingFeed (cache + live) ─▶ MeetingListModel ─▶ list + calendar
                           └▶ open meeting ─▶ header (time, place, my role, attendance, check in/out)
                                           ├▶ AgendaPanel (items, speakers, conclusions; chair controls)
                                           └▶ tabs: DocumentReader (PDF + notes) · VotingPanel · MembersPanel
meeting changed ─(300 ms, HTTP pool)─▶ my attendance, poll details, the attendance list (chair/secretary)
presenter state (by revision) ─▶ PresenterLink ─▶ follow: reader.open(doc, page, zoom) or an intent
                                                  (map, camera on the wall, dashboard)
reader page/zoom while presenting ─▶ PresenterLink.publish (newest wins, one request in flight)
every write ─▶ backend_client.api.actions ─▶ the outbox (the presenter's view excepted, see presenter_link)
```
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backend_client.api import actions
from backend_client.api.actions import Action
from ioc_console.services.context import ConsoleContext
from ioc_console.services.navigation import SHOW_CAMERA_ON_WALL, SHOW_DASHBOARD, SHOW_MEETING, SHOW_ON_MAP
from ioc_console.services.ops import run_in_background
from ioc_console.services.workspace import Workspace, WorkspaceAction
from ioc_console.workspaces.meetings.agenda_panel import AgendaPanel
from ioc_console.workspaces.meetings.document_reader import DocumentReader
from ioc_console.workspaces.meetings.meeting_dialogs import ConclusionDialog, PollDialog, ShareDialog
from ioc_console.workspaces.meetings.meeting_feed import MeetingFeed
from ioc_console.workspaces.meetings.meeting_list import MeetingListModel, MeetingListPanel, my_role
from ioc_console.workspaces.meetings.meeting_text import (
    STATUS_COLOURS,
    meeting_role_label,
    meeting_span,
    meeting_status_label,
)
from ioc_console.workspaces.meetings.members_panel import MembersPanel, quorum_text
from ioc_console.workspaces.meetings.minutes import export_minutes
from ioc_console.workspaces.meetings.notes_keeper import NotesKeeper
from ioc_console.workspaces.meetings.presenter_link import BROWSING, FOLLOWING, PRESENTING, PresenterLink, may_present
from ioc_console.workspaces.meetings.voting_panel import MyVote, VotingPanel
from ioc_domain.dashboard_definition import default_dashboards
from ioc_domain.meetings import meeting_may
from ioc_domain.roles import may

log = logging.getLogger(__name__)

KEY = "meetings"
#: Changes of the open meeting are gathered this long before its details are fetched again.
DETAILS_DELAY_MS = 300
_STATE_VERSION = 1
#: The rank of "no meeting open yet": any meeting is more relevant (see _rank).
_NOTHING_CHOSEN = 99
_ATTENDANCE_KINDS = ("meeting.check_in", "meeting.check_out")
_POLL_MOVE_KINDS = ("meeting.poll_open", "meeting.poll_close", "meeting.poll_publish")
#: The permission a follower needs to be taken to a shared view (a map needs none).
_SHARED_VIEW_PERMISSION = {"camera": "video.play", "dashboard": "ops.read"}
_SHARED_VIEW_INTENT = {"camera": SHOW_CAMERA_ON_WALL, "map": SHOW_ON_MAP, "dashboard": SHOW_DASHBOARD}


class MeetingsWorkspace(Workspace):
    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsWorkspace")
        self._context = context
        self._connection = connection = context.connection
        self._navigation = context.navigation
        self._meeting_id: int | None = None
        self._wanted_meeting: int | None = None  # restored or asked for before the cache was read
        # Until the member chooses a meeting, the console shows the most relevant one, and keeps
        # choosing while the first sync brings meetings in one by one (rank: lower is better).
        self._auto_rank: int | None = _NOTHING_CHOSEN
        self._details: dict[str, Any] = {"me": None, "attendance": None, "polls": {}}
        self._details_request = 0
        self._votes: dict[tuple[int, int], MyVote] = {}  # (meeting, poll) → my vote this session
        self._shown_view_kind: str | None = None
        self._shown_current_item: int | None = None
        self.feed = MeetingFeed(connection, context.outbox, self)
        self.keeper = NotesKeeper(connection, self)
        self.link = PresenterLink(connection, self)
        self.list_model = MeetingListModel(self)
        self._build()
        self._build_actions()
        self._details_timer = QTimer(self)
        self._details_timer.setSingleShot(True)
        self._details_timer.setInterval(DETAILS_DELAY_MS)
        self._details_timer.timeout.connect(self._fetch_details)

        self.feed.meetings_reset.connect(self._on_reset)
        self.feed.meeting_changed.connect(self._on_meeting_changed)
        self.feed.presenter_changed.connect(self.link.take_state)
        self.feed.notes_changed.connect(self.keeper.reload)
        self.link.follow.connect(self._follow)
        self.link.mode_changed.connect(lambda _mode: self._show_presenter_state())
        self.link.publish_failed.connect(
            lambda message: self.status_message.emit(
                self.tr("The room did not get your page: %1").replace("%1", message), 6000
            )
        )
        self.reader.user_navigated.connect(self.link.leave)
        self.reader.view_changed.connect(self._reader_view_changed)
        self.list_panel.meeting_chosen.connect(self.open_meeting)
        connection.signed_in.connect(lambda user: self.list_model.set_user(getattr(user, "id", None)))
        connection.outbox_changed.connect(self._on_outbox)
        connection.state_changed.connect(lambda _state: self._schedule_details())
        self._navigation.handle(SHOW_MEETING, KEY, self._show_meeting_intent)
        self.retranslate_ui()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.list_panel = MeetingListPanel(self.list_model, self)
        self.list_panel.setObjectName("meetingListPanel")

        page = QWidget(self)
        self.title = QLabel(page)
        self.title.setObjectName("meetingTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.info = QLabel(page)
        self.info.setObjectName("meetingInfo")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.attendance = QLabel(page)
        self.attendance.setObjectName("meetingAttendance")
        self.check_button = QPushButton(page)
        self.check_button.setObjectName("meetingCheckIn")
        self.check_button.clicked.connect(self._check_in_or_out)
        self.minutes_button = QPushButton(page)
        self.minutes_button.setObjectName("meetingMinutes")
        self.minutes_button.clicked.connect(self.export_minutes)
        header_row = QHBoxLayout()
        header_row.addWidget(self.attendance, 1)
        header_row.addWidget(self.check_button)
        header_row.addWidget(self.minutes_button)

        # The presenter strip: presenting (amber), following (quiet), browsing (with the way back).
        self.presenter_strip = QWidget(page)
        self.presenter_strip.setObjectName("presenterStrip")
        self.presenter_label = QLabel(self.presenter_strip)
        self.presenter_label.setObjectName("presenterState")
        self.presenter_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rejoin_button = QPushButton(self.presenter_strip)
        self.rejoin_button.setObjectName("presenterRejoin")
        self.rejoin_button.clicked.connect(self.link.rejoin)
        self.present_button = QPushButton(self.presenter_strip)
        self.present_button.setObjectName("presenterToggle")
        self.present_button.setCheckable(True)
        self.present_button.clicked.connect(self._toggle_presenting)
        self.share_button = QPushButton(self.presenter_strip)
        self.share_button.setObjectName("presenterShare")
        self.share_button.clicked.connect(self._share_view)
        strip = QHBoxLayout(self.presenter_strip)
        strip.setContentsMargins(8, 4, 8, 4)
        strip.addWidget(self.presenter_label, 1)
        strip.addWidget(self.rejoin_button)
        strip.addWidget(self.share_button)
        strip.addWidget(self.present_button)

        self.agenda = AgendaPanel(page)
        self.agenda.setObjectName("agendaPanel")
        self.reader = DocumentReader(self._connection, self.keeper, page)
        self.reader.setObjectName("documentReader")
        self.voting = VotingPanel(page)
        self.voting.setObjectName("votingPanel")
        self.members = MembersPanel(page)
        self.members.setObjectName("membersPanel")
        self.tabs = QTabWidget(page)
        self.tabs.setObjectName("meetingTabs")
        self.tabs.addTab(self.reader, "")
        self.tabs.addTab(self.voting, "")
        self.tabs.addTab(self.members, "")
        self.body = QSplitter(Qt.Orientation.Horizontal, page)
        self.body.addWidget(self.agenda)
        self.body.addWidget(self.tabs)
        self.body.setStretchFactor(1, 3)
        self.body.setSizes([330, 1170])
        self.empty = QLabel(page)
        self.empty.setObjectName("meetingEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(8, 0, 0, 0)
        page_layout.addWidget(self.title)
        page_layout.addWidget(self.info)
        page_layout.addLayout(header_row)
        page_layout.addWidget(self.presenter_strip)
        page_layout.addWidget(self.body, 1)
        page_layout.addWidget(self.empty, 1)
        self.page = page

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(page)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 1500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self.agenda.agenda_move.connect(self._agenda_move)
        self.agenda.speak_requested.connect(lambda item: self._queue(lambda m: actions.request_to_speak(m, item)))
        self.agenda.withdraw_requested.connect(
            lambda item, speaker: self._queue(lambda m: actions.withdraw_speaker(m, item, speaker))
        )
        self.agenda.speaker_move.connect(self._speaker_move)
        self.agenda.order_requested.connect(
            lambda item, order: self._queue(lambda m: actions.order_speakers(m, item, list(order)))
        )
        self.agenda.conclusion_requested.connect(self._conclude)
        self.agenda.document_requested.connect(self._open_document_by_user)
        self.voting.vote_requested.connect(self._vote)
        self.voting.move_requested.connect(self._move_poll)
        self.voting.create_requested.connect(self._create_poll)

    def _build_actions(self) -> None:
        self.act_rejoin = self._action(QKeySequence(Qt.Key.Key_F8), self.link.rejoin)
        self.act_present = self._action(QKeySequence(Qt.Key.Key_F7), self._toggle_presenting_key)
        self.act_minutes = self._action(QKeySequence("Ctrl+Shift+M"), self.export_minutes)

    def _action(self, key: QKeySequence, slot: Any) -> QAction:
        act = QAction(self)
        act.setShortcut(key)
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def retranslate_ui(self) -> None:
        self.act_rejoin.setText(self.tr("Follow the presenter again"))
        self.act_present.setText(self.tr("Present to the room, or stop"))
        self.act_minutes.setText(self.tr("Export the minutes (PDF)…"))
        self.tabs.setTabText(0, self.tr("Documents"))
        self.tabs.setTabText(1, self.tr("Polls"))
        self.tabs.setTabText(2, self.tr("Members"))
        self.minutes_button.setText(self.tr("Minutes (PDF)…"))
        self.minutes_button.setToolTip(self.tr("Export the minutes of this meeting as a PDF (Ctrl+Shift+M)"))
        self.rejoin_button.setText(self.tr("Follow the presenter (F8)"))
        self.share_button.setText(self.tr("Show the room…"))
        self.share_button.setToolTip(self.tr("Show the members a camera, the map or a dashboard"))
        self.empty.setText(self.tr("Choose a meeting in the list or the calendar."))
        self.list_panel.retranslate_ui()
        self.agenda.retranslate_ui()
        self.voting.retranslate_ui()
        self.members.retranslate_ui()
        self.reader.retranslate_ui()
        self.list_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self._show_meeting()

    # -- the open meeting ---------------------------------------------------------------------
    def meeting(self) -> dict[str, Any] | None:
        return self.feed.meeting(self._meeting_id)

    def _user_id(self) -> int | None:
        return getattr(self._connection.user, "id", None)

    def _global_role(self) -> str | None:
        return getattr(self._connection.user, "role", None)

    def my_meeting_role(self) -> str | None:
        meeting = self.meeting()
        return my_role(meeting, self._user_id()) if meeting else None

    def open_meeting(self, meeting_id: int) -> None:
        """Open ``meeting_id`` as the member's own choice (the console stops choosing for them)."""
        self._auto_rank = None
        self._open(meeting_id)

    def _open(self, meeting_id: int) -> None:
        if meeting_id == self._meeting_id:
            return
        if self.feed.meeting(meeting_id) is None:
            self._wanted_meeting = meeting_id
            return
        self.keeper.flush()
        self._meeting_id = meeting_id
        self._wanted_meeting = None
        self._details = {"me": None, "attendance": None, "polls": {}}
        self.link.set_meeting(meeting_id, self._user_id())
        self.list_panel.select_meeting(meeting_id)
        self._show_meeting()
        self._fetch_presenter()
        self._schedule_details(at_once=True)
        state = self.feed.presenter(meeting_id)
        if state is not None:
            self.link.take_state(state)
        if (self.link.latest() or {}).get("view") is None:
            self._open_first_document()

    def _open_first_document(self) -> None:
        """Nobody presents yet: show the document of the item under discussion (else the first)."""
        meeting = self.meeting() or {}
        listed = [d["id"] for d in meeting.get("documents") or () if isinstance(d, Mapping) and "id" in d]
        current = next(
            (i for i in meeting.get("agenda") or () if isinstance(i, Mapping) and i.get("state") == "current"), None
        )
        wanted = [d for d in (current or {}).get("documents") or () if d in listed] + listed
        if wanted:
            self.reader.open(wanted[0], 1)

    def _on_reset(self, meetings: list[dict[str, Any]]) -> None:
        self.list_model.set_user(self._user_id())
        self.list_model.reset(meetings)
        target = self._wanted_meeting or self._meeting_id
        if target is not None and self.feed.meeting(target) is not None:
            if target == self._meeting_id:
                self.list_panel.select_meeting(target)
                self._show_meeting()
            else:
                self._open(target)
            return
        if self._meeting_id is not None:  # the open meeting is gone (e.g. signed out)
            self._meeting_id = None
            self.link.set_meeting(None, None)
            self._show_meeting()
            self._auto_rank = _NOTHING_CHOSEN
        self._choose_by_itself()

    @staticmethod
    def _rank(meeting: Mapping[str, Any], user_id: int | None) -> int:
        """How relevant a meeting is to open by itself: under way and mine (0), under way (1), to come (2)."""
        if meeting.get("status") == "in_progress":
            return 0 if my_role(meeting, user_id) else 1
        return 2 if meeting.get("status") == "scheduled" else 3

    def _default_meeting(self, meetings: list[dict[str, Any]]) -> int | None:
        """The meeting under way that I take part in, else one under way, else the next, else the latest."""
        user_id = self._user_id()
        ordered = sorted(meetings, key=lambda m: str(m.get("starts_at")))
        if not ordered:
            return None
        best = min(range(len(ordered)), key=lambda i: (self._rank(ordered[i], user_id), i))
        if self._rank(ordered[best], user_id) == 3:
            return int(ordered[-1]["id"])  # only past meetings: the latest
        return int(ordered[best]["id"])

    def _choose_by_itself(self) -> None:
        """Open the most relevant meeting while the member has not chosen one (a better one may arrive)."""
        if self._auto_rank is None:
            return
        default = self._default_meeting(self.feed.meetings())
        if default is None or default == self._meeting_id:
            return
        rank = self._rank(self.feed.meeting(default) or {}, self._user_id())
        if self._meeting_id is None or rank < self._auto_rank:
            self._auto_rank = rank
            self._open(default)

    def _on_meeting_changed(self, meeting: dict[str, Any]) -> None:
        self.list_model.upsert(meeting)
        if self._wanted_meeting == meeting["id"]:
            self._open(meeting["id"])
        elif meeting["id"] == self._meeting_id:
            self._show_meeting()
            self._schedule_details()
        else:
            # The first sync brings meetings one by one: a more relevant one may have arrived.
            self._choose_by_itself()

    def _current_item_id(self) -> int | None:
        for item in (self.meeting() or {}).get("agenda") or ():
            if isinstance(item, Mapping) and item.get("state") == "current":
                return item.get("id")
        return None

    def _show_meeting(self) -> None:
        meeting = self.meeting()
        shown = meeting is not None
        for widget in (self.title, self.info, self.attendance, self.presenter_strip, self.body):
            widget.setVisible(shown)
        self.check_button.setVisible(False)
        self.minutes_button.setVisible(shown)
        self.empty.setVisible(not shown)
        role = self.my_meeting_role()
        if meeting is None:
            self.agenda.show_meeting(None, None, None)
            self.reader.show_meeting(None)
            self.voting.show_polls([], {}, {}, manages=False, may_create=False)
            self.members.show_members(None, None)
            return
        self.title.setText(str(meeting.get("title", "")))
        status = str(meeting.get("status"))
        parts = [meeting_span(meeting), str(meeting.get("location", "")), meeting_status_label(status)]
        parts.append(
            self.tr("My role: %1").replace("%1", meeting_role_label(role))
            if role
            else self.tr("You are not a member of this meeting")
        )
        self.info.setText(" · ".join(p for p in parts if p))
        self.info.setStyleSheet(f"color: {STATUS_COLOURS.get(status, '#c8ccd4')}" if status == "in_progress" else "")
        self.attendance.setText(quorum_text(meeting.get("attendance")))
        self._show_check_button()
        self.agenda.show_meeting(meeting, role, self._user_id())
        current_item = self._current_item_id()
        if current_item != self._shown_current_item:
            # The chair moved on: everyone's agenda follows to the item under discussion.
            self._shown_current_item = current_item
            self.agenda.select_current()
        self.reader.show_meeting(meeting)
        self._show_polls()
        self.members.show_members(meeting, self._details.get("attendance"))
        self._show_presenter_state()

    def _show_check_button(self) -> None:
        meeting, role = self.meeting(), self.my_meeting_role()
        me = self._details.get("me") or {}
        attends = role is not None and may(self._global_role(), "meeting.attend")
        self.check_button.setVisible(attends and (meeting or {}).get("status") != "ended")
        present = bool(me.get("present"))
        self.check_button.setText(self.tr("Leave the meeting") if present else self.tr("Check in"))
        self.check_button.setProperty("present", present)
        self.check_button.setEnabled(me.get("meeting_id") == self._meeting_id and not self._waiting(_ATTENDANCE_KINDS))

    # -- details fetched from the server -------------------------------------------------------
    def _schedule_details(self, at_once: bool = False) -> None:
        if self._meeting_id is None:
            return
        self._details_timer.start(0 if at_once else DETAILS_DELAY_MS)

    def _fetch_details(self) -> None:
        meeting = self.meeting()
        if meeting is None or self._connection.state == "offline":
            return
        client = self._connection.client
        meeting_id = meeting["id"]
        role = my_role(meeting, self._user_id())
        sees_attendance = meeting_may(role, "attendance") or may(self._global_role(), "meeting.write")
        polls = [p["id"] for p in meeting.get("polls") or () if isinstance(p, Mapping) and p.get("status") != "draft"]
        self._details_request += 1
        request = self._details_request

        def fetch() -> dict[str, Any]:
            out: dict[str, Any] = {"me": None, "attendance": None, "polls": {}}
            out["me"] = client.my_attendance(meeting_id).model_dump(mode="json")
            if sees_attendance:
                out["attendance"] = client.attendance(meeting_id).model_dump(mode="json")
            for poll_id in polls:
                out["polls"][poll_id] = client.get_poll(meeting_id, poll_id).model_dump(mode="json")
            return out

        run_in_background(
            fetch,
            on_success=lambda details: self._details_fetched(request, meeting_id, details),
            on_failure=lambda error: self._details_failed(request, error),
            parent=self,
        )

    def _details_fetched(self, request: int, meeting_id: int, details: dict[str, Any]) -> None:
        if request != self._details_request or meeting_id != self._meeting_id:
            return
        self._details = details
        self._show_check_button()
        self._show_polls()
        self.members.show_members(self.meeting(), details.get("attendance"))

    def _details_failed(self, request: int, error: BaseException) -> None:
        if request == self._details_request:
            log.info("could not fetch the meeting's details: %s", error)

    def _fetch_presenter(self) -> None:
        """A late joiner asks for the presenter's current state at once (the cache may lag)."""
        if self._meeting_id is None or self._connection.state == "offline":
            return
        client, meeting_id = self._connection.client, self._meeting_id
        run_in_background(
            lambda: client.presenter(meeting_id).model_dump(mode="json"),
            on_success=self.feed.take_presenter,
            on_failure=lambda error: log.info("could not read the presenter's state: %s", error),
            parent=self,
        )

    # -- polls --------------------------------------------------------------------------------
    def _manages_polls(self) -> bool:
        return may(self._global_role(), "poll.manage") or self.my_meeting_role() in ("chair", "secretary")

    def _my_votes(self) -> dict[int, MyVote]:
        """My votes in the open meeting: this session's, and those the outbox still remembers."""
        out: dict[int, MyVote] = {}
        prefix = f"/meetings/{self._meeting_id}/polls/"
        for entry in reversed(self._context.outbox.entries()):
            if entry.kind == "meeting.vote" and str(entry.path).startswith(prefix) and entry.state != "cancelled":
                try:
                    poll_id = int(str(entry.path)[len(prefix) :].split("/")[0])
                except ValueError:
                    continue
                option = (entry.body or {}).get("option")
                if isinstance(option, int) and entry.state in ("pending", "sending", "applied"):
                    out[poll_id] = MyVote(option, delivered=entry.state == "applied")
        for (meeting_id, poll_id), vote in self._votes.items():
            if meeting_id == self._meeting_id and poll_id not in out:
                out[poll_id] = vote
        return out

    def _show_polls(self) -> None:
        meeting = self.meeting()
        polls = [p for p in (meeting or {}).get("polls") or () if isinstance(p, Mapping)]
        manages = self._manages_polls()
        waiting = frozenset(
            poll_id for poll_id in (p.get("id") for p in polls) if self._waiting(_POLL_MOVE_KINDS, f"/polls/{poll_id}/")
        )
        self.voting.show_polls(
            polls,
            self._details.get("polls") or {},
            self._my_votes(),
            manages=manages,
            may_create=manages and (meeting or {}).get("status") != "ended",
            waiting_moves=waiting,
        )
        open_polls = sum(1 for p in polls if p.get("status") == "open")
        title = self.tr("Polls")
        self.tabs.setTabText(1, f"{title} ({open_polls})" if open_polls else title)

    def _vote(self, poll_id: int, option: int) -> None:
        if self._meeting_id is not None:
            self._votes[(self._meeting_id, poll_id)] = MyVote(option, delivered=False)
        if not self._queue(lambda m: actions.vote(m, poll_id, option)):
            self._votes.pop((self._meeting_id or 0, poll_id), None)
        self._show_polls()

    def _move_poll(self, poll_id: int, move: str) -> None:
        builder = {"open": actions.open_poll, "close": actions.close_poll, "publish": actions.publish_poll}[move]
        self._queue(lambda m: builder(m, poll_id))

    def _create_poll(self) -> None:
        dialog = PollDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            question, options, kind = dialog.values()
            self._queue(lambda m: actions.create_poll(m, question, options, kind))

    # -- agenda, speakers, conclusions, attendance -------------------------------------------------
    def _agenda_move(self, move: str, item_id: int) -> None:
        if move == "next":
            self._queue(actions.agenda_next)
        elif move == "previous":
            self._queue(actions.agenda_previous)
        else:
            self._queue(lambda m: actions.set_current_item(m, item_id))

    def _speaker_move(self, move: str, item_id: int, speaker_id: int) -> None:
        builder = actions.start_speaker if move == "start" else actions.stop_speaker
        self._queue(lambda m: builder(m, item_id, speaker_id))

    def _conclude(self, item_id: int) -> None:
        item = self.agenda.item(item_id) or {}
        dialog = ConclusionDialog(str(item.get("title", "")), may(self._global_role(), "task.create"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text, task = dialog.conclusion(), dialog.task()
            self._queue(lambda m: actions.add_conclusion(m, item_id, text, task))

    def _check_in_or_out(self) -> None:
        present = bool((self._details.get("me") or {}).get("present"))
        self._queue(actions.check_out if present else actions.check_in)
        self.check_button.setEnabled(False)

    def _queue(self, build: Any) -> bool:
        """Build an action from the meeting as shown and queue it in the outbox; False when refused."""
        meeting = self.meeting()
        if meeting is None:
            return False
        try:
            action: Action = build(meeting)
        except ValueError as exc:
            self.status_message.emit(str(exc), 6000)
            return False
        if self._connection.engine is None:
            self.status_message.emit(self.tr("Not signed in: the action was not queued."), 6000)
            return False
        self._connection.submit(
            action,
            on_failure=lambda error: self.status_message.emit(
                self.tr("The action could not be queued: %1").replace("%1", str(error)), 6000
            ),
            parent=self,
        )
        return True

    def _waiting(self, kinds: tuple[str, ...], path_part: str = "") -> bool:
        """An action of the open meeting of one of ``kinds`` (path containing ``path_part``) not delivered yet."""
        prefix = f"/meetings/{self._meeting_id}/"
        return any(
            entry.state in ("pending", "sending")
            and entry.kind in kinds
            and str(entry.path).startswith(prefix)
            and path_part in str(entry.path)
            for entry in self._context.outbox.entries()
        )

    def _on_outbox(self, entry: Any) -> None:
        if getattr(entry, "resource", None) != "meeting" or str(entry.resource_id) != str(self._meeting_id):
            return
        if entry.kind == "meeting.vote" and entry.state == "applied":
            self._schedule_details()
        if entry.kind in _ATTENDANCE_KINDS and entry.state != "pending":
            self._schedule_details(at_once=True)
        if entry.state in ("conflict", "failed"):
            self.status_message.emit(
                self.tr("The meeting changed before your action arrived; see the pending actions panel."), 8000
            )
        self._show_check_button()
        self._show_polls()

    # -- documents and the presenter -----------------------------------------------------------
    def _open_document_by_user(self, doc_id: int) -> None:
        self.link.leave()
        self.tabs.setCurrentWidget(self.reader)
        self.reader.open(doc_id, 1)

    def _reader_view_changed(self, view: dict[str, Any]) -> None:
        if self.link.mode == PRESENTING:
            self.link.publish(view)

    def _toggle_presenting_key(self) -> None:
        if self.present_button.isVisible() and self.present_button.isEnabled():
            self.present_button.setChecked(not self.present_button.isChecked())
            self._toggle_presenting()

    def _toggle_presenting(self) -> None:
        if self.present_button.isChecked():
            self.link.start_presenting(self.reader.current_view())
        else:
            self.link.stop_presenting()
        self._show_presenter_state()

    def _share_view(self) -> None:
        """Ask what to show the room (cameras read from the cache off the GUI thread first)."""

        def cameras(store: Any) -> list[tuple[str, str, float | None, float | None]]:
            return [
                (str(r["id"]), str(r.get("name", r["id"])), r.get("lat"), r.get("lon"))
                for r in store.list("camera", order_by="sort_time asc")
                if isinstance(r, Mapping) and r.get("id") is not None
            ]

        self._connection.read_cache(cameras, on_success=self._ask_share, parent=self)

    def _ask_share(self, cameras: list[tuple[str, str, float | None, float | None]]) -> None:
        cameras.sort(key=lambda c: c[1])
        dialog = ShareDialog(cameras, [d.title for d in default_dashboards()], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and (view := dialog.view()) is not None:
            if self.link.mode != PRESENTING:
                self.link.start_presenting(None)
            self.link.publish(view)
            self._show_presenter_state()

    def _follow(self, view: dict[str, Any], state: dict[str, Any]) -> None:
        kind = view.get("kind")
        previous, self._shown_view_kind = self._shown_view_kind, kind
        if kind == "document":
            doc_id, page, zoom = view.get("document_id"), view.get("page"), view.get("zoom")
            if not isinstance(doc_id, int) or self.reader.document(doc_id) is None:
                return
            # Back from a camera, map or dashboard the presenter had shown: bring the meeting forward.
            # (A member who went to another workspace on their own is not pulled back by page turns.)
            if previous in ("map", "camera", "dashboard") and not self.isVisible():
                self._navigation.request(SHOW_MEETING, {"meeting_id": self._meeting_id})
            self.tabs.setCurrentWidget(self.reader)
            self.reader.open(
                doc_id, page if isinstance(page, int) else None, zoom if isinstance(zoom, int | float) else None
            )
        elif not self.may_open_view(view):
            pass  # the strip says what is shown and that this role cannot open it
        elif kind == "map":
            self._navigation.request(
                SHOW_ON_MAP, {"lat": view.get("lat"), "lon": view.get("lon"), "zoom": view.get("zoom")}
            )
        elif kind == "camera":
            self._navigation.request(SHOW_CAMERA_ON_WALL, {"camera_id": view.get("camera_id")})
        elif kind == "dashboard":
            self._navigation.request(SHOW_DASHBOARD, {"name": view.get("name")})
        self._show_presenter_state()

    def may_open_view(self, view: Mapping[str, Any]) -> bool:
        """A shared camera or dashboard is followed only by roles that may see it (a participant
        may not: the backend would refuse them, and the workspace is hidden from them)."""
        permission = _SHARED_VIEW_PERMISSION.get(str(view.get("kind")))
        intent = _SHARED_VIEW_INTENT.get(str(view.get("kind")))
        if intent is not None and not self._navigation.can(intent):
            return False
        return permission is None or may(self._global_role(), permission)

    def _view_text(self, view: Mapping[str, Any]) -> str:
        """What the presenter shows, in words (and whether this role can follow there)."""
        kind = view.get("kind")
        if kind == "document":
            return self.tr("Page %1.").replace("%1", str(view.get("page")))
        if kind == "camera":
            text = self.tr("A camera on the video wall.")
        elif kind == "map":
            text = self.tr("The map.")
        elif kind == "dashboard":
            text = self.tr("The dashboard “%1”.").replace("%1", str(view.get("name", "")))
        else:
            return ""
        if not self.may_open_view(view):
            text += " " + self.tr("Your role cannot open it on this console.")
        return text

    def _presenter_name(self) -> str:
        state = self.link.latest() or {}
        presenter_id = state.get("presenter_id")
        for member in (self.meeting() or {}).get("members") or ():
            if isinstance(member, Mapping) and member.get("user_id") == presenter_id:
                return str(member.get("full_name", ""))
        return ""

    def _show_presenter_state(self) -> None:
        meeting = self.meeting()
        if meeting is None:
            return
        mode = self.link.mode
        can_present = (
            meeting.get("status") != "ended"
            and may_present(meeting, self.my_meeting_role(), self._user_id())
            and may(self._global_role(), "meeting.attend")
        )
        self.present_button.setVisible(can_present)
        self.share_button.setVisible(can_present)
        self.present_button.setChecked(mode == PRESENTING)
        self.present_button.setText(self.tr("Stop presenting (F7)") if mode == PRESENTING else self.tr("Present (F7)"))
        latest = self.link.latest()
        has_presenter = latest is not None and latest.get("view") is not None
        self.rejoin_button.setVisible(mode == BROWSING and has_presenter)
        name = self._presenter_name()
        if mode == PRESENTING:
            text = self.tr("● You are presenting: the members follow your page.")
            style = "background: #7a4a00; color: #fff2d6; font-weight: bold;"
        elif not has_presenter:
            text = self.tr("Nobody is presenting.")
            style = ""
        elif (latest or {}).get("presenter_id") == self._user_id():
            text = self.tr("You presented last (from this or another console). Press F7 to present again.")
            style = ""
        elif mode == FOLLOWING:
            text = self.tr("Following %1.").replace("%1", name or self.tr("the presenter"))
            view = (latest or {}).get("view") or {}
            text += " " + self._view_text(view)
            style = "background: #1f3a2a;"
        else:
            text = self.tr("You are browsing on your own; %1 is presenting.").replace(
                "%1", name or self.tr("the presenter")
            )
            style = "background: #2b3446;"
        self.presenter_label.setText(text)
        self.presenter_strip.setStyleSheet(f"#presenterStrip {{ {style} }}" if style else "")
        self.presenter_strip.setProperty("mode", mode)

    # -- minutes ------------------------------------------------------------------------------
    def export_minutes(self) -> None:
        meeting = self.meeting()
        if meeting is not None:
            export_minutes(self, self._connection, int(meeting["id"]))

    # -- intents ------------------------------------------------------------------------------
    def _show_meeting_intent(self, payload: Mapping[str, Any]) -> bool:
        meeting_id = payload.get("meeting_id")
        if not isinstance(meeting_id, int):
            return False
        if self.feed.meeting(meeting_id) is None:
            self.status_message.emit(
                self.tr("Meeting #%1 is not known to this console.").replace("%1", str(meeting_id)), 5000
            )
            return False
        self.open_meeting(meeting_id)
        return True

    # -- the workspace contract ---------------------------------------------------------------
    def workspace_actions(self) -> list[WorkspaceAction]:
        return [
            WorkspaceAction(self.act_rejoin, lambda: self.tr("Meetings: follow the presenter again (after browsing)")),
            WorkspaceAction(
                self.act_present, lambda: self.tr("Meetings: present to the room, or stop"), "meeting.attend"
            ),
            WorkspaceAction(self.act_minutes, lambda: self.tr("Meetings: export the minutes as a PDF…")),
        ]

    def focus_filter(self) -> bool:
        self.tabs.setCurrentWidget(self.reader)
        self.reader.pdf.focus_search()
        return True

    def on_shown(self) -> None:
        self.reader.set_active(True)

    def on_hidden(self) -> None:
        self.keeper.flush()
        self.reader.set_active(False)

    def save_state(self) -> QByteArray | None:
        data = QByteArray()
        stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
        stream.writeInt32(_STATE_VERSION)
        stream.writeInt64(self._meeting_id or 0)
        stream << self.splitter.saveState() << self.body.saveState() << self.reader.splitter.saveState()
        return data

    def restore_state(self, state: QByteArray) -> None:
        stream = QDataStream(state, QIODevice.OpenModeFlag.ReadOnly)
        if stream.readInt32() != _STATE_VERSION:
            return
        meeting_id = stream.readInt64()
        splitter, body, reader = QByteArray(), QByteArray(), QByteArray()
        stream >> splitter >> body >> reader
        if stream.status() != QDataStream.Status.Ok:
            return
        self.splitter.restoreState(splitter)
        self.body.restoreState(body)
        self.reader.splitter.restoreState(reader)
        if meeting_id:
            self._auto_rank = None
            if self.feed.meeting(meeting_id) is not None:
                self._open(meeting_id)
            else:
                self._wanted_meeting = meeting_id
