"""The profile's buttons: edit the profile, pause or resume, choose how often the digest comes.

Every click is acked first; a click in a message (the digest) gets a private note there."""

import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import texts as shared_texts
from bot.errors import NotFound
from bot.models import DigestCadence
from bot.profiles import service as profiles
from bot.profiles import texts
from bot.profiles.form import profile_form
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting
from bot.slack.blocks import messages
from bot.slack.errors import guard
from bot.slack.surfaces import note_privately, open_modal


def register(app: App) -> None:
    app.action(ids.EDIT_PROFILE, middleware=AT_ONCE)(guard(edit_profile))
    app.action(ids.PAUSE, middleware=AT_ONCE)(guard(pause_or_resume))
    app.action(ids.RESUME, middleware=AT_ONCE)(guard(pause_or_resume))
    app.action(ids.CHOOSE_CADENCE, middleware=AT_ONCE)(guard(choose_cadence))
    app.action(re.compile(f"^{ids.SET_CADENCE}:"), middleware=AT_ONCE)(guard(set_cadence_from_message))


def edit_profile(ack: Ack, body: dict[str, Any], client: WebClient, context: Any, acting: Acting) -> None:
    ack()
    open_modal(client, context, body["trigger_id"], profile_form(acting))


def pause_or_resume(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, acting: Acting
) -> None:
    ack()
    pausing = action["action_id"] == ids.PAUSE
    change = profiles.pause if pausing else profiles.resume
    with acting.work() as work:
        change(work.session, member=work.member, now=work.now)
    acting.refresh_home()
    _confirm_in_message(body, respond, texts.PAUSED if pausing else texts.RESUMED)


def choose_cadence(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, acting: Acting
) -> None:
    ack()
    cadence = _set_cadence(acting, (action.get("selected_option") or {}).get("value"))
    _confirm_in_message(body, respond, texts.cadence_set(cadence))


def _confirm_in_message(body: dict[str, Any], respond: Respond, text: str) -> None:
    """A click in a message (the digest) gets a private note there; the Home tab shows the change itself."""
    if body.get("response_url"):
        note_privately(respond, text)


def set_cadence_from_message(ack: Ack, action: dict[str, Any], respond: Respond, acting: Acting) -> None:
    ack()
    cadence = _set_cadence(acting, action.get("value"))
    respond(replace_original=True, **messages.text_message(texts.cadence_set(cadence)).as_kwargs())


def _set_cadence(acting: Acting, value: Any) -> DigestCadence:
    try:
        cadence = DigestCadence(value)
    except ValueError:
        raise NotFound(shared_texts.STALE_BUTTON) from None
    with acting.work() as work:
        profiles.set_cadence(work.session, member=work.member, cadence=cadence, now=work.now)
    acting.refresh_home()
    return cadence
