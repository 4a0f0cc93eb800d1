"""The editable parts of a public warning: one language's CAP ``info`` block, and the ``area``
(a circle around the camera or a polygon of "lat,lon" lines)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QStackedWidget,
    QWidget,
)

from ioc_console.services.event_text import fill, format_number
from ioc_domain.cap import CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES

TEXT_FIELDS = ("event", "headline", "description", "instruction")
MIN_POLYGON_POINTS = 3
# The circle radii the area editor takes, in km (a street corner to the whole province and beyond).
MIN_RADIUS_KM = 0.01
MAX_RADIUS_KM = 200.0


def _combo(parent: QWidget, values: tuple[str, ...], name: str) -> QComboBox:
    # CAP's own English words are the values a receiver reads; the combo shows them as they are.
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for value in values:
        combo.addItem(value, value)
    return combo


def _row(form: QFormLayout, widget: QWidget) -> QLabel:
    """Add ``widget`` with a label of its own (text set by retranslate_ui; the label focuses it)."""
    label = QLabel(form.parentWidget())
    label.setBuddy(widget)
    form.addRow(label, widget)
    return label


class InfoBlockEditor(QWidget):
    """One ``info`` block (language fixed): event, headline, description, instruction, the CAP
    urgency / severity / certainty and categories. Keeps fields it does not show (sender name,
    expiry) as they came."""

    changed = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._kept: dict[str, Any] = {}
        form = QFormLayout(self)
        self.event = QLineEdit(self)
        self.headline = QLineEdit(self)
        self.headline.setMaxLength(160)  # CAP suggests headlines short enough for a phone
        self.description = QPlainTextEdit(self)
        self.instruction = QPlainTextEdit(self)
        for edit in (self.description, self.instruction):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(90)
        self.urgency = _combo(self, CAP_URGENCIES, "urgency")
        self.severity = _combo(self, CAP_SEVERITIES, "severity")
        self.certainty = _combo(self, CAP_CERTAINTIES, "certainty")
        self.categories = QListWidget(self)
        self.categories.setObjectName("categories")
        self.categories.setMaximumHeight(70)
        self.categories.setFlow(QListWidget.Flow.LeftToRight)
        self.categories.setWrapping(True)
        for category in CAP_CATEGORIES:
            item = QListWidgetItem(category, self.categories)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        for name, edit in zip(
            TEXT_FIELDS, (self.event, self.headline, self.description, self.instruction), strict=True
        ):
            edit.setObjectName(name)
        self._labels = {}
        for key, widget in (
            ("event", self.event),
            ("headline", self.headline),
            ("description", self.description),
            ("instruction", self.instruction),
            ("urgency", self.urgency),
            ("severity", self.severity),
            ("certainty", self.certainty),
            ("category", self.categories),
        ):
            self._labels[key] = _row(form, widget)
        self.event.textChanged.connect(self.changed)
        self.headline.textChanged.connect(self.changed)
        self.description.textChanged.connect(self.changed)
        self.instruction.textChanged.connect(self.changed)
        for combo in (self.urgency, self.severity, self.certainty):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.categories.itemChanged.connect(lambda _item: self.changed.emit())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = {
            "event": QCoreApplication.translate("WarningEditor", "&Event:"),
            "headline": QCoreApplication.translate("WarningEditor", "&Headline:"),
            "description": QCoreApplication.translate("WarningEditor", "&Description:"),
            "instruction": QCoreApplication.translate("WarningEditor", "&Instruction:"),
            "urgency": QCoreApplication.translate("WarningEditor", "&Urgency:"),
            "severity": QCoreApplication.translate("WarningEditor", "&Severity:"),
            "certainty": QCoreApplication.translate("WarningEditor", "C&ertainty:"),
            "category": QCoreApplication.translate("WarningEditor", "Categories:"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])

    def set_block(self, block: Mapping[str, Any]) -> None:
        self._kept = {k: v for k, v in block.items() if k in ("sender_name", "expires") and v is not None}
        self.event.setText(str(block.get("event") or ""))
        self.headline.setText(str(block.get("headline") or ""))
        self.description.setPlainText(str(block.get("description") or ""))
        self.instruction.setPlainText(str(block.get("instruction") or ""))
        for combo, key in ((self.urgency, "urgency"), (self.severity, "severity"), (self.certainty, "certainty")):
            index = combo.findData(block.get(key) or "Unknown")
            combo.setCurrentIndex(max(index, 0))
        wanted = set(block.get("category") or ())
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)

    def block(self) -> dict[str, Any]:
        categories = [
            self.categories.item(i).text()
            for i in range(self.categories.count())
            if self.categories.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "language": self.language,
            "category": categories,
            "event": self.event.text().strip(),
            "urgency": self.urgency.currentData(),
            "severity": self.severity.currentData(),
            "certainty": self.certainty.currentData(),
            "headline": self.headline.text().strip(),
            "description": self.description.toPlainText().strip(),
            "instruction": self.instruction.toPlainText().strip(),
            **self._kept,
        }

    def problems(self, language_name: str) -> list[str]:
        """What keeps this block from being sent, in the operator's language."""
        block = self.block()
        names = {
            "event": QCoreApplication.translate("WarningEditor", "the event"),
            "headline": QCoreApplication.translate("WarningEditor", "the headline"),
            "description": QCoreApplication.translate("WarningEditor", "the description"),
            "instruction": QCoreApplication.translate("WarningEditor", "the instruction"),
        }
        found = [
            fill(QCoreApplication.translate("WarningEditor", "%1: %2 is empty."), language_name, names[key])
            for key in TEXT_FIELDS
            if not block[key]
        ]
        if not block["category"]:
            found.append(
                fill(QCoreApplication.translate("WarningEditor", "%1: choose at least one category."), language_name)
            )
        return found


