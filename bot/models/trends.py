"""The members' weekly counts for the dashboard's charts. A member keeps only their latest status, so how many
were active, paused or paused for their silence in a past week cannot be worked out afterwards: a job counts
them every tick and keeps one row per digest period, the week's last count once the week is over."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.models.base import now_column


class MemberCount(SQLModel, table=True):
    __tablename__ = "member_counts"
    __table_args__ = (sa.UniqueConstraint("team_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    period: str = Field(sa_type=sa.String(16))  # the community's ISO week: 2026-W49
    active: int
    paused: int
    quiet: int  # paused by Kindred for leaving intro requests unanswered (and still paused)
    counted_at: datetime = now_column()
