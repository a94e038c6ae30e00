"""Migration 0012 (the dashboard's indexes) on a database that already holds stored readings: each offer's and
need's concepts are copied beside it from its reading, and the way back drops them again."""

import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from bot.db import alembic_config, make_engine, upgrade
from tests.test_migration_0004 import _insert_community, _reflect, empty_url  # noqa: F401 (a fixture)

READ = {"baking": 1.0, "sourdough": 0.5}


@pytest.fixture
def engine_at_0011(empty_url: str) -> Iterator[Engine]:  # noqa: F811 (the fixture imported above)
    """Revision 0011 with a stored reading on the offer, none on the need."""
    engine = make_engine(empty_url)
    upgrade(engine, "0011")
    _insert_community(engine)
    offers = _reflect(engine)["offers"]
    with engine.begin() as connection:
        connection.execute(offers.update().values(analysis={"concepts": READ, "terms": ["bread"]}))
    yield engine
    engine.dispose()


def test_upgrading_copies_each_stored_readings_concepts_and_leaves_unread_entries_empty(
    engine_at_0011: Engine,
) -> None:
    upgrade(engine_at_0011)

    tables = _reflect(engine_at_0011)
    with engine_at_0011.connect() as connection:
        offer = connection.execute(sa.select(tables["offers"].c.concepts)).scalar_one()
        need = connection.execute(sa.select(tables["needs"].c.concepts)).scalar_one()
    assert json.loads(offer) == READ
    assert need is None  # no reading stored yet: the dashboard reads its text


def test_a_reading_too_long_to_index_is_not_copied(engine_at_0011: Engine) -> None:
    offers = _reflect(engine_at_0011)["offers"]
    many = {f"skill-number-{n}": 1.0 for n in range(100)}  # some 2,000 characters
    with engine_at_0011.begin() as connection:
        connection.execute(offers.update().values(analysis={"concepts": many, "terms": []}))

    upgrade(engine_at_0011)

    with engine_at_0011.connect() as connection:
        assert (
            connection.execute(sa.select(_reflect(engine_at_0011)["offers"].c.concepts)).scalar_one() is None
        )


def test_downgrading_drops_the_concepts_and_keeps_the_readings(engine_at_0011: Engine) -> None:
    upgrade(engine_at_0011)
    command.downgrade(alembic_config(engine_at_0011), "0011")

    offers = _reflect(engine_at_0011)["offers"]
    assert "concepts" not in offers.c
    with engine_at_0011.connect() as connection:
        assert connection.execute(sa.select(offers.c.analysis)).scalar_one()["concepts"] == READ
