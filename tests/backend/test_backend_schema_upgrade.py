"""A database made by an older release gains the indexes a newer release added."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ioc_backend.db.engine import Database
from ioc_backend.db.migrate import upgrade_database
from ioc_backend.db.models import Base


def test_missing_indexes_are_added_to_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    upgrade_database(Database(f"sqlite:///{path}"))
    expected = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    assert "ix_change_events_op_id" in expected
    with sqlite3.connect(path) as conn:  # pretend the file predates that index and schema versions
        conn.execute("DROP INDEX ix_change_events_op_id")
        conn.execute("DROP TABLE alembic_version")

    upgrade_database(Database(f"sqlite:///{path}"))

    with sqlite3.connect(path) as conn:
        present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert expected <= present
