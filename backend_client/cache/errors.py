"""Errors raised by the local cache store, with messages fit to show an operator."""

from __future__ import annotations

import sqlite3

# Primary SQLite result codes (the low byte of an extended code); see sqlite.org/rescode.html.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class CacheError(Exception):
    """Base class of every cache error; ``message`` is a plain English sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CacheWriteError(CacheError):
    """A write could not be committed (disk full, read-only, I/O error); nothing was half-written."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        #: "disk_full", "read_only", "io_error", "busy" or "database_error".
        self.reason = reason


class CacheOpenError(CacheError):
    """The cache file could not be opened for a reason that is not corruption (permissions, lock)."""


class CacheClosedError(CacheError):
    """The store (or its writer thread) was used after ``close()``."""


class InvalidChange(CacheError, ValueError):
    """A change object from the API does not have the documented shape; the batch was not applied."""


class InvalidOutboxRequest(CacheError, ValueError):
    """An action given to the outbox is malformed (bad method, path, key or body)."""


class OutboxStateError(CacheError):
    """An outbox entry is missing or not in a state that allows the requested move."""


def sqlite_primary_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc`` (or of its ``orig`` when SQLAlchemy wrapped it)."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:
        return None
    return int(code) & 0xFF


def write_error_from(exc: BaseException, action: str) -> CacheWriteError:
    """Translate a failed SQLite write into a ``CacheWriteError`` whose message says what to do."""
    code = sqlite_primary_code(exc)
    if code == SQLITE_FULL:
        return CacheWriteError(
            f"{action} could not be saved: the disk is full. Free some disk space and try again.", reason="disk_full"
        )
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN):
        return CacheWriteError(
            f"{action} could not be saved: the local cache file is read-only or cannot be opened for writing.",
            reason="read_only",
        )
    if code == SQLITE_IOERR:
        return CacheWriteError(
            f"{action} could not be saved: the disk reported an input/output error (it may be full or failing).",
            reason="io_error",
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return CacheWriteError(
            f"{action} could not be saved: the local cache is locked by another program.", reason="busy"
        )
    detail = str(getattr(exc, "orig", exc)) or type(exc).__name__
    return CacheWriteError(
        f"{action} could not be saved: the local cache refused the write ({detail}).", reason="database_error"
    )


def is_corruption(exc: BaseException) -> bool:
    """True when SQLite says the file itself is damaged (not a lock, permission or disk-full problem)."""
    return sqlite_primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def is_sqlite_error(exc: BaseException) -> bool:
    """True for sqlite3 errors, bare or wrapped by SQLAlchemy."""
    return isinstance(getattr(exc, "orig", exc), sqlite3.Error)
