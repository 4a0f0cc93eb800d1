"""Fixtures for console tests: translations, a themed app, consoles built from a context (shut down after)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from ioc_console.services import ops
from ioc_console.services.context import ConsoleContext, create_context
from ioc_console.services.i18n import LanguageManager
from ioc_console.shell.main_window import MainWindow
from ioc_console.shell.theme import apply_theme


@pytest.fixture(scope="session")
def themed_app(qapp):
    apply_theme(qapp)
    return qapp


@pytest.fixture()
def languages(themed_app) -> Iterator[LanguageManager]:
    manager = LanguageManager(themed_app)
    manager.set_language("vi")
    yield manager
    manager.uninstall()


@pytest.fixture()
def make_context(languages) -> Iterator[Callable[..., ConsoleContext]]:
    """Build console contexts; every one is shut down (stream stopped, pool drained) afterwards."""
    made: list[ConsoleContext] = []

    def make(base_url: str, engine_options: dict | None = None, **client_options) -> ConsoleContext:
        context = create_context(
            base_url, languages=languages, client_options=client_options or None, engine_options=engine_options
        )
        made.append(context)
        return context

    yield make
    for context in made:
        context.connection.shutdown()
    assert ops.shutdown_pool(30_000)
    for context in made:
        context.connection.client.close()


@pytest.fixture()
def make_window(qtbot, make_context) -> Callable[..., MainWindow]:
    def make(base_url: str, engine_options: dict | None = None, **client_options) -> MainWindow:
        window = MainWindow(make_context(base_url, engine_options, **client_options))
        qtbot.addWidget(window)
        return window

    return make
