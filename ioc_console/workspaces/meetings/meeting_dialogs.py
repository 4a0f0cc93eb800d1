"""Small dialogs of the meeting page: a new poll, a conclusion (with an optional task), a view to share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ioc_domain.dispatch import (
    DISASTER_COMMAND,
    FIRE_AND_RESCUE_POLICE,
    FOREST_RANGERS,
    TRAFFIC_POLICE,
    URBAN_ORDER_TEAM,
)

_UNITS = (
    "Trung tâm Giám sát, điều hành đô thị thông minh Huế",
    DISASTER_COMMAND,
    FIRE_AND_RESCUE_POLICE,
    FOREST_RANGERS,
    TRAFFIC_POLICE,
    URBAN_ORDER_TEAM,
    "Sở Xây dựng thành phố Huế",
)


class _Form(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #e05252")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def problem(self) -> str | None:
        return None

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()


class PollDialog(_Form):
    """Question, options one per line, named or secret."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New poll"))
        self.question = QLineEdit(self)
        self.question.setObjectName("pollQuestionEdit")
        self.question.setMaxLength(300)
        self.options = QPlainTextEdit(self)
        self.options.setObjectName("pollOptionsEdit")
        self.options.setPlainText(self.tr("Agree\nDisagree\nAbstain"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("pollKindEdit")
        self.kind.addItem(self.tr("Named vote (the result lists who chose what)"), "named")
        self.kind.addItem(self.tr("Secret ballot (only the counts are ever stored)"), "secret")
        self.form.addRow(self.tr("Question"), self.question)
        self.form.addRow(self.tr("Options (one per line)"), self.options)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.resize(520, 320)

    def values(self) -> tuple[str, list[str], str]:
        options = [line.strip() for line in self.options.toPlainText().splitlines() if line.strip()]
        return self.question.text().strip(), options, str(self.kind.currentData())

    def problem(self) -> str | None:
        question, options, _kind = self.values()
        if not question:
            return self.tr("Write the question.")
        if not 2 <= len(options) <= 10:
            return self.tr("Give between 2 and 10 options.")
        if len({o.casefold() for o in options}) != len(options):
            return self.tr("Two options are the same.")
        if any(len(o) > 200 for o in options):
            return self.tr("An option may have at most 200 characters.")
        return None


class ConclusionDialog(_Form):
    """The conclusion's text and, optionally, the task it gives a unit with a deadline."""

    def __init__(self, item_title: str, may_create_task: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a conclusion"))
        heading = QLabel(item_title, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("conclusionText")
        self.with_task = QCheckBox(self.tr("Assign a task to a unit"), self)
        self.with_task.setObjectName("conclusionWithTask")
        self.with_task.setVisible(may_create_task)
        self.task_title = QLineEdit(self)
        self.task_title.setObjectName("conclusionTaskTitle")
        self.unit = QComboBox(self)
        self.unit.setObjectName("conclusionTaskUnit")
        self.unit.setEditable(True)
        self.unit.addItems(list(_UNITS))
        self.due = QDateTimeEdit(QDateTime.currentDateTime().addDays(7), self)
        self.due.setObjectName("conclusionTaskDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.form.addRow(heading)
        self.form.addRow(self.tr("Conclusion"), self.text)
        self.form.addRow(self.with_task)
        self.form.addRow(self.tr("Task"), self.task_title)
        self.form.addRow(self.tr("Unit"), self.unit)
        self.form.addRow(self.tr("Deadline"), self.due)
        self.with_task.toggled.connect(self._toggle_task)
        self._toggle_task(False)
        self.resize(560, 380)

    def _toggle_task(self, on: bool) -> None:
        for widget in (self.task_title, self.unit, self.due):
            widget.setEnabled(on)

    def conclusion(self) -> str:
        return self.text.toPlainText().strip()

    def task(self) -> dict[str, Any] | None:
        if not self.with_task.isChecked():
            return None
        due = self.due.dateTime().toSecsSinceEpoch()
        return {
            "title": self.task_title.text().strip(),
            "assignee_unit": self.unit.currentText().strip(),
            "due_at": datetime.fromtimestamp(due, UTC).isoformat().replace("+00:00", "Z"),
        }

    def problem(self) -> str | None:
        if not self.conclusion():
            return self.tr("Write the conclusion.")
        task = self.task()
        if task is not None:
            if not task["title"]:
                return self.tr("Give the task a title.")
            if not task["assignee_unit"]:
                return self.tr("Choose the unit that carries out the task.")
            if self.due.dateTime().toSecsSinceEpoch() < (datetime.now(UTC) - timedelta(minutes=1)).timestamp():
                return self.tr("The deadline has already passed.")
        return None


class ShareDialog(_Form):
    """Choose what to show the room: a camera, a place on the map, or a dashboard."""

    def __init__(
        self,
        cameras: Sequence[tuple[str, str, float | None, float | None]],
        dashboards: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Show the room"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("shareKind")
        self.kind.addItem(self.tr("A camera on the video wall"), "camera")
        self.kind.addItem(self.tr("The map at a camera's place"), "map")
        self.kind.addItem(self.tr("A dashboard"), "dashboard")
        self.camera = QComboBox(self)
        self.camera.setObjectName("shareCamera")
        for camera_id, name, lat, lon in cameras:
            self.camera.addItem(f"{name} ({camera_id})", (camera_id, lat, lon))
        self.dashboard = QComboBox(self)
        self.dashboard.setObjectName("shareDashboard")
        self.dashboard.addItems(list(dashboards))
        self.form.addRow(self.tr("Show"), self.kind)
        self.form.addRow(self.tr("Camera"), self.camera)
        self.form.addRow(self.tr("Dashboard"), self.dashboard)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self.resize(520, 200)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.camera.setEnabled(kind in ("camera", "map"))
        self.dashboard.setEnabled(kind == "dashboard")

    def view(self) -> dict[str, Any] | None:
        kind = self.kind.currentData()
        if kind == "dashboard":
            name = self.dashboard.currentText().strip()
            return {"kind": "dashboard", "name": name} if name else None
        data = self.camera.currentData()
        if not data:
            return None
        camera_id, lat, lon = data
        if kind == "camera":
            return {"kind": "camera", "camera_id": camera_id}
        if lat is None or lon is None:
            return None
        return {"kind": "map", "lat": lat, "lon": lon, "zoom": 16}

    def problem(self) -> str | None:
        if self.view() is None:
            return self.tr("Choose what to show (a camera with a known place for the map).")
        return None
