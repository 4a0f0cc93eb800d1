"""Where the cache file lives, and creating it (and its directory) private to the user."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "ioc-console"
HOME_ENV = "IOC_CONSOLE_HOME"
DIR_MODE = 0o700
FILE_MODE = 0o600
#: SQLite's companion files; they hold committed data too (WAL) so they get the same mode.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def data_dir() -> Path:
    """The console's data directory: ``$IOC_CONSOLE_HOME/data`` when set, else platformdirs'."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _safe(text: str) -> str:
    """A filename-safe rendering of ``text``; a short hash keeps distinct inputs distinct."""
    cleaned = _UNSAFE.sub("_", text).strip(".") or "_"
    if cleaned != text:
        cleaned += "-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return cleaned


def cache_file_name(backend_url: str, username: str) -> str:
    """``<host>_<port>-<username>.sqlite3`` with anything unsafe for a file name replaced."""
    parts = urlsplit(backend_url if "//" in backend_url else f"//{backend_url}")
    host = (parts.hostname or "localhost").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    return f"{_safe(f'{host}_{port}')}-{_safe(username)}.sqlite3"


def default_cache_path(backend_url: str, username: str) -> Path:
    """The per-backend, per-user cache file inside the data directory's ``cache`` folder."""
    return data_dir() / "cache" / cache_file_name(backend_url, username)


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and missing parents) and make the directory itself 0700.

    Parents that already existed are left alone: they may be shared system folders.
    """
    directory.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(directory, DIR_MODE)


def ensure_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if missing, so SQLite never creates it with the umask.

    SQLite gives its -wal/-shm files the mode of the database file, so they follow; we still
    tighten them in ``tighten_permissions`` in case an older copy was looser.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def tighten_permissions(path: Path) -> None:
    """Make the database file and whichever SQLite side files exist 0600."""
    for candidate in [path, *(Path(f"{path}{suffix}") for suffix in SIDE_SUFFIXES)]:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(candidate, FILE_MODE)
