"""The services a workspace is built from, handed over explicitly (no globals)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from ioc_console.services.connection import ConnectionService
from ioc_console.services.event_text import AnalyticsCatalogue
from ioc_console.services.i18n import LanguageManager
from ioc_console.services.navigation import Navigation
from ioc_console.services.outbox_model import OutboxModel
from ioc_console.services.settings import ConsoleSettings, WindowStateStore


@dataclass
class ConsoleContext:
    connection: ConnectionService
    settings: ConsoleSettings
    window_state: WindowStateStore
    languages: LanguageManager
    outbox: OutboxModel
    #: Cross-workspace moves (reveal in the event log, open on the wall, show on the map).
    navigation: Navigation
    #: Analytic names and categories from the server, shared by the event log and the alert dialogs.
    analytics: AnalyticsCatalogue


GUI_SWITCH_INTERVAL_S = 0.001


def create_context(
    base_url: str,
    *,
    languages: LanguageManager,
    verify: bool | str = True,
    settings: ConsoleSettings | None = None,
    window_state: WindowStateStore | None = None,
    parent: QObject | None = None,
    client_options: dict[str, Any] | None = None,
    engine_options: dict[str, Any] | None = None,
) -> ConsoleContext:
    """Wire the connection, the outbox model and the shared services for one backend; each
    workspace builds its own models from them."""
    # Qt calls into Python (a paint asks the models for hundreds of cells) take the GIL once per
    # call; while a background thread runs Python (decoding a sync page, the prefetcher) each
    # of those waits up to the interpreter's switch interval, 5 ms by default — hundreds of ms
    # per repaint. 1 ms keeps the GUI thread responsive at a negligible cost to the workers.
    sys.setswitchinterval(min(sys.getswitchinterval(), GUI_SWITCH_INTERVAL_S))
    connection = ConnectionService(
        base_url, verify=verify, parent=parent, client_options=client_options, engine_options=engine_options
    )
    analytics = AnalyticsCatalogue()
    outbox = OutboxModel(connection, parent=parent)
    languages.language_changed.connect(lambda _language: outbox.refresh_texts())
    return ConsoleContext(
        connection=connection,
        settings=settings or ConsoleSettings(),
        window_state=window_state or WindowStateStore(),
        languages=languages,
        outbox=outbox,
        navigation=Navigation(parent),
        analytics=analytics,
    )
