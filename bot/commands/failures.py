"""What stops a command, told in one line: database, migration and file problems."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_FAILED = 1


class CommandFailed(Exception):
    """The command cannot go on; the message is one line saying what to fix."""


def known_problem(error: Exception, database: str) -> str | None:
    """One line for a database or migration failure; None for anything else (a bug keeps its traceback).
    Nothing is imported here: an error from SQLAlchemy or Alembic means they are loaded already."""
    sqlalchemy_errors, alembic_errors = sys.modules.get("sqlalchemy.exc"), sys.modules.get("alembic.util.exc")
    if sqlalchemy_errors is not None and type(error) in (
        sqlalchemy_errors.OperationalError,
        sqlalchemy_errors.DatabaseError,
    ):  # an integrity error is a bug
        return database_problem(database, error)
    if alembic_errors is not None and isinstance(error, alembic_errors.CommandError):
        return migration_problem(error)
    return None


def database_problem(url: str, error: Exception) -> str:
    from sqlalchemy.engine import make_url

    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return f"cannot use the database {parsed.render_as_string(hide_password=True)}: {reason}"
    path = parsed.database
    if reason == "unable to open database file":
        return (
            f"cannot open the SQLite file {path}: check that its folder exists and that you may write there"
        )
    if reason == "file is not a database":
        return f"{path} is not a SQLite database: name a Kindred database, or a file that does not exist yet"
    return f"cannot use the SQLite file {path}: {reason}"


def migration_problem(error: Exception) -> str:
    reason = str(error).strip().splitlines()[0]
    if reason.startswith("Can't locate revision"):
        return (
            f"the database was migrated by a newer Kindred ({reason.lower()}): run that version or a later "
            "one, or point DATABASE_URL at another database"
        )
    return f"cannot migrate the database: {reason}"


def file_problem(path: str, error: OSError) -> str:
    folder = Path(path).parent
    if isinstance(error, FileNotFoundError):
        if not folder.is_dir():
            return f"the folder {folder} does not exist; create it or choose another"
        return "there is no such file; check the name and the folder"
    if isinstance(error, IsADirectoryError):
        return "it is a folder; name a file in it, such as community.json"
    if isinstance(error, NotADirectoryError):
        return f"{folder} is not a folder"
    if isinstance(error, PermissionError):
        return "permission denied; choose a file and folder you may use, or change their permissions"
    return error.strerror or str(error)
