"""Messages: the welcome DM, confirmations, help, the member's list, and the cadence picker."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.entries.service import OpenEntries, kind_of
from bot.models import Member, Need, Offer, Project, Visibility
from bot.repo import Entry
from bot.skills import label_for
from bot.slack import ids
from bot.slack.blocks.common import MESSAGE_BLOCKS_MAX, clip, first_lines, fit_lines, mrkdwn, plain


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


def welcome_message() -> Message:
    return Message(
        text=texts.WELCOME_TEXT,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=texts.WELCOME_TEXT)),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=plain(texts.BUTTON_OFFER_HELP, 75), action_id=ids.ADD_OFFER, style="primary"
                    ),
                    ButtonElement(text=plain(texts.BUTTON_ASK_FOR_HELP, 75), action_id=ids.ADD_NEED),
                ]
            ),
            ContextBlock(elements=[MarkdownTextObject(text=texts.WELCOME_FOOTER)]),
        ],
    )


def help_message(unknown: str | None = None) -> Message:
    blocks: list[Block] = []
    if unknown:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=texts.unknown_subcommand(mrkdwn(unknown, 60))))
        )
    blocks.append(SectionBlock(text=MarkdownTextObject(text=texts.HELP_TEXT)))
    return Message(text=texts.HELP_TEXT, blocks=blocks)


def saved_message(entry: Entry, *, created: bool) -> Message:
    kind = kind_of(entry)
    headline = texts.saved(kind, created)
    lines = [headline, f"> {_entry_summary(entry)}"]
    if isinstance(entry, Need) and entry.visibility == Visibility.PRIVATE:
        lines.append(texts.SAVED_PRIVATE)
    if not isinstance(entry, Project):
        lines.append(texts.SAVED_NEXT)
    return Message(
        text=headline, blocks=[SectionBlock(text=MarkdownTextObject(text=clip("\n".join(lines), 3000)))]
    )


def profile_saved_message(member: Member) -> Message:
    lines = [texts.PROFILE_SAVED]
    if member.title:
        lines.append(f"> *{mrkdwn(member.title, 200)}*")
    if member.bio:
        lines.append("> " + mrkdwn(first_lines(member.bio, 300), 400))
    if member.links:
        lines.append("> " + " · ".join(mrkdwn(link, 320) for link in member.links))
    return Message(
        text=texts.PROFILE_SAVED, blocks=[SectionBlock(text=MarkdownTextObject(text="\n".join(lines)))]
    )


def list_message(entries: OpenEntries) -> Message:
    if entries.empty:
        return text_message(texts.LIST_EMPTY)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=texts.LIST_HEADER))]
    for heading, items in (
        (texts.HOME_OFFERS, entries.offers),
        (texts.HOME_NEEDS, entries.needs),
        (texts.HOME_PROJECTS, entries.projects),
    ):
        if items:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=_bulleted(heading, items))))
    return Message(text=texts.LIST_HEADER, blocks=blocks)


def cadence_picker(current: str, prefix: str | None = None) -> Message:
    prompt = texts.CADENCE_PROMPT.format(current=texts.CADENCE_LABELS[current].lower())
    blocks: list[Block] = []
    if prefix:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=prefix)))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=prompt)))
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=plain(label, 75),
                    action_id=f"{ids.SET_CADENCE}:{value}",
                    value=value,
                    style="primary" if value == current else None,
                )
                for value, label in texts.CADENCE_LABELS.items()
            ]
        )
    )
    return Message(text=prompt, blocks=blocks)


def _entry_summary(entry: Entry) -> str:
    if isinstance(entry, Project):
        title = mrkdwn(entry.name, 200)
        detail = first_lines(entry.help_wanted or entry.description, 200)
    else:
        title = mrkdwn(entry.description, 400)
        detail = ""
    skills = ", ".join(label_for(tag) for tag in entry.skills)
    parts = [f"*{title}*"]
    if detail:
        parts.append(mrkdwn(detail, 300))
    if skills:
        parts.append(mrkdwn(skills, 600))
    return " — ".join(parts)


def _bulleted(heading: str, items: Sequence[Offer | Need | Project]) -> str:
    lines = []
    for item in items:
        private = isinstance(item, Need) and item.visibility == Visibility.PRIVATE
        lines.append(f"• {_entry_summary(item)}" + (f" {texts.PRIVATE_BADGE}" if private else ""))
    return fit_lines(heading, lines, lambda count: texts.CHANNEL_MORE.format(count=count))
