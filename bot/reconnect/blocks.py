"""Reconnect nudges: the DM with its three buttons; once answered, the same message with a note instead.
And "Your people", the Home's section of people met through Kindred, with their stars."""

import re

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
    StaticSelectElement,
)

from bot.reconnect import texts
from bot.reconnect.rules import STARS_MAX
from bot.reconnect.views import Person, YourPeople
from bot.slack import ids
from bot.slack.blocks.common import button_row, clip, escape, mrkdwn, option, plain
from bot.slack.blocks.messages import Message
from bot.texts import quote

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MENU_MAX = 100  # options in a static select
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")


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


def people_blocks(people: YourPeople) -> list[Block]:
    """The Home's "Your people": a heading with the reconnect switch, then one section a person (with
    their Star or Unstar button), then how many more. At most `len(people.shown) + 2` blocks."""
    switch = (
        _button(texts.BUTTON_NUDGES_OFF, ids.RECONNECTS_SWITCH, "off")
        if people.reconnects_on
        else _button(texts.BUTTON_NUDGES_ON, ids.RECONNECTS_SWITCH, "on", style="primary")
    )
    lines = [
        texts.people_heading(people.total),
        texts.PEOPLE_NUDGES_ON if people.reconnects_on else texts.PEOPLE_NUDGES_OFF,
    ]
    if people.total:
        lines.append(texts.stars_line(people.starred, STARS_MAX))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)), accessory=switch)]
    if not people.shown:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=texts.PEOPLE_NONE)]))
    for person in people.shown:
        star = (
            _button(texts.BUTTON_UNSTAR, ids.RECONNECT_UNSTAR, str(person.reconnect_id))
            if person.starred
            else _button(texts.BUTTON_STAR, ids.RECONNECT_STAR, str(person.reconnect_id))
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_person_text(person)), accessory=star))
    if people.total > len(people.shown):
        more = MarkdownTextObject(text=texts.more_people(people.total - len(people.shown)))
        menu = (
            StaticSelectElement(
                action_id=ids.RECONNECT_STAR,
                placeholder=plain(texts.STAR_SOMEONE_ELSE, 150),
                options=[option(named.name, str(named.reconnect_id)) for named in people.rest[:MENU_MAX]],
            )
            if people.rest and people.starred < STARS_MAX
            else None
        )
        blocks.append(SectionBlock(text=more, accessory=menu))
    return blocks


def _person_text(person: Person) -> str:
    who = f"<@{person.user_id}>" if USER_ID.match(person.user_id) else f"*{mrkdwn(person.name, 80)}*"
    met = texts.met_on(f"{MONTHS[person.met_at.month - 1]} {person.met_at.year}")
    lines = [f"{texts.STARRED_MARK} {who}" if person.starred else who]
    lines[0] += f" · _{met}_"
    title = mrkdwn(person.title, 80) if person.title else ""
    working = texts.works_on(title, [mrkdwn(name, 60) for name in person.projects])
    if working:
        lines.append(working)
    if person.news is not None:
        lines.append(texts.news_line(person.news.kind, escape(quote(person.news.text, 120))))
    return clip("\n".join(lines), 1000)


def _button(text: str, action_id: str, value: str, *, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=plain(text, 75), action_id=action_id, value=value, style=style)
