"""Opening a cache file safely: a corrupt or future-schema file is moved aside, never deleted."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from backend_client.cache.errors import (
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_LOCKED,
    SQLITE_READONLY,
    CacheOpenError,
    sqlite_primary_code,
)
from backend_client.cache.migrations import migrate, user_version
from backend_client.cache.paths import SIDE_SUFFIXES, ensure_private_dir, ensure_private_file, tighten_permissions
from backend_client.cache.schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
# Long enough for another process's checkpoint to finish, short enough not to hang startup.
BUSY_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class RecoveryNotice:
    """Why the previous cache file was set aside, where it went, and a sentence for the user."""

    reason: Literal["corrupt", "future_schema"]
    moved_to: Path
    message: str


class _Unusable(Exception):
    """The file cannot be used as our cache; ``reason`` says whether it is damaged or too new."""

    def __init__(self, reason: Literal["corrupt", "future_schema"], detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def connect_raw(path: Path) -> sqlite3.Connection:
    """A raw autocommit connection used for probing and migrating, before the store starts."""
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def _not_corruption(exc: sqlite3.Error) -> bool:
    """Locks and permission problems say nothing about the file's health: never move it for those."""
    return sqlite_primary_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_READONLY)


#: The ``sync_state`` key present while a store has the file open (set at open, removed at a
#: clean close). Finding it at open means the last session ended abnormally (crash, SIGKILL,
#: power loss) or saw a corruption error, so the full integrity check runs.
OPEN_MARKER_KEY = "open_since"


def _header_problem(path: Path) -> str | None:
    """Cheap checks of the 100-byte file header: magic string and, when the header vouches for
    it, that the file holds as many pages as the header says (a truncated copy does not)."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        return "it is not an SQLite database"
    if len(header) < 100:
        return "the file is truncated"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header page count is valid only when its "version-valid-for" number matches the
    # change counter (files written by old SQLite versions may not maintain it).
    count_valid = header[24:28] == header[92:96] and pages > 0
    if count_valid and pages * page_size > size:
        return f"the file is truncated ({size} bytes, the header says {pages * page_size})"
    return None


def _needs_full_check(conn: sqlite3.Connection, path: Path, version: int) -> bool:
    """The expensive ``quick_check`` (0.3–0.4 s on a 234 MB cache) runs only when there is a
    reason to suspect damage: the previous session did not close cleanly (its open marker is
    still there, or a write-ahead log was left behind), or the file predates the marker."""
    if version < 3:
        return True  # written before the marker existed: check once, while migrating
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return True
    row = conn.execute("SELECT 1 FROM sync_state WHERE key = ?", (OPEN_MARKER_KEY,)).fetchone()
    return row is not None


def _check(path: Path) -> None:
    """Raise ``_Unusable`` if ``path`` is not a healthy cache this code can open.

    A clean file is vetted cheaply (header, schema, a first query); damage that this misses
    surfaces as a failing query later, which leaves the open marker in place so the next
    open runs the full check and moves the file aside (see ``CacheStore``).
    """
    if path.stat().st_size == 0:
        return  # created but never written: SQLite treats it as a new empty database
    problem = _header_problem(path)
    if problem is not None:
        raise _Unusable("corrupt", problem)
    conn = connect_raw(path)
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # parses the schema: garbage there fails here
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = user_version(conn)
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (version or tables):
            raise _Unusable("corrupt", "it is an SQLite database of another program, not an IOC console cache")
        if version > SCHEMA_VERSION:
            raise _Unusable(
                "future_schema",
                f"it uses cache schema version {version} and this version of "
                f"the console understands up to version {SCHEMA_VERSION}",
            )
        if tables and _needs_full_check(conn, path, version):
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise _Unusable("corrupt", "the integrity check failed: " + "; ".join(problems[:3]))
    except sqlite3.Error as exc:
        if _not_corruption(exc):
            raise CacheOpenError(
                f"The local cache {path} cannot be opened: {exc}. Is another copy of the "
                "console running, or are the file permissions wrong?"
            ) from exc
        raise _Unusable("corrupt", f"SQLite reported: {exc}") from exc
    finally:
        conn.close()


def _aside_path(path: Path, tag: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.{tag}-{stamp}")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{tag}-{stamp}-{counter}")
        counter += 1
    return candidate


def move_aside(path: Path, tag: str) -> Path:
    """Rename the file and its SQLite side files to ``<name>.<tag>-<UTC stamp>[-wal|-shm]``.

    The -wal file can hold committed transactions, so it travels with the database: the
    moved copy can still be opened (and rescued) with any SQLite tool.
    """
    target = _aside_path(path, tag)
    os.replace(path, target)
    for suffix in SIDE_SUFFIXES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    return target


def _notice(reason: Literal["corrupt", "future_schema"], detail: str, moved_to: Path) -> RecoveryNotice:
    if reason == "future_schema":
        message = (
            f"The local cache was written by a newer version of the IOC console ({detail}). "
            f"It was moved aside to {moved_to} and a fresh cache was started; open it with the "
            "newer console to send any actions still waiting in it."
        )
    else:
        message = (
            f"The local cache file was damaged ({detail}). It was moved aside to {moved_to} and "
            "a fresh cache was started; data will be downloaded again from the server, but "
            "actions still waiting in the damaged file were not sent."
        )
    return RecoveryNotice(reason=reason, moved_to=moved_to, message=message)


def _migrate_file(path: Path) -> None:
    conn = connect_raw(path)
    try:
        # WAL must be switched on outside a transaction; it is persistent in the file.
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn)
    finally:
        conn.close()


def replace_corrupt_file(path: Path, detail: str) -> RecoveryNotice:
    """Move a file that failed while being opened aside and prepare a fresh cache in its place."""
    notice = _notice("corrupt", detail, move_aside(path, "corrupt"))
    ensure_private_file(path)
    try:
        _migrate_file(path)
    except sqlite3.Error as exc:
        raise CacheOpenError(f"A fresh local cache {path} cannot be created: {exc}.") from exc
    tighten_permissions(path)
    return notice


def prepare_cache_file(path: Path) -> RecoveryNotice | None:
    """Make ``path`` a healthy cache at ``SCHEMA_VERSION`` (creating it 0600 in a 0700 folder).

    A corrupt or too-new file is moved aside and replaced by a fresh one; the returned notice
    tells the user. Locks and permission problems raise ``CacheOpenError`` instead: moving a
    healthy file aside because another process holds it would lose its pending actions.
    """
    ensure_private_dir(path.parent)
    notice: RecoveryNotice | None = None
    if path.exists():
        try:
            _check(path)
        except _Unusable as unusable:
            tag = "future" if unusable.reason == "future_schema" else "corrupt"
            notice = _notice(unusable.reason, unusable.detail, move_aside(path, tag))
    ensure_private_file(path)
    try:
        _migrate_file(path)
    except sqlite3.Error as exc:
        if _not_corruption(exc) or notice is not None:
            raise CacheOpenError(f"The local cache {path} cannot be prepared: {exc}.") from exc
        # Damage that quick_check missed surfaced while migrating: same treatment, once.
        notice = _notice("corrupt", f"SQLite reported: {exc}", move_aside(path, "corrupt"))
        ensure_private_file(path)
        try:
            _migrate_file(path)
        except sqlite3.Error as again:
            raise CacheOpenError(f"A fresh local cache {path} cannot be created: {again}.") from again
    tighten_permissions(path)
    return notice
