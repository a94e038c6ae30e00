"""What every table shares: the constraint naming convention, enums stored by value, strict input models."""

from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from pydantic import ConfigDict
from sqlmodel import Field, SQLModel

from bot.db import UTCDateTime

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


def now_column() -> Any:
    return Field(sa_type=UTCDateTime)


class Strict(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
