"""Intros: the request, each participant's consent, the outcome, and the pairs already introduced."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.db import UTCDateTime
from bot.models.base import enum_column, now_column


class IntroStatus(StrEnum):
    REQUESTED = "requested"  # recorded; consent not asked yet (queued behind a weekly limit)
    AWAITING_CONSENT = "awaiting-consent"
    ACCEPTED = "accepted"  # both said yes; the group DM is on its way
    INTRODUCED = "introduced"
    FOLLOWED_UP = "followed-up"  # "How did it go?" sent, no answer yet
    MET = "met"
    NOT_YET = "not-yet"
    NOT_A_FIT = "not-a-fit"
    DECLINED = "declined"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class IntroOrigin(StrEnum):
    DIGEST = "digest"  # "Introduce us" on a digest suggestion
    NEED = "need"  # "Ask for an intro" right after /need-help
    CONNECTOR = "connector"  # /intro @a @b why


class Consent(StrEnum):
    PENDING = "pending"
    YES = "yes"
    NO = "no"


class Outcome(StrEnum):
    MET = "met"
    NOT_YET = "not-yet"
    NOT_A_FIT = "not-a-fit"


class Intro(SQLModel, table=True):
    __tablename__ = "intros"
    __table_args__ = (
        sa.Index("ix_intros_team_id_status", "team_id", "status"),
        sa.Index("ix_intros_team_id_created_at", "team_id", "created_at"),  # the dashboard's weeks
        sa.Index("ix_intros_team_id_introduced_at", "team_id", "introduced_at"),
        sa.Index("ix_intros_team_id_need_id_introduced_at", "team_id", "need_id", "introduced_at"),  # waits
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    origin: IntroOrigin = Field(sa_type=enum_column(IntroOrigin))
    status: IntroStatus = Field(default=IntroStatus.REQUESTED, sa_type=enum_column(IntroStatus))
    requested_by_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    connector_id: int | None = Field(default=None, foreign_key="members.id", ondelete="SET NULL")
    reason: str = Field(default="", sa_type=sa.Text)  # a connector's own words; never a private need
    need_id: int | None = Field(default=None, foreign_key="needs.id", ondelete="SET NULL")
    offer_id: int | None = Field(default=None, foreign_key="offers.id", ondelete="SET NULL")
    suggestion_id: int | None = Field(default=None, foreign_key="suggestions.id", ondelete="SET NULL")
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    introduced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    channel_id: str | None = Field(default=None, sa_type=sa.String(32))  # the group DM
    message_ts: str | None = Field(default=None, sa_type=sa.String(32))
    follow_ups_sent: int = 0
    next_follow_up_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    connector_told_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # a decline is told like an expiry, at the same moment, so nobody can tell one from the other
    ended_told_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = now_column()
    updated_at: datetime = now_column()


class IntroParticipant(SQLModel, table=True):
    """One of the two people in an intro: their consent, the message that asked them, their outcome."""

    __tablename__ = "intro_participants"
    __table_args__ = (
        sa.UniqueConstraint("intro_id", "member_id"),
        sa.Index("ix_intro_participants_answered_at", "answered_at"),  # the dashboard's weeks
        sa.Index("ix_intro_participants_outcome_at", "outcome_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    intro_id: int = Field(foreign_key="intros.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    consent: Consent = Field(default=Consent.PENDING, sa_type=enum_column(Consent))
    asked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    consent_channel: str | None = Field(default=None, sa_type=sa.String(32))
    consent_ts: str | None = Field(default=None, sa_type=sa.String(32))
    outcome: Outcome | None = Field(default=None, sa_type=enum_column(Outcome))
    outcome_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class IntroPair(SQLModel, table=True):
    """At most one live or completed intro per pair: the unique key makes that hold under concurrency."""

    __tablename__ = "intro_pairs"
    __table_args__ = (sa.UniqueConstraint("team_id", "low_id", "high_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    low_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    high_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    intro_id: int = Field(foreign_key="intros.id", ondelete="CASCADE")
