"""The digest's buttons: "Introduce us" records the request; "Not for me" drops the pair, silently.

Either way the digest message is rebuilt from what is stored and updated in place, so the buttons of a
suggestion that was acted on disappear, and a second click (or a click on an old copy) changes nothing.
"""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlmodel import Session

from bot import repo
from bot.db import session_scope
from bot.models import DigestSuggestion, Member
from bot.services import suggestions
from bot.slack import ids, intro_flow
from bot.slack.acks import AT_ONCE
from bot.slack.blocks.messages import Message
from bot.slack.context import deps_of, identity_of
from bot.slack.digests import render_digest
from bot.slack.forms import id_value
from bot.slack.listeners.errors import guard
from bot.slack.surfaces import ensure_member


def register(app: App) -> None:
    app.action(ids.DIGEST_INTRO, middleware=AT_ONCE)(guard(introduce_us))
    app.action(ids.DIGEST_NOT_FOR_ME, middleware=AT_ONCE)(guard(not_for_me))


def introduce_us(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: Any
) -> None:
    ack()
    deps = deps_of(context)
    suggestion_id = id_value(action.get("value"))
    member = ensure_member(client, deps, identity_of(body, context))
    with session_scope(deps.sessions) as session:
        current = session.merge(member)
        suggestion, intro = suggestions.request_intro(
            session, member=current, suggestion_id=suggestion_id, now=deps.clock(), rules=deps.intro_rules
        )
        message = _digest_now(session, current, suggestion)
    _update(client, body, message)
    if intro is not None and intro.id is not None:
        intro_flow.ask(intro_flow.Flow(client, deps.sessions, deps.intro_rules), intro.id, deps.clock())


def not_for_me(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: Any
) -> None:
    ack()
    deps = deps_of(context)
    suggestion_id = id_value(action.get("value"))
    member = ensure_member(client, deps, identity_of(body, context))
    with session_scope(deps.sessions) as session:
        current = session.merge(member)
        suggestion = suggestions.dismiss(
            session, member=current, suggestion_id=suggestion_id, now=deps.clock()
        )
        message = _digest_now(session, current, suggestion)
    _update(client, body, message)


def _update(client: WebClient, body: dict[str, Any], message: Message | None) -> None:
    container = body.get("container") or {}
    if message is not None and container.get("type") == "message":
        client.chat_update(channel=container["channel_id"], ts=container["message_ts"], **message.as_kwargs())


def _digest_now(session: Session, member: Member, suggestion: DigestSuggestion) -> Message | None:
    siblings = repo.suggestions_for(session, run_id=suggestion.run_id, recipient_id=suggestion.recipient_id)
    return render_digest(session, member, siblings)
