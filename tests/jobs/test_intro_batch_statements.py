"""The intro job reads and moves on a batch of intros in a fixed number of statements, however many are due.

Five kinds of due work (consent questions to ask, requests to let go and tell, introductions a crash
interrupted, follow-ups, connectors to tell) are set up `n` times each, and the statements the job sends to
the database are counted, apart from those of `send_once`: its claim and its mark belong to one message
each. An UPDATE of many rows sent at once (`executemany`, one call to the driver) counts once.

Before the intros service found the due work and its views for a whole batch, 5 intros cost 70 queries and
50 intros 637: a handful of queries per intro, for its people, their cards, and its state before and after.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event
from sqlmodel import Session, SQLModel

from bot.db import SessionFactory, session_scope
from bot.intros import jobs as intro_job
from bot.intros import messaging as intro_flow
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.members import Identity, ensure_member
from bot.models import Intro, IntroOrigin, Member, Outcome
from bot.scheduler.context import JobContext
from tests.conftest import NOW
from tests.factories import TEAM, make_offer
from tests.fakeslack import FakeSlack

RULES = IntroRules()
AT = NOW + timedelta(days=30)  # when the job runs


@dataclass
class Statements:
    """What the job sent to the database, apart from what `send_once` sent for its own messages."""

    queries: int = 0
    writes: int = 0
    sending: bool = False

    def executed(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if self.sending:
            return
        if statement.lstrip().upper().startswith("SELECT"):
            self.queries += 1
        else:
            self.writes += 1


@contextmanager
def counted(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Statements]:
    statements = Statements()
    real_send_once = intro_flow.send_once

    def send_once(*args: Any, **kwargs: Any) -> Any:
        statements.sending = True
        try:
            return real_send_once(*args, **kwargs)
        finally:
            statements.sending = False

    with monkeypatch.context() as patch:
        patch.setattr(intro_flow, "send_once", send_once)
        event.listen(engine, "before_cursor_execute", statements.executed)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", statements.executed)


class People:
    """New members, known to the fake Slack, each with an offer for their card."""

    def __init__(self, session: Session, fake: FakeSlack) -> None:
        self.session, self.fake, self.made = session, fake, 0

    def new(self) -> Member:
        self.made += 1
        user_id, name = f"U0P{self.made:04d}", f"Person {self.made}"
        self.fake.add_user(user_id, name=user_id.lower(), real_name=name)
        member, _ = ensure_member(self.session, who=Identity(TEAM, user_id, name), now=NOW)
        make_offer(self.session, member, f"Help with thing {self.made}")
        return member


def _asked(session: Session, intro: Intro, at: datetime) -> None:
    for participant in intros.to_ask(session, intro=intro, now=at, rules=RULES):
        intros.mark_asked(
            session, intro=intro, participant=participant, channel="D0", ts="1.0", now=at, rules=RULES
        )


def _yes(session: Session, intro: Intro, members: list[Member], at: datetime) -> None:
    _asked(session, intro, at)
    for member in members:
        intros.answer(session, member=member, intro_id=intro.id, yes=True, now=at)


def due_batch(sessions: SessionFactory, fake: FakeSlack, n: int) -> None:
    """`n` intros of each kind of due work at `AT`."""
    with session_scope(sessions) as session:
        people = People(session, fake)
        connector = people.new()

        def request(at: datetime, other: Member) -> Intro:
            asker = people.new()
            return intros.request(
                session, asker=asker, other=other, origin=IntroOrigin.DIGEST, now=at, rules=RULES
            )

        for _ in range(n):
            request(AT - timedelta(days=1), people.new())  # its question is to be asked
            _asked(session, request(AT - timedelta(days=8), people.new()), AT - timedelta(days=8))  # expires
            helper = people.new()
            _yes(session, request(AT - timedelta(days=2), helper), [helper], AT - timedelta(days=2))
            met = AT - timedelta(days=15)  # introduced: the follow-up is due
            helper = people.new()
            _yes(session, intro := request(met, helper), [helper], met)
            intros.introduced(session, intro=intro, channel="G0", ts="2.0", now=met, rules=RULES)
            a, b = people.new(), people.new()  # a connector's intro that worked: the connector is told
            intro = intros.connect(
                session, connector=connector, a=a, b=b, reason="Bakers", now=met, rules=RULES
            )
            _yes(session, intro, [a, b], met)
            intros.introduced(session, intro=intro, channel="G0", ts="2.0", now=met, rules=RULES)
            intros.followed_up(session, intro=intro, now=met)
            intros.record_outcome(session, member=a, intro_id=intro.id, outcome=Outcome.MET, now=met)


def _run(
    context: JobContext, engine: Engine, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch, n: int
) -> Statements:
    with session_scope(context.sessions) as session:  # start from an empty database
        for table in reversed(SQLModel.metadata.sorted_tables):
            session.exec(delete(table))
    due_batch(context.sessions, fake, n)
    with counted(engine, monkeypatch) as statements:
        report = intro_job.run(context, AT)
    assert report.errors == []
    assert (report.asked, report.expired, report.told_ended, report.followed_up, report.introduced) == (
        n,
    ) * 5
    return statements


def test_the_intro_job_reads_and_writes_a_batch_in_a_fixed_number_of_statements(
    context: JobContext, engine: Engine, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _run(context, engine, fake, monkeypatch, 1)  # 5 intros due
    large = _run(context, engine, fake, monkeypatch, 10)  # 50 intros due
    assert large.queries == small.queries, f"5 intros: {small}; 50 intros: {large}"
    assert large.writes == small.writes, f"5 intros: {small}; 50 intros: {large}"
    assert large.queries < 50
