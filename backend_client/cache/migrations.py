"""Brings a cache file up to ``SCHEMA_VERSION``, one transactional step per version."""

from __future__ import annotations

import sqlite3

from backend_client.cache.schema import SCHEMA_VERSION, STEPS


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a brand-new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Upgrade ``conn``'s database to ``SCHEMA_VERSION``; return the version it started at.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so we control the
    transactions: each step and its ``user_version`` bump commit together, so a crash or a
    full disk mid-migration leaves the file at the previous version, never in between.
    """
    start = user_version(conn)
    if start > SCHEMA_VERSION:
        raise ValueError(f"schema version {start} is newer than {SCHEMA_VERSION}")
    for version in range(start, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in STEPS[version]:
                conn.execute(statement)
            # PRAGMA takes no bound parameters; the value is our own integer.
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start
