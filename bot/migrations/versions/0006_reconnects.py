"""reconnects: when each side of an intro that ended in "We met" is nudged about the other; and each
member's choice to get such nudges at all

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 00:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("waiting", "snoozed", "in-touch", "not-for-me")


def upgrade() -> None:
    op.create_table(
        "reconnects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("intro_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column(
            "state", sa.Enum(*STATES, name="reconnectstate", native_enum=False, length=20), nullable=False
        ),
        sa.Column("nudges_sent", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("in_touch_at", sa.DateTime(), nullable=True),
        sa.Column("credit_due_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intro_id"], ["intros.id"], name=op.f("fk_reconnects_intro_id_intros"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_reconnects_member_id_members"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["members.id"], name=op.f("fk_reconnects_other_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconnects")),
        sa.UniqueConstraint("intro_id", "member_id", name=op.f("uq_reconnects_intro_id_member_id")),
    )
    op.create_index(op.f("ix_reconnects_member_id"), "reconnects", ["member_id"])
    op.create_index("ix_reconnects_team_id_due_at", "reconnects", ["team_id", "due_at"])
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("reconnects_on", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("reconnects_on")
    op.drop_index("ix_reconnects_team_id_due_at", table_name="reconnects")
    op.drop_index(op.f("ix_reconnects_member_id"), table_name="reconnects")
    op.drop_table("reconnects")
