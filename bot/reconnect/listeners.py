"""Reconnect buttons ("We're in touch", "Remind me later", "Not for me") and `/kindred reconnect on|off`;
on the Home, Star / Unstar on each of "Your people" and the reconnect switch.

A click updates the nudge in place (chat.update), so its buttons are gone; a second click on a stale copy
changes nothing, and a click by anyone but the member it was sent to is refused (`NotFound`, a polite private
answer).
"""

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import texts as shared_texts
from bot.errors import NotFound
from bot.reconnect import service as reconnects
from bot.reconnect import texts
from bot.reconnect.blocks import answered_message
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting
from bot.slack.blocks.messages import text_message
from bot.slack.errors import guard
from bot.slack.forms import id_value
from bot.slack.kindred_command import Asked, Subcommands
from bot.slack.surfaces import note_privately, update_clicked

CHOICES = {
    ids.RECONNECT_IN_TOUCH: reconnects.Choice.IN_TOUCH,
    ids.RECONNECT_LATER: reconnects.Choice.LATER,
    ids.RECONNECT_NOT_FOR_ME: reconnects.Choice.NOT_FOR_ME,
}
NOTES = {
    reconnects.Choice.IN_TOUCH: texts.IN_TOUCH_NOTE,
    reconnects.Choice.LATER: texts.LATER_NOTE,
    reconnects.Choice.NOT_FOR_ME: texts.NOT_FOR_ME_NOTE,
}
SWITCH = {"on": True, "off": False}


def register(app: App) -> None:
    for action_id in CHOICES:
        app.action(action_id, middleware=AT_ONCE)(guard(choose))
    app.action(ids.RECONNECT_STAR, middleware=AT_ONCE)(guard(star))
    app.action(ids.RECONNECT_UNSTAR, middleware=AT_ONCE)(guard(star))
    app.action(ids.RECONNECTS_SWITCH, middleware=AT_ONCE)(guard(switch_from_home))


def add_to(kindred: Subcommands) -> None:
    kindred.add(switch, "reconnect", "reconnects")


def choose(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
    acting: Acting,
) -> None:
    ack()
    intro_id = id_value(action.get("value"))
    chosen = CHOICES[action["action_id"]]
    with acting.work() as work:
        row, changed = reconnects.answer(
            work.session,
            member=work.member,
            intro_id=intro_id,
            choice=chosen,
            now=work.now,
            days=acting.deps.settings.reconnect_days,
        )
        name = reconnects.other_name(work.session, row=row)
    if not changed:
        note_privately(respond, texts.ALREADY_ANSWERED)
        return
    update_clicked(client, body, answered_message(name, NOTES[chosen]))


def switch(asked: Asked) -> None:
    wanted = SWITCH.get(asked.argument.strip().lower())
    if wanted is None:
        asked.answer(text_message(texts.RECONNECT_HELP))
        return
    with asked.acting.work() as work:
        changed = reconnects.set_reconnects(work.session, member=work.member, on=wanted, now=work.now)
    if changed:
        asked.acting.refresh_home()  # the Home shows the switch
    if wanted:
        reply = texts.RECONNECTS_ON if changed else texts.RECONNECTS_ALREADY_ON
    else:
        reply = texts.RECONNECTS_OFF if changed else texts.RECONNECTS_ALREADY_OFF
    asked.answer(text_message(reply))


def star(ack: Ack, action: dict[str, Any], acting: Acting) -> None:
    """Star or Unstar on the Home (or a choice in its menu of the people not shown); the eleventh star is
    refused with a note (`NotAllowed`)."""
    ack()
    reconnect_id = id_value(action.get("value") or (action.get("selected_option") or {}).get("value"))
    with acting.work() as work:
        reconnects.star(
            work.session,
            member=work.member,
            reconnect_id=reconnect_id,
            on=action["action_id"] == ids.RECONNECT_STAR,
            days=acting.deps.settings.reconnect_days,
        )
    acting.refresh_home()  # also when nothing changed: that Home was out of date


def switch_from_home(ack: Ack, action: dict[str, Any], acting: Acting) -> None:
    """The reconnect switch on the Home: its value is the state wanted, so a stale Home changes nothing."""
    ack()
    wanted = SWITCH.get(str(action.get("value")))
    if wanted is None:
        raise NotFound(shared_texts.STALE_BUTTON)
    with acting.work() as work:
        reconnects.set_reconnects(work.session, member=work.member, on=wanted, now=work.now)
    acting.refresh_home()
