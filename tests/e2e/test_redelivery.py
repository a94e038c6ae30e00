"""What Slack delivers again is handled once: an Events API callback retried over HTTP (same `event_id`,
`X-Slack-Retry-Num`), a Socket Mode envelope redelivered (same `envelope_id`, `retry_attempt` 1), and the
same form submitted twice."""

import time

import pytest

from bot.models import Offer
from tests.e2e.conftest import Bot
from tests.e2e.socket_platform import SocketPlatform


def test_an_event_retried_over_http_is_handled_once(bot: Bot) -> None:
    envelope = bot.slack.event_envelope(
        {"type": "app_home_opened", "user": "U0ALICE", "channel": "D0ALICE", "tab": "home"}
    )
    assert bot.slack.post_event(envelope).status == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert bot.slack.post_event(envelope, headers=retry).status == 200
    bot.home()
    bot.settle()
    time.sleep(0.2)
    assert len(bot.fake.calls_to("views.publish")) == 1


@pytest.mark.parametrize("bot", ["socket"], indirect=True)
def test_a_redelivered_command_opens_one_modal(bot: Bot) -> None:
    assert isinstance(bot.slack, SocketPlatform)
    fields = bot.slack.command_fields("/offer-help", "Copy editing", user="U0ALICE")
    first = bot.fake.socket_mode.send("slash_commands", fields, envelope_id="env-cmd")
    again = bot.fake.socket_mode.send("slash_commands", fields, envelope_id="env-cmd", retry_attempt=1)
    assert first["envelope_id"] == again["envelope_id"] == "env-cmd"
    bot.opened_view("offer_modal")
    bot.settle()
    assert len(bot.fake.calls_to("views.open")) == 1


@pytest.mark.parametrize("bot", ["http", "socket"], indirect=True)
def test_the_same_form_submitted_twice_stores_one_entry(bot: Bot) -> None:
    bot.slack.command("/offer-help", "Copy editing")
    view = bot.opened_view("offer_modal")
    assert bot.slack.submit(view).status == 200
    assert bot.slack.submit(view).status == 200
    bot.settle()
    assert len(bot.rows(Offer)) == 1
    told = [
        call
        for method in ("response_url", "chat.postEphemeral", "chat.postMessage")
        for call in bot.fake.calls_to(method)
    ]
    assert len(told) == 1, "one confirmation for one stored offer"
