"""Intros: the consent DM, the group introduction, follow-ups and the /intro modal."""

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot import texts as shared_texts
from bot.intros import texts
from bot.intros.cards import PersonCard
from bot.slack import ids
from bot.slack.blocks.common import button_row, clip, escape, first_lines, mrkdwn, plain
from bot.slack.blocks.messages import Message
from bot.slack.forms import ModalContext

ITEMS_SHOWN = 3


def consent_message(intro_id: int, other: PersonCard, why: str, *, note: str | None = None) -> Message:
    """ "Would you like an intro to …?" with buttons; once answered, the same message with `note` instead."""
    blocks: list[Block] = [
        HeaderBlock(text=plain(texts.consent_title(other.name), 150)),
        *_card_blocks(other),
        SectionBlock(text=MarkdownTextObject(text=clip(f"{texts.CONSENT_WHY}\n{mrkdwn(why, 1500)}", 3000))),
    ]
    if note is None:
        value = str(intro_id)
        blocks += [
            button_row(
                f"consent_{intro_id}",
                value,
                [(texts.BUTTON_CONSENT_YES, ids.CONSENT_YES), (texts.BUTTON_CONSENT_NO, ids.CONSENT_NO)],
            ),
            ContextBlock(elements=[MarkdownTextObject(text=texts.CONSENT_NO_PRESSURE)]),
        ]
    else:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=mrkdwn(note, 2000))]))
    return Message(text=texts.consent_title(escape(other.name)), blocks=blocks)


def auto_paused_message(last_unanswered: int) -> Message:
    """Why Kindred paused a quiet member, and one button to come back (`ids.RESUME`, as on the Home)."""
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=texts.AUTO_PAUSED)),
        SectionBlock(text=MarkdownTextObject(text=texts.AUTO_PAUSED_HOW_BACK)),
        button_row(
            f"auto_paused_{last_unanswered}", str(last_unanswered), [(texts.BUTTON_RESUME, ids.RESUME)]
        ),
    ]
    return Message(text=texts.AUTO_PAUSED_TEXT, blocks=blocks)


def introduction_message(
    a: PersonCard, b: PersonCard, why: str, *, connector_user_id: str | None, asker_user_id: str | None
) -> Message:
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=texts.intro_opening(f"<@{a.user_id}>", f"<@{b.user_id}>"))),
        DividerBlock(),
        *_card_blocks(a),
        DividerBlock(),
        *_card_blocks(b),
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text=clip(f"{texts.INTRO_WHY}\n{mrkdwn(why, 1500)}", 3000))),
    ]
    if connector_user_id:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=texts.introduced_by(f"<@{connector_user_id}>"))])
        )
    asker = f"<@{asker_user_id}>" if asker_user_id else None
    blocks.append(SectionBlock(text=MarkdownTextObject(text=texts.next_step(asker))))
    return Message(text=f"{escape(a.name)}, meet {escape(b.name)}", blocks=blocks)


def follow_up_message(intro_id: int, other_name: str, *, second: bool, note: str | None = None) -> Message:
    question = texts.follow_up_question(mrkdwn(other_name, 80), second)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=question))]
    if note is None:
        value = str(intro_id)
        blocks.append(
            button_row(
                f"follow_up_{intro_id}",
                value,
                [
                    (texts.BUTTON_MET, ids.OUTCOME_MET),
                    (texts.BUTTON_NOT_YET, ids.OUTCOME_NOT_YET),
                    (texts.BUTTON_NOT_A_FIT, ids.OUTCOME_NOT_A_FIT),
                ],
            )
        )
    else:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return Message(text=question, blocks=blocks)


def intro_modal(*, first: str | None, second: str | None, reason: str, context: ModalContext) -> View:
    return View(
        type="modal",
        callback_id=ids.INTRO_MODAL,
        title=plain(texts.INTRO_MODAL_TITLE, 24),
        submit=plain(texts.INTRO_MODAL_SUBMIT, 24),
        close=plain(shared_texts.MODAL_CANCEL, 24),
        private_metadata=context.dump(),
        blocks=[
            ContextBlock(elements=[MarkdownTextObject(text=texts.INTRO_MODAL_INTRO)]),
            InputBlock(
                block_id=ids.INTRO_FIRST,
                label=plain(texts.LABEL_INTRO_FIRST, 2000),
                element=UserSelectElement(action_id=ids.INTRO_FIRST, initial_user=first),
            ),
            InputBlock(
                block_id=ids.INTRO_SECOND,
                label=plain(texts.LABEL_INTRO_SECOND, 2000),
                element=UserSelectElement(action_id=ids.INTRO_SECOND, initial_user=second),
            ),
            InputBlock(
                block_id=ids.INTRO_REASON,
                label=plain(texts.LABEL_INTRO_REASON, 2000),
                element=PlainTextInputElement(
                    action_id=ids.INTRO_REASON,
                    multiline=True,
                    max_length=500,
                    initial_value=clip(reason, 500) if reason.strip() else None,
                    placeholder=plain(texts.PLACEHOLDER_INTRO_REASON, 150),
                ),
            ),
        ],
    )


def _card_blocks(person: PersonCard) -> list[Block]:
    head = f"*<@{person.user_id}>*" + (f" — {mrkdwn(person.title, 150)}" if person.title else "")
    lines = [head]
    if person.bio:
        lines.append(mrkdwn(first_lines(person.bio, 400), 600))
    if person.links:
        lines.append("🔗 " + " · ".join(mrkdwn(link, 320) for link in person.links[:5]))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=clip("\n".join(lines), 3000)))]
    details = []
    for heading, items in (
        (texts.CONSENT_OFFERS, person.offers),
        (texts.CONSENT_WORKING_ON, person.projects),
        (texts.CONSENT_LOOKING_FOR, person.needs),
    ):
        if items:
            listed = "\n".join(f"• {mrkdwn(first_lines(item, 160), 240)}" for item in items[:ITEMS_SHOWN])
            details.append(f"{heading}\n{listed}")
    if details:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip("\n".join(details), 3000))))
    return blocks
