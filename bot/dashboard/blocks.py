"""The replies to `/kindred dashboard`, built from plain data."""

from slack_sdk.models.blocks import ButtonElement, SectionBlock

from bot.dashboard import texts
from bot.slack import ids
from bot.slack.blocks.common import plain
from bot.slack.blocks.messages import Message, text_message


def sign_in_message(url: str, *, minutes: int) -> Message:
    """The one-time link, as a link in the text and as a button."""
    return Message(
        text=texts.SIGN_IN_TEXT,
        blocks=[
            SectionBlock(
                text=texts.sign_in(url, minutes),
                accessory=ButtonElement(
                    text=plain(texts.SIGN_IN_BUTTON, 75),
                    url=url,
                    action_id=ids.OPEN_DASHBOARD,
                    style="primary",
                ),
            )
        ],
    )


def not_set_up_message(missing: list[str]) -> Message:
    return text_message(texts.not_set_up(missing))


def admins_only_message() -> Message:
    return text_message(texts.ADMINS_ONLY)
