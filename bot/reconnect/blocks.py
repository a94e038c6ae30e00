"""Reconnect nudges: the DM with its three buttons; once answered, the same message with a note instead."""

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.reconnect import texts
from bot.slack import ids
from bot.slack.blocks.common import button_row, escape, mrkdwn
from bot.slack.blocks.messages import Message


def reconnect_message(
    intro_id: int,
    other_name: str,
    *,
    news_kind: str | None = None,
    news_text: str = "",
    yours: str = "",
) -> Message:
    """The nudge about `other_name`, leading with what is new about them (`news_kind`: project, need,
    offer; None when nothing is)."""
    other = escape(other_name)
    first = texts.lead(other, news_kind, escape(news_text), escape(yours))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=mrkdwn(first)))]
    buttons = [
        (texts.BUTTON_IN_TOUCH, ids.RECONNECT_IN_TOUCH),
        (texts.BUTTON_LATER, ids.RECONNECT_LATER),
        (texts.BUTTON_NOT_FOR_ME, ids.RECONNECT_NOT_FOR_ME),
    ]
    blocks.append(button_row(f"reconnect_{intro_id}", str(intro_id), buttons))
    return Message(text=texts.fallback(other_name), blocks=blocks)


def answered_message(other_name: str, note: str) -> Message:
    """The nudge once answered: no buttons left to click twice, and what happens next."""
    title = texts.answered_title(escape(other_name))
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=mrkdwn(title))),
        ContextBlock(elements=[MarkdownTextObject(text=note)]),
    ]
    return Message(text=note, blocks=blocks)
