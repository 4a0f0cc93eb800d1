"""Sign-in dialog: username and password, checked by the backend off the GUI thread."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from backend_client import AuthError, BackendUnavailable, IocError, ServerBusy, TooManyAttempts
from ioc_console.services.connection import ConnectionService, OfflineCandidate
from ioc_console.services.event_text import fill, format_local_time


def _is_certificate_problem(error: BaseException) -> bool:
    text = str(error).lower()
    return any(marker in text for marker in ("tls error", "certificate", "ssl"))


class LoginDialog(QDialog):
    """Modal sign-in. Accepted once the backend accepted the credentials.

    The password is read from the field, handed to the background login and the field is
    cleared at once; it is never kept on this object or written to settings.
    """

    signed_in = Signal(object)  # backend_client.AuthSession

    def __init__(
        self, connection: ConnectionService, parent: QWidget | None = None, *, username: str = "", reason: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setModal(True)
        self._connection = connection
        self._reason_kind = reason  # "" (first sign-in) or "expired"
        self._busy = False

        self._title = QLabel(self)
        self._title.setObjectName("dialogTitle")
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        self._server = QLabel(self)
        self._server.setObjectName("loginServer")
        self._server.setTextFormat(Qt.TextFormat.PlainText)
        self._username = QLineEdit(self)
        self._username.setObjectName("loginUsername")
        self._username.setText(username)
        self._password = QLineEdit(self)
        self._password.setObjectName("loginPassword")
        self._password.setEchoMode(QLineEdit.EchoMode.Password)
        self._error = QLabel(self)
        self._error.setObjectName("loginError")
        self._error.setWordWrap(True)
        self._error.setTextFormat(Qt.TextFormat.PlainText)
        self._error.setVisible(False)
        self._sign_in = QPushButton(self)
        self._sign_in.setObjectName("loginSubmit")
        self._sign_in.setDefault(True)
        self._sign_in.clicked.connect(self.submit)
        self._cancel = QPushButton(self)
        self._cancel.setObjectName("loginCancel")
        self._cancel.clicked.connect(self.reject)
        # Offered only when the server is unreachable and this computer holds this user's
        # cache with a still valid offline grant (issued by the server at the last sign-in).
        self._offline_candidate: OfflineCandidate | None = None
        self._offline_info = QLabel(self)
        self._offline_info.setObjectName("loginOfflineInfo")
        self._offline_info.setWordWrap(True)
        self._offline_info.setTextFormat(Qt.TextFormat.PlainText)
        self._offline_info.setVisible(False)
        self._open_offline = QPushButton(self)
        self._open_offline.setObjectName("loginOpenOffline")
        self._open_offline.setVisible(False)
        self._open_offline.clicked.connect(self.open_offline)

        self._form = QFormLayout()
        self._username_label = QLabel(self)
        self._username_label.setBuddy(self._username)
        self._password_label = QLabel(self)
        self._password_label.setBuddy(self._password)
        self._form.addRow(self._username_label, self._username)
        self._form.addRow(self._password_label, self._password)
        buttons = QHBoxLayout()
        buttons.addWidget(self._open_offline)
        buttons.addStretch(1)
        buttons.addWidget(self._cancel)
        buttons.addWidget(self._sign_in)
        layout = QVBoxLayout(self)
        # Word-wrapped labels change height with their text: never let the dialog get
        # shorter than its contents need (otherwise the error overlaps the fields).
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        layout.setSpacing(12)
        layout.addWidget(self._title)
        layout.addWidget(self._intro)
        layout.addWidget(self._server)
        layout.addLayout(self._form)
        layout.addWidget(self._error)
        layout.addWidget(self._offline_info)
        layout.addLayout(buttons)
        self._intro.setMinimumWidth(440)  # the layout sets the minimum size; this sets its width
        for edit in (self._username, self._password):
            edit.setMinimumHeight(edit.fontMetrics().height() + 18)
        self.retranslate_ui()
        (self._password if username else self._username).setFocus()

    # -- public ---------------------------------------------------------------------
    def username_edit(self) -> QLineEdit:
        return self._username

    def password_edit(self) -> QLineEdit:
        return self._password

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() or self._error.text() else ""

    def is_busy(self) -> bool:
        return self._busy

    def offline_available(self) -> bool:
        return self._offline_candidate is not None and self._open_offline.isVisible()

    def open_offline(self) -> None:
        """Open the main window from this computer's cache (no password check is possible offline:
        the server's time-limited grant stands in for it)."""
        candidate, self._offline_candidate = self._offline_candidate, None
        if candidate is None:
            return
        self._connection.open_offline(candidate)
        self.accept()

    def submit(self) -> None:
        if self._busy:
            return
        username = self._username.text().strip()
        if not username or not self._password.text():
            self._show_error(self.tr("Enter both your username and your password."))
            return
        password = self._password.text()
        self._password.clear()  # do not keep it on screen or in the widget
        self._set_busy(True)
        self._connection.sign_in(username, password, on_success=self._succeeded, on_failure=self._failed, parent=self)
        del password

    # -- outcome --------------------------------------------------------------------
    def _succeeded(self, session: Any) -> None:
        self._set_busy(False)
        self._error.setVisible(False)
        self.signed_in.emit(session)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, TooManyAttempts):
            if error.retry_after is None:
                message = self.tr("Too many failed sign-ins. Wait a while, then try again.")
            else:
                message = fill(
                    self.tr("Too many failed sign-ins. Try again in %1."), self._wait_words(error.retry_after)
                )
        elif isinstance(error, ServerBusy):
            # Checked before BackendUnavailable (its base): the server is up, only crowded.
            message = self.tr("The server is busy with many sign-ins at once. Try again in a few seconds.")
        elif isinstance(error, AuthError):
            message = self.tr("Wrong username or password. Check them and try again.")
        elif isinstance(error, BackendUnavailable) and _is_certificate_problem(error):
            message = self.tr(
                "The server's security certificate could not be verified. "
                "Ask IT for the right certificate bundle (--ca-bundle)."
            )
        elif isinstance(error, BackendUnavailable):
            message = fill(
                self.tr("Cannot reach the IOC backend at %1. Check the network connection and try again."),
                self._connection.base_url,
            )
            self._connection.find_offline_candidate(self._username.text().strip(), self._offer_offline, parent=self)
        elif isinstance(error, IocError):
            message = fill(self.tr("The backend refused the sign-in: %1"), error.message)
        else:
            message = fill(self.tr("Sign-in failed unexpectedly: %1"), str(error) or type(error).__name__)
        self._show_error(message)
        self._password.setFocus()

    def _wait_words(self, seconds: float) -> str:
        """A wait as the operator reads it: seconds under a minute, else whole minutes rounded up."""
        whole = max(1, math.ceil(seconds))
        if whole == 1:
            return self.tr("1 second")
        if whole < 60:
            return fill(self.tr("%1 seconds"), str(whole))
        minutes = math.ceil(whole / 60)
        return self.tr("1 minute") if minutes == 1 else fill(self.tr("%1 minutes"), str(minutes))

    def _offer_offline(self, candidate: OfflineCandidate | None) -> None:
        self._offline_candidate = candidate
        self._open_offline.setVisible(candidate is not None)
        self._offline_info.setVisible(candidate is not None)
        self._retranslate_offline()
        self.adjustSize()

    def _retranslate_offline(self) -> None:
        candidate = self._offline_candidate
        self._open_offline.setText(self.tr("Open &offline"))
        if candidate is None:
            self._offline_info.setText("")
            return
        as_of = format_local_time(candidate.data_as_of) if candidate.data_as_of is not None else self.tr("never")
        self._offline_info.setText(
            fill(
                self.tr(
                    "This computer holds your data as of %1. You can open the console "
                    "offline now; your actions are kept and sent when the server "
                    "is back."
                ),
                as_of,
            )
        )

    def _show_error(self, message: str) -> None:
        self._error.setText(message)
        self._error.setVisible(True)
        self.adjustSize()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self._username, self._password, self._sign_in):
            widget.setEnabled(not busy)
        self._sign_in.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    # -- language -------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in — IOC Huế"))
        self._title.setText(self.tr("Sign in to the IOC console"))
        if self._reason_kind == "expired":
            self._intro.setText(
                self.tr("Your session has ended. Sign in again to continue; the screen keeps its data meanwhile.")
            )
        else:
            self._intro.setText(self.tr("Use the account issued to you by the operations centre."))
        self._server.setText(fill(self.tr("Server: %1"), self._connection.base_url))
        self._username_label.setText(self.tr("&Username:"))
        self._password_label.setText(self.tr("&Password:"))
        self._cancel.setText(self.tr("Cancel"))
        self._retranslate_offline()
        self._sign_in.setText(self.tr("Signing in…") if self._busy else self.tr("Sign in"))
