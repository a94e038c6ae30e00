import pytest

from bot.entries.blocks import list_message, saved_message
from bot.entries.service import OpenEntries
from bot.profiles.blocks import cadence_picker, profile_saved_message, welcome_message
from bot.slack.blocks import messages
from tests.fakeslack import check_message_blocks
from tests.slack.blocks import samples


def valid(message: messages.Message) -> dict:
    kwargs = message.as_kwargs()
    assert kwargs["text"]
    assert check_message_blocks(kwargs["blocks"]) == []
    return kwargs


@pytest.mark.parametrize("text", ["", samples.UNUSUAL, samples.LONG])
def test_confirmations_are_valid_and_say_what_was_saved(text: str) -> None:
    for entry in (samples.offer(text or "x"), samples.need(text or "x"), samples.project(text or "x")):
        kwargs = valid(saved_message(entry, created=True))
        assert "saved" in kwargs["text"]
    private = valid(saved_message(samples.need("Burnout", private=True), created=False))
    assert "private" in str(private["blocks"])
    assert "updated" in private["text"]


def test_lists_help_welcome_and_cadence_picker_are_valid() -> None:
    long_list = valid(list_message(samples.everything(samples.LONG, 10)))
    assert "more." in str(long_list["blocks"])
    assert "haven't listed" in valid(list_message(OpenEntries([], [], [])))["text"]
    valid(messages.help_message(unknown=samples.UNUSUAL * 10))
    valid(welcome_message())
    picker = valid(cadence_picker("monthly", prefix="`x` isn't a cadence"))
    buttons = picker["blocks"][-1]["elements"]
    assert [b["value"] for b in buttons] == ["weekly", "every-two-weeks", "monthly", "off"]
    assert [b.get("style") for b in buttons] == [None, None, "primary", None]


def test_profile_confirmation_escapes_member_text() -> None:
    kwargs = valid(profile_saved_message(samples.member(samples.UNUSUAL, links=5)))
    assert "<!channel>" not in str(kwargs["blocks"])
