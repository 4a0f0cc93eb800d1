"""The workspace contract: what one workspace gives the main window, and the registry the shell builds from.

The shell knows no workspace by name. It builds each page from its :class:`WorkspaceSpec`,
then asks the page (a :class:`Workspace`) for its actions, status-bar items and docked panels,
tells it when it is shown or hidden, and saves and restores its state. Designed for the pages
that are coming: the video wall stops decoding when hidden (or the window is minimised), the
map stops pushing updates to its web view, meetings keep a follow mode in their state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QByteArray, QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from ioc_domain.roles import PERMISSIONS, may

if TYPE_CHECKING:
    from ioc_console.services.briefing import BriefingPage
    from ioc_console.services.context import ConsoleContext

TRANSLATION_CONTEXT = "Workspaces"


@dataclass(frozen=True)
class WorkspaceAction:
    """One action a workspace offers: its QAction (text and shortcut set by the workspace), the
    line the keyboard help shows for it, and the permission the signed-in role needs for it."""

    action: QAction
    #: The translated line for the keyboard help (called each time the help is shown).
    help_text: Callable[[], str]
    #: A key of ioc_domain.roles.PERMISSIONS; the shell hides the action from roles without it.
    permission: str | None = None
    #: Listed in the workspace's menu in the menu bar (False: keyboard / context menu only).
    in_menu: bool = True

    def __post_init__(self) -> None:
        if self.permission is not None and self.permission not in PERMISSIONS:
            raise ValueError(f"unknown permission {self.permission!r}")

    def allowed_for(self, role: str | None) -> bool:
        return self.permission is None or may(role, self.permission)


class Workspace(QWidget):
    """Base of every workspace page. The shell calls only the members below; each has a harmless
    default, so a workspace overrides what it has."""

    #: The ``kind`` of the saved views (/me/views) this workspace owns, e.g. "event_log", "video_wall".
    saved_view_kind: ClassVar[str | None] = None

    #: (text, timeout in ms): a passing message for the window's status bar.
    status_message = Signal(str, int)

    def workspace_actions(self) -> list[WorkspaceAction]:
        """Actions with shortcuts; listed in the keyboard help and (``in_menu``) in the workspace menu."""
        return []

    def status_items(self) -> list[QWidget]:
        """Widgets for the right-hand side of the status bar (always shown, whichever page is current)."""
        return []

    def panels(self) -> list[QDockWidget]:
        """Docked panels the window hosts (e.g. the alert ticker); their toggles go in the View menu."""
        return []

    def focus_filter(self) -> bool:
        """Put the keyboard in this page's search / filter box; False if it has none."""
        return False

    def on_shown(self) -> None:
        """The page became visible to the operator (current page, window not minimised)."""

    def on_hidden(self) -> None:
        """The page can no longer be seen: stop costly work (decoding video, pushing map updates)."""

    def save_state(self) -> QByteArray | None:
        """Layout to keep across restarts (column widths, splitters, follow mode); None: nothing."""
        return None

    def restore_state(self, state: QByteArray) -> None:
        """Apply what :meth:`save_state` returned in an earlier session."""

    def retranslate_ui(self) -> None:
        """Set every text again after a language change (the shell calls it for actions and items too)."""

    def briefing_snapshot(self) -> Callable[[], None]:
        """Called once before a briefing or a briefing pack shows this workspace's pages; returns
        what puts the workspace back exactly as the operator has it now (called once when the
        briefing ends or the pack is done). Pages' ``activate`` may then change anything.
        The default keeps what :meth:`save_state` keeps; a workspace whose pages change more
        (a chosen item, unsaved filters) overrides it."""
        state = self.save_state()
        return (lambda: self.restore_state(state)) if state is not None else (lambda: None)

    def briefing_pages(self) -> list[BriefingPage]:
        """Pages this workspace offers the leaders' briefing (full-screen rotation and the PDF pack)."""
        return []

    def set_presenting(self, presenting: bool) -> None:
        """The briefing starts (True) or ends (False): while presenting, show what the room should see
        (the map, the tiles, the chart, the figures) without the operator's controls; put them back
        exactly as they were after. Called on every workspace, shown or not."""


class OperatorControls:
    """The operator's controls of a page, hidden while it is presented and then put back as they were.

    Only the widgets not hidden before are hidden, and only those are shown again: a panel the
    operator had closed stays closed. ``isHidden()``, not ``isVisible()``: a workspace that is not
    the current page is invisible but its controls are not hidden. A splitter pane needs nothing
    more: QSplitter keeps a hidden pane's size and gives it back when the pane is shown (sizes
    saved here would be wrong for a page not laid out yet, such as a map never opened).
    """

    def __init__(self, widgets: Callable[[], Iterable[QWidget]]) -> None:
        self._widgets = widgets  # asked on entering: the page as it is then
        self._hidden: list[QWidget] | None = None

    @property
    def presenting(self) -> bool:
        return self._hidden is not None

    def set_presenting(self, presenting: bool) -> None:
        if presenting and self._hidden is None:
            self._hidden = [widget for widget in self._widgets() if not widget.isHidden()]
            for widget in self._hidden:
                widget.hide()
        elif not presenting and self._hidden is not None:
            for widget in self._hidden:
                widget.show()
            self._hidden = None


@dataclass(frozen=True)
class WorkspaceSpec:
    """One workspace: a stable key (for saved state and intents), an English title marked for
    translation with ``QT_TRANSLATE_NOOP("Workspaces", ...)``, and a factory building its page."""

    key: str
    title: str
    factory: Callable[[ConsoleContext], Workspace]
    order: int = 100
    #: A key of ioc_domain.roles.PERMISSIONS: the shell hides the workspace from roles without it.
    permission: str | None = None

    def __post_init__(self) -> None:
        if self.permission is not None and self.permission not in PERMISSIONS:
            raise ValueError(f"unknown permission {self.permission!r}")

    def allowed_for(self, role: str | None) -> bool:
        return self.permission is None or may(role, self.permission)

    def translated_title(self) -> str:
        return QCoreApplication.translate(TRANSLATION_CONTEXT, self.title)


class WorkspaceRegistry:
    """Ordered set of workspaces; Ctrl+1..9 follow this order."""

    def __init__(self, specs: tuple[WorkspaceSpec, ...] | list[WorkspaceSpec] = ()) -> None:
        self._specs: dict[str, WorkspaceSpec] = {}
        for spec in specs:
            self.register(spec)

    def register(self, spec: WorkspaceSpec) -> None:
        if spec.key in self._specs:
            raise ValueError(f"workspace {spec.key!r} is already registered")
        self._specs[spec.key] = spec

    def specs(self) -> list[WorkspaceSpec]:
        return sorted(self._specs.values(), key=lambda s: (s.order, s.key))

    def __len__(self) -> int:
        return len(self._specs)
