"""Application controller: starts the console in demo or remote mode and shuts it down cleanly."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ioc_console.services import ops
from ioc_console.services.connection import ConnectionService
from ioc_console.services.context import ConsoleContext, create_context
from ioc_console.services.event_text import fill
from ioc_console.services.i18n import LanguageManager
from ioc_console.services.settings import ConsoleSettings, WindowStateStore, data_dir
from ioc_console.shell.login_dialog import LoginDialog
from ioc_console.shell.main_window import MainWindow
from ioc_console.shell.startup_splash import StartupSplash

log = logging.getLogger(__name__)

# The demo backend seeds these public demo accounts; they protect nothing real.
DEMO_USERNAME = "operator"
DEMO_PASSWORD = "hue-operator"


class ConsoleApp(QObject):
    """Owns the long-lived objects of one console run."""

    def __init__(
        self,
        qapp: QApplication,
        *,
        language: str | None = None,
        verify: bool | str = True,
        exit_after_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.qapp = qapp
        self.verify = verify
        self.exit_after_ms = exit_after_ms
        self.exit_code = 0
        self.settings = ConsoleSettings()
        self.window_state = WindowStateStore()
        self.languages = LanguageManager(qapp, self)
        self.languages.set_language(language or self.settings.language)
        self.connection: ConnectionService | None = None
        self.context: ConsoleContext | None = None
        self.window: MainWindow | None = None
        self.embedded: Any = None
        self._splash: StartupSplash | None = None
        self._login: LoginDialog | None = None
        self._shut_down = False
        self._announced = False
        # Quit is decided here (main window closed, sign-in cancelled), not by "last window
        # closed", which would fire between the splash/login closing and the window opening.
        qapp.setQuitOnLastWindowClosed(False)

    # -- wiring ---------------------------------------------------------------------------
    def _connect(self, base_url: str) -> ConnectionService:
        self.context = create_context(
            base_url,
            languages=self.languages,
            verify=self.verify,
            settings=self.settings,
            window_state=self.window_state,
            parent=self,
        )
        connection = self.connection = self.context.connection
        connection.signed_in.connect(self._on_signed_in)
        return connection

    def _open_main_window(self) -> None:
        if self.window is not None or self.context is None:
            return
        self.window = MainWindow(self.context)
        self.window.closed.connect(self.qapp.quit)
        if self.window.opens_maximized:
            self.window.showMaximized()
        else:
            self.window.show()
        self._maybe_announce()

    def _on_signed_in(self, _user: object) -> None:
        # Open the window before the dialog closes so the operator never sees a blank gap.
        self._open_main_window()
        self._maybe_announce()

    def _maybe_announce(self) -> None:
        """For smoke tests and scripts: say when the console is really up, then maybe quit."""
        if (
            self._announced
            or self.window is None
            or not self.window.isVisible()
            or self.connection is None
            or self.connection.user is None
        ):
            return
        self._announced = True
        print(f"ioc-console: main window shown, signed in as {self.connection.user.username}", flush=True)
        if self.exit_after_ms is not None:
            QTimer.singleShot(self.exit_after_ms, self.window.close)

    # -- remote mode ------------------------------------------------------------------------
    def start_remote(self, base_url: str) -> None:
        connection = self._connect(base_url)
        self.settings.backend_url = base_url
        self._login = LoginDialog(connection, username=self.settings.last_username)
        self._login.rejected.connect(self._login_cancelled)
        self._login.show()

    def _login_cancelled(self) -> None:
        if self.window is None:
            self.qapp.quit()

    # -- demo mode --------------------------------------------------------------------------
    def start_demo(self) -> None:
        from ioc_backend.embedded import EmbeddedBackend

        db_path = data_dir() / "demo.sqlite3"
        self.embedded = EmbeddedBackend(f"sqlite:///{db_path}", demo=True, simulator=True, host="127.0.0.1", port=0)
        self._splash = StartupSplash()
        self._splash.show()
        embedded = self.embedded
        ops.run_in_background(
            embedded.start, on_success=self._demo_backend_ready, on_failure=self._demo_failed, parent=self
        )

    def _demo_backend_ready(self, base_url: str) -> None:
        log.info("demo backend listening on %s", base_url)
        connection = self._connect(base_url)
        if self._splash is not None:
            self._splash.set_step("sign_in")
        connection.sign_in(
            DEMO_USERNAME, DEMO_PASSWORD, on_success=self._demo_signed_in, on_failure=self._demo_failed, parent=self
        )

    def _demo_signed_in(self, _session: object) -> None:
        if self._splash is not None:
            self._splash.close()
            self._splash.deleteLater()
            self._splash = None

    def _demo_failed(self, error: BaseException) -> None:
        log.error("demo start failed: %s", error, exc_info=error)
        if self._splash is not None:
            self._splash.close()
        self.exit_code = 1
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Demo could not start"),
            fill(
                self.tr("The built-in demo backend could not be started: %1"),
                getattr(error, "message", str(error)) or type(error).__name__,
            ),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the error text may quote the backend
        box.finished.connect(lambda _r: self.qapp.quit())
        box.open()
        if self.exit_after_ms is not None:  # unattended run: do not wait for a click
            print(f"ioc-console: demo failed: {error}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, self.qapp.quit)

    # -- shutdown ---------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the sync engine, close the cache, drain the worker pools, stop the demo backend."""
        if self._shut_down:
            return
        self._shut_down = True
        ops.http_pool().clear()  # queued reads are moot now; the logout below must not be dropped
        if self.connection is not None:
            # No logout here: that would revoke the offline grant too, and the next start could
            # not open offline. Tokens live only in memory and die with the process; an explicit
            # "Sign out" still revokes everything.
            self.connection.shutdown()
        if not ops.shutdown_pool(20_000, drop_queued=False):
            log.warning("some background operations did not finish before exit")
        if self.connection is not None:
            self.connection.client.close()
        if self.embedded is not None:
            try:
                self.embedded.stop()
            except Exception:
                log.exception("demo backend did not stop cleanly")
            self.embedded = None
