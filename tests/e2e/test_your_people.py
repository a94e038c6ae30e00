""" "Your people" on the App Home over signed HTTP: whom Alice met shows up with what is new (never a private
need); a star from the Home brings the reconnect nudge at half the interval, unstarring puts it back; the
eleventh star is refused with a note and nothing changes; the reconnect switch on the Home."""

from datetime import timedelta
from typing import Any

from sqlmodel import select

from bot.db import session_scope
from bot.members import Identity, ensure_member
from bot.models import Intro, IntroOrigin, IntroParticipant, IntroStatus, Member, Outcome, Reconnect
from tests.e2e.community import latest
from tests.e2e.conftest import Bot, text_of
from tests.e2e.test_reconnect import _met, _nudges
from tests.factories import make_need, make_offer

HALF = 45  # KINDRED_RECONNECT_DAYS is 90 by default


def _publishes(bot: Bot, user_id: str) -> int:
    return len([c for c in bot.fake.calls_to("views.publish") if c.args["user_id"] == user_id])


def _fresh_home(bot: Bot, act: Any, user_id: str = "U0ALICE") -> dict[str, Any]:
    """Do `act`, then the Home it published."""
    before = _publishes(bot, user_id)
    act()
    home = bot.home(user_id, count=before + 1)
    bot.settle()
    return home


def _people(home: dict[str, Any]) -> list[dict[str, Any]]:
    """The blocks of "Your people", heading first (the Home's footer after them is left out)."""
    start = next(i for i, b in enumerate(home["blocks"]) if "*Your people*" in str(b.get("text")))
    return home["blocks"][start:-1]


def _accessories(blocks: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(b["accessory"]["action_id"], b["accessory"].get("value")) for b in blocks if "accessory" in b]


def _nudges_on(bot: Bot) -> bool:
    member = bot.member()
    assert member is not None
    return member.reconnects_on


def _row(bot: Bot, user_id: str) -> Reconnect:
    member = bot.member(user_id)
    assert member is not None
    [row] = [r for r in bot.rows(Reconnect) if r.member_id == member.id]
    return row


def test_star_from_the_home_and_the_nudge_comes_at_half_the_interval(bot: Bot) -> None:
    _fresh_home(bot, bot.slack.open_home)  # a first visit: onboarding
    empty = _people(_fresh_home(bot, bot.slack.open_home))
    assert "People you meet through Kindred show up here" in str(empty)
    assert _accessories(empty) == [("reconnects_switch", "off")]

    _met(bot)
    with session_scope(bot.sessions) as session:
        bob = session.exec(select(Member).where(Member.user_id == "U0BOB")).one()
        make_offer(session, bob, "Product photos for shops").created_at = bot.clock()
        make_need(session, bob, "Panic about taxes", visibility="private").created_at = bot.clock()
    bot.tick(bot.clock.advance(minutes=5))  # the reconnect rows are planted

    home = _fresh_home(bot, bot.slack.open_home)
    people = _people(home)
    shown = text_of(people)
    assert "*Your people* (1)" in shown
    assert "<@U0BOB> · _met Dec 2026_" in shown
    assert "Shopify SEO zine" in shown  # what Bob works on now
    assert "🆕 Now offers “Product photos for shops”" in shown
    assert "Panic about taxes" not in str(home)  # a private need never shows
    [(_, value)] = [a for a in _accessories(people) if a[0] == "reconnect_star"]

    home = _fresh_home(bot, lambda: bot.slack.click("reconnect_star", value=value, view=home))
    assert ("reconnect_unstar", value) in _accessories(_people(home))
    assert "⭐ <@U0BOB>" in text_of(_people(home))
    assert (len([r for r in bot.rows(Reconnect) if r.starred]), len(bot.rows(Reconnect))) == (1, 2)

    bot.tick(bot.clock.advance(days=HALF - 1))
    assert _nudges(bot, "U0ALICE") == []
    bot.tick(bot.clock.advance(days=1))
    assert "Bob Brown" in text_of(latest(bot, "U0ALICE", "reconnect_in_touch")["blocks"])
    assert _nudges(bot, "U0BOB") == []  # Bob did not star Alice: the full interval for him
    sent_at = bot.clock()
    assert _row(bot, "U0ALICE").due_at == sent_at + timedelta(days=HALF)

    home = _fresh_home(bot, lambda: bot.slack.click("reconnect_unstar", value=value, view=home))
    assert ("reconnect_star", value) in _accessories(_people(home))
    assert _row(bot, "U0ALICE").due_at == sent_at + timedelta(days=2 * HALF)
    bot.tick(bot.clock.advance(days=HALF))
    assert len(_nudges(bot, "U0ALICE")) == 1
    assert len(_nudges(bot, "U0BOB")) == 1  # his, at 90 days


