"""/offer-help and /need-help open their modals (with whatever was typed after the command as a start);
/kindred list shows the member's open entries."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.entries import service as entries
from bot.entries.blocks import list_message
from bot.entries.modals import new_entry_form
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.errors import guard
from bot.slack.forms import ModalContext
from bot.slack.kindred_command import Asked, Subcommands, command_text
from bot.slack.surfaces import open_modal


def register(app: App, kindred: Subcommands) -> None:
    app.command(ids.OFFER_HELP_COMMAND, middleware=AT_ONCE)(guard(open_offer_modal))
    app.command(ids.NEED_HELP_COMMAND, middleware=AT_ONCE)(guard(open_need_modal))
    kindred.add(list_entries, "list")


def open_offer_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    _open_form(ids.OFFER_MODAL, body, client, context)


def open_need_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    _open_form(ids.NEED_MODAL, body, client, context)


def _open_form(callback_id: str, body: dict[str, Any], client: WebClient, context: Any) -> None:
    modal_context = ModalContext(response_url=body.get("response_url"))
    form = new_entry_form(callback_id, prefill=command_text(body), context=modal_context)
    open_modal(client, context, body["trigger_id"], form)


def list_entries(asked: Asked) -> None:
    with asked.acting.work() as work:
        listed = entries.open_entries(work.session, member=work.member)
    asked.answer(list_message(listed))
