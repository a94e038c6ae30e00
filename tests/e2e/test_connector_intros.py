"""/intro by a connector: both asked, the connector credited and told how it went; follow-ups at +14, +28."""

from typing import Any

import pytest

from bot.models import Intro
from tests.e2e.community import latest, seed
from tests.e2e.conftest import Bot, text_of


def _yes(bot: Bot, user_id: str) -> None:
    question = latest(bot, user_id, "Would you like an intro")
    value = next(e["value"] for b in question["blocks"] if b["type"] == "actions" for e in b["elements"])
    bot.slack.click("intro_yes", user=user_id, value=value, message=question)
    bot.settle()


def _answer_follow_up(bot: Bot, user_id: str, action_id: str) -> dict[str, Any]:
    question = latest(bot, user_id, "How did it go") if action_id != "repeat" else None
    assert question is not None
    value = next(e["value"] for b in question["blocks"] if b["type"] == "actions" for e in b["elements"])
    bot.slack.click(action_id, user=user_id, value=value, message=question)
    bot.settle()
    return latest(bot, user_id, "How did it go")


def _connect(bot: Bot, text: str = "<@U0ALICE|alice> <@U0BOB|bob> you both care about small shops") -> None:
    seed(bot)
    assert bot.slack.command("/intro", text, user="U0CAROL").status == 200
    bot.settle()


def test_a_connector_intro_asks_both_and_credits_the_connector(bot: Bot) -> None:
    _connect(bot)
    assert "Kindred will ask Alice Adams and Bob Brown" in bot.next_call("response_url").args["text"]
    for user_id, other in (("U0ALICE", "Bob"), ("U0BOB", "Alice")):
        question = latest(bot, user_id, f"Would you like an intro to {other}")
        assert "Carol thinks you two should meet: “you both care about small shops”" in text_of(
            question["blocks"]
        )

    _yes(bot, "U0ALICE")
    assert "as soon as Bob says yes too" in text_of(latest(bot, "U0ALICE", "Would you like")["blocks"])
    _yes(bot, "U0BOB")
    opened = [c for c in bot.fake.calls_to("conversations.open") if c.args.get("users") == "U0ALICE,U0BOB"]
    [introduction] = bot.fake.messages(opened[0].response["channel"]["id"])
    assert "Introduced by <@U0CAROL>" in text_of(introduction["blocks"])


def test_follow_ups_at_14_and_28_days_and_the_connector_hears_the_outcome(bot: Bot) -> None:
    _connect(bot)
    _yes(bot, "U0ALICE")
    _yes(bot, "U0BOB")
    bot.tick(bot.clock.advance(days=13))
    assert not [m for m in bot.fake.messages("U0ALICE") if "How did it go" in str(m)]
    bot.tick(bot.clock.advance(days=1))
    assert "How did it go with Bob Brown" in str(latest(bot, "U0ALICE", "How did it go"))
    assert "How did it go with Alice Adams" in str(latest(bot, "U0BOB", "How did it go"))
    bot.tick(bot.clock.advance(hours=1))  # running again sends nothing twice
    assert len([m for m in bot.fake.messages("U0ALICE") if "How did it go" in str(m)]) == 1

    updated = _answer_follow_up(bot, "U0ALICE", "outcome_not_yet")
    assert "check in once more" in text_of(updated["blocks"])
    assert bot.rows(Intro)[0].status == "not-yet"
    bot.tick(bot.clock.advance(days=13, hours=22))  # not quite day 28 after the introduction
    assert not [m for m in bot.fake.messages("U0BOB") if "One last check-in" in str(m)]
    bot.tick(bot.clock.advance(hours=2))
    assert "One last check-in" in str(latest(bot, "U0BOB", "One last check-in"))

    question = latest(bot, "U0BOB", "One last check-in")
    value = next(e["value"] for b in question["blocks"] if b["type"] == "actions" for e in b["elements"])
    bot.slack.click("outcome_met", user="U0BOB", value=value, message=question)
    bot.settle()
    assert bot.rows(Intro)[0].status == "met"
    assert "Your intro worked: Alice and Bob met" in str(latest(bot, "U0CAROL", "Your intro worked"))
    bot.tick(bot.clock.advance(days=30))
    assert len([m for m in bot.fake.messages("U0CAROL") if "Your intro worked" in str(m)]) == 1


