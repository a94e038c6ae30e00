"""Buttons: add an offer, a need or a project; edit or close one (from the Home or the profile modal).

Every click is acked first. A click on someone else's entry (a forged or stale payload) is refused by the
service layer and answered by the error handler; nothing changes.
"""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import texts as shared_texts
from bot.entries import service as entries
from bot.entries import texts
from bot.entries.modals import need_modal, offer_modal, project_modal
from bot.entries.service import Closing, EntryKind
from bot.errors import NotFound
from bot.models import Need, Offer
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting
from bot.slack.errors import guard
from bot.slack.forms import ModalContext, id_value
from bot.slack.surfaces import open_modal

CLOSINGS = {
    ids.WITHDRAW_ENTRY: Closing.WITHDRAW,
    ids.RESOLVE_ENTRY: Closing.RESOLVE,
    ids.ARCHIVE_ENTRY: Closing.ARCHIVE,
}


def register(app: App) -> None:
    app.action(ids.ADD_OFFER, middleware=AT_ONCE)(guard(add_offer))
    app.action(ids.ADD_NEED, middleware=AT_ONCE)(guard(add_need))
    app.action(ids.ADD_PROJECT, middleware=AT_ONCE)(guard(add_project))
    app.action(ids.EDIT_ENTRY, middleware=AT_ONCE)(guard(edit_entry))
    for action_id in CLOSINGS:
        app.action(action_id, middleware=AT_ONCE)(guard(close_entry))
    app.action(ids.PROFILE_ADD_PROJECT, middleware=AT_ONCE)(guard(push_new_project))
    app.action(ids.PROFILE_EDIT_PROJECT, middleware=AT_ONCE)(guard(push_project_edit))


def add_offer(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    open_modal(client, context, body["trigger_id"], offer_modal(context=ModalContext()))


def add_need(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    open_modal(client, context, body["trigger_id"], need_modal(context=ModalContext()))


def add_project(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    open_modal(client, context, body["trigger_id"], project_modal(context=ModalContext()))


def edit_entry(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: Any, acting: Acting
) -> None:
    ack()
    kind, entry_id = entry_ref(action.get("value"))
    with acting.work() as work:
        entry = entries.own_entry(work.session, member=work.member, kind=kind, entry_id=entry_id)
        if entry.status != entries.RULES[kind].open_status:
            raise NotFound(texts.entry_closed(kind))
    modal_context = ModalContext(entry_id=entry_id)
    if isinstance(entry, Offer):
        view = offer_modal(offer=entry, context=modal_context)
    elif isinstance(entry, Need):
        view = need_modal(need=entry, context=modal_context)
    else:
        view = project_modal(project=entry, context=modal_context)
    open_modal(client, context, body["trigger_id"], view)


def close_entry(ack: Ack, action: dict[str, Any], acting: Acting) -> None:
    ack()
    kind, entry_id = entry_ref(action.get("value"))
    closing = CLOSINGS[action["action_id"]]
    with acting.work() as work:
        entries.close_entry(
            work.session, member=work.member, kind=kind, entry_id=entry_id, closing=closing, now=work.now
        )
    acting.refresh_home()


def push_new_project(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    parent = ModalContext.load((body.get("view") or {}).get("private_metadata"))
    view = project_modal(context=ModalContext(response_url=parent.response_url))
    open_modal(client, context, body["trigger_id"], view, push=True)


def push_project_edit(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: Any, acting: Acting
) -> None:
    ack()
    entry_id = id_value(action.get("value"))
    with acting.work() as work:
        project = entries.own_entry(
            work.session, member=work.member, kind=EntryKind.PROJECT, entry_id=entry_id
        )
    parent = ModalContext.load((body.get("view") or {}).get("private_metadata"))
    view = project_modal(
        project=project,  # type: ignore[arg-type]
        context=ModalContext(entry_id=entry_id, response_url=parent.response_url),
    )
    open_modal(client, context, body["trigger_id"], view, push=True)


def entry_ref(value: Any) -> tuple[EntryKind, int]:
    """'offer:12' -> (EntryKind.OFFER, 12); anything else is a stale or forged button."""
    kind, _, raw_id = str(value or "").partition(":")
    try:
        return EntryKind(kind), id_value(raw_id)
    except ValueError:
        raise NotFound(shared_texts.STALE_BUTTON) from None
