"""The public-warning editor: a CAP 1.2 warning drafted from a confirmed alert, in Vietnamese and
English, with its area and a live preview of the CAP document. Saving and publishing go through
the outbox like every other write."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backend_client.api import actions
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import fill
from ioc_console.workspaces.alerts.warning_fields import AreaEditor, InfoBlockEditor
from ioc_domain import cap
from ioc_domain.roles import may

log = logging.getLogger(__name__)

DRAFT_PERMISSION = "warning.draft"
PUBLISH_PERMISSION = "warning.publish"
#: The identifier the preview shows until the server gives the draft its own.
PREVIEW_IDENTIFIER = f"{cap.DEFAULT_SENDER}.warning.preview"
PREVIEW_DELAY_MS = 150  # typing does not rebuild the document on every key


class PublishWhenCreated(QObject):
    """Publishes a warning as soon as the outbox entry that creates it is applied on the server.

    Parented to the connection, not to the dialog: the operator may close the editor (or be
    offline) long before the draft reaches the server. If the console quits first, the draft
    stays a draft and can be published from the warnings list.
    """

    queued = Signal(object)  # the publish OutboxEntry
    gave_up = Signal(str)  # the create did not succeed (conflict, refused): nothing to publish

    def __init__(self, connection: ConnectionService, create_entry_id: int) -> None:
        super().__init__(connection)
        self._connection = connection
        self._entry_id = create_entry_id
        connection.outbox_changed.connect(self._on_outbox)

    def _on_outbox(self, entry: Any) -> None:
        if getattr(entry, "id", None) != self._entry_id:
            return
        state = getattr(entry, "state", "")
        if state == "applied" and isinstance(entry.response, Mapping):
            self._connection.outbox_changed.disconnect(self._on_outbox)
            try:
                action = actions.publish_warning_action(entry.response)
                self._connection.submit(action, on_success=self._queued, on_failure=self._failed, parent=self)
            except (ValueError, RuntimeError) as exc:
                self._failed(exc)
        elif state in ("conflict", "failed", "cancelled"):
            self._connection.outbox_changed.disconnect(self._on_outbox)
            self.gave_up.emit(state)
            self.deleteLater()

    def _queued(self, entry: Any) -> None:
        self.queued.emit(entry)
        self.deleteLater()

    def _failed(self, error: BaseException) -> None:
        log.warning("the warning created by outbox entry %s was not queued for publishing: %s", self._entry_id, error)
        self.gave_up.emit(str(error))
        self.deleteLater()


class WarningEditorDialog(QDialog):
    """Drafts a warning from ``alert`` (a synced alert dict), or, with no alert, a new warning for
    ``area`` (drawn on the map). ``saved(entry)`` once the draft is durably in the outbox; for a
    publisher, Publish queues the draft and its publication."""

    saved = Signal(object)  # OutboxEntry of the create
    publish_pending = Signal(object)  # PublishWhenCreated, for whoever wants to follow it

    def __init__(
        self,
        connection: ConnectionService,
        alert: Mapping[str, Any] | None,
        parent: QWidget | None = None,
        *,
        area: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("warningEditor")
        self._connection = connection
        self._alert = dict(alert) if alert is not None else None
        self._start_area = dict(area) if area is not None else None
        self._touched = False  # once the operator edits, late prefills no longer overwrite
        self._publish = False
        self._busy = False
        self._build()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.retranslate_ui()
        self._prefill(None)
        self._look_up_camera_name()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.resize(980, 720)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("warningIntro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QFormLayout()
        self.status = QComboBox(left)
        self.status.setObjectName("warningStatus")
        for value in cap.WARNING_STATUSES:
            self.status.addItem(value, value)
        self._status_label = QLabel(left)
        self._status_label.setBuddy(self.status)
        top.addRow(self._status_label, self.status)
        left_layout.addLayout(top)
        self.tabs = QTabWidget(left)
        self.vi = InfoBlockEditor("vi-VN", self.tabs)
        self.vi.setObjectName("infoVi")
        self.en = InfoBlockEditor("en-US", self.tabs)
        self.en.setObjectName("infoEn")
        self.tabs.addTab(self.vi, "vi-VN")
        self.tabs.addTab(self.en, "en-US")
        left_layout.addWidget(self.tabs, 1)
        self.include_english = QCheckBox(left)
        self.include_english.setObjectName("includeEnglish")
        self.include_english.setChecked(True)
        left_layout.addWidget(self.include_english)
        self.area_box = QGroupBox(left)
        area_layout = QVBoxLayout(self.area_box)
        self.area = AreaEditor(self.area_box)
        area_layout.addWidget(self.area)
        left_layout.addWidget(self.area_box)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel(right)
        right_layout.addWidget(self.preview_label)
        self.preview = QPlainTextEdit(right)
        self.preview.setObjectName("capPreview")
        self.preview.setReadOnly(True)  # plain text: the XML is shown, never interpreted
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        right_layout.addWidget(self.preview, 1)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.problems = QLabel(self)
        self.problems.setObjectName("warningProblems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #e5484d;")
        layout.addWidget(self.problems)

        box = QDialogButtonBox(self)
        self.save_button = box.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("warningSave")
        self.publish_button = box.addButton("Publish", QDialogButtonBox.ButtonRole.ActionRole)
        self.publish_button.setObjectName("warningPublish")
        self.cancel_button = box.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(lambda: self.submit(publish=False))
        self.publish_button.clicked.connect(lambda: self.submit(publish=True))
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(box)

        for editor in (self.vi, self.en, self.area):
            editor.changed.connect(self._edited)
        self.status.currentIndexChanged.connect(lambda _i: self._edited())
        self.include_english.toggled.connect(self._english_toggled)

    def retranslate_ui(self) -> None:
        if self._alert is not None:
            self.setWindowTitle(fill(self.tr("Public warning from alert #%1"), str(self._alert.get("id"))))
            self.intro.setText(
                self.tr(
                    "Prefilled from the alert: check every text before saving. The Vietnamese block is "
                    "required; the English one is for visitors."
                )
            )
        else:
            self.setWindowTitle(self.tr("New public warning"))
            self.intro.setText(
                self.tr(
                    "The area comes from the map: write what happens and what people should do. The "
                    "Vietnamese block is required; the English one is for visitors."
                )
            )
        self._status_label.setText(self.tr("&Status:"))
        self.tabs.setTabText(0, self.tr("Vietnamese (vi-VN)"))
        self.tabs.setTabText(1, self.tr("English (en-US)"))
        self.include_english.setText(self.tr("Include the &English block"))
        self.area_box.setTitle(self.tr("Area"))
        self.preview_label.setText(self.tr("CAP 1.2 document (preview)"))
        self.save_button.setText(self.tr("Save &draft"))
        self.publish_button.setText(self.tr("Save and &publish"))
        self.cancel_button.setText(self.tr("Cancel"))
        for editor in (self.vi, self.en):
            editor.retranslate_ui()
        self.area.retranslate_ui()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- prefilling ---------------------------------------------------------------------------
    def _prefill(self, camera_name: str | None) -> None:
        if self._alert is None:
            draft = _blank_draft(self._start_area)
        else:
            names = {"camera": camera_name} if camera_name else None
            draft = cap.draft_from_alert(self._alert, names)
        blocks = {block["language"]: block for block in draft["info"]}
        # Programmatic filling is not an edit by the operator.
        touched = self._touched
        self.vi.set_block(blocks.get("vi-VN", {}))
        self.en.set_block(blocks.get("en-US", {}))
        self.area.set_area(draft["area"])
        self.status.setCurrentIndex(max(self.status.findData(draft.get("status", "Actual")), 0))
        self._touched = touched
        self.update_preview()

    def _look_up_camera_name(self) -> None:
        camera_id = self._alert.get("camera_id") if self._alert is not None else None
        if not camera_id:
            return

        def found(camera: Any) -> None:
            name = camera.get("name") if isinstance(camera, Mapping) else None
            if name and not self._touched:
                self._prefill(str(name))

        self._connection.read_cache(
            lambda store: store.get("camera", str(camera_id)),
            on_success=found,
            on_failure=lambda error: log.info("camera %s not in the cache: %s", camera_id, error),
            parent=self,
        )

    def _edited(self) -> None:
        self._touched = True
        self._preview_timer.start()
        self._update_buttons()

    def _english_toggled(self, on: bool) -> None:
        self.tabs.setTabEnabled(1, on)
        self._edited()

    # -- the warning ----------------------------------------------------------------------------
    def body(self) -> dict[str, Any]:
        """The ``POST /warnings`` body as edited now."""
        info = [self.vi.block()]
        if self.include_english.isChecked():
            info.append(self.en.block())
        return {
            "alert_id": self._alert.get("id") if self._alert is not None else None,
            "msg_type": "Alert",
            "references_id": None,
            "status": self.status.currentData(),
            "scope": "Public",
            "info": info,
            "area": self.area.area(),
        }

    def preview_warning(self) -> dict[str, Any]:
        """The body as the warning dict ``cap.cap_xml`` reads (no id or ``sent`` yet: a preview)."""
        return {**self.body(), "identifier": PREVIEW_IDENTIFIER, "sender": cap.DEFAULT_SENDER, "references": None}

    def update_preview(self) -> None:
        self._preview_timer.stop()
        try:
            text = cap.cap_xml(self.preview_warning()).decode("utf-8")
        except (ValueError, KeyError, TypeError) as exc:
            # A half-typed polygon cannot make a document yet; the problems line says what to fix.
            text = fill(self.tr("(no preview: %1)"), str(exc))
        self.preview.setPlainText(text)

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def problem_list(self) -> list[str]:
        found: list[str] = []
        # A warning drafted from an alert needs the alert confirmed (the server checks it too);
        # one drafted for an area of the map stands on its own.
        verification = self._alert.get("verification") if self._alert is not None else None
        if self._alert is not None and not (
            isinstance(verification, Mapping) and verification.get("verdict") == "confirmed"
        ):
            found.append(self.tr("Only an alert verified on camera as real can become a public warning."))
        found.extend(self.vi.problems(self.tr("Vietnamese")))
        if self.include_english.isChecked():
            found.extend(self.en.problems(self.tr("English")))
        found.extend(self.area.problems())
        return found

    # -- saving and publishing ------------------------------------------------------------------
    def _role(self) -> str | None:
        return getattr(self._connection.user, "role", None)

    def _update_buttons(self) -> None:
        problems = self.problem_list()
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        ready = not problems and not self._busy and self._connection.engine is not None
        self.save_button.setEnabled(ready and may(self._role(), DRAFT_PERMISSION))
        # Only publishers see Publish at all: an operator's warnings wait for a supervisor.
        self.publish_button.setVisible(may(self._role(), PUBLISH_PERMISSION))
        self.publish_button.setEnabled(ready and may(self._role(), PUBLISH_PERMISSION))
        if self._connection.engine is None:
            self.save_button.setToolTip(self.tr("Not signed in: there is no outbox to save the warning in."))
        else:
            self.save_button.setToolTip("")

    def submit(self, *, publish: bool) -> bool:
        """Queue the draft (and, for a publisher with ``publish``, its publication). False if not now."""
        self._update_buttons()
        button = self.publish_button if publish else self.save_button
        if not button.isEnabled():  # the role, the problems and the outbox are all in this
            return False
        try:
            action = actions.create_warning_action(self.body())
        except ValueError as exc:
            log.warning("warning refused before queueing: %s", exc)
            self._show_error(self.tr("The warning cannot be sent as it is. Check every field and try again."))
            return False
        self._busy = True
        self._publish = publish
        self._update_buttons()
        self._connection.submit(action, on_success=self._queued, on_failure=self._not_queued, parent=self)
        return True

    def _queued(self, entry: Any) -> None:
        self._busy = False
        if self._publish:
            self.publish_pending.emit(PublishWhenCreated(self._connection, entry.id))
        self.saved.emit(entry)
        self.accept()

    def _not_queued(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self._show_error(fill(self.tr("The warning was NOT saved: %1"), getattr(error, "message", None) or str(error)))

    def _show_error(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical, self.tr("Warning not saved"), text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("warningErrorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _blank_draft(area: Mapping[str, Any] | None) -> dict[str, Any]:
    """A new warning with no alert behind it: empty texts (the operator writes them), ``area`` as given."""
    info = [
        {"language": language, "sender_name": cap.SENDER_NAMES[language], "urgency": "Immediate"}
        for language in cap.DRAFT_LANGUAGES
    ]
    return {"status": "Actual", "info": info, "area": dict(area or {})}
