"""Right after /need-help: who could help now, with "Ask for an intro" — which asks them, and says so."""

from typing import Any

from bot.models import Intro
from tests.e2e.community import latest, seed
from tests.e2e.conftest import Bot, text_of


def _confirmation(bot: Bot) -> dict[str, Any]:
    seed(bot)
    bot.slack.command("/need-help", "Help getting my shop found on Google", user="U0MALLORY")
    reply = bot.slack.submit(
        bot.opened_view("need_modal"), user="U0MALLORY", values={"skills": [("seo", "SEO")]}
    )
    assert reply.status == 200
    return bot.next_call("response_url").args


def test_the_confirmation_names_people_who_could_help_now(bot: Bot) -> None:
    confirmation = _confirmation(bot)
    text = text_of(confirmation["blocks"])
    assert "People who might help right now" in text
    assert "Bob Brown" in text
    assert "SEO audits for small shops" in text
    assert "Alice" not in text  # she offers nothing; and needs are never shown as offers


def test_ask_for_an_intro_asks_the_helper_and_updates_the_confirmation(bot: Bot) -> None:
    button, message = _first_intro_button(bot)
    assert (
        bot.slack.click("need_intro", user="U0MALLORY", value=button["value"], message=message).status == 200
    )
    replaced = bot.next_call("response_url").args
    assert replaced["replace_original"] is True
    assert "Intro requested — Kindred will ask Bob Brown" in text_of(replaced["blocks"])
    question = latest(bot, "U0BOB", "Would you like an intro to Mallory")
    assert "Mallory is looking for help with “Help getting my shop found on Google”" in text_of(
        question["blocks"]
    )
    [intro] = bot.rows(Intro)
    assert intro.origin == "need"

    bot.slack.click("need_intro", user="U0MALLORY", value=button["value"], message=message)
    assert "already under way" in bot.next_call("response_url").args["text"]
    assert len(bot.rows(Intro)) == 1


def test_someone_elses_need_button_is_refused(bot: Bot) -> None:
    button, message = _first_intro_button(bot)
    bot.slack.click("need_intro", user="U0ALICE", value=button["value"], message=message)
    assert "out of date" in bot.next_call("response_url").args["text"]
    assert bot.rows(Intro) == []


def _first_intro_button(bot: Bot) -> tuple[dict, dict]:
    """The first "Ask for an intro" button of a fresh /need-help confirmation, and the message holding it."""
    confirmation = _confirmation(bot)
    button = next(
        b["accessory"]
        for b in confirmation["blocks"]
        if b.get("accessory", {}).get("action_id") == "need_intro"
    )
    message = {
        "type": "message",
        "ts": "1700000000.000200",
        "channel": "C0GENERAL",
        "blocks": confirmation["blocks"],
    }
    return button, message
