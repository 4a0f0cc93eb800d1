"""The control-room main window, built from the workspace registry: navigation, menus, panels, status bar."""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backend_client.sync.connection_state import OFFLINE, ConnectionStatus
from ioc_console import __version__
from ioc_console.services import event_text
from ioc_console.services.briefing import BriefingPage, snapshot_workspaces
from ioc_console.services.context import ConsoleContext
from ioc_console.services.event_text import fill
from ioc_console.services.workspace import Workspace, WorkspaceAction, WorkspaceRegistry, WorkspaceSpec
from ioc_console.shell.briefing_mode import BriefingCaption, BriefingMode
from ioc_console.shell.briefing_pack import BriefingPackBuilder, PackCover
from ioc_console.shell.briefing_setup import BriefingSetupDialog
from ioc_console.shell.conflicts_panel import ConflictsPanel
from ioc_console.shell.login_dialog import LoginDialog
from ioc_console.shell.outbox_panel import OutboxPanel
from ioc_console.workspaces import default_registry
from ioc_domain.roles import may
from widgets.connection_indicator import ConnectionIndicator
from widgets.offline_banner import OfflineBanner
from widgets.shortcut_help import ShortcutHelpDialog

log = logging.getLogger(__name__)

MAX_WORKSPACE_SHORTCUTS = 9
#: Who may show the briefing and export its pack (they show operational data).
BRIEFING_PERMISSION = "ops.read"


