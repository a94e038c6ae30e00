"""Modals: offer, need, project, profile, and a small notice. Pure functions returning `View`s."""

import copy
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    ExternalDataMultiSelectElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot import texts
from bot.models import Member, NeedBase, OfferBase, Project, ProjectBase
from bot.skills import label_for
from bot.slack import ids
from bot.slack.blocks.common import clip, first_lines, mrkdwn, option, options, plain
from bot.slack.forms import ModalContext
from bot.validation import (
    BIO_MAX,
    DETAILS_MAX,
    HELP_WANTED_MAX,
    MAX_SKILLS,
    PROJECT_DESCRIPTION_MAX,
    PROJECT_NAME_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)

LINKS_INPUT_MAX = 1600
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
        _intro(texts.OFFER_INTRO),
        _text_input(
            ids.DESCRIPTION,
            texts.LABEL_OFFER_DESCRIPTION,
            offer.description if offer else prefill,
            SUMMARY_MAX,
            placeholder=texts.PLACEHOLDER_OFFER_DESCRIPTION,
        ),
        _skills_input(offer.skills if offer else []),
        _text_input(
            ids.DETAILS,
            texts.LABEL_DETAILS,
            offer.details if offer else "",
            DETAILS_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_OFFER_DETAILS,
        ),
        _select_input(ids.FORMAT, texts.LABEL_FORMAT, texts.FORMAT_LABELS, offer.format if offer else "call"),
        _select_input(
            ids.CAPACITY,
            texts.LABEL_CAPACITY,
            CAPACITY_CHOICES,
            capacity,
            optional=True,
            hint=texts.HINT_CAPACITY,
        ),
        _links_input(offer.links if offer else [], hint=texts.HINT_OFFER_LINKS),
    ]
    title = texts.OFFER_TITLE_EDIT if context.entry_id else texts.OFFER_TITLE_NEW
    return _modal(ids.OFFER_MODAL, title, blocks, context)


def need_modal(*, need: NeedBase | None = None, prefill: str = "", context: ModalContext) -> View:
    blocks: list[Block] = [
        _intro(texts.NEED_INTRO),
        _text_input(
            ids.DESCRIPTION,
            texts.LABEL_NEED_DESCRIPTION,
            need.description if need else prefill,
            SUMMARY_MAX,
            placeholder=texts.PLACEHOLDER_NEED_DESCRIPTION,
        ),
        _skills_input(need.skills if need else []),
        _text_input(
            ids.DETAILS,
            texts.LABEL_DETAILS,
            need.details if need else "",
            DETAILS_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_NEED_DETAILS,
        ),
        _select_input(
            ids.URGENCY, texts.LABEL_URGENCY, texts.URGENCY_LABELS, need.urgency if need else "normal"
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
        _links_input(need.links if need else []),
    ]
    title = texts.NEED_TITLE_EDIT if context.entry_id else texts.NEED_TITLE_NEW
    return _modal(ids.NEED_MODAL, title, blocks, context)


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
        _intro(texts.PROJECT_INTRO),
        _text_input(
            ids.NAME,
            texts.LABEL_PROJECT_NAME,
            project.name if project else "",
            PROJECT_NAME_MAX,
            placeholder=texts.PLACEHOLDER_PROJECT_NAME,
        ),
        _text_input(
            ids.DESCRIPTION,
            texts.LABEL_PROJECT_DESCRIPTION,
            project.description if project else "",
            PROJECT_DESCRIPTION_MAX,
            multiline=True,
            optional=True,
        ),
        _skills_input(project.skills if project else []),
        _text_input(
            ids.HELP_WANTED,
            texts.LABEL_HELP_WANTED,
            project.help_wanted if project else "",
            HELP_WANTED_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_HELP_WANTED,
        ),
        _links_input(project.links if project else []),
    ]
    title = texts.PROJECT_TITLE_EDIT if context.entry_id else texts.PROJECT_TITLE_NEW
    return _modal(ids.PROJECT_MODAL, title, blocks, context)


