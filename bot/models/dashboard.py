"""One-time sign-in links to the admin dashboard: only a hash of each link's token is stored. A used link's
row is also the session it opened, so signing out ends that session on the server, not only in the
browser."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.db import UTCDateTime
from bot.models.base import now_column


class DashboardLink(SQLModel, table=True):
    __tablename__ = "dashboard_links"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(sa_type=sa.String(64), unique=True)  # sha256 of the token, in hex
    team_id: str = Field(sa_type=sa.String(32))
    user_id: str = Field(sa_type=sa.String(32))
    created_at: datetime = now_column()
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    signed_out_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
