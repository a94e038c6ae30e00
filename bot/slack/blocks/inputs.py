"""Block Kit pieces every form shares: the modal frame, text, select, skills and links inputs, and a
notice."""

from collections.abc import Mapping, Sequence

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    ExternalDataMultiSelectElement,
    InputBlock,
    InputInteractiveElement,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot import texts
from bot.skills import label_for
from bot.slack import ids
from bot.slack.blocks.common import clip, option, options, plain
from bot.slack.forms import ModalContext
from bot.validation import (
    MAX_SKILLS,
)

LINKS_INPUT_MAX = 1600


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


def modal(callback_id: str, title: str, blocks: list[Block], context: ModalContext) -> View:
    return View(
        type="modal",
        callback_id=callback_id,
        title=plain(title, 24),
        submit=plain(texts.MODAL_SAVE, 24),
        close=plain(texts.MODAL_CANCEL, 24),
        blocks=blocks,
        private_metadata=context.dump(),
    )


def context_note(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def text_input(
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
    element = PlainTextInputElement(
        action_id=block_id,
        initial_value=clip(initial, max_length) if initial.strip() else None,
        multiline=multiline,
        max_length=max_length,
        placeholder=plain(placeholder, 150) if placeholder else None,
    )
    return _input(block_id, label, element, optional=optional, hint=hint)


def skills_input(tags: Sequence[str]) -> InputBlock:
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


def select_input(
    block_id: str,
    label: str,
    choices: Mapping[str, str],
    initial: str | None,
    *,
    optional: bool = False,
    hint: str | None = None,
) -> InputBlock:
    element = StaticSelectElement(
        action_id=block_id,
        options=options(choices),
        initial_option=option(choices[initial], initial)
        if initial is not None and initial in choices
        else None,
    )
    return _input(block_id, label, element, optional=optional, hint=hint)


def links_input(
    links: Sequence[str], *, label: str = texts.LABEL_LINKS, hint: str | None = None
) -> InputBlock:
    return text_input(
        ids.LINKS,
        label,
        "\n".join(links),
        LINKS_INPUT_MAX,
        multiline=True,
        optional=True,
        placeholder=texts.PLACEHOLDER_LINKS,
        hint=hint,
    )


def _input(
    block_id: str, label: str, element: InputInteractiveElement, *, optional: bool, hint: str | None
) -> InputBlock:
    """An input block whose element answers under the block's own id (forms read values by block id)."""
    return InputBlock(
        block_id=block_id,
        label=plain(label, 2000),
        optional=optional,
        hint=plain(hint, 2000) if hint else None,
        element=element,
    )
