"""The tables of revision 0008 as PostgreSQL gets them (checked without a server: the DDL compiles
for its dialect, and the voters and eligibility tables have no column beyond the pair)."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from ioc_backend.db import models


def test_the_new_tables_compile_for_postgresql_and_keep_only_the_pair() -> None:
    dialect = postgresql.dialect()
    for model in (models.PollEligible, models.PollVoter, models.PrivateNote, models.MeetingPoll):
        ddl = str(CreateTable(models.table_of(model)).compile(dialect=dialect))
        assert "WITHOUT ROWID" not in ddl.upper()  # a SQLite-only option, never sent to PostgreSQL
    voters = str(CreateTable(models.table_of(models.PollVoter)).compile(dialect=dialect))
    assert "PRIMARY KEY (poll_id, user_id)" in voters
    for model in (models.PollVoter, models.PollEligible):
        assert [c.name for c in models.table_of(model).columns] == ["poll_id", "user_id"]
    vote = str(insert(models.table_of(models.PollVoter)).values(poll_id=1, user_id=2).compile(dialect=dialect))
    assert vote.startswith("INSERT INTO poll_voters (poll_id, user_id) VALUES")
