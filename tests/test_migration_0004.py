"""Migration 0004 (stored embeddings) on a database that already holds a community: nothing is lost, the new
columns start empty, `kindred db upgrade` fills them, and the way back works."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from bot import vectors
from bot.cli import main
from bot.db import alembic_config, make_engine, upgrade
from bot.matching.embeddings import DEFAULT_MODEL, load_embedder
from tests.conftest import POSTGRES_URL

TABLES = ("members", "offers", "needs", "projects")
NEW_COLUMNS = {"embedding", "embedding_key", "analysis"}
LATER_COLUMNS = {
    "reconnects_on",
    "status_changed_at",
    "concepts",
    "first_suggested_at",
}  # 0006, 0008, 0012, 0013
WHEN = datetime(2026, 11, 20, 8, 30, tzinfo=UTC).replace(tzinfo=None)  # the columns store naive UTC


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all: an SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kindred.db'}"
        return
    request.getfixturevalue("postgres_url")  # skips (or fails in CI) without PostgreSQL
    schema = f"kindred_0004_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def old_engine(empty_url: str) -> Iterator[Engine]:
    """A database at revision 0003 holding one member with an offer, a need and a project."""
    engine = make_engine(empty_url)
    upgrade(engine, "0003")
    _insert_community(engine)
    yield engine
    engine.dispose()


def test_upgrading_keeps_every_row_and_value_and_the_new_columns_are_empty(old_engine: Engine) -> None:
    before = _rows(old_engine)
    assert all(NEW_COLUMNS.isdisjoint(_columns(old_engine, table)) for table in TABLES)

    upgrade(old_engine)

    after = _rows(old_engine)
    assert {table: len(rows) for table, rows in after.items()} == dict.fromkeys(TABLES, 1)
    for table in TABLES:
        row = after[table][0]
        assert row["embedding"] is None
        assert row["embedding_key"] is None
        assert _old(row) == before[table][0]


def test_db_upgrade_command_migrates_then_embeds_and_prints_the_count(
    old_engine: Engine,
    empty_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_url)
    monkeypatch.setenv("KINDRED_EMBEDDING_MODEL", DEFAULT_MODEL)
    before = _rows(old_engine)

    assert main(["db", "upgrade"]) == 0

    assert "; 4 text(s) embedded." in capsys.readouterr().out
    embedder = load_embedder(DEFAULT_MODEL)
    assert embedder is not None
    after = _rows(old_engine)
    member = after["members"][0]
    assert member["embedding"] is not None
    assert member["embedding_key"] == vectors.key_of(embedder, "Baker", "Sourdough since 2019.")
    offer = after["offers"][0]
    assert offer["embedding_key"] == vectors.key_of(
        embedder, "Bread workshops. baking, sourdough", "Saturdays"
    )
    for table in TABLES:
        row = after[table][0]
        assert len(vectors.from_bytes(row["embedding"])) == embedder.dims
        assert _old(row) == before[table][0]

    assert main(["db", "upgrade"]) == 0  # nothing left to embed
    assert "; 0 text(s) embedded." in capsys.readouterr().out


def test_downgrade_to_0003_and_upgrade_again_keeps_the_rows(old_engine: Engine) -> None:
    """On SQLite a column drop rebuilds the table: foreign keys must not cascade while it does."""
    before = _rows(old_engine)
    upgrade(old_engine)

    command.downgrade(alembic_config(old_engine), "0003")
    assert all(NEW_COLUMNS.isdisjoint(_columns(old_engine, table)) for table in TABLES)
    assert _rows(old_engine) == before

    upgrade(old_engine)
    assert all(_columns(old_engine, table) >= NEW_COLUMNS for table in TABLES)
    after = _rows(old_engine)
    for table in TABLES:
        assert [_old(row) for row in after[table]] == before[table]


# --- helpers --------------------------------------------------------------------------------------------


def _insert_community(engine: Engine) -> None:
    """Rows as revision 0003 knew them, through tables read from the database itself (today's models have
    more columns)."""
    tables = _reflect(engine)
    fixed = {"team_id": "T0OLD", "created_at": WHEN, "updated_at": WHEN}
    with engine.begin() as connection:
        member_id = connection.execute(
            tables["members"]
            .insert()
            .values(
                user_id="U0OLD",
                name="Olga",
                title="Baker",
                timezone="Europe/Berlin",
                bio="Sourdough since 2019.",
                links=["https://example.com/olga"],
                status="active",
                digest_cadence="weekly",
                onboarded_at=WHEN,
                **fixed,
            )
            .returning(tables["members"].c.id)
        ).scalar_one()
        owned = {"member_id": member_id, "links": [], **fixed}
        connection.execute(
            tables["offers"].insert(),
            {
                "description": "Bread workshops",
                "skills": ["baking", "sourdough"],
                "details": "Saturdays",
                "format": "call",
                "monthly_capacity": 3,
                "status": "active",
                **owned,
            },
        )
        connection.execute(
            tables["needs"].insert(),
            {
                "description": "My shop isn't on Google",
                "skills": ["local-seo"],
                "details": "A bakery in Leipzig",
                "urgency": "high",
                "visibility": "private",
                "status": "open",
                **owned,
            },
        )
        connection.execute(
            tables["projects"].insert(),
            {
                "name": "Bakery website",
                "description": "A small site",
                "skills": [],
                "help_wanted": "Copywriting",
                "status": "active",
                **owned,
            },
        )


def _rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    tables = _reflect(engine)
    with engine.connect() as connection:
        return {
            name: [
                dict(row._mapping)
                for row in connection.execute(sa.select(tables[name]).order_by(tables[name].c.id))
            ]
            for name in TABLES
        }


def _old(row: dict[str, Any]) -> dict[str, Any]:
    """A row as revision 0003 knew it."""
    return {name: value for name, value in row.items() if name not in NEW_COLUMNS | LATER_COLUMNS}


def _reflect(engine: Engine) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(engine, only=TABLES)
    return {name: metadata.tables[name] for name in TABLES}


def _columns(engine: Engine, table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(engine).get_columns(table)}
