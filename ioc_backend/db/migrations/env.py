"""Alembic environment: runs the revisions on the connection ``ioc_backend.db.migrate`` hands over."""

from __future__ import annotations

from alembic import context

from ioc_backend.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through ioc_backend.db.migrate (ioc-backend db upgrade), not the alembic CLI")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
