"""Briefing mode: the main window full screen on the leaders' big screen, showing a chosen sequence of
pages from every workspace (``Workspace.briefing_pages()``), rotating or stepped by keyboard or a
presenter's clicker; Esc puts everything back as it was.

What the window looked like (state, geometry, chrome, fonts, current workspace, focus) is kept on
entering and restored on leaving. The stepping rules live in the Qt-free
:class:`~ioc_console.shell.briefing_sequence.BriefingSequence`; this class turns keys and timers into
its calls and shows what it says.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QToolBar,
    QWidget,
)

from ioc_console.services.briefing import BriefingPage, snapshot_workspaces
from ioc_console.services.event_text import LOCAL_TZ, fill
from ioc_console.services.workspace import Workspace
from ioc_console.shell.briefing_sequence import BriefingSequence, default_rank

log = logging.getLogger(__name__)

#: Fonts grow by this much on the big screen (12 pt → 21 pt: readable from the back of the room).
FONT_SCALE = 1.75
CLOCK_MS = 1000

# What each key does during a briefing. Presenter clickers send PageUp / PageDown (some also
# "." or B for the blank screen, and F5 / Esc for their start / stop button).
_COMMANDS: dict[Qt.Key, str] = {
    Qt.Key.Key_Right: "next",
    Qt.Key.Key_Down: "next",
    Qt.Key.Key_PageDown: "next",
    Qt.Key.Key_Space: "next",
    Qt.Key.Key_N: "next",
    Qt.Key.Key_Return: "next",
    Qt.Key.Key_Enter: "next",
    Qt.Key.Key_Left: "previous",
    Qt.Key.Key_Up: "previous",
    Qt.Key.Key_PageUp: "previous",
    Qt.Key.Key_Backspace: "previous",
    Qt.Key.Key_P: "previous",
    Qt.Key.Key_Home: "first",
    Qt.Key.Key_End: "last",
    Qt.Key.Key_B: "blank",
    Qt.Key.Key_Period: "blank",
    Qt.Key.Key_A: "auto",
    Qt.Key.Key_Escape: "leave",
    Qt.Key.Key_F5: "ignore",  # a clicker's start button again: already presenting
    Qt.Key.Key_F11: "ignore",  # the window stays full screen until Esc
}
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}
_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


def key_command(key: int, modifiers: Qt.KeyboardModifier) -> str | None:
    """The briefing command of a key press ("next", "go:3"...), None for keys the briefing leaves alone."""
    if modifiers & _MODIFIERS:
        return None
    try:
        qt_key = Qt.Key(key)
    except ValueError:
        return None
    if qt_key in _DIGITS:
        number = _DIGITS[qt_key]
        return f"go:{number or 10}"  # 1..9, and 0 for the tenth page
    return _COMMANDS.get(qt_key)


def scaled_style_sheet(sheet: str, factor: float) -> str:
    """The style sheet with every ``font-size`` in pt or px multiplied by ``factor``."""

    def grow(match: re.Match[str]) -> str:
        size = float(match.group(2)) * factor
        return f"{match.group(1)}{size:.0f}{match.group(3)}"

    return re.sub(r"(font-size\s*:\s*)(\d+(?:\.\d+)?)\s*(pt|px)", grow, sheet)


# The caption and the blank screen, added to the window's own sheet during a briefing.
_BRIEFING_SHEET = """
QFrame#briefingCaption { background: #0b0f14; border-top: 1px solid #1f2a36; }
QFrame#briefingCaption QLabel { color: #8795a4; font-size: %dpt; padding: 2px 10px; }
QFrame#briefingCaption QLabel#briefingCaptionTitle { color: #dfe6ee; font-weight: 600; }
QFrame#briefingCaption QLabel#briefingCaptionNote { color: #ffb020; font-weight: 600; }
"""


class BriefingCaption(QFrame):
    """The discreet line under the page: its title, "3 / 7", the clock and the rotation state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingCaption")
        self.title = self._label("briefingCaptionTitle")
        self.note = self._label("briefingCaptionNote")
        self.position = self._label("briefingCaptionPosition")
        self.rotation = self._label("briefingCaptionRotation")
        self.clock = self._label("briefingCaptionClock")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.rotation)
        layout.addWidget(self.position)
        layout.addWidget(self.clock)
        self.hide()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # page titles may hold operators' view names
        return label

    def text(self) -> str:
        parts = (self.title, self.note, self.rotation, self.position, self.clock)
        return " · ".join(w.text() for w in parts if w.text())


