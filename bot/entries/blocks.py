"""What a member sees about their own entries: the confirmation of a saved offer, need or project,
and /kindred list."""

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts as shared_texts
from bot.entries import texts
from bot.entries.service import OpenEntries, kind_of
from bot.models import Need, Offer, Project, Visibility
from bot.repo import Entry
from bot.skills import label_for
from bot.slack.blocks.common import clip, first_lines, fit_lines, mrkdwn
from bot.slack.blocks.messages import Message, text_message


def saved_message(entry: Entry, *, created: bool) -> Message:
    kind = kind_of(entry)
    headline = shared_texts.saved(kind, created)
    lines = [headline, f"> {_entry_summary(entry)}"]
    if isinstance(entry, Need) and entry.visibility == Visibility.PRIVATE:
        lines.append(texts.SAVED_PRIVATE)
    if not isinstance(entry, Project):
        lines.append(texts.SAVED_NEXT)
    return Message(
        text=headline, blocks=[SectionBlock(text=MarkdownTextObject(text=clip("\n".join(lines), 3000)))]
    )


def list_message(entries: OpenEntries) -> Message:
    if entries.empty:
        return text_message(texts.LIST_EMPTY)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=texts.LIST_HEADER))]
    for heading, items in (
        (shared_texts.HOME_OFFERS, entries.offers),
        (shared_texts.HOME_NEEDS, entries.needs),
        (shared_texts.HOME_PROJECTS, entries.projects),
    ):
        if items:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=_bulleted(heading, items))))
    return Message(text=texts.LIST_HEADER, blocks=blocks)


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
        lines.append(f"• {_entry_summary(item)}" + (f" {shared_texts.PRIVATE_BADGE}" if private else ""))
    return fit_lines(heading, lines, lambda count: shared_texts.CHANNEL_MORE.format(count=count))
