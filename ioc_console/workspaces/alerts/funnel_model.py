"""Table models of the alert funnel (GET /stats/alert-funnel) and of the false-alarm statistics
per camera × analytic (GET /stats/alert-false-alarms)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ioc_console.services.event_text import AnalyticsCatalogue, format_number
from ioc_console.workspaces.alerts.durations import duration_text

_CTX = "FunnelModel"
Index = QModelIndex | QPersistentModelIndex

#: The funnel's stages, in the order a detection travels (also the chart's bars).
STAGES: tuple[tuple[str, str], ...] = (
    ("detected", QT_TRANSLATE_NOOP("FunnelModel", "Detected")),
    ("alerts", QT_TRANSLATE_NOOP("FunnelModel", "Alerts")),
    ("confirmed", QT_TRANSLATE_NOOP("FunnelModel", "Confirmed")),
    ("false_alarms", QT_TRANSLATE_NOOP("FunnelModel", "False alarms")),
    ("warned", QT_TRANSLATE_NOOP("FunnelModel", "Warned")),
    ("dispatched", QT_TRANSLATE_NOOP("FunnelModel", "Dispatched")),
    ("closed", QT_TRANSLATE_NOOP("FunnelModel", "Closed")),
)
_MEDIANS = (
    ("median_ack_s", QT_TRANSLATE_NOOP("FunnelModel", "Median to acknowledge")),
    ("median_close_s", QT_TRANSLATE_NOOP("FunnelModel", "Median to close")),
)
GROUP_HEADERS = {
    "analytic": QT_TRANSLATE_NOOP("FunnelModel", "Analytic"),
    "category": QT_TRANSLATE_NOOP("FunnelModel", "Category"),
    "ward": QT_TRANSLATE_NOOP("FunnelModel", "Ward"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def field(item: Any, name: str) -> Any:
    """A field of a plain dict (JSON) or of a typed model (backend_client)."""
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _count(value: Any) -> str:
    return format_number(value if value is not None else 0)


class FunnelModel(QAbstractTableModel):
    """One row per group (analytic, category or ward) and a last "All" row with the totals."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._total: Any = None
        self._group_by = "category"
        self._language = "vi"

    def set_funnel(self, funnel: Any, language: str) -> None:
        self.beginResetModel()
        self._rows = list(field(funnel, "rows") or [])
        self._total = field(funnel, "total")
        self._group_by = str(field(funnel, "group_by") or "category")
        self._language = language
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def total(self) -> Any:
        return self._total

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self._total is not None else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(STAGES) + len(_MEDIANS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return tr(GROUP_HEADERS.get(self._group_by, GROUP_HEADERS["category"]))
        if section <= len(STAGES):
            return tr(STAGES[section - 1][1])
        return tr(_MEDIANS[section - 1 - len(STAGES)][1])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        is_total = row == len(self._rows)
        item = self._total if is_total else self._rows[row]
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            # The raw number (sorting, charts, tests); None for the label column.
            if column == 0:
                return None if is_total else field(item, "key")
            name = STAGES[column - 1][0] if column <= len(STAGES) else _MEDIANS[column - 1 - len(STAGES)][0]
            return field(item, name)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            if is_total:
                return QCoreApplication.translate("FunnelModel", "All")
            label = field(item, "label_vi" if self._language == "vi" else "label_en")
            return str(label or field(item, "key") or "")
        if column <= len(STAGES):
            return _count(field(item, STAGES[column - 1][0]))
        return duration_text(field(item, _MEDIANS[column - 1 - len(STAGES)][0]))


class FalseAlarmModel(QAbstractTableModel):
    """Camera × analytic rows with their share of false alarms, worst first (as the server sorts)."""

    _HEADERS = (
        QT_TRANSLATE_NOOP("FunnelModel", "Camera"),
        QT_TRANSLATE_NOOP("FunnelModel", "Analytic"),
        QT_TRANSLATE_NOOP("FunnelModel", "False alarms"),
        QT_TRANSLATE_NOOP("FunnelModel", "Alerts"),
        QT_TRANSLATE_NOOP("FunnelModel", "Share"),
    )

    def __init__(self, analytics: AnalyticsCatalogue | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._analytics = analytics
        self._rows: list[Any] = []
        self._language = "vi"

    def set_rows(self, rows: Sequence[Any], language: str) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._language = language
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self._HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return (
                field(item, "camera_id"),
                field(item, "analytic"),
                field(item, "false_alarms"),
                field(item, "alerts"),
                field(item, "share"),
            )[column]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            name, camera_id = field(item, "camera_name"), field(item, "camera_id")
            return f"{name} ({camera_id})" if name else str(camera_id or "")
        if column == 1:
            code = field(item, "analytic")
            if self._analytics is None:
                return str(code or "")
            return self._analytics.name(code, self._language)
        if column == 2:
            return _count(field(item, "false_alarms"))
        if column == 3:
            return _count(field(item, "alerts"))
        share = field(item, "share")
        # The server's share is a fraction 0..1; shown as a percentage with at most one decimal.
        return f"{format_number(round(float(share or 0) * 100, 1))} %"
