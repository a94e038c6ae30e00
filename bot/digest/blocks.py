"""The weekly digest DM and the optional channel post of new offers and asks."""

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
    StaticSelectElement,
)

from bot import texts as shared_texts
from bot.digest import texts
from bot.models import SuggestionStatus
from bot.slack import ids
from bot.slack.blocks.common import button_row, clip, escape, fit_lines, mrkdwn, option, options, plain
from bot.slack.blocks.messages import Message


@dataclass(frozen=True)
class DigestEntry:
    """One suggestion as the recipient sees it: who, why, and what they did about it."""

    suggestion_id: int
    kind: str
    reason: str
    status: str
    user_id: str
    name: str
    title: str = ""
    links: tuple[str, ...] = ()


def digest_message(entries: Sequence[DigestEntry], *, cadence: str) -> Message:
    names = ", ".join(escape(entry.name) for entry in entries[:3])
    blocks: list[Block] = [
        HeaderBlock(text=plain(texts.DIGEST_HEADER, 150)),
        ContextBlock(elements=[MarkdownTextObject(text=texts.DIGEST_INTRO)]),
        DividerBlock(),
    ]
    for entry in entries[:10]:
        blocks += [*_entry_blocks(entry), DividerBlock()]
    blocks += [
        ContextBlock(elements=[MarkdownTextObject(text=texts.digest_footer(cadence))]),
        ActionsBlock(
            block_id="digest_settings",
            elements=[
                StaticSelectElement(
                    action_id=ids.CHOOSE_CADENCE,
                    placeholder=plain(shared_texts.LABEL_CADENCE_SELECT, 150),
                    options=options(shared_texts.CADENCE_LABELS),
                    initial_option=option(shared_texts.CADENCE_LABELS[cadence], cadence),
                ),
                ButtonElement(text=plain(shared_texts.BUTTON_PAUSE, 75), action_id=ids.PAUSE),
            ],
        ),
    ]
    return Message(text=clip(f"{texts.DIGEST_HEADER}: {names}", 3000), blocks=blocks)


def _entry_blocks(entry: DigestEntry) -> list[Block]:
    who = f"<@{entry.user_id}>" + (f" — {mrkdwn(entry.title, 150)}" if entry.title else "")
    lines = [f"*{texts.KIND_LABELS[entry.kind]}* · {who}", mrkdwn(entry.reason, 1200)]
    if entry.links:
        lines.append("🔗 " + " · ".join(mrkdwn(link, 320) for link in entry.links[:5]))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=clip("\n".join(lines), 3000)))]
    if entry.status == SuggestionStatus.SHOWN:
        value = str(entry.suggestion_id)
        blocks.append(
            button_row(
                f"suggestion_{entry.suggestion_id}",
                value,
                [
                    (texts.BUTTON_INTRODUCE, ids.DIGEST_INTRO),
                    (texts.BUTTON_NOT_FOR_ME, ids.DIGEST_NOT_FOR_ME),
                ],
            )
        )
    else:
        note = (
            texts.INTRO_REQUESTED_NOTE
            if entry.status == SuggestionStatus.INTRO_REQUESTED
            else texts.DISMISSED_NOTE
        )
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=note.format(name=mrkdwn(entry.name, 80)))])
        )
    return blocks


def channel_digest_message(offers: Sequence[tuple[str, str]], needs: Sequence[tuple[str, str]]) -> Message:
    """New offers and shared asks as (member name, description): no pairings, nothing private."""
    blocks: list[Block] = [HeaderBlock(text=plain(texts.CHANNEL_DIGEST_HEADER, 150))]
    for heading, items in ((texts.CHANNEL_OFFERS, offers), (texts.CHANNEL_NEEDS, needs)):
        if not items:
            continue
        lines = [f"• *{mrkdwn(name, 80)}*: {mrkdwn(text, 200)}" for name, text in items]
        section = fit_lines(heading, lines, lambda count: shared_texts.CHANNEL_MORE.format(count=count))
        blocks.append(SectionBlock(text=MarkdownTextObject(text=section)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=texts.CHANNEL_FOOTER)]))
    return Message(text=texts.CHANNEL_DIGEST_HEADER, blocks=blocks)
