"""Submitting the /intro modal: any values in its blocks either connect two different people with a
reason of the right size, or come back as inline errors on the modal's own blocks; never a crash."""

from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from bot.config import load_settings
from bot.errors import InvalidInput
from bot.home.publish import publish_home
from bot.intros import connector
from bot.intros.blocks import intro_modal
from bot.slack import ids
from bot.slack.acting import Acting
from bot.slack.context import Deps
from bot.slack.forms import ModalContext
from tests.property.fakes import FakeClient, Recorder
from tests.property.strategies import json_values, nasty_text, user_ids

ERROR_MAX = 150
VIEW = intro_modal(first=None, second=None, reason="", context=ModalContext()).to_dict()
BLOCKS = {block["block_id"]: block["element"] for block in VIEW["blocks"] if block["type"] == "input"}
# `_connect` (the database and Slack side) is replaced, so these are never used: no sessions needed.
CONTEXT = {
    "kindred": Deps(settings=load_settings(_env_file=None), sessions=None, clock=None, home=publish_home)
}  # type: ignore[arg-type]


@st.composite
def submissions(draw: st.DrawFn) -> dict[str, Any]:
    people = draw(st.lists(user_ids, min_size=1, max_size=3))
    values: dict[str, Any] = {}
    for block_id, element in BLOCKS.items():
        if draw(st.integers(0, 9)) == 0:
            continue
        if element["type"] == "users_select":
            chosen = draw(st.none() | st.sampled_from(people) | json_values(3))
            values[block_id] = {block_id: {"type": "users_select", "selected_user": chosen}}
        else:
            reason = draw(st.none() | nasty_text(600) | st.text(min_size=495, max_size=505))
            values[block_id] = {block_id: {"type": "plain_text_input", "value": reason}}
    return {"values": values}


@given(submissions(), st.none() | nasty_text(300))
def test_a_submission_connects_or_gets_errors_slack_can_show(
    state: dict[str, Any], refusal: str | None
) -> None:
    connected: list[tuple[str, str, str]] = []

    def connect(_acting: Any, first: str, second: str, reason: str) -> str:
        if refusal is not None:  # a domain rule said no (already introduced, not a member…)
            raise InvalidInput(refusal)
        connected.append((first, second, reason))
        return "Kindred will ask them both."

    ack, told = Recorder(), mock.Mock()
    view = {"id": "V1", "callback_id": ids.INTRO_MODAL, "state": state, "private_metadata": ""}
    body = {"team": {"id": "T0TEAM"}, "user": {"id": "U0CONNECTOR"}, "view": view}
    with mock.patch.object(connector, "_connect", connect), mock.patch.object(connector, "tell", told):
        client = FakeClient()
        connector.intro_submitted(ack, view, client, Acting.of(body, CONTEXT, client))

    [answer] = ack.calls
    if answer:
        assert answer["response_action"] == "errors"
        errors = answer["errors"]
        assert errors
        assert set(errors) <= set(BLOCKS)
        assert all(message and len(message) <= ERROR_MAX for message in errors.values())
        told.assert_not_called()
        return
    [(first, second, reason)] = connected
    assert isinstance(first, str)
    assert isinstance(second, str)
    assert first
    assert first != second
    assert reason == " ".join(reason.split())
    assert 0 < len(reason) <= connector.REASON_MAX
    told.assert_called_once()
