"""The network picture of a digest period, computed once and stored (clusters, isolated members, bridges
and the ties between clusters), so the dashboard never computes it per request."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Field, SQLModel

from bot.models.base import now_column


class NetworkSnapshot(SQLModel, table=True):
    __tablename__ = "network_snapshots"
    __table_args__ = (sa.UniqueConstraint("team_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(sa_type=sa.String(32))
    period: str = Field(sa_type=sa.String(16))  # the digest period it was computed in: 2026-W49
    picture: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    computed_at: datetime = now_column()
