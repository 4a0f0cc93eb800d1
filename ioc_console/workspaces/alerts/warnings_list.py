"""Public warnings from the local cache (ours, drafted or published, and other agencies'
imported ones), the chosen one's CAP document as plain text, and publishing a draft."""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backend_client.api import actions
from ioc_console.services.connection import ONLINE, ConnectionService
from ioc_console.services.event_text import fill, format_local_time, parse_time, warning_headline
from ioc_console.services.ops import run_in_background
from ioc_domain import cap
from ioc_domain.roles import may

log = logging.getLogger(__name__)

PUBLISH_PERMISSION = "warning.publish"
Index = QModelIndex | QPersistentModelIndex

STATE_NAMES = {
    "draft": QT_TRANSLATE_NOOP("WarningsList", "Draft"),
    "published": QT_TRANSLATE_NOOP("WarningsList", "Published"),
    "external": QT_TRANSLATE_NOOP("WarningsList", "Other agency"),
}
MSG_TYPE_NAMES = {
    "Alert": QT_TRANSLATE_NOOP("WarningsList", "Warning"),
    "Update": QT_TRANSLATE_NOOP("WarningsList", "Update"),
    "Cancel": QT_TRANSLATE_NOOP("WarningsList", "Cancellation"),
}
_HEADERS = (
    QT_TRANSLATE_NOOP("WarningsList", "#"),
    QT_TRANSLATE_NOOP("WarningsList", "State"),
    QT_TRANSLATE_NOOP("WarningsList", "Type"),
    QT_TRANSLATE_NOOP("WarningsList", "Headline"),
    QT_TRANSLATE_NOOP("WarningsList", "Sent"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WarningsList", text)


def _language() -> str:
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def _sort_key(warning: Mapping[str, Any]) -> str:
    # Newest first: a draft has no ``sent`` yet, its creation time stands in.
    return str(warning.get("sent") or warning.get("created_at") or "")


class WarningsModel(QAbstractTableModel):
    """The cached warnings, newest first. ``Qt.UserRole`` on any cell gives the warning dict."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_warnings(self, warnings: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = sorted(warnings, key=_sort_key, reverse=True)
        self.endResetModel()

    def row_of(self, warning_id: int) -> int:
        return next((row for row, w in enumerate(self._rows) if w.get("id") == warning_id), -1)

    def warning_at(self, row: int) -> dict[str, Any] | None:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        warning, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.UserRole:
            return dict(warning)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1 and warning.get("state") == "external":
            # Tooltips may be read as rich text: the sender comes from another agency's document.
            sender = html.escape(str(warning.get("sender") or ""))
            return f"<p>{fill(QCoreApplication.translate('WarningsList', 'From %1'), sender)}</p>"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return str(warning.get("id"))
        if column == 1:
            state = str(warning.get("state") or "")
            return _tr(STATE_NAMES[state]) if state in STATE_NAMES else state
        if column == 2:
            kind = str(warning.get("msg_type") or "")
            return _tr(MSG_TYPE_NAMES[kind]) if kind in MSG_TYPE_NAMES else kind
        if column == 3:
            return " ".join(warning_headline(warning, _language()).split())
        sent = parse_time(warning.get("sent"))
        return format_local_time(sent) if sent is not None else QCoreApplication.translate("WarningsList", "not sent")

    def refresh_texts(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(_HEADERS) - 1))


class WarningsList(QWidget):
    """Lists the cached warnings; shows the chosen one's CAP XML; lets a publisher publish a draft."""

    loaded = Signal()  # the list was re-read from the cache
    xml_shown = Signal(int)  # the warning whose CAP document is now on screen
    publish_queued = Signal(object)  # OutboxEntry of the publication

    def __init__(self, connection: ConnectionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningsList")
        self._connection = connection
        self._wanted: int | None = None  # select_warning before the list held it
        self._xml_request = 0
        self.model = WarningsModel(self)
        self._build()
        connection.cache_ready.connect(lambda _store: self.reload())
        connection.changes_applied.connect(self._on_changes)
        connection.outbox_changed.connect(self._on_outbox)
        connection.signed_in.connect(lambda _user: self._update_buttons())
        self.retranslate_ui()
        if connection.store is not None:
            self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableView(splitter)
        self.table.setObjectName("warningsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._current_changed())
        detail = QWidget(splitter)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.xml_label = QLabel(detail)
        self.xml_label.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.xml_label, 1)
        self.publish_button = QPushButton(detail)
        self.publish_button.setObjectName("warningsPublish")
        self.publish_button.clicked.connect(self.publish_current)
        bar.addWidget(self.publish_button)
        detail_layout.addLayout(bar)
        self.xml = QPlainTextEdit(detail)
        self.xml.setObjectName("warningCapXml")
        # Plain text: another agency's document is shown character for character, never interpreted.
        self.xml.setReadOnly(True)
        self.xml.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.xml.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        detail_layout.addWidget(self.xml)
        layout.addWidget(splitter)

    def retranslate_ui(self) -> None:
        self.publish_button.setText(self.tr("&Publish this draft"))
        self.model.refresh_texts()
        self._update_buttons()
        if self.current_warning() is None:
            self.xml_label.setText(self.tr("Choose a warning to see its CAP 1.2 document."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the list -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the warnings from the cache (on the cache pool)."""

        def loaded(warnings: list[dict[str, Any]]) -> None:
            current = self.current_warning()
            keep = self._wanted if self._wanted is not None else (current or {}).get("id")
            self.model.set_warnings(warnings)
            if keep is not None:
                self.select_warning(int(keep))
            self.loaded.emit()

        self._connection.read_cache(
            lambda store: store.list("warning"),
            on_success=loaded,
            on_failure=lambda error: log.warning("warnings not read from the cache: %s", error),
            parent=self,
        )

    def _on_changes(self, changes: list[Any]) -> None:
        if any(getattr(change, "resource", None) == "warning" for change in changes):
            self.reload()

    def _on_outbox(self, entry: Any) -> None:
        # Our own writes come back as the outbox's answer, also stored in the cache.
        if getattr(entry, "resource", None) == "warning" and getattr(entry, "state", "") == "applied":
            self.reload()

    def select_warning(self, warning_id: int) -> bool:
        """Make ``warning_id`` current (now, or as soon as the cache holds it)."""
        row = self.model.row_of(warning_id)
        if row < 0:
            self._wanted = warning_id
            return False
        self._wanted = None
        index = self.model.index(row, 0)
        if self.table.currentIndex().row() == row:
            self._current_changed()  # same row, maybe a newer version: show it again
        else:
            self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def current_warning(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.warning_at(index.row()) if index.isValid() else None

    # -- the chosen warning -----------------------------------------------------------------
    def _current_changed(self) -> None:
        self._update_buttons()
        warning = self.current_warning()
        if warning is None:
            return
        self._show_xml(warning)

    def _show_xml(self, warning: dict[str, Any]) -> None:
        """The server's CAP document (exactly what was sent or received); offline, ours rebuilt locally."""
        self._xml_request += 1
        request = self._xml_request
        warning_id = int(warning["id"])
        self.xml_label.setText(fill(self.tr("CAP 1.2 document of warning #%1"), str(warning_id)))
        client = self._connection.client
        online = self._connection.state == ONLINE

        def fetch() -> tuple[str, bool]:
            if online:
                try:
                    return client.warning_cap_xml(warning_id).decode("utf-8", errors="replace"), False
                except Exception as exc:  # noqa: BLE001 - any failure: fall back to the local document
                    log.info("CAP document of warning %s not fetched: %s", warning_id, exc)
            if warning.get("state") == "external":
                raise LookupError("external")  # another agency's words: never reconstructed here
            return cap.cap_xml(warning).decode("utf-8"), True

        def done(result: tuple[str, bool]) -> None:
            if request != self._xml_request:
                return
            text, rebuilt = result
            self.xml.setPlainText(text)
            if rebuilt:
                self.xml_label.setText(
                    fill(
                        self.tr(
                            "CAP 1.2 document of warning #%1 (rebuilt on this computer: the server cannot be reached)"
                        ),
                        str(warning_id),
                    )
                )
            self.xml_shown.emit(warning_id)

        def failed(error: BaseException) -> None:
            if request != self._xml_request:
                return
            self.xml.setPlainText("")
            self.xml_label.setText(
                fill(
                    self.tr("The CAP document of warning #%1 needs the server, which cannot be reached."),
                    str(warning_id),
                )
            )

        run_in_background(fetch, on_success=done, on_failure=failed, parent=self)

    def xml_text(self) -> str:
        return self.xml.toPlainText()

    # -- publishing -------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        allowed = may(getattr(self._connection.user, "role", None), PUBLISH_PERMISSION)
        warning = self.current_warning()
        self.publish_button.setVisible(allowed)
        self.publish_button.setEnabled(
            allowed and warning is not None and warning.get("state") == "draft" and self._connection.engine is not None
        )

    def publish_current(self) -> bool:
        warning = self.current_warning()
        if warning is None or not self.publish_button.isEnabled():
            return False
        try:
            action = actions.publish_warning_action(warning)
        except ValueError as exc:
            log.warning("publish refused before queueing: %s", exc)
            return False
        self.publish_button.setEnabled(False)
        self._connection.submit(
            action, on_success=self.publish_queued.emit, on_failure=self._publish_failed, parent=self
        )
        return True

    def _publish_failed(self, error: BaseException) -> None:
        self._update_buttons()
        self.xml_label.setText(fill(self.tr("Publishing was NOT queued: %1"), str(error)))