class BlankScreen(QWidget):
    """Black over the whole window: the audience looks at the presenter, not the screen."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("briefingBlank")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("black"))


@dataclass
class _Saved:
    """What the window looked like before the briefing."""

    window_state: Qt.WindowState
    geometry: QRect
    menu_bar: bool
    status_bar: bool
    navigation: bool
    widgets: list[QWidget] = field(default_factory=list)  # docks and tool bars that were shown
    workspace: str | None = None
    style_sheet: str = ""
    font: QFont | None = None
    focus: QWidget | None = None


class BriefingMode(QObject):
    """Enter, step, blank, leave. Built by the main window, which hands over what it must not know
    more of: the navigation widget, how to show a workspace, which one is current, the caption."""

    entered = Signal()
    left = Signal()
    page_shown = Signal(int)  # index in the sequence

    def __init__(
        self,
        window: QMainWindow,
        workspaces: Callable[[], Mapping[str, Workspace]],
        chosen_keys: Callable[[], list[str] | None],
        interval_s: Callable[[], int],
        show_workspace: Callable[[str], None],
        current_workspace: Callable[[], str | None],
        navigation: QWidget,
        caption: BriefingCaption,
        data_note: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(window)
        self._window = window
        self._workspaces = workspaces
        self._chosen_keys = chosen_keys
        self._interval_s = interval_s
        self._show_workspace = show_workspace
        self._current_workspace = current_workspace
        self._navigation = navigation
        self.caption = caption
        self._data_note = data_note
        self.blank_screen = BlankScreen(window)
        self.pages: list[tuple[str, BriefingPage]] = []  # (workspace key, page)
        self.sequence: BriefingSequence | None = None
        self._saved: _Saved | None = None
        self._key_window: QWindow | None = None
        self._restore_workspaces: Callable[[], None] = lambda: None
        self.rotation_timer = QTimer(self)
        self.rotation_timer.setSingleShot(True)
        self.rotation_timer.timeout.connect(self.on_rotation_timer)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_MS)
        self.clock_timer.timeout.connect(self._update_clock)

    # -- which pages ----------------------------------------------------------------------------
    def available_pages(self) -> list[tuple[str, BriefingPage]]:
        """Every page the workspaces offer, in the briefing's default order (dashboards, map, video
        wall, sensors, then the rest: ``briefing_sequence.DEFAULT_ORDER``)."""
        found: list[tuple[str, BriefingPage]] = []
        for key, workspace in self._workspaces().items():
            try:
                found += [(key, page) for page in workspace.briefing_pages()]
            except Exception:  # one workspace's fault must not stop the briefing
                log.exception("the %s workspace could not list its briefing pages", key)
        return sorted(found, key=lambda found_page: default_rank(found_page[1].key))

    def chosen_pages(self) -> list[tuple[str, BriefingPage]]:
        """The pages chosen for the briefing, in the chosen order (all of them until a choice is made);
        a chosen page that no longer exists (a deleted view) is skipped."""
        available = self.available_pages()
        keys = self._chosen_keys()
        if keys is None:
            return available
        by_key = {page.key: (owner, page) for owner, page in available}
        return [by_key[key] for key in keys if key in by_key]

    # -- entering and leaving -------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._saved is not None

    def enter(self) -> bool:
        """Start the briefing on its first page; False (and nothing changed) when there is no page."""
        if self.active:
            return True
        pages = self.chosen_pages()
        if not pages:
            return False
        window = self._window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        chrome: list[QWidget] = [
            w
            for w in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar))
            if w.parentWidget() is window and w.isVisible()
        ]
        self._saved = _Saved(
            window_state=window.windowState(),
            geometry=window.geometry(),
            menu_bar=window.menuBar().isVisible(),
            status_bar=window.statusBar().isVisible(),
            navigation=self._navigation.isVisible(),
            widgets=chrome,
            workspace=self._current_workspace(),
            style_sheet=window.styleSheet(),
            font=QFont(app.font()),
            focus=app.focusWidget(),
        )
        self.pages = pages
        self.sequence = BriefingSequence(len(pages), self._interval_s())
        # The pages may change their workspaces (another dashboard, a sensor chosen): put back on leaving.
        workspaces = self._workspaces()
        self._restore_workspaces = snapshot_workspaces(
            workspaces.get(owner) for owner in dict.fromkeys(o for o, _ in pages)
        )
        for widget in chrome:
            widget.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        self._navigation.hide()
        self._apply_fonts(app, self._saved)
        self._set_presenting(True)
        self.caption.show()
        # Keys are taken where the window system delivers them, at the window, before any widget.
        # Not an application-wide filter: PySide would wrap every object event reaches, including
        # QtWebEngine's half-built ones (a crash while the map loads). The window widget's filter
        # also follows its QWindow when Qt replaces it (see eventFilter, WinIdChange).
        window.installEventFilter(self)
        self._hook_key_window()
        # The keyboard focus stays on the caption, which belongs to the briefing: no page widget
        # (the map's layer panel, a web view, the wall's Space and Delete) sees a step key.
        self.caption.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.caption.installEventFilter(self)
        self.clock_timer.start()
        self._show_current()
        window.showFullScreen()
        # The font change re-lays out every widget; on some platforms the window's state is
        # reported back from before that settled. Once it has, full screen is asked again if lost.
        QTimer.singleShot(0, self._keep_full_screen)
        self.entered.emit()
        return True

    def _keep_full_screen(self) -> None:
        if self.active and not self._window.isFullScreen():
            self._window.showFullScreen()

    def leave(self) -> None:
        """Back to exactly what was there: window state and geometry, chrome, fonts, page, focus."""
        saved, self._saved = self._saved, None
        if saved is None:
            return
        window = self._window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._unhook_key_window()
        window.removeEventFilter(self)
        self.caption.removeEventFilter(self)
        self.caption.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._set_presenting(False)
        self.rotation_timer.stop()
        self.clock_timer.stop()
        self.blank_screen.hide()
        self.caption.hide()
        window.setStyleSheet(saved.style_sheet)
        if saved.font is not None:
            app.setFont(saved.font)
        window.menuBar().setVisible(saved.menu_bar)
        window.statusBar().setVisible(saved.status_bar)
        self._navigation.setVisible(saved.navigation)
        for widget in saved.widgets:
            if shiboken6.isValid(widget):
                widget.show()
        state = saved.window_state
        if state & Qt.WindowState.WindowFullScreen:
            pass  # it was full screen (F11) before: it stays so
        elif state & Qt.WindowState.WindowMaximized:
            window.showMaximized()
        else:
            window.showNormal()
            window.setGeometry(saved.geometry)
        restore, self._restore_workspaces = self._restore_workspaces, lambda: None
        restore()
        if saved.workspace is not None:
            self._show_workspace(saved.workspace)
        if saved.focus is not None and shiboken6.isValid(saved.focus):
            saved.focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.pages, self.sequence = [], None
        self.left.emit()

    def _hook_key_window(self) -> None:
        """The key filter on the window's current QWindow (moved off the one it was on, if alive)."""
        self._unhook_key_window()
        self._key_window = self._window.windowHandle()
        if self._key_window is not None:
            self._key_window.installEventFilter(self)

    def _unhook_key_window(self) -> None:
        if self._key_window is not None and shiboken6.isValid(self._key_window):
            self._key_window.removeEventFilter(self)
        self._key_window = None

    def _set_presenting(self, presenting: bool) -> None:
        """Every workspace shows its page without the operator's controls (or puts them back)."""
        for key, workspace in self._workspaces().items():
            try:
                workspace.set_presenting(presenting)
            except Exception:  # one workspace's fault must not stop (or trap) the briefing
                log.exception("the %s workspace could not switch its presenting state", key)

    def _apply_fonts(self, app: QApplication, saved: _Saved) -> None:
        font = QFont(app.font())
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * FONT_SCALE)
        app.setFont(font)
        # The theme's sheet sets sizes on every widget; the window's own sheet wins over the
        # application's, so the same sheet grown by the scale makes everything in it larger.
        base = saved.style_sheet or app.styleSheet()
        caption_pt = round(11 * FONT_SCALE)
        self._window.setStyleSheet(scaled_style_sheet(base, FONT_SCALE) + _BRIEFING_SHEET % caption_pt)

    # -- stepping -------------------------------------------------------------------------------
    def command(self, name: str) -> None:
        """Carry out one briefing command ("next", "previous", "first", "last", "blank", "auto",
        "go:N", "leave")."""
        sequence = self.sequence
        if sequence is None:
            return
        if name == "leave":
            self.leave()
            return
        if name.startswith("go:"):
            changed = sequence.go_to(int(name[3:]))
        else:
            move: dict[str, Callable[[], bool]] = {
                "next": sequence.next,
                "previous": sequence.previous,
                "first": sequence.first,
                "last": sequence.last,
                "blank": sequence.toggle_blank,
                "auto": sequence.toggle_auto,
            }
            step = move.get(name)
            changed = step() if step is not None else False
        if changed:
            self._show_current()

    def on_rotation_timer(self) -> None:
        """The page has been up for the interval: the next one (unless blanked or paused)."""
        if self.sequence is not None and self.sequence.tick():
            self._show_current()

    def _show_current(self) -> None:
        sequence = self.sequence
        if sequence is None:
            return
        if sequence.blank:
            self.blank_screen.setGeometry(self._window.rect())
            self.blank_screen.show()
            self.blank_screen.raise_()
        else:
            self.blank_screen.hide()
            owner, page = self.pages[sequence.index]
            if self._current_workspace() != owner:
                self._show_workspace(owner)
            try:
                page.activate()
            except Exception:  # the briefing goes on with the workspace as it is
                log.exception("briefing page %s could not be brought up", page.key)
            # Back from wherever the page put the focus (the wall takes it): see enter().
            self.caption.setFocus(Qt.FocusReason.OtherFocusReason)
            self.page_shown.emit(sequence.index)
        if sequence.rotating:
            self.rotation_timer.start(sequence.interval_s * 1000)
        else:
            self.rotation_timer.stop()
        self.retranslate_ui()

    # -- caption and language -------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Caption texts in the UI language; page titles are asked again from their workspaces."""
        sequence = self.sequence
        if sequence is None:
            return
        fresh = {page.key: (owner, page) for owner, page in self.available_pages()}
        self.pages = [fresh.get(page.key, (owner, page)) for owner, page in self.pages]
        _owner, page = self.pages[sequence.index]
        self.caption.title.setText(page.title)
        self.caption.position.setText(f"{sequence.position} / {sequence.count}")
        if sequence.blank:
            rotation = self.tr("Blank screen (B to show)")
        elif sequence.count > 1 and sequence.auto:
            rotation = fill(self.tr("Next page every %1 s"), str(sequence.interval_s))
        elif sequence.count > 1:
            rotation = self.tr("Rotation paused (A to resume)")
        else:
            rotation = ""
        self.caption.rotation.setText(rotation)
        self._update_clock()

    def _update_clock(self) -> None:
        self.caption.clock.setText(datetime.now(LOCAL_TZ).strftime("%H:%M"))
        note = self._data_note()
        self.caption.note.setText(note)
        self.caption.note.setVisible(bool(note))

    # -- keys -----------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and obj is self._window and self.blank_screen.isVisible():
            self.blank_screen.setGeometry(self._window.rect())
        if kind == QEvent.Type.WinIdChange and obj is self._window:
            # Qt replaces the window's QWindow when the first QtWebEngine view (the map, shown
            # for the first time during the briefing) joins it, and the filter went with the old
            # one: keys then reached the focused widget (the map's layer panel scrolled).
            self._hook_key_window()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        name = key_command(event.key(), event.modifiers())
        if name is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # Claim the key before any shortcut (a workspace's Space or Delete) or the focused
            # widget (the map's arrows) takes it; it then comes back as a key press.
            event.accept()
            return True
        self.command(name)
        return True
