"""Block Kit checker: interactive elements and composition objects (options, confirm dialogs)."""

from __future__ import annotations

import pytest

from tests.fakeslack.blockcheck import check_message_blocks
from tests.fakeslack.samples import (
    button,
    in_actions,
    in_modal,
    mrkdwn,
    option,
    plain,
    section,
    select,
)

# ------------------------------------------------------------------ elements


def test_unknown_element_types_are_rejected() -> None:
    assert in_actions({"type": "slider", "action_id": "s"}) == [
        "unsupported type: slider [json-pointer:/blocks/0/elements/0/type]"
    ]


def test_button_text_is_limited_to_75_characters() -> None:
    assert in_actions(button("b" * 75)) == []
    assert in_actions(button("b" * 76)) == [
        "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]"
    ]


def test_button_style_is_primary_or_danger() -> None:
    assert in_actions(button(style="secondary")) == [
        "must be a valid enum value [json-pointer:/blocks/0/elements/0/style]"
    ]


@pytest.mark.parametrize(("field", "limit"), [("action_id", 255), ("value", 2000), ("url", 3000)])
def test_button_strings_have_limits(field: str, limit: int) -> None:
    assert in_actions(button(**{field: "x" * (limit + 1)})) == [
        f"must be less than {limit + 1} characters [json-pointer:/blocks/0/elements/0/{field}]"
    ]


@pytest.mark.parametrize(
    ("count", "error"), [(1, "must provide at least 2 items"), (6, "no more than 5 items allowed")]
)
def test_overflow_takes_2_to_5_options(count: int, error: str) -> None:
    overflow = {
        "type": "overflow",
        "action_id": "o",
        "options": [option(value=f"v{i}") for i in range(count)],
    }
    assert in_actions(overflow) == [f"{error} [json-pointer:/blocks/0/elements/0/options]"]


def test_option_text_is_limited_to_75_characters() -> None:
    errors = in_actions(select([option("o" * 76)]))
    assert errors == [
        "must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]"
    ]


def test_option_values_are_limited_to_150_characters() -> None:
    errors = in_actions(select([option(value="v" * 151)]))
    assert errors == ["must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]"]


def test_select_options_need_a_value() -> None:
    errors = in_actions(select([{"text": plain("One")}]))
    assert errors == ["missing required field: value [json-pointer:/blocks/0/elements/0/options/0]"]


def test_a_select_needs_at_least_one_option() -> None:
    assert in_actions(select([])) == [
        "must provide at least 1 items [json-pointer:/blocks/0/elements/0/options]"
    ]


def test_a_select_takes_at_most_100_options() -> None:
    errors = in_actions(select([option(value=str(i)) for i in range(101)]))
    assert errors == ["no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]"]


def test_option_groups_are_checked() -> None:
    groups = [{"label": plain("g" * 76), "options": [option()]}]
    errors = in_actions({"type": "static_select", "action_id": "s", "option_groups": groups})
    assert errors == [
        "must be less than 76 characters [json-pointer:/blocks/0/elements/0/option_groups/0/label/text]"
    ]


def test_an_initial_option_in_option_groups_is_accepted() -> None:
    groups = [{"label": plain("G"), "options": [option("A", "a"), option("B", "b")]}]
    assert (
        in_actions({"type": "static_select", "option_groups": groups, "initial_option": option("B", "b")})
        == []
    )


def test_the_initial_option_must_be_one_of_the_options() -> None:
    errors = in_actions(select([option("A", "a")], initial_option=option("B", "b")))
    assert errors == [
        "must match one of the provided options [json-pointer:/blocks/0/elements/0/initial_option]"
    ]


def test_multi_select_initial_options_must_be_among_the_options() -> None:
    multi = {
        "type": "multi_static_select",
        "options": [option("A", "a")],
        "initial_options": [option("A", "a"), option("Z", "z")],
    }
    assert in_modal(multi) == [
        "must match one of the provided options [json-pointer:/view/blocks/0/element/initial_options/1]"
    ]


def test_multi_select_max_selected_items_is_at_least_1() -> None:
    multi = {"type": "multi_static_select", "options": [option()], "max_selected_items": 0}
    assert in_modal(multi) == [
        "must be greater than or equal to 1 [json-pointer:/view/blocks/0/element/max_selected_items]"
    ]


