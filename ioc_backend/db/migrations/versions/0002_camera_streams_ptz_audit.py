"""Cameras gain vendor stream URLs and PTZ presets; the audit trail of PTZ commands and snapshots.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ioc_backend.db.models import Sequence64, UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only what is missing: a database that lost its alembic_version is taken for one from before
    # Alembic, stamped 0001 and upgraded again, and must come through that too.
    inspector = sa.inspect(op.get_bind())
    present = {column["name"] for column in inspector.get_columns("cameras")}
    new_columns: list[sa.Column[object]] = [
        # Nullable: existing cameras keep the backend's own streams and have no presets.
        sa.Column("main_stream_url", sa.String(length=2048), nullable=True),
        sa.Column("sub_stream_url", sa.String(length=2048), nullable=True),
        sa.Column("ptz_presets", sa.JSON(), nullable=True),
    ]
    with op.batch_alter_table("cameras") as batch:
        for column in new_columns:
            if column.name not in present:
                batch.add_column(column)
    if inspector.has_table("audit_log"):
        return
    op.create_table(
        "audit_log",
        sa.Column("id", Sequence64, primary_key=True, autoincrement=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("camera_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_index("ix_audit_log_camera_id", "audit_log", ["camera_id", "id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    with op.batch_alter_table("cameras") as batch:
        batch.drop_column("ptz_presets")
        batch.drop_column("sub_stream_url")
        batch.drop_column("main_stream_url")
