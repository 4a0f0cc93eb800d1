"""The agenda of the open meeting: items with their state, and the chosen item's documents,
speakers (with their times) and conclusions; the chair's and secretary's controls beside them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ioc_console.workspaces.meetings.meeting_text import agenda_state_label, clock, speaker_state_label
from ioc_domain.meetings import meeting_may

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 70
_STATE_MARKS = {"pending": "○", "current": "▶", "done": "✓"}


def _items(meeting: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    return [i for i in (meeting or {}).get("agenda") or () if isinstance(i, Mapping)]


class AgendaPanel(QWidget):
    agenda_move = Signal(str, int)  # "next" | "previous" | "current", item id (0 for next/previous)
    speak_requested = Signal(int)  # item id
    withdraw_requested = Signal(int, int)  # item id, speaker id
    speaker_move = Signal(str, int, int)  # "start" | "stop", item id, speaker id
    order_requested = Signal(int, object)  # item id, [speaker ids]
    conclusion_requested = Signal(int)  # item id
    document_requested = Signal(int)  # document id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._meeting: Mapping[str, Any] | None = None
        self._role: str | None = None
        self._user_id: int | None = None
        self._names: dict[int, str] = {}
        self._docs: dict[int, str] = {}
        self.items = QListWidget(self)
        self.items.setObjectName("agendaItems")
        self.items.setWordWrap(True)
        self.items.currentItemChanged.connect(lambda *_: self._show_item())
        self.previous_button = QPushButton(self)
        self.previous_button.setObjectName("agendaPrevious")
        self.previous_button.clicked.connect(lambda: self.agenda_move.emit("previous", 0))
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("agendaNext")
        self.next_button.clicked.connect(lambda: self.agenda_move.emit("next", 0))
        self.current_button = QPushButton(self)
        self.current_button.setObjectName("agendaMakeCurrent")
        self.current_button.clicked.connect(self._make_current)
        chair_row = QHBoxLayout()
        chair_row.addWidget(self.previous_button)
        chair_row.addWidget(self.current_button)
        chair_row.addWidget(self.next_button)

        detail = QWidget(self)
        self.item_title = QLabel(detail)
        self.item_title.setObjectName("agendaItemTitle")
        self.item_title.setTextFormat(Qt.TextFormat.PlainText)
        self.item_title.setWordWrap(True)
        bold = self.item_title.font()
        bold.setBold(True)
        self.item_title.setFont(bold)
        self.item_info = QLabel(detail)
        self.item_info.setObjectName("agendaItemInfo")
        self.item_info.setTextFormat(Qt.TextFormat.PlainText)
        self.item_info.setWordWrap(True)
        self.documents = QListWidget(detail)
        self.documents.setObjectName("agendaDocuments")
        self.documents.setMaximumHeight(80)
        self._doc_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self.documents.itemActivated.connect(self._document_activated)
        self.documents.itemClicked.connect(self._document_activated)
        self.speakers_label = QLabel(detail)
        self.speakers = QListWidget(detail)
        self.speakers.setObjectName("agendaSpeakers")
        self.speakers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.speakers.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.speak_button = QPushButton(detail)
        self.speak_button.setObjectName("speakRequest")
        self.speak_button.clicked.connect(self._speak_or_withdraw)
        self.start_button = QPushButton(detail)
        self.start_button.setObjectName("speakerStart")
        self.start_button.clicked.connect(lambda: self._speaker_move("start"))
        self.stop_button = QPushButton(detail)
        self.stop_button.setObjectName("speakerStop")
        self.stop_button.clicked.connect(lambda: self._speaker_move("stop"))
        self.up_button = QPushButton("↑", detail)
        self.up_button.setObjectName("speakerUp")
        self.up_button.clicked.connect(lambda: self._reorder(-1))
        self.down_button = QPushButton("↓", detail)
        self.down_button.setObjectName("speakerDown")
        self.down_button.clicked.connect(lambda: self._reorder(1))
        speaker_row = QHBoxLayout()
        speaker_row.addWidget(self.speak_button)
        speaker_row.addStretch(1)
        for button in (self.up_button, self.down_button, self.start_button, self.stop_button):
            speaker_row.addWidget(button)
        self.conclusions_label = QLabel(detail)
        self.conclusions = QListWidget(detail)
        self.conclusions.setObjectName("agendaConclusions")
        self.conclusions.setWordWrap(True)
        self.conclude_button = QPushButton(detail)
        self.conclude_button.setObjectName("conclusionAdd")
        self.conclude_button.clicked.connect(self._conclude)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.item_title)
        detail_layout.addWidget(self.item_info)
        detail_layout.addWidget(self.documents)
        detail_layout.addWidget(self.speakers_label)
        detail_layout.addWidget(self.speakers, 1)
        detail_layout.addLayout(speaker_row)
        detail_layout.addWidget(self.conclusions_label)
        detail_layout.addWidget(self.conclusions, 1)
        detail_layout.addWidget(self.conclude_button)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.agenda_label = QLabel(top)
        top_layout.addWidget(self.agenda_label)
        top_layout.addWidget(self.items, 1)
        top_layout.addLayout(chair_row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.agenda_label.setText(self.tr("Agenda"))
        self.previous_button.setText(self.tr("◀ Previous item"))
        self.next_button.setText(self.tr("Next item ▶"))
        self.current_button.setText(self.tr("Discuss this item"))
        self.current_button.setToolTip(self.tr("Make the chosen item the one under discussion"))
        self.speakers_label.setText(self.tr("Speakers"))
        self.start_button.setText(self.tr("Give the floor"))
        self.stop_button.setText(self.tr("End the turn"))
        self.up_button.setToolTip(self.tr("Move the speaker up the list"))
        self.down_button.setToolTip(self.tr("Move the speaker down the list"))
        self.conclusions_label.setText(self.tr("Conclusions"))
        self.conclude_button.setText(self.tr("Record a conclusion…"))
        self.show_meeting(self._meeting, self._role, self._user_id)

    # -- data -------------------------------------------------------------------------------
    def current_item_id(self) -> int | None:
        item = self.items.currentItem()
        value = item.data(ITEM_ID_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def item(self, item_id: int | None) -> Mapping[str, Any] | None:
        return next((i for i in _items(self._meeting) if i.get("id") == item_id), None)

    def show_meeting(self, meeting: Mapping[str, Any] | None, role: str | None, user_id: int | None) -> None:
        chosen = self.current_item_id()
        changed_meeting = (meeting or {}).get("id") != (self._meeting or {}).get("id")
        self._meeting, self._role, self._user_id = meeting, role, user_id
        self._names = {
            m["user_id"]: str(m.get("full_name", ""))
            for m in (meeting or {}).get("members") or ()
            if isinstance(m, Mapping) and isinstance(m.get("user_id"), int)
        }
        self._docs = {
            d["id"]: str(d.get("filename", ""))
            for d in (meeting or {}).get("documents") or ()
            if isinstance(d, Mapping) and isinstance(d.get("id"), int)
        }
        self.items.blockSignals(True)
        self.items.clear()
        current_row = None
        for row, entry in enumerate(_items(meeting)):
            state = str(entry.get("state", "pending"))
            minutes = entry.get("minutes")
            text = f"{_STATE_MARKS.get(state, '○')}  {row + 1}. {entry.get('title', '')}"
            if isinstance(minutes, int):
                text += "  " + self.tr("(%1 min)").replace("%1", str(minutes))
            widget_item = QListWidgetItem(text)
            widget_item.setData(ITEM_ID_ROLE, entry.get("id"))
            widget_item.setToolTip(agenda_state_label(state))
            if state == "current":
                font = QFont(self.items.font())
                font.setBold(True)
                widget_item.setFont(font)
                widget_item.setForeground(QBrush(QColor("#4caf50")))
                current_row = row
            elif state == "done":
                widget_item.setForeground(QBrush(QColor("#8a8f98")))
            self.items.addItem(widget_item)
        self.items.blockSignals(False)
        keep = next((r for r in range(self.items.count()) if self.items.item(r).data(ITEM_ID_ROLE) == chosen), None)
        row = current_row if changed_meeting or keep is None else keep
        if row is None and self.items.count():
            row = 0
        if row is not None:
            self.items.setCurrentRow(row)
        self._show_item()

    def select_current(self) -> None:
        """Choose the item under discussion (when the chair moves on)."""
        for row in range(self.items.count()):
            if (self.item(self.items.item(row).data(ITEM_ID_ROLE)) or {}).get("state") == "current":
                self.items.setCurrentRow(row)
                return

    def _show_item(self) -> None:
        entry = self.item(self.current_item_id())
        self.item_title.setText(str(entry.get("title", "")) if entry else self.tr("No agenda item"))
        info = []
        if entry:
            info.append(self.tr("Presenter: %1").replace("%1", str(entry.get("presenter", "")) or "—"))
            info.append(agenda_state_label(entry.get("state", "pending")))
        self.item_info.setText(" · ".join(info))
        self.documents.clear()
        for doc_id in (entry or {}).get("documents") or ():
            if doc_id in self._docs:
                doc_item = QListWidgetItem(self._doc_icon, self._docs[doc_id])
                doc_item.setData(ITEM_ID_ROLE, doc_id)
                self.documents.addItem(doc_item)
        self.documents.setVisible(self.documents.count() > 0)
        chosen_speaker = self._chosen_speaker_id()
        self.speakers.clear()
        for speaker in (entry or {}).get("speakers") or ():
            if not isinstance(speaker, Mapping) or speaker.get("state") == "withdrawn":
                continue
            name = self._names.get(speaker.get("user_id"), "") or speaker.get("full_name") or "—"
            times = ""
            if speaker.get("started_at"):
                stopped = clock(speaker.get("stopped_at")) if speaker.get("stopped_at") else ""
                times = f"  {clock(speaker.get('started_at'))}–{stopped}"
            line = QListWidgetItem(f"{name} · {speaker_state_label(speaker.get('state'))}{times}")
            line.setData(ITEM_ID_ROLE, speaker.get("id"))
            line.setData(ITEM_ID_ROLE + 1, speaker.get("state"))
            line.setData(ITEM_ID_ROLE + 2, speaker.get("user_id"))
            if speaker.get("state") == "speaking":
                font = QFont(self.speakers.font())
                font.setBold(True)
                line.setFont(font)
                line.setForeground(QBrush(QColor("#4caf50")))
            self.speakers.addItem(line)
            if speaker.get("id") == chosen_speaker:
                self.speakers.setCurrentItem(line)
        self.conclusions.clear()
        for conclusion in (entry or {}).get("conclusions") or ():
            if isinstance(conclusion, Mapping):
                text = str(conclusion.get("text", ""))
                tasks = conclusion.get("task_ids") or []
                if tasks:
                    text += "\n" + self.tr("Task created: %1").replace("%1", ", ".join(f"#{t}" for t in tasks))
                self.conclusions.addItem(QListWidgetItem(text))
        self._update_buttons()

    def _chosen_speaker_id(self) -> int | None:
        item = self.speakers.currentItem()
        value = item.data(ITEM_ID_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def _my_waiting(self, entry: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
        return next(
            (
                s
                for s in (entry or {}).get("speakers") or ()
                if isinstance(s, Mapping)
                and s.get("user_id") == self._user_id
                and s.get("state") in ("waiting", "speaking")
            ),
            None,
        )

    def _update_buttons(self) -> None:
        entry = self.item(self.current_item_id())
        chair = meeting_may(self._role, "agenda")
        for button in (self.previous_button, self.next_button, self.current_button):
            button.setVisible(chair)
        self.current_button.setEnabled(entry is not None and entry.get("state") != "current")
        mine = self._my_waiting(entry)
        may_speak = meeting_may(self._role, "speak") and entry is not None and entry.get("state") != "done"
        self.speak_button.setVisible(may_speak or mine is not None)
        self.speak_button.setText(
            self.tr("Withdraw my request")
            if mine is not None and mine.get("state") == "waiting"
            else self.tr("Ask to speak")
        )
        self.speak_button.setEnabled(mine is None or mine.get("state") == "waiting")
        runs_speakers = meeting_may(self._role, "speakers")
        chosen = self.speakers.currentItem()
        state = chosen.data(ITEM_ID_ROLE + 1) if chosen is not None else None
        for button in (self.start_button, self.stop_button, self.up_button, self.down_button):
            button.setVisible(runs_speakers)
        self.start_button.setEnabled(state == "waiting")
        self.stop_button.setEnabled(state == "speaking")
        waiting = self._waiting_ids(entry)
        chosen_id = self._chosen_speaker_id()
        self.up_button.setEnabled(chosen_id in waiting[1:])
        self.down_button.setEnabled(chosen_id in waiting[:-1])
        self.conclude_button.setVisible(meeting_may(self._role, "conclusions") and entry is not None)

    def _waiting_ids(self, entry: Mapping[str, Any] | None) -> list[int]:
        speakers = [s for s in (entry or {}).get("speakers") or () if isinstance(s, Mapping)]
        speakers.sort(key=lambda s: s.get("position", 0))
        return [s["id"] for s in speakers if s.get("state") == "waiting"]

    # -- actions ----------------------------------------------------------------------------
    def _make_current(self) -> None:
        item_id = self.current_item_id()
        if item_id is not None:
            self.agenda_move.emit("current", item_id)

    def _speak_or_withdraw(self) -> None:
        item_id = self.current_item_id()
        if item_id is None:
            return
        mine = self._my_waiting(self.item(item_id))
        if mine is not None and mine.get("state") == "waiting":
            self.withdraw_requested.emit(item_id, mine["id"])
        else:
            self.speak_requested.emit(item_id)

    def _speaker_move(self, move: str) -> None:
        item_id, speaker_id = self.current_item_id(), self._chosen_speaker_id()
        if item_id is not None and speaker_id is not None:
            self.speaker_move.emit(move, item_id, speaker_id)

    def _reorder(self, step: int) -> None:
        item_id, speaker_id = self.current_item_id(), self._chosen_speaker_id()
        waiting = self._waiting_ids(self.item(item_id))
        if item_id is None or speaker_id not in waiting:
            return
        i = waiting.index(speaker_id)
        j = i + step
        if 0 <= j < len(waiting):
            waiting[i], waiting[j] = waiting[j], waiting[i]
            self.order_requested.emit(item_id, waiting)

    def _conclude(self) -> None:
        item_id = self.current_item_id()
        if item_id is not None:
            self.conclusion_requested.emit(item_id)

    def _document_activated(self, item: QListWidgetItem) -> None:
        doc_id = item.data(ITEM_ID_ROLE)
        if isinstance(doc_id, int):
            self.document_requested.emit(doc_id)
