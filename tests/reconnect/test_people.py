""" "Your people": whom a member met through Kindred, starred first, with what they work on and what is new;
starring the critical few (at most ten), who come up at half the interval; unstarring goes back."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.errors import NotAllowed, NotFound
from bot.models import Member, MemberStatus, Reconnect, Visibility
from bot.reconnect import service as reconnects
from bot.reconnect.service import Choice, News
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need, make_offer, make_project
from tests.reconnect.test_service import DAYS, DUE, met, send

HALF = DAYS // 2


@pytest.fixture
def people(session: Session) -> dict[str, Member]:
    found = {
        name: make_member(session, f"U0{name.upper()}", name=name.title())
        for name in ("ana", "ben", "cleo", "dan")
    }
    session.commit()
    return found


def listed(session: Session, member: Member, limit: int = 10) -> reconnects.YourPeople:
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    session.commit()
    return reconnects.your_people(session, member=member, limit=limit)


def row_of(session: Session, member: Member, other: Member) -> Reconnect:
    return session.exec(
        select(Reconnect).where(Reconnect.member_id == member.id, Reconnect.other_id == other.id)
    ).one()


def star(session: Session, member: Member, other: Member, *, on: bool = True) -> bool:
    row = row_of(session, member, other)
    assert row.id is not None
    changed = reconnects.star(session, member=member, reconnect_id=row.id, on=on, days=DAYS)
    session.commit()
    return changed


def test_nobody_yet(session: Session, people) -> None:
    found = listed(session, people["ana"])
    assert (found.shown, found.total, found.starred, found.reconnects_on) == ((), 0, 0, True)


def test_starred_first_then_the_most_recently_met(session: Session, people) -> None:
    ana, ben, cleo, dan = people.values()
    met(session, ana, ben, at=NOW)
    met(session, ana, cleo, at=NOW + timedelta(days=10))
    met(session, ana, dan, at=NOW + timedelta(days=5))
    assert [p.name for p in listed(session, ana).shown] == ["Cleo", "Dan", "Ben"]
    assert star(session, ana, ben)
    found = listed(session, ana)
    assert [(p.name, p.starred) for p in found.shown] == [("Ben", True), ("Cleo", False), ("Dan", False)]
    assert (found.total, found.starred) == (3, 1)
    assert found.shown[0].met_at == NOW
    short = listed(session, ana, limit=2)
    assert ([p.name for p in short.shown], short.total) == (["Ben", "Cleo"], 3)


def test_not_for_me_and_those_who_left_are_not_listed_and_the_other_sides_choice_never_counts(
    session: Session, people
) -> None:
    ana, ben, cleo, dan = people.values()
    intros = {other.name: met(session, ana, other) for other in (ben, cleo, dan)}
    send(session, DUE)  # Ana hears about Ben (the first met); Ben, Cleo and Dan about Ana
    for member, other in ((ana, "Ben"), (dan, "Dan")):
        intro_id = intros[other].id
        assert intro_id is not None
        reconnects.answer(
            session, member=member, intro_id=intro_id, choice=Choice.NOT_FOR_ME, now=DUE, days=DAYS
        )
    cleo.status = MemberStatus.LEFT
    session.commit()
    assert [p.name for p in listed(session, ana).shown] == ["Dan"]  # Dan's "Not for me" is his own
    assert [p.name for p in listed(session, ben).shown] == ["Ana"]  # and Ana's hers
    assert [p.name for p in listed(session, dan).shown] == []


def test_what_they_work_on_and_what_is_new_since_you_met_never_a_private_need(
    session: Session, people
) -> None:
    ana, ben = people["ana"], people["ben"]
    ben.title = "Baker"
    met(session, ana, ben)  # introduced 14 days before NOW; the entries below come at NOW
    old = make_project(session, ben, "Sourdough club")
    old.created_at = NOW - timedelta(days=30)
    make_project(session, ben, "Bakery website")
    make_need(session, ben, "Burnout, honestly", visibility=Visibility.PRIVATE)
    session.commit()
    [person] = listed(session, ana).shown
    assert (person.user_id, person.title, person.projects) == ("U0BEN", "Baker", ("Sourdough club",))
    assert person.news == News("project", "Bakery website")
    make_offer(session, ben, "Bread for events")
    make_need(session, ben, "A logo for the bakery")
    session.commit()
    assert listed(session, ana).shown[0].news == News("need", "A logo for the bakery")  # the most useful


def test_news_counts_from_the_last_nudge(session: Session, people) -> None:
    ana, ben = people["ana"], people["ben"]
    met(session, ana, ben)
    make_offer(session, ben, "Bread for events")
    session.commit()
    assert listed(session, ana).shown[0].news == News("offer", "Bread for events")
    send(session, DUE)
    assert listed(session, ana).shown[0].news is None


def test_a_star_halves_the_interval_until_unstarred(session: Session, people) -> None:
    ana, ben = people["ana"], people["ben"]
    met(session, ana, ben)
    listed(session, ana)
    assert row_of(session, ana, ben).due_at == NOW + timedelta(days=DAYS)
    assert star(session, ana, ben)
    assert not star(session, ana, ben)  # a second click changes nothing
    assert row_of(session, ana, ben).due_at == NOW + timedelta(days=HALF)  # min(due, met + half)
    assert row_of(session, ben, ana).due_at == NOW + timedelta(days=DAYS)  # Ben's side is his
    nudged = [n.user_id for n in send(session, NOW + timedelta(days=HALF))]
    assert nudged == ["U0ANA"]
    sent_at = NOW + timedelta(days=HALF)
    assert row_of(session, ana, ben).due_at == sent_at + timedelta(days=HALF)  # the next one at half too
    assert star(session, ana, ben, on=False)
    assert row_of(session, ana, ben).due_at == sent_at + timedelta(days=DAYS)  # back to the full interval
    later = reconnects.due(session, team_id=TEAM, now=sent_at + timedelta(days=DAYS - 1))
    assert [n.user_id for n in later] == ["U0BEN"]  # his first, at the full interval; none to Ana


def test_a_star_never_puts_a_nudge_off_and_keeps_a_snooze(session: Session, people) -> None:
    ana, ben = people["ana"], people["ben"]
    intro = met(session, ana, ben)
    send(session, DUE)
    assert intro.id is not None
    reconnects.answer(session, member=ana, intro_id=intro.id, choice=Choice.LATER, now=DUE, days=DAYS)
    session.commit()
    star(session, ana, ben)
    assert row_of(session, ana, ben).due_at == DUE + reconnects.LATER  # "in 30 days", as promised
    star(session, ana, ben, on=False)
    assert row_of(session, ana, ben).due_at == DUE + reconnects.LATER


def test_in_touch_on_a_starred_person_comes_back_at_half(session: Session, people) -> None:
    ana, ben = people["ana"], people["ben"]
    intro = met(session, ana, ben)
    listed(session, ana)
    star(session, ana, ben)
    send(session, NOW + timedelta(days=HALF))
    assert intro.id is not None
    at = NOW + timedelta(days=HALF + 1)
    reconnects.answer(session, member=ana, intro_id=intro.id, choice=Choice.IN_TOUCH, now=at, days=DAYS)
    session.commit()
    assert row_of(session, ana, ben).due_at == at + timedelta(days=HALF)


def test_the_eleventh_star_is_refused_and_nothing_changes(session: Session, people) -> None:
    ana = people["ana"]
    others = [make_member(session, f"U0P{i:02}", name=f"Person {i}") for i in range(11)]
    session.commit()
    for other in others:
        met(session, ana, other)
    listed(session, ana)
    for other in others[:10]:
        assert star(session, ana, other)
    before = row_of(session, ana, others[10]).due_at
    with pytest.raises(NotAllowed, match="up to 10"):
        star(session, ana, others[10])
    session.rollback()
    last = row_of(session, ana, others[10])
    assert (last.starred, last.due_at) == (False, before)
    assert listed(session, ana).starred == 10
    assert star(session, ana, others[0], on=False)
    assert star(session, ana, others[10])  # room again


def test_a_starred_person_who_left_frees_the_place(session: Session, people) -> None:
    ana = people["ana"]
    others = [make_member(session, f"U0P{i:02}", name=f"Person {i}") for i in range(11)]
    session.commit()
    for other in others:
        met(session, ana, other)
    listed(session, ana)
    for other in others[:10]:
        star(session, ana, other)
    others[0].status = MemberStatus.LEFT
    session.commit()
    assert star(session, ana, others[10])


def test_someone_elses_row_a_not_for_me_or_a_made_up_id_is_stale(session: Session, people) -> None:
    ana, ben, cleo = people["ana"], people["ben"], people["cleo"]
    intro = met(session, ana, cleo)
    met(session, ana, ben, at=NOW + timedelta(days=1))
    send(session, DUE + timedelta(days=1))  # Ana hears about Cleo, the first she met
    assert intro.id is not None
    reconnects.answer(session, member=ana, intro_id=intro.id, choice=Choice.NOT_FOR_ME, now=DUE, days=DAYS)
    session.commit()
    assert [p.name for p in listed(session, ana).shown] == ["Ben"]
    for row_id in (row_of(session, ben, ana).id, row_of(session, ana, cleo).id, 999_999):
        assert row_id is not None
        with pytest.raises(NotFound):
            reconnects.star(session, member=ana, reconnect_id=row_id, on=True, days=DAYS)


def test_not_for_me_takes_the_star_away(session: Session, people) -> None:
    ana, ben = people["ana"], people["ben"]
    intro = met(session, ana, ben)
    listed(session, ana)
    star(session, ana, ben)
    send(session, NOW + timedelta(days=HALF))
    assert intro.id is not None
    reconnects.answer(session, member=ana, intro_id=intro.id, choice=Choice.NOT_FOR_ME, now=DUE, days=DAYS)
    session.commit()
    assert row_of(session, ana, ben).starred is False
    assert listed(session, ana).starred == 0
