import pytest

from bot.intros.blocks import (
    consent_message,
    follow_up_message,
    intro_modal,
    introduction_message,
)
from bot.intros.cards import PersonCard
from bot.matches.blocks import need_matches_blocks
from bot.matches.service import HelperMatch
from bot.slack.blocks.messages import Message
from bot.slack.forms import ModalContext
from bot.stats.blocks import stats_message
from bot.stats.service import Stats
from tests.fakeslack import check_message_blocks, check_view
from tests.slack.blocks.samples import LONG, RAW_MARKUP, UNUSUAL, mrkdwn_of


def card(text: str) -> PersonCard:
    return PersonCard(
        "U0PERSON",
        text[:80] or "P",
        text,
        text,
        ("https://a.example/" + "x" * 280,) * 5,
        (text,) * 10,
        (text,) * 10,
        (text,) * 10,
    )


def valid(message) -> dict:
    kwargs = message.as_kwargs()
    assert kwargs["text"]
    assert check_message_blocks(kwargs["blocks"]) == []
    return kwargs


@pytest.mark.parametrize("text", ["x", UNUSUAL, LONG])
def test_intro_messages_are_valid_for_any_text(text: str) -> None:
    valid(consent_message(1, card(text), text))
    valid(consent_message(1, card(text), text, note=text))
    valid(introduction_message(card(text), card(text), text, connector_user_id="U0C", asker_user_id=None))
    valid(follow_up_message(1, text, second=True))
    valid(follow_up_message(1, text, second=False, note="Thanks"))
    matches = [HelperMatch(i, f"U{i}", text[:80] or "N", text, text) for i in range(5)]
    valid(Message(text="t", blocks=need_matches_blocks(1, matches, requested={2})))


def test_member_text_cannot_ping_from_intro_messages() -> None:
    messages = [
        consent_message(1, card(UNUSUAL), UNUSUAL, note=UNUSUAL),
        introduction_message(
            card(UNUSUAL), card(UNUSUAL), UNUSUAL, connector_user_id="U0C", asker_user_id=None
        ),
        follow_up_message(1, UNUSUAL, second=False),
        Message(
            text="t", blocks=need_matches_blocks(1, [HelperMatch(1, "U1", UNUSUAL, UNUSUAL, UNUSUAL)], set())
        ),
    ]
    for message in messages:
        shown = mrkdwn_of(valid(message))
        for raw in RAW_MARKUP:
            assert raw not in shown


def test_the_intro_modal_is_valid_and_prefilled() -> None:
    view = intro_modal(
        first="U0A", second=None, reason=LONG, context=ModalContext(response_url="https://h.example/r")
    )
    as_dict = view.to_dict()
    assert check_view(as_dict) == []
    assert as_dict["blocks"][1]["element"]["initial_user"] == "U0A"


def test_stats_are_valid_with_and_without_numbers() -> None:
    empty = Stats(0, 0, 0, 0, 0, None, None, None, [])
    assert "—" in str(valid(stats_message(empty))["blocks"])
    assert "Paused after" not in str(stats_message(empty).blocks)
    skills = [(f"skill-{i}", i, 10 - i) for i in range(16)]
    full = Stats(10, 6, 2, 5, 3, 0.75, 30.5, 0.5, skills, auto_paused=["Bob Brown", "Eve <Ops>"])
    shown = str(valid(stats_message(full))["blocks"])
    assert "*Paused for silence*\\n2" in shown
    assert "Bob Brown, Eve &lt;Ops&gt;" in shown
    assert "75%" in shown
    assert "30.5 hours" in shown
