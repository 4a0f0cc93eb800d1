"""One dashboard laid out on its grid: a card per widget, fed by the answers of the KPI feed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from ioc_console.workspaces.dashboards.figures import FigureCard, KpiTile, make_card
from ioc_console.workspaces.dashboards.kpi_feed import Answer, Query
from ioc_domain.dashboard_definition import GRID_COLUMNS, DashboardDefinition, Widget

# Tiles take one grid row; charts grow with their span.
TILE_ROW_HEIGHT = 150


class DashboardView(QWidget):
    """Rebuilt only when the definition changes; answers update the cards in place."""

    drilled = Signal(object, object, object)  # Widget, row key or None, funnel stage or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self.definition: DashboardDefinition | None = None
        self.cards: dict[str, FigureCard] = {}
        self._by_query: dict[tuple[str, str | None], list[FigureCard]] = {}

    def set_definition(self, definition: DashboardDefinition, drillable: Any, *, rebuild: bool = False) -> None:
        """Lay out ``definition``'s widgets; ``drillable(widget)`` says which open records on a click.
        The same widgets keep their cards (and figures) unless ``rebuild``."""
        if not rebuild and self.definition is not None and self.definition.widgets == definition.widgets:
            self.definition = definition
            return
        for card in self.cards.values():
            self._grid.removeWidget(card)
            card.deleteLater()
        self.cards, self._by_query = {}, {}
        for column in range(GRID_COLUMNS):
            self._grid.setColumnStretch(column, 1)
        chart_rows: set[int] = set()
        for widget in definition.widgets:
            card = make_card(widget, self)
            card.set_drillable(bool(drillable(widget)))
            card.drilled.connect(lambda group, stage, w=widget: self.drilled.emit(w, group, stage))
            self._grid.addWidget(card, widget.row, widget.col, widget.row_span, widget.col_span)
            self.cards[widget.id] = card
            self._by_query.setdefault(widget.query(), []).append(card)
            if not isinstance(card, KpiTile):
                chart_rows.update(range(widget.row, widget.row + widget.row_span))
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 2 if row in chart_rows else 1)
            self._grid.setRowMinimumHeight(row, TILE_ROW_HEIGHT if row not in chart_rows else 140)
        self.definition = definition

    def show_answer(self, query: Query, answer: Answer) -> None:
        for card in self._by_query.get((query.source, query.group_by), []):
            card.show_answer(answer)

    def show_failure(self, query: Query, message: str) -> None:
        for card in self._by_query.get((query.source, query.group_by), []):
            card.show_failure(message)

    def card(self, widget_id: str) -> FigureCard:
        return self.cards[widget_id]

    def widget_of(self, widget_id: str) -> Widget:
        return self.cards[widget_id].widget_def

    def retranslate_ui(self) -> None:
        for card in self.cards.values():
            card.retranslate_ui()
