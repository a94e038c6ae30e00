"""Block Kit checker: surfaces and blocks, with Slack's limits and error format."""

from __future__ import annotations

import pytest

from tests.fakeslack.blockcheck import check_message_blocks, check_view
from tests.fakeslack.samples import (
    button,
    in_actions,
    in_modal,
    input_block,
    modal,
    mrkdwn,
    option,
    plain,
    section,
    select,
)

# ------------------------------------------------------------------ valid payloads


def test_a_rich_valid_message_has_no_errors() -> None:
    blocks = [
        {"type": "header", "text": plain("Intro")},
        section("*Dana* meet *Eli*", accessory=button("Open", value="v", style="primary")),
        {"type": "section", "fields": [mrkdwn("*Offer*"), mrkdwn("SEO audits")]},
        {"type": "divider"},
        {
            "type": "context",
            "elements": [
                mrkdwn("via Kindred"),
                {"type": "image", "image_url": "https://x/y.png", "alt_text": "y"},
            ],
        },
        {"type": "image", "image_url": "https://x/y.png", "alt_text": "chart", "title": plain("Chart")},
        {
            "type": "actions",
            "block_id": "intro",
            "elements": [
                button("Yes", style="primary"),
                {**button("No", style="danger"), "action_id": "no"},
                {"type": "overflow", "action_id": "more", "options": [option("A", "a"), option("B", "b")]},
                select([option()], initial_option=option()),
            ],
        },
    ]
    assert check_message_blocks(blocks) == []


def test_a_valid_modal_with_inputs_has_no_errors() -> None:
    view = modal(
        [
            input_block({"type": "plain_text_input", "action_id": "t", "multiline": True, "max_length": 500}),
            input_block(
                {"type": "multi_users_select", "action_id": "u", "max_selected_items": 3}, optional=True
            ),
            input_block(
                {
                    "type": "conversations_select",
                    "action_id": "c",
                    "response_url_enabled": True,
                    "filter": {"include": ["public", "im"], "exclude_bot_users": True},
                }
            ),
            input_block({"type": "datepicker", "action_id": "d", "initial_date": "2025-01-31"}),
            input_block({"type": "timepicker", "action_id": "tm", "initial_time": "09:30"}),
            input_block({"type": "number_input", "action_id": "n", "is_decimal_allowed": False}),
            input_block(
                {
                    "type": "checkboxes",
                    "action_id": "cb",
                    "options": [option()],
                    "initial_options": [option()],
                }
            ),
        ],
        submit=plain("Save"),
        close=plain("Cancel"),
        callback_id="offer",
        private_metadata="x" * 3000,
    )
    assert check_view(view) == []


def test_a_valid_home_tab_has_no_errors() -> None:
    assert check_view({"type": "home", "blocks": [section()], "callback_id": "home"}) == []


# ------------------------------------------------------------------ counts of blocks


def test_a_message_allows_50_blocks() -> None:
    assert check_message_blocks([{"type": "divider"}] * 50) == []


def test_a_message_rejects_51_blocks() -> None:
    assert check_message_blocks([{"type": "divider"}] * 51) == [
        "no more than 50 items allowed [json-pointer:/blocks]"
    ]


def test_a_modal_allows_100_blocks() -> None:
    assert check_view(modal([{"type": "divider"}] * 100)) == []


@pytest.mark.parametrize("kind", ["modal", "home"])
def test_views_reject_101_blocks(kind: str) -> None:
    view = (
        modal([{"type": "divider"}] * 101)
        if kind == "modal"
        else {"type": "home", "blocks": [{"type": "divider"}] * 101}
    )
    assert "no more than 100 items allowed [json-pointer:/view/blocks]" in check_view(view)


# ------------------------------------------------------------------ view fields


def test_a_24_character_modal_title_is_fine() -> None:
    assert check_view(modal(title=plain("x" * 24))) == []


def test_a_25_character_modal_title_is_rejected() -> None:
    errors = check_view(modal(title=plain("x" * 25)))
    assert errors == ["must be less than 25 characters [json-pointer:/view/title/text]"]


def test_a_modal_needs_a_title() -> None:
    view = modal()
    del view["title"]
    assert check_view(view) == ["missing required field: title [json-pointer:/view]"]


