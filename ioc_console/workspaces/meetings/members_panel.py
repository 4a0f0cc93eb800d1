"""Members of the open meeting with their meeting roles; for the chair and secretary also who is
present now, every stay's times, and whether the quorum is reached."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ioc_console.workspaces.meetings.meeting_text import clock, meeting_role_label

PRESENT_COLOUR = "#4caf50"
ABSENT_COLOUR = "#8a8f98"


def quorum_text(summary: Mapping[str, Any] | None) -> str:
    """ "3 of 4 present · quorum 2: reached" (or "not reached"), from the meeting's attendance summary."""
    if not isinstance(summary, Mapping):
        return ""
    present, members = summary.get("present", 0), summary.get("members", 0)
    text = (
        QCoreApplication.translate("MembersPanel", "%1 of %2 present")
        .replace("%1", str(present))
        .replace("%2", str(members))
    )
    needed = summary.get("quorum_needed", 0)
    if needed:
        reached = (
            QCoreApplication.translate("MembersPanel", "quorum reached")
            if summary.get("quorum_reached")
            else QCoreApplication.translate("MembersPanel", "quorum not reached")
        )
        text += " · " + QCoreApplication.translate("MembersPanel", "quorum %1: %2").replace("%1", str(needed)).replace(
            "%2", reached
        )
    return text


class MembersPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("membersSummary")
        self.detail_note = QLabel(self)
        self.detail_note.setObjectName("membersNote")
        self.detail_note.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("membersTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(4)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.detail_note)
        layout.addWidget(self.tree, 1)
        self._meeting: Mapping[str, Any] | None = None
        self._attendance: Mapping[str, Any] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([self.tr("Member"), self.tr("Meeting role"), self.tr("Present"), self.tr("Stays")])
        self.show_members(self._meeting, self._attendance)

    def show_members(self, meeting: Mapping[str, Any] | None, attendance: Mapping[str, Any] | None) -> None:
        """``attendance``: the GET /attendance answer (chair, secretary, managers) or None."""
        self._meeting, self._attendance = meeting, attendance
        self.summary.setText(quorum_text((meeting or {}).get("attendance")))
        self.detail_note.setVisible(attendance is None and bool(meeting))
        self.detail_note.setText(self.tr("Who is present, with the times, is shown to the chair and the secretary."))
        self.tree.clear()
        rows = (attendance or {}).get("members") if attendance else (meeting or {}).get("members")
        for member in rows or ():
            if not isinstance(member, Mapping):
                continue
            present = member.get("present")
            stays = [
                f"{clock(s.get('checked_in_at'))}–{clock(s.get('checked_out_at')) if s.get('checked_out_at') else ''}"
                for s in member.get("stays") or ()
                if isinstance(s, Mapping)
            ]
            row = QTreeWidgetItem(
                [
                    str(member.get("full_name", "")),
                    meeting_role_label(member.get("role")),
                    "" if present is None else (self.tr("Present") if present else self.tr("Absent")),
                    ", ".join(stays),
                ]
            )
            if present is not None:
                row.setForeground(2, QBrush(QColor(PRESENT_COLOUR if present else ABSENT_COLOUR)))
            row.setData(0, Qt.ItemDataRole.UserRole, member.get("user_id"))
            self.tree.addTopLevelItem(row)
