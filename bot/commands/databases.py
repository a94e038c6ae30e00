"""Which database and workspace a command acts on. A command that writes migrates the database first; a
command that only reads never creates nor migrates one. Every engine opened here is closed when the command
ends (`close_all`), so SQLite leaves no -wal or -shm file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from bot.config import Settings


DEMO_DATABASE = Path("kindred-demo.db")

_engines: list[Engine] = []


def open_database(url: str) -> Engine:
    """An engine that is disposed of when the command ends."""
    from bot.db import make_engine

    engine = make_engine(url)
    _engines.append(engine)
    return engine


def migrated_database(settings: Settings) -> Engine:
    """The database a command that writes uses: created and migrated first if need be."""
    from bot.db import upgrade

    engine = open_database(settings.database_url)
    upgrade(engine)
    return engine


def existing_database(settings: Settings) -> Engine:
    """The database a command that only reads uses (`digest --dry-run`, `export`). It is never created nor
    migrated here: a dry run that made an empty kindred.db would only hide where the real data is."""
    from bot.config import ConfigError
    from bot.db import schema_revisions, sqlite_file, where

    file = sqlite_file(settings.database_url)
    if file is not None and not file.exists():
        raise ConfigError(f"there is no database at {file} (DATABASE_URL): {how_to_create(file)}")
    engine = open_database(settings.database_url)
    current, needed = schema_revisions(engine)
    if current != needed:  # the engine is closed with the others when the command ends
        found = "has no Kindred tables yet" if current is None else f"is at schema {current}, not {needed}"
        raise ConfigError(f"the database at {where(settings.database_url)} {found}: run `kindred db upgrade`")
    return engine


def how_to_create(file: Path) -> str:
    create = "create it with `kindred db upgrade` then `kindred import FILE`"
    if DEMO_DATABASE.exists() and file.resolve() != DEMO_DATABASE.resolve():
        return f"{create}, or set DATABASE_URL=sqlite:///{DEMO_DATABASE} to use the demo's"
    return f"{create}, or try `kindred demo`"


def close_all() -> None:
    while _engines:
        _engines.pop().dispose()


def one_team(session: Session, team: str | None) -> str | None:
    """The workspace to act on: the one given, or the only one in the database."""
    from bot import repo

    teams = list(repo.team_ids(session))
    if team is not None:
        if team not in teams:
            print(f"kindred: no members of workspace {team} in this database", file=sys.stderr)
            return None
        return team
    if not teams:
        print("kindred: the database has no members yet (import a community file first)", file=sys.stderr)
        return None
    if len(teams) > 1:
        print(
            f"kindred: the database holds several workspaces ({', '.join(teams)}); choose one with --team",
            file=sys.stderr,
        )
        return None
    return teams[0]
