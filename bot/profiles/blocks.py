"""The profile feature's Block Kit: the profile modal, its confirmation, the welcome DM and the digest
cadence picker."""

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import texts as shared_texts
from bot.models import Member, Project
from bot.profiles import texts
from bot.slack import ids
from bot.slack.blocks.common import first_lines, mrkdwn, plain
from bot.slack.blocks.inputs import context_note, links_input, modal, text_input
from bot.slack.blocks.messages import Message
from bot.slack.forms import ModalContext
from bot.validation import (
    BIO_MAX,
    TITLE_MAX,
)


def profile_modal(*, member: Member, projects: Sequence[Project], context: ModalContext) -> View:
    blocks: list[Block] = [
        context_note(texts.PROFILE_INTRO),
        text_input(
            ids.TITLE,
            texts.LABEL_TITLE,
            member.title,
            TITLE_MAX,
            optional=True,
            placeholder=texts.PLACEHOLDER_TITLE,
        ),
        text_input(
            ids.BIO,
            texts.LABEL_BIO,
            member.bio,
            BIO_MAX,
            multiline=True,
            optional=True,
            placeholder=texts.PLACEHOLDER_BIO,
        ),
        links_input(member.links, label=texts.LABEL_PROFILE_LINKS),
        DividerBlock(),
        SectionBlock(
            block_id=ids.PROFILE_PROJECTS_BLOCK, text=MarkdownTextObject(text=texts.PROFILE_PROJECTS_HEADING)
        ),
    ]
    for project in projects[:10]:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=_project_line(project)),
                accessory=ButtonElement(
                    text=plain(shared_texts.BUTTON_EDIT, 75),
                    action_id=ids.PROFILE_EDIT_PROJECT,
                    value=str(project.id),
                ),
            )
        )
    if not projects:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=texts.PROFILE_NO_PROJECTS)]))
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(text=plain(texts.BUTTON_ADD_PROJECT, 75), action_id=ids.PROFILE_ADD_PROJECT)
            ]
        )
    )
    return modal(ids.PROFILE_MODAL, texts.PROFILE_TITLE, blocks, context)


def _project_line(project: Project) -> str:
    summary = f"*{mrkdwn(project.name, 200)}*"
    if project.description:
        summary += "\n" + mrkdwn(first_lines(project.description, 300), 400)
    return summary


def welcome_message() -> Message:
    return Message(
        text=texts.WELCOME_TEXT,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=texts.WELCOME_TEXT)),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=plain(shared_texts.BUTTON_OFFER_HELP, 75),
                        action_id=ids.ADD_OFFER,
                        style="primary",
                    ),
                    ButtonElement(text=plain(shared_texts.BUTTON_ASK_FOR_HELP, 75), action_id=ids.ADD_NEED),
                ]
            ),
            ContextBlock(elements=[MarkdownTextObject(text=texts.WELCOME_FOOTER)]),
        ],
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


def cadence_picker(current: str, prefix: str | None = None) -> Message:
    prompt = texts.CADENCE_PROMPT.format(current=shared_texts.CADENCE_LABELS[current].lower())
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
                for value, label in shared_texts.CADENCE_LABELS.items()
            ]
        )
    )
    return Message(text=prompt, blocks=blocks)
