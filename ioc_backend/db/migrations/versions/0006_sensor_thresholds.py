"""Sensors carry their warning and alarm thresholds; an alert may come from a sensor's threshold episode.

Revision ID: 0006
Revises: 0004 (to become 0005 when merged after the report satisfaction revision: the integrator
sets ``down_revision = "0005"``; nothing here depends on 0005's tables)
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

# Nullable: sensors of existing databases have no known thresholds until set (the demo's simulator
# gives its own sensors their site thresholds when it loads them).
_SENSOR_COLUMNS: tuple[tuple[str, Callable[[], sa.Column[object]]], ...] = (
    ("threshold_warning", lambda: sa.Column("threshold_warning", sa.Float(), nullable=True)),
    ("threshold_alarm", lambda: sa.Column("threshold_alarm", sa.Float(), nullable=True)),
)


def upgrade() -> None:
    # Only what is missing (as in 0002-0004): a database that lost its alembic_version is
    # stamped 0001 and upgraded again.
    inspector = sa.inspect(op.get_bind())
    present = {column["name"] for column in inspector.get_columns("sensors")}
    with op.batch_alter_table("sensors") as batch:
        for name, make in _SENSOR_COLUMNS:
            if name not in present:
                batch.add_column(make())
    if "sensor_id" not in {column["name"] for column in inspector.get_columns("alerts")}:
        with op.batch_alter_table("alerts") as batch:
            batch.add_column(sa.Column("sensor_id", sa.String(length=32), nullable=True))
            batch.create_foreign_key("fk_alerts_sensor_id", "sensors", ["sensor_id"], ["id"], ondelete="SET NULL")
    if "ix_alerts_sensor_id" not in {ix["name"] for ix in inspector.get_indexes("alerts")}:
        op.create_index("ix_alerts_sensor_id", "alerts", ["sensor_id"])


def downgrade() -> None:
    op.drop_index("ix_alerts_sensor_id", table_name="alerts")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint("fk_alerts_sensor_id", type_="foreignkey")
        batch.drop_column("sensor_id")
    with op.batch_alter_table("sensors") as batch:
        for name, _ in reversed(_SENSOR_COLUMNS):
            batch.drop_column(name)
