"""The map's area panel: what lies inside a circle or polygon drawn on the map, as one table
(tens of thousands of rows, one model, no per-row widgets), exported to CSV off the GUI thread,
and handed on as the area of a public warning."""

from __future__ import annotations

import copy
import csv
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services import event_text
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import AnalyticsCatalogue, fill
from ioc_console.services.navigation import DRAFT_WARNING_FOR_AREA
from ioc_console.services.ops import run_in_background
from ioc_domain.roles import may

log = logging.getLogger(__name__)

_CTX = "ShapeResultsPanel"
# The order resources are counted and listed in.
RESOURCE_ORDER: tuple[str, ...] = ("camera", "alert", "report", "sensor", "task", "warning")
DRAFT_PERMISSION = "warning.draft"

# (one, many): English needs both; Vietnamese nouns do not change with the number.
COUNT_TEXTS = {
    "camera": (
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 camera"),
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 cameras"),
    ),
    "alert": (QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 alert"), QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 alerts")),
    "report": (
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 report"),
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 reports"),
    ),
    "sensor": (
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 sensor"),
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 sensors"),
    ),
    "task": (QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 task"), QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 tasks")),
    "warning": (
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 public warning"),
        QT_TRANSLATE_NOOP("ShapeResultsPanel", "%1 public warnings"),
    ),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("ShapeResultsPanel", "Type"),
    QT_TRANSLATE_NOOP("ShapeResultsPanel", "ID"),
    QT_TRANSLATE_NOOP("ShapeResultsPanel", "Name"),
    QT_TRANSLATE_NOOP("ShapeResultsPanel", "Status"),
    QT_TRANSLATE_NOOP("ShapeResultsPanel", "Ward"),
)
CSV_EXTRA_COLUMNS = (
    QT_TRANSLATE_NOOP("ShapeResultsPanel", "Latitude"),
    QT_TRANSLATE_NOOP("ShapeResultsPanel", "Longitude"),
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _tr(text: Any) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def csv_cell(value: Any) -> str:
    """A text cell made safe for a spreadsheet: a leading formula character is quoted with "'"."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Labels:
    """The words a row is shown with, taken on the GUI thread in the UI language: the rows can
    then be worded on a worker thread (the CSV export) without touching Qt's translators."""

    kinds: dict[str, str] = field(default_factory=dict)
    statuses: dict[tuple[str, str], str] = field(default_factory=dict)
    analytics: dict[str, str] = field(default_factory=dict)
    language: str = "vi"

    @classmethod
    def current(cls, analytics: AnalyticsCatalogue | None, codes: Sequence[Any] = ()) -> Labels:
        language = "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"
        kinds = {resource: event_text.kind_label(resource) for resource in RESOURCE_ORDER}
        statuses = {
            (resource, status): event_text.tr(name)
            for resource, names in event_text.STATUS_NAMES.items()
            for status, name in names.items()
        }
        names: dict[str, str] = {}
        for code in set(codes):
            if code is None:
                continue
            name = analytics.name(code, language) if analytics is not None and len(analytics) else ""
            names[str(code)] = name or str(code).replace("_", " ").capitalize()
        return cls(kinds, statuses, names, language)


def row_texts(resource: str, record: Mapping[str, Any], labels: Labels) -> tuple[str, str, str, str, str]:
    """(type, id, name, status, ward) of one record, as plain text."""
    name: Any
    status: Any
    if resource == "alert":
        code = record.get("analytic")
        name = labels.analytics.get(str(code), str(code or ""))
        status = record.get("state")
    elif resource == "report":
        name, status = record.get("service_name"), record.get("status")
    elif resource == "task":
        name, status = record.get("title"), record.get("status")
    elif resource == "warning":
        name, status = event_text.warning_headline(record, labels.language), record.get("state")
    else:
        name, status = record.get("name"), record.get("status")
    status_text = "" if status is None else str(status)
    return (
        labels.kinds.get(resource, resource),
        "" if record.get("id") is None else str(record.get("id")),
        "" if name is None else str(name),
        labels.statuses.get((resource, status_text), status_text),
        "" if record.get("ward") is None else str(record.get("ward")),
    )


def _coordinate(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(float(value))
    return csv_cell(value)


def write_csv(path: str, header: Sequence[str], items: Sequence[tuple[str, Mapping[str, Any]]], labels: Labels) -> int:
    """Write ``items`` to ``path`` as UTF-8 CSV with a BOM (Excel then reads Vietnamese right);
    returns the number of rows. Runs on a worker thread: no Qt here."""
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([csv_cell(name) for name in header])
        for resource, record in items:
            texts = row_texts(resource, record, labels)
            writer.writerow(
                [*(csv_cell(text) for text in texts), _coordinate(record.get("lat")), _coordinate(record.get("lon"))]
            )
    return len(items)


class ShapeResultsModel(QAbstractTableModel):
    """The records inside the shape, one row each; cells are worded when asked (visible rows only)."""

    KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # (resource, id)

    def __init__(self, analytics: AnalyticsCatalogue | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._analytics = analytics
        self._items: list[tuple[str, dict[str, Any]]] = []
        self._labels = Labels.current(analytics)

    def set_items(self, items: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        self.beginResetModel()
        order = {resource: position for position, resource in enumerate(RESOURCE_ORDER)}
        listed = [(str(resource), dict(record)) for resource, record in items if isinstance(record, Mapping)]
        self._items = sorted(listed, key=lambda item: order.get(item[0], len(order)))
        self._labels = self._make_labels()
        self.endResetModel()

    def items(self) -> list[tuple[str, dict[str, Any]]]:
        return list(self._items)

    def labels(self) -> Labels:
        return self._labels

    def _make_labels(self) -> Labels:
        return Labels.current(self._analytics, [record.get("analytic") for r, record in self._items if r == "alert"])

    def retranslate(self) -> None:
        self._labels = self._make_labels()
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def header_texts(self) -> list[str]:
        return [_tr(name) for name in COLUMNS]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        resource, record = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row_texts(resource, record, self._labels)[index.column()]
        if role == self.KEY_ROLE:
            return resource, str(record.get("id"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _tr(COLUMNS[section])
        return super().headerData(section, orientation, role)


class _ResultsTable(QTableView):
    """Enter on a row activates it like a double-click (and never twice, whatever the style)."""

    row_activated = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(self.row_activated)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.row_activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class ShapeResultsPanel(QWidget):
    """The records inside a shape drawn on the map (:meth:`show_results`)."""

    record_activated = Signal(str, str)  # resource, id
    warning_area_requested = Signal(dict)  # the shape, as the warning's area
    cleared = Signal()
    export_finished = Signal(str, int)  # path, rows
    export_failed = Signal(str, str)  # path, the reason
    status_message = Signal(str, int)  # (text, ms) for the window's status bar

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shapeResultsPanel")
        self._context = context
        self._navigation = context.navigation
        self._connection = context.connection
        self._shape: dict[str, Any] | None = None
        self._exporting = False
        self._build()
        self._connection.signed_in.connect(lambda _user: self._update_buttons())
        self._connection.signed_out.connect(self._update_buttons)
        self.retranslate_ui()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(self)
        self.summary.setObjectName("shapeResultsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.model = ShapeResultsModel(self._context.analytics, self)
        self.table = _ResultsTable(self)
        self.table.setObjectName("shapeResultsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and interactive columns: no measuring of 50 000 rows' contents.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.row_activated.connect(self._activate)
        layout.addWidget(self.table, 1)

        self.status = QLabel(self)
        self.status.setObjectName("shapeResultsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("shapeResultsExport")
        self.export_button.clicked.connect(self.choose_export_path)
        self.warning_button = QPushButton(self)
        self.warning_button.setObjectName("shapeResultsWarningArea")
        self.warning_button.clicked.connect(self.request_warning_area)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("shapeResultsClear")
        self.clear_button.clicked.connect(self.clear)
        # The warning button on a line of its own: its Vietnamese text is long and the panel narrow.
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout.addWidget(self.warning_button)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.export_button.setText(self.tr("Export CSV…"))
        self.warning_button.setText(self.tr("Use as warning area"))
        self.clear_button.setText(self.tr("Clear"))
        self.model.retranslate()
        self._update_summary()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- results ------------------------------------------------------------------------------
    def shape(self) -> dict[str, Any] | None:
        return copy.deepcopy(self._shape)

    def show_results(self, shape: Mapping[str, Any], items: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Show the (resource, record) pairs found inside ``shape`` (a circle or a polygon)."""
        if not isinstance(shape, Mapping) or ("circle" in shape) == ("polygon" in shape):
            raise ValueError("a shape has exactly one of 'circle' and 'polygon'")
        self._shape = copy.deepcopy(dict(shape))
        self.model.set_items(items)
        self._set_status("")
        self._update_summary()
        self._update_buttons()

    def clear(self) -> None:
        """Forget the shape and its results; the map removes the drawing on :attr:`cleared`."""
        self._shape = None
        self.model.set_items([])
        self._set_status("")
        self._update_summary()
        self._update_buttons()
        self.cleared.emit()

    def summary_text(self) -> str:
        return self.summary.text()

    def _update_summary(self) -> None:
        shape = self._shape
        if shape is None:
            self.summary.setText(self.tr("Draw a circle or a polygon on the map to list what lies inside it."))
            return
        counts = Counter(resource for resource, _record in self.model.items())
        parts = []
        for resource in (*RESOURCE_ORDER, *sorted(set(counts) - set(RESOURCE_ORDER))):
            count = counts.get(resource, 0)
            if not count:
                continue
            forms = COUNT_TEXTS.get(resource)
            if forms is None:
                parts.append(f"{event_text.format_number(count)} {resource}")
            else:
                parts.append(fill(_tr(forms[0] if count == 1 else forms[1]), event_text.format_number(count)))
        found = ", ".join(parts) if parts else self.tr("nothing")
        circle = shape.get("circle")
        if isinstance(circle, Mapping):
            radius = event_text.format_number(circle.get("radius_km"))
            self.summary.setText(fill(self.tr("Inside the circle (r = %1 km): %2"), radius, found))
        else:
            self.summary.setText(fill(self.tr("Inside the polygon: %1"), found))

    def _activate(self, index: QModelIndex) -> None:
        key = self.model.data(index, ShapeResultsModel.KEY_ROLE)
        if key is not None:
            self.record_activated.emit(*key)

    # -- buttons ------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        has_shape = self._shape is not None
        role = getattr(self._connection.user, "role", None)
        self.warning_button.setVisible(self._navigation.can(DRAFT_WARNING_FOR_AREA) and may(role, DRAFT_PERMISSION))
        self.warning_button.setEnabled(has_shape)
        self.export_button.setEnabled(has_shape and self.model.rowCount() > 0 and not self._exporting)
        self.clear_button.setEnabled(has_shape)

    def request_warning_area(self) -> bool:
        if self._shape is None or not self._navigation.can(DRAFT_WARNING_FOR_AREA):
            return False
        self.warning_area_requested.emit(copy.deepcopy(self._shape))
        return True

    # -- CSV ----------------------------------------------------------------------------------
    def choose_export_path(self) -> None:
        """Ask where to save the CSV, then export (see :meth:`export_csv`)."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export to CSV"), self.tr("inside-area.csv"), self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> bool:
        """Write the rows to ``path`` on a worker thread; :attr:`export_finished` or :attr:`export_failed` tell."""
        if self._exporting or self._shape is None:
            return False
        items = self.model.items()  # the list is copied; the records are not changed after show_results
        header = [*self.model.header_texts(), *(_tr(name) for name in CSV_EXTRA_COLUMNS)]
        labels = self.model.labels()
        self._exporting = True
        self._update_buttons()
        self._set_status(fill(self.tr("Exporting %1 rows…"), event_text.format_number(len(items))))
        run_in_background(
            lambda: write_csv(path, header, items, labels),
            on_success=lambda rows: self._exported(path, rows),
            on_failure=lambda error: self._export_error(path, error),
            parent=self,
        )
        return True

    def _exported(self, path: str, rows: int) -> None:
        self._exporting = False
        self._update_buttons()
        text = fill(self.tr("Exported %1 rows to %2"), event_text.format_number(rows), path)
        self._set_status(text)
        self.status_message.emit(text, 10_000)
        self.export_finished.emit(path, rows)

    def _export_error(self, path: str, error: BaseException) -> None:
        self._exporting = False
        self._update_buttons()
        log.warning("CSV export to %s failed: %s", path, error)
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error) or type(error).__name__
        text = fill(self.tr("The CSV file could not be written to %1: %2"), path, reason)
        self._set_status(text, error=True)
        self.status_message.emit(text, 15_000)
        self.export_failed.emit(path, reason)

    def status_text(self) -> str:
        return self.status.text()

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setProperty("error", error)
        self.status.setStyleSheet("color: #e5484d;" if error else "")
