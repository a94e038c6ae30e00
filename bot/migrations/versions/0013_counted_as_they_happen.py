"""How many suggestions each digest made (`digest_runs.suggestions`) and when a digest first suggested a
helper for each need (`needs.first_suggested_at`), kept as the digest stores its plan, so the dashboard's
all-time numbers do not count millions of suggestion rows as the history grows; both filled from the
suggestions stored so far

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 10:15:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = ("ix_needs_team_id_first_suggested_at", ["team_id", "first_suggested_at", "created_at"])


def upgrade() -> None:
    with op.batch_alter_table("digest_runs") as batch:
        batch.add_column(sa.Column("suggestions", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("needs") as batch:
        batch.add_column(sa.Column("first_suggested_at", sa.DateTime(), nullable=True))
    runs = sa.table("digest_runs", sa.column("id"), sa.column("suggestions"))
    needs = sa.table("needs", sa.column("id"), sa.column("team_id"), sa.column("first_suggested_at"))
    rows = sa.table(
        "suggestions",
        sa.column("run_id"),
        sa.column("team_id"),
        sa.column("need_id"),
        sa.column("created_at"),
    )
    made = sa.select(sa.func.count()).where(rows.c.run_id == runs.c.id).scalar_subquery()
    op.execute(sa.update(runs).values(suggestions=made))
    first = (
        sa.select(sa.func.min(rows.c.created_at))
        .where(rows.c.team_id == needs.c.team_id, rows.c.need_id == needs.c.id)  # the waits' index
        .scalar_subquery()
    )
    op.execute(sa.update(needs).values(first_suggested_at=first))
    op.create_index(INDEX[0], "needs", INDEX[1], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX[0], table_name="needs")
    with op.batch_alter_table("needs") as batch:
        batch.drop_column("first_suggested_at")
    with op.batch_alter_table("digest_runs") as batch:
        batch.drop_column("suggestions")
