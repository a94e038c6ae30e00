"""Your data: the forget-me confirmation, its outcome, and the Home of someone Kindred has forgotten."""

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import texts as shared_texts
from bot.privacy import texts
from bot.slack import ids
from bot.slack.blocks.common import BUTTON_VALUE_MAX, plain
from bot.slack.blocks.messages import Message


def forget_confirmation(user_id: str) -> Message:
    """What forget-me deletes, with "Delete my data" (confirmed once more in a dialog) and "Cancel". Both
    buttons carry the id of who asked, so a click by anyone else changes nothing."""
    owner = user_id[:BUTTON_VALUE_MAX]
    return Message(
        text=texts.FORGET_CONFIRM_TITLE,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=texts.FORGET_EXPLAIN)),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=plain(texts.BUTTON_FORGET, 75),
                        action_id=ids.FORGET_ME_CONFIRM,
                        value=owner,
                        style="danger",
                        confirm=ConfirmObject(
                            title=plain(texts.FORGET_CONFIRM_TITLE, 100),
                            text=plain(texts.FORGET_CONFIRM_TEXT, 300),
                            confirm=plain(texts.FORGET_CONFIRM_YES, 30),
                            deny=plain(texts.FORGET_CONFIRM_NO, 30),
                            style="danger",
                        ),
                    ),
                    ButtonElement(
                        text=plain(texts.BUTTON_FORGET_CANCEL, 75),
                        action_id=ids.FORGET_ME_CANCEL,
                        value=owner,
                    ),
                ]
            ),
            ContextBlock(elements=[MarkdownTextObject(text=texts.FORGET_FOOTER)]),
        ],
    )


def forgotten_home_view() -> View:
    """The Home tab of someone Kindred has forgotten: a way back, and nothing else."""
    return View(
        type="home",
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=texts.FORGOTTEN_HOME)),
            ActionsBlock(
                elements=[
                    ButtonElement(text=plain(shared_texts.BUTTON_OFFER_HELP, 75), action_id=ids.ADD_OFFER),
                    ButtonElement(text=plain(shared_texts.BUTTON_ASK_FOR_HELP, 75), action_id=ids.ADD_NEED),
                ]
            ),
        ],
    )
