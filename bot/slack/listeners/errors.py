"""The one error handler: domain errors become a friendly message to the member; bugs are logged."""

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import texts
from bot.services.errors import DomainError
from bot.slack.blocks.messages import text_message
from bot.slack.surfaces import tell

log = logging.getLogger(__name__)


def handle_error(error: Exception, body: dict[str, Any], client: WebClient, context: Any) -> None:
    if isinstance(error, DomainError):
        message = error.message
        log.info("refused %s: %s", body.get("type") or body.get("command"), error.message)
    else:
        message = texts.GENERIC_ERROR
        log.error("unexpected error handling %s", body.get("type") or body.get("command"), exc_info=error)
    user_id = context.get("user_id") or (body.get("user") or {}).get("id") or body.get("user_id")
    if not user_id:
        return
    trigger_id = body.get("trigger_id") if body.get("type") == "block_actions" else None
    try:
        tell(
            client,
            text_message(message),
            user_id=str(user_id),
            response_url=body.get("response_url"),
            trigger_id=trigger_id,
        )
    except SlackApiError as failure:
        log.warning("could not tell %s about an error: %s", user_id, failure.response.get("error"))
