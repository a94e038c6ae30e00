"""The reconnect nudge: what it leads with, its three buttons, member text made inert; once answered, no
buttons."""

import pytest

from bot.reconnect.blocks import answered_message, reconnect_message
from bot.slack.blocks.messages import Message
from tests.fakeslack import check_message_blocks


def valid(message: Message) -> list[dict]:
    blocks = message.as_kwargs()["blocks"]
    assert check_message_blocks(blocks) == []
    return blocks


def actions(blocks: list[dict]) -> list[tuple[str, str]]:
    return [(e["action_id"], e["value"]) for b in blocks if b["type"] == "actions" for e in b["elements"]]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (None, "It has been a while since you met *Ben Brown*"),
        ("project", "*Ben Brown* has a new project: “Garden app”"),
        ("need", "*Ben Brown* is looking for help with “Garden app” — and you offered “Watering tips”"),
        ("offer", "*Ben Brown* now offers “Garden app”, which fits what you're looking for: “Watering tips”"),
    ],
)
def test_the_nudge_leads_with_what_is_new(kind: str | None, expected: str) -> None:
    message = reconnect_message(7, "Ben Brown", news_kind=kind, news_text="Garden app", yours="Watering tips")
    blocks = valid(message)
    assert expected in blocks[0]["text"]["text"]
    assert actions(blocks) == [
        ("reconnect_in_touch", "7"),
        ("reconnect_later", "7"),
        ("reconnect_not_for_me", "7"),
    ]
    assert message.text == "Time to catch up with Ben Brown?"


def test_member_text_cannot_ping_or_link() -> None:
    blocks = valid(reconnect_message(7, "<!channel>", news_kind="project", news_text="<http://x|y>"))
    assert "<!channel>" not in str(blocks)
    assert "<http" not in str(blocks)


def test_an_answered_nudge_has_no_buttons() -> None:
    blocks = valid(answered_message("Ben Brown", "Got it"))
    assert actions(blocks) == []
    assert "Ben Brown" in str(blocks)
    assert "Got it" in str(blocks)
