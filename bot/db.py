"""Engine, sessions and the migrations hook.

`session_scope(factory)` is the one transaction boundary: it commits when the block ends and rolls back
when it raises, so a multi-step change lands completely or not at all.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import DateTime, Float, TypeDecorator
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"

SessionFactory = Callable[[], Session]


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no offset; we store naive UTC)."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class days_between(FunctionElement[float]):
    """The days from one datetime column to another, as a float, on SQLite and PostgreSQL alike."""

    type = Float()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(julianday({end}) - julianday({start}))"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"


def make_engine(url: str, **kwargs: Any) -> Engine:
    # JSON columns through orjson: a digest for a large community reads hundreds of thousands of stored
    # readings, and the standard library's decoder was a third of the time it took to load them.
    kwargs.setdefault("json_serializer", _json_text)
    kwargs.setdefault("json_deserializer", orjson.loads)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **kwargs)


def _json_text(value: Any) -> str:
    """JSON as the standard library would write it for what Kindred stores (orjson also takes numpy
    scalars and, through `_plain`, any other float or int subclass)."""
    return orjson.dumps(
        value, default=_plain, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
    ).decode()


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(engine, class_=Session, expire_on_commit=False)


@contextmanager
def session_scope(factory: SessionFactory) -> Iterator[Session]:
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def plain_rows(session: Session, query: Any) -> Sequence[Any]:
    """Every row of a Core `query` at once, as plain rows, on the session's connection: for the dashboard's
    reads of a hundred thousand rows, where the ORM's result handling took as long as the database."""
    return session.connection().execute(query).all()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (Alembic owns the schema). Processes starting together migrate
    one at a time: on PostgreSQL under an advisory lock (migrations/env.py), on SQLite under a lock on the
    database file itself."""
    with _one_migrator_at_a_time(engine):
        command.upgrade(alembic_config(engine), revision)


@contextmanager
def _one_migrator_at_a_time(engine: Engine) -> Iterator[None]:
    """On SQLite, an exclusive flock on the database file (created empty if it is new, which SQLite reads
    as an empty database). SQLite's own locks are POSIX record locks, which a flock does not touch; without
    this, two processes can both find no schema and both try to create it."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    try:
        file = open(database, "ab")  # noqa: SIM115 - held for the whole migration
    except OSError:  # SQLite will say what is wrong with the file, in its own words
        yield
        return
    with file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def schema_revisions(engine: Engine) -> tuple[str | None, str | None]:
    """The schema revision the database is at (None: it has no Kindred tables) and the one this code
    needs. Reads only: nothing is created or migrated."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for an in-memory SQLite database or another database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def where(url: str) -> str:
    """The database, as the CLI names it: the SQLite file, or the URL without its password."""
    file = sqlite_file(url)
    return str(file) if file is not None else make_url(url).render_as_string(hide_password=True)


def is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        log.warning("database unreachable: %s", error.__class__.__name__)
        return False
    return True
