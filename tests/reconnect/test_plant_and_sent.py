"""Planting and recording in bulk: one row per side, due after the first "We met", in one insert however
many intros; `sent` moves exactly the rows it is given, in one update."""

from datetime import timedelta

from sqlmodel import Session, select

from bot.models import IntroParticipant, Outcome, Reconnect, ReconnectState
from bot.reconnect import service as reconnects
from tests.conftest import NOW
from tests.factories import TEAM, make_member
from tests.reconnect.test_due_statements import counted
from tests.reconnect.test_service import DAYS, met


def rows(session: Session) -> list[Reconnect]:
    return list(session.exec(select(Reconnect).order_by(Reconnect.intro_id, Reconnect.member_id)).all())


def test_each_side_is_due_days_after_the_first_we_met(session: Session) -> None:
    ana, ben = make_member(session, "U0ANA", name="Ana"), make_member(session, "U0BEN", name="Ben")
    intro = met(session, ana, ben)
    ben_side = session.exec(select(IntroParticipant).where(IntroParticipant.member_id == ben.id)).one()
    ben_side.outcome_at = NOW + timedelta(days=3)  # Ben clicked "We met" later
    session.commit()
    assert reconnects.plant(session, team_id=TEAM, days=DAYS) == 1
    session.commit()
    planted = [
        (r.intro_id, r.member_id, r.other_id, r.due_at, r.created_at, r.state, r.nudges_sent, r.starred)
        for r in rows(session)
    ]
    due = NOW + timedelta(days=DAYS)
    waiting = ReconnectState.WAITING
    assert planted == [
        (intro.id, ana.id, ben.id, due, NOW, waiting, 0, False),
        (intro.id, ben.id, ana.id, due, NOW, waiting, 0, False),
    ]


def test_without_a_date_of_meeting_the_intros_last_change_counts(session: Session) -> None:
    ana, ben = make_member(session, "U0ANA", name="Ana"), make_member(session, "U0BEN", name="Ben")
    intro = met(session, ana, ben)
    for side in session.exec(select(IntroParticipant)).all():
        side.outcome, side.outcome_at = (Outcome.MET, None) if side.member_id == ana.id else (None, None)
    intro.updated_at = NOW + timedelta(days=1)
    session.commit()
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    assert {r.due_at for r in rows(session)} == {NOW + timedelta(days=1 + DAYS)}


def test_an_intro_without_two_people_is_not_planted(session: Session) -> None:
    ana, ben = make_member(session, "U0ANA", name="Ana"), make_member(session, "U0BEN", name="Ben")
    met(session, ana, ben)
    session.delete(session.exec(select(IntroParticipant).where(IntroParticipant.member_id == ben.id)).one())
    session.commit()
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    assert rows(session) == []


def planting_statements(session: Session, intros: int, first: int) -> int:
    for n in range(first, first + intros):
        met(session, make_member(session, f"U0A{n:03}"), make_member(session, f"U0B{n:03}"))
    with counted(session) as statements:
        assert reconnects.plant(session, team_id=TEAM, days=DAYS) == intros
    session.commit()
    return len(statements)


def test_planting_costs_the_same_statements_for_2_and_20_intros(session: Session) -> None:
    assert planting_statements(session, 2, 0) == planting_statements(session, 20, 100)
    assert len(rows(session)) == 44


def test_sent_moves_only_the_rows_given_in_one_update(session: Session) -> None:
    people = [make_member(session, f"U0P{n}") for n in range(4)]
    met(session, people[0], people[1])
    met(session, people[2], people[3])
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    session.commit()
    first, *others = rows(session)
    assert first.id is not None
    sent_at = NOW + timedelta(days=DAYS)
    with counted(session) as statements:
        reconnects.sent(session, reconnect_ids=[first.id], now=sent_at, days=DAYS)
    assert len(statements) == 1
    assert (first.nudges_sent, first.last_sent_at, first.due_at) == (
        1,
        sent_at,
        sent_at + timedelta(days=DAYS),
    )
    session.commit()
    assert [(r.nudges_sent, r.last_sent_at) for r in rows(session)[1:]] == [(0, None)] * len(others)
    with counted(session) as statements:
        reconnects.sent(session, reconnect_ids=[], now=sent_at, days=DAYS)
    assert statements == []


def test_sent_brings_a_starred_persons_next_nudge_at_half_the_interval(session: Session) -> None:
    people = [make_member(session, f"U0P{n}") for n in range(2)]
    met(session, people[0], people[1])
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    session.commit()
    starred, plain = rows(session)
    starred.starred = True
    session.commit()
    sent_at = NOW + timedelta(days=DAYS)
    reconnects.sent(session, reconnect_ids=[starred.id, plain.id], now=sent_at, days=DAYS)
    session.commit()
    assert {r.id: r.due_at for r in rows(session)} == {
        starred.id: sent_at + timedelta(days=DAYS // 2),
        plain.id: sent_at + timedelta(days=DAYS),
    }


def test_one_run_nudges_a_bounded_number_of_members_the_longest_due_first(session: Session) -> None:
    """After upgrading, every past "We met" is due at once: a run takes the first few members, the next
    run the rest, so no query's id list grows with the whole community."""
    people = [make_member(session, f"U0P{n}", name=f"P{n}") for n in range(6)]
    for n, days_ago in ((0, 30), (2, 20), (4, 10)):
        met(session, people[n], people[n + 1], at=NOW - timedelta(days=days_ago))
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    session.commit()
    when = NOW + timedelta(days=DAYS)
    first = reconnects.due(session, team_id=TEAM, now=when, members=3)
    assert sorted(n.user_id for n in first) == [
        "U0P0",
        "U0P1",
        "U0P2",
    ]  # P2 and P3 met at once: P2's id first
    reconnects.sent(session, reconnect_ids=[n.reconnect_id for n in first], now=when, days=DAYS)
    session.commit()
    second = reconnects.due(session, team_id=TEAM, now=when, members=3)
    assert sorted(n.user_id for n in second) == ["U0P3", "U0P4", "U0P5"]
