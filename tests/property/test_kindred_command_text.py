"""/kindred's text: any text splits into a subcommand word and its argument, unknown words get help, and
any spelling of a cadence word sets that cadence while anything else changes nothing."""

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from bot import texts
from bot.config import load_settings
from bot.db import SessionFactory
from bot.home.publish import publish_home
from bot.listeners import kindred_subcommands
from bot.members import Identity
from bot.models import Member
from bot.profiles import texts as profiles_texts
from bot.profiles.commands import CADENCE_WORDS
from bot.slack import kindred_command as commands
from bot.slack.acting import Acting
from bot.slack.context import Deps
from tests.conftest import NOW
from tests.property.fakes import FakeClient, Recorder, blocks_text
from tests.property.strategies import SLACK_MARKUP, nasty_text, team_ids, user_ids

SUBCOMMANDS = {
    "help",
    "profile",
    "pause",
    "resume",
    "cadence",
    "list",
    "stats",
    "export",
    "forget-me",
    "forgetme",
}
KNOWN_WORDS = {"", "forget", *SUBCOMMANDS}  # "forget" only with "me"
KINDRED = kindred_subcommands()
WHITESPACE = st.text(alphabet=" \t\n\r\u00a0\u2003\u3000", min_size=1, max_size=4)


@given(nasty_text())
def test_any_text_splits_into_a_word_and_the_rest(text: str) -> None:
    word, argument = commands._subcommand(text)
    typed = text.split()
    if not typed:
        assert (word, argument) == ("", "")
        return
    assert word == typed[0].lower()[:40]
    assert not any(ch.isspace() for ch in word)
    assert argument.split() == typed[1:]  # nothing the member typed after the word is lost


@given(st.sampled_from(sorted(SUBCOMMANDS)), st.data())
def test_subcommands_are_recognised_in_any_case_and_spacing(word: str, data: st.DataObject) -> None:
    cased = "".join(ch.upper() if data.draw(st.booleans()) else ch for ch in word)
    text = data.draw(WHITESPACE) + cased + data.draw(WHITESPACE) + data.draw(nasty_text(40))
    assert commands._subcommand(text)[0] == word


@given(nasty_text(), team_ids, user_ids)
def test_an_unknown_subcommand_gets_help_that_shows_the_word_inert(text: str, team: str, user: str) -> None:
    word, _ = commands._subcommand(text)
    if word in KNOWN_WORDS:
        return
    respond = Recorder()
    body = {"text": text, "team_id": team, "user_id": user, "trigger_id": "1.2.x"}
    context, client = {"team_id": team, "user_id": user}, FakeClient()
    acting = Acting(Identity(team, user), deps=None, client=client)  # type: ignore[arg-type]  # unused
    KINDRED.kindred(Recorder(), body, client, context, respond, acting)
    [answer] = respond.calls
    assert answer["response_type"] == "ephemeral"
    shown = blocks_text(answer["blocks"])
    assert texts.HELP_TEXT in shown
    assert not re.search(r"<[!@#]", shown.replace(texts.HELP_TEXT, "")), "member text must not ping or link"


@st.composite
def cadence_spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A cadence word, and that word as a member might type it: any case, '_' for '-', any white space."""
    word = draw(st.sampled_from(sorted(CADENCE_WORDS)))
    parts = []
    for piece in re.split(r"( |-)", word):
        if piece == " ":
            parts.append(draw(WHITESPACE))
        elif piece == "-":
            parts.append(draw(st.sampled_from(["-", "_"])))
        else:
            parts.append("".join(ch.upper() if draw(st.booleans()) else ch for ch in piece))
    return word, draw(WHITESPACE) + "".join(parts) + draw(WHITESPACE)


class _Workspace:
    def __init__(self, sessions: SessionFactory, team: str, user: str) -> None:
        settings_ = load_settings(_env_file=None)
        self.deps = Deps(settings=settings_, sessions=sessions, clock=lambda: NOW, home=publish_home)
        self.team, self.user = team, user

    def cadence_command(self, argument: str) -> dict[str, Any]:
        respond = Recorder()
        body = {"text": f"cadence {argument}", "team_id": self.team, "user_id": self.user, "trigger_id": "t"}
        context = {"kindred": self.deps, "team_id": self.team, "user_id": self.user}
        client = FakeClient()
        KINDRED.kindred(Recorder(), body, client, context, respond, Acting.of(body, context, client))
        [answer] = respond.calls
        return answer

    def cadence(self) -> str:
        with self.deps.sessions() as session:
            member = session.exec(select(Member).where(Member.user_id == self.user)).one()
            return str(member.digest_cadence)


# The DB is shared by a test's examples: each example reads the state it starts from.
DB_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@DB_SETTINGS
@given(cadence_spellings())
def test_any_spelling_of_a_cadence_word_sets_that_cadence(
    sessions: SessionFactory, word_and_spelling: tuple[str, str]
) -> None:
    word, spelling = word_and_spelling
    workspace = _Workspace(sessions, "T0CADENCE", "U0CADENCE")
    answer = workspace.cadence_command(spelling)
    expected = CADENCE_WORDS[word]
    assert workspace.cadence() == expected
    assert answer["text"] == profiles_texts.cadence_set(expected)


@DB_SETTINGS
@given(
    st.one_of(nasty_text(), st.sampled_from(SLACK_MARKUP), st.sampled_from(["weekly please", "every", "2"]))
)
def test_anything_else_changes_nothing_and_offers_the_choices(
    sessions: SessionFactory, argument: str
) -> None:
    normalised = " ".join(argument.lower().replace("_", "-").split())
    if not normalised or normalised in CADENCE_WORDS:
        return
    workspace = _Workspace(sessions, "T0CADENCE", "U0CADENCE")
    workspace.cadence_command("monthly")
    answer = workspace.cadence_command(argument)
    assert workspace.cadence() == "monthly"
    shown = blocks_text(answer["blocks"])
    assert "isn't a cadence I know" in shown
    assert not re.search(r"<[!@#]", shown), "member text must not ping or link"
    values = [
        e["value"] for block in answer["blocks"] if block["type"] == "actions" for e in block["elements"]
    ]
    assert values == list(texts.CADENCE_LABELS)
