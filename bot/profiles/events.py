"""Events: a member joined the workspace (the welcome DM), a member's account changed.

None of them re-creates or writes to someone who asked Kindred to forget them."""

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import members, repo
from bot.db import session_scope
from bot.privacy import service as privacy
from bot.profiles.blocks import welcome_message
from bot.slack.contact import Welcome
from bot.slack.context import deps_of
from bot.slack.delivery import DM, send_once
from bot.slack.errors import guard
from bot.slack.surfaces import identity_from_user

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("team_join")(guard(member_joined))
    app.event("user_change")(guard(user_changed))


def member_joined(event: dict[str, Any], client: WebClient, context: Any) -> None:
    """A short welcome DM with buttons to add an offer or a need, at most once per member, and never to
    someone who asked Kindred to forget them."""
    user = event.get("user") or {}
    if not isinstance(user, dict) or user.get("is_bot") or user.get("deleted") or not user.get("id"):
        return
    deps = deps_of(context)
    team_id = str(context.get("team_id") or user.get("team_id"))
    who = identity_from_user(user, team_id=team_id)
    with session_scope(deps.sessions) as session:
        if privacy.is_forgotten(session, team_id=team_id, user_id=who.user_id):
            log.info("not welcoming %s: they asked Kindred to forget them", who.user_id)
            return
        members.ensure_member(session, who=who, now=deps.clock())
    dm = DM(team_id, who.user_id, Welcome(), welcome_message())
    outcome = send_once(client, deps.sessions, dm, now=deps.clock(), quiet=deps.settings.quiet)
    log.info("welcome for %s: %s", who.user_id, outcome)


def user_changed(event: dict[str, Any], context: Any) -> None:
    """A deactivated account is marked left and never contacted again; otherwise keep name and tz fresh."""
    user = event.get("user") or {}
    if not isinstance(user, dict) or not user.get("id"):
        return
    deps = deps_of(context)
    team_id = str(context.get("team_id") or user.get("team_id"))
    with session_scope(deps.sessions) as session:
        if user.get("deleted"):
            if members.mark_left(session, team_id=team_id, user_id=str(user["id"]), now=deps.clock()):
                log.info("member %s left the workspace", user["id"])
            return
        member = repo.get_member(session, team_id=team_id, user_id=str(user["id"]))
        if member is not None:
            who = identity_from_user(user, team_id=team_id)
            members.refresh_identity(
                session, member=member, name=who.name, timezone=who.timezone, now=deps.clock()
            )
