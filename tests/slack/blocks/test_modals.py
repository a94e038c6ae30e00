import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.entries.modals import need_modal, new_entry_form, offer_modal, project_modal
from bot.models import OfferCreate
from bot.profiles.blocks import profile_modal
from bot.slack import ids
from bot.slack.blocks.inputs import notice_modal
from bot.slack.forms import ModalContext
from tests.fakeslack import check_view
from tests.slack.blocks import samples

TEXTS = ["", "   ", "Plain words", samples.UNUSUAL, samples.LONG, "\x00\x07 control \x1b[0m"]


def valid(view) -> dict:
    as_dict = view.to_dict()  # slack_sdk validates lengths and shapes here
    assert check_view(as_dict) == []  # and the fake Slack's independent checker agrees
    return as_dict


@pytest.mark.parametrize("text", TEXTS)
def test_new_entry_modals_stay_valid_whatever_the_command_text(text: str) -> None:
    for build in (offer_modal, need_modal):
        view = valid(build(prefill=text, context=ModalContext(response_url="https://hooks.example/r/1")))
        description = view["blocks"][1]["element"]
        assert len(description.get("initial_value", "")) <= description["max_length"]


@given(st.text(max_size=4000) | st.sampled_from(TEXTS), st.text(max_size=3500) | st.none())
@settings(max_examples=60, deadline=None)
def test_the_fast_new_entry_form_is_exactly_the_validated_builders(
    text: str, response_url: str | None
) -> None:
    context = ModalContext(response_url=response_url)
    for callback_id, build in ((ids.OFFER_MODAL, offer_modal), (ids.NEED_MODAL, need_modal)):
        fast = new_entry_form(callback_id, prefill=text, context=context)
        assert fast == build(prefill=text, context=context).to_dict()
    assert (
        new_entry_form(ids.NEED_MODAL, prefill="", context=ModalContext())
        == need_modal(context=ModalContext()).to_dict()
    )  # a prefill never leaks into the next form


@pytest.mark.parametrize("text", TEXTS)
def test_edit_modals_stay_valid_for_anything_stored(text: str) -> None:
    context = ModalContext(entry_id=7)
    valid(offer_modal(offer=samples.offer(text), context=context))
    valid(need_modal(need=samples.need(text), context=context))
    valid(project_modal(project=samples.project(text), context=context))
    valid(
        profile_modal(
            member=samples.member(text, links=5),
            projects=[samples.project(text, i) for i in range(10)],
            context=context,
        )
    )


def test_an_edit_modal_is_prefilled_and_remembers_the_entry() -> None:
    offer = OfferCreate(
        description="SEO audits", skills=["seo", "my-own-thing"], format="mentoring", monthly_capacity=2
    )
    view = valid(offer_modal(offer=offer, context=ModalContext(entry_id=42)))
    by_block = {block.get("block_id"): block for block in view["blocks"]}
    assert view["title"]["text"] == "Edit your offer"
    assert by_block["description"]["element"]["initial_value"] == "SEO audits"
    assert [o["value"] for o in by_block["skills"]["element"]["initial_options"]] == ["seo", "my-own-thing"]
    assert by_block["format"]["element"]["initial_option"]["value"] == "mentoring"
    assert by_block["monthly_capacity"]["element"]["initial_option"]["value"] == "2"
    assert json.loads(view["private_metadata"]) == {"entry_id": 42}


def test_private_metadata_stays_within_slacks_limit() -> None:
    huge = ModalContext(entry_id=1, response_url="https://hooks.example/" + "r" * 4000)
    view = valid(need_modal(context=huge))
    assert json.loads(view["private_metadata"]) == {"entry_id": 1}


def test_notice_modal_clips_long_messages() -> None:
    valid(notice_modal(samples.LONG * 2))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3500))
def test_modals_are_valid_for_any_text(text: str) -> None:
    valid(offer_modal(prefill=text, context=ModalContext()))
    valid(need_modal(need=samples.need(text), context=ModalContext(entry_id=1)))
