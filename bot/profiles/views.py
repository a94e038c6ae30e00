"""The profile modal's submission: validate (inline errors), store in one transaction, ack, then confirm."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import members
from bot.db import session_scope
from bot.models import ProfileUpdate
from bot.profiles import service as profiles
from bot.profiles.blocks import profile_saved_message
from bot.slack import ids
from bot.slack.acting import Acting
from bot.slack.errors import guard
from bot.slack.forms import ModalContext, validate_form
from bot.slack.surfaces import tell


def register(app: App) -> None:
    app.view(ids.PROFILE_MODAL)(guard(save_profile))


def save_profile(ack: Ack, view: dict[str, Any], client: WebClient, acting: Acting) -> None:
    update, errors = validate_form(ProfileUpdate, view.get("state"))
    if update is None:
        ack(response_action="errors", errors=errors)
        return
    deps, who = acting.deps, acting.who
    with session_scope(deps.sessions) as session:
        member, created_member = members.ensure_member(session, who=who, now=deps.clock())
        profiles.update_profile(session, member=member, update=update, now=deps.clock())
        members.mark_onboarded(session, member=member, now=deps.clock())
    ack()
    if created_member:
        acting.sync_identity()
    acting.refresh_home()
    modal_context = ModalContext.load(view.get("private_metadata"))
    tell(
        client,
        profile_saved_message(member),
        user_id=who.user_id,
        response_url=modal_context.response_url,
    )
