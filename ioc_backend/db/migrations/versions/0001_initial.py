"""The schema of the last release before Alembic: users, tokens, the six resources, change log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

from ioc_backend.db.initial_schema import initial_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    initial_schema().create_all(op.get_bind())


def downgrade() -> None:
    initial_schema().drop_all(op.get_bind())
