"""Whatever text follows a slash command, Kindred answers helpfully: a form opens or a friendly reply comes
back. Never a 500, never the "something went wrong" message, never member markup echoed back raw."""

import pytest

from bot import texts
from tests.e2e.conftest import Bot
from tests.fakeslack import check_view
from tests.slack.blocks.samples import RAW_MARKUP, mrkdwn_of

NASTY = [
    pytest.param("x" * 10_000, id="10000-chars"),
    pytest.param("🎉🙈 日本語 " * 500, id="emoji-and-scripts"),
    pytest.param("<!channel> <!here> <https://evil.example|click> *bold*", id="slack-markup"),
    pytest.param("<@U0NOBODY> <@W0GHOST|ghost> hello", id="unknown-mentions"),
    pytest.param("\x00\x07\x1b[2J\u202e\ufeff", id="control-characters"),
    pytest.param("'; DROP TABLE members; -- \" OR 1=1", id="sql-ish"),
]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("command", ["/offer-help", "/need-help"])
def test_any_text_opens_a_valid_form(bot: Bot, command: str, text: str) -> None:
    assert bot.slack.command(command, text).status == 200
    view = bot.next_call("views.open").args["view"]
    assert check_view(view) == []
    assert not bot.fake.calls_to("response_url")  # no error message


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("command", ["/intro", "/kindred"])
def test_any_text_gets_a_friendly_answer(bot: Bot, command: str, text: str) -> None:
    assert bot.slack.command(command, text).status == 200
    bot.settle()
    answers = [call.args for call in bot.fake.calls if call.method in ("response_url", "views.open")]
    assert len(answers) == 1
    answer = answers[0].get("view") or answers[0]
    assert texts.GENERIC_ERROR not in str(answer)
    shown = mrkdwn_of(answer)
    for raw in RAW_MARKUP:
        assert raw not in shown
