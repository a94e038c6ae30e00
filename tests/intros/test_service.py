"""The intro state machine: double opt-in, refusals, limits, expiry, follow-ups, and the matching history."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot import members
from bot.db import SessionFactory, session_scope
from bot.digest import service as digest
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.intros import service as intros
from bot.intros import start
from bot.intros.service import Answer, IntroRules
from bot.matching.model import pair
from bot.models import Consent, Intro, IntroOrigin, IntroPair, IntroStatus, Member, Outcome
from bot.profiles import service as profiles
from tests.conftest import NOW
from tests.factories import make_member

RULES = IntroRules()


@pytest.fixture
def people(session: Session) -> dict[str, Member]:
    found = {
        name: make_member(session, f"U0{name.upper()}", name=name.title())
        for name in ("alice", "bob", "carol", "dave", "erin", "frank")
    }
    session.commit()
    return found


def ask(session: Session, asker: Member, other: Member, at=NOW) -> Intro:
    return intros.request(session, asker=asker, other=other, origin=IntroOrigin.DIGEST, now=at, rules=RULES)


def asked(session: Session, intro: Intro, at=NOW) -> None:
    for participant in intros.to_ask(session, intro=intro, now=at, rules=RULES):
        intros.mark_asked(
            session, intro=intro, participant=participant, channel="D0", ts="1.0", now=at, rules=RULES
        )


def test_a_request_carries_the_askers_yes_and_waits_for_the_other(session: Session, people) -> None:
    intro = ask(session, people["alice"], people["bob"])
    consents = {p.member_id: p.consent for p in intros.participants(session, intro)}
    assert consents == {people["alice"].id: Consent.YES, people["bob"].id: Consent.PENDING}
    assert intro.status == IntroStatus.REQUESTED
    asked(session, intro)
    assert (intro.status, intro.expires_at) == (IntroStatus.AWAITING_CONSENT, NOW + RULES.expiry)


def test_both_yes_means_accepted_then_introduced_once(session: Session, people) -> None:
    intro = ask(session, people["alice"], people["bob"])
    asked(session, intro)
    _, answer = intros.answer(session, member=people["bob"], intro_id=intro.id, yes=True, now=NOW)
    assert (answer, intro.status) == (Answer.ACCEPTED, IntroStatus.ACCEPTED)
    intros.introduced(session, intro=intro, channel="G0", ts="2.0", now=NOW, rules=RULES)
    assert intro.next_follow_up_at == NOW + timedelta(days=14)
    with pytest.raises(NotAllowed):
        intros.introduced(session, intro=intro, channel="G0", ts="2.0", now=NOW, rules=RULES)
    with pytest.raises(NotAllowed, match="already been introduced"):
        ask(session, people["bob"], people["alice"])


def test_a_connector_intro_asks_both_and_needs_both(session: Session, people) -> None:
    intro = intros.connect(
        session,
        connector=people["carol"],
        a=people["alice"],
        b=people["bob"],
        reason="Both run podcasts",
        now=NOW,
        rules=RULES,
    )
    assert len(intros.to_ask(session, intro=intro, now=NOW, rules=RULES)) == 2
    asked(session, intro)
    assert (
        intros.answer(session, member=people["alice"], intro_id=intro.id, yes=True, now=NOW)[1]
        == Answer.WAITING
    )
    assert (
        intros.answer(session, member=people["bob"], intro_id=intro.id, yes=True, now=NOW)[1]
        == Answer.ACCEPTED
    )
    with pytest.raises(InvalidInput):
        intros.connect(
            session,
            connector=people["carol"],
            a=people["carol"],
            b=people["dave"],
            reason="",
            now=NOW,
            rules=RULES,
        )


def test_a_decline_frees_the_pair_but_blocks_it_for_180_days(session: Session, people) -> None:
    intro = ask(session, people["alice"], people["bob"])
    asked(session, intro)
    assert (
        intros.answer(session, member=people["bob"], intro_id=intro.id, yes=False, now=NOW)[1]
        == Answer.DECLINED
    )
    assert session.exec(select(IntroPair)).all() == []
    with pytest.raises(NotAllowed, match="can't make this intro right now") as refused:
        ask(session, people["alice"], people["bob"], at=NOW + timedelta(days=100))
    assert "declin" not in str(refused.value)
    later = ask(session, people["alice"], people["bob"], at=NOW + timedelta(days=181))
    assert later.status == IntroStatus.REQUESTED


def test_second_late_and_strangers_clicks_change_nothing(session: Session, people) -> None:
    intro = ask(session, people["alice"], people["bob"])
    asked(session, intro)
    intros.answer(session, member=people["bob"], intro_id=intro.id, yes=True, now=NOW)
    assert (
        intros.answer(session, member=people["bob"], intro_id=intro.id, yes=True, now=NOW)[1]
        == Answer.UNCHANGED
    )
    assert (
        intros.answer(session, member=people["bob"], intro_id=intro.id, yes=False, now=NOW)[1]
        == Answer.UNCHANGED
    )
    assert intro.status == IntroStatus.ACCEPTED
    with pytest.raises(NotAllowed, match="someone else"):
        intros.answer(session, member=people["carol"], intro_id=intro.id, yes=False, now=NOW)
    with pytest.raises(NotFound):
        intros.answer(session, member=people["bob"], intro_id=999_999, yes=True, now=NOW)


def test_illegal_transitions_are_refused(session: Session, people) -> None:
    intro = ask(session, people["alice"], people["bob"])
    for status in (IntroStatus.INTRODUCED, IntroStatus.MET, IntroStatus.FOLLOWED_UP):
        with pytest.raises(NotAllowed):
            intros.change_status(intro, status, NOW)
    assert intro.status == IntroStatus.REQUESTED


def test_nobody_paused_left_or_yourself(session: Session, people) -> None:
    profiles.pause(session, member=people["bob"], now=NOW)
    with pytest.raises(NotAllowed, match="isn't taking intro requests"):
        ask(session, people["alice"], people["bob"])
    members.mark_left(session, team_id=people["carol"].team_id, user_id="U0CAROL", now=NOW)
    with pytest.raises(NotFound, match="no longer in this workspace"):
        ask(session, people["alice"], people["carol"])
    with pytest.raises(InvalidInput):
        ask(session, people["alice"], people["alice"])


def test_at_most_three_open_requests_per_asker(session: Session, people) -> None:
    for name in ("bob", "carol", "dave"):
        ask(session, people["alice"], people[name])
    with pytest.raises(NotAllowed, match="3 intro requests waiting"):
        ask(session, people["alice"], people["erin"])


def test_nobody_is_asked_about_more_than_two_new_intros_a_week(session: Session, people) -> None:
    for name in ("alice", "carol"):
        asked(session, ask(session, people[name], people["bob"]))
    third = ask(session, people["dave"], people["bob"])
    assert intros.to_ask(session, intro=third, now=NOW, rules=RULES) == []  # queued
    assert len(intros.to_ask(session, intro=third, now=NOW + timedelta(days=8), rules=RULES)) == 1


def test_unanswered_and_long_queued_requests_expire(session: Session, people) -> None:
    waiting = ask(session, people["alice"], people["bob"])
    asked(session, waiting)
    queued = ask(session, people["carol"], people["dave"])
    assert intros.expire_due(session, team_id=waiting.team_id, now=NOW + timedelta(days=6)) == []
    assert intros.expire_due(session, team_id=waiting.team_id, now=NOW + timedelta(days=7)) == [waiting]
    assert intros.expire_due(session, team_id=waiting.team_id, now=NOW + timedelta(days=14)) == [queued]
    assert (waiting.status, queued.status) == (IntroStatus.EXPIRED, IntroStatus.EXPIRED)


def test_the_time_to_answer_runs_from_the_last_question_asked(session: Session, people) -> None:
    """A connector's intro: Carol is asked at once, Bob's question waits behind his weekly limit. The intro
    stays open until Bob has been asked and had his whole week too; still queued, it is let go at 14 days."""
    for name in ("alice", "dave"):
        asked(session, ask(session, people[name], people["bob"]))
    both = start.connect(
        session, connector=people["erin"], a=people["carol"], b=people["bob"], reason="", now=NOW, rules=RULES
    )
    asked(session, both)  # only Carol: Bob has had two new questions this week
    assert [p.asked_at is not None for p in intros.participants(session, both)] == [True, False]
    assert both not in intros.expire_due(session, team_id=both.team_id, now=NOW + timedelta(days=7, hours=1))
    assert both.status == IntroStatus.AWAITING_CONSENT
    bob_asked = NOW + timedelta(days=8)
    asked(session, both, at=bob_asked)
    assert both.expires_at == bob_asked + RULES.expiry
    assert intros.expire_due(session, team_id=both.team_id, now=bob_asked + timedelta(days=6)) == []
    assert intros.expire_due(session, team_id=both.team_id, now=bob_asked + RULES.expiry) == [both]

    never = start.connect(
        session, connector=people["erin"], a=people["frank"], b=people["bob"], reason="", now=NOW, rules=RULES
    )
    asked(session, never)  # Frank only; Bob is never free to be asked
    assert never in intros.expire_due(session, team_id=never.team_id, now=NOW + timedelta(days=14))


def introduced_pair(session: Session, people) -> Intro:
    intro = ask(session, people["alice"], people["bob"])
    asked(session, intro)
    intros.answer(session, member=people["bob"], intro_id=intro.id, yes=True, now=NOW)
    intros.introduced(session, intro=intro, channel="G0", ts="2.0", now=NOW, rules=RULES)
    return intro


def test_follow_up_at_14_days_and_once_more_at_28_after_not_yet(session: Session, people) -> None:
    intro = introduced_pair(session, people)
    team = intro.team_id
    assert intros.follow_ups_due(session, team_id=team, now=NOW + timedelta(days=13)) == []
    assert intros.follow_ups_due(session, team_id=team, now=NOW + timedelta(days=14)) == [intro]
    intros.followed_up(session, intro=intro, now=NOW + timedelta(days=14))
    assert intro.status == IntroStatus.FOLLOWED_UP
    _, known = intros.record_outcome(
        session,
        member=people["alice"],
        intro_id=intro.id,
        outcome=Outcome.NOT_YET,
        now=NOW + timedelta(days=15),
    )
    assert (intro.status, known) == (IntroStatus.NOT_YET, False)
    assert intros.follow_ups_due(session, team_id=team, now=NOW + timedelta(days=27)) == []
    assert intros.follow_ups_due(session, team_id=team, now=NOW + timedelta(days=28)) == [intro]
    intros.followed_up(session, intro=intro, now=NOW + timedelta(days=28))
    _, known = intros.record_outcome(
        session, member=people["bob"], intro_id=intro.id, outcome=Outcome.MET, now=NOW + timedelta(days=29)
    )
    assert (intro.status, known) == (IntroStatus.MET, True)
    assert intros.follow_ups_due(session, team_id=team, now=NOW + timedelta(days=60)) == []


def test_not_a_fit_wins_and_outcomes_need_a_follow_up_first(session: Session, people) -> None:
    intro = introduced_pair(session, people)
    with pytest.raises(NotAllowed):
        intros.record_outcome(
            session, member=people["alice"], intro_id=intro.id, outcome=Outcome.MET, now=NOW
        )
    intros.followed_up(session, intro=intro, now=NOW + timedelta(days=14))
    intros.record_outcome(session, member=people["alice"], intro_id=intro.id, outcome=Outcome.MET, now=NOW)
    intros.record_outcome(
        session, member=people["bob"], intro_id=intro.id, outcome=Outcome.NOT_A_FIT, now=NOW
    )
    assert intro.status == IntroStatus.NOT_A_FIT


def test_the_matching_history_follows_intros(session: Session, people) -> None:
    met = introduced_pair(session, people)
    intros.followed_up(session, intro=met, now=NOW)
    intros.record_outcome(session, member=people["alice"], intro_id=met.id, outcome=Outcome.MET, now=NOW)
    pending = ask(session, people["carol"], people["dave"])
    declined = ask(session, people["erin"], people["frank"])
    asked(session, declined)
    intros.answer(session, member=people["frank"], intro_id=declined.id, yes=False, now=NOW)
    session.flush()
    history = digest.load_history(session, team_id=met.team_id, now=NOW + timedelta(days=1))
    ids = {name: member.id for name, member in people.items()}
    assert pair(ids["alice"], ids["bob"]) in history.connected
    for a, b in (("alice", "bob"), ("carol", "dave"), ("erin", "frank")):
        assert pair(ids[a], ids[b]) in history.blocked
    later = digest.load_history(session, team_id=met.team_id, now=NOW + timedelta(days=200))
    assert pair(ids["erin"], ids["frank"]) not in later.blocked
    assert pending.status == IntroStatus.REQUESTED


def test_two_simultaneous_requests_for_one_pair_make_one_intro(
    sessions: SessionFactory, people, monkeypatch
) -> None:
    """The second request checked before the first committed; the pair's unique key still stops it."""
    with session_scope(sessions) as first:
        ask(first, first.merge(people["alice"]), first.merge(people["bob"]))
    monkeypatch.setattr(start, "_check_pair", lambda *args: None)  # its check ran too early to see the first
    with session_scope(sessions) as second:
        alice, bob = second.merge(people["alice"]), second.merge(people["bob"])
        with pytest.raises(NotAllowed, match="already under way"):
            ask(second, bob, alice)
    with session_scope(sessions) as check:
        assert len(check.exec(select(Intro)).all()) == 1
