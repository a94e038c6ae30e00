"""`due` reads a whole team's due reconnects, and what is new about each other person, in a fixed number
of statements, however many are due."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from bot.reconnect import service as reconnects
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need, make_offer, make_project
from tests.reconnect.test_service import DUE, met


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", executed)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", executed)


def statements_for(session: Session, pairs: int, first: int) -> tuple[int, int]:
    """Adds `pairs` more met pairs, each with news on both sides; returns how many are due and the
    statements `due` sent."""
    for n in range(first, first + pairs):
        a = make_member(session, f"U0A{n:03}", name=f"Asker {n}")
        b = make_member(session, f"U0B{n:03}", name=f"Helper {n}")
        met(session, a, b)
        make_offer(session, a, "Local SEO audits", skills=["seo"])
        make_need(session, b, "My shop isn't on Google", skills=["seo"]).created_at = NOW + timedelta(days=1)
        make_project(session, a, f"Project {n}").created_at = NOW + timedelta(days=1)
    session.commit()
    reconnects.plant(session, team_id=TEAM, days=90)
    session.commit()
    with counted(session) as statements:
        found = reconnects.due(session, team_id=TEAM, now=DUE)
    session.rollback()
    assert all(nudge.news is not None for nudge in found)  # the matcher and the project query both ran
    return len(found), len(statements)


def test_due_costs_the_same_statements_for_2_and_8_pairs_with_news(session: Session) -> None:
    few, few_statements = statements_for(session, 2, 0)
    many, many_statements = statements_for(session, 6, 100)
    assert (few, many) == (4, 16)
    assert many_statements == few_statements
