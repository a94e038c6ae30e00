"""digests, suggestions, pair feedback, intro requests

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:48:15.714351
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_runs")),
        sa.UniqueConstraint("team_id", "period", name=op.f("uq_digest_runs_team_id_period")),
    )
    op.create_table(
        "pair_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind", sa.Enum("not-for-me", name="feedbackkind", native_enum=False, length=20), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_pair_feedback_member_id_members"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["members.id"], name=op.f("fk_pair_feedback_other_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pair_feedback")),
        sa.UniqueConstraint(
            "team_id",
            "member_id",
            "other_id",
            "kind",
            name=op.f("uq_pair_feedback_team_id_member_id_other_id_kind"),
        ),
    )
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("can_help_you", "you_can_help", "kindred", name="kind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("other_project_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "shown", "intro-requested", "dismissed", name="suggestionstatus", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_suggestions_need_id_needs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_suggestions_offer_id_offers"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["members.id"], name=op.f("fk_suggestions_other_id_members"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["other_project_id"],
            ["projects.id"],
            name=op.f("fk_suggestions_other_project_id_projects"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_suggestions_project_id_projects"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["members.id"],
            name=op.f("fk_suggestions_recipient_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["digest_runs.id"], name=op.f("fk_suggestions_run_id_digest_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
        sa.UniqueConstraint(
            "run_id", "recipient_id", "other_id", name=op.f("uq_suggestions_run_id_recipient_id_other_id")
        ),
    )
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suggestions_recipient_id"), ["recipient_id"], unique=False)
        batch_op.create_index("ix_suggestions_team_id_created_at", ["team_id", "created_at"], unique=False)

    op.create_table(
        "intros",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column(
            "status", sa.Enum("requested", name="introstatus", native_enum=False, length=20), nullable=False
        ),
        sa.Column(
            "origin", sa.Enum("digest", name="introorigin", native_enum=False, length=20), nullable=False
        ),
        sa.Column("suggestion_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["other_id"], ["members.id"], name=op.f("fk_intros_other_id_members"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["members.id"], name=op.f("fk_intros_requester_id_members"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["suggestions.id"],
            name=op.f("fk_intros_suggestion_id_suggestions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intros")),
    )
    with op.batch_alter_table("intros", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intros_other_id"), ["other_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_intros_requester_id"), ["requester_id"], unique=False)
        batch_op.create_index("ix_intros_team_id_status", ["team_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intros", schema=None) as batch_op:
        batch_op.drop_index("ix_intros_team_id_status")
        batch_op.drop_index(batch_op.f("ix_intros_requester_id"))
        batch_op.drop_index(batch_op.f("ix_intros_other_id"))

    op.drop_table("intros")
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index("ix_suggestions_team_id_created_at")
        batch_op.drop_index(batch_op.f("ix_suggestions_recipient_id"))

    op.drop_table("suggestions")
    op.drop_table("pair_feedback")
    op.drop_table("digest_runs")