def test_external_select_min_query_length_is_not_negative() -> None:
    errors = in_modal({"type": "external_select", "action_id": "e", "min_query_length": -1})
    assert errors == [
        "must be greater than or equal to 0 [json-pointer:/view/blocks/0/element/min_query_length]"
    ]


def test_external_select_initial_option_must_be_an_option_object() -> None:
    errors = in_modal({"type": "external_select", "initial_option": {"text": plain("A")}})
    assert errors == ["missing required field: value [json-pointer:/view/blocks/0/element/initial_option]"]


def test_checkboxes_take_at_most_10_options() -> None:
    boxes = {"type": "checkboxes", "options": [option(value=str(i)) for i in range(11)]}
    assert in_modal(boxes) == ["no more than 10 items allowed [json-pointer:/view/blocks/0/element/options]"]


def test_radio_buttons_accept_mrkdwn_option_text() -> None:
    radio = {"type": "radio_buttons", "options": [{"text": mrkdwn("*A*"), "value": "a"}]}
    assert in_modal(radio) == []


def test_plain_text_input_max_length_is_at_most_3000() -> None:
    errors = in_modal({"type": "plain_text_input", "max_length": 3001})
    assert errors == ["must be less than or equal to 3000 [json-pointer:/view/blocks/0/element/max_length]"]


def test_plain_text_input_initial_value_fits_max_length() -> None:
    errors = in_modal({"type": "plain_text_input", "max_length": 5, "initial_value": "toolong"})
    assert errors == ["must be less than 6 characters [json-pointer:/view/blocks/0/element/initial_value]"]


def test_placeholders_are_limited_to_150_characters() -> None:
    errors = in_modal({"type": "plain_text_input", "placeholder": plain("p" * 151)})
    assert errors == [
        "must be less than 151 characters [json-pointer:/view/blocks/0/element/placeholder/text]"
    ]


def test_number_input_needs_is_decimal_allowed() -> None:
    errors = in_modal({"type": "number_input", "action_id": "n"})
    assert errors == ["missing required field: is_decimal_allowed [json-pointer:/view/blocks/0/element]"]


def test_datepicker_dates_are_iso_formatted() -> None:
    errors = in_modal({"type": "datepicker", "initial_date": "31/01/2025"})
    assert errors == [
        "must be a date in the format YYYY-MM-DD [json-pointer:/view/blocks/0/element/initial_date]"
    ]


def test_timepicker_times_are_hh_mm() -> None:
    errors = in_modal({"type": "timepicker", "initial_time": "9:30am"})
    assert errors == ["must be a time in the format HH:mm [json-pointer:/view/blocks/0/element/initial_time]"]


def test_url_and_email_inputs_are_input_elements() -> None:
    assert in_modal({"type": "url_text_input", "action_id": "u"}) == []
    assert in_modal({"type": "email_text_input", "action_id": "e"}) == []


@pytest.mark.parametrize(
    ("field", "limit"),
    [("title", 100), ("text", 300), ("confirm", 30), ("deny", 30)],
)
def test_confirm_dialog_texts_have_limits(field: str, limit: int) -> None:
    confirm = {"title": plain("Sure?"), "text": plain("Really"), "confirm": plain("Yes"), "deny": plain("No")}
    confirm[field] = plain("x" * (limit + 1))
    assert in_actions(button(confirm=confirm)) == [
        f"must be less than {limit + 1} characters [json-pointer:/blocks/0/elements/0/confirm/{field}/text]"
    ]


def test_a_confirm_dialog_needs_all_its_texts() -> None:
    errors = in_actions(button(confirm={"title": plain("Sure?"), "text": plain("Really")}))
    assert errors == [
        "missing required field: confirm [json-pointer:/blocks/0/elements/0/confirm]",
        "missing required field: deny [json-pointer:/blocks/0/elements/0/confirm]",
    ]


def test_all_errors_are_reported_at_once() -> None:
    errors = check_message_blocks([section(""), {"type": "header", "text": plain("h" * 151)}])
    assert len(errors) == 2
