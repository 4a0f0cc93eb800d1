"""Paperless meetings: members and attendance, agenda items, speakers, conclusions, presenter state.

Revision ID: 0007
Revises: 0006

The meeting's JSON ``agenda`` becomes the items' summary: each entry of an existing meeting
becomes a pending agenda item (same title and presenter, in order) and the JSON gains the
items' ids and new fields, keeping ``title`` and ``presenter`` for older clients.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _utc() -> sa.types.TypeEngine[Any]:
    return sa.DateTime()


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, list) else []


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    tables = set(inspector.get_table_names())
    present = {column["name"] for column in inspector.get_columns("meetings")}
    with op.batch_alter_table("meetings") as batch:
        for name in ("quorum", "members", "attendance"):
            if name not in present:
                batch.add_column(sa.Column(name, sa.JSON(), nullable=True))
    if "meeting_members" not in tables:
        op.create_table(
            "meeting_members",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("role", sa.String(length=20), nullable=False),
            sa.Column("added_at", _utc(), nullable=False),
            sa.UniqueConstraint("meeting_id", "user_id", name="uq_meeting_members_user"),
        )
        op.create_index("ix_meeting_members_meeting_id", "meeting_members", ["meeting_id"])
        op.create_index("ix_meeting_members_user_id", "meeting_members", ["user_id"])
    if "meeting_attendance" not in tables:
        op.create_table(
            "meeting_attendance",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("checked_in_at", _utc(), nullable=False),
            sa.Column("checked_out_at", _utc(), nullable=True),
        )
        op.create_index("ix_meeting_attendance_meeting_user", "meeting_attendance", ["meeting_id", "user_id"])
    if "meeting_agenda_items" not in tables:
        op.create_table(
            "meeting_agenda_items",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("title", sa.String(length=300), nullable=False),
            sa.Column("presenter", sa.String(length=200), nullable=False),
            sa.Column("presenter_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
            sa.Column("minutes", sa.Integer(), nullable=True),
            sa.Column("documents", sa.JSON(), nullable=False),
            sa.Column("state", sa.String(length=10), nullable=False),
        )
        op.create_index("ix_meeting_agenda_items_meeting_id", "meeting_agenda_items", ["meeting_id"])
        op.create_index(
            "uq_meeting_agenda_items_current",
            "meeting_agenda_items",
            ["meeting_id"],
            unique=True,
            sqlite_where=sa.text("state = 'current'"),
            postgresql_where=sa.text("state = 'current'"),
        )
        _agenda_items_from_json(bind)
    if "meeting_speakers" not in tables:
        op.create_table(
            "meeting_speakers",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
            sa.Column(
                "item_id", sa.Integer(), sa.ForeignKey("meeting_agenda_items.id", ondelete="CASCADE"), nullable=False
            ),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("state", sa.String(length=10), nullable=False),
            sa.Column("requested_at", _utc(), nullable=False),
            sa.Column("started_at", _utc(), nullable=True),
            sa.Column("stopped_at", _utc(), nullable=True),
        )
        op.create_index("ix_meeting_speakers_meeting_id", "meeting_speakers", ["meeting_id"])
        op.create_index("ix_meeting_speakers_item_id", "meeting_speakers", ["item_id"])
    if "meeting_conclusions" not in tables:
        op.create_table(
            "meeting_conclusions",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
            sa.Column(
                "item_id", sa.Integer(), sa.ForeignKey("meeting_agenda_items.id", ondelete="CASCADE"), nullable=False
            ),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
            sa.Column("created_at", _utc(), nullable=False),
        )
        op.create_index("ix_meeting_conclusions_meeting_id", "meeting_conclusions", ["meeting_id"])
        op.create_index("ix_meeting_conclusions_item_id", "meeting_conclusions", ["item_id"])
    if "meeting_presenters" not in tables:
        op.create_table(
            "meeting_presenters",
            sa.Column("id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("presenter_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
            sa.Column("view", sa.JSON(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("updated_at", _utc(), nullable=False),
            sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
            sa.Column("sync_json", sa.Text(), nullable=True),
        )
        op.create_index("ix_meeting_presenters_seq", "meeting_presenters", ["seq"])
    task_columns = {column["name"] for column in inspector.get_columns("tasks")}
    if "conclusion_id" not in task_columns:
        with op.batch_alter_table("tasks") as batch:
            batch.add_column(sa.Column("conclusion_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                "fk_tasks_conclusion_id", "meeting_conclusions", ["conclusion_id"], ["id"], ondelete="SET NULL"
            )
        op.create_index("ix_tasks_conclusion_id", "tasks", ["conclusion_id"])


def _agenda_items_from_json(bind: sa.engine.Connection) -> None:
    """Every entry of every meeting's JSON agenda as a pending item; the JSON gains the ids."""
    meetings = sa.table("meetings", sa.column("id", sa.Integer()), sa.column("agenda", sa.JSON()))
    items = sa.table(
        "meeting_agenda_items",
        sa.column("id", sa.Integer()),
        sa.column("meeting_id", sa.Integer()),
        sa.column("position", sa.Integer()),
        sa.column("title", sa.String()),
        sa.column("presenter", sa.String()),
        sa.column("documents", sa.JSON()),
        sa.column("state", sa.String()),
    )
    for meeting_id, agenda in bind.execute(sa.select(meetings.c.id, meetings.c.agenda).order_by(meetings.c.id)).all():
        entries = [e for e in _as_list(agenda) if isinstance(e, dict) and e.get("title")]
        summary = []
        for position, entry in enumerate(entries):
            title = str(entry["title"])[:300]
            presenter = str(entry.get("presenter") or "")[:200]
            item_id = bind.execute(
                sa.insert(items)
                .values(
                    meeting_id=meeting_id,
                    position=position,
                    title=title,
                    presenter=presenter,
                    documents=[],
                    state="pending",
                )
                .returning(items.c.id)
            ).scalar_one()
            summary.append(
                {
                    "title": title,
                    "presenter": presenter,
                    "id": item_id,
                    "position": position,
                    "presenter_id": None,
                    "minutes": None,
                    "documents": [],
                    "state": "pending",
                    "speakers": [],
                    "conclusions": [],
                }
            )
        if summary:
            bind.execute(sa.update(meetings).where(meetings.c.id == meeting_id).values(agenda=summary))


def downgrade() -> None:
    op.drop_index("ix_tasks_conclusion_id", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_constraint("fk_tasks_conclusion_id", type_="foreignkey")
        batch.drop_column("conclusion_id")
    for table in (
        "meeting_presenters",
        "meeting_conclusions",
        "meeting_speakers",
        "meeting_agenda_items",
        "meeting_attendance",
        "meeting_members",
    ):
        op.drop_table(table)
    with op.batch_alter_table("meetings") as batch:
        for name in ("attendance", "members", "quorum"):
            batch.drop_column(name)
