import pytest

from bot.digest.blocks import DigestEntry, channel_digest_message, digest_message
from tests.fakeslack import check_message_blocks
from tests.slack.blocks.samples import LONG, UNUSUAL


def entry(number: int, text: str = "Because you both like SEO.", status: str = "shown") -> DigestEntry:
    return DigestEntry(
        number,
        "can_help_you",
        text,
        status,
        f"U0{number:04d}",
        f"Name {number}",
        text[:100],
        (f"https://site{number}.example/" + "p" * 250,) * 5,
    )


@pytest.mark.parametrize("text", ["x", UNUSUAL, LONG])
def test_the_digest_is_valid_for_any_text(text: str) -> None:
    kwargs = digest_message([entry(i, text) for i in range(1, 11)], cadence="every-two-weeks").as_kwargs()
    assert check_message_blocks(kwargs["blocks"]) == []
    assert "<!channel>" not in str(kwargs["blocks"])


def test_acted_on_suggestions_show_what_happened_instead_of_buttons() -> None:
    blocks = digest_message(
        [entry(1), entry(2, status="intro-requested"), entry(3, status="dismissed")], cadence="weekly"
    ).as_kwargs()["blocks"]
    buttons = [
        e.get("value")
        for b in blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "button"
    ]
    assert [value for value in buttons if value] == ["1", "1"]
    text = str(blocks)
    assert "Intro requested" in text
    assert "won't see Name 3" in text


def test_the_notification_text_names_the_people() -> None:
    assert digest_message([entry(1), entry(2)], cadence="weekly").text.endswith("Name 1, Name 2")


def test_the_channel_post_is_valid_and_capped() -> None:
    many = [(f"Member {i}", LONG) for i in range(40)]
    kwargs = channel_digest_message(many, many).as_kwargs()
    assert check_message_blocks(kwargs["blocks"]) == []
    offers_text = kwargs["blocks"][1]["text"]["text"]
    shown = offers_text.count("• *Member")
    assert 0 < shown < 40
    assert offers_text.endswith(f"…and {40 - shown} more.")
