"""Slash commands: /offer-help and /need-help open modals; /kindred answers its subcommands."""

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import repo, texts
from bot.db import session_scope
from bot.models import DigestCadence, MemberStatus, Project, ProjectStatus
from bot.services import entries, members
from bot.slack import ids
from bot.slack.blocks import messages
from bot.slack.blocks.common import mrkdwn
from bot.slack.blocks.modals import need_modal, offer_modal, profile_modal
from bot.slack.context import deps_of, identity_of
from bot.slack.forms import ModalContext
from bot.slack.surfaces import ensure_member, publish_home

CADENCE_WORDS = {
    "weekly": DigestCadence.WEEKLY,
    "week": DigestCadence.WEEKLY,
    "every-two-weeks": DigestCadence.EVERY_TWO_WEEKS,
    "every two weeks": DigestCadence.EVERY_TWO_WEEKS,
    "biweekly": DigestCadence.EVERY_TWO_WEEKS,
    "fortnightly": DigestCadence.EVERY_TWO_WEEKS,
    "monthly": DigestCadence.MONTHLY,
    "month": DigestCadence.MONTHLY,
    "off": DigestCadence.OFF,
    "never": DigestCadence.OFF,
    "none": DigestCadence.OFF,
}


def register(app: App) -> None:
    app.command(ids.OFFER_HELP_COMMAND)(open_offer_modal)
    app.command(ids.NEED_HELP_COMMAND)(open_need_modal)
    app.command(ids.KINDRED_COMMAND)(kindred)


def open_offer_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    modal_context = ModalContext(response_url=body.get("response_url"))
    client.views_open(
        trigger_id=body["trigger_id"], view=offer_modal(prefill=_text(body), context=modal_context)
    )
    ensure_member(client, deps_of(context), identity_of(body, context))


def open_need_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    modal_context = ModalContext(response_url=body.get("response_url"))
    client.views_open(
        trigger_id=body["trigger_id"], view=need_modal(prefill=_text(body), context=modal_context)
    )
    ensure_member(client, deps_of(context), identity_of(body, context))


def kindred(ack: Ack, body: dict[str, Any], client: WebClient, context: Any, respond: Respond) -> None:
    ack()
    word, argument = _subcommand(_text(body))
    if word in ("", "help"):
        respond(**messages.help_message().as_kwargs())
    elif word == "profile":
        _open_profile(body, client, context)
    elif word in ("pause", "resume"):
        _pause_or_resume(word, body, client, context, respond)
    elif word == "cadence":
        _cadence(argument, body, client, context, respond)
    elif word == "list":
        _list(body, client, context, respond)
    else:
        respond(**messages.help_message(unknown=word).as_kwargs())


def _open_profile(body: dict[str, Any], client: WebClient, context: Any) -> None:
    deps, who = deps_of(context), identity_of(body, context)
    with session_scope(deps.sessions) as session:
        member, _ = members.ensure_member(session, who=who, now=deps.clock())
        projects = _active_projects(session, member.id)
    view = profile_modal(
        member=member, projects=projects, context=ModalContext(response_url=body.get("response_url"))
    )
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _pause_or_resume(
    word: str, body: dict[str, Any], client: WebClient, context: Any, respond: Respond
) -> None:
    deps = deps_of(context)
    member = ensure_member(client, deps, identity_of(body, context))
    with session_scope(deps.sessions) as session:
        member = session.merge(member)
        if word == "pause":
            reply = texts.ALREADY_PAUSED if member.status == MemberStatus.PAUSED else texts.PAUSED
            members.pause(session, member=member, now=deps.clock())
        else:
            reply = texts.ALREADY_ACTIVE if member.status == MemberStatus.ACTIVE else texts.RESUMED
            members.resume(session, member=member, now=deps.clock())
    respond(**messages.text_message(reply).as_kwargs())
    publish_home(client, deps, team_id=member.team_id, user_id=member.user_id)


def _cadence(argument: str, body: dict[str, Any], client: WebClient, context: Any, respond: Respond) -> None:
    deps = deps_of(context)
    member = ensure_member(client, deps, identity_of(body, context))
    if not argument:
        respond(**messages.cadence_picker(member.digest_cadence).as_kwargs())
        return
    cadence = CADENCE_WORDS.get(" ".join(argument.lower().replace("_", "-").split()))
    if cadence is None:
        unknown = texts.unknown_cadence(mrkdwn(argument, 40))
        respond(**messages.cadence_picker(member.digest_cadence, prefix=unknown).as_kwargs())
        return
    with session_scope(deps.sessions) as session:
        members.set_cadence(session, member=session.merge(member), cadence=cadence, now=deps.clock())
    respond(**messages.text_message(texts.cadence_set(cadence)).as_kwargs())
    publish_home(client, deps, team_id=member.team_id, user_id=member.user_id)


def _list(body: dict[str, Any], client: WebClient, context: Any, respond: Respond) -> None:
    deps = deps_of(context)
    member = ensure_member(client, deps, identity_of(body, context))
    with session_scope(deps.sessions) as session:
        listed = entries.open_entries(session, member=session.merge(member))
    respond(**messages.list_message(listed).as_kwargs())


def _active_projects(session: Any, member_id: int | None) -> list[Project]:
    assert member_id is not None
    return list(
        repo.entries_of_member(session, model=Project, member_id=member_id, statuses=[ProjectStatus.ACTIVE])
    )


def _text(body: dict[str, Any]) -> str:
    text = body.get("text")
    return text if isinstance(text, str) else ""


def _subcommand(text: str) -> tuple[str, str]:
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].lower()[:40], parts[1].strip() if len(parts) > 1 else ""
