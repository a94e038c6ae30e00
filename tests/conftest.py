"""Shared fixtures: a fresh, migrated database per test, on SQLite and on PostgreSQL.

Every test that asks for `database_url` (directly or through `engine`/`sessions`) runs twice: once on an
SQLite file and once in a PostgreSQL schema of its own. Without a reachable PostgreSQL the second run is
skipped with the reason, unless KINDRED_REQUIRE_POSTGRES=1 (CI sets it), which makes it fail instead.
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

from bot.db import SessionFactory, make_engine, make_session_factory, upgrade

# Property tests check what holds, not how fast: a per-example deadline only fails on a busy CI machine
# (an example that took 288 ms under load, then 16 ms). Speed is measured in bench/, never in tests.
settings.register_profile("kindred", deadline=None)
settings.load_profile("kindred")

POSTGRES_URL = os.environ.get(
    "KINDRED_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("KINDRED_REQUIRE_POSTGRES") == "1"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday, 09:00 UTC


def _postgres_problem() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    plain_url = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(plain_url, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return f"PostgreSQL is not reachable at {plain_url}: {str(error).strip().splitlines()[0]}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A migrated schema of our own in the test database, dropped at the end of the session."""
    problem = _postgres_problem()
    if problem:
        if REQUIRE_POSTGRES:
            pytest.fail(f"{problem} (KINDRED_REQUIRE_POSTGRES=1)")
        pytest.skip(f"{problem}; start it or set KINDRED_TEST_POSTGRES_URL to run the PostgreSQL tests")
    schema = f"kindred_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "kindred.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "kindred.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> SessionFactory:
    return make_session_factory(engine)


@pytest.fixture
def session(sessions: SessionFactory) -> Iterator[Session]:
    """A session for arranging and checking; tests commit what they want others to see."""
    session = sessions()
    yield session
    session.rollback()
    session.close()
