"""Modal submissions: validate (inline errors), store in one transaction, ack, then confirm and refresh."""

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import repo
from bot.db import session_scope
from bot.models import Need, NeedCreate, OfferCreate, ProfileUpdate, ProjectCreate
from bot.services import entries, members
from bot.services.errors import DomainError
from bot.services.members import Identity
from bot.slack import ids
from bot.slack.blocks import messages
from bot.slack.context import deps_of, identity_of
from bot.slack.forms import ModalContext, validate_form
from bot.slack.listeners.errors import guard
from bot.slack.need_matches import need_confirmation
from bot.slack.once import claim, submission_key
from bot.slack.surfaces import fetch_identity, profile_view, publish_home, tell

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


def save_entry(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: Any) -> None:
    callback_id = view["callback_id"]
    data, errors = validate_form(ENTRY_FORMS[callback_id], view.get("state"))
    if data is None:
        ack(response_action="errors", errors=errors)
        return
    deps, who = deps_of(context), identity_of(body, context)
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
        _sync_identity(client, context, who.team_id, who.user_id)
    if callback_id == ids.PROJECT_MODAL and view.get("previous_view_id"):
        _refresh_profile_modal(client, context, view["previous_view_id"], who, modal_context.response_url)
    publish_home(client, deps, team_id=who.team_id, user_id=who.user_id)
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


def save_profile(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: Any
) -> None:
    update, errors = validate_form(ProfileUpdate, view.get("state"))
    if update is None:
        ack(response_action="errors", errors=errors)
        return
    deps, who = deps_of(context), identity_of(body, context)
    with session_scope(deps.sessions) as session:
        member, created_member = members.ensure_member(session, who=who, now=deps.clock())
        members.update_profile(session, member=member, update=update, now=deps.clock())
        members.mark_onboarded(session, member=member, now=deps.clock())
    ack()
    if created_member:
        _sync_identity(client, context, who.team_id, who.user_id)
    publish_home(client, deps, team_id=who.team_id, user_id=who.user_id)
    modal_context = ModalContext.load(view.get("private_metadata"))
    tell(
        client,
        messages.profile_saved_message(member),
        user_id=who.user_id,
        response_url=modal_context.response_url,
    )


def _refresh_profile_modal(
    client: WebClient, context: Any, view_id: str, who: Identity, response_url: str | None
) -> None:
    """After a project is saved from inside the profile modal, show it there too (what the member typed
    is kept because the input blocks keep their ids). A pushed project modal carries its parent's
    response_url, so the profile modal keeps it."""
    client.views_update(
        view_id=view_id, view=profile_view(client, deps_of(context), who, response_url=response_url)
    )


def _sync_identity(client: WebClient, context: Any, team_id: str, user_id: str) -> None:
    """A member created from a submission has only their username; fetch their real name and time zone."""
    deps = deps_of(context)
    found = fetch_identity(client, team_id=team_id, user_id=user_id)
    if found is None:
        return
    with session_scope(deps.sessions) as session:
        member = repo.get_member(session, team_id=team_id, user_id=user_id)
        if member is not None:
            members.refresh_identity(
                session, member=member, name=found.name, timezone=found.timezone, now=deps.clock()
            )
