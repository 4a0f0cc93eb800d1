"""The voting panel: one card per poll of the open meeting.

A member who may vote sees large option buttons, then their own choice confirmed ("sent" once
the server has it). Whoever manages the poll (chair, secretary, poll managers) sees the live
tally of a named poll, or only how many have voted in a secret one (its tally is never shown
while votes are cast), and moves it: open, close, publish. Once published, everyone sees the
result, and for a named poll who chose what.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ioc_console.workspaces.meetings.meeting_text import poll_kind_label, poll_status_label

_MOVES = {"draft": "open", "open": "close", "closed": "publish"}


@dataclass(frozen=True)
class MyVote:
    option: int
    delivered: bool  # the server has it (False: waiting in the outbox)


def _clear(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


class PollCard(QFrame):
    vote_requested = Signal(int, int)  # poll id, option
    move_requested = Signal(int, str)  # poll id, "open" | "close" | "publish"

    def __init__(self, poll_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.poll_id = poll_id
        self.setObjectName("pollCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.question = QLabel(self)
        self.question.setObjectName("pollQuestion")
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.question.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pollSubtitle")
        self.body = QVBoxLayout()
        self.move_button = QPushButton(self)
        self.move_button.setObjectName("pollMove")
        self.move_button.clicked.connect(self._move)
        self._move_name: str | None = None
        top = QHBoxLayout()
        top.addWidget(self.subtitle, 1)
        top.addWidget(self.move_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(top)
        layout.addLayout(self.body)
        self.option_buttons: list[QPushButton] = []
        self.choice_label: QLabel | None = None
        self.count_label: QLabel | None = None
        self.bars: list[QProgressBar] = []

    def _move(self) -> None:
        if self._move_name:
            self.move_requested.emit(self.poll_id, self._move_name)

    def show_poll(
        self,
        poll: Mapping[str, Any],
        detail: Mapping[str, Any] | None,
        mine: MyVote | None,
        manages: bool,
        *,
        waiting_move: bool = False,
    ) -> None:
        """Rebuild the card from the poll (meeting summary), its detail (GET, may be None) and my vote."""
        status = str(poll.get("status"))
        kind = str(poll.get("kind", "named"))
        options = [str(o) for o in poll.get("options") or ()]
        detail = detail or {}
        self.question.setText(str(poll.get("question", "")))
        self.subtitle.setText(f"{poll_kind_label(kind)} · {poll_status_label(status)}")
        manages = manages or bool(detail.get("manages"))
        self._move_name = _MOVES.get(status) if manages else None
        labels = {
            "open": self.tr("Open voting"),
            "close": self.tr("Close voting"),
            "publish": self.tr("Publish result"),
        }
        self.move_button.setVisible(self._move_name is not None)
        self.move_button.setEnabled(not waiting_move)
        if self._move_name:
            self.move_button.setText(labels[self._move_name])
        _clear(self.body)
        self.option_buttons, self.bars = [], []
        self.choice_label = self.count_label = None
        may_vote = bool(detail.get("may_vote")) and not detail.get("has_voted") and mine is None
        if status == "open" and may_vote:
            grid = QGridLayout()
            for i, option in enumerate(options):
                button = QPushButton(option, self)
                button.setObjectName("pollOption")
                button.setMinimumHeight(56)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                font = button.font()
                font.setPointSizeF(font.pointSizeF() * 1.3)
                font.setBold(True)
                button.setFont(font)
                button.clicked.connect(lambda _=False, i=i: self.vote_requested.emit(self.poll_id, i))
                grid.addWidget(button, i // 2, i % 2)
                self.option_buttons.append(button)
            self.body.addLayout(grid)
        if mine is not None or detail.get("has_voted"):
            label = QLabel(self)
            label.setObjectName("pollMyChoice")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            if mine is not None and 0 <= mine.option < len(options):
                text = (
                    self.tr("Your vote: “%1” — recorded.")
                    if mine.delivered
                    else self.tr("Your vote: “%1” — waiting to be sent.")
                ).replace("%1", options[mine.option])
            else:
                text = self.tr("You have voted.")
            label.setText(text)
            # Green once the server has it; amber while it waits in the outbox.
            delivered = mine is None or mine.delivered
            label.setStyleSheet(f"color: {'#4caf50' if delivered else '#e0a030'}; font-weight: bold;")
            self.body.addWidget(label)
            self.choice_label = label
        elif status == "open" and detail and not detail.get("may_vote"):
            label = QLabel(self.tr("You cannot vote in this poll (only members present when it opened may)."), self)
            label.setObjectName("pollNotEligible")
            label.setWordWrap(True)
            self.body.addWidget(label)
        cast, eligible = poll.get("votes_cast"), poll.get("eligible")
        if status != "draft" and isinstance(cast, int):
            count = QLabel(self)
            count.setObjectName("pollCount")
            count.setText(
                (self.tr("Votes cast: %1 of %2") if isinstance(eligible, int) else self.tr("Votes cast: %1"))
                .replace("%1", str(cast))
                .replace("%2", str(eligible))
            )
            self.body.addWidget(count)
            self.count_label = count
        tally = poll.get("votes") if isinstance(poll.get("votes"), list) else detail.get("votes")
        show_tally = isinstance(tally, list) and len(tally) == len(options)
        if show_tally and status == "open" and kind == "secret":
            show_tally = False  # never watch a secret tally move (it would tell who chose what)
        if show_tally and status != "published":
            note = QLabel(self.tr("Live tally — seen only by those who manage the poll."), self)
            note.setObjectName("pollTallyNote")
            self.body.addWidget(note)
        if show_tally:
            total = max(1, sum(int(v) for v in tally))
            for option, votes in zip(options, tally, strict=True):
                bar = QProgressBar(self)
                bar.setObjectName("pollBar")
                bar.setRange(0, total)
                bar.setValue(int(votes))
                bar.setFormat(f"{option}: {int(votes)} ({round(100 * int(votes) / total)} %)")
                bar.setTextVisible(True)
                self.body.addWidget(bar)
                self.bars.append(bar)
        elif status in ("closed",) and not manages:
            waiting = QLabel(self.tr("Voting has closed; the result is not published yet."), self)
            waiting.setObjectName("pollNotPublished")
            self.body.addWidget(waiting)
        ballots = detail.get("ballots")
        if status == "published" and isinstance(ballots, list) and ballots:
            lines = [
                f"{b.get('full_name', '')}: {options[b['option']]}"
                for b in ballots
                if isinstance(b, Mapping) and isinstance(b.get("option"), int) and 0 <= b["option"] < len(options)
            ]
            names = QLabel("\n".join(lines), self)
            names.setObjectName("pollBallots")
            names.setTextFormat(Qt.TextFormat.PlainText)
            self.body.addWidget(names)


class VotingPanel(QWidget):
    vote_requested = Signal(int, int)
    move_requested = Signal(int, str)
    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[int, PollCard] = {}
        self.new_poll = QPushButton(self)
        self.new_poll.setObjectName("pollCreate")
        self.new_poll.clicked.connect(self.create_requested)
        self.empty = QLabel(self)
        self.empty.setObjectName("pollEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner = QWidget(self)
        self._cards_layout = QVBoxLayout(inner)
        self._cards_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.new_poll)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self._inner = inner
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.new_poll.setText(self.tr("New poll…"))
        self.empty.setText(self.tr("This meeting has no polls."))

    def show_polls(
        self,
        polls: list[Mapping[str, Any]],
        details: Mapping[int, Mapping[str, Any]],
        mine: Mapping[int, MyVote],
        *,
        manages: bool,
        may_create: bool,
        waiting_moves: frozenset[int] = frozenset(),
    ) -> None:
        self.new_poll.setVisible(may_create)
        self.empty.setVisible(not polls)
        wanted = [p["id"] for p in polls if isinstance(p, Mapping) and isinstance(p.get("id"), int)]
        for poll_id in list(self.cards):
            if poll_id not in wanted:
                self.cards.pop(poll_id).deleteLater()
        for position, poll in enumerate(p for p in polls if isinstance(p, Mapping) and isinstance(p.get("id"), int)):
            card = self.cards.get(poll["id"])
            if card is None:
                card = PollCard(poll["id"], self._inner)
                card.vote_requested.connect(self.vote_requested)
                card.move_requested.connect(self.move_requested)
                self.cards[poll["id"]] = card
            self._cards_layout.insertWidget(position, card)
            card.show_poll(
                poll,
                details.get(poll["id"]),
                mine.get(poll["id"]),
                manages,
                waiting_move=poll["id"] in waiting_moves,
            )
