"""/intro's text: the well-formed mentions are exactly the people, everything else is the reason, and the
command does exactly one thing (answer, open the modal, or connect) for any text at all."""

from dataclasses import dataclass
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from bot.config import load_settings
from bot.home.publish import publish_home
from bot.intros import connector
from bot.intros import texts as intros_texts
from bot.slack import ids
from bot.slack.acting import Acting
from bot.slack.context import Deps
from tests.property.fakes import FakeClient, Recorder
from tests.property.strategies import nasty_text, user_ids

# Slack sends a real mention as <@U…> or <@U…|name>, and escapes <, > and & that a member types.
well_formed = st.builds(
    lambda user, label: (user, f"<@{user}|{label}>" if label is not None else f"<@{user}>"),
    user_ids,
    st.none() | st.text(st.characters(blacklist_characters="<>"), max_size=20),
)
not_mentions = st.sampled_from(
    [
        "<!channel>",
        "<!here>",
        "<#C0GENERAL|general>",
        "<https://x.example|x>",
        "@U0ALICE",
        "&lt;@U0ALICE&gt;",
        "<@u0alice>",
        "<@U0>",
        "<@ U0ALICE>",
        "<@C0GENERAL>",
        "<@U" + "A" * 31 + ">",
        "<@U0ALICE",
    ]
)
# What a member types between mentions (Slack escapes their own < and >).
words = nasty_text(60).map(lambda text: text.replace("<", "&lt;").replace(">", "&gt;"))
fragments = st.lists(
    st.one_of(well_formed, not_mentions.map(lambda t: (None, t)), words.map(lambda t: (None, t))), max_size=8
)


# `_connect` (the database and Slack side) is replaced, so these are never used: no sessions needed.
CONTEXT = {
    "kindred": Deps(settings=load_settings(_env_file=None), sessions=None, clock=None, home=publish_home)
}  # type: ignore[arg-type]


CONFIRMATION = "Kindred will ask them both."


@dataclass
class Outcome:
    answered: list[dict[str, Any]]
    opened: list[dict[str, Any]]
    connected: list[tuple[str, str, str]]

    def actions(self) -> int:
        """Answered with a problem, opened the modal, or connected (and confirmed): exactly one, always."""
        problems = self.answered if not self.connected else []
        return len(problems) + len(self.opened) + len(self.connected)


def run(text: str) -> Outcome:
    respond, client, connected = Recorder(), FakeClient(), []

    def connect(_acting: Any, first: str, second: str, reason: str) -> str:
        connected.append((first, second, reason))
        return CONFIRMATION

    body = {"text": text, "team_id": "T0TEAM", "user_id": "U0CONNECTOR", "trigger_id": "1.2.x"}
    with mock.patch.object(connector, "_connect", connect):
        connector.intro_command(Recorder(), body, client, CONTEXT, respond, Acting.of(body, CONTEXT, client))
    return Outcome(respond.calls, client.opened, connected)


def _element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(block["element"] for block in view["blocks"] if block.get("block_id") == block_id)


@given(fragments, st.sampled_from([" ", "  ", "\n", " \t "]))
def test_the_well_formed_mentions_are_the_people_and_the_rest_is_the_reason(
    parts: list[tuple[str | None, str]], separator: str
) -> None:
    text = separator.join(piece for _, piece in parts)
    written = [user for user, _ in parts if user is not None]
    people = list(dict.fromkeys(written))
    reason = " ".join(" ".join(piece for user, piece in parts if user is None).split())

    outcome = run(text)

    if len(people) > 2:
        assert [a["text"] for a in outcome.answered] == [intros_texts.INTRO_NEEDS_TWO]
    elif len(written) == 2 and len(people) == 1:
        assert [a["text"] for a in outcome.answered] == [intros_texts.INTRO_SAME_PERSON]
    elif len(people) < 2 or not reason or len(reason) > connector.REASON_MAX:
        [view] = outcome.opened  # asks for what is missing (or too long), keeping what was given
        assert _element(view, ids.INTRO_FIRST).get("initial_user") == (people[0] if people else None)
        assert _element(view, ids.INTRO_SECOND).get("initial_user") == (
            people[1] if len(people) > 1 else None
        )
        prefilled = _element(view, ids.INTRO_REASON).get("initial_value") or ""
        assert len(prefilled) <= connector.REASON_MAX
        assert reason.startswith(prefilled.removesuffix("…"))
    else:
        assert outcome.connected == [(people[0], people[1], reason)]
        assert [a["text"] for a in outcome.answered] == [CONFIRMATION]
    assert outcome.actions() == 1


@given(nasty_text(300))
def test_any_text_gets_exactly_one_answer_and_a_reason_without_mentions(text: str) -> None:
    outcome = run(text)
    assert outcome.actions() == 1
    for first, second, reason in outcome.connected:
        assert connector.MENTION.fullmatch(f"<@{first}>")
        assert connector.MENTION.fullmatch(f"<@{second}>")
        assert first != second
        assert reason == " ".join(reason.split()) != ""
        assert len(reason) <= connector.REASON_MAX
        assert not connector.MENTION.search(reason)
    for view in outcome.opened:
        prefilled = _element(view, ids.INTRO_REASON).get("initial_value") or ""
        assert not connector.MENTION.search(prefilled)
    assert outcome.answered == [] or outcome.answered[0]["response_type"] == "ephemeral"


@given(nasty_text(300))
def test_the_same_text_gives_the_same_outcome(text: str) -> None:
    assert run(text) == run(text)