def test_a_modal_title_must_be_plain_text() -> None:
    assert check_view(modal(title=mrkdwn("*Hi*"))) == [
        "must be a valid enum value [json-pointer:/view/title/type]"
    ]


@pytest.mark.parametrize("field", ["submit", "close"])
def test_modal_buttons_are_limited_to_24_characters(field: str) -> None:
    errors = check_view(modal(**{field: plain("x" * 25)}))
    assert errors == [f"must be less than 25 characters [json-pointer:/view/{field}/text]"]


def test_input_blocks_need_a_submit_button() -> None:
    view = modal([section(), input_block({"type": "plain_text_input", "action_id": "t"})])
    assert check_view(view) == [
        "must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/1/input]"
    ]


@pytest.mark.parametrize(
    ("field", "limit"), [("private_metadata", 3000), ("callback_id", 255), ("external_id", 255)]
)
def test_view_strings_have_limits(field: str, limit: int) -> None:
    assert check_view(modal(**{field: "x" * limit})) == []
    assert check_view(modal(**{field: "x" * (limit + 1)})) == [
        f"must be less than {limit + 1} characters [json-pointer:/view/{field}]"
    ]


def test_view_type_must_be_modal_or_home() -> None:
    assert check_view({"type": "workflow_step", "blocks": []}) == [
        "must be a valid enum value [json-pointer:/view/type]"
    ]


def test_an_expected_view_type_is_enforced() -> None:
    assert check_view(modal(), expect="home") == ["must be a valid enum value [json-pointer:/view/type]"]


def test_unknown_view_properties_are_rejected() -> None:
    assert check_view(modal(state={"values": {}})) == [
        "invalid additional property: state [json-pointer:/view]"
    ]


def test_a_home_tab_has_no_title() -> None:
    assert check_view({"type": "home", "title": plain("Hi"), "blocks": []}) == [
        "invalid additional property: title [json-pointer:/view]"
    ]


# ------------------------------------------------------------------ text objects and block ids


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_rejected(text: str) -> None:
    assert check_message_blocks([section(text)]) == [
        "must be more than 0 characters [json-pointer:/blocks/0/text/text]"
    ]


def test_text_objects_need_a_known_type() -> None:
    errors = check_message_blocks([{"type": "section", "text": {"type": "markdown", "text": "x"}}])
    assert "must be a valid enum value [json-pointer:/blocks/0/text/type]" in errors


def test_a_bare_string_is_not_a_text_object() -> None:
    assert check_message_blocks([{"type": "section", "text": "hello"}]) == [
        "must provide an object [json-pointer:/blocks/0/text]"
    ]


def test_emoji_is_only_for_plain_text() -> None:
    errors = check_message_blocks(
        [{"type": "section", "text": {"type": "mrkdwn", "text": "x", "emoji": True}}]
    )
    assert errors == ["invalid additional property: emoji [json-pointer:/blocks/0/text]"]


def test_block_ids_are_limited_to_255_characters() -> None:
    assert check_message_blocks([section(block_id="b" * 255)]) == []
    assert check_message_blocks([section(block_id="b" * 256)]) == [
        "must be less than 256 characters [json-pointer:/blocks/0/block_id]"
    ]


def test_block_ids_are_unique() -> None:
    errors = check_message_blocks([section(block_id="a"), {"type": "divider", "block_id": "a"}])
    assert errors == ['`block_id` "a" already exists [json-pointer:/blocks/1/block_id]']


def test_unknown_block_types_are_rejected() -> None:
    assert check_message_blocks([{"type": "carousel"}]) == [
        "unsupported type: carousel [json-pointer:/blocks/0/type]"
    ]


def test_misspelled_block_properties_are_rejected() -> None:
    errors = check_message_blocks([section(acessory=button())])
    assert errors == ["invalid additional property: acessory [json-pointer:/blocks/0]"]


# ------------------------------------------------------------------ blocks


def test_section_text_is_limited_to_3000_characters() -> None:
    assert check_message_blocks([section("x" * 3000)]) == []
    assert check_message_blocks([section("x" * 3001)]) == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]


