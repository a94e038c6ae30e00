"""Reconnects: for each side of an intro whose people met, when Kindred next nudges them about the other."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.db import UTCDateTime
from bot.models.base import enum_column, now_column


class ReconnectState(StrEnum):
    WAITING = "waiting"  # due at `due_at`
    SNOOZED = "snoozed"  # "Remind me later": due again at `due_at`
    IN_TOUCH = "in-touch"  # "We're in touch": the clock started again at `due_at`
    NOT_FOR_ME = "not-for-me"  # never about this person again


class Reconnect(SQLModel, table=True):
    """One member's side of an intro that ended in "We met": when to nudge them about `other_id`."""

    __tablename__ = "reconnects"
    __table_args__ = (
        sa.UniqueConstraint("intro_id", "member_id"),
        sa.Index("ix_reconnects_team_id_due_at", "team_id", "due_at"),
        # what the job asks on every tick (migration 0007)
        sa.Index("ix_reconnects_team_id_state_due_at", "team_id", "state", "due_at"),
        sa.Index("ix_reconnects_team_id_credit_due_at", "team_id", "credit_due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    intro_id: int = Field(foreign_key="intros.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="members.id", index=True, ondelete="CASCADE")
    other_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    due_at: datetime = Field(sa_type=UTCDateTime)
    starred: bool = False
    state: ReconnectState = Field(default=ReconnectState.WAITING, sa_type=enum_column(ReconnectState))
    nudges_sent: int = 0
    last_sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the last button clicked
    in_touch_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the first "We're in touch"
    credit_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the connector is to be told
    created_at: datetime = now_column()
