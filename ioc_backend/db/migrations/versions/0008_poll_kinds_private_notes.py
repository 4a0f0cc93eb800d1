"""Named and secret polls with a draft -> open -> closed -> published life; private notes on document pages.

Revision ID: 0008
Revises: 0007 (meeting members and attendance: eligibility to vote is taken from who is present)

Existing polls become named polls and keep their tallies; a closed one becomes published (its
result was already shown to everyone), an open one stays open. Their
votes stay in ``poll_votes`` (now the ballots of named polls only) and each voter is entered in
``poll_voters`` (who has voted, the table that refuses a second vote). A poll open before this
revision has no eligibility snapshot (``eligible_count`` NULL): every role holding ``poll.vote``
may still vote in it, once.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _pair_table(name: str) -> None:
    op.create_table(
        name,
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["poll_id"], ["meeting_polls.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("poll_id", "user_id"),
        # No id, no time, no rowid: the table keeps no insertion order (models.PollVoter).
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    present = {column["name"] for column in inspector.get_columns("meeting_polls")}
    with op.batch_alter_table("meeting_polls") as batch:
        if "kind" not in present:
            batch.add_column(sa.Column("kind", sa.String(length=10), nullable=False, server_default="named"))
        for name in ("opened_at", "published_at"):
            if name not in present:
                batch.add_column(sa.Column(name, sa.DateTime(), nullable=True))
        if "eligible_count" not in present:
            batch.add_column(sa.Column("eligible_count", sa.Integer(), nullable=True))
    tables = set(inspector.get_table_names())
    for name in ("poll_eligible", "poll_voters"):
        if name not in tables:
            _pair_table(name)
    if "private_notes" not in tables:
        op.create_table(
            "private_notes",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("owner_id", sa.Integer(), nullable=False),
            sa.Column("meeting_id", sa.Integer(), nullable=False),
            sa.Column("document_id", sa.Integer(), nullable=False),
            sa.Column("page", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("highlights", sa.JSON(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["owner_id"], ["users.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["document_id"], ["meeting_documents.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("owner_id", "document_id", "page", name="uq_private_notes_owner_page"),
        )
        op.create_index("ix_private_notes_owner_meeting", "private_notes", ["owner_id", "meeting_id"])
        op.create_index("ix_private_notes_document_id", "private_notes", ["document_id"])
    # Everyone who voted in an existing poll has voted (a second vote is now refused).
    op.execute(
        "INSERT INTO poll_voters (poll_id, user_id) SELECT DISTINCT v.poll_id, v.user_id FROM poll_votes v "
        "WHERE NOT EXISTS (SELECT 1 FROM poll_voters w WHERE w.poll_id = v.poll_id AND w.user_id = v.user_id)"
    )
    # An old poll's opening time is not known: its creation stands for it. A closed one had its
    # result shown to everyone already: it is published.
    op.execute("UPDATE meeting_polls SET opened_at = created_at WHERE opened_at IS NULL AND status <> 'draft'")
    op.execute("UPDATE meeting_polls SET status = 'published', published_at = closed_at WHERE status = 'closed'")
    _refresh_meeting_summaries(bind)


def _refresh_meeting_summaries(bind: sa.engine.Connection) -> None:
    """Rewrite each meeting's ``polls`` summary in the new shape (tallies hidden until published).

    The meeting's stored /sync JSON gets the same ``polls`` (its version and seq stay: clients
    that synced before see the new shape when the meeting next changes).
    """
    polls = sa.table(
        "meeting_polls",
        sa.column("id"),
        sa.column("meeting_id"),
        sa.column("question"),
        sa.column("options"),
        sa.column("kind"),
        sa.column("status"),
        sa.column("eligible_count"),
        sa.column("tallies"),
    )
    voters = sa.table("poll_voters", sa.column("poll_id"), sa.column("user_id"))
    meetings = sa.table("meetings", sa.column("id"), sa.column("polls", sa.JSON), sa.column("sync_json"))
    cast: dict[int, int] = {
        int(poll_id): int(count)
        for poll_id, count in bind.execute(sa.select(voters.c.poll_id, sa.func.count()).group_by(voters.c.poll_id))
    }
    by_meeting: dict[int, list[dict[str, object]]] = {}
    for row in bind.execute(sa.select(polls).order_by(polls.c.id)).mappings():
        options, tallies = (json.loads(v) if isinstance(v, str) else v for v in (row["options"], row["tallies"]))
        by_meeting.setdefault(row["meeting_id"], []).append(
            {
                "id": row["id"],
                "question": row["question"],
                "options": list(options),
                "kind": row["kind"] or "named",
                "status": row["status"],
                "votes_cast": int(cast.get(row["id"], 0)),
                "eligible": row["eligible_count"],
                "votes": list(tallies) if row["status"] == "published" else None,
            }
        )
    for meeting_id, summary in by_meeting.items():
        stored = bind.execute(sa.select(meetings.c.sync_json).where(meetings.c.id == meeting_id)).scalar()
        values: dict[str, object] = {"polls": summary}
        if stored:
            payload = json.loads(stored)
            payload["polls"] = summary
            values["sync_json"] = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        bind.execute(sa.update(meetings).where(meetings.c.id == meeting_id).values(**values))


def downgrade() -> None:
    op.drop_index("ix_private_notes_document_id", table_name="private_notes")
    op.drop_index("ix_private_notes_owner_meeting", table_name="private_notes")
    op.drop_table("private_notes")
    op.drop_table("poll_voters")
    op.drop_table("poll_eligible")
    with op.batch_alter_table("meeting_polls") as batch:
        for name in ("eligible_count", "published_at", "opened_at", "kind"):
            batch.drop_column(name)
