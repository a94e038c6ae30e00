"""Double-opt-in intros over signed HTTP and Socket Mode: the digest button, consent, introduction, silent
declines, expiry, odd clicks."""

from datetime import timedelta
from typing import Any

from bot.intros import texts as intros_texts
from bot.models import Intro
from tests.e2e.community import alice_asks_for_bob, digest_for, latest, seed
from tests.e2e.conftest import BOTH_TRANSPORTS, Bot, text_of

pytestmark = BOTH_TRANSPORTS


def _group_messages(bot: Bot) -> list[dict[str, Any]]:
    opened = [c for c in bot.fake.calls_to("conversations.open") if "," in str(c.args.get("users"))]
    return [m for call in opened for m in bot.fake.messages(call.response["channel"]["id"])]


def test_both_say_yes_and_are_introduced_in_a_group_dm(bot: Bot) -> None:
    question = alice_asks_for_bob(bot)
    shown = text_of(question["blocks"])
    assert "Alice is looking for help with “My shop doesn't show up on Google”" in shown
    assert "SEO audits for small shops" in shown
    assert "Burnout" not in shown  # Alice's private need is not on her card

    assert (
        bot.slack.click(
            "intro_yes", user="U0BOB", value=question["blocks"][-2]["elements"][0]["value"], message=question
        ).status
        == 200
    )
    bot.settle()
    [introduction] = _group_messages(bot)
    text = text_of(introduction["blocks"])
    assert "<@U0ALICE>, meet <@U0BOB>" in text
    assert "30-minute call" in text
    assert "My shop doesn't show up on Google" in text
    assert "You're introduced" in text_of(latest(bot, "U0BOB", "Would you like")["blocks"])
    [intro] = bot.rows(Intro)
    assert intro.status == "introduced"


def test_a_decline_is_silent_until_the_request_would_have_expired(bot: Bot) -> None:
    question = alice_asks_for_bob(bot)
    value = question["blocks"][-2]["elements"][1]["value"]
    bot.slack.click("intro_not_now", user="U0BOB", value=value, message=question)
    bot.settle()
    assert "nobody will be told why" in text_of(latest(bot, "U0BOB", "Would you like")["blocks"])
    before = len(bot.fake.messages("U0ALICE"))
    bot.tick(bot.clock.now + timedelta(days=3))
    assert len(bot.fake.messages("U0ALICE")) == before  # nothing yet: a decline looks like no answer
    bot.clock.advance(days=7, minutes=1)
    bot.tick()
    note = latest(bot, "U0ALICE", "didn't work out")
    assert note["text"] == intros_texts.not_this_time("Bob")
    assert "declin" not in text_of(note)
    assert _group_messages(bot) == []


def test_an_unanswered_request_expires_with_the_same_gentle_note(bot: Bot) -> None:
    question = alice_asks_for_bob(bot)
    bot.clock.advance(days=7, minutes=1)
    bot.tick()
    assert latest(bot, "U0ALICE", "didn't work out")["text"] == intros_texts.not_this_time("Bob")
    assert "expired" in text_of(latest(bot, "U0BOB", "Would you like")["blocks"])
    [intro] = bot.rows(Intro)
    assert intro.status == "expired"

    value = question["blocks"][-2]["elements"][0]["value"]
    bot.slack.click("intro_yes", user="U0BOB", value=value, message=question)  # a late click on the old copy
    assert "expired, so nothing changed" in bot.next_call("response_url").args["text"]
    assert bot.rows(Intro)[0].status == "expired"


def test_a_second_click_and_a_strangers_click_change_nothing(bot: Bot) -> None:
    question = alice_asks_for_bob(bot)
    value = question["blocks"][-2]["elements"][0]["value"]
    bot.slack.click("intro_yes", user="U0MALLORY", value=value, message=question)
    assert "for someone else" in bot.next_call("response_url").args["text"]
    bot.settle()
    assert bot.rows(Intro)[0].status == "awaiting-consent"

    bot.slack.click("intro_yes", user="U0BOB", value=value, message=question)
    bot.settle()
    bot.slack.click("intro_yes", user="U0BOB", value=value, message=question)
    assert "already said yes" in bot.next_call("response_url").args["text"]
    bot.settle()
    assert len(_group_messages(bot)) == 1


def test_a_suggestion_already_acted_on_cannot_start_a_second_intro(bot: Bot) -> None:
    seed(bot)
    digest = digest_for(bot, "U0ALICE")
    position = next(i for i, block in enumerate(digest["blocks"]) if "<@U0BOB>" in text_of(block))
    value = next(
        e["value"] for e in digest["blocks"][position + 1]["elements"] if e["action_id"] == "digest_intro"
    )
    for _ in range(3):
        bot.slack.click("digest_intro", value=value, message=digest)
    bot.settle()
    assert len(bot.rows(Intro)) == 1
    assert len([m for m in bot.fake.messages("U0BOB") if "Would you like" in str(m)]) == 1
