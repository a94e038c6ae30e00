"""Modals: offer, need and project. Pure functions returning `View`s."""

import copy
from functools import cache
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    RadioButtonsElement,
)
from slack_sdk.models.views import View

from bot import texts as shared_texts
from bot.entries import texts
from bot.models import NeedBase, OfferBase, ProjectBase
from bot.slack import ids
from bot.slack.blocks.common import clip, option, options, plain
from bot.slack.blocks.inputs import context_note, links_input, modal, select_input, skills_input, text_input
from bot.slack.forms import ModalContext
from bot.validation import (
    DETAILS_MAX,
    HELP_WANTED_MAX,
    PROJECT_DESCRIPTION_MAX,
    PROJECT_NAME_MAX,
    SUMMARY_MAX,
)

CAPACITY_CHOICES = {
    "1": "1 person a month",
    "2": "2 people a month",
    "3": "3 people a month",
    "5": "5 people a month",
    "10": "10 people a month",
}


def offer_modal(*, offer: OfferBase | None = None, prefill: str = "", context: ModalContext) -> View:
    capacity = str(offer.monthly_capacity) if offer and offer.monthly_capacity else None
    blocks: list[Block] = [
        context_note(texts.OFFER_INTRO),
        text_input(
            ids.DESCRIPTION,
            texts.LABEL_OFFER_DESCRIPTION,
            offer.description if offer else prefill,
            SUMMARY_MAX,
            placeholder=texts.PLACEHOLDER_OFFER_DESCRIPTION,
        ),
        skills_input(offer.skills if offer else []),
        text_input(
            ids.DETAILS,
            texts.LABEL_DETAILS,
            offer.details if offer else "",
            DETAILS_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_OFFER_DETAILS,
        ),
        select_input(
            ids.FORMAT, texts.LABEL_FORMAT, shared_texts.FORMAT_LABELS, offer.format if offer else "call"
        ),
        select_input(
            ids.CAPACITY,
            texts.LABEL_CAPACITY,
            CAPACITY_CHOICES,
            capacity,
            optional=True,
            hint=texts.HINT_CAPACITY,
        ),
        links_input(offer.links if offer else [], hint=texts.HINT_OFFER_LINKS),
    ]
    title = texts.OFFER_TITLE_EDIT if context.entry_id else texts.OFFER_TITLE_NEW
    return modal(ids.OFFER_MODAL, title, blocks, context)


def need_modal(*, need: NeedBase | None = None, prefill: str = "", context: ModalContext) -> View:
    blocks: list[Block] = [
        context_note(texts.NEED_INTRO),
        text_input(
            ids.DESCRIPTION,
            texts.LABEL_NEED_DESCRIPTION,
            need.description if need else prefill,
            SUMMARY_MAX,
            placeholder=texts.PLACEHOLDER_NEED_DESCRIPTION,
        ),
        skills_input(need.skills if need else []),
        text_input(
            ids.DETAILS,
            texts.LABEL_DETAILS,
            need.details if need else "",
            DETAILS_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_NEED_DETAILS,
        ),
        select_input(
            ids.URGENCY, texts.LABEL_URGENCY, shared_texts.URGENCY_LABELS, need.urgency if need else "normal"
        ),
        InputBlock(
            block_id=ids.VISIBILITY,
            label=plain(texts.LABEL_VISIBILITY, 2000),
            hint=plain(texts.VISIBILITY_HINT, 2000),
            element=RadioButtonsElement(
                action_id=ids.VISIBILITY,
                options=options(texts.VISIBILITY_LABELS),
                initial_option=option(texts.VISIBILITY_LABELS[v], v) if (v := _visibility(need)) else None,
            ),
        ),
        links_input(need.links if need else []),
    ]
    title = texts.NEED_TITLE_EDIT if context.entry_id else texts.NEED_TITLE_NEW
    return modal(ids.NEED_MODAL, title, blocks, context)


def new_entry_form(callback_id: str, *, prefill: str, context: ModalContext) -> dict[str, Any]:
    """`offer_modal` or `need_modal(prefill=…, context=…).to_dict()` for a new entry, without validating
    the same Block Kit again on every command: validation costs about 2 ms of CPU, more than the rest of the
    command, yet only the prefill and the metadata change. A test holds the two equal for any text."""
    form = copy.deepcopy(_blank_entry_form(callback_id))
    if prefill.strip():
        [description] = [block for block in form["blocks"] if block.get("block_id") == ids.DESCRIPTION]
        description["element"]["initial_value"] = clip(prefill, SUMMARY_MAX)
    form["private_metadata"] = context.dump()
    return form


@cache
def _blank_entry_form(callback_id: str) -> dict[str, Any]:
    blank = (
        offer_modal(context=ModalContext())
        if callback_id == ids.OFFER_MODAL
        else need_modal(context=ModalContext())
    )
    return blank.to_dict()


def project_modal(*, project: ProjectBase | None = None, context: ModalContext) -> View:
    blocks: list[Block] = [
        context_note(texts.PROJECT_INTRO),
        text_input(
            ids.NAME,
            texts.LABEL_PROJECT_NAME,
            project.name if project else "",
            PROJECT_NAME_MAX,
            placeholder=texts.PLACEHOLDER_PROJECT_NAME,
        ),
        text_input(
            ids.DESCRIPTION,
            texts.LABEL_PROJECT_DESCRIPTION,
            project.description if project else "",
            PROJECT_DESCRIPTION_MAX,
            multiline=True,
            optional=True,
        ),
        skills_input(project.skills if project else []),
        text_input(
            ids.HELP_WANTED,
            texts.LABEL_HELP_WANTED,
            project.help_wanted if project else "",
            HELP_WANTED_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_HELP_WANTED,
        ),
        links_input(project.links if project else []),
    ]
    title = texts.PROJECT_TITLE_EDIT if context.entry_id else texts.PROJECT_TITLE_NEW
    return modal(ids.PROJECT_MODAL, title, blocks, context)


# --- pieces ----------------------------------------------------------------------------------------


def _visibility(need: NeedBase | None) -> str:
    return str(need.visibility) if need else "shared"
