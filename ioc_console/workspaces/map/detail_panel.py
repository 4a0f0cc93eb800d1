"""The map's detail panel: the key fields of the record whose marker was clicked, and what may be
done with it (alert actions through the outbox, the camera on the wall, the nearest cameras).

Records are the API's JSON as the client cached it: outside text, only ever shown in plain-text
labels.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ioc_console.services import event_text
from ioc_console.services.alert_dialogs import CloseAlertDialog, DispatchAlertDialog, NoteDialog, VerifyAlertDialog
from ioc_console.services.alert_submit import AlertSubmitter, analytic_name
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill, format_local_time, parse_time
from ioc_console.services.navigation import REVEAL_ALERT, SHOW_CAMERA_ON_WALL
from ioc_domain.alerts import allowed_moves
from ioc_domain.dispatch import category_of, suggested_units
from ioc_domain.roles import may

log = logging.getLogger(__name__)

_CTX = "MapDetailPanel"
RESOURCES: tuple[str, ...] = ("alert", "camera", "report", "sensor", "task", "warning")
# Watching a camera's stream (the wall plays it) and reading the city's operational records.
VIDEO_PERMISSION = "video.play"
OPS_READ_PERMISSION = "ops.read"
# The alert moves offered here, in the order an alert is usually handled.
ALERT_MOVES: tuple[str, ...] = ("acknowledge", "verify", "dispatch", "close", "note")

CAMERA_CATEGORIES = {
    "traffic": QT_TRANSLATE_NOOP("MapDetailPanel", "Traffic"),
    "urban_order": QT_TRANSLATE_NOOP("MapDetailPanel", "Urban order"),
    "public_safety": QT_TRANSLATE_NOOP("MapDetailPanel", "Public safety"),
    "forest_fire": QT_TRANSLATE_NOOP("MapDetailPanel", "Forest fire"),
    "flood": QT_TRANSLATE_NOOP("MapDetailPanel", "Flooding"),
    "tourism": QT_TRANSLATE_NOOP("MapDetailPanel", "Tourism"),
}
SENSOR_KINDS = {
    "water_level": QT_TRANSLATE_NOOP("MapDetailPanel", "Water level"),
    "rainfall": QT_TRANSLATE_NOOP("MapDetailPanel", "Rainfall"),
    "pm25": QT_TRANSLATE_NOOP("MapDetailPanel", "Fine dust (PM2.5)"),
    "temperature": QT_TRANSLATE_NOOP("MapDetailPanel", "Temperature"),
    "landslide_tilt": QT_TRANSLATE_NOOP("MapDetailPanel", "Landslide (tilt)"),
}


def _tr(text: Any) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def _label_of(table: Mapping[str, Any], code: Any) -> str:
    code = "" if code is None else str(code)
    return _tr(table[code]) if code in table else code


def _text(value: Any) -> str:
    """A field as plain text ("—" when missing)."""
    if value is None or value == "":
        return "—"
    return str(value)


def _time(value: Any) -> str:
    """An API timestamp in Huế local time ("—" when missing, the raw text when unreadable)."""
    moment = parse_time(value)
    if moment is None:
        return _text(value)
    return format_local_time(moment)


def _coordinates(record: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = record.get("lat"), record.get("lon")
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return float(lat), float(lon)
    return None


def _plain_label(parent: QWidget, name: str) -> QLabel:
    """A wrapped, selectable label that never interprets markup."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MapDetailPanel(QWidget):
    """Shows one record (:meth:`show_record`); asks the navigation for the wall and the alert
    queues, and asks the map for the cameras nearest to the record (:attr:`nearest_cameras_requested`)."""

    nearest_cameras_requested = Signal(float, float)
    submitted = Signal(object)  # OutboxEntry, once an alert action is durably queued
    submit_failed = Signal(object)

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapDetailPanel")
        self._context = context
        self._connection = context.connection
        self._navigation = context.navigation
        self._resource: str | None = None
        self._record: dict[str, Any] | None = None
        self._gone: tuple[str, str] | None = None
        self._dialog: QDialog | None = None
        self._values: dict[str, tuple[QLabel, QLabel]] = {}
        self._submitter = AlertSubmitter(self._connection, self)
        self._submitter.submitted.connect(self.submitted)
        self._submitter.submit_failed.connect(self.submit_failed)
        self._build()
        self._connection.signed_in.connect(lambda _user: self._update_buttons())
        self._connection.signed_out.connect(self._update_buttons)
        self._connection.engine_started.connect(self._update_buttons)
        self._connection.state_changed.connect(lambda _state: self._update_buttons())
        self.retranslate_ui()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("mapDetailScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area)
        body = QWidget(self.scroll_area)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(body)

        self.title = _plain_label(body, "mapDetailTitle")
        self.title.setStyleSheet("font-weight: 700; font-size: 14pt;")
        layout.addWidget(self.title)
        self.subtitle = _plain_label(body, "mapDetailSubtitle")
        self.subtitle.setStyleSheet("color: #8795a4;")
        layout.addWidget(self.subtitle)
        self.message = _plain_label(body, "mapDetailMessage")
        layout.addWidget(self.message)

        self.fields = QWidget(body)
        self.fields.setObjectName("mapDetailFields")
        self.form = QFormLayout(self.fields)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(self.fields)

        # Two columns: the Vietnamese labels are long and the panel is narrow.
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        names = [
            ("acknowledge", "mapDetailAcknowledge", lambda: self.perform_alert_move("acknowledge")),
            ("verify", "mapDetailVerify", self.verify_alert),
            ("dispatch", "mapDetailDispatch", self.dispatch_alert),
            ("close", "mapDetailClose", self.close_alert),
            ("note", "mapDetailNote", self.note_alert),
            ("open_camera", "mapDetailOpenCamera", self.open_camera),
            ("reveal_alert", "mapDetailRevealAlert", self.reveal_alert),
            ("open_on_wall", "mapDetailOpenOnWall", self.open_on_wall),
            ("nearest", "mapDetailNearestCameras", self.request_nearest_cameras),
        ]
        for position, (key, name, slot) in enumerate(names):
            button = QPushButton(body)
            button.setObjectName(name)
            button.clicked.connect(slot)
            button.setVisible(False)
            self.buttons[key] = button
            grid.addWidget(button, position // 2, position % 2)
        layout.addLayout(grid)
        layout.addStretch(1)

    def retranslate_ui(self) -> None:
        texts = {
            "acknowledge": self.tr("Acknowledge"),
            "verify": self.tr("Verify…"),
            "dispatch": self.tr("Dispatch…"),
            "close": self.tr("Close…"),
            "note": self.tr("Note…"),
            "open_camera": self.tr("Open camera"),
            "reveal_alert": self.tr("Show in alert queue"),
            "open_on_wall": self.tr("Open on video wall"),
            "nearest": self.tr("Nearest cameras"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self._render(keep_scroll=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- what is shown ----------------------------------------------------------------------
    def resource(self) -> str | None:
        return self._resource

    def record(self) -> dict[str, Any] | None:
        return dict(self._record) if self._record is not None else None

    def record_id(self) -> str | None:
        return None if self._record is None else str(self._record.get("id"))

    def clear(self) -> None:
        """Nothing chosen: the hint to click a marker."""
        self._resource = self._record = self._gone = None
        self._render(keep_scroll=False)

    def show_record(self, resource: str, record: Mapping[str, Any]) -> None:
        """Show ``record`` of ``resource``; the same record again (a live update) refreshes in place."""
        if resource not in RESOURCES:
            raise ValueError(f"the map shows no {resource!r} records")
        same = (
            self._record is not None
            and self._gone is None
            and self._resource == resource
            and str(self._record.get("id")) == str(record.get("id"))
        )
        self._resource, self._record, self._gone = resource, dict(record), None
        self._render(keep_scroll=same)

    def show_gone(self, resource: str, record_id: Any) -> bool:
        """Say that the record shown was deleted; False (nothing changes) if another one is shown."""
        if self._record is None or self._resource != resource or str(self._record.get("id")) != str(record_id):
            return False
        self._gone = (resource, str(record_id))
        self._render(keep_scroll=False)
        return True

    def field_texts(self) -> dict[str, str]:
        """The fields on screen, key -> value text (for tests and accessibility tools)."""
        return {key: value.text() for key, (_name, value) in self._values.items()}

    def _render(self, *, keep_scroll: bool) -> None:
        bar = self.scroll_area.verticalScrollBar()
        position = bar.value()
        record, resource = self._record, self._resource
        if record is None or resource is None:
            self.title.setText(self.tr("Nothing selected"))
            self.subtitle.setText("")
            self.message.setText(self.tr("Click a marker on the map to see its details"))
            self._set_fields([])
        elif self._gone is not None:
            self.title.setText(self._title(resource, record))
            self.subtitle.setText(self._subtitle(resource, record))
            self.message.setText(self.tr("This record was deleted; it is no longer on the map."))
            self._set_fields([])
        else:
            self.title.setText(self._title(resource, record))
            self.subtitle.setText(self._subtitle(resource, record))
            self.message.setText("")
            self._set_fields(self._fields(resource, record))
        self.message.setVisible(bool(self.message.text()))
        self.subtitle.setVisible(bool(self.subtitle.text()))
        self._update_buttons()
        if keep_scroll:
            bar.setValue(position)
        else:
            bar.setValue(0)

    def _set_fields(self, fields: list[tuple[str, str, str]]) -> None:
        """Show (key, label, value) rows; the same keys as before only change their texts."""
        if [key for key, _label, _value in fields] != list(self._values):
            while self.form.rowCount():
                self.form.removeRow(0)
            self._values = {}
            for key, _label, _value in fields:
                name = _plain_label(self.fields, f"mapDetailLabel_{key}")
                name.setStyleSheet("color: #8795a4;")
                value = _plain_label(self.fields, f"mapDetailValue_{key}")
                self.form.addRow(name, value)
                self._values[key] = (name, value)
        for key, label, value_text in fields:
            name, value = self._values[key]
            name.setText(label)
            value.setText(value_text)
        self.fields.setVisible(bool(fields))

    def _language(self) -> str:
        return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"

    def _analytic(self, alert: Mapping[str, Any]) -> str:
        name = analytic_name(self._context.analytics, alert)
        if name:
            return name
        return str(alert.get("analytic") or "").replace("_", " ").capitalize()

    def _name(self, resource: str, record: Mapping[str, Any]) -> str:
        if resource == "alert":
            return self._analytic(record)
        if resource == "report":
            return str(record.get("service_name") or "")
        if resource == "task":
            return str(record.get("title") or "")
        if resource == "warning":
            return event_text.warning_headline(record, self._language())
        return str(record.get("name") or "")

    def _title(self, resource: str, record: Mapping[str, Any]) -> str:
        return self._name(resource, record) or event_text.kind_label(resource)

    def _subtitle(self, resource: str, record: Mapping[str, Any]) -> str:
        return fill(self.tr("%1 #%2"), event_text.kind_label(resource), str(record.get("id") or ""))

    def _fields(self, resource: str, record: Mapping[str, Any]) -> list[tuple[str, str, str]]:
        status = event_text.status_label
        if resource == "alert":
            return [
                ("analytic", self.tr("Analytic"), _text(self._analytic(record))),
                ("severity", self.tr("Severity"), event_text.level_label(str(record.get("severity") or "info"))),
                ("state", self.tr("State"), _text(status("alert", record.get("state")))),
                ("camera", self.tr("Camera"), _text(record.get("camera_id"))),
                ("ward", self.tr("Ward"), _text(record.get("ward"))),
                ("detected", self.tr("Detected"), _time(record.get("detected_at"))),
                ("detections", self.tr("Detections"), event_text.format_number(record.get("detections") or 1)),
                ("owner", self.tr("Owner"), _text(record.get("owner"))),
            ]
        if resource == "camera":
            return [
                ("name", self.tr("Name"), _text(record.get("name"))),
                ("id", self.tr("Camera ID"), _text(record.get("id"))),
                ("ward", self.tr("Ward"), _text(record.get("ward"))),
                ("category", self.tr("Category"), _text(_label_of(CAMERA_CATEGORIES, record.get("category")))),
                ("status", self.tr("Status"), _text(status("camera", record.get("status")))),
            ]
        if resource == "report":
            source = record.get("source")
            sources = event_text.REPORT_SOURCES
            return [
                ("service", self.tr("Service"), _text(record.get("service_name"))),
                ("status", self.tr("Status"), _text(status("report", record.get("status")))),
                (
                    "source",
                    self.tr("Source"),
                    _text(event_text.tr(str(sources[source])) if source in sources else source),
                ),
                ("address", self.tr("Address"), _text(record.get("address"))),
                ("ward", self.tr("Ward"), _text(record.get("ward"))),
                ("description", self.tr("Description"), _text(record.get("description"))),
                ("requested", self.tr("Requested"), _time(record.get("requested_datetime"))),
            ]
        if resource == "sensor":
            return [
                ("name", self.tr("Name"), _text(record.get("name"))),
                ("kind", self.tr("Kind"), _text(_label_of(SENSOR_KINDS, record.get("kind")))),
                ("value", self.tr("Last value"), self._sensor_value(record)),
                ("status", self.tr("Status"), _text(status("sensor", record.get("status")))),
                ("time", self.tr("Measured"), _time(record.get("last_phenomenon_time"))),
            ]
        if resource == "task":
            return [
                ("title", self.tr("Title"), _text(record.get("title"))),
                ("unit", self.tr("Unit"), _text(record.get("assignee_unit"))),
                ("status", self.tr("Status"), _text(status("task", record.get("status")))),
                ("due", self.tr("Due"), _time(record.get("due_at"))),
            ]
        # warning
        area = record.get("area")
        area = area if isinstance(area, Mapping) else {}
        msg_type = record.get("msg_type")
        types = event_text.WARNING_MESSAGE_NAMES
        return [
            ("headline", self.tr("Headline"), _text(event_text.warning_headline(record, self._language()))),
            ("state", self.tr("State"), _text(status("warning", record.get("state")))),
            (
                "msg_type",
                self.tr("Message type"),
                _text(event_text.tr(str(types[msg_type])) if msg_type in types else msg_type),
            ),
            ("area", self.tr("Area"), _text(area.get("description"))),
        ]

    @staticmethod
    def _sensor_value(record: Mapping[str, Any]) -> str:
        value = record.get("last_result")
        if value is None:
            return "—"
        unit = record.get("unit")
        symbol = str(unit.get("symbol") or "") if isinstance(unit, Mapping) else str(unit or "")
        number = event_text.format_number(value)
        return f"{number} {symbol}" if symbol else number

    # -- buttons ------------------------------------------------------------------------------
    def button(self, key: str) -> QPushButton:
        return self.buttons[key]

    def _role(self) -> str | None:
        return getattr(self._connection.user, "role", None)

    def _update_buttons(self) -> None:
        record, resource = self._record, self._resource
        live = record is not None and self._gone is None
        role = self._role()
        alert = live and resource == "alert"
        moves = allowed_moves(str(record.get("state")), role) if alert and record is not None else frozenset()
        can_queue = self._connection.engine is not None
        for move in ALERT_MOVES:
            self.buttons[move].setVisible(move in moves)
            self.buttons[move].setEnabled(move in moves and can_queue)
        camera_id = record.get("camera_id") if alert and record is not None else None
        self.buttons["open_camera"].setVisible(
            bool(camera_id) and may(role, VIDEO_PERMISSION) and self._navigation.can(SHOW_CAMERA_ON_WALL)
        )
        self.buttons["reveal_alert"].setVisible(
            alert and may(role, OPS_READ_PERMISSION) and self._navigation.can(REVEAL_ALERT)
        )
        self.buttons["open_on_wall"].setVisible(
            live and resource == "camera" and may(role, VIDEO_PERMISSION) and self._navigation.can(SHOW_CAMERA_ON_WALL)
        )
        self.buttons["nearest"].setVisible(
            live and record is not None and _coordinates(record) is not None and may(role, OPS_READ_PERMISSION)
        )

    def visible_buttons(self) -> list[str]:
        """The object names of the buttons offered now."""
        return [button.objectName() for button in self.buttons.values() if button.isVisibleTo(self)]

    def _current_alert(self) -> dict[str, Any] | None:
        if self._resource != "alert" or self._record is None or self._gone is not None:
            return None
        return dict(self._record)

    def perform_alert_move(self, move: str, **options: Any) -> bool:
        """Queue ``move`` on the alert shown, through the outbox; False if not offered now."""
        alert = self._current_alert()
        button = self.buttons.get(move)
        if alert is None or button is None or not (button.isVisibleTo(self) and button.isEnabled()):
            return False
        return self._submitter.perform(move, alert, **options)

    def _open(self, dialog: QDialog, move: str, options: Any) -> None:
        alert = self._current_alert()
        if alert is None:
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The alert as it was when the dialog opened: its version is what the operator saw.
        dialog.accepted.connect(lambda: self._submitter.perform(move, alert, **options()))
        self._dialog = dialog
        dialog.open()

    def _may_open(self, move: str) -> dict[str, Any] | None:
        button = self.buttons[move]
        if not (button.isVisibleTo(self) and button.isEnabled()):
            return None
        return self._current_alert()

    def verify_alert(self) -> None:
        alert = self._may_open("verify")
        if alert is None:
            return
        dialog = VerifyAlertDialog(alert, self._analytic(alert), self)
        self._open(dialog, "verify", lambda: {"verdict": dialog.verdict(), "note": dialog.note()})

    def dispatch_alert(self) -> None:
        alert = self._may_open("dispatch")
        if alert is None:
            return
        code = alert.get("analytic")
        category = self._context.analytics.category(code) or category_of(str(code or ""))
        dialog = DispatchAlertDialog(alert, self._analytic(alert), suggested_units(alert, category), self)
        self._open(dialog, "dispatch", lambda: {"unit": dialog.unit(), "note": dialog.note()})

    def close_alert(self) -> None:
        alert = self._may_open("close")
        if alert is None:
            return
        dialog = CloseAlertDialog(str(alert.get("id")), self)
        self._open(dialog, "close", lambda: {"reason": dialog.reason(), "note": dialog.note()})

    def note_alert(self) -> None:
        alert = self._may_open("note")
        if alert is None:
            return
        dialog = NoteDialog(str(alert.get("id")), self)
        self._open(dialog, "note", lambda: {"text": dialog.text()})

    def open_dialog(self) -> QDialog | None:
        """The alert dialog last opened (for tests)."""
        return self._dialog

    def last_message(self) -> QMessageBox | None:
        return self._submitter.last_message()

    def open_camera(self) -> bool:
        alert = self._current_alert()
        if alert is None or not alert.get("camera_id"):
            return False
        return self._navigation.request(SHOW_CAMERA_ON_WALL, {"camera_id": str(alert["camera_id"])})

    def reveal_alert(self) -> bool:
        alert = self._current_alert()
        if alert is None or alert.get("id") is None:
            return False
        return self._navigation.request(REVEAL_ALERT, {"alert_id": alert["id"]})

    def open_on_wall(self) -> bool:
        if self._resource != "camera" or self._record is None or self._gone is not None:
            return False
        return self._navigation.request(SHOW_CAMERA_ON_WALL, {"camera_id": str(self._record.get("id"))})

    def request_nearest_cameras(self) -> bool:
        if self._record is None or self._gone is not None:
            return False
        where = _coordinates(self._record)
        if where is None:
            return False
        self.nearest_cameras_requested.emit(*where)
        return True
