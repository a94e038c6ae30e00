"""Digest runs, the suggestions each digest showed, and what members said about a pair."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.db import UTCDateTime
from bot.matching.model import Kind
from bot.models.base import enum_column, now_column


class SuggestionStatus(StrEnum):
    SHOWN = "shown"
    INTRO_REQUESTED = "intro-requested"
    DISMISSED = "dismissed"  # "Not for me"


class DigestRun(SQLModel, table=True):
    """One period's plan for one workspace: computed once, so re-runs send exactly what was planned."""

    __tablename__ = "digest_runs"
    __table_args__ = (sa.UniqueConstraint("team_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    period: str = Field(sa_type=sa.String(16))  # ISO week in the community's time zone: 2026-W48
    created_at: datetime = now_column()
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # how many suggestions the plan made, counted as it stored them (the dashboard sums these instead of
    # counting millions of rows; a member forgotten since does not change what was shown)
    suggestions: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class DigestSuggestion(SQLModel, table=True):
    __tablename__ = "suggestions"
    __table_args__ = (
        sa.UniqueConstraint("run_id", "recipient_id", "other_id"),
        sa.Index("ix_suggestions_team_id_created_at", "team_id", "created_at"),
        sa.Index("ix_suggestions_team_id_need_id_created_at", "team_id", "need_id", "created_at"),  # waits
        sa.Index("ix_suggestions_run_id_need_id_offer_id", "run_id", "need_id", "offer_id"),  # gaps
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    run_id: int = Field(foreign_key="digest_runs.id", ondelete="CASCADE")
    recipient_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    other_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    kind: Kind = Field(sa_type=enum_column(Kind))
    score: float
    reason: str = Field(sa_type=sa.Text)
    position: int = 0
    need_id: int | None = Field(default=None, foreign_key="needs.id", ondelete="SET NULL")
    offer_id: int | None = Field(default=None, foreign_key="offers.id", ondelete="SET NULL")
    project_id: int | None = Field(default=None, foreign_key="projects.id", ondelete="SET NULL")
    other_project_id: int | None = Field(default=None, foreign_key="projects.id", ondelete="SET NULL")
    status: SuggestionStatus = Field(default=SuggestionStatus.SHOWN, sa_type=enum_column(SuggestionStatus))
    created_at: datetime = now_column()
    acted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class FeedbackKind(StrEnum):
    NOT_FOR_ME = "not-for-me"


class PairFeedback(SQLModel, table=True):
    """A member's word about another member; "not for me" keeps the pair out of suggestions for good."""

    __tablename__ = "pair_feedback"
    __table_args__ = (sa.UniqueConstraint("team_id", "member_id", "other_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    member_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    other_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    kind: FeedbackKind = Field(sa_type=enum_column(FeedbackKind))
    created_at: datetime = now_column()
