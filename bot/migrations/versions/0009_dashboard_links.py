"""dashboard_links: one-time sign-in links to the admin dashboard (a hash of each token, who it signs in,
when it expires, when it was used, and when the session it opened was signed out)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 03:16:28.151010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dashboard_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("signed_out_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_dashboard_links_token_hash")),
    )
    with op.batch_alter_table("dashboard_links") as batch:
        batch.create_index(batch.f("ix_dashboard_links_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dashboard_links") as batch:
        batch.drop_index(batch.f("ix_dashboard_links_expires_at"))
    op.drop_table("dashboard_links")
