"""The meeting list (table model + day filter) and the calendar beside it."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ioc_console.workspaces.meetings.meeting_text import (
    STATUS_COLOURS,
    local,
    meeting_role_label,
    meeting_span,
    meeting_status_label,
)

COL_TIME, COL_TITLE, COL_ROLE = range(3)
_HEADERS = (
    QT_TRANSLATE_NOOP("MeetingListModel", "Time"),
    QT_TRANSLATE_NOOP("MeetingListModel", "Meeting"),
    QT_TRANSLATE_NOOP("MeetingListModel", "My role"),
)
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 60
DAY_ROLE = Qt.ItemDataRole.UserRole + 62

Index = QModelIndex | QPersistentModelIndex


def my_role(meeting: Mapping[str, Any], user_id: int | None) -> str | None:
    """The signed-in user's meeting role in ``meeting`` (None: not a member)."""
    for member in meeting.get("members") or ():
        if isinstance(member, Mapping) and member.get("user_id") == user_id:
            role = member.get("role")
            return role if isinstance(role, str) else None
    return None


class MeetingListModel(QAbstractTableModel):
    """One row per meeting, oldest first; rows change in place as live copies arrive."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._row_of: dict[int, int] = {}
        self._user_id: int | None = None

    def set_user(self, user_id: int | None) -> None:
        self._user_id = user_id
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_ROLE), self.index(len(self._rows) - 1, COL_ROLE))

    def reset(self, meetings: Iterable[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = sorted((dict(m) for m in meetings), key=lambda m: (str(m.get("starts_at")), m["id"]))
        self._row_of = {m["id"]: row for row, m in enumerate(self._rows)}
        self.endResetModel()

    def upsert(self, meeting: Mapping[str, Any]) -> None:
        row = self._row_of.get(meeting["id"])
        if row is None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(dict(meeting))
            self._row_of[meeting["id"]] = row
            self.endInsertRows()
        else:
            self._rows[row] = dict(meeting)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))

    def meeting_at(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, meeting_id: int) -> int | None:
        return self._row_of.get(meeting_id)

    def days(self) -> dict[date, list[str]]:
        """Each Huế-time day with meetings → their statuses (for the calendar's marks)."""
        out: dict[date, list[str]] = {}
        for meeting in self._rows:
            start = local(meeting.get("starts_at"))
            if start is not None:
                out.setdefault(start.date(), []).append(str(meeting.get("status")))
        return out

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("MeetingListModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        meeting = self._rows[index.row()]
        column = index.column()
        if role == MEETING_ID_ROLE:
            return meeting["id"]
        if role == DAY_ROLE:
            start = local(meeting.get("starts_at"))
            return start.date() if start else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                start = local(meeting.get("starts_at"))
                return start.strftime("%d/%m %H:%M") if start else "—"
            if column == COL_TITLE:
                return meeting.get("title", "")
            if column == COL_ROLE:
                role_code = my_role(meeting, self._user_id)
                return meeting_role_label(role_code) if role_code else "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            status = meeting_status_label(meeting.get("status"))
            lines = (
                str(meeting.get("title", "")),
                f"{meeting_span(meeting)} · {status}",
                str(meeting.get("location", "")),
            )
            # A tooltip that looks like markup is shown as rich text: escape, and say it is rich.
            return "<p style='white-space:pre'>" + "<br>".join(html.escape(line) for line in lines) + "</p>"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_TIME:
            # The time's colour says the status: green under way, blue to come, grey ended.
            return QColor(STATUS_COLOURS.get(str(meeting.get("status")), "#c8ccd4"))
        if role == Qt.ItemDataRole.FontRole and meeting.get("status") == "in_progress":
            font = QFont()
            font.setBold(True)
            return font
        return None


class MeetingDayFilter(QSortFilterProxyModel):
    """All meetings, or those of one Huế-time day."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._day: date | None = None

    def day(self) -> date | None:
        return self._day

    def set_day(self, day: date | None) -> None:
        if day != self._day:
            self._day = day
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._day is None:
            return True
        source = self.sourceModel()
        return source.data(source.index(source_row, 0, source_parent), DAY_ROLE) == self._day


class MeetingListPanel(QWidget):
    """Calendar above the list: a day with meetings is bold (green while one is under way);
    clicking a day shows its meetings, "All days" shows every one."""

    meeting_chosen = Signal(int)

    def __init__(self, model: MeetingListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = MeetingDayFilter(self)
        self.proxy.setSourceModel(model)
        self._marked: list[date] = []
        self._selecting = False  # a selection made by code is not the user's choice
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("meetingCalendar")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        # "T2".."CN" fit any panel width; the locale's short names ("Th 2") are cut off.
        self.calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames)
        self.calendar.clicked.connect(self._day_clicked)
        self.day_label = QLabel(self)
        self.day_label.setObjectName("meetingDayLabel")
        self.all_days = QPushButton(self)
        self.all_days.setObjectName("meetingAllDays")
        self.all_days.clicked.connect(lambda: self.show_day(None))
        self.table = QTableView(self)
        self.table.setObjectName("meetingTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_TIME, COL_ROLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_label, 1)
        day_row.addWidget(self.all_days)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        layout.addLayout(day_row)
        layout.addWidget(self.table, 1)
        model.modelReset.connect(self.mark_days)
        model.rowsInserted.connect(self.mark_days)
        model.dataChanged.connect(self.mark_days)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.all_days.setText(self.tr("All days"))
        self.all_days.setToolTip(self.tr("Show the meetings of every day"))
        day = self.proxy.day()
        self.day_label.setText(
            self.tr("Meetings on %1").replace("%1", day.strftime("%d/%m/%Y")) if day else self.tr("All meetings")
        )

    def show_day(self, day: date | None) -> None:
        self.proxy.set_day(day)
        self.all_days.setEnabled(day is not None)
        self.retranslate_ui()

    def select_meeting(self, meeting_id: int) -> bool:
        row = self.model.row_of(meeting_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
        if not index.isValid():
            self.show_day(None)
            index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
        self._selecting = True
        try:
            self.table.setCurrentIndex(index)
        finally:
            self._selecting = False
        self.table.scrollTo(index)
        return True

    def mark_days(self, *_: Any) -> None:
        plain = QTextCharFormat()
        for day in self._marked:
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), plain)
        self._marked = []
        for day, statuses in self.model.days().items():
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontUnderline(True)
            if "in_progress" in statuses:
                fmt.setForeground(QColor(STATUS_COLOURS["in_progress"]))
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), fmt)
            self._marked.append(day)

    def _day_clicked(self, qdate: QDate) -> None:
        self.show_day(date(qdate.year(), qdate.month(), qdate.day()))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:
            meeting_id = current.data(MEETING_ID_ROLE)
            if isinstance(meeting_id, int):
                self.meeting_chosen.emit(meeting_id)
