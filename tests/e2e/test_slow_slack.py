"""When Kindred is too slow to open a form (Slack's trigger_id lives 3 s), the member is told to try again,
not that something broke."""

from tests.e2e.conftest import Bot


def test_an_expired_trigger_on_a_command_asks_to_try_again(bot: Bot) -> None:
    bot.fake.fail_next("views.open", error="expired_trigger_id")
    assert bot.slack.command("/need-help", "a logo").status == 200
    told = bot.next_call("response_url").args
    assert "could not open that form within the few seconds Slack allows" in told["text"]
    assert "something went wrong" not in told["text"]


def test_an_expired_trigger_on_a_home_button_is_told_by_dm_not_by_another_modal(bot: Bot) -> None:
    bot.fake.fail_next("views.open", error="expired_trigger_id")
    assert bot.slack.click("add_offer", view={"id": "V0HOME", "type": "home"}).status == 200
    told = bot.next_call("chat.postMessage").args
    assert "Please try again" in told["text"]
    assert len(bot.fake.calls_to("views.open")) == 1  # the spent trigger is not tried again


def test_a_form_whose_trigger_expired_while_queued_is_not_attempted(bot: Bot, monkeypatch) -> None:
    from bot.slack import surfaces

    # as if the work after the ack had waited the trigger's whole lifetime in the queue
    monkeypatch.setattr(surfaces, "TRIGGER_MARGIN", surfaces.TRIGGER_LIFETIME)
    assert bot.slack.command("/offer-help").status == 200
    told = bot.next_call("response_url").args
    assert "Please try again" in told["text"]
    assert bot.fake.calls_to("views.open") == []
