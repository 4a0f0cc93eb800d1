"""Typed console settings behind one accessor class; window geometry kept in a separate file."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from ioc_domain.levels import LEVELS

APP_NAME = "ioc-console"
HOME_ENV = "IOC_CONSOLE_HOME"
SUPPORTED_LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
# Loud enough to be heard over a control room, not a siren: the operator turns it up if needed.
DEFAULT_ALERT_VOLUME = 0.7


def _root_or(kind: str, fallback: str) -> Path:
    root = os.environ.get(HOME_ENV)
    path = Path(root) / kind if root else Path(fallback)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Where settings live: ``$IOC_CONSOLE_HOME/config`` or the platform's user config dir."""
    return _root_or("config", platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Where data (e.g. the demo database) lives: ``$IOC_CONSOLE_HOME/data`` or the platform's."""
    return _root_or("data", platformdirs.user_data_dir(APP_NAME, appauthor=False))


class ConsoleSettings:
    """The console's user preferences, each a typed property with a safe default.

    Never holds secrets: no password or token is ever written here.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.ini"
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._store.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {value!r}; choose one of {SUPPORTED_LANGUAGES}")
        self._store.setValue("ui/language", value)

    @property
    def backend_url(self) -> str:
        return str(self._store.value("connection/backend_url", ""))

    @backend_url.setter
    def backend_url(self, value: str) -> None:
        self._store.setValue("connection/backend_url", value)

    @property
    def last_username(self) -> str:
        return str(self._store.value("connection/last_username", ""))

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._store.setValue("connection/last_username", value)

    @property
    def event_log_follow(self) -> bool:
        return bool(self._store.value("event_log/follow", True, type=bool))

    @event_log_follow.setter
    def event_log_follow(self, value: bool) -> None:
        self._store.setValue("event_log/follow", bool(value))

    @property
    def event_log_minimum_level(self) -> str:
        value = str(self._store.value("event_log/minimum_level", "info"))
        return value if value in LEVELS else "info"

    @event_log_minimum_level.setter
    def event_log_minimum_level(self, value: str) -> None:
        if value not in LEVELS:
            raise ValueError(f"unknown level {value!r}")
        self._store.setValue("event_log/minimum_level", value)

    @property
    def snapshot_folder(self) -> str:
        """Where the video wall writes snapshots ("" until the operator chose a folder once)."""
        return str(self._store.value("video/snapshot_folder", ""))

    @snapshot_folder.setter
    def snapshot_folder(self, value: str) -> None:
        self._store.setValue("video/snapshot_folder", value)

    @property
    def map_tile_url(self) -> str:
        """An XYZ tile server for the map's background when online ("" = none); {z}/{x}/{y} in it."""
        return str(self._store.value("map/tile_url", ""))

    @map_tile_url.setter
    def map_tile_url(self, value: str) -> None:
        self._store.setValue("map/tile_url", value)

    @property
    def map_mbtiles(self) -> str:
        """A local MBTiles file for the map's background, used before any tile server ("" = none)."""
        return str(self._store.value("map/mbtiles", ""))

    @map_mbtiles.setter
    def map_mbtiles(self, value: str) -> None:
        self._store.setValue("map/mbtiles", value)

    @property
    def map_snapshot_folder(self) -> str:
        """Where map snapshots were last saved ("" until the operator chose a folder once)."""
        return str(self._store.value("map/snapshot_folder", ""))

    @map_snapshot_folder.setter
    def map_snapshot_folder(self, value: str) -> None:
        self._store.setValue("map/snapshot_folder", value)

    @property
    def alert_sound_muted(self) -> bool:
        """No chime when a critical alert arrives (the flash still shows)."""
        return bool(self._store.value("alerts/sound_muted", False, type=bool))

    @alert_sound_muted.setter
    def alert_sound_muted(self, value: bool) -> None:
        self._store.setValue("alerts/sound_muted", bool(value))

    @property
    def alert_sound_volume(self) -> float:
        """Volume of the critical-alert chime, 0.0 (silent) to 1.0."""
        try:
            value = float(self._store.value("alerts/sound_volume", DEFAULT_ALERT_VOLUME))
        except (TypeError, ValueError):
            return DEFAULT_ALERT_VOLUME
        return min(1.0, max(0.0, value))

    @alert_sound_volume.setter
    def alert_sound_volume(self, value: float) -> None:
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"volume must be between 0.0 and 1.0, not {value!r}")
        self._store.setValue("alerts/sound_volume", float(value))

    def camera_favourites(self, username: str) -> list[str]:
        """The camera ids ``username`` marked as favourites on this console before they were kept on the
        server (a "camera_favourites" saved view); read once to upload them, then cleared."""
        value = self._store.value(f"video/favourites/{_key(username)}", [])
        if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
            return [value] if value else []
        return [str(v) for v in value if v] if isinstance(value, list) else []

    def set_camera_favourites(self, username: str, camera_ids: list[str]) -> None:
        self._store.setValue(f"video/favourites/{_key(username)}", sorted(camera_ids))

    def sync(self) -> None:
        self._store.sync()


def _key(username: str) -> str:
    """A user name as one settings key segment (no '/' or '\\' that would nest groups)."""
    return "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in username) or "_"


class WindowStateStore:
    """Opaque Qt geometry/state blobs (window, docks, splitters, headers), in their own file.

    Kept apart from :class:`ConsoleSettings` so a broken or foreign-screen geometry can be
    discarded without touching preferences.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "window-state.ini"
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def save(self, key: str, blob: QByteArray) -> None:
        self._store.setValue(f"state/{key}", blob)

    def load(self, key: str) -> QByteArray | None:
        value = self._store.value(f"state/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self._store.sync()
