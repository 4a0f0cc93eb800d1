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
# A briefing page stays this long on the leaders' screen before the next (the presenter may step).
DEFAULT_BRIEFING_INTERVAL_S = 30
MIN_BRIEFING_INTERVAL_S = 5
MAX_BRIEFING_INTERVAL_S = 3600


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

    @property
    def briefing_pages(self) -> list[str] | None:
        """The keys of the briefing's pages in the order chosen (BriefingPage.key); None until chosen
        once (then every page the workspaces offer is shown, in their order)."""
        if not self._store.contains("briefing/pages"):
            return None
        value = self._store.value("briefing/pages", [])
        if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
            return [value] if value else []
        return [str(v) for v in value if v] if isinstance(value, list) else []

    @briefing_pages.setter
    def briefing_pages(self, keys: list[str] | None) -> None:
        if keys is None:
            self._store.remove("briefing/pages")
        else:
            self._store.setValue("briefing/pages", [str(k) for k in keys])

    @property
    def briefing_interval_s(self) -> int:
        """Seconds each page stays on the big screen while the briefing rotates."""
        try:
            value = int(self._store.value("briefing/interval_s", DEFAULT_BRIEFING_INTERVAL_S))
        except (TypeError, ValueError):
            return DEFAULT_BRIEFING_INTERVAL_S
        return min(MAX_BRIEFING_INTERVAL_S, max(MIN_BRIEFING_INTERVAL_S, value))

    @briefing_interval_s.setter
    def briefing_interval_s(self, value: int) -> None:
        if not MIN_BRIEFING_INTERVAL_S <= int(value) <= MAX_BRIEFING_INTERVAL_S:
            raise ValueError(f"interval must be {MIN_BRIEFING_INTERVAL_S}..{MAX_BRIEFING_INTERVAL_S} s, not {value!r}")
        self._store.setValue("briefing/interval_s", int(value))

    @property
    def briefing_pack_folder(self) -> str:
        """Where the last briefing pack (PDF) was written ("" until the first one)."""
        return str(self._store.value("briefing/pack_folder", ""))

    @briefing_pack_folder.setter
    def briefing_pack_folder(self, value: str) -> None:
        self._store.setValue("briefing/pack_folder", value)

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
