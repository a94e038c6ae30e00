"""member_counts: how many members were active, paused and paused for their silence, one row per team and
digest period, for the dashboard's 12-week charts (a member keeps only their latest status); and the indexes
that let those charts read only the last weeks' intros, answers and outcomes, each need's first suggestion,
and when each entry was posted and closed, from indexes rather than rows

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 05:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


INDEXES = (
    ("intros", "ix_intros_team_id_created_at", ["team_id", "created_at"]),
    ("intros", "ix_intros_team_id_introduced_at", ["team_id", "introduced_at"]),
    ("intro_participants", "ix_intro_participants_answered_at", ["answered_at"]),
    ("intro_participants", "ix_intro_participants_outcome_at", ["outcome_at"]),
    ("suggestions", "ix_suggestions_team_id_need_id_created_at", ["team_id", "need_id", "created_at"]),
    *(
        (table, f"ix_{table}_team_id_status_created_at", ["team_id", "status", "created_at", "updated_at"])
        for table in ("offers", "needs", "projects")
    ),
)


def upgrade() -> None:
    op.create_table(
        "member_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Integer(), nullable=False),
        sa.Column("quiet", sa.Integer(), nullable=False),
        sa.Column("counted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_counts")),
        sa.UniqueConstraint("team_id", "period", name=op.f("uq_member_counts_team_id_period")),
    )
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _ in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("member_counts")
