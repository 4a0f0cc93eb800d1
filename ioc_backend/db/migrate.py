"""Bring a database to the newest schema with Alembic: at every start, or by ``ioc-backend db upgrade``."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from ioc_backend.db.engine import Database
from ioc_backend.db.legacy import bring_to_initial_revision, refresh_stored_json

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
INITIAL_REVISION = "0001"
# The newest revision in migrations/versions (a test checks they agree). Knowing it here lets a
# start on an up-to-date database skip loading Alembic at all: the console's demo starts the
# backend embedded and waits for it.
HEAD_REVISION = "0008"
# A table every release of the backend has had: its presence marks a database from before Alembic.
_LEGACY_MARKER = "change_events"


def upgrade_database(db: Database) -> None:
    """Migrate ``db`` to the newest revision, then refresh stale stored /sync JSON.

    A database from before Alembic (our tables, no ``alembic_version``) is first brought to
    revision 0001 by the code that used to upgrade it, and stamped 0001.
    """
    with db.write_lock, db.engine.begin() as conn:
        current = _current_revision(conn)
        if current != HEAD_REVISION:
            if current is None and inspect(conn).has_table(_LEGACY_MARKER):
                log.warning("upgrading a database made before schema versions to revision %s", INITIAL_REVISION)
                bring_to_initial_revision(conn)
                _run_alembic(conn, "stamp", INITIAL_REVISION)
            _run_alembic(conn, "upgrade", "head")
        refresh_stored_json(conn)


def _current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _run_alembic(conn: Connection, command_name: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    getattr(command, command_name)(config, revision)


def head_of_scripts() -> str | None:
    """The head revision as Alembic reads it from the scripts (for the test against HEAD_REVISION)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()
