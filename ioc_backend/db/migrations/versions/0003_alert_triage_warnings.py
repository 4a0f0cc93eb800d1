"""Alert triage (bundled detections, SLA due times and breaches, acknowledge and close times), the
alert history, and public warnings (CAP 1.2).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from ioc_backend.db.models import Sequence64, UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# (name, a factory of its Column: a Column object belongs to one table, so each upgrade makes its own)
_ALERT_COLUMNS: tuple[tuple[str, Callable[[], sa.Column[object]]], ...] = (
    ("detections", lambda: sa.Column("detections", sa.Integer(), nullable=False, server_default="1")),
    ("first_detected_at", lambda: sa.Column("first_detected_at", UTCDateTime(), nullable=True)),
    ("last_detected_at", lambda: sa.Column("last_detected_at", UTCDateTime(), nullable=True)),
    ("acknowledged_at", lambda: sa.Column("acknowledged_at", UTCDateTime(), nullable=True)),
    ("closed_at", lambda: sa.Column("closed_at", UTCDateTime(), nullable=True)),
    ("ack_due_at", lambda: sa.Column("ack_due_at", UTCDateTime(), nullable=True)),
    ("close_due_at", lambda: sa.Column("close_due_at", UTCDateTime(), nullable=True)),
    (
        "sla_breached",
        lambda: sa.Column("sla_breached", sa.Boolean(), nullable=False, server_default=sa.false()),
    ),
    ("sla_breached_at", lambda: sa.Column("sla_breached_at", UTCDateTime(), nullable=True)),
)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    present = {column["name"] for column in inspector.get_columns("alerts")}
    with op.batch_alter_table("alerts") as batch:
        for name, make in _ALERT_COLUMNS:
            if name not in present:
                batch.add_column(make())
    if "ix_alerts_sla_breached" not in {ix["name"] for ix in inspector.get_indexes("alerts")}:
        op.create_index("ix_alerts_sla_breached", "alerts", ["sla_breached"])
    # Existing alerts were single detections: first = last = detected_at.
    op.execute(
        "UPDATE alerts SET first_detected_at = detected_at, last_detected_at = detected_at "
        "WHERE first_detected_at IS NULL"
    )
    if not inspector.has_table("alert_history"):
        op.create_table(
            "alert_history",
            sa.Column("id", Sequence64, primary_key=True, autoincrement=True),
            sa.Column("alert_id", sa.Integer(), sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
            sa.Column("at", UTCDateTime(), nullable=False),
            sa.Column("username", sa.String(length=64), nullable=True),
            sa.Column("role", sa.String(length=20), nullable=True),
            sa.Column("action", sa.String(length=40), nullable=False),
            sa.Column("detail", sa.JSON(), nullable=False),
            sqlite_autoincrement=True,
        )
        op.create_index("ix_alert_history_alert_id", "alert_history", ["alert_id", "id"])
        op.create_index("ix_alert_history_at", "alert_history", ["at"])
        op.create_index("ix_alert_history_action", "alert_history", ["action"])
    if not inspector.has_table("warnings"):
        op.create_table(
            "warnings",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("identifier", sa.String(length=200), nullable=False, unique=True),
            sa.Column("sender", sa.String(length=200), nullable=False),
            sa.Column("state", sa.String(length=20), nullable=False),
            sa.Column("status", sa.String(length=20), nullable=False),
            sa.Column("msg_type", sa.String(length=20), nullable=False),
            sa.Column("scope", sa.String(length=20), nullable=False),
            sa.Column("sent", UTCDateTime(), nullable=True),
            sa.Column("references", sa.Text(), nullable=True),
            sa.Column("references_id", sa.Integer(), sa.ForeignKey("warnings.id"), nullable=True),
            sa.Column("alert_id", sa.Integer(), sa.ForeignKey("alerts.id"), nullable=True),
            sa.Column("info", sa.JSON(), nullable=False),
            sa.Column("area", sa.JSON(), nullable=False),
            sa.Column("created_by", sa.String(length=64), nullable=False),
            sa.Column("created_at", UTCDateTime(), nullable=False),
            sa.Column("published_by", sa.String(length=64), nullable=True),
            sa.Column("source_xml", sa.Text(), nullable=True),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("updated_at", UTCDateTime(), nullable=False),
            sa.Column("seq", Sequence64, nullable=False),
            sa.Column("sync_json", sa.Text(), nullable=True),
        )
        op.create_index("ix_warnings_state", "warnings", ["state"])
        op.create_index("ix_warnings_alert_id", "warnings", ["alert_id"])
        op.create_index("ix_warnings_seq", "warnings", ["seq"])


def downgrade() -> None:
    op.drop_table("warnings")
    op.drop_table("alert_history")
    op.drop_index("ix_alerts_sla_breached", table_name="alerts")
    with op.batch_alter_table("alerts") as batch:
        for name, _ in reversed(_ALERT_COLUMNS):
            batch.drop_column(name)
