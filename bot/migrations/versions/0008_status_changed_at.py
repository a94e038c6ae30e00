"""members.status_changed_at: when a member was last paused, resumed or marked left, so "paused for
silence" (a pause Kindred made) is told apart from a pause of one's own after coming back, whatever else
about the member changed since

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 03:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("status_changed_at", sa.DateTime(), nullable=True))
    # The best we know of rows written before: a member's last change was at least their status's.
    op.execute("UPDATE members SET status_changed_at = updated_at WHERE status != 'active'")


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("status_changed_at")
