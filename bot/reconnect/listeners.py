"""Reconnect buttons ("We're in touch", "Remind me later", "Not for me") and `/kindred reconnect on|off`.

A click updates the nudge in place (chat.update), so its buttons are gone; a second click on a stale copy
changes nothing, and a click by anyone but the member it was sent to is refused (`NotFound`, a polite private
answer).
"""

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

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
    if wanted:
        reply = texts.RECONNECTS_ON if changed else texts.RECONNECTS_ALREADY_ON
    else:
        reply = texts.RECONNECTS_OFF if changed else texts.RECONNECTS_ALREADY_OFF
    asked.answer(text_message(reply))
