"""Reading a modal's `view.state.values`: each input block gives the value Slack sent for its element, in
the shape the forms expect; anything malformed reads as nothing rather than crashing. Button values and
private_metadata parse back to what was put in, or to a stale-button error."""

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.entries.actions import entry_ref
from bot.entries.service import EntryKind
from bot.errors import NotFound
from bot.slack.forms import PRIVATE_METADATA_MAX, ModalContext, id_value, read_values
from tests.property.strategies import json_values, nasty_text, user_ids

block_ids = st.from_regex(r"[a-z_]{1,20}", fullmatch=True)
option_values = st.one_of(st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True), nasty_text(40))


def _option(value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": value[:75] or "-", "emoji": True}, "value": value}


# (element as Slack sends it, the value read_values should give)
text_inputs = st.one_of(nasty_text(), st.none()).map(
    lambda value: ({"type": "plain_text_input", "value": value}, "" if value is None else value)
)
single_selects = st.tuples(
    st.sampled_from(["static_select", "radio_buttons", "external_select"]), st.none() | option_values
).map(lambda t: ({"type": t[0], "selected_option": None if t[1] is None else _option(t[1])}, t[1]))
multi_selects = st.tuples(
    st.sampled_from(["multi_static_select", "multi_external_select", "checkboxes"]),
    st.lists(option_values, max_size=12),
).map(lambda t: ({"type": t[0], "selected_options": [_option(v) for v in t[1]]}, t[1]))
user_selects = (st.none() | user_ids).map(
    lambda user: ({"type": "users_select", "selected_user": user}, user)
)
elements = st.one_of(text_inputs, single_selects, multi_selects, user_selects)


@given(
    st.dictionaries(
        block_ids, st.tuples(st.from_regex(r"[a-z_]{1,20}", fullmatch=True), elements), max_size=8
    )
)
def test_each_block_reads_as_the_value_slack_sent(
    blocks: dict[str, tuple[str, tuple[dict[str, Any], Any]]],
) -> None:
    state = {
        "values": {block_id: {action_id: element} for block_id, (action_id, (element, _)) in blocks.items()}
    }
    expected = {block_id: value for block_id, (_, (_, value)) in blocks.items()}
    assert read_values(state) == expected


@given(json_values())
def test_any_json_at_all_reads_without_crashing(state: object) -> None:
    values = read_values(state)
    assert isinstance(values, dict)
    assert all(isinstance(key, str) for key in values)


slack_keys = st.sampled_from(
    ["type", "value", "selected_option", "selected_options", "selected_user", "text"]
)
any_element = st.dictionaries(slack_keys, json_values(10), max_size=4)


@given(
    st.dictionaries(
        block_ids, st.dictionaries(block_ids, any_element | json_values(5), max_size=2), max_size=5
    )
)
def test_slack_shaped_blocks_with_any_element_content_read_without_crashing(blocks: dict[str, Any]) -> None:
    values = read_values({"values": blocks})
    assert set(values) <= set(blocks)
    for block_id, value in values.items():
        element = next(iter(blocks[block_id].values()))
        if "selected_options" in element:
            assert isinstance(value, list)


@given(
    st.none() | st.integers(min_value=1, max_value=2**53),
    st.none()
    | st.from_regex(
        r"https://hooks\.slack\.com/commands/T0[A-Z0-9]{6}/[0-9]{6}/[A-Za-z0-9]{8,24}", fullmatch=True
    )
    | st.text(max_size=4000),
)
def test_modal_context_survives_the_round_trip_through_private_metadata(
    entry_id: int | None, response_url: str | None
) -> None:
    dumped = ModalContext(entry_id=entry_id, response_url=response_url).dump()
    assert len(dumped) <= PRIVATE_METADATA_MAX
    loaded = ModalContext.load(dumped)
    assert loaded.entry_id == entry_id  # the id is never dropped; a too-long response_url may be
    assert loaded.response_url in (response_url, None)
    if len(response_url or "") < 2000:
        assert loaded.response_url == response_url


@given(st.one_of(nasty_text(), json_values().map(str)))
def test_any_private_metadata_loads_as_some_context(text: str) -> None:
    loaded = ModalContext.load(text)
    assert loaded.entry_id is None or isinstance(loaded.entry_id, int)
    assert loaded.response_url is None or isinstance(loaded.response_url, str)


@given(st.integers(min_value=0, max_value=10**18 - 1), st.sampled_from(list(EntryKind)))
def test_button_values_parse_back_to_their_ids(entry_id: int, kind: EntryKind) -> None:
    assert id_value(str(entry_id)) == entry_id
    assert entry_ref(f"{kind}:{entry_id}") == (kind, entry_id)


digits_of_any_script = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=4)


@given(st.one_of(json_values(5), nasty_text(40), st.integers(), digits_of_any_script))
def test_any_other_button_value_is_a_stale_button(value: object) -> None:
    text = str(value or "")
    if re.fullmatch(r"[0-9]{1,18}", text):
        assert id_value(value) == int(text)
    else:
        with pytest.raises(NotFound):
            id_value(value)
    kind, _, raw_id = text.partition(":")
    if kind in set(EntryKind) and re.fullmatch(r"[0-9]{1,18}", raw_id):
        assert entry_ref(value) == (EntryKind(kind), int(raw_id))
    else:
        with pytest.raises(NotFound):
            entry_ref(value)
