"""Slash commands: /offer-help and /need-help open modals; /kindred answers its subcommands."""

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import members, texts
from bot.db import session_scope
from bot.entries import service as entries
from bot.entries.modals import new_entry_form
from bot.models import DigestCadence, MemberStatus
from bot.privacy.listeners import ask_to_forget, send_export
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting
from bot.slack.blocks import messages
from bot.slack.blocks.common import mrkdwn
from bot.slack.errors import guard
from bot.slack.forms import ModalContext
from bot.slack.surfaces import is_admin, open_modal
from bot.stats.blocks import stats_message
from bot.stats.service import team_stats

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


def kindred(
    ack: Ack, body: dict[str, Any], client: WebClient, context: Any, respond: Respond, acting: Acting
) -> None:
    ack()
    word, argument = _subcommand(_text(body))
    if word in ("", "help"):
        _answer(respond, messages.help_message())
    elif word == "profile":
        form = acting.profile_form(response_url=body.get("response_url"))
        open_modal(client, context, body["trigger_id"], form)
    elif word in ("pause", "resume"):
        _pause_or_resume(word, acting, respond)
    elif word == "cadence":
        _cadence(argument, acting, respond)
    elif word == "list":
        _list(acting, respond)
    elif word == "stats":
        _stats(acting, respond)
    elif word == "export":
        send_export(body, client, context, respond)
    elif word in ("forget-me", "forgetme") or (word == "forget" and argument.lower() == "me"):
        ask_to_forget(body, context, respond)
    else:
        _answer(respond, messages.help_message(unknown=word))


def _pause_or_resume(word: str, acting: Acting, respond: Respond) -> None:
    with acting.work() as work:
        if word == "pause":
            reply = texts.ALREADY_PAUSED if work.member.status == MemberStatus.PAUSED else texts.PAUSED
            members.pause(work.session, member=work.member, now=work.now)
        else:
            reply = texts.ALREADY_ACTIVE if work.member.status == MemberStatus.ACTIVE else texts.RESUMED
            members.resume(work.session, member=work.member, now=work.now)
    _answer(respond, messages.text_message(reply))
    acting.refresh_home()


def _cadence(argument: str, acting: Acting, respond: Respond) -> None:
    cadence = CADENCE_WORDS.get(" ".join(argument.lower().replace("_", "-").split()))
    with acting.work() as work:
        current = work.member.digest_cadence
        if cadence is not None:
            members.set_cadence(work.session, member=work.member, cadence=cadence, now=work.now)
    if not argument:
        _answer(respond, messages.cadence_picker(current))
    elif cadence is None:
        unknown = texts.unknown_cadence(mrkdwn(argument, 40))
        _answer(respond, messages.cadence_picker(current, prefix=unknown))
    else:
        _answer(respond, messages.text_message(texts.cadence_set(cadence)))
        acting.refresh_home()


def _list(acting: Acting, respond: Respond) -> None:
    with acting.work() as work:
        listed = entries.open_entries(work.session, member=work.member)
    _answer(respond, messages.list_message(listed))


def _stats(acting: Acting, respond: Respond) -> None:
    if not is_admin(acting.client, acting.deps, user_id=acting.who.user_id):
        _answer(respond, messages.text_message(texts.STATS_ADMIN_ONLY))
        return
    with session_scope(acting.deps.sessions) as session:
        numbers = team_stats(session, team_id=acting.who.team_id)
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
