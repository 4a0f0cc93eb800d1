"""The map's filter bar: time window, category, status and ward, as one shared RecordFilter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QPushButton, QSizePolicy, QToolBar, QWidget

from ioc_domain.analytics import CATEGORIES
from ioc_domain.record_filter import CUSTOM, RecordFilter

CONTEXT = "MapFilterBar"

WINDOW_TEXTS = [
    (None, QT_TRANSLATE_NOOP("MapFilterBar", "Any time")),
    ("hour", QT_TRANSLATE_NOOP("MapFilterBar", "Last hour")),
    ("day", QT_TRANSLATE_NOOP("MapFilterBar", "Last 24 hours")),
    ("week", QT_TRANSLATE_NOOP("MapFilterBar", "Last 7 days")),
    (CUSTOM, QT_TRANSLATE_NOOP("MapFilterBar", "Custom…")),
]
CATEGORY_TEXTS = {
    "traffic": QT_TRANSLATE_NOOP("MapFilterBar", "Traffic"),
    "urban_order": QT_TRANSLATE_NOOP("MapFilterBar", "Urban order"),
    "public_safety": QT_TRANSLATE_NOOP("MapFilterBar", "Public safety"),
    "forest_fire": QT_TRANSLATE_NOOP("MapFilterBar", "Forest fire"),
    "disaster": QT_TRANSLATE_NOOP("MapFilterBar", "Natural disaster"),
    "hue_s": QT_TRANSLATE_NOOP("MapFilterBar", "Hue-S reports"),
    "hotline": QT_TRANSLATE_NOOP("MapFilterBar", "Hotline tickets"),
}
# Status choices in words an operator uses; each is a set of the resources' own status words.
STATUS_CHOICES: list[tuple[str | None, frozenset[str], str]] = [
    (None, frozenset(), QT_TRANSLATE_NOOP("MapFilterBar", "Any status")),
    ("new", frozenset({"new"}), QT_TRANSLATE_NOOP("MapFilterBar", "New alerts")),
    (
        "open",
        frozenset({"new", "acknowledged", "in_progress", "open", "action_scheduled", "todo"}),
        QT_TRANSLATE_NOOP("MapFilterBar", "Open"),
    ),
    (
        "closed",
        frozenset({"closed", "done", "duplicate", "not_responsible"}),
        QT_TRANSLATE_NOOP("MapFilterBar", "Closed"),
    ),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class MapFilterBar(QToolBar):
    """Emits ``changed`` with the new filter whenever the operator changes a part of it.

    A tool bar, so a narrow window folds the parts that do not fit behind its » button."""

    changed = Signal(object)  # RecordFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapFilterBar")
        self.window_box = QComboBox(self)
        self.window_box.setObjectName("mapWindow")
        self.category_box = QComboBox(self)
        self.category_box.setObjectName("mapCategory")
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("mapStatus")
        self.ward_box = QComboBox(self)
        self.ward_box.setObjectName("mapWard")
        for box in (self.window_box, self.category_box, self.status_box, self.ward_box):
            # As wide as their texts: in a tool bar, what does not fit folds behind its » button.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.since_edit = QDateTimeEdit(self)
        self.since_edit.setObjectName("mapSince")
        self.until_edit = QDateTimeEdit(self)
        self.until_edit.setObjectName("mapUntil")
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        now = datetime.now(UTC)
        self.since_edit.setDateTime(QDateTime(now - timedelta(days=1)))
        self.until_edit.setDateTime(QDateTime(now))
        self.problem = QLabel(self)
        self.problem.setObjectName("mapFilterProblem")
        self.problem.setStyleSheet("color: #e5484d;")
        self.apply_to_queue = QPushButton(self)
        self.apply_to_queue.setObjectName("mapApplyToQueue")
        self._label = QLabel(self)
        self.setMovable(False)
        self.addWidget(self._label)
        self._custom_actions = []
        for widget in (
            self.window_box,
            self.since_edit,
            self.until_edit,
            self.category_box,
            self.status_box,
            self.ward_box,
        ):
            action = self.addWidget(widget)
            if widget in (self.since_edit, self.until_edit):
                self._custom_actions.append(action)
        self._problem_action = self.addWidget(self.problem)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.addWidget(self.apply_to_queue)
        self._wards: list[str] = []
        self.retranslate_ui()
        # In a tool bar a widget is shown and hidden through its action.
        for action in self._custom_actions:
            action.setVisible(False)
        self._problem_action.setVisible(False)
        for box in (self.window_box, self.category_box, self.status_box, self.ward_box):
            box.currentIndexChanged.connect(self._emit)
        self.since_edit.dateTimeChanged.connect(self._emit)
        self.until_edit.dateTimeChanged.connect(self._emit)

    def set_wards(self, names: list[str]) -> None:
        """The ward names to offer (from the backend's ward areas)."""
        current = self.ward_box.currentData()
        self._wards = sorted(set(names))
        self.ward_box.blockSignals(True)
        self.ward_box.clear()
        self.ward_box.addItem(self.tr("All wards"), None)
        for name in self._wards:
            self.ward_box.addItem(name, name)
        index = self.ward_box.findData(current)
        self.ward_box.setCurrentIndex(max(index, 0))
        self.ward_box.blockSignals(False)

    def current_filter(self) -> RecordFilter:
        """The filter the bar shows; raises ValueError for a custom window that ends before it starts."""
        window = self.window_box.currentData()
        since = until = None
        if window == CUSTOM:
            since = self.since_edit.dateTime().toPython().astimezone(UTC)
            until = self.until_edit.dateTime().toPython().astimezone(UTC)
        category = self.category_box.currentData()
        status_key = self.status_box.currentData()
        statuses = next((words for key, words, _ in STATUS_CHOICES if key == status_key), frozenset())
        ward = self.ward_box.currentData()
        return RecordFilter(
            window=window,
            since=since,
            until=until,
            categories=frozenset({category}) if category else frozenset(),
            statuses=statuses,
            wards=frozenset({ward}) if ward else frozenset(),
        )

    def set_filter(self, record_filter: RecordFilter) -> None:
        """Show ``record_filter`` (from a saved view); parts the bar cannot show are dropped."""
        for box in (self.window_box, self.category_box, self.status_box, self.ward_box):
            box.blockSignals(True)
        self.window_box.setCurrentIndex(max(self.window_box.findData(record_filter.window), 0))
        if record_filter.since:
            self.since_edit.setDateTime(QDateTime(record_filter.since))
        if record_filter.until:
            self.until_edit.setDateTime(QDateTime(record_filter.until))
        category = next(iter(sorted(record_filter.categories)), None)
        self.category_box.setCurrentIndex(max(self.category_box.findData(category), 0))
        status_key = next((key for key, words, _ in STATUS_CHOICES if words == record_filter.statuses), None)
        self.status_box.setCurrentIndex(max(self.status_box.findData(status_key), 0))
        ward = next(iter(sorted(record_filter.wards)), None)
        self.ward_box.setCurrentIndex(max(self.ward_box.findData(ward), 0))
        for box in (self.window_box, self.category_box, self.status_box, self.ward_box):
            box.blockSignals(False)
        self._emit()

    def retranslate_ui(self) -> None:
        self._label.setText(self.tr("Show:"))
        self.apply_to_queue.setText(self.tr("Apply to alert queue"))
        self.apply_to_queue.setToolTip(self.tr("Narrow the alert queues to the alerts this filter shows on the map"))
        self.since_edit.setToolTip(self.tr("From"))
        self.until_edit.setToolTip(self.tr("Until"))
        self._fill(self.window_box, [(key, _tr(text)) for key, text in WINDOW_TEXTS])
        categories = [(None, self.tr("All categories"))]
        categories += [(key, _tr(CATEGORY_TEXTS[key])) for key in (*CATEGORIES, "hue_s", "hotline")]
        self._fill(self.category_box, categories)
        self._fill(self.status_box, [(key, _tr(text)) for key, _words, text in STATUS_CHOICES])
        self.set_wards(self._wards)

    @staticmethod
    def _fill(box: QComboBox, entries: list[tuple[str | None, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for key, text in entries:
            box.addItem(text, key)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def _emit(self, *_: object) -> None:
        custom = self.window_box.currentData() == CUSTOM
        for action in self._custom_actions:
            action.setVisible(custom)
        try:
            record_filter = self.current_filter()
        except ValueError:
            self.problem.setText(self.tr("The period ends before it starts"))
            self._problem_action.setVisible(True)
            return
        self._problem_action.setVisible(False)
        self.changed.emit(record_filter)
