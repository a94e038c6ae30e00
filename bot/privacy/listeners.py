"""A member's own data: `/kindred export` sends it as a JSON file to their DM; `/kindred forget-me` asks,
then deletes it.

The confirmation's buttons carry the id of whoever asked; a click by anyone else (a forged payload) is
refused and changes nothing. Clicking "Delete my data" twice is harmless: the second finds nothing left.
"""

import json
import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.db import session_scope
from bot.errors import NotAllowed
from bot.members import Identity
from bot.privacy import service as privacy
from bot.privacy import texts
from bot.privacy.blocks import forget_confirmation
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.blocks.messages import text_message
from bot.slack.context import deps_of, identity_of
from bot.slack.errors import guard
from bot.slack.kindred_command import Asked, Subcommands

log = logging.getLogger(__name__)

# Slack's answers when the workspace or the app's scopes forbid the upload: trying again would not help.
UPLOADS_REFUSED = frozenset(
    {
        "file_uploads_disabled",
        "file_uploads_except_images_disabled",
        "file_type_not_allowed",
        "file_upload_size_restricted",
        "missing_scope",
    }
)


def register(app: App, kindred: Subcommands) -> None:
    kindred.add(send_export, "export")
    kindred.add(ask_to_forget, "forget-me", "forgetme")
    app.action(ids.FORGET_ME_CONFIRM, middleware=AT_ONCE)(guard(forget_confirmed))
    app.action(ids.FORGET_ME_CANCEL, middleware=AT_ONCE)(guard(forget_cancelled))


def send_export(asked: Asked) -> None:
    """`/kindred export` (after the ack): all Kindred stores about the caller, as a file in their DM."""
    deps, who, client = asked.acting.deps, asked.acting.who, asked.client
    team_id, user_id, now = who.team_id, who.user_id, deps.clock()
    with session_scope(deps.sessions) as session:
        document = privacy.export(session, team_id=team_id, user_id=user_id, now=now)
        forgotten = None if document else privacy.forgotten_at(session, team_id=team_id, user_id=user_id)
    if document is None:
        if forgotten is not None:
            reply = texts.export_only_tombstone(forgotten.date().isoformat())
        else:
            reply = texts.EXPORT_NOTHING
        asked.answer(text_message(reply))
        return
    asked.answer(text_message(texts.EXPORT_ON_ITS_WAY))
    channel = client.conversations_open(users=who.user_id)["channel"]["id"]
    try:
        client.files_upload_v2(
            channel=str(channel),
            content=json.dumps(document, indent=2, ensure_ascii=False).encode(),
            filename=texts.export_filename(now.date().isoformat()),
            title=texts.EXPORT_TITLE,
            initial_comment=texts.EXPORT_COMMENT,
        )
    except SlackApiError as error:
        reason = error.response.get("error")
        if reason not in UPLOADS_REFUSED:
            raise
        log.warning("could not send %s their data: Slack refused the upload (%s)", who.user_id, reason)
        raise NotAllowed(texts.EXPORT_UPLOADS_REFUSED) from error
    log.info("sent %s their data", who.user_id)


def ask_to_forget(asked: Asked) -> None:
    """`/kindred forget-me` (after the ack): what would be deleted, and a button to do it."""
    deps, who = asked.acting.deps, asked.acting.who
    with session_scope(deps.sessions) as session:
        stored = privacy.stores_anything(session, team_id=who.team_id, user_id=who.user_id)
        forgotten = privacy.is_forgotten(session, team_id=who.team_id, user_id=who.user_id)
    if stored:
        asked.answer(forget_confirmation(who.user_id))
    else:
        asked.answer(text_message(texts.FORGET_ALREADY if forgotten else texts.FORGET_NOTHING))


def forget_confirmed(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: Any, respond: Respond
) -> None:
    ack()
    deps, who = deps_of(context), identity_of(body, context)
    _require_owner(action, who)
    with session_scope(deps.sessions) as session:
        deleted = privacy.forget(session, team_id=who.team_id, user_id=who.user_id, now=deps.clock())
    log.info("forgot %s: %s", who.user_id, {name: count for name, count in deleted.items() if count})
    respond(replace_original=True, **text_message(texts.FORGET_DONE).as_kwargs())
    deps.home(client, deps, team_id=who.team_id, user_id=who.user_id)  # their Home showed their data


def forget_cancelled(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, respond: Respond
) -> None:
    ack()
    _require_owner(action, identity_of(body, context))
    respond(replace_original=True, **text_message(texts.FORGET_CANCELLED).as_kwargs())


def _require_owner(action: dict[str, Any], who: Identity) -> None:
    if action.get("value") != who.user_id:
        raise NotAllowed(texts.NOT_YOUR_BUTTON)
