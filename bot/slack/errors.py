"""The one error handler: domain errors become a friendly message to the member; bugs are logged.

Every listener is registered through `guard`, which reports errors itself instead of letting them reach
Bolt: Bolt's thread runner resets an already-sent ack when a listener raises right after acking, which can
lose the HTTP response. `handle_error` also serves as Bolt's global error handler for middleware errors.
"""

import inspect
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import texts
from bot.errors import DomainError
from bot.slack.acting import Acting
from bot.slack.blocks.messages import text_message
from bot.slack.surfaces import TooSlowForSlack, tell

log = logging.getLogger(__name__)

Handler = Callable[..., None]
TRIGGER_ERRORS = frozenset({"expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id"})


def guard(handler: Handler) -> Handler:
    """Wrap a listener so that any error is acked (if not yet) and reported through `handle_error`. A
    handler that names an `acting` argument gets the `Acting` member of the request (built in the
    listener's thread, so after the ack)."""
    wanted = set(inspect.signature(handler).parameters)
    unknown = wanted - set(inspect.signature(_guarded_signature).parameters)
    if unknown:
        raise TypeError(f"{handler.__name__} asks for arguments guard does not pass: {sorted(unknown)}")

    # Bolt passes the arguments a listener names in its signature, so name every one a handler may use.
    def guarded(
        ack: Ack,
        body: dict[str, Any],
        client: WebClient,
        context: Any,
        respond: Respond,
        action: dict[str, Any] | None,
        view: dict[str, Any] | None,
        event: dict[str, Any] | None,
    ) -> None:
        given: dict[str, Any] = {
            "ack": ack,
            "body": body,
            "client": client,
            "context": context,
            "respond": respond,
            "action": action,
            "view": view,
            "event": event,
        }
        try:
            if "acting" in wanted:
                given["acting"] = Acting.of(body, context, client)
            handler(**{name: value for name, value in given.items() if name in wanted})
        except Exception as error:  # noqa: BLE001 - this is the one place errors are reported
            if ack.response is None:
                ack()
            handle_error(error, body, client, context)

    guarded.__name__ = guarded.__qualname__ = handler.__name__
    return guarded


def _guarded_signature(ack, body, client, context, respond, action, view, event, acting):  # type: ignore[no-untyped-def]
    """The arguments `guard` passes on (kept in one place for the check above)."""


def handle_error(error: Exception, body: dict[str, Any], client: WebClient, context: Any) -> None:
    trigger_spent = isinstance(error, TooSlowForSlack) or _slack_error(error) in TRIGGER_ERRORS
    if isinstance(error, DomainError) and not trigger_spent:
        message = error.message
        log.info("refused %s: %s", body.get("type") or body.get("command"), error.message)
    elif trigger_spent:  # Kindred was too slow (overloaded): the member can simply try again
        message = texts.TOO_SLOW_FOR_SLACK
        log.warning("%s: could not open a form in time (%s)", body.get("command") or body.get("type"), error)
    else:
        message = texts.GENERIC_ERROR
        log.error("unexpected error handling %s", body.get("type") or body.get("command"), exc_info=error)
    if body.get("type") == "event_callback":
        return  # nobody is waiting on an event: logging is all we can usefully do
    user_id = context.get("user_id") or (body.get("user") or {}).get("id") or body.get("user_id")
    if not user_id:
        return
    trigger_id = body.get("trigger_id") if body.get("type") == "block_actions" and not trigger_spent else None
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


def _slack_error(error: Exception) -> str | None:
    return str(error.response.get("error")) if isinstance(error, SlackApiError) else None
