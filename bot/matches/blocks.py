"""The /need-help confirmation: what was saved, and who could help right now, with "Ask for an intro"."""

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.entries.blocks import saved_message
from bot.matches import texts
from bot.matches.service import SHOWN, HelperMatch, NeedHelpers
from bot.models import Need
from bot.slack import ids
from bot.slack.blocks.common import first_lines, mrkdwn, plain
from bot.slack.blocks.messages import Message


def need_confirmation(need: Need, helpers: NeedHelpers, *, created: bool) -> Message:
    """What was saved, then who could help: the offers already asked about first, then the best others."""
    assert need.id is not None
    base = saved_message(need, created=created)
    blocks = [*base.blocks, DividerBlock(), *need_matches_blocks(need.id, helpers.cards, helpers.requested)]
    return Message(text=base.text, blocks=blocks)


def need_matches_blocks(need_id: int, matches: Sequence[HelperMatch], requested: set[int]) -> list[Block]:
    """Who could help with a need right now, each with "Ask for an intro" (or what was already asked)."""
    if not matches:
        return [ContextBlock(elements=[MarkdownTextObject(text=texts.NO_MATCHES_YET)])]
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=texts.NEED_MATCHES_HEADING))]
    for match in matches[:SHOWN]:
        who = f"*{mrkdwn(match.name, 80)}*" + (f" — {mrkdwn(match.title, 150)}" if match.title else "")
        text = f"{who}\n{mrkdwn(first_lines(match.offer, 300), 400)}"
        if match.offer_id in requested:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
            note = texts.need_match_requested(mrkdwn(match.name, 80))
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
        else:
            button = ButtonElement(
                text=plain(texts.BUTTON_ASK_INTRO, 75),
                action_id=ids.NEED_INTRO,
                value=f"{need_id}:{match.offer_id}",
            )
            blocks.append(SectionBlock(text=MarkdownTextObject(text=text), accessory=button))
    return blocks
