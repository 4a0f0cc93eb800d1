"""The "Warnings" page of the alert queues workspace (the warnings list with a CAP import
button), and the detail pane wired to the warning editor: what the workspace plugs in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ioc_console.services.connection import ConnectionService
from ioc_console.workspaces.alerts.cap_import import CapImporter
from ioc_console.workspaces.alerts.detail_pane import AlertDetailPane
from ioc_console.workspaces.alerts.warning_editor import WarningEditorDialog
from ioc_console.workspaces.alerts.warnings_list import WarningsList
from ioc_domain.roles import may

IMPORT_PERMISSION = "warning.draft"  # POST /warnings/import


class WarningsPage(QWidget):
    """The warnings list, and "Import a CAP file…" for the roles that may import; an imported
    warning is selected as soon as the sync brings it into the cache."""

    editor_opened = Signal(object)  # WarningEditorDialog

    def __init__(self, connection: ConnectionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningsPage")
        self._connection = connection
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("capImportButton")
        bar.addWidget(self.import_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.list = WarningsList(connection, self)
        layout.addWidget(self.list, 1)
        self.importer = CapImporter(connection, self)
        self.import_button.clicked.connect(self.importer.choose_and_import)
        self.importer.imported.connect(self.list.select_warning)
        connection.signed_in.connect(lambda _user: self._update_role())
        self.retranslate_ui()
        self._update_role()

    def retranslate_ui(self) -> None:
        self.import_button.setText(self.tr("&Import a CAP file…"))
        self.import_button.setToolTip(self.tr("Import a CAP 1.2 warning of another agency (at most 1 MiB)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def may_draft(self) -> bool:
        """Whether the signed-in role may draft (and import) warnings."""
        return may(getattr(self._connection.user, "role", None), IMPORT_PERMISSION)

    def _update_role(self) -> None:
        self.import_button.setVisible(self.may_draft())

    def open_editor(
        self, alert: Mapping[str, Any] | None, area: Mapping[str, Any] | None = None
    ) -> WarningEditorDialog:
        """The warning editor for ``alert`` (or, with no alert, a new warning for ``area``); once
        saved, the new draft is selected in the list."""
        dialog = WarningEditorDialog(self._connection, alert, self, area=area)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def saved(entry: Any) -> None:
            # The draft's id is known once the outbox entry is applied; the list re-reads then.
            self._follow(entry)

        dialog.saved.connect(saved)
        dialog.open()
        self.editor_opened.emit(dialog)
        return dialog

    def _follow(self, entry: Any) -> None:
        entry_id = entry.id

        def applied(changed: Any) -> None:
            if getattr(changed, "id", None) != entry_id or getattr(changed, "state", "") not in ("applied", "conflict"):
                return
            self._connection.outbox_changed.disconnect(applied)
            response = getattr(changed, "response", None)
            if isinstance(response, Mapping) and response.get("id") is not None:
                self.list.select_warning(int(response["id"]))

        self._connection.outbox_changed.connect(applied)


def detail_with_editor(context: Any, page: WarningsPage, parent: QWidget | None = None) -> AlertDetailPane:
    """The ``detail_factory`` result for the alerts workspace: "Draft warning…" opens the editor."""
    pane = AlertDetailPane.from_context(context, parent)
    pane.draft_warning_requested.connect(page.open_editor)
    return pane
