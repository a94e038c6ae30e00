"""Slash commands: /offer-help and /need-help open modals; /kindred answers its subcommands."""

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import texts
from bot.db import session_scope
from bot.models import DigestCadence, MemberStatus
from bot.services import entries, members
from bot.services.stats import team_stats
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.blocks import messages
from bot.slack.blocks.common import mrkdwn
from bot.slack.blocks.modals import new_entry_form
from bot.slack.blocks.stats import stats_message
from bot.slack.context import deps_of, identity_of
from bot.slack.forms import ModalContext
from bot.slack.listeners.errors import guard
from bot.slack.listeners.privacy import ask_to_forget, send_export
from bot.slack.surfaces import ensure_member, is_admin, open_modal, profile_view, publish_home

CADENCE_WORDS = {
    "weekly": DigestCadence.WEEKLY,
    "week": DigestCadence.WEEKLY,
    "every-two-weeks": DigestCadence.EVERY_TWO_WEEKS,
    "every two weeks": DigestCadence.EVERY_TWO_WEEKS,
    "biweekly": DigestCadence.EVERY_TWO_WEEKS,
    "fortnightly": DigestCadence.EVERY_TWO_WEEKS,
    "monthly": DigestCadence.MONTHLY,
    "month": DigestCadence.MONTHLY,
    "off": DigestCadence.OFF,
    "never": DigestCadence.OFF,
    "none": DigestCadence.OFF,
}


def register(app: App) -> None:
    app.command(ids.OFFER_HELP_COMMAND, middleware=AT_ONCE)(guard(open_offer_modal))
    app.command(ids.NEED_HELP_COMMAND, middleware=AT_ONCE)(guard(open_need_modal))
    app.command(ids.KINDRED_COMMAND, middleware=AT_ONCE)(guard(kindred))


def open_offer_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    modal_context = ModalContext(response_url=body.get("response_url"))
    form = new_entry_form(ids.OFFER_MODAL, prefill=_text(body), context=modal_context)
    open_modal(client, context, body["trigger_id"], form)


def open_need_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    modal_context = ModalContext(response_url=body.get("response_url"))
    form = new_entry_form(ids.NEED_MODAL, prefill=_text(body), context=modal_context)
    open_modal(client, context, body["trigger_id"], form)


def kindred(ack: Ack, body: dict[str, Any], client: WebClient, context: Any, respond: Respond) -> None:
    ack()
    word, argument = _subcommand(_text(body))
    if word in ("", "help"):
        _answer(respond, messages.help_message())
    elif word == "profile":
        _open_profile(body, client, context)
    elif word in ("pause", "resume"):
        _pause_or_resume(word, body, client, context, respond)
    elif word == "cadence":
        _cadence(argument, body, client, context, respond)
    elif word == "list":
        _list(body, client, context, respond)
    elif word == "stats":
        _stats(body, client, context, respond)
    elif word == "export":
        send_export(body, client, context, respond)
    elif word in ("forget-me", "forgetme") or (word == "forget" and argument.lower() == "me"):
        ask_to_forget(body, context, respond)
    else:
        _answer(respond, messages.help_message(unknown=word))


def _open_profile(body: dict[str, Any], client: WebClient, context: Any) -> None:
    view = profile_view(
        client, deps_of(context), identity_of(body, context), response_url=body.get("response_url")
    )
    open_modal(client, context, body["trigger_id"], view)


def _pause_or_resume(
    word: str, body: dict[str, Any], client: WebClient, context: Any, respond: Respond
) -> None:
    deps = deps_of(context)
    member = ensure_member(client, deps, identity_of(body, context))
    with session_scope(deps.sessions) as session:
        member = session.merge(member)
        if word == "pause":
            reply = texts.ALREADY_PAUSED if member.status == MemberStatus.PAUSED else texts.PAUSED
            members.pause(session, member=member, now=deps.clock())
        else:
            reply = texts.ALREADY_ACTIVE if member.status == MemberStatus.ACTIVE else texts.RESUMED
            members.resume(session, member=member, now=deps.clock())
    _answer(respond, messages.text_message(reply))
    publish_home(client, deps, team_id=member.team_id, user_id=member.user_id)


def _cadence(argument: str, body: dict[str, Any], client: WebClient, context: Any, respond: Respond) -> None:
    deps = deps_of(context)
    member = ensure_member(client, deps, identity_of(body, context))
    if not argument:
        _answer(respond, messages.cadence_picker(member.digest_cadence))
        return
    cadence = CADENCE_WORDS.get(" ".join(argument.lower().replace("_", "-").split()))
    if cadence is None:
        unknown = texts.unknown_cadence(mrkdwn(argument, 40))
        _answer(respond, messages.cadence_picker(member.digest_cadence, prefix=unknown))
        return
    with session_scope(deps.sessions) as session:
        members.set_cadence(session, member=session.merge(member), cadence=cadence, now=deps.clock())
    _answer(respond, messages.text_message(texts.cadence_set(cadence)))
    publish_home(client, deps, team_id=member.team_id, user_id=member.user_id)


def _list(body: dict[str, Any], client: WebClient, context: Any, respond: Respond) -> None:
    deps = deps_of(context)
    member = ensure_member(client, deps, identity_of(body, context))
    with session_scope(deps.sessions) as session:
        listed = entries.open_entries(session, member=session.merge(member))
    _answer(respond, messages.list_message(listed))


def _stats(body: dict[str, Any], client: WebClient, context: Any, respond: Respond) -> None:
    deps, who = deps_of(context), identity_of(body, context)
    if not is_admin(client, deps, user_id=who.user_id):
        _answer(respond, messages.text_message(texts.STATS_ADMIN_ONLY))
        return
    with session_scope(deps.sessions) as session:
        numbers = team_stats(session, team_id=who.team_id)
    _answer(respond, stats_message(numbers))


def _answer(respond: Respond, message: messages.Message) -> None:
    """Reply only to the member who typed the command, in the channel they typed it in."""
    respond(response_type="ephemeral", **message.as_kwargs())


def _text(body: dict[str, Any]) -> str:
    text = body.get("text")
    return text if isinstance(text, str) else ""


def _subcommand(text: str) -> tuple[str, str]:
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].lower()[:40], parts[1].strip() if len(parts) > 1 else ""
