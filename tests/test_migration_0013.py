"""Migration 0013 on a database that already holds digests: each run's number of suggestions and each need's
first suggestion are worked out from the suggestions stored so far, and the way back drops them."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from bot.db import alembic_config, make_engine, upgrade
from tests.test_migration_0004 import WHEN, _insert_community, empty_url  # noqa: F401 (a fixture)


@pytest.fixture
def engine_at_0012(empty_url: str) -> Iterator[Engine]:  # noqa: F811 (the fixture imported above)
    """Revision 0012 with two digests: the first suggested a helper for the need, the second did again."""
    engine = make_engine(empty_url)
    upgrade(engine, "0012")
    _insert_community(engine)
    tables = _tables(engine)
    with engine.begin() as connection:
        member = connection.execute(sa.select(tables["members"].c.id)).scalar_one()
        others = [
            connection.execute(
                tables["members"]
                .insert()
                .values(
                    **{"team_id": "T0OLD", "user_id": f"U0OTHER{n}", "name": f"Other {n}", "title": ""},
                    **{"timezone": "UTC", "bio": "", "links": [], "status": "active"},
                    **{"digest_cadence": "weekly", "created_at": WHEN, "updated_at": WHEN},
                )
            ).inserted_primary_key[0]
            for n in range(3)
        ]
        need = connection.execute(sa.select(tables["needs"].c.id)).scalar_one()
        for week, with_need in ((0, 2), (1, 1)):
            at = WHEN + timedelta(weeks=week)
            run = connection.execute(
                tables["digest_runs"]
                .insert()
                .values(team_id="T0OLD", period=f"2026-W{47 + week}", created_at=at)
            ).inserted_primary_key[0]
            for n in range(3):
                connection.execute(
                    tables["suggestions"]
                    .insert()
                    .values(
                        team_id="T0OLD",
                        run_id=run,
                        recipient_id=member,
                        other_id=others[n],
                        kind="kindred",
                        score=0.5,
                        reason="",
                        position=n,
                        need_id=need if n < with_need else None,
                        status="shown",
                        created_at=at,
                    )
                )
    yield engine
    engine.dispose()


def test_upgrading_counts_each_runs_suggestions_and_finds_each_needs_first(engine_at_0012: Engine) -> None:
    upgrade(engine_at_0012)

    tables = _tables(engine_at_0012)
    with engine_at_0012.connect() as connection:
        runs = connection.execute(sa.select(tables["digest_runs"].c.suggestions)).scalars().all()
        first = connection.execute(sa.select(tables["needs"].c.first_suggested_at)).scalar_one()
    assert runs == [3, 3]
    assert first == WHEN  # the first digest's, not the second's


def test_downgrading_drops_both_and_keeps_the_suggestions(engine_at_0012: Engine) -> None:
    upgrade(engine_at_0012)
    command.downgrade(alembic_config(engine_at_0012), "0012")

    tables = _tables(engine_at_0012)
    assert "suggestions" not in tables["digest_runs"].c
    assert "first_suggested_at" not in tables["needs"].c
    with engine_at_0012.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(tables["suggestions"])).scalar() == 6


def _tables(engine: Engine) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(engine, only=["members", "needs", "digest_runs", "suggestions"])
    return dict(metadata.tables)
