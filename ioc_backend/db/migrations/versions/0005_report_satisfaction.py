"""Reports gain the citizen's satisfaction rating (1..5, given on closing), and an index on when
they were received (the period of GET /stats/reports).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_INDEX = "ix_reports_requested_datetime"


def upgrade() -> None:
    # Only what is missing (as in 0002..0004): a database that lost its alembic_version is
    # stamped 0001 and upgraded again. Nullable: existing reports have no rating.
    inspector = sa.inspect(op.get_bind())
    if "satisfaction" not in {column["name"] for column in inspector.get_columns("reports")}:
        with op.batch_alter_table("reports") as batch:
            batch.add_column(sa.Column("satisfaction", sa.Integer(), nullable=True))
    if _INDEX not in {ix["name"] for ix in inspector.get_indexes("reports")}:
        op.create_index(_INDEX, "reports", ["requested_datetime"])


def downgrade() -> None:
    op.drop_index(_INDEX, table_name="reports")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("satisfaction")
