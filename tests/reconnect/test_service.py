"""Reconnect nudges: planted after "We met", due after the interval, at most one a member a week, leading
with what is new about the other person; the buttons; reconnects on and off."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.errors import NotFound
from bot.models import (
    Intro,
    IntroOrigin,
    IntroParticipant,
    IntroStatus,
    Member,
    MemberStatus,
    Outcome,
    Reconnect,
    ReconnectState,
    Visibility,
)
from bot.reconnect import service as reconnects
from bot.reconnect.service import Choice
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need, make_offer, make_project

DAYS = 90
DUE = NOW + timedelta(days=DAYS)


@pytest.fixture
def people(session: Session) -> dict[str, Member]:
    found = {
        name: make_member(session, f"U0{name.upper()}", name=name.title())
        for name in ("ana", "ben", "cleo", "dan")
    }
    session.commit()
    return found


def met(
    session: Session, a: Member, b: Member, *, at: datetime = NOW, connector: Member | None = None
) -> Intro:
    """An intro of `a` and `b` both said "We met" about at `at`."""
    intro = Intro(
        team_id=TEAM,
        origin=IntroOrigin.CONNECTOR if connector else IntroOrigin.DIGEST,
        status=IntroStatus.MET,
        requested_by_id=(connector or a).id,
        connector_id=connector.id if connector else None,
        introduced_at=at - timedelta(days=14),
        created_at=at - timedelta(days=15),
        updated_at=at,
    )
    session.add(intro)
    session.flush()
    for person in (a, b):
        session.add(
            IntroParticipant(intro_id=intro.id, member_id=person.id, outcome=Outcome.MET, outcome_at=at)
        )
    session.commit()
    return intro


def due(session: Session, now: datetime) -> list[reconnects.Nudge]:
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    return reconnects.due(session, team_id=TEAM, now=now)


def send(session: Session, now: datetime) -> list[reconnects.Nudge]:
    found = due(session, now)
    reconnects.sent(session, reconnect_ids=[n.reconnect_id for n in found], now=now, days=DAYS)
    session.commit()
    return found


def test_both_sides_are_due_after_the_interval_each_about_the_other(session: Session, people) -> None:
    intro = met(session, people["ana"], people["ben"])
    assert due(session, DUE - timedelta(minutes=1)) == []
    assert not reconnects.any_due(session, team_id=TEAM, now=DUE - timedelta(minutes=1))
    assert reconnects.any_due(session, team_id=TEAM, now=DUE)
    found = {(n.user_id, n.other_user_id, n.intro_id, n.number, n.news) for n in due(session, DUE)}
    assert found == {("U0ANA", "U0BEN", intro.id, 1, None), ("U0BEN", "U0ANA", intro.id, 1, None)}
    assert reconnects.plant(session, team_id=TEAM, days=DAYS) == 0  # planted once


def test_an_intro_not_met_gets_no_reconnect(session: Session, people) -> None:
    intro = met(session, people["ana"], people["ben"])
    intro.status = IntroStatus.NOT_A_FIT
    session.commit()
    assert due(session, DUE + timedelta(days=400)) == []


def test_once_sent_the_next_nudge_waits_another_interval(session: Session, people) -> None:
    met(session, people["ana"], people["ben"])
    assert len(send(session, DUE)) == 2
    assert due(session, DUE + timedelta(days=DAYS - 1)) == []
    assert [n.number for n in due(session, DUE + timedelta(days=DAYS))] == [2, 2]


def test_at_most_one_nudge_a_week_and_the_one_with_news_goes_first(session: Session, people) -> None:
    ana = people["ana"]
    met(session, ana, people["ben"])
    met(session, ana, people["cleo"], at=NOW + timedelta(days=1))
    project = make_project(session, people["cleo"], "Community garden app")
    project.created_at = NOW + timedelta(days=30)
    session.commit()
    later = DUE + timedelta(days=1)
    first = [n for n in send(session, later) if n.user_id == "U0ANA"]
    assert [(n.other_user_id, n.news) for n in first] == [
        ("U0CLEO", reconnects.News("project", "Community garden app"))
    ]
    assert [n.user_id for n in due(session, later + timedelta(days=6))] == []  # ben and cleo got theirs too
    assert [n.other_user_id for n in due(session, later + timedelta(days=7))] == ["U0BEN"]


@pytest.mark.parametrize("visibility", [Visibility.SHARED, Visibility.PRIVATE])
def test_a_new_need_of_theirs_that_your_offer_fits_leads_unless_private(
    session: Session, people, visibility: Visibility
) -> None:
    ana, ben = people["ana"], people["ben"]
    met(session, ana, ben)
    make_offer(session, ana, "Local SEO audits", skills=["seo"])
    need = make_need(session, ben, "My shop isn't on Google", skills=["seo"], visibility=visibility)
    need.created_at = NOW + timedelta(days=20)
    session.commit()
    news = {n.user_id: n.news for n in due(session, DUE)}
    shown = reconnects.News("need", "My shop isn't on Google", "Local SEO audits")
    assert news["U0ANA"] == (shown if visibility == Visibility.SHARED else None)  # a private need never shows


def test_a_new_offer_of_theirs_that_fits_your_need_leads(session: Session, people) -> None:
    ana, ben = people["ana"], people["ben"]
    met(session, ana, ben)
    make_need(session, ana, "My shop isn't on Google", skills=["seo"])
    offer = make_offer(session, ben, "Local SEO audits", skills=["seo"])
    offer.created_at = NOW + timedelta(days=20)
    session.commit()
    news = {n.user_id: n.news for n in due(session, DUE)}
    assert news["U0ANA"] == reconnects.News("offer", "Local SEO audits", "My shop isn't on Google")


def test_news_is_what_came_since_the_introduction_then_since_the_last_nudge(session: Session, people) -> None:
    met(session, people["ana"], people["ben"])
    make_project(session, people["ben"], "Bakery website")  # at NOW: after the introduction
    assert {n.user_id: n.news for n in due(session, DUE)}["U0ANA"] == reconnects.News(
        "project", "Bakery website"
    )
    send(session, DUE)
    assert {n.user_id: n.news for n in due(session, DUE + timedelta(days=DAYS))}["U0ANA"] is None


@pytest.mark.parametrize("status", [MemberStatus.PAUSED, MemberStatus.LEFT])
def test_never_to_a_paused_or_departed_member(session: Session, people, status: MemberStatus) -> None:
    met(session, people["ana"], people["ben"])
    people["ana"].status = status
    session.commit()
    assert [n.user_id for n in due(session, DUE)] == ([] if status == MemberStatus.LEFT else ["U0BEN"])


def test_never_to_a_member_who_turned_reconnects_off(session: Session, people) -> None:
    met(session, people["ana"], people["ben"])
    assert reconnects.set_reconnects(session, member=people["ana"], on=False, now=NOW)
    assert not reconnects.set_reconnects(session, member=people["ana"], on=False, now=NOW)
    session.commit()
    assert [n.user_id for n in due(session, DUE)] == ["U0BEN"]


def answer(session: Session, member: Member, intro: Intro, choice: Choice, now: datetime) -> bool:
    assert intro.id is not None
    _, changed = reconnects.answer(
        session, member=member, intro_id=intro.id, choice=choice, now=now, days=DAYS
    )
    session.commit()
    return changed


def test_in_touch_resets_the_clock_and_a_second_click_changes_nothing(session: Session, people) -> None:
    intro = met(session, people["ana"], people["ben"])
    send(session, DUE)
    assert answer(session, people["ana"], intro, Choice.IN_TOUCH, DUE + timedelta(days=2))
    assert not answer(session, people["ana"], intro, Choice.NOT_FOR_ME, DUE + timedelta(days=3))
    row = session.exec(select(Reconnect).where(Reconnect.member_id == people["ana"].id)).one()
    assert (row.state, row.due_at) == (ReconnectState.IN_TOUCH, DUE + timedelta(days=2 + DAYS))


def test_remind_me_later_comes_back_in_30_days(session: Session, people) -> None:
    intro = met(session, people["ana"], people["ben"])
    send(session, DUE)
    answer(session, people["ana"], intro, Choice.LATER, DUE)
    assert [n.user_id for n in due(session, DUE + timedelta(days=29))] == []
    assert [(n.user_id, n.number) for n in due(session, DUE + timedelta(days=30))] == [("U0ANA", 2)]


def test_not_for_me_is_never_again_and_the_other_side_goes_on(session: Session, people) -> None:
    intro = met(session, people["ana"], people["ben"])
    send(session, DUE)
    answer(session, people["ana"], intro, Choice.NOT_FOR_ME, DUE)
    assert [n.user_id for n in due(session, DUE + timedelta(days=3 * DAYS))] == ["U0BEN"]


def test_someone_elses_nudge_or_one_not_sent_is_not_found(session: Session, people) -> None:
    intro = met(session, people["ana"], people["ben"])
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    with pytest.raises(NotFound):
        answer(session, people["ana"], intro, Choice.IN_TOUCH, DUE)  # not sent yet
    send(session, DUE)
    with pytest.raises(NotFound):
        answer(session, people["cleo"], intro, Choice.NOT_FOR_ME, DUE)


def test_the_connector_is_credited_once_at_the_first_in_touch(session: Session, people) -> None:
    intro = met(session, people["ana"], people["ben"], connector=people["dan"])
    send(session, DUE)
    answer(session, people["ana"], intro, Choice.IN_TOUCH, DUE)
    credits = reconnects.credits_due(session, team_id=TEAM)
    assert [(c.connector_user_id, c.names, c.months) for c in credits] == [("U0DAN", ("Ana", "Ben"), 3)]
    reconnects.credited(session, reconnect_ids=[c.reconnect_id for c in credits])
    session.commit()
    assert reconnects.credits_due(session, team_id=TEAM) == []
