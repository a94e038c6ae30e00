"""The App Home tab: onboarding on a first visit, then the member's profile, entries and people."""

from collections.abc import Callable, Mapping, Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot import texts as shared_texts
from bot.entries.service import OpenEntries
from bot.home import texts
from bot.models import Member, MemberStatus, Need, Offer, Project, Visibility
from bot.reconnect.blocks import people_blocks
from bot.reconnect.service import YourPeople
from bot.repo import Entry
from bot.skills import label_for
from bot.slack import ids
from bot.slack.blocks.common import (
    VIEW_BLOCKS_MAX,
    first_lines,
    join_nonempty,
    mrkdwn,
    option,
    options,
    plain,
)

ENTRIES_SHOWN = 10  # per section; with 2 blocks an entry the Home stays far below Slack's 100 blocks
PEOPLE_SHOWN = 10  # "Your people": one block a person; 88 blocks in all at most


def home_view(
    *,
    member: Member,
    entries: OpenEntries,
    onboarding: bool,
    helpers: Mapping[int, Sequence[str]] | None = None,
    people: YourPeople | None = None,
) -> View:
    """`helpers`: need id → the names of people who could help with it now (the digest's matcher);
    `people`: those the member met through Kindred (their section is left out when None)."""
    blocks = _onboarding_blocks() if onboarding else _member_blocks(member, entries, helpers or {}, people)
    return View(type="home", blocks=blocks[:VIEW_BLOCKS_MAX])


def _onboarding_blocks() -> list[Block]:
    return [
        HeaderBlock(text=plain(texts.HOME_WELCOME_HEADER, 150)),
        SectionBlock(text=MarkdownTextObject(text=texts.HOME_WELCOME)),
        SectionBlock(text=MarkdownTextObject(text=texts.HOME_HOW_IT_WORKS)),
        ActionsBlock(
            elements=[
                _button(shared_texts.BUTTON_OFFER_HELP, ids.ADD_OFFER, style="primary"),
                _button(shared_texts.BUTTON_ASK_FOR_HELP, ids.ADD_NEED),
                _button(texts.BUTTON_SET_UP_PROFILE, ids.EDIT_PROFILE),
            ]
        ),
        ContextBlock(elements=[MarkdownTextObject(text=texts.HOME_PRIVACY)]),
    ]


def _member_blocks(
    member: Member, entries: OpenEntries, helpers: Mapping[int, Sequence[str]], people: YourPeople | None
) -> list[Block]:
    blocks: list[Block] = [
        HeaderBlock(text=plain(texts.HOME_HEADER, 150)),
        SectionBlock(
            text=MarkdownTextObject(text=_profile_text(member)),
            accessory=_button(texts.BUTTON_EDIT_PROFILE, ids.EDIT_PROFILE),
        ),
        *_status_blocks(member),
        DividerBlock(),
    ]
    blocks += _section(
        shared_texts.HOME_OFFERS, ids.ADD_OFFER, entries.offers, texts.HOME_NO_OFFERS, _offer_text
    )
    blocks.append(DividerBlock())
    blocks += _section(
        shared_texts.HOME_NEEDS,
        ids.ADD_NEED,
        entries.needs,
        texts.HOME_NO_NEEDS,
        lambda entry: _need_text(entry, helpers.get(entry.id or 0)),
    )
    blocks.append(DividerBlock())
    blocks += _section(
        shared_texts.HOME_PROJECTS, ids.ADD_PROJECT, entries.projects, texts.HOME_NO_PROJECTS, _project_text
    )
    if people is not None:
        blocks += [DividerBlock(), *people_blocks(people)]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=texts.HOME_FOOTER)]))
    return blocks


def _profile_text(member: Member) -> str:
    lines = [f"*{mrkdwn(member.name, 100)}*" + (f" — {mrkdwn(member.title, 200)}" if member.title else "")]
    if not member.title:
        lines.append(texts.HOME_NO_TITLE)
    if member.bio:
        lines.append(mrkdwn(first_lines(member.bio, 600), 800))
    if member.links:
        lines.append(" · ".join(mrkdwn(link, 320) for link in member.links[:5]))
    return "\n".join(lines)


