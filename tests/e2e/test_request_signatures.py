"""Unsigned, wrongly signed and replayed requests are refused and change nothing."""

import time

import pytest

from bot.models import Member, Offer
from tests.e2e.conftest import Bot
from tests.e2e.slack_platform import sign


def _attempt(bot: Bot, **options) -> int:
    fields = bot.slack.command_fields("/offer-help", "forged", user="U0MALLORY")
    return bot.slack.post_form(fields, **options).status


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"signed": False}, id="unsigned"),
        pytest.param({"signature": "v0=" + "0" * 64}, id="wrong-signature"),
        pytest.param({"minutes": -6}, id="six-minutes-old"),
        pytest.param({"minutes": 6}, id="six-minutes-ahead"),
    ],
)
def test_bad_signatures_get_401_and_change_nothing(bot: Bot, options: dict) -> None:
    if "minutes" in options:  # the timestamp is taken now, not when the tests were collected
        options = {"timestamp": int(time.time()) + options["minutes"] * 60}
    assert _attempt(bot, **options) == 401
    bot.settle()
    assert bot.fake.calls_to("views.open") == []
    assert bot.rows(Member) == []


def test_a_signature_for_another_body_is_refused(bot: Bot) -> None:
    stamp = int(time.time())
    fields = bot.slack.command_fields("/offer-help", "original", user="U0ALICE")
    signature = sign(bot.slack.secret, stamp, b"token=something-else")
    assert bot.slack.post_form(fields, timestamp=stamp, signature=signature).status == 401


def test_a_forged_submission_stores_nothing(bot: Bot) -> None:
    bot.slack.command("/offer-help", "Genuine")
    view = bot.opened_view("offer_modal")
    from tests.e2e.slack_platform import state_values

    payload = bot.slack._interaction("view_submission", "U0MALLORY") | {
        "view": view | {"state": {"values": state_values(view, {})}}
    }
    assert bot.slack.post_payload(payload, signature="v0=" + "f" * 64).status == 401
    assert bot.rows(Offer) == []


def test_a_correctly_signed_request_within_five_minutes_is_served(bot: Bot) -> None:
    assert _attempt(bot, timestamp=int(time.time()) - 4 * 60) == 200
