"""/need-help: urgency and private visibility, stored and confirmed."""

from bot.models import Need
from tests.e2e.conftest import BOTH_TRANSPORTS, Bot, text_of

pytestmark = BOTH_TRANSPORTS


def test_a_private_need_is_saved_and_the_member_is_told_it_stays_private(bot: Bot) -> None:
    assert bot.slack.command("/need-help", "Negotiating a raise", user="U0BOB").status == 200
    view = bot.opened_view("need_modal")
    reply = bot.slack.submit(view, user="U0BOB", values={"urgency": "high", "visibility": "private"})
    assert (reply.status, reply.text) == (200, "")

    [need] = bot.rows(Need)
    assert (need.description, need.urgency, need.visibility, need.status) == (
        "Negotiating a raise",
        "high",
        "private",
        "open",
    )
    confirmation = bot.next_call("response_url")
    assert "private" in text_of(confirmation.args["blocks"])
    assert "🔒 private" in text_of(bot.home("U0BOB")["blocks"])


def test_defaults_are_shared_and_normal_urgency(bot: Bot) -> None:
    bot.slack.command("/need-help", "Bookkeeping help")
    bot.slack.submit(bot.opened_view("need_modal"))
    [need] = bot.rows(Need)
    assert (need.urgency, need.visibility) == ("normal", "shared")


def test_a_forged_choice_outside_the_options_is_refused_inline(bot: Bot) -> None:
    bot.slack.command("/need-help", "Anything")
    view = bot.opened_view("need_modal")
    reply = bot.slack.submit(view, values={"urgency": "yesterday", "visibility": "public-to-everyone"})
    errors = reply.json()["errors"]
    assert set(errors) == {"urgency", "visibility"}
    assert bot.rows(Need) == []