def test_a_section_needs_text_or_fields() -> None:
    assert check_message_blocks([{"type": "section"}]) == [
        "missing required field: text [json-pointer:/blocks/0]"
    ]


def test_a_section_has_at_most_10_fields() -> None:
    errors = check_message_blocks([{"type": "section", "fields": [mrkdwn("f")] * 11}])
    assert errors == ["no more than 10 items allowed [json-pointer:/blocks/0/fields]"]


def test_section_fields_are_limited_to_2000_characters() -> None:
    errors = check_message_blocks([{"type": "section", "fields": [mrkdwn("f" * 2001)]}])
    assert errors == ["must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]"]


def test_a_section_accessory_must_be_an_accessory_element() -> None:
    errors = check_message_blocks([section(accessory={"type": "plain_text_input", "action_id": "t"})])
    assert errors == [
        "must be a valid enum value (plain_text_input is not allowed here)"
        " [json-pointer:/blocks/0/accessory/type]"
    ]


def test_a_header_is_plain_text_only() -> None:
    errors = check_message_blocks([{"type": "header", "text": mrkdwn("*Hi*")}])
    assert errors == ["must be a valid enum value [json-pointer:/blocks/0/text/type]"]


def test_a_header_is_limited_to_150_characters() -> None:
    errors = check_message_blocks([{"type": "header", "text": plain("h" * 151)}])
    assert errors == ["must be less than 151 characters [json-pointer:/blocks/0/text/text]"]


@pytest.mark.parametrize(
    ("count", "error"), [(0, "must provide at least 1 items"), (11, "no more than 10 items allowed")]
)
def test_context_takes_1_to_10_elements(count: int, error: str) -> None:
    errors = check_message_blocks([{"type": "context", "elements": [mrkdwn("c")] * count}])
    assert errors == [f"{error} [json-pointer:/blocks/0/elements]"]


def test_an_image_block_needs_alt_text() -> None:
    errors = check_message_blocks([{"type": "image", "image_url": "https://x/y.png"}])
    assert errors == ["missing required field: alt_text [json-pointer:/blocks/0]"]


def test_image_alt_text_is_limited_to_2000_characters() -> None:
    errors = check_message_blocks([{"type": "image", "image_url": "https://x/y.png", "alt_text": "a" * 2001}])
    assert errors == ["must be less than 2001 characters [json-pointer:/blocks/0/alt_text]"]


def test_actions_take_at_most_25_elements() -> None:
    elements = [{**button(), "action_id": f"b{i}"} for i in range(26)]
    assert in_actions(*elements) == ["no more than 25 items allowed [json-pointer:/blocks/0/elements]"]


def test_action_ids_are_unique_within_a_block() -> None:
    assert in_actions(button(), button()) == [
        '`action_id` "go" already exists [json-pointer:/blocks/0/elements/1/action_id]'
    ]


def test_input_blocks_are_not_allowed_in_messages() -> None:
    errors = check_message_blocks([input_block({"type": "plain_text_input", "action_id": "t"})])
    assert errors == ["unsupported type: input (not allowed in messages) [json-pointer:/blocks/0/type]"]


def test_input_labels_are_limited_to_2000_characters() -> None:
    view = modal([input_block({"type": "plain_text_input"}, label=plain("l" * 2001))], submit=plain("Save"))
    assert check_view(view) == ["must be less than 2001 characters [json-pointer:/view/blocks/0/label/text]"]


def test_input_hints_are_limited_to_2000_characters() -> None:
    view = modal([input_block({"type": "plain_text_input"}, hint=plain("h" * 2001))], submit=plain("Save"))
    assert check_view(view) == ["must be less than 2001 characters [json-pointer:/view/blocks/0/hint/text]"]


def test_an_input_block_needs_an_input_element() -> None:
    errors = in_modal(button())
    assert errors == [
        "must be a valid enum value (button is not allowed here) [json-pointer:/view/blocks/0/element/type]"
    ]


def test_input_optional_must_be_a_boolean() -> None:
    view = modal([input_block({"type": "plain_text_input"}, optional="yes")], submit=plain("Save"))
    assert check_view(view) == ["must be a boolean [json-pointer:/view/blocks/0/optional]"]
