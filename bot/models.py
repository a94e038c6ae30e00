"""SQLModel tables and their Create/Update variants (`XBase` / `XCreate` / `X(table=True)`).

Every row carries `team_id` so one database can serve several workspaces. Alembic owns the schema
(`bot/migrations`); a test checks that the migrations and these models agree.
Validation lives on the Base/Create variants (tables do not validate); times are aware UTC datetimes
passed in by the caller.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from pydantic import ConfigDict
from sqlmodel import JSON, Field, SQLModel

from bot import validation as v
from bot.db import UTCDateTime
from bot.matching.model import Kind


class MemberStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"


class DigestCadence(StrEnum):
    WEEKLY = "weekly"
    EVERY_TWO_WEEKS = "every-two-weeks"
    MONTHLY = "monthly"
    OFF = "off"


class OfferFormat(StrEnum):
    CALL = "call"
    ASYNC_REVIEW = "async-review"
    REFERRAL = "referral"
    MENTORING = "mentoring"
    OTHER = "other"


class OfferStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class Urgency(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Visibility(StrEnum):
    SHARED = "shared"
    PRIVATE = "private"


class NeedStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


class ProjectStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_column(enum: type[StrEnum]) -> Any:
    """Store an enum by value in a VARCHAR (no native PostgreSQL enum types to migrate)."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


def _now_column() -> Any:
    return Field(sa_type=UTCDateTime)


class Strict(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]


# --- members -------------------------------------------------------------------------------------


class MemberBase(Strict):
    name: v.Name = Field(sa_type=sa.String(v.NAME_MAX))
    title: v.Title = Field(default="", sa_type=sa.String(v.TITLE_MAX))
    timezone: v.Timezone = Field(default="UTC", sa_type=sa.String(64))
    bio: v.Bio = Field(default="", sa_type=sa.Text)
    links: v.Links = Field(default_factory=list, sa_type=JSON)


class Member(MemberBase, table=True):
    __tablename__ = "members"
    __table_args__ = (sa.UniqueConstraint("team_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    user_id: str = Field(sa_type=sa.String(32))
    status: MemberStatus = Field(default=MemberStatus.ACTIVE, sa_type=enum_column(MemberStatus))
    digest_cadence: DigestCadence = Field(default=DigestCadence.WEEKLY, sa_type=enum_column(DigestCadence))
    onboarded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _now_column()
    updated_at: datetime = _now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)


class ProfileUpdate(Strict):
    """What a member edits in the profile modal (their name comes from Slack)."""

    title: v.Title = ""
    bio: v.Bio = ""
    links: v.Links = Field(default_factory=list)


# --- offers --------------------------------------------------------------------------------------


class OfferBase(Strict):
    description: v.Summary = Field(sa_type=sa.Text)
    skills: v.Skills = Field(default_factory=list, sa_type=JSON)
    details: v.Details = Field(default="", sa_type=sa.Text)
    format: OfferFormat = Field(default=OfferFormat.CALL, sa_type=enum_column(OfferFormat))
    monthly_capacity: int | None = Field(default=None, ge=1, le=v.CAPACITY_MAX)
    links: v.Links = Field(default_factory=list, sa_type=JSON)


class OfferCreate(OfferBase):
    pass


class Offer(OfferBase, table=True):
    __tablename__ = "offers"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32), index=True)
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    status: OfferStatus = Field(default=OfferStatus.ACTIVE, sa_type=enum_column(OfferStatus))
    created_at: datetime = _now_column()
    updated_at: datetime = _now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)


# --- needs ---------------------------------------------------------------------------------------


class NeedBase(Strict):
    description: v.Summary = Field(sa_type=sa.Text)
    skills: v.Skills = Field(default_factory=list, sa_type=JSON)
    details: v.Details = Field(default="", sa_type=sa.Text)
    urgency: Urgency = Field(default=Urgency.NORMAL, sa_type=enum_column(Urgency))
    visibility: Visibility = Field(default=Visibility.SHARED, sa_type=enum_column(Visibility))
    links: v.Links = Field(default_factory=list, sa_type=JSON)


class NeedCreate(NeedBase):
    pass


