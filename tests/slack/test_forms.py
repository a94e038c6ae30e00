"""Parsing view.state.values into typed data, and private_metadata round trips."""

import pytest

from bot import texts
from bot.errors import NotFound
from bot.models import NeedCreate, OfferCreate
from bot.slack.forms import ModalContext, id_value, inline_error, read_values, validate_form


def _state(**blocks) -> dict:
    return {"values": {block_id: {block_id: element} for block_id, element in blocks.items()}}


def test_each_element_type_is_read_the_way_slack_sends_it() -> None:
    state = _state(
        description={"type": "plain_text_input", "value": "Audits"},
        details={"type": "plain_text_input", "value": None},
        skills={"type": "multi_external_select", "selected_options": [{"value": "seo"}, {"value": "ux"}]},
        format={"type": "static_select", "selected_option": {"value": "call"}},
        monthly_capacity={"type": "static_select", "selected_option": None},
    )
    assert read_values(state) == {
        "description": "Audits",
        "details": "",
        "skills": ["seo", "ux"],
        "format": "call",
        "monthly_capacity": None,
    }


@pytest.mark.parametrize(
    "state", [None, "x", {"values": "x"}, {"values": {"a": "b"}}, {"values": {"a": {}}}, []]
)
def test_malformed_state_reads_as_nothing(state) -> None:
    assert read_values(state) == {}


@pytest.mark.parametrize("selected", [5, 2.5, True, "seo", {"value": "seo"}, None])
def test_a_multi_select_without_a_list_reads_as_nothing_chosen(selected) -> None:
    state = _state(skills={"type": "multi_static_select", "selected_options": selected})
    assert read_values(state) == {"skills": []}


def test_valid_input_becomes_typed_data() -> None:
    data, errors = validate_form(
        OfferCreate,
        _state(
            description={"type": "plain_text_input", "value": " Audits "},
            monthly_capacity={"type": "static_select", "selected_option": {"value": "5"}},
            links={"type": "plain_text_input", "value": "a.example\nb.example"},
        ),
    )
    assert errors == {}
    assert data is not None
    assert (data.description, data.monthly_capacity, data.links) == (
        "Audits",
        5,
        ["https://a.example", "https://b.example"],
    )


def test_errors_are_keyed_by_the_block_that_shows_them() -> None:
    data, errors = validate_form(
        NeedCreate,
        _state(
            description={"type": "plain_text_input", "value": ""},
            urgency={"type": "static_select", "selected_option": {"value": "now!"}},
        ),
    )
    assert data is None
    assert set(errors) == {"description", "urgency"}
    assert all(len(message) <= 150 for message in errors.values())


def test_a_payload_missing_a_required_block_still_gets_an_error_on_a_real_block() -> None:
    data, errors = validate_form(OfferCreate, _state(details={"type": "plain_text_input", "value": "x"}))
    assert data is None
    assert list(errors) == ["details"]
    assert "description" in errors["details"]


@pytest.mark.parametrize(
    "text", [None, "", "not json", "[1,2]", '{"entry_id": "7"}', '{"entry_id": true}', "[" * 3000]
)
def test_unreadable_metadata_is_an_empty_context(text) -> None:
    assert ModalContext.load(text) == ModalContext()


def test_metadata_round_trips() -> None:
    context = ModalContext(entry_id=12, response_url="https://hooks.example/x")
    assert ModalContext.load(context.dump()) == context


@pytest.mark.parametrize("value", ["²", "١٢", "①", "", "12a", "-1", "1" * 19, None])
def test_only_ascii_digits_are_a_button_id(value) -> None:
    with pytest.raises(NotFound):
        id_value(value)
    assert id_value("12") == 12


def test_a_refusal_under_a_field_is_never_empty_and_fits() -> None:
    assert inline_error("That person isn't in this workspace.") == "That person isn't in this workspace."
    assert inline_error("x" * 400) == "x" * 150
    assert inline_error("") == inline_error("  \n ") == texts.GENERIC_ERROR