def parse_polygon(text: str) -> tuple[list[list[float]], list[str]]:
    """ "lat,lon" lines (blank lines ignored) → points, and the problems found, line by line."""
    points: list[list[float]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace(";", ",").split(",")]
        try:
            if len(parts) != 2:
                raise ValueError
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            problems.append(
                fill(QCoreApplication.translate("WarningEditor", "Polygon line %1 is not “lat,lon”."), str(number))
            )
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(
                fill(
                    QCoreApplication.translate("WarningEditor", "Polygon line %1 is not a place on Earth."), str(number)
                )
            )
            continue
        points.append([lat, lon])
    # A ring typed closed (last point = first) counts its corners once; the CAP text closes it again.
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points, problems


class AreaEditor(QWidget):
    """The warning's area: a description and either a circle (lat, lon, radius km) or a polygon."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.description = QLineEdit(self)
        self.description.setObjectName("areaDescription")
        self.circle_choice = QRadioButton(self)
        self.circle_choice.setObjectName("areaCircle")
        self.polygon_choice = QRadioButton(self)
        self.polygon_choice.setObjectName("areaPolygon")
        group = QButtonGroup(self)
        group.addButton(self.circle_choice)
        group.addButton(self.polygon_choice)
        choice = QHBoxLayout()
        choice.addWidget(self.circle_choice)
        choice.addWidget(self.polygon_choice)
        choice.addStretch(1)

        self.stack = QStackedWidget(self)
        circle = QWidget(self.stack)
        circle_form = QFormLayout(circle)
        self.lat = QDoubleSpinBox(circle)
        self.lat.setRange(-90, 90)
        self.lon = QDoubleSpinBox(circle)
        self.lon.setRange(-180, 180)
        for spin in (self.lat, self.lon):
            spin.setDecimals(6)
            spin.setSingleStep(0.001)
        self.radius = QDoubleSpinBox(circle)
        self.radius.setObjectName("areaRadius")
        self.radius.setRange(MIN_RADIUS_KM, MAX_RADIUS_KM)
        self.radius.setDecimals(2)
        self.radius.setSuffix(" km")
        self._circle_labels = [_row(circle_form, widget) for widget in (self.lat, self.lon, self.radius)]
        self.polygon = QPlainTextEdit(self.stack)
        self.polygon.setObjectName("areaPolygonPoints")
        self.polygon.setTabChangesFocus(True)
        self.stack.addWidget(circle)
        self.stack.addWidget(self.polygon)

        self._description_label = _row(form, self.description)
        form.addRow(choice)
        form.addRow(self.stack)

        self.circle_choice.setChecked(True)
        self.circle_choice.toggled.connect(self._choice_changed)
        self.description.textChanged.connect(self.changed)
        for spin in (self.lat, self.lon, self.radius):
            spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.polygon.textChanged.connect(self.changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._description_label.setText(QCoreApplication.translate("WarningEditor", "Area &description:"))
        self.circle_choice.setText(QCoreApplication.translate("WarningEditor", "&Circle"))
        self.polygon_choice.setText(QCoreApplication.translate("WarningEditor", "&Polygon"))
        for label, text in zip(
            self._circle_labels,
            (
                QCoreApplication.translate("WarningEditor", "Latitude:"),
                QCoreApplication.translate("WarningEditor", "Longitude:"),
                QCoreApplication.translate("WarningEditor", "Radius:"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.polygon.setPlaceholderText(
            QCoreApplication.translate("WarningEditor", "One corner per line as lat,lon, e.g.\n16.4637,107.5909")
        )

    def _choice_changed(self) -> None:
        self.stack.setCurrentIndex(0 if self.circle_choice.isChecked() else 1)
        self.changed.emit()

    def set_area(self, area: Mapping[str, Any]) -> None:
        self.description.setText(str(area.get("description") or ""))
        circle = area.get("circle")
        if isinstance(circle, Mapping):
            self.lat.setValue(float(circle.get("lat") or 0))
            self.lon.setValue(float(circle.get("lon") or 0))
            self.radius.setValue(float(circle.get("radius_km") or 1))
        polygon = area.get("polygon")
        if polygon:
            self.polygon.setPlainText("\n".join(f"{lat},{lon}" for lat, lon in polygon))
        (self.polygon_choice if polygon and not circle else self.circle_choice).setChecked(True)
        self._choice_changed()

    def uses_polygon(self) -> bool:
        return self.polygon_choice.isChecked()

    def area(self) -> dict[str, Any]:
        description = self.description.text().strip()
        if self.uses_polygon():
            points, _problems = parse_polygon(self.polygon.toPlainText())
            return {"description": description, "polygon": points, "circle": None}
        circle = {"lat": self.lat.value(), "lon": self.lon.value(), "radius_km": self.radius.value()}
        return {"description": description, "polygon": None, "circle": circle}

    def problems(self) -> list[str]:
        found: list[str] = []
        if not self.description.text().strip():
            found.append(
                QCoreApplication.translate("WarningEditor", "The area needs a description (the places it covers).")
            )
        if self.uses_polygon():
            points, problems = parse_polygon(self.polygon.toPlainText())
            found.extend(problems)
            if len(points) < MIN_POLYGON_POINTS:
                found.append(
                    fill(
                        QCoreApplication.translate("WarningEditor", "The polygon needs at least %1 corners."),
                        str(MIN_POLYGON_POINTS),
                    )
                )
        return found


def _finite(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _place(lat: Any, lon: Any) -> tuple[float, float] | None:
    """(lat, lon) as finite numbers on Earth, or None."""
    la, lo = _finite(lat), _finite(lon)
    if la is None or lo is None or not (-90 <= la <= 90 and -180 <= lo <= 180):
        return None
    return la, lo


def area_from_map(area: Any, description: Any) -> dict[str, Any]:
    """The warning area an area drawn on the map stands for (``{"circle": {lat, lon, radius_km}}``
    or ``{"polygon": [[lat, lon], ...]}``, and its description), as :meth:`AreaEditor.set_area`
    takes it. Raises ValueError with a message for the operator when the area is malformed."""
    if description is None:
        description = ""
    if not isinstance(description, str):
        raise ValueError(
            QCoreApplication.translate("WarningEditor", "The area's description from the map is not text.")
        )
    if not isinstance(area, Mapping):
        raise ValueError(QCoreApplication.translate("WarningEditor", "The map sent no area for the warning."))
    circle, polygon = area.get("circle"), area.get("polygon")
    if (circle is None) == (polygon is None):
        raise ValueError(
            QCoreApplication.translate("WarningEditor", "The area from the map must be either a circle or a polygon.")
        )
    if circle is not None:
        if not isinstance(circle, Mapping):
            raise ValueError(QCoreApplication.translate("WarningEditor", "The circle from the map is malformed."))
        centre = _place(circle.get("lat"), circle.get("lon"))
        if centre is None:
            raise ValueError(
                QCoreApplication.translate("WarningEditor", "The circle's centre from the map is not a place on Earth.")
            )
        radius = _finite(circle.get("radius_km"))
        if radius is None or radius <= 0:
            raise ValueError(
                QCoreApplication.translate("WarningEditor", "The circle's radius from the map must be more than 0 km.")
            )
        if not MIN_RADIUS_KM <= radius <= MAX_RADIUS_KM:
            raise ValueError(
                fill(
                    QCoreApplication.translate("WarningEditor", "The circle's radius must be between %1 and %2 km."),
                    format_number(MIN_RADIUS_KM),
                    format_number(MAX_RADIUS_KM),
                )
            )
        return {
            "description": description.strip(),
            "circle": {"lat": centre[0], "lon": centre[1], "radius_km": radius},
            "polygon": None,
        }
    if isinstance(polygon, str) or not isinstance(polygon, list | tuple):
        raise ValueError(QCoreApplication.translate("WarningEditor", "The polygon from the map is malformed."))
    points: list[list[float]] = []
    for number, point in enumerate(polygon, start=1):
        place = _place(*point) if isinstance(point, list | tuple) and len(point) == 2 else None
        if place is None:
            raise ValueError(
                fill(
                    QCoreApplication.translate(
                        "WarningEditor", "Polygon point %1 from the map is not a place on Earth."
                    ),
                    str(number),
                )
            )
        points.append([place[0], place[1]])
    # A closed ring (last point = first) counts its corners once, as the editor does.
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < MIN_POLYGON_POINTS:
        raise ValueError(
            fill(
                QCoreApplication.translate("WarningEditor", "The polygon needs at least %1 corners."),
                str(MIN_POLYGON_POINTS),
            )
        )
    return {"description": description.strip(), "circle": None, "polygon": points}