class Need(NeedBase, table=True):
    __tablename__ = "needs"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32), index=True)
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    status: NeedStatus = Field(default=NeedStatus.OPEN, sa_type=enum_column(NeedStatus))
    created_at: datetime = _now_column()
    updated_at: datetime = _now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)


# --- projects ------------------------------------------------------------------------------------


class ProjectBase(Strict):
    name: v.ProjectName = Field(sa_type=sa.String(v.PROJECT_NAME_MAX))
    description: v.ProjectDescription = Field(default="", sa_type=sa.Text)
    skills: v.Skills = Field(default_factory=list, sa_type=JSON)
    help_wanted: v.HelpWanted = Field(default="", sa_type=sa.Text)
    links: v.Links = Field(default_factory=list, sa_type=JSON)


class ProjectCreate(ProjectBase):
    pass


class Project(ProjectBase, table=True):
    __tablename__ = "projects"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32), index=True)
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    status: ProjectStatus = Field(default=ProjectStatus.ACTIVE, sa_type=enum_column(ProjectStatus))
    created_at: datetime = _now_column()
    updated_at: datetime = _now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)


# --- deliveries: one row per message we send, so every send happens at most once -------------------


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # claimed: being sent, or the sender died mid-send
    SENT = "sent"
    FAILED = "failed"  # permanent for this member (user_not_found, account_inactive…)


class Delivery(SQLModel, table=True):
    __tablename__ = "deliveries"
    __table_args__ = (sa.UniqueConstraint("team_id", "user_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    key: str = Field(sa_type=sa.String(200))
    user_id: str = Field(sa_type=sa.String(32))  # or a channel id, for channel posts
    status: DeliveryStatus = Field(default=DeliveryStatus.PENDING, sa_type=enum_column(DeliveryStatus))
    channel_id: str | None = Field(default=None, sa_type=sa.String(32))
    message_ts: str | None = Field(default=None, sa_type=sa.String(32))
    error: str | None = Field(default=None, sa_type=sa.String(200))
    attempts: int = 0
    claimed_at: datetime = _now_column()
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- digests: what was suggested to whom, and what they said about it ----------------------------------


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
    created_at: datetime = _now_column()
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DigestSuggestion(SQLModel, table=True):
    __tablename__ = "suggestions"
    __table_args__ = (
        sa.UniqueConstraint("run_id", "recipient_id", "other_id"),
        sa.Index("ix_suggestions_team_id_created_at", "team_id", "created_at"),
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
    created_at: datetime = _now_column()
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
    created_at: datetime = _now_column()


# --- intros: double opt-in, then a group DM, then "how did it go?" ---------------------------------------


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
    __table_args__ = (sa.Index("ix_intros_team_id_status", "team_id", "status"),)

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
    created_at: datetime = _now_column()
    updated_at: datetime = _now_column()


class IntroParticipant(SQLModel, table=True):
    """One of the two people in an intro: their consent, the message that asked them, their outcome."""

    __tablename__ = "intro_participants"
    __table_args__ = (sa.UniqueConstraint("intro_id", "member_id"),)

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


# --- privacy: people who asked Kindred to forget them ------------------------------------------------


class ForgottenUser(SQLModel, table=True):
    """Someone who asked Kindred to forget them (`/kindred forget-me`). Everything else about them is
    deleted; this row only keeps Kindred from re-creating or contacting them. It is removed when they come
    back by their own choice (`members.ensure_member` on a form they submitted)."""

    __tablename__ = "forgotten_users"
    __table_args__ = (sa.UniqueConstraint("team_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    user_id: str = Field(sa_type=sa.String(32))
    forgotten_at: datetime = _now_column()


# --- requests from Slack: each handled once -------------------------------------------------------------


class HandledRequest(SQLModel, table=True):
    """A request from Slack that a process has taken on: a Socket Mode envelope, an Events API event, a
    submitted form. Slack redelivers what it thinks was not acknowledged in time (to any replica), and the
    unique key makes sure only one process handles it."""

    __tablename__ = "handled_requests"

    key: str = Field(sa_type=sa.String(160), primary_key=True)
    handled_at: datetime = Field(sa_type=UTCDateTime, index=True)
