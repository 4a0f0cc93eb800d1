"""Tasks gain an optional place: latitude, longitude and the ward it lies in.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (name, a factory of its Column: a Column object belongs to one table, so each upgrade makes its own).
# Nullable: existing tasks have no place.
_TASK_COLUMNS: tuple[tuple[str, Callable[[], sa.Column[object]]], ...] = (
    ("lat", lambda: sa.Column("lat", sa.Float(), nullable=True)),
    ("lon", lambda: sa.Column("lon", sa.Float(), nullable=True)),
    ("ward", lambda: sa.Column("ward", sa.String(length=100), nullable=True)),
)


def upgrade() -> None:
    # Only what is missing (as in 0002 and 0003): a database that lost its alembic_version is
    # stamped 0001 and upgraded again.
    inspector = sa.inspect(op.get_bind())
    present = {column["name"] for column in inspector.get_columns("tasks")}
    with op.batch_alter_table("tasks") as batch:
        for name, make in _TASK_COLUMNS:
            if name not in present:
                batch.add_column(make())
    if "ix_tasks_ward" not in {ix["name"] for ix in inspector.get_indexes("tasks")}:
        op.create_index("ix_tasks_ward", "tasks", ["ward"])


def downgrade() -> None:
    op.drop_index("ix_tasks_ward", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        for name, _ in reversed(_TASK_COLUMNS):
            batch.drop_column(name)
