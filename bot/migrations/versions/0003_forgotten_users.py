"""forgotten users: the tombstone that keeps Kindred from contacting someone who asked to be forgotten

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 04:57:37.541753
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "forgotten_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("forgotten_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forgotten_users")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_forgotten_users_team_id_user_id")),
    )


def downgrade() -> None:
    op.drop_table("forgotten_users")
