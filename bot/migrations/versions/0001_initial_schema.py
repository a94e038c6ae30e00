"""members, offers, needs, projects, deliveries

Revision ID: 0001
Revises:
Create Date: 2026-11-22 02:58:11.642686
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Enum("pending", "sent", "failed", name="deliverystatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("team_id", "user_id", "key", name=op.f("uq_deliveries_team_id_user_id_key")),
    )
    op.create_table(
        "members",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Enum("active", "paused", "left", name="memberstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column(
            "digest_cadence",
            sa.Enum(
                "weekly",
                "every-two-weeks",
                "monthly",
                "off",
                name="digestcadence",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("onboarded_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_members_team_id_user_id")),
    )
    op.create_table(
        "needs",
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column(
            "urgency",
            sa.Enum("low", "normal", "high", name="urgency", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column(
            "visibility",
            sa.Enum("shared", "private", name="visibility", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "resolved", "withdrawn", name="needstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_needs_member_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needs")),
    )
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_needs_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_needs_team_id"), ["team_id"], unique=False)

    op.create_table(
        "offers",
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "call",
                "async-review",
                "referral",
                "mentoring",
                "other",
                name="offerformat",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("monthly_capacity", sa.Integer(), nullable=True),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("active", "withdrawn", name="offerstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_offers_member_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offers_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offers_team_id"), ["team_id"], unique=False)

    op.create_table(
        "projects",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("help_wanted", sa.Text(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("active", "archived", name="projectstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_projects_member_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_projects_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_projects_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_projects_team_id"))
        batch_op.drop_index(batch_op.f("ix_projects_member_id"))

    op.drop_table("projects")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_team_id"))
        batch_op.drop_index(batch_op.f("ix_offers_member_id"))

    op.drop_table("offers")
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_needs_team_id"))
        batch_op.drop_index(batch_op.f("ix_needs_member_id"))

    op.drop_table("needs")
    op.drop_table("members")
    op.drop_table("deliveries")