def _status_blocks(member: Member) -> list[Block]:
    paused = member.status == MemberStatus.PAUSED
    toggle = (
        _button(texts.BUTTON_RESUME, ids.RESUME, style="primary")
        if paused
        else _button(shared_texts.BUTTON_PAUSE, ids.PAUSE)
    )
    cadence = StaticSelectElement(
        action_id=ids.CHOOSE_CADENCE,
        placeholder=plain(shared_texts.LABEL_CADENCE_SELECT, 150),
        options=options(shared_texts.CADENCE_LABELS),
        initial_option=option(shared_texts.CADENCE_LABELS[member.digest_cadence], member.digest_cadence),
    )
    return [
        SectionBlock(
            text=MarkdownTextObject(text=texts.home_status_line(member.status, member.digest_cadence))
        ),
        ActionsBlock(elements=[toggle, cadence]),
    ]


def _section(
    heading: str,
    add_action: str,
    entries: Sequence[Entry],
    empty_text: str,
    describe: Callable[[Entry], str],
) -> list[Block]:
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(text=f"{heading} ({len(entries)})" if entries else heading),
            accessory=_button(texts.BUTTON_ADD, add_action),
        )
    ]
    if not entries:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=empty_text)]))
    for entry in entries[:ENTRIES_SHOWN]:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=describe(entry))))
        blocks.append(ActionsBlock(elements=_entry_buttons(entry)))
    if len(entries) > ENTRIES_SHOWN:
        more = texts.MORE_ENTRIES.format(count=len(entries) - ENTRIES_SHOWN)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return blocks


def _entry_buttons(entry: Entry) -> list[ButtonElement]:
    kind = "offer" if isinstance(entry, Offer) else "need" if isinstance(entry, Need) else "project"
    value = f"{kind}:{entry.id}"
    buttons = [_button(shared_texts.BUTTON_EDIT, ids.EDIT_ENTRY, value=value)]
    if isinstance(entry, Need):
        buttons.append(_button(texts.BUTTON_RESOLVED, ids.RESOLVE_ENTRY, value=value))
    if isinstance(entry, Project):
        buttons.append(_button(texts.BUTTON_ARCHIVE, ids.ARCHIVE_ENTRY, value=value))
    else:
        buttons.append(_button(texts.BUTTON_WITHDRAW, ids.WITHDRAW_ENTRY, value=value, confirm=True))
    return buttons


def _skills_line(tags: Sequence[str]) -> str:
    return ", ".join(mrkdwn(label_for(tag), 60) for tag in tags)


def _offer_text(entry: Entry) -> str:
    assert isinstance(entry, Offer)
    meta = join_nonempty(
        [
            _skills_line(entry.skills),
            shared_texts.FORMAT_LABELS[entry.format],
            texts.capacity_label(entry.monthly_capacity),
        ]
    )
    return f"*{mrkdwn(entry.description, 400)}*\n{meta}"


def _need_text(entry: Entry, helpers: Sequence[str] | None = None) -> str:
    assert isinstance(entry, Need)
    private = shared_texts.PRIVATE_BADGE if entry.visibility == Visibility.PRIVATE else ""
    meta = join_nonempty([_skills_line(entry.skills), shared_texts.URGENCY_LABELS[entry.urgency], private])
    text = f"*{mrkdwn(entry.description, 400)}*\n{meta}"
    if helpers is None:  # not looked up
        return text
    names = ", ".join(f"*{mrkdwn(name, 80)}*" for name in helpers)
    return text + "\n" + (texts.HOME_COULD_HELP.format(names=names) if helpers else texts.HOME_STILL_LOOKING)


def _project_text(entry: Entry) -> str:
    assert isinstance(entry, Project)
    lines = [f"*{mrkdwn(entry.name, 200)}*"]
    if entry.description:
        lines.append(mrkdwn(first_lines(entry.description, 400), 600))
    if entry.help_wanted:
        lines.append("_Looking for:_ " + mrkdwn(first_lines(entry.help_wanted, 300), 450))
    if entry.skills:
        lines.append(_skills_line(entry.skills))
    return "\n".join(lines)


def _button(
    text: str, action_id: str, *, value: str | None = None, style: str | None = None, confirm: bool = False
) -> ButtonElement:
    return ButtonElement(
        text=plain(text, 75),
        action_id=action_id,
        value=value,
        style=style,
        confirm=(
            ConfirmObject(
                title=plain(texts.CONFIRM_WITHDRAW_TITLE, 100),
                text=plain(texts.CONFIRM_WITHDRAW_TEXT, 300),
                confirm=plain(texts.CONFIRM_WITHDRAW_YES, 30),
                deny=plain(texts.CONFIRM_KEEP, 30),
                style="danger",
            )
            if confirm
            else None
        ),
    )
