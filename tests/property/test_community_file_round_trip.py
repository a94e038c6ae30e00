"""Importing community files into a database: a valid community survives export → import into an empty
database → export unchanged, importing the same file twice changes nothing, and a file with any problem
writes nothing at all (on SQLite and PostgreSQL)."""

import json
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, delete, select
from sqlmodel import SQLModel

from bot import repo
from bot.community import service as community_file
from bot.community.service import CommunityFileError, ImportReport
from bot.db import SessionFactory, session_scope
from tests.conftest import NOW
from tests.property.communities import valid_communities
from tests.property.test_community_file_problems import broken_communities

# The database fixtures belong to the test, not to one example: each example starts by emptying it.
DB_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def empty(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(delete(table))


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


def import_text(sessions: SessionFactory, text: str, *, days: int = 0) -> ImportReport | list[str]:
    """What `kindred import` does: read the whole file, then write it in one transaction."""
    try:
        community = community_file.parse(text)
    except CommunityFileError as error:
        return error.problems
    with session_scope(sessions) as session:
        return community_file.import_community(session, community, now=NOW + timedelta(days=days))


def export_text(sessions: SessionFactory) -> str:
    with session_scope(sessions) as session:
        [team_id] = repo.team_ids(session)
        return community_file.dumps(community_file.export_community(session, team_id=team_id))


@DB_SETTINGS
@given(valid_communities(min_members=1))
def test_export_import_export_is_identical_and_a_second_import_changes_nothing(
    engine: Engine, sessions: SessionFactory, document: dict[str, Any]
) -> None:
    empty(engine)
    assert isinstance(import_text(sessions, json.dumps(document)), ImportReport)
    exported = export_text(sessions)
    assert [m["user_id"] for m in json.loads(exported)["members"]] == sorted(
        m["user_id"] for m in document["members"]
    )

    empty(engine)
    report = import_text(sessions, exported)
    assert isinstance(report, ImportReport)
    assert report.members_created == len(document["members"])
    assert export_text(sessions) == exported

    before = snapshot(engine)
    again = import_text(sessions, exported, days=1)
    assert isinstance(again, ImportReport)
    assert not again.changed
    assert again.members_unchanged == len(document["members"])
    assert snapshot(engine) == before  # not even updated_at moves


@DB_SETTINGS
@given(valid_communities(3, min_members=1), broken_communities())
def test_a_file_either_imports_whole_or_is_refused_and_writes_nothing(
    engine: Engine, sessions: SessionFactory, existing: dict[str, Any], document: dict[str, Any]
) -> None:
    empty(engine)
    assert isinstance(import_text(sessions, json.dumps(existing)), ImportReport)
    before = snapshot(engine)

    outcome = import_text(sessions, json.dumps(document))

    if isinstance(outcome, list):
        assert outcome, "a refused file says why"
        assert snapshot(engine) == before
    else:  # the change was harmless: what was imported is there, and importing it again changes nothing
        assert not import_text(sessions, json.dumps(document), days=1).changed  # type: ignore[union-attr]
