"""The sensor list: one row per sensor from the cache, kept live by sync changes; filter by kind,
status, ward and words (diacritics ignored)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ioc_console.services.event_text import fold_for_search, format_local_time, format_number, parse_time, status_label

_CTX = "SensorList"
COLUMNS = (
    QT_TRANSLATE_NOOP("SensorList", "Name"),
    QT_TRANSLATE_NOOP("SensorList", "Kind"),
    QT_TRANSLATE_NOOP("SensorList", "Ward"),
    QT_TRANSLATE_NOOP("SensorList", "Value"),
    QT_TRANSLATE_NOOP("SensorList", "Status"),
    QT_TRANSLATE_NOOP("SensorList", "Last reading"),
)
COL_NAME, COL_KIND, COL_WARD, COL_VALUE, COL_STATUS, COL_TIME = range(len(COLUMNS))
KIND_NAMES = {
    "water_level": QT_TRANSLATE_NOOP("SensorList", "Water level"),
    "rainfall": QT_TRANSLATE_NOOP("SensorList", "Rainfall"),
    "pm25": QT_TRANSLATE_NOOP("SensorList", "Fine dust (PM2.5)"),
    "temperature": QT_TRANSLATE_NOOP("SensorList", "Temperature"),
    "landslide_tilt": QT_TRANSLATE_NOOP("SensorList", "Landslide (tilt)"),
}
NO_READING = QT_TRANSLATE_NOOP("SensorList", "no reading")
STATUS_COLOURS = {"ok": "#3fb950", "warning": "#f0b429", "alarm": "#e5484d", "offline": "#8b949e"}
#: The sensor's record (a dict, as cached).
SENSOR_ROLE = Qt.ItemDataRole.UserRole + 1
#: What the column sorts by (numbers as numbers, times as ISO text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def kind_label(kind: Any) -> str:
    return tr(KIND_NAMES[kind]) if kind in KIND_NAMES else str(kind or "")


def unit_symbol(sensor: Mapping[str, Any]) -> str:
    unit = sensor.get("unit")
    return str(unit.get("symbol", "")) if isinstance(unit, Mapping) else ""


def value_text(sensor: Mapping[str, Any]) -> str:
    value = sensor.get("last_result")
    if value is None:
        return tr(NO_READING)
    return f"{format_number(value)} {unit_symbol(sensor)}".strip()


class SensorTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._row_of: dict[str, int] = {}

    # -- filling ------------------------------------------------------------------------------
    def set_sensors(self, sensors: Iterable[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(s) for s in sensors if s.get("id") is not None]
        self._rows.sort(key=lambda s: str(s["id"]))
        self._row_of = {str(s["id"]): i for i, s in enumerate(self._rows)}
        self.endResetModel()

    def upsert(self, sensor: Mapping[str, Any]) -> None:
        key = str(sensor.get("id"))
        row = self._row_of.get(key)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(dict(sensor))
            self._row_of[key] = len(self._rows) - 1
            self.endInsertRows()
            return
        self._rows[row] = dict(sensor)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def upsert_many(self, sensors: Iterable[Mapping[str, Any]]) -> None:
        """Several sensors at once (a batch of live changes): one ``dataChanged`` over the rows that
        changed and one insert for the new ones, so the filter proxy and the view take the batch in
        one go; the last version of a sensor in the batch wins."""
        changed: list[int] = []
        fresh: dict[str, dict[str, Any]] = {}
        for sensor in sensors:
            key = str(sensor.get("id"))
            row = self._row_of.get(key)
            if row is None:
                fresh[key] = dict(sensor)
            else:
                self._rows[row] = dict(sensor)
                changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(COLUMNS) - 1))
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for key, sensor in fresh.items():
                self._row_of[key] = len(self._rows)
                self._rows.append(sensor)
            self.endInsertRows()

    def remove(self, sensor_id: str) -> None:
        row = self._row_of.get(str(sensor_id))
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of = {str(s["id"]): i for i, s in enumerate(self._rows)}
        self.endRemoveRows()

    def sensor(self, sensor_id: str) -> dict[str, Any] | None:
        row = self._row_of.get(str(sensor_id))
        return None if row is None else self._rows[row]

    def row_of(self, sensor_id: str) -> int:
        return self._row_of.get(str(sensor_id), -1)

    def sensors(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def refresh_texts(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section < len(COLUMNS):
            return tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        sensor = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(sensor, column)
        if role == SENSOR_ROLE:
            return sensor
        if role == SORT_ROLE:
            if column == COL_VALUE:
                value = sensor.get("last_result")
                return float(value) if isinstance(value, (int, float)) else float("-inf")
            if column == COL_TIME:
                return str(sensor.get("last_phenomenon_time") or "")
            return fold_for_search(self._text(sensor, column))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            colour = STATUS_COLOURS.get(str(sensor.get("status")))
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TIME:
            moment = parse_time(sensor.get("last_phenomenon_time"))
            return moment.isoformat() if moment else None
        return None

    @staticmethod
    def _text(sensor: Mapping[str, Any], column: int) -> str:
        if column == COL_NAME:
            return str(sensor.get("name") or sensor.get("id") or "")
        if column == COL_KIND:
            return kind_label(sensor.get("kind"))
        if column == COL_WARD:
            return str(sensor.get("ward") or "")
        if column == COL_VALUE:
            return value_text(sensor)
        if column == COL_STATUS:
            return status_label("sensor", sensor.get("status"))
        if column == COL_TIME:
            moment = parse_time(sensor.get("last_phenomenon_time"))
            return format_local_time(moment) if moment is not None else ""
        return ""


class SensorFilterProxy(QSortFilterProxyModel):
    """Kind, status and ward (None: any) and words that must all appear (name, ward, kind, id)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.status: str | None = None
        self.ward: str | None = None
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(
        self, *, kind: str | None = None, status: str | None = None, ward: str | None = None, text: str = ""
    ) -> None:
        self.beginFilterChange()
        self.kind, self.status, self.ward = kind or None, status or None, ward or None
        self._words = fold_for_search(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        sensor = model.index(source_row, 0, source_parent).data(SENSOR_ROLE)
        if not isinstance(sensor, Mapping):
            return False
        if self.kind is not None and sensor.get("kind") != self.kind:
            return False
        if self.status is not None and sensor.get("status") != self.status:
            return False
        if self.ward is not None and sensor.get("ward") != self.ward:
            return False
        if self._words:
            haystack = fold_for_search(
                " ".join(
                    str(part or "")
                    for part in (
                        sensor.get("name"),
                        sensor.get("ward"),
                        sensor.get("id"),
                        kind_label(sensor.get("kind")),
                    )
                )
            )
            return all(word in haystack for word in self._words)
        return True