class MainWindow(QMainWindow):
    """Built from a :class:`ConsoleContext`; knows nothing about how it was started."""

    closed = Signal()

    def __init__(
        self, context: ConsoleContext, registry: WorkspaceRegistry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._context = context
        self._connection = context.connection
        self._registry = registry or default_registry()
        self._specs: list[WorkspaceSpec] = self._registry.specs()
        self._workspaces: dict[str, Workspace] = {}
        self._workspace_actions: list[QAction] = []  # Ctrl+1..9: show workspace n
        self._contributed: dict[str, list[WorkspaceAction]] = {}  # each workspace's own actions
        self._workspace_menus: dict[str, QMenu] = {}
        self._shown_key: str | None = None  # the workspace told it is seen (on_shown), if any
        self._login_dialog: LoginDialog | None = None
        self._help_dialog: ShortcutHelpDialog | None = None
        self._was_maximized = False
        self._user: Any = None

        self._recovery_box: QMessageBox | None = None
        self._conflicts_seen = 0
        self.briefing_setup_dialog: BriefingSetupDialog | None = None
        self.pack_builder: BriefingPackBuilder | None = None
        self.pack_progress: QProgressDialog | None = None
        self.pack_message: QMessageBox | None = None
        self.last_pack_path: str | None = None
        #: How long a page brought up for the pack may paint before it is pictured (tests shorten it).
        self.pack_settle_ms: int | None = None

        self._build_workspaces()
        self._build_panels()
        self._build_outbox_docks()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()

        self._connection.state_changed.connect(self._on_connection_state)
        self._connection.status_changed.connect(self._on_status)
        self._connection.cache_recovered.connect(self.show_recovery_notice)
        context.outbox.counts_changed.connect(self._on_outbox_counts)
        self._connection.signed_in.connect(self._on_signed_in)
        self._connection.signed_out.connect(self._on_signed_out)
        self._connection.auth_required.connect(self._on_auth_required)
        context.navigation.workspace_requested.connect(self.show_workspace_key)

        self.resize(1600, 900)
        self._restore_window_state()
        self.retranslate_ui()
        self._apply_briefing_role()
        self._on_connection_state(self._connection.state)
        if self._connection.user is not None:
            self._on_signed_in(self._connection.user)

    # -- construction -----------------------------------------------------------------
    def _build_workspaces(self) -> None:
        self._nav = QListWidget(self)
        self._nav.setObjectName("workspaceNav")
        self._nav.setMinimumWidth(150)
        self._stack = QStackedWidget(self)
        self._stack.setObjectName("workspaceStack")
        for spec in self._specs:
            page = spec.factory(self._context)
            self._workspaces[spec.key] = page
            self._contributed[spec.key] = page.workspace_actions()
            page.status_message.connect(self.statusBar().showMessage)
            self._stack.addWidget(page)
            item = QListWidgetItem(self._nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
        self._nav.currentRowChanged.connect(self._stack.setCurrentIndex)
        self._nav.currentRowChanged.connect(lambda _row: self._update_shown())
        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setObjectName("mainSplitter")
        self._splitter.addWidget(self._nav)
        self._splitter.addWidget(self._stack)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([220, 1380])
        self._splitter.setChildrenCollapsible(False)
        self.offline_banner = OfflineBanner(self)
        self.offline_banner.setVisible(False)
        self.offline_banner.retry_requested.connect(self._connection.wake)
        central = QWidget(self)
        central.setObjectName("centralArea")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.offline_banner)
        column.addWidget(self._splitter, 1)
        self.briefing_caption = BriefingCaption(central)
        column.addWidget(self.briefing_caption)
        self.setCentralWidget(central)
        if self._specs:
            self._nav.setCurrentRow(0)
        settings = self._context.settings
        self.briefing = BriefingMode(
            self,
            workspaces=lambda: dict(self._workspaces),
            chosen_keys=lambda: settings.briefing_pages,
            interval_s=lambda: settings.briefing_interval_s,
            show_workspace=self.show_workspace_key,
            current_workspace=self.current_workspace_key,
            navigation=self._nav,
            caption=self.briefing_caption,
            data_note=self.briefing_data_note,
        )
        self.briefing.entered.connect(self._update_banner)
        self._conflicts_after_briefing = False
        self.briefing.left.connect(self._after_briefing)

    def _build_panels(self) -> None:
        """Dock every workspace's panels (the alert ticker...) where each allows, top first."""
        self._panel_toggles: list[QAction] = []
        for page in self._workspaces.values():
            for dock in page.panels():
                allowed = dock.allowedAreas()
                area = next(
                    (
                        a
                        for a in (
                            Qt.DockWidgetArea.TopDockWidgetArea,
                            Qt.DockWidgetArea.RightDockWidgetArea,
                            Qt.DockWidgetArea.BottomDockWidgetArea,
                            Qt.DockWidgetArea.LeftDockWidgetArea,
                        )
                        if allowed & a
                    ),
                    Qt.DockWidgetArea.TopDockWidgetArea,
                )
                self.addDockWidget(area, dock)
                self._panel_toggles.append(dock.toggleViewAction())

    def _build_outbox_docks(self) -> None:
        self.outbox_panel = OutboxPanel(self._context.outbox, self)
        self._outbox_dock = QDockWidget(self)
        self._outbox_dock.setObjectName("outboxDock")
        self._outbox_dock.setWidget(self.outbox_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._outbox_dock)
        self.conflicts_panel = ConflictsPanel(self._connection, self._context.outbox, self)
        self._conflicts_dock = QDockWidget(self)
        self._conflicts_dock.setObjectName("conflictsDock")
        self._conflicts_dock.setWidget(self.conflicts_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._conflicts_dock)
        self.tabifyDockWidget(self._outbox_dock, self._conflicts_dock)
        # Hidden until asked for (status bar buttons, View menu): the window must still fit a
        # small screen, and the status bar always shows the counts.
        self._outbox_dock.hide()
        self._conflicts_dock.hide()

    def show_conflicts(self) -> None:
        if self.briefing.active:
            # Not over the leaders' screen: shown as soon as the briefing ends.
            self._conflicts_after_briefing = True
            return
        first_time = not self._conflicts_dock.isVisible()
        self._conflicts_dock.show()
        self._conflicts_dock.raise_()
        if first_time:
            self.resizeDocks([self._conflicts_dock], [min(480, max(340, self.width() // 3))], Qt.Orientation.Horizontal)

    def show_pending_actions(self) -> None:
        first_time = not self._outbox_dock.isVisible()
        self._outbox_dock.show()
        self._outbox_dock.raise_()
        if first_time:  # wide enough to read what each action was
            self.resizeDocks([self._outbox_dock], [min(480, max(340, self.width() // 3))], Qt.Orientation.Horizontal)

    def _build_actions(self) -> None:
        def action(name: str, shortcut: QKeySequence | str | None, slot: Any, *, checkable: bool = False) -> QAction:
            act = QAction(self)
            act.setObjectName(name)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            act.setCheckable(checkable)
            (act.toggled if checkable else act.triggered).connect(slot)
            self.addAction(act)  # shortcuts work even when the menu bar is hidden (full screen)
            return act

        for position, spec in enumerate(self._specs[:MAX_WORKSPACE_SHORTCUTS]):
            act = action(
                f"workspace_{spec.key}",
                f"Ctrl+{position + 1}",
                lambda _checked=False, row=position: self.show_workspace(row),
            )
            self._workspace_actions.append(act)
        self.act_focus_filter = action("focusFilter", QKeySequence.StandardKey.Find, self.focus_filter)
        self.act_full_screen = action("fullScreen", "F11", self.toggle_full_screen)
        self.act_quit = action("quit", "Ctrl+Q", self.close)
        self.act_language = action("switchLanguage", "Ctrl+Shift+L", self.switch_language)
        self.act_shortcuts = action("shortcutsHelp", "F1", self.show_shortcuts)
        self.act_about = action("about", None, self.show_about)
        self.act_sign_out = action("signOut", None, self.sign_out)
        self.act_sign_in = action("signIn", None, lambda: self.prompt_sign_in(""))
        self.act_outbox = self._outbox_dock.toggleViewAction()
        self.act_outbox.setObjectName("toggleOutbox")
        self.act_outbox.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.act_conflicts = self._conflicts_dock.toggleViewAction()
        self.act_conflicts.setObjectName("toggleConflicts")
        self.act_conflicts.setShortcut(QKeySequence("Ctrl+Shift+K"))
        # F5 starts the briefing, as it starts a slide show (and a presenter clicker's start button
        # sends it); reconnecting is Ctrl+R.
        self.act_reconnect = action("reconnect", "Ctrl+R", self._connection.wake)
        # Queued, so the window changes state once the key that asked for it has been delivered
        # (the briefing also re-asks for full screen once the new fonts have settled).
        self.act_briefing = action("briefingMode", "F5", lambda: QTimer.singleShot(0, self.enter_briefing))
        self.act_briefing_setup = action("briefingSetup", None, self.choose_briefing_pages)
        self.act_briefing_pack = action("briefingPack", None, self.export_briefing_pack)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._file_menu = bar.addMenu("")
        self._file_menu.addAction(self.act_sign_in)
        self._file_menu.addAction(self.act_sign_out)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self.act_quit)
        self._view_menu = bar.addMenu("")
        for act in self._workspace_actions:
            self._view_menu.addAction(act)
        self._view_menu.addSeparator()
        self._view_menu.addAction(self.act_focus_filter)
        for toggle in self._panel_toggles:
            self._view_menu.addAction(toggle)
        self._view_menu.addAction(self.act_outbox)
        self._view_menu.addAction(self.act_conflicts)
        self._view_menu.addAction(self.act_reconnect)
        self._view_menu.addAction(self.act_full_screen)
        self._view_menu.addAction(self.act_language)
        self._briefing_menu = bar.addMenu("")
        self._briefing_menu.setObjectName("menu_briefing")
        self._briefing_menu.addAction(self.act_briefing)
        self._briefing_menu.addAction(self.act_briefing_setup)
        self._briefing_menu.addAction(self.act_briefing_pack)
        for spec in self._specs:
            listed = [item.action for item in self._contributed[spec.key] if item.in_menu]
            if listed:
                menu = bar.addMenu("")
                menu.setObjectName(f"menu_{spec.key}")
                menu.addActions(listed)
                self._workspace_menus[spec.key] = menu
        self._help_menu = bar.addMenu("")
        self._help_menu.addAction(self.act_shortcuts)
        self._help_menu.addAction(self.act_about)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        status.setSizeGripEnabled(False)
        self.connection_indicator = ConnectionIndicator(self)
        self.user_label = QLabel(self)
        self.user_label.setObjectName("statusUser")
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tls_warning_label = QLabel(self)
        self.tls_warning_label.setObjectName("statusTlsWarning")
        self.tls_warning_label.setVisible(self._connection.verify is False)
        self.pending_label = QPushButton(self)
        self.pending_label.setObjectName("statusPending")
        self.pending_label.setFlat(True)
        self.pending_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.pending_label.clicked.connect(self.show_pending_actions)
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setObjectName("statusConflicts")
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setVisible(False)
        self.conflicts_button.clicked.connect(self.show_conflicts)
        status.addWidget(self.connection_indicator)
        status.addWidget(self.pending_label)
        status.addWidget(self.conflicts_button)
        status.addWidget(self.user_label)
        status.addWidget(self.tls_warning_label)
        for page in self._workspaces.values():
            for item in page.status_items():
                status.addPermanentWidget(item)

    # -- workspaces ---------------------------------------------------------------------
    def workspace(self, key: str) -> Any:
        return self._workspaces.get(key)

    def current_workspace_key(self) -> str | None:
        row = self._nav.currentRow()
        return self._specs[row].key if 0 <= row < len(self._specs) else None

    def show_workspace(self, row: int) -> None:
        if 0 <= row < len(self._specs) and not self._nav.item(row).isHidden():
            self._nav.setCurrentRow(row)

    def workspace_allowed(self, key: str) -> bool:
        """False when the signed-in role may not see this workspace (its spec's permission)."""
        spec = next((s for s in self._specs if s.key == key), None)
        return spec is not None and spec.allowed_for(getattr(self._user, "role", None))

    def show_workspace_key(self, key: str) -> None:
        keys = [spec.key for spec in self._specs]
        if key in keys:
            self.show_workspace(keys.index(key))

    def focus_filter(self) -> None:
        key = self.current_workspace_key()
        if key is not None:
            self._workspaces[key].focus_filter()

    def _update_shown(self) -> None:
        """Tell workspaces when they become visible or not (page switch, window minimised or hidden)."""
        seen = self.isVisible() and not self.isMinimized()
        key = self.current_workspace_key() if seen else None
        if key == self._shown_key:
            return
        previous, self._shown_key = self._shown_key, key
        if previous is not None:
            self._workspaces[previous].on_hidden()
        if key is not None:
            self._workspaces[key].on_shown()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_shown()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._update_shown()

    def _apply_role(self) -> None:
        """Hide each workspace action the signed-in role may not use (ioc_domain.roles.PERMISSIONS)."""
        role = getattr(self._user, "role", None)
        self._apply_briefing_role()
        for contributed in self._contributed.values():
            for item in contributed:
                if item.permission is not None:
                    item.action.setVisible(item.allowed_for(role))
        # A whole workspace the role may not use (dashboards without ops.read): out of the
        # navigation, its Ctrl+N shortcut and its menu; signed out, every workspace stays listed.
        for row, spec in enumerate(self._specs):
            allowed = self._user is None or spec.allowed_for(role)
            self._nav.item(row).setHidden(not allowed)
            if row < len(self._workspace_actions):
                self._workspace_actions[row].setVisible(allowed)
                self._workspace_actions[row].setEnabled(allowed)
            if spec.key in self._workspace_menus:
                self._workspace_menus[spec.key].menuAction().setVisible(allowed)
        current = self._nav.currentRow()
        if 0 <= current < len(self._specs) and self._nav.item(current).isHidden():
            first = next((r for r in range(len(self._specs)) if not self._nav.item(r).isHidden()), -1)
            if first >= 0:
                self._nav.setCurrentRow(first)

    def _apply_briefing_role(self) -> None:
        """The briefing shows operational data: only for roles that read it (none before sign-in)."""
        briefing = may(getattr(self._user, "role", None), BRIEFING_PERMISSION)
        for act in (self.act_briefing, self.act_briefing_setup, self.act_briefing_pack):
            act.setVisible(briefing)
        self._briefing_menu.menuAction().setVisible(briefing)
        if not briefing:
            self.briefing.leave()

    # -- actions ------------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showMaximized() if self._was_maximized else self.showNormal()
        else:
            self._was_maximized = self.isMaximized()
            self.showFullScreen()

    def switch_language(self) -> None:
        language = self._context.languages.toggle()
        self._context.settings.language = language

    def show_shortcuts(self) -> None:
        if self._help_dialog is None:
            self._help_dialog = ShortcutHelpDialog(self.shortcut_list, self)
        self._help_dialog.retranslate_ui()
        self._help_dialog.show()
        self._help_dialog.raise_()

    def shortcut_list(self) -> list[tuple[QKeySequence | str, str]]:
        rows: list[tuple[QKeySequence | str, str]] = []
        for act, spec in zip(self._workspace_actions, self._specs, strict=False):
            if not act.isVisible():
                continue
            rows.append((act.shortcut(), fill(self.tr("Show workspace: %1"), spec.translated_title())))
        rows += [
            (self.act_focus_filter.shortcut(), self.tr("Search / filter the current view")),
            (self.act_full_screen.shortcut(), self.tr("Full screen on / off")),
            (self.act_language.shortcut(), self.tr("Switch language (Tiếng Việt / English)")),
            (self.act_reconnect.shortcut(), self.tr("Try to reach the server now")),
            *(
                [(self.act_briefing.shortcut(), self.tr("Briefing mode: full screen for the leaders' screen"))]
                if self.act_briefing.isVisible()
                else []
            ),
            (self.act_outbox.shortcut(), self.tr("Show / hide pending actions")),
            (self.act_conflicts.shortcut(), self.tr("Show / hide conflicts")),
        ]
        role = getattr(self._user, "role", None)
        for spec in self._specs:
            rows += [
                (item.action.shortcut(), item.help_text())
                for item in self._contributed[spec.key]
                if not item.action.shortcut().isEmpty() and (self._user is None or item.allowed_for(role))
            ]
        rows += [
            (self.act_shortcuts.shortcut(), self.tr("This list of shortcuts")),
            (self.act_quit.shortcut(), self.tr("Quit the console")),
        ]
        return rows

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About the IOC console"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(fill(self.tr("IOC Huế operator console %1\nBackend: %2"), __version__, self._connection.base_url))
        box.setIcon(QMessageBox.Icon.Information)
        box.open()

    def sign_out(self) -> None:
        self._connection.sign_out(on_done=lambda: self.prompt_sign_in(""))

    def prompt_sign_in(self, reason: str) -> None:
        """Open the sign-in dialog (window-modal, non-blocking); reused if already open."""
        if self._login_dialog is not None and self._login_dialog.isVisible():
            self._login_dialog.raise_()
            return
        user = self._connection.user
        username = getattr(user, "username", "") or self._context.settings.last_username
        self._login_dialog = LoginDialog(self._connection, self, username=username, reason=reason)
        self._login_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._login_dialog.open()

    def login_dialog(self) -> LoginDialog | None:
        return self._login_dialog

    # -- briefing -----------------------------------------------------------------------
    def enter_briefing(self) -> bool:
        """Full screen on the chosen briefing pages (F5); Esc leaves. False when nothing to show."""
        if not may(getattr(self._user, "role", None), BRIEFING_PERMISSION):
            return False
        if self.briefing.active:
            return True
        if self.pack_builder is not None:  # the pack is bringing pages up one by one
            return False
        if not self.briefing.enter():
            self.statusBar().showMessage(
                self.tr("No briefing page is chosen: choose them in Briefing ▸ Choose briefing pages…"), 10_000
            )
            return False
        return True

    def _after_briefing(self) -> None:
        self._update_banner()
        if self._conflicts_after_briefing:
            self._conflicts_after_briefing = False
            self.show_conflicts()

    def choose_briefing_pages(self) -> None:
        settings = self._context.settings
        dialog = BriefingSetupDialog(
            [page for _owner, page in self.briefing.available_pages()],
            settings.briefing_pages,
            settings.briefing_interval_s,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def keep(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                settings.briefing_pages = dialog.chosen_keys()
                settings.briefing_interval_s = dialog.interval_s()
                settings.sync()

        dialog.finished.connect(keep)
        self.briefing_setup_dialog = dialog
        dialog.open()

    def export_briefing_pack(self, path: str | None = None) -> bool:
        """Write the briefing pack (PDF) of the chosen pages; asks where unless ``path`` is given.
        Built page by page with a cancellable progress dialog; False if it did not start."""
        if self.pack_builder is not None or self.briefing.active:
            return False
        if not may(getattr(self._user, "role", None), BRIEFING_PERMISSION):
            return False
        chosen = self.briefing.chosen_pages()
        if not chosen:
            self.statusBar().showMessage(
                self.tr("No briefing page is chosen: choose them in Briefing ▸ Choose briefing pages…"), 10_000
            )
            return False
        settings = self._context.settings
        if not path:
            folder = settings.briefing_pack_folder or str(Path.home())
            name = datetime.now().strftime("goi-giao-ban-%Y%m%d-%H%M.pdf")
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the briefing pack"), str(Path(folder) / name), self.tr("PDF document (*.pdf)")
            )
            if not path:
                return False
            settings.briefing_pack_folder = str(Path(path).parent)
        owners = {page.key: owner for owner, page in chosen}
        shown_before = self.current_workspace_key()
        # Each workspace is put back as the operator had it (dashboard, period, ward, chosen sensor).
        restores = snapshot_workspaces(self.workspace(key) for key in dict.fromkeys(owners.values()))

        def bring_up(page: BriefingPage) -> None:
            owner = owners.get(page.key)
            if owner is not None:
                self.show_workspace_key(owner)
            page.activate()

        builder = BriefingPackBuilder(
            path,
            [page for _owner, page in chosen],
            PackCover(datetime.now(UTC), self._maker()),
            bring_up=bring_up,
            **({"settle_ms": self.pack_settle_ms} if self.pack_settle_ms is not None else {}),
            parent=self,
        )
        progress = QProgressDialog(self.tr("Making the briefing pack…"), self.tr("Cancel"), 0, builder.total, self)
        progress.setObjectName("briefingPackProgress")
        progress.setWindowTitle(self.tr("Briefing pack"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(builder.cancel)

        def progressed(done: int, total: int, what: str) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(fill(self.tr("Making the briefing pack: %1 (%2 / %3)"), what, str(done), str(total)))

        def ended() -> None:
            self.pack_builder = None
            self.pack_progress = None
            progress.canceled.disconnect(builder.cancel)
            progress.close()
            progress.deleteLater()
            builder.deleteLater()
            restores()
            if shown_before is not None:
                self.show_workspace_key(shown_before)

        def finished(written: str) -> None:
            ended()
            self.last_pack_path = written
            self.statusBar().showMessage(fill(self.tr("Briefing pack saved: %1"), written), 10_000)

        def failed(reason: str) -> None:
            ended()
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Briefing pack not saved"),
                fill(self.tr("The briefing pack could not be written to\n%1\n\n%2"), path, reason),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("briefingPackError")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.pack_message = box
            box.open()

        def cancelled() -> None:
            ended()
            self.statusBar().showMessage(self.tr("Briefing pack cancelled: no file was written"), 8000)

        builder.progressed.connect(progressed)
        builder.finished.connect(finished)
        builder.failed.connect(failed)
        builder.cancelled.connect(cancelled)
        self.pack_builder, self.pack_progress = builder, progress
        progress.show()
        builder.start()
        return True

    def _maker(self) -> str:
        user = self._user
        if user is None:
            return ""
        name = getattr(user, "full_name", "") or user.username
        return fill(self.tr("%1 (%2)"), name, event_text.role_label(getattr(user, "role", "")))

    # -- connection reactions -----------------------------------------------------------
    def _on_connection_state(self, state: str) -> None:
        self.connection_indicator.set_state(state)
        self._update_banner()

    def _on_status(self, status: ConnectionStatus) -> None:
        self.connection_indicator.set_state(status.state)
        # The absolute time of the next attempt: a status re-published for another reason (outbox
        # counts...) must not restart the countdown.
        if status.next_attempt_at is not None or status.next_retry_in is None:
            self.connection_indicator.set_next_attempt_at(status.next_attempt_at)
        else:
            self.connection_indicator.set_retry_in(status.next_retry_in)
        self._update_banner()

    def _update_banner(self) -> None:
        """The banner shows while signed in (online or from the cache) and the server is unreachable."""
        offline = self._connection.state == OFFLINE and self._user is not None
        if offline:
            as_of = self._connection.data_as_of
            self.offline_banner.set_data_as_of(event_text.format_local_time(as_of) if as_of is not None else "")
        # On the leaders' screen the banner gives way to a short note in the briefing's caption.
        self.offline_banner.setVisible(offline and not self.briefing.active)

    def briefing_data_note(self) -> str:
        """The caption's note while the data shown is the offline cache ("" when online)."""
        if self._connection.state != OFFLINE or self._user is None:
            return ""
        as_of = self._connection.data_as_of
        if as_of is None:
            return self.tr("Offline")
        return fill(self.tr("Offline: data as of %1"), as_of.astimezone(event_text.LOCAL_TZ).strftime("%H:%M"))

    def _on_outbox_counts(self, _pending: int, conflicts: int) -> None:
        self._update_outbox_labels()
        if conflicts > self._conflicts_seen:
            self.show_conflicts()  # a new conflict needs the operator's decision: put it in view
        self._conflicts_seen = conflicts

    def _update_outbox_labels(self) -> None:
        outbox = self._context.outbox
        pending, conflicts = outbox.pending_count(), outbox.conflict_count()
        self.pending_label.setText(fill(self.tr("Waiting to send: %1"), str(pending)))
        self.pending_label.setToolTip(
            self.tr(
                "Your actions saved on this computer and not yet confirmed by the "
                "server. They are sent in order as soon as the server answers."
            )
        )
        self.pending_label.setProperty("active", "true" if pending else "false")
        self.pending_label.style().unpolish(self.pending_label)
        self.pending_label.style().polish(self.pending_label)
        self.conflicts_button.setText(fill(self.tr("Conflicts: %1 — decide"), str(conflicts)))
        self.conflicts_button.setVisible(conflicts > 0)

    def show_recovery_notice(self, notice: object) -> None:
        """Tell the operator once that the damaged cache was set aside (nothing was deleted)."""
        reason = getattr(notice, "reason", "")
        if reason == "future_schema":
            why = self.tr("The data saved on this computer was written by a newer version of the console.")
        else:
            why = self.tr("The data saved on this computer was damaged.")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Local data was reset"),
            fill(
                self.tr(
                    "%1 It was moved aside to:\n%2\nThe console starts with empty local data "
                    "and fills it again from the server."
                ),
                why,
                str(getattr(notice, "moved_to", "")),
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("cacheRecoveryBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._recovery_box = box
        box.open()

    def recovery_box(self) -> QMessageBox | None:
        return self._recovery_box

    def _on_signed_in(self, user: Any) -> None:
        self._user = user
        self._context.settings.last_username = getattr(user, "username", "")
        self.act_sign_out.setEnabled(True)
        self.act_sign_in.setEnabled(False)
        self._apply_role()
        self._update_user_label()
        self._update_banner()

    def _on_signed_out(self) -> None:
        self.briefing.leave()
        self._user = None
        self.act_sign_out.setEnabled(False)
        self.act_sign_in.setEnabled(True)
        self._apply_role()
        self._update_user_label()
        self._update_banner()

    def _on_auth_required(self) -> None:
        self._on_signed_out()
        self.prompt_sign_in("expired")

    def _update_user_label(self) -> None:
        user = self._user
        if user is None:
            self.user_label.setText(self.tr("Not signed in"))
        else:
            self.user_label.setText(
                fill(
                    self.tr("%1 — %2"),
                    getattr(user, "full_name", "") or user.username,
                    event_text.role_label(getattr(user, "role", "")),
                )
            )
            self.user_label.setToolTip("<p>" + html.escape(fill(self.tr("Signed in as %1"), user.username)) + "</p>")

    # -- state persistence --------------------------------------------------------------
    def _restore_window_state(self) -> None:
        store = self._context.window_state
        geometry = store.load("main/geometry")
        # A control-room console belongs on the whole screen the first time it opens; after
        # that the operator's own layout (maximized or not) is restored as it was left.
        self.opens_maximized = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        elif self.screen() is not None:
            # Maximising is a request to the window manager; a kiosk-style X session on a wall
            # display may have none, so also cover the screen's work area ourselves.
            self.setGeometry(self.screen().availableGeometry())
        state = store.load("main/state")
        if state is not None:
            self.restoreState(state)
        splitter = store.load("main/splitter")
        if splitter is not None:
            self._splitter.restoreState(splitter)
        for key, page in self._workspaces.items():
            blob = store.load(f"workspace/{key}")
            if blob is not None:
                page.restore_state(blob)

    def save_window_state(self) -> None:
        store = self._context.window_state
        store.save("main/geometry", self.saveGeometry())
        store.save("main/state", self.saveState())
        store.save("main/splitter", self._splitter.saveState())
        for key, page in self._workspaces.items():
            blob = page.save_state()
            if blob is not None:
                store.save(f"workspace/{key}", blob)
        store.sync()
        self._context.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.briefing.leave()  # the layout kept is the operator's, not the big screen's
        if self.pack_builder is not None:
            self.pack_builder.cancel()
        self.save_window_state()
        super().closeEvent(event)
        self.closed.emit()

    # -- language -----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.WindowStateChange:
            self._update_shown()  # minimised: nothing can be seen
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("IOC Huế — Operator console"))
        self._file_menu.setTitle(self.tr("&File"))
        self._view_menu.setTitle(self.tr("&View"))
        self._help_menu.setTitle(self.tr("&Help"))
        for row, spec in enumerate(self._specs):
            title = spec.translated_title()
            item = self._nav.item(row)
            item.setText(f"{row + 1}   {title}" if row < MAX_WORKSPACE_SHORTCUTS else title)
            if row < len(self._workspace_actions):
                self._workspace_actions[row].setText(title)
            if spec.key in self._workspace_menus:
                self._workspace_menus[spec.key].setTitle(title)
            self._workspaces[spec.key].retranslate_ui()
        self.act_focus_filter.setText(self.tr("&Find / filter"))
        self.act_full_screen.setText(self.tr("F&ull screen"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_language.setText(
            self.tr("Switch to English")
            if self._context.languages.language() == "vi"
            else self.tr("Switch to Vietnamese")
        )
        self.act_shortcuts.setText(self.tr("&Keyboard shortcuts"))
        self.act_about.setText(self.tr("&About"))
        self.act_sign_out.setText(self.tr("Sign &out"))
        self.act_sign_in.setText(self.tr("&Sign in…"))
        self.act_outbox.setText(self.tr("&Pending actions"))
        self.act_conflicts.setText(self.tr("&Conflicts"))
        self.act_reconnect.setText(self.tr("&Reconnect now"))
        self._briefing_menu.setTitle(self.tr("&Briefing"))
        self.act_briefing.setText(self.tr("&Briefing mode"))
        self.act_briefing_setup.setText(self.tr("&Choose briefing pages…"))
        self.act_briefing_pack.setText(self.tr("&Export briefing pack (PDF)…"))
        self.briefing.retranslate_ui()
        self._outbox_dock.setWindowTitle(self.tr("Pending actions"))
        self._conflicts_dock.setWindowTitle(self.tr("Conflicts"))
        self._update_outbox_labels()
        self.tls_warning_label.setText(self.tr("TLS verification OFF"))
        self.tls_warning_label.setToolTip(
            self.tr("Started with --insecure-no-verify: the server's identity is not being checked.")
        )
        self._update_user_label()
