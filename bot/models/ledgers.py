"""Ledgers of what was done once: messages delivered (by key and recipient) and Slack requests handled."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.db import UTCDateTime
from bot.models.base import enum_column, now_column


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
    claimed_at: datetime = now_column()
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HandledRequest(SQLModel, table=True):
    """A request from Slack that a process has taken on: a Socket Mode envelope, an Events API event, a
    submitted form. Slack redelivers what it thinks was not acknowledged in time (to any replica), and the
    unique key makes sure only one process handles it."""

    __tablename__ = "handled_requests"

    key: str = Field(sa_type=sa.String(160), primary_key=True)
    handled_at: datetime = Field(sa_type=UTCDateTime, index=True)
