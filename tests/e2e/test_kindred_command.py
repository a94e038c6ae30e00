"""/kindred: help, profile, list, pause, resume, cadence; anything else gets help, never an error."""

import pytest

from bot.models import DigestCadence, MemberStatus
from tests.e2e.conftest import Bot, text_of


def _reply(bot: Bot, text: str, user: str = "U0ALICE") -> dict:
    assert bot.slack.command("/kindred", text, user=user).status == 200
    answer = bot.next_call("response_url").args
    assert answer["response_type"] == "ephemeral"
    return answer


@pytest.mark.parametrize("text", ["", "help", "HELP", "   help   me  "])
def test_help(bot: Bot, text: str) -> None:
    assert "/offer-help" in _reply(bot, text)["text"]


@pytest.mark.parametrize(
    "text",
    [
        "dance",
        "🎉🎉🎉",
        "<@U0NOBODY> hi",
        "'; DELETE FROM members; --",
        "\x00\x1b[2J",
        "x" * 10_000,
        "<!channel>",
    ],
)
def test_anything_unknown_gets_friendly_help(bot: Bot, text: str) -> None:
    answer = _reply(bot, text)
    shown = text_of(answer["blocks"])
    assert "here's what I can do" in shown
    assert "<!channel>" not in shown
    assert "<@U0NOBODY>" not in shown


def test_pause_then_resume(bot: Bot) -> None:
    assert "Paused" in _reply(bot, "pause")["text"]
    member = bot.member()
    assert member is not None
    assert member.status == MemberStatus.PAUSED
    assert "already paused" in _reply(bot, "pause")["text"]
    assert "Welcome back" in _reply(bot, "resume")["text"]
    assert "already active" in _reply(bot, "resume")["text"]
    bot.home(count=4)  # the Home follows every change


@pytest.mark.parametrize(
    ("word", "cadence"),
    [
        ("monthly", DigestCadence.MONTHLY),
        ("every two weeks", DigestCadence.EVERY_TWO_WEEKS),
        ("Fortnightly", DigestCadence.EVERY_TWO_WEEKS),
        ("off", DigestCadence.OFF),
    ],
)
def test_cadence_with_a_word(bot: Bot, word: str, cadence: DigestCadence) -> None:
    _reply(bot, f"cadence {word}")
    member = bot.member()
    assert member is not None
    assert member.digest_cadence == cadence


def test_cadence_without_a_word_offers_buttons_that_work(bot: Bot) -> None:
    answer = _reply(bot, "cadence")
    buttons = answer["blocks"][-1]["elements"]
    monthly = next(button for button in buttons if button["value"] == "monthly")
    message = {
        "type": "message",
        "ts": "1700000000.000100",
        "channel": "C0GENERAL",
        "blocks": answer["blocks"],
    }
    assert bot.slack.click(monthly["action_id"], value="monthly", message=message).status == 200
    replaced = bot.next_call("response_url").args
    assert replaced["replace_original"] is True
    assert "monthly" in replaced["text"]
    member = bot.member()
    assert member is not None
    assert member.digest_cadence == DigestCadence.MONTHLY


def test_an_unknown_cadence_explains_and_changes_nothing(bot: Bot) -> None:
    answer = _reply(bot, "cadence hourly")
    assert "isn't a cadence I know" in text_of(answer["blocks"])
    member = bot.member()
    assert member is not None
    assert member.digest_cadence == DigestCadence.WEEKLY


def test_list_shows_entries_and_marks_private_needs(bot: Bot) -> None:
    assert "haven't listed anything" in _reply(bot, "list")["text"]
    bot.slack.command("/need-help", "Burnout")
    bot.slack.submit(bot.opened_view("need_modal"), values={"visibility": "private"})
    bot.next_call("response_url")  # the need's confirmation

    shown = text_of(_reply(bot, "list")["blocks"])
    assert "Burnout" in shown
    assert "🔒 private" in shown


def test_profile_opens_the_profile_modal(bot: Bot) -> None:
    bot.slack.command("/kindred", "profile")
    view = bot.opened_view("profile_modal")
    assert view["title"]["text"] == "Your profile"
