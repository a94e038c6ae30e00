"""digests, suggestions, pair feedback, intros

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:25:39.244346
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
        sa.Column(
            "origin",
            sa.Enum("digest", "need", "connector", name="introorigin", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "awaiting-consent",
                "accepted",
                "introduced",
                "followed-up",
                "met",
                "not-yet",
                "not-a-fit",
                "declined",
                "expired",
                "cancelled",
                name="introstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("suggestion_id", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("introduced_at", sa.DateTime(), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("follow_ups_sent", sa.Integer(), nullable=False),
        sa.Column("next_follow_up_at", sa.DateTime(), nullable=True),
        sa.Column("connector_told_at", sa.DateTime(), nullable=True),
        sa.Column("ended_told_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["connector_id"], ["members.id"], name=op.f("fk_intros_connector_id_members"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_intros_need_id_needs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_intros_offer_id_offers"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["members.id"],
            name=op.f("fk_intros_requested_by_id_members"),
            ondelete="CASCADE",
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
        batch_op.create_index(batch_op.f("ix_intros_requested_by_id"), ["requested_by_id"], unique=False)
        batch_op.create_index("ix_intros_team_id_status", ["team_id", "status"], unique=False)

    op.create_table(
        "intro_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("low_id", sa.Integer(), nullable=False),
        sa.Column("high_id", sa.Integer(), nullable=False),
        sa.Column("intro_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["high_id"], ["members.id"], name=op.f("fk_intro_pairs_high_id_members"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["intro_id"], ["intros.id"], name=op.f("fk_intro_pairs_intro_id_intros"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["low_id"], ["members.id"], name=op.f("fk_intro_pairs_low_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intro_pairs")),
        sa.UniqueConstraint(
            "team_id", "low_id", "high_id", name=op.f("uq_intro_pairs_team_id_low_id_high_id")
        ),
    )
    op.create_table(
        "intro_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intro_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "consent",
            sa.Enum("pending", "yes", "no", name="consent", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("asked_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("consent_channel", sa.String(length=32), nullable=True),
        sa.Column("consent_ts", sa.String(length=32), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum("met", "not-yet", "not-a-fit", name="outcome", native_enum=False, length=20),
            nullable=True,
        ),
        sa.Column("outcome_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["intro_id"],
            ["intros.id"],
            name=op.f("fk_intro_participants_intro_id_intros"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_intro_participants_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intro_participants")),
        sa.UniqueConstraint("intro_id", "member_id", name=op.f("uq_intro_participants_intro_id_member_id")),
    )
    with op.batch_alter_table("intro_participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intro_participants_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intro_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intro_participants_member_id"))

    op.drop_table("intro_participants")
    op.drop_table("intro_pairs")
    with op.batch_alter_table("intros", schema=None) as batch_op:
        batch_op.drop_index("ix_intros_team_id_status")
        batch_op.drop_index(batch_op.f("ix_intros_requested_by_id"))

    op.drop_table("intros")
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index("ix_suggestions_team_id_created_at")
        batch_op.drop_index(batch_op.f("ix_suggestions_recipient_id"))

    op.drop_table("suggestions")
    op.drop_table("pair_feedback")
    op.drop_table("digest_runs")