def _met_many(bot: Bot, count: int) -> None:
    """Alice met `count` people through Kindred a while ago (as if each had said "We met")."""
    with session_scope(bot.sessions) as session:
        alice, _ = ensure_member(session, who=Identity("T0FAKE", "U0ALICE", "Alice Adams"), now=bot.clock())
        for index in range(count):
            other, _ = ensure_member(
                session, who=Identity("T0FAKE", f"U0P{index:03}", f"Person {index}"), now=bot.clock()
            )
            met_at = bot.clock() - timedelta(days=count - index)
            intro = Intro(
                team_id="T0FAKE",
                origin=IntroOrigin.DIGEST,
                status=IntroStatus.MET,
                requested_by_id=alice.id,
                introduced_at=met_at - timedelta(days=14),
                created_at=met_at - timedelta(days=15),
                updated_at=met_at,
            )
            session.add(intro)
            session.flush()
            for person in (alice, other):
                session.add(
                    IntroParticipant(
                        intro_id=intro.id, member_id=person.id, outcome=Outcome.MET, outcome_at=met_at
                    )
                )
    bot.tick()


def test_the_eleventh_star_is_refused_with_a_note_and_nothing_changes(bot: Bot) -> None:
    _met_many(bot, 12)
    home = _fresh_home(bot, bot.slack.open_home)
    people = _people(home)
    assert "*Your people* (12)" in text_of(people)
    assert "…and 2 more people you've met." in text_of(people)
    stars = [v for action_id, v in _accessories(people) if action_id == "reconnect_star" and v is not None]
    assert len(stars) == 10  # the ten most recent, one button each, then the menu for the rest
    menu = people[-1]["accessory"]
    assert [o["text"]["text"] for o in menu["options"]] == ["Person 1", "Person 0"]

    for value in stars:
        home = _fresh_home(bot, lambda v=value, h=home: bot.slack.click("reconnect_star", value=v, view=h))
    assert "(10 of 10 starred)" in text_of(_people(home))
    due_before = {r.id: r.due_at for r in bot.rows(Reconnect)}

    eleventh = menu["options"][0]["value"]
    bot.slack.click("reconnect_star", selected=eleventh, view=home)
    note = bot.opened_view("notice_modal")
    assert "You can star up to 10 people" in text_of(note["blocks"])
    bot.settle()
    assert len([r for r in bot.rows(Reconnect) if r.starred]) == 10
    assert {r.id: r.due_at for r in bot.rows(Reconnect)} == due_before

    home = _fresh_home(bot, lambda: bot.slack.click("reconnect_unstar", value=stars[0], view=home))
    home = _fresh_home(bot, lambda: bot.slack.click("reconnect_star", selected=eleventh, view=home))
    assert "⭐ <@U0P001>" in text_of(_people(home))
    assert len([r for r in bot.rows(Reconnect) if r.starred]) == 10


def test_the_reconnect_switch_on_the_home(bot: Bot) -> None:
    _fresh_home(bot, bot.slack.open_home)  # a first visit: onboarding
    home = _fresh_home(bot, bot.slack.open_home)
    assert "Reconnect nudges are *on*" in text_of(_people(home))

    home = _fresh_home(bot, lambda: bot.slack.click("reconnects_switch", value="off", view=home))
    assert _nudges_on(bot) is False
    assert "Reconnect nudges are *off*" in text_of(_people(home))
    assert _accessories(_people(home))[0] == ("reconnects_switch", "on")

    bot.slack.click("reconnects_switch", value="off", view=home)  # a stale Home: still off
    bot.settle()
    assert _nudges_on(bot) is False

    home = _fresh_home(bot, lambda: bot.slack.command("/kindred", "reconnect on"))  # the command too
    assert "Reconnect nudges are *on*" in text_of(_people(home))
    assert _nudges_on(bot) is True
