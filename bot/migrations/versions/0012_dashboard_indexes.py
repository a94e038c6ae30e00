"""Indexes that let the dashboard's pages read indexes instead of rows at 100,000 members (the rows of
members, offers and needs hold their readings, so reading them is slow): what each active offer and open
need is about (its reading's concepts, in a new `concepts` column filled from the stored readings), the
members' statuses, each need's first introduction, and the needs each digest paired with an offer

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 09:20:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENTRIES = ("offers", "needs")
INDEXED = 1000  # bot.vectors.CONCEPTS_INDEXED when this was written: a longer reading stays unindexed
INDEXES = (
    (
        "offers",
        "ix_offers_team_id_status_concepts",
        ["team_id", "status", "member_id", "updated_at", "concepts"],
    ),
    (
        "needs",
        "ix_needs_team_id_status_concepts",
        ["team_id", "status", "visibility", "member_id", "created_at", "updated_at", "concepts"],
    ),
    ("members", "ix_members_team_id_status", ["team_id", "status"]),
    ("intros", "ix_intros_team_id_need_id_introduced_at", ["team_id", "need_id", "introduced_at"]),
    ("suggestions", "ix_suggestions_run_id_need_id_offer_id", ["run_id", "need_id", "offer_id"]),
)


def upgrade() -> None:
    for table in ENTRIES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("concepts", sa.Text(), nullable=True))
        op.execute(_fill(table))
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _ in INDEXES:
        op.drop_index(name, table_name=table)
    for table in ENTRIES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("concepts")


def _fill(name: str) -> sa.Update:
    """Each stored reading's concepts as JSON text (SQLite's JSON functions or PostgreSQL's operators)."""
    table = sa.table(name, sa.column("analysis"), sa.column("concepts"))
    concepts: sa.ColumnClause[Any]
    if op.get_bind().dialect.name == "postgresql":
        concepts = sa.literal_column("(analysis::json -> 'concepts')::text")
    else:
        concepts = sa.literal_column("json_extract(analysis, '$.concepts')")
    return (
        sa.update(table)
        .where(table.c.analysis.is_not(None), sa.func.length(concepts) <= INDEXED)
        .values(concepts=concepts)
    )
