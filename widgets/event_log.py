"""Live event log view: a table over a filter model, with text/level filters and follow mode."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ioc_domain.levels import LEVELS


class LogFilterModel(Protocol):
    """What the view needs from its model: a sort/filter proxy with two filter knobs."""

    def set_text_filter(self, text: str) -> None: ...
    def set_minimum_level(self, level: str) -> None: ...


# Level filter choices, least urgent first: "from info up" shows everything.
_LEVEL_CHOICES = tuple(reversed(LEVELS))


class EventLogView(QWidget):
    """Table of events with a filter box, a minimum-level choice and a follow toggle.

    The model is a ``QSortFilterProxyModel`` that also implements :class:`LogFilterModel`.
    """

    follow_changed = Signal(bool)
    # The text filter or the minimum level changed (by the operator or by ``apply_filters``).
    filters_changed = Signal()

    def __init__(
        self,
        model: QSortFilterProxyModel,
        parent: QWidget | None = None,
        *,
        follow: bool = True,
        minimum_level: str = "info",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventLogView")
        self._model = model

        self._filter = QLineEdit(self)
        self._filter.setObjectName("eventLogFilter")
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._on_filter_text)
        self._filter.setMinimumWidth(110)
        self._filter.installEventFilter(self)

        self._level = QComboBox(self)
        self._level.setObjectName("eventLogLevel")
        for level in _LEVEL_CHOICES:
            self._level.addItem("", level)
        self._level.currentIndexChanged.connect(self._on_level_changed)

        self._follow = QToolButton(self)
        self._follow.setObjectName("eventLogFollow")
        self._follow.setCheckable(True)
        self._follow.setChecked(follow)
        self._follow.toggled.connect(self._on_follow_toggled)

        self._count = QLabel(self)
        self._count.setObjectName("eventLogCount")

        self._table = QTableView(self)
        self._table.setObjectName("eventLogTable")
        self._table.setModel(model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.setShowGrid(False)
        self._table.setSortingEnabled(False)  # arrival order is the meaning of a log
        self._table.verticalHeader().setVisible(False)
        # Fixed row heights keep scrolling cheap with 10,000 rows.
        self._table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self._table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._set_default_column_widths()

        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsRemoved.connect(self._update_count)
        model.modelReset.connect(self._update_count)
        model.layoutChanged.connect(self._update_count)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self._filter_label = QLabel(self)
        self._filter_label.setBuddy(self._filter)
        bar.addWidget(self._filter_label)
        bar.addWidget(self._filter, 3)
        self._level_label = QLabel(self)
        self._level_label.setBuddy(self._level)
        bar.addWidget(self._level_label)
        bar.addWidget(self._level)  # no stretch: as wide as its longest level name, never squeezed
        # Extra filter-bar controls (e.g. the console's saved views) go here, before "Follow".
        self._extras_at = bar.count()
        bar.addWidget(self._follow)
        bar.addStretch(0)
        bar.addWidget(self._count)
        # Explicit minimums (below the natural sizes) let the bar squeeze onto a small screen
        # instead of forcing the whole window wider than the display.
        self._level.setMinimumWidth(110)
        # Its width follows the longest level name in the current language ("Cảnh báo và nghiêm
        # trọng"), not the names it had when first shown, so the chosen level is never cut off.
        self._level.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._follow.setMinimumWidth(100)
        self._count.setMinimumWidth(40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self._table, 1)
        self._bar = bar

        index = self._level.findData(minimum_level)
        self._level.setCurrentIndex(max(index, 0))
        self._on_level_changed()
        self.retranslate_ui()

    # -- public API -----------------------------------------------------------------
    def table(self) -> QTableView:
        return self._table

    def filter_edit(self) -> QLineEdit:
        return self._filter

    def level_combo(self) -> QComboBox:
        return self._level

    def follow_button(self) -> QToolButton:
        return self._follow

    def is_following(self) -> bool:
        return self._follow.isChecked()

    def set_following(self, follow: bool) -> None:
        self._follow.setChecked(follow)

    def minimum_level(self) -> str:
        return str(self._level.currentData())

    def text_filter(self) -> str:
        return self._filter.text()

    def apply_filters(self, text: str, minimum_level: str | None = None) -> None:
        """Set the text filter and (if it is one of the offered levels) the minimum level."""
        self._filter.setText(text)
        index = self._level.findData(minimum_level) if minimum_level is not None else -1
        if index >= 0:
            self._level.setCurrentIndex(index)

    def add_bar_widget(self, widget: QWidget, stretch: int = 0) -> None:
        """Put ``widget`` in the filter bar, after the level choice (in the order added)."""
        self._bar.insertWidget(self._extras_at, widget, stretch)
        self._extras_at += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc in the filter box clears it: the quickest way back to the full log.
        if (
            watched is self._filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self._filter.text()
        ):
            self._filter.clear()
            return True
        return super().eventFilter(watched, event)

    def focus_filter(self) -> None:
        self._filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filter.selectAll()

    def header_state(self) -> QByteArray:
        return self._table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> bool:
        return self._table.horizontalHeader().restoreState(state)

    def reveal(self, source_index: QModelIndex | QPersistentModelIndex) -> bool:
        """Select and show the row of ``source_index`` (a source-model index).

        Filters that hide the row are cleared first; follow mode is turned off so the
        selected row does not scroll away when the next event arrives.
        """
        if not source_index.isValid():
            return False
        source_index = QModelIndex(source_index) if isinstance(source_index, QPersistentModelIndex) else source_index
        proxy_index = self._model.mapFromSource(source_index)
        if not proxy_index.isValid():
            self._filter.clear()
            self._level.setCurrentIndex(0)
            proxy_index = self._model.mapFromSource(source_index)
            if not proxy_index.isValid():
                return False
        self._follow.setChecked(False)
        self._table.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self._table.scrollTo(proxy_index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- internals ------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._filter_label.setText(self.tr("&Filter:"))
        self._filter.setPlaceholderText(
            self.tr("Ward, camera, analytic, status… (%1)").replace(
                "%1", QKeySequence(QKeySequence.StandardKey.Find).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self._level_label.setText(self.tr("&Show:"))
        labels = {
            "info": self.tr("All levels"),
            "warning": self.tr("Warning and critical"),
            "critical": self.tr("Critical only"),
        }
        for i in range(self._level.count()):
            self._level.setItemText(i, labels[self._level.itemData(i)])
        self._follow.setText(self.tr("Follow newest"))
        self._follow.setToolTip(self.tr("Keep the newest event in view as events arrive"))
        self._update_count()

    def _set_default_column_widths(self) -> None:
        widths = (160, 140, 200, 210)
        for column, width in enumerate(widths):
            if column < self._model.columnCount():
                self._table.setColumnWidth(column, width)

    def _on_filter_text(self, text: str) -> None:
        self._model.set_text_filter(text)
        self._update_count()
        self.filters_changed.emit()

    def _on_level_changed(self, *_: object) -> None:
        self._model.set_minimum_level(self.minimum_level())
        self._update_count()
        self.filters_changed.emit()

    def _on_follow_toggled(self, follow: bool) -> None:
        if follow:
            self._table.scrollToBottom()
        self.follow_changed.emit(follow)

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._follow.isChecked():
            self._table.scrollToBottom()
        self._update_count()

    def _update_count(self, *_: object) -> None:
        shown = self._model.rowCount()
        source = self._model.sourceModel()
        total = source.rowCount() if source is not None else shown
        if shown == total:
            self._count.setText(self.tr("Events: %1").replace("%1", f"{total:,}".replace(",", "\u202f")))
        else:
            self._count.setText(
                self.tr("Shown: %1 of %2")
                .replace("%1", f"{shown:,}".replace(",", "\u202f"))
                .replace("%2", f"{total:,}".replace(",", "\u202f"))
            )
