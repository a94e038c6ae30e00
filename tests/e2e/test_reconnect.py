"""Reconnect nudges over signed HTTP: after "We met", at +90 days by `kindred tick`; each button; snooze
then a second nudge; "Not for me" is silent; at most one a week; `/kindred reconnect on|off`."""

from typing import Any

from bot.models import Reconnect
from bot.reconnect import texts
from tests.e2e.community import latest, seed
from tests.e2e.conftest import Bot, text_of

NUDGE = "since you met"


def _click(bot: Bot, user_id: str, action_id: str, message: dict[str, Any]) -> None:
    value = next(e["value"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert bot.slack.click(action_id, user=user_id, value=value, message=message).status == 200
    bot.settle()


def _met(bot: Bot) -> None:
    """Carol introduces Alice and Bob; both say yes; at the follow-up Alice says "We met"."""
    seed(bot)
    bot.slack.command(
        "/intro", "<@U0ALICE|alice> <@U0BOB|bob> you both care about small shops", user="U0CAROL"
    )
    assert "Kindred will ask Alice Adams and Bob Brown" in bot.next_call("response_url").args["text"]
    for user_id in ("U0ALICE", "U0BOB"):
        question = latest(bot, user_id, "Would you like an intro")
        _click(bot, user_id, "intro_yes", question)
    bot.tick(bot.clock.advance(days=14))
    _click(bot, "U0ALICE", "outcome_met", latest(bot, "U0ALICE", "How did it go"))


def _nudges(bot: Bot, user_id: str) -> list[dict[str, Any]]:
    return [m for m in bot.fake.messages(user_id) if "reconnect_" in str(m) or "Catching up" in str(m)]


def test_a_nudge_at_90_days_on_each_side_and_we_are_in_touch_credits_the_connector(bot: Bot) -> None:
    _met(bot)
    bot.tick(bot.clock.advance(days=89))
    assert _nudges(bot, "U0ALICE") == []
    bot.tick(bot.clock.advance(days=1))
    nudge = latest(bot, "U0ALICE", "reconnect_in_touch")
    assert "Bob Brown" in text_of(nudge["blocks"])
    assert "Alice Adams" in text_of(latest(bot, "U0BOB", "reconnect_in_touch")["blocks"])
    bot.tick(bot.clock.advance(hours=1))  # exactly once
    assert len(_nudges(bot, "U0ALICE")) == 1

    _click(bot, "U0ALICE", "reconnect_in_touch", nudge)
    updated = latest(bot, "U0ALICE", "Catching up")
    assert texts.IN_TOUCH_NOTE in text_of(updated["blocks"])
    assert "reconnect_" not in str(updated)  # no buttons left to click twice
    _click(bot, "U0ALICE", "reconnect_not_for_me", nudge)  # a stale copy
    assert "already answered" in bot.next_call("response_url").args["text"]
    assert {r.state for r in bot.rows(Reconnect) if r.member_id == bot.member("U0ALICE").id} == {"in-touch"}

    bot.tick(bot.clock.advance(minutes=5))
    credit = latest(bot, "U0CAROL", "still going")
    assert "Your intro of Alice Adams and Bob Brown is still going after 3 months" in credit["text"]
    _click(bot, "U0BOB", "reconnect_in_touch", latest(bot, "U0BOB", "reconnect_in_touch"))
    bot.tick(bot.clock.advance(minutes=5))
    assert len([m for m in bot.fake.messages("U0CAROL") if "still going" in str(m)]) == 1
    bot.tick(bot.clock.advance(days=89))
    assert len(_nudges(bot, "U0ALICE")) == 1  # the clock started again at the click


def test_remind_me_later_then_a_second_nudge_after_30_days(bot: Bot) -> None:
    _met(bot)
    bot.tick(bot.clock.advance(days=90))
    _click(bot, "U0ALICE", "reconnect_later", latest(bot, "U0ALICE", "reconnect_later"))
    assert texts.LATER_NOTE in text_of(latest(bot, "U0ALICE", "Catching up")["blocks"])
    bot.tick(bot.clock.advance(days=29))
    assert len(_nudges(bot, "U0ALICE")) == 1
    bot.tick(bot.clock.advance(days=1))
    assert len(_nudges(bot, "U0ALICE")) == 2
    assert "reconnect_in_touch" in str(bot.fake.messages("U0ALICE")[-1])


def test_not_for_me_is_silent_and_final(bot: Bot) -> None:
    _met(bot)
    bot.tick(bot.clock.advance(days=90))
    bob_before = len(bot.fake.messages("U0BOB"))
    carol_before = len(bot.fake.messages("U0CAROL"))
    _click(bot, "U0ALICE", "reconnect_not_for_me", latest(bot, "U0ALICE", "reconnect_not_for_me"))
    assert texts.NOT_FOR_ME_NOTE in text_of(latest(bot, "U0ALICE", "Catching up")["blocks"])
    bot.tick(bot.clock.advance(days=400))
    assert len(_nudges(bot, "U0ALICE")) == 1
    bob = bot.fake.messages("U0BOB")[bob_before:]
    assert all(
        "not for me" not in str(m).lower() and "Alice" not in str(m)
        for m in bob
        if "reconnect_" not in str(m)
    )
    assert len(bot.fake.messages("U0CAROL")) == carol_before


def test_a_stranger_cannot_answer_someone_elses_nudge(bot: Bot) -> None:
    _met(bot)
    bot.tick(bot.clock.advance(days=90))
    _click(bot, "U0MALLORY", "reconnect_not_for_me", latest(bot, "U0ALICE", "reconnect_not_for_me"))
    assert "out of date" in bot.next_call("response_url").args["text"]
    assert {r.state for r in bot.rows(Reconnect)} == {"waiting"}


def test_at_most_one_nudge_a_week_the_one_with_news_first(bot: Bot) -> None:
    _met(bot)
    bot.slack.command("/intro", "<@U0ALICE|alice> <@U0MALLORY|mallory> logos for the shop", user="U0CAROL")
    bot.settle()
    for user_id in ("U0ALICE", "U0MALLORY"):
        _click(bot, user_id, "intro_yes", latest(bot, user_id, "Would you like an intro to"))
    bot.tick(bot.clock.advance(days=14))
    _click(bot, "U0MALLORY", "outcome_met", latest(bot, "U0MALLORY", "How did it go"))
    bot.slack.command("/kindred", "reconnect off", user="U0BOB")
    bot.settle()
    bot.tick(bot.clock.advance(days=90))  # both of Alice's reconnects are due now
    [first] = _nudges(bot, "U0ALICE")
    assert "Bob Brown" in text_of(first["blocks"])  # older; neither has news
    assert _nudges(bot, "U0BOB") == []  # reconnects off
    bot.tick(bot.clock.advance(days=6))
    assert len(_nudges(bot, "U0ALICE")) == 1
    bot.tick(bot.clock.advance(days=1))
    second = _nudges(bot, "U0ALICE")[-1]
    assert "Mallory Moss" in text_of(second["blocks"])


def test_reconnect_on_and_off(bot: Bot) -> None:
    bot.slack.command("/kindred", "reconnect off")
    assert "Reconnect nudges are off" in bot.next_call("response_url").args["text"]
    assert bot.member().reconnects_on is False
    bot.slack.command("/kindred", "reconnect off")
    assert "already off" in bot.next_call("response_url").args["text"]
    bot.slack.command("/kindred", "reconnect on")
    assert "Reconnect nudges are on" in bot.next_call("response_url").args["text"]
    bot.slack.command("/kindred", "reconnect maybe")
    assert "`/kindred reconnect on`" in bot.next_call("response_url").args["text"]
    assert bot.member().reconnects_on is True
