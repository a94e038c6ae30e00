"""Modal submissions: validate (inline errors), store in one transaction, ack, then confirm and refresh."""

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import members, repo
from bot.db import session_scope
from bot.entries import service as entries
from bot.entries.need_matches import need_confirmation
from bot.errors import DomainError
from bot.models import Need, NeedCreate, OfferCreate, ProfileUpdate, ProjectCreate
from bot.slack import ids
from bot.slack.acting import Acting
from bot.slack.blocks import messages
from bot.slack.errors import guard
from bot.slack.forms import ModalContext, validate_form
from bot.slack.once import claim, submission_key
from bot.slack.surfaces import fetch_identity, tell

ENTRY_FORMS: dict[str, type[OfferCreate] | type[NeedCreate] | type[ProjectCreate]] = {
    ids.OFFER_MODAL: OfferCreate,
    ids.NEED_MODAL: NeedCreate,
    ids.PROJECT_MODAL: ProjectCreate,
}
FIRST_FIELD = {ids.OFFER_MODAL: ids.DESCRIPTION, ids.NEED_MODAL: ids.DESCRIPTION, ids.PROJECT_MODAL: ids.NAME}


def register(app: App) -> None:
    for callback_id in ENTRY_FORMS:
        app.view(callback_id)(guard(save_entry))
    app.view(ids.PROFILE_MODAL)(guard(save_profile))
    app.view(re.compile(".*"))(ignore)  # an unknown or retired callback id: close quietly
    app.view_closed(re.compile(".*"))(guard(ignore))


def ignore(ack: Ack) -> None:
    ack()


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
        ack(response_action="errors", errors={FIRST_FIELD[callback_id]: error.message[:150]})
        return
    ack()
    if created_member:
        _sync_identity(acting)
    if callback_id == ids.PROJECT_MODAL and view.get("previous_view_id"):
        _refresh_profile_modal(acting, view["previous_view_id"], modal_context.response_url)
    acting.refresh_home()
    created = modal_context.entry_id is None
    if isinstance(entry, Need):  # and who could help right now, with "Ask for an intro"
        with session_scope(deps.sessions) as session:
            saved = need_confirmation(
                session,
                session.merge(entry),
                created=created,
                now=deps.clock(),
                embedding_model=deps.settings.embedding_model,
            )
    else:
        saved = messages.saved_message(entry, created=created)
    tell(client, saved, user_id=who.user_id, response_url=modal_context.response_url)


def save_profile(ack: Ack, view: dict[str, Any], client: WebClient, acting: Acting) -> None:
    update, errors = validate_form(ProfileUpdate, view.get("state"))
    if update is None:
        ack(response_action="errors", errors=errors)
        return
    deps, who = acting.deps, acting.who
    with session_scope(deps.sessions) as session:
        member, created_member = members.ensure_member(session, who=who, now=deps.clock())
        members.update_profile(session, member=member, update=update, now=deps.clock())
        members.mark_onboarded(session, member=member, now=deps.clock())
    ack()
    if created_member:
        _sync_identity(acting)
    acting.refresh_home()
    modal_context = ModalContext.load(view.get("private_metadata"))
    tell(
        client,
        messages.profile_saved_message(member),
        user_id=who.user_id,
        response_url=modal_context.response_url,
    )


def _refresh_profile_modal(acting: Acting, view_id: str, response_url: str | None) -> None:
    """After a project is saved from inside the profile modal, show it there too (what the member typed
    is kept because the input blocks keep their ids). A pushed project modal carries its parent's
    response_url, so the profile modal keeps it."""
    acting.client.views_update(view_id=view_id, view=acting.profile_form(response_url=response_url))


def _sync_identity(acting: Acting) -> None:
    """A member created from a submission has only their username; fetch their real name and time zone."""
    deps, team_id, user_id = acting.deps, acting.who.team_id, acting.who.user_id
    found = fetch_identity(acting.client, team_id=team_id, user_id=user_id)
    if found is None:
        return
    with session_scope(deps.sessions) as session:
        member = repo.get_member(session, team_id=team_id, user_id=user_id)
        if member is not None:
            members.refresh_identity(
                session, member=member, name=found.name, timezone=found.timezone, now=deps.clock()
            )
