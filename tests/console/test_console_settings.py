"""Settings live under IOC_CONSOLE_HOME, are typed, reject bad values and never hold a password."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from ioc_console.services.settings import ConsoleSettings, WindowStateStore, config_dir, data_dir


def test_paths_follow_ioc_console_home(qapp):
    home = Path(os.environ["IOC_CONSOLE_HOME"])
    assert config_dir() == home / "config" and config_dir().is_dir()
    assert data_dir() == home / "data" and data_dir().is_dir()
    assert ConsoleSettings().path.parent == home / "config"


def test_typed_values_round_trip_and_defaults(qapp):
    settings = ConsoleSettings()
    assert settings.language == "vi" and settings.event_log_follow is True
    assert settings.event_log_minimum_level == "info" and settings.backend_url == ""
    settings.language = "en"
    settings.event_log_follow = False
    settings.event_log_minimum_level = "critical"
    settings.backend_url = "https://ioc.example.vn"
    settings.last_username = "operator"
    settings.sync()
    again = ConsoleSettings()
    assert (again.language, again.event_log_follow, again.event_log_minimum_level) == ("en", False, "critical")
    assert again.backend_url == "https://ioc.example.vn" and again.last_username == "operator"


def test_bad_values_are_refused_or_ignored(qapp):
    settings = ConsoleSettings()
    with pytest.raises(ValueError, match="unsupported language"):
        settings.language = "fr"
    with pytest.raises(ValueError, match="unknown level"):
        settings.event_log_minimum_level = "loud"
    # A hand-edited file with nonsense falls back to defaults instead of breaking start-up.
    settings.sync()
    settings.path.write_text("[ui]\nlanguage=klingon\n[event_log]\nminimum_level=loud\n", encoding="utf-8")
    reread = ConsoleSettings()
    assert reread.language == "vi" and reread.event_log_minimum_level == "info"


def test_window_state_is_a_separate_file(qapp):
    store = WindowStateStore()
    assert store.path != ConsoleSettings().path
    assert store.load("main/geometry") is None
    store.save("main/geometry", QByteArray(b"\x01\x02blob"))
    store.sync()
    assert WindowStateStore().load("main/geometry") == QByteArray(b"\x01\x02blob")
