"""Queue an operator's alert action (acknowledge, verify, ...) through the outbox, shared by every workspace.

The event log's row actions and the video wall's alarm tile go through the same builder and the
same durable outbox, and a refused or unsaved action is explained in the same message box.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from backend_client.api import actions
from backend_client.cache import CacheWriteError
from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import AnalyticsCatalogue, fill
from ioc_domain.alerts import ALERT_WRITE_PERMISSION
from ioc_domain.roles import may

log = logging.getLogger(__name__)

# The texts below keep the "AlertActions" context they had in the event log, so their
# translations carry over unchanged.


def build_alert_action(
    move: str,
    alert: Mapping[str, Any],
    *,
    reason: str | None = None,
    note: str | None = None,
    text: str | None = None,
    verdict: str | None = None,
    unit: str | None = None,
) -> actions.Action:
    """The outbox action for ``move`` on ``alert``; ValueError when the input is refused."""
    if move == "acknowledge":
        return actions.acknowledge_alert(alert)
    if move == "start":
        return actions.start_alert(alert)
    if move == "close":
        return actions.close_alert(alert, reason or "resolved", note=note)
    if move == "note":
        return actions.add_alert_note(alert, text or "")
    if move == "verify":
        return actions.verify_alert(alert, verdict or "", note=note)
    if move == "dispatch":
        return actions.dispatch_alert(alert, unit or "", note=note)
    raise ValueError(f"unknown alert action {move!r}")


def analytic_name(analytics: AnalyticsCatalogue | None, alert: Mapping[str, Any]) -> str:
    """The analytic's name in the UI language, or "" when the server's catalogue is not at hand
    (a made-up English name from the code would be wrong in a Vietnamese dialog)."""
    if analytics is None or len(analytics) == 0:
        return ""
    # The UI language sets the default locale (ioc_console.services.i18n), so it tells which name to show.
    language = "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"
    return analytics.name(alert.get("analytic"), language)


class AlertSubmitter(QObject):
    """Builds alert actions and queues them durably on the cache pool (``submitted`` after the commit)."""

    submitted = Signal(object)  # OutboxEntry, after the enqueue committed
    submit_failed = Signal(object)  # the error

    def __init__(self, connection: ConnectionService, parent: QWidget) -> None:
        super().__init__(parent)
        self._connection = connection
        self._parent = parent
        self._message: QMessageBox | None = None

    def may_act(self) -> bool:
        """True when the signed-in user's role may change alerts."""
        return may(getattr(self._connection.user, "role", None), ALERT_WRITE_PERMISSION)

    def ready(self) -> bool:
        """True when an action can be queued now (a role that may act, the outbox open)."""
        return self.may_act() and self._connection.engine is not None

    def perform(self, move: str, alert: Mapping[str, Any], **options: Any) -> bool:
        """Build the action and queue it durably (on the cache pool). False if not possible now
        or if the input is refused (a message box then says why)."""
        if not self.ready():
            return False
        try:
            action = build_alert_action(move, alert, **options)
        except ValueError as exc:
            self._failed(exc)
            return False
        self._connection.submit(action, on_success=self.submitted.emit, on_failure=self._failed, parent=self)
        return True

    def last_message(self) -> QMessageBox | None:
        """The message box last shown, while it exists."""
        return self._message if self._message is not None and shiboken6.isValid(self._message) else None

    def _failed(self, error: BaseException) -> None:
        log.warning("action not queued: %s", error)
        if isinstance(error, CacheWriteError) and error.reason == "disk_full":
            detail = QCoreApplication.translate(
                "AlertActions", "The disk of this computer is full. Free some disk space, then try again."
            )
        elif isinstance(error, CacheWriteError):
            detail = fill(
                QCoreApplication.translate("AlertActions", "The local cache could not save it: %1"), error.message
            )
        elif isinstance(error, ValueError):
            # The builders' reasons are English (they are for logs, logged above); the dialogs
            # check the same limits in the operator's language before anything gets here.
            detail = QCoreApplication.translate(
                "AlertActions", "What was entered cannot be sent as it is (too long, or empty). Check it and try again."
            )
        else:
            detail = fill(
                QCoreApplication.translate("AlertActions", "Unexpected error: %1"), str(error) or type(error).__name__
            )
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("AlertActions", "Action not saved"),
            fill(
                QCoreApplication.translate("AlertActions", "The action was NOT saved and will not be sent.\n%1"), detail
            ),
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setObjectName("actionNotSavedBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._message = box
        box.open()
        self.submit_failed.emit(error)
