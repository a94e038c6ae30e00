"""reconnect indexes: what the reconnect job asks on every tick, without reading every row of a team

`any_due` looks for a live row due by now (not the "Not for me" ones, whose dates stay in the past for
good: at 100,000 members it read 56,000 of them on every tick) and `credits_due` for the connectors still
to tell (it read every row of the team).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 03:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_reconnects_team_id_state_due_at": ["team_id", "state", "due_at"],
    "ix_reconnects_team_id_credit_due_at": ["team_id", "credit_due_at"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "reconnects", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="reconnects")
