"""Messages: the welcome DM, confirmations, help, the member's list, and the cadence picker."""

from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.slack.blocks.common import MESSAGE_BLOCKS_MAX, clip, mrkdwn


@dataclass(frozen=True)
class Message:
    """A message's fallback text (notifications, screen readers) and its blocks."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "text": clip(self.text, 3000),
            "blocks": [block.to_dict() for block in self.blocks[:MESSAGE_BLOCKS_MAX]],
        }


def text_message(text: str) -> Message:
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)))])


def help_message(unknown: str | None = None) -> Message:
    blocks: list[Block] = []
    if unknown:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=texts.unknown_subcommand(mrkdwn(unknown, 60))))
        )
    blocks.append(SectionBlock(text=MarkdownTextObject(text=texts.HELP_TEXT)))
    return Message(text=texts.HELP_TEXT, blocks=blocks)
