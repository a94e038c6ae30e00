"""stored readings: each entry's and profile's sentence vector and vocabulary reading, with their key

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 16:30:00.000000

Existing rows keep everything they had and start with no vector; `kindred db upgrade` (and the first digest)
embeds what is missing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("members", "offers", "needs", "projects")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("embedding", sa.LargeBinary(), nullable=True))
            batch.add_column(sa.Column("embedding_key", sa.String(length=64), nullable=True))
            batch.add_column(sa.Column("analysis", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("analysis")
            batch.drop_column("embedding_key")
            batch.drop_column("embedding")
