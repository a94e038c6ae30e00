"""What members write: offers of help, needs, and projects (`XBase` / `XCreate` / `X(table=True)`)."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Field

from bot import validation as v
from bot.db import UTCDateTime
from bot.models.base import Strict, enum_column, now_column


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
    # the dashboard reads these indexes alone (the rows hold readings): open entries week by week, and
    # what each active offer is about
    __table_args__ = (
        sa.Index("ix_offers_team_id_status_created_at", "team_id", "status", "created_at", "updated_at"),
        sa.Index(
            "ix_offers_team_id_status_concepts", "team_id", "status", "member_id", "updated_at", "concepts"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32), index=True)
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    status: OfferStatus = Field(default=OfferStatus.ACTIVE, sa_type=enum_column(OfferStatus))
    created_at: datetime = now_column()
    updated_at: datetime = now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)
    # the reading's concepts as JSON (bot.vectors.refresh), for the dashboard to read from an index
    concepts: str | None = Field(default=None, sa_type=sa.Text, exclude=True, repr=False)


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
    # the dashboard reads these indexes alone (the rows hold readings): open entries week by week, and
    # what each open need is about
    __table_args__ = (
        sa.Index("ix_needs_team_id_status_created_at", "team_id", "status", "created_at", "updated_at"),
        sa.Index(
            "ix_needs_team_id_status_concepts",
            *("team_id", "status", "visibility", "member_id", "created_at", "updated_at", "concepts"),
        ),
        sa.Index("ix_needs_team_id_first_suggested_at", "team_id", "first_suggested_at", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32), index=True)
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    status: NeedStatus = Field(default=NeedStatus.OPEN, sa_type=enum_column(NeedStatus))
    created_at: datetime = now_column()
    updated_at: datetime = now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)
    # the reading's concepts as JSON (bot.vectors.refresh), for the dashboard to read from an index
    concepts: str | None = Field(default=None, sa_type=sa.Text, exclude=True, repr=False)
    # when a digest first suggested a helper for it (digest.plan), for the dashboard's waits
    first_suggested_at: datetime | None = Field(default=None, sa_type=UTCDateTime, exclude=True, repr=False)


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
    # the dashboard counts open entries week by week from this index alone (the rows hold readings)
    __table_args__ = (
        sa.Index("ix_projects_team_id_status_created_at", "team_id", "status", "created_at", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32), index=True)
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    status: ProjectStatus = Field(default=ProjectStatus.ACTIVE, sa_type=enum_column(ProjectStatus))
    created_at: datetime = now_column()
    updated_at: datetime = now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)
