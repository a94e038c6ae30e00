"""Members (one row per person in a workspace, with their profile), and the people Kindred was asked to
forget."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Field, SQLModel

from bot import validation as v
from bot.db import UTCDateTime
from bot.models.base import Strict, enum_column, now_column


class MemberStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"


class DigestCadence(StrEnum):
    WEEKLY = "weekly"
    EVERY_TWO_WEEKS = "every-two-weeks"
    MONTHLY = "monthly"
    OFF = "off"


class MemberBase(Strict):
    name: v.Name = Field(sa_type=sa.String(v.NAME_MAX))
    title: v.Title = Field(default="", sa_type=sa.String(v.TITLE_MAX))
    timezone: v.Timezone = Field(default="UTC", sa_type=sa.String(64))
    bio: v.Bio = Field(default="", sa_type=sa.Text)
    links: v.Links = Field(default_factory=list, sa_type=JSON)


class Member(MemberBase, table=True):
    __tablename__ = "members"
    __table_args__ = (
        sa.UniqueConstraint("team_id", "user_id"),
        sa.Index("ix_members_team_id_status", "team_id", "status"),  # counted without reading the rows
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    user_id: str = Field(sa_type=sa.String(32))
    status: MemberStatus = Field(default=MemberStatus.ACTIVE, sa_type=enum_column(MemberStatus))
    digest_cadence: DigestCadence = Field(default=DigestCadence.WEEKLY, sa_type=enum_column(DigestCadence))
    reconnects_on: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    onboarded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status_changed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # paused, resumed, left
    created_at: datetime = now_column()
    updated_at: datetime = now_column()
    embedding: bytes | None = Field(default=None, sa_type=sa.LargeBinary, exclude=True, repr=False)
    embedding_key: str | None = Field(default=None, sa_type=sa.String(64), exclude=True, repr=False)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=JSON, exclude=True, repr=False)


class ProfileUpdate(Strict):
    """What a member edits in the profile modal (their name comes from Slack)."""

    title: v.Title = ""
    bio: v.Bio = ""
    links: v.Links = Field(default_factory=list)


class ForgottenUser(SQLModel, table=True):
    """Someone who asked Kindred to forget them (`/kindred forget-me`). Everything else about them is
    deleted; this row only keeps Kindred from re-creating or contacting them. It is removed when they come
    back by their own choice (`members.ensure_member` on a form they submitted)."""

    __tablename__ = "forgotten_users"
    __table_args__ = (sa.UniqueConstraint("team_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    user_id: str = Field(sa_type=sa.String(32))
    forgotten_at: datetime = now_column()
