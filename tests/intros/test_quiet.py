"""Quiet members: three intro questions in a row left to expire unanswered pause a member; only silence
counts (a "not now" or a yes starts the count again), and being told of the pause starts it again too."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.intros.views import Paused
from bot.models import Delivery, DeliveryStatus, Intro, IntroOrigin, Member, MemberStatus, ProfileUpdate
from bot.profiles import service as profiles
from bot.slack.contact import AutoPaused, delivery_key
from tests.conftest import NOW
from tests.factories import TEAM, make_member

RULES = IntroRules()
ASKERS = ("alice", "carol", "dave", "erin", "frank", "gina")


@pytest.fixture
def people(session: Session) -> dict[str, Member]:
    found = {name: make_member(session, f"U0{name.upper()}", name=name.title()) for name in ("bob", *ASKERS)}
    session.commit()
    return found


class Rounds:
    """Bob is asked about one intro at a time, a week and a day apart, by someone new each time."""

    def __init__(self, session: Session, people: dict[str, Member]) -> None:
        self.session, self.people, self.at, self.askers = session, people, NOW, iter(ASKERS)
        self.bob = people["bob"]

    def ask(self) -> Intro:
        intro = intros.request(
            self.session,
            asker=self.people[next(self.askers)],
            other=self.bob,
            origin=IntroOrigin.DIGEST,
            now=self.at,
            rules=RULES,
        )
        for participant in intros.to_ask(self.session, intro=intro, now=self.at, rules=RULES):
            intros.mark_asked(
                self.session,
                intro=intro,
                participant=participant,
                channel="D0",
                ts="1.0",
                now=self.at,
                rules=RULES,
            )
        return intro

    def end(self) -> list[Member]:
        """A week later: what expired, and who that paused."""
        self.at += RULES.expiry
        expired = intros.expire_due(self.session, team_id=TEAM, now=self.at)
        paused = intros.pause_quiet(self.session, expired=expired, now=self.at)
        self.at += timedelta(days=1)
        return paused

    def silent(self) -> list[Member]:
        self.ask()
        return self.end()

    def answered(self, *, yes: bool) -> list[Member]:
        intro = self.ask()
        intros.answer(self.session, member=self.bob, intro_id=intro.id or 0, yes=yes, now=self.at)
        return self.end()


@pytest.fixture
def rounds(session: Session, people: dict[str, Member]) -> Rounds:
    return Rounds(session, people)


def test_three_silent_expiries_in_a_row_pause_at_the_third(session: Session, rounds: Rounds) -> None:
    assert rounds.silent() == []
    assert rounds.silent() == []
    assert intros.auto_paused_untold(session, team_id=TEAM, now=rounds.at) == []
    third = rounds.ask()
    assert rounds.end() == [rounds.bob]  # no fourth needed
    assert rounds.bob.status == MemberStatus.PAUSED
    assert intros.auto_paused_untold(session, team_id=TEAM, now=rounds.at) == [
        Paused(TEAM, "U0BOB", third.id or 0)
    ]
    assert all(m.status == MemberStatus.ACTIVE for m in rounds.people.values() if m is not rounds.bob)


@pytest.mark.parametrize("yes", [False, True], ids=["a decline", "a yes"])
def test_an_answer_in_between_starts_the_count_again(session: Session, rounds: Rounds, yes: bool) -> None:
    assert rounds.silent() == rounds.silent() == []
    assert rounds.answered(yes=yes) == []
    assert rounds.silent() == rounds.silent() == []
    assert rounds.bob.status == MemberStatus.ACTIVE
    assert rounds.silent() == [rounds.bob]


def _told(session: Session, paused: Paused, at: datetime) -> None:
    key = delivery_key(AutoPaused(paused.last_unanswered))
    session.add(
        Delivery(
            team_id=TEAM,
            key=key,
            user_id=paused.user_id,
            status=DeliveryStatus.SENT,
            claimed_at=at,
            sent_at=at,
        )
    )


def test_once_told_and_resumed_the_count_starts_again(session: Session, rounds: Rounds) -> None:
    for _ in range(3):
        rounds.silent()
    [paused] = intros.auto_paused_untold(session, team_id=TEAM, now=rounds.at)
    _told(session, paused, rounds.at - timedelta(days=1))  # when the third expired
    assert intros.auto_paused_untold(session, team_id=TEAM, now=rounds.at) == []
    assert intros.auto_paused(session, team_id=TEAM) == [rounds.bob]

    profiles.resume(session, member=rounds.bob, now=rounds.at)
    assert intros.auto_paused(session, team_id=TEAM) == []
    assert rounds.silent() == rounds.silent() == []
    assert rounds.silent() == [rounds.bob]


def test_someone_who_paused_themselves_is_not_told_kindred_did(session: Session, rounds: Rounds) -> None:
    rounds.silent()
    rounds.silent()
    rounds.ask()
    profiles.pause(session, member=rounds.bob, now=rounds.at)
    assert rounds.end() == []
    assert intros.auto_paused_untold(session, team_id=TEAM, now=rounds.at) == []
    profiles.update_profile(session, member=rounds.bob, update=ProfileUpdate(title="Baker"), now=rounds.at)
    assert intros.auto_paused_untold(session, team_id=TEAM, now=rounds.at) == []  # an edit is no pause
    assert intros.auto_paused(session, team_id=TEAM) == []
