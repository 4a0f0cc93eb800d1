"""Registry of workspaces shown in the main window's navigation; each workspace adds itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QByteArray, QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ioc_console.services.context import ConsoleContext

TRANSLATION_CONTEXT = "Workspaces"


@runtime_checkable
class FilterableWorkspace(Protocol):
    def focus_filter(self) -> None: ...


@runtime_checkable
class StatefulWorkspace(Protocol):
    def save_state(self) -> QByteArray: ...
    def restore_state(self, state: QByteArray) -> None: ...


@dataclass(frozen=True)
class WorkspaceSpec:
    """One workspace: a stable key (for saved state), an English title marked for
    translation with ``QT_TRANSLATE_NOOP("Workspaces", ...)``, and a factory."""

    key: str
    title: str
    factory: Callable[[ConsoleContext], QWidget]
    order: int = 100

    def translated_title(self) -> str:
        return QCoreApplication.translate(TRANSLATION_CONTEXT, self.title)


class WorkspaceRegistry:
    """Ordered set of workspaces; Ctrl+1..9 follow this order."""

    def __init__(self) -> None:
        self._specs: dict[str, WorkspaceSpec] = {}

    def register(self, spec: WorkspaceSpec) -> None:
        if spec.key in self._specs:
            raise ValueError(f"workspace {spec.key!r} is already registered")
        self._specs[spec.key] = spec

    def specs(self) -> list[WorkspaceSpec]:
        return sorted(self._specs.values(), key=lambda s: (s.order, s.key))

    def __len__(self) -> int:
        return len(self._specs)
