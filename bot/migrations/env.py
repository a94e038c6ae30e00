"""Alembic environment: targets SQLModel.metadata; the engine comes from `bot.db.upgrade`."""

from typing import Any, Literal

from alembic import context
from sqlalchemy import Connection, Engine, text
from sqlmodel import SQLModel

import bot.models  # noqa: F401 - registers the tables on SQLModel.metadata
from bot.db import UTCDateTime, make_engine

config = context.config
target_metadata = SQLModel.metadata
MIGRATION_LOCK_CLASS = 0x4B1E  # replicas starting together migrate one at a time (see jobs/leader.py)


def render_item(type_: str, obj: Any, _autogen_context: Any) -> str | Literal[False]:
    """Render our column types as plain SQLAlchemy ones so revisions never import application code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine  # type: ignore[no-any-return]
    from bot.config import load_settings

    return make_engine(load_settings().database_url)


def run_migrations_offline() -> None:
    context.configure(url=str(_engine().url), target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        _foreign_keys(connection, on=False)
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            render_item=render_item,
        )
        with context.begin_transaction():
            _one_migrator_at_a_time(connection)
            context.run_migrations()
        _foreign_keys(connection, on=True)


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    """SQLite rebuilds a table to alter it (copy, drop, rename); with foreign keys enforced, dropping
    `members` would delete every row that points at it. So they are off while migrating (the pragma only
    works outside a transaction), and checked before they are on again."""
    if connection.dialect.name != "sqlite":
        return
    if on:
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"a migration left rows pointing at nothing: {problems[:5]}")
    connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    connection.commit()


def _one_migrator_at_a_time(connection: Connection) -> None:
    """On PostgreSQL, wait for any other process migrating this schema; released when we commit."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:class, hashtext(coalesce(current_schema(), '')))"),
            {"class": MIGRATION_LOCK_CLASS},
        )


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
