"""Private SQLite files: the database, its -wal/-shm/-journal are 0600, whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

log = logging.getLogger("ioc_backend.db.files")

FILE_MODE = 0o600
DIR_MODE = 0o700
# SQLite gives the files it creates beside the database the database file's own mode.
_COMPANIONS = ("-wal", "-shm", "-journal")


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.query.get("mode") == "memory":
        return None
    return Path(parsed.database).expanduser().absolute()


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700, or tighten it to 0700 if it exists.

    Only for directories that belong to the backend or its embedding application (their data
    directories), never for a directory the operator merely named a database file in.
    """
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask; an existing one is tightened
    return path


def secure_sqlite_files(url: str) -> None:
    """Create the database file as 0600 before SQLite does, and tighten existing files to 0600.

    SQLite would create it 0644 under the usual umask; the file holds password hashes and
    meeting documents. Its -wal and -shm inherit the database file's mode when SQLite creates them.
    """
    path = sqlite_path(url)
    if path is None:
        return
    if not path.exists():
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        except FileExistsError:
            pass  # created meanwhile by another process; tightened below
        else:
            os.close(fd)
    for file in [path, *(path.with_name(path.name + suffix) for suffix in _COMPANIONS)]:
        try:
            if stat.S_IMODE(file.stat().st_mode) != FILE_MODE:
                os.chmod(file, FILE_MODE)
        except FileNotFoundError:
            continue
        except PermissionError:
            log.warning("cannot make %s private (mode 0600): not its owner", file)
    parent = path.parent.stat().st_mode
    if parent & (stat.S_IRWXG | stat.S_IRWXO):
        log.info("the database directory %s is open to other users (mode %o)", path.parent, stat.S_IMODE(parent))
