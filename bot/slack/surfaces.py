"""Slack-side helpers listeners share: publish the Home, tell a member something, sync a member."""

import logging
import time
from collections.abc import Collection
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.webhook import WebhookClient

from bot import texts
from bot.errors import DomainError, InvalidInput
from bot.members import Identity
from bot.slack.acks import ACKED_AT
from bot.slack.blocks.inputs import notice_modal
from bot.slack.blocks.messages import Message, text_message
from bot.slack.context import Deps

log = logging.getLogger(__name__)


def tell(
    client: WebClient,
    message: Message,
    *,
    user_id: str,
    response_url: str | None = None,
    trigger_id: str | None = None,
) -> None:
    """Answer the member where they are: ephemerally where they typed a command, else in a small modal
    (a click in the Home tab, while its trigger is fresh), else by DM."""
    if response_url:
        sent = WebhookClient(response_url).send(
            response_type="ephemeral", replace_original=False, **message.as_kwargs()
        )
        if sent.status_code == 200:
            return
        log.warning("response_url answered %s; falling back to a DM", sent.status_code)
    if trigger_id:
        try:
            client.views_open(trigger_id=trigger_id, view=notice_modal(message.text))
            return
        except SlackApiError as error:
            log.info("notice modal not shown (%s); sending a DM", error.response.get("error"))
    dm(client, user_id=user_id, message=message)


def note_privately(respond: Respond, text: str) -> None:
    """A note only the clicker sees, under the message they clicked in (which stays as it was)."""
    respond(response_type="ephemeral", replace_original=False, **text_message(text).as_kwargs())


def update_clicked(client: WebClient, body: dict[str, Any], message: Message | None) -> None:
    """Rebuild the message a button was clicked in, in place, so its answered buttons are gone. A click in
    the Home tab or a modal has no message to update."""
    container = body.get("container") or {}
    if message is not None and container.get("type") == "message":
        client.chat_update(channel=container["channel_id"], ts=container["message_ts"], **message.as_kwargs())


TRIGGER_LIFETIME = 3.0  # seconds Slack accepts a trigger_id for
TRIGGER_MARGIN = 0.5  # what views.open itself may take


class TooSlowForSlack(DomainError):
    """The trigger_id to open a form with has expired (Kindred was too busy): the member can try again."""

    def __init__(self) -> None:
        super().__init__(texts.TOO_SLOW_FOR_SLACK)


def open_modal(
    client: WebClient, context: Any, trigger_id: str, view: View | dict[str, Any], *, push: bool = False
) -> None:
    """Open (or push) a form, unless the work queued so long after the ack that the trigger has expired."""
    acked_at = context.get(ACKED_AT)
    if acked_at is not None and time.monotonic() - acked_at > TRIGGER_LIFETIME - TRIGGER_MARGIN:
        raise TooSlowForSlack
    if push:
        client.views_push(trigger_id=trigger_id, view=view)
    else:
        client.views_open(trigger_id=trigger_id, view=view)


def dm(client: WebClient, *, user_id: str, message: Message) -> None:
    client.chat_postMessage(channel=user_id, **message.as_kwargs())


def fetch_identity(client: WebClient, *, team_id: str, user_id: str) -> Identity | None:
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError as error:
        log.info("users.info failed for %s: %s", user_id, error.response.get("error"))
        return None
    return identity_from_user(user, team_id=team_id)


def identity_from_user(user: dict[str, Any], *, team_id: str) -> Identity:
    profile = user.get("profile") or {}
    name = (
        profile.get("real_name")
        or user.get("real_name")
        or profile.get("display_name")
        or user.get("name")
        or ""
    )
    return Identity(
        team_id=team_id, user_id=str(user["id"]), name=str(name), timezone=str(user.get("tz") or "UTC")
    )


def introducible(client: WebClient, *, team_id: str, user_id: str) -> Identity:
    """Who someone wants to introduce, if they are a real, active person of this workspace."""
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError:
        raise InvalidInput(texts.intro_not_introducible(f"<@{user_id}>")) from None
    if user.get("is_bot") or user.get("deleted") or user_id == "USLACKBOT":
        raise InvalidInput(texts.intro_not_introducible(f"<@{user_id}>"))
    return identity_from_user(user, team_id=team_id)


def is_admin(client: WebClient, deps: Deps, *, user_id: str) -> bool:
    """Listed in KINDRED_ADMINS, or a workspace admin or owner according to Slack."""
    return is_listed_or_slack_admin(client, deps.settings.admins, user_id=user_id)


NO_SUCH_USER = ("user_not_found", "user_not_visible")


def is_listed_or_slack_admin(client: WebClient, admins: Collection[str], *, user_id: str) -> bool:
    """`is_admin` for callers without a request's Deps (the dashboard's pages): asks Slack every time. When
    Slack cannot answer (an outage, a rate limit), its error is raised: that is no reason to say no."""
    if user_id in admins:
        return True
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError as error:
        if error.response.get("error") in NO_SUCH_USER:
            return False
        raise
    if user.get("deleted"):
        return False  # a deactivated account keeps its flags, not its rights
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
