"""Modal submissions: validate (inline errors), store in one transaction, ack, then confirm and refresh."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import members
from bot.db import session_scope
from bot.entries import service as entries
from bot.entries.blocks import saved_message
from bot.errors import DomainError
from bot.handled import claim
from bot.matches import service as matches
from bot.matches.blocks import need_confirmation
from bot.models import Need, NeedCreate, OfferCreate, ProjectCreate
from bot.profiles.blocks import profile_modal
from bot.slack import ids
from bot.slack.acting import Acting
from bot.slack.errors import guard
from bot.slack.forms import ModalContext, inline_error, validate_form
from bot.slack.once import submission_key
from bot.slack.surfaces import tell

ENTRY_FORMS: dict[str, type[OfferCreate] | type[NeedCreate] | type[ProjectCreate]] = {
    ids.OFFER_MODAL: OfferCreate,
    ids.NEED_MODAL: NeedCreate,
    ids.PROJECT_MODAL: ProjectCreate,
}
FIRST_FIELD = {ids.OFFER_MODAL: ids.DESCRIPTION, ids.NEED_MODAL: ids.DESCRIPTION, ids.PROJECT_MODAL: ids.NAME}


def register(app: App) -> None:
    for callback_id in ENTRY_FORMS:
        app.view(callback_id)(guard(save_entry))


def save_entry(ack: Ack, view: dict[str, Any], client: WebClient, acting: Acting) -> None:
    callback_id = view["callback_id"]
    data, errors = validate_form(ENTRY_FORMS[callback_id], view.get("state"))
    if data is None:
        ack(response_action="errors", errors=errors)
        return
    deps, who = acting.deps, acting.who
    modal_context = ModalContext.load(view.get("private_metadata"))
    now = deps.clock()
    try:
        with session_scope(deps.sessions) as session:
            key = submission_key(view) if modal_context.entry_id is None else None
            if key is not None and not claim(session, key, now=now):
                ack()  # the same form, delivered again: it is stored already
                return
            member, created_member = members.ensure_member(session, who=who, now=now)
            if modal_context.entry_id is None:
                entry = entries.add_entry(session, member=member, data=data, now=now)
            else:
                entry = entries.update_entry(
                    session, member=member, entry_id=modal_context.entry_id, data=data, now=now
                )
            members.mark_onboarded(session, member=member, now=now)
    except DomainError as error:
        ack(response_action="errors", errors={FIRST_FIELD[callback_id]: inline_error(error.message)})
        return
    ack()
    if created_member:
        acting.sync_identity()
    if callback_id == ids.PROJECT_MODAL and view.get("previous_view_id"):
        _show_in_profile(acting, view["previous_view_id"], modal_context.response_url)
    acting.refresh_home()
    created = modal_context.entry_id is None
    if isinstance(entry, Need):  # and who could help right now, with "Ask for an intro"
        with session_scope(deps.sessions) as session:
            helpers = matches.need_helpers(
                session,
                need=session.merge(entry),
                now=deps.clock(),
                embedding_model=deps.settings.embedding_model,
            )
        saved = need_confirmation(entry, helpers, created=created)
    else:
        saved = saved_message(entry, created=created)
    tell(client, saved, user_id=who.user_id, response_url=modal_context.response_url)


def _show_in_profile(acting: Acting, view_id: str, response_url: str | None) -> None:
    """A project saved from inside the profile modal shows there too (what the member typed is kept, as the
    input blocks keep their ids). A pushed project modal carries its parent's response_url: it is kept."""
    with acting.work() as work:
        projects = entries.active_projects(work.session, member=work.member)
        form = profile_modal(
            member=work.member, projects=projects, context=ModalContext(response_url=response_url)
        )
    acting.client.views_update(view_id=view_id, view=form)