def test_not_a_fit_is_told_kindly_and_keeps_the_pair_apart(bot: Bot) -> None:
    _connect(bot)
    _yes(bot, "U0ALICE")
    _yes(bot, "U0BOB")
    bot.tick(bot.clock.advance(days=14))
    updated = _answer_follow_up(bot, "U0ALICE", "outcome_not_a_fit")
    assert "won't suggest you two again" in text_of(updated["blocks"])
    assert "wasn't quite the right fit" in str(latest(bot, "U0CAROL", "right fit"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@U0ALICE> <@U0BOB> <@U0MALLORY> hi", "Mention two people"),
        ("<@U0HELPERBOT> <@U0BOB> they'd get along", "isn't someone Kindred can introduce"),
        ("<@U0NOBODY> <@U0BOB> they'd get along", "isn't someone Kindred can introduce"),
        ("<@U0CAROL> <@U0BOB> meet me", "is for introducing two other people"),
        ("<@U0BOB> <@U0BOB> twins", "two different people"),
    ],
)
def test_intro_command_mistakes_get_a_helpful_answer(bot: Bot, text: str, expected: str) -> None:
    _connect(bot, text)
    assert expected in bot.next_call("response_url").args["text"]
    assert bot.rows(Intro) == []


def test_without_a_reason_or_a_second_person_a_modal_asks_for_it(bot: Bot) -> None:
    _connect(bot, "<@U0ALICE|alice>")
    modal = bot.opened_view("intro_modal")
    first = next(b for b in modal["blocks"] if b.get("block_id") == "first_person")
    assert first["element"]["initial_user"] == "U0ALICE"
    reply = bot.slack.submit(modal, user="U0CAROL", values={"second_person": "U0ALICE", "reason": ""})
    errors = reply.json()["errors"]
    assert set(errors) == {"second_person", "reason"}

    reply = bot.slack.submit(
        modal, user="U0CAROL", values={"second_person": "U0BOB", "reason": "Small shops"}
    )
    assert (reply.status, reply.text) == (200, "")
    bot.settle()
    assert latest(bot, "U0BOB", "Would you like an intro to Alice")
    assert "Kindred will ask" in bot.next_call("response_url").args["text"]


def test_a_reason_too_long_opens_the_modal_to_shorten_it(bot: Bot) -> None:
    _connect(bot, "<@U0ALICE> <@U0BOB> " + "you both run small shops " * 25)  # 624 characters
    modal = bot.opened_view("intro_modal")
    reason = next(b for b in modal["blocks"] if b.get("block_id") == "reason")["element"]
    assert len(reason["initial_value"]) <= reason["max_length"] == 500
    assert bot.rows(Intro) == []


def test_nobody_is_asked_about_more_than_two_new_intros_a_week(bot: Bot) -> None:
    seed(bot)
    bot.fake.add_user("U0DAVE", name="dave", real_name="Dave Diaz")
    for first in ("U0ALICE", "U0MALLORY", "U0DAVE"):
        bot.slack.command("/intro", f"<@{first}> <@U0BOB> you'd get on", user="U0CAROL")
        bot.settle()
    asked = [m for m in bot.fake.messages("U0BOB") if "Would you like an intro" in str(m)]
    assert len(asked) == 2
    bot.tick(bot.clock.advance(days=3))
    assert len([m for m in bot.fake.messages("U0BOB") if "Would you like an intro" in str(m)]) == 2
    bot.tick(bot.clock.advance(days=5))
    assert len([m for m in bot.fake.messages("U0BOB") if "Would you like an intro" in str(m)]) == 3