def profile_modal(*, member: Member, projects: Sequence[Project], context: ModalContext) -> View:
    blocks: list[Block] = [
        _intro(texts.PROFILE_INTRO),
        _text_input(
            ids.TITLE,
            texts.LABEL_TITLE,
            member.title,
            TITLE_MAX,
            optional=True,
            placeholder=texts.PLACEHOLDER_TITLE,
        ),
        _text_input(
            ids.BIO,
            texts.LABEL_BIO,
            member.bio,
            BIO_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_BIO,
        ),
        _links_input(member.links, label=texts.LABEL_PROFILE_LINKS),
        DividerBlock(),
        SectionBlock(
            block_id=ids.PROFILE_PROJECTS_BLOCK, text=MarkdownTextObject(text=texts.PROFILE_PROJECTS_HEADING)
        ),
    ]
    for project in projects[:10]:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=_project_line(project)),
                accessory=ButtonElement(
                    text=plain(texts.BUTTON_EDIT, 75),
                    action_id=ids.PROFILE_EDIT_PROJECT,
                    value=str(project.id),
                ),
            )
        )
    if not projects:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=texts.PROFILE_NO_PROJECTS)]))
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(text=plain(texts.BUTTON_ADD_PROJECT, 75), action_id=ids.PROFILE_ADD_PROJECT)
            ]
        )
    )
    return _modal(ids.PROFILE_MODAL, texts.PROFILE_TITLE, blocks, context)


def notice_modal(message: str) -> View:
    return View(
        type="modal",
        callback_id=ids.NOTICE_MODAL,
        title=plain(texts.NOTICE_TITLE, 24),
        close=plain(texts.NOTICE_CLOSE, 24),
        blocks=[SectionBlock(text=MarkdownTextObject(text=clip(message, 3000)))],
    )


def skill_options(tags: Sequence[str]) -> list[dict[str, object]]:
    return [option(label_for(tag), tag).to_dict() for tag in tags]


# --- pieces ----------------------------------------------------------------------------------------


def _modal(callback_id: str, title: str, blocks: list[Block], context: ModalContext) -> View:
    return View(
        type="modal",
        callback_id=callback_id,
        title=plain(title, 24),
        submit=plain(texts.MODAL_SAVE, 24),
        close=plain(texts.MODAL_CANCEL, 24),
        blocks=blocks,
        private_metadata=context.dump(),
    )


def _intro(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def _text_input(
    block_id: str,
    label: str,
    initial: str,
    max_length: int,
    *,
    multiline: bool = False,
    optional: bool = False,
    placeholder: str | None = None,
    hint: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=plain(label, 2000),
        optional=optional,
        hint=plain(hint, 2000) if hint else None,
        element=PlainTextInputElement(
            action_id=block_id,
            initial_value=clip(initial, max_length) if initial.strip() else None,
            multiline=multiline,
            max_length=max_length,
            placeholder=plain(placeholder, 150) if placeholder else None,
        ),
    )


def _skills_input(tags: Sequence[str]) -> InputBlock:
    initial = [option(label_for(tag), tag) for tag in tags[:MAX_SKILLS]]
    return InputBlock(
        block_id=ids.SKILLS,
        label=plain(texts.LABEL_SKILLS, 2000),
        optional=True,
        hint=plain(texts.HINT_SKILLS, 2000),
        element=ExternalDataMultiSelectElement(
            action_id=ids.SKILLS,
            placeholder=plain(texts.PLACEHOLDER_SKILLS, 150),
            min_query_length=0,
            max_selected_items=MAX_SKILLS,
            initial_options=initial or None,
        ),
    )


def _select_input(
    block_id: str,
    label: str,
    choices: Mapping[str, str],
    initial: str | None,
    *,
    optional: bool = False,
    hint: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=plain(label, 2000),
        optional=optional,
        hint=plain(hint, 2000) if hint else None,
        element=StaticSelectElement(
            action_id=block_id,
            options=options(choices),
            initial_option=option(choices[initial], initial)
            if initial is not None and initial in choices
            else None,
        ),
    )


def _links_input(
    links: Sequence[str], *, label: str = texts.LABEL_LINKS, hint: str | None = None
) -> InputBlock:
    return _text_input(
        ids.LINKS,
        label,
        "\n".join(links),
        LINKS_INPUT_MAX,
        multiline=True,
        optional=True,
        placeholder=texts.PLACEHOLDER_LINKS,
        hint=hint,
    )


def _visibility(need: NeedBase | None) -> str:
    return str(need.visibility) if need else "shared"


def _project_line(project: Project) -> str:
    summary = f"*{mrkdwn(project.name, 200)}*"
    if project.description:
        summary += "\n" + mrkdwn(first_lines(project.description, 300), 400)
    return summary
