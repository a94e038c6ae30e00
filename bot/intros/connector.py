"""/intro @a @b why: a member (the connector) introduces two others. Both are asked first; the connector is
credited in the introduction and hears how it went. Without text, or with something missing, a modal opens."""

import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import members
from bot import texts as shared_texts
from bot.errors import DomainError, InvalidInput
from bot.intros import messaging as intro_flow
from bot.intros import service as intros
from bot.intros import texts
from bot.intros.blocks import intro_modal
from bot.intros.service import IntroRules
from bot.members import Identity
from bot.models import Member
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting, Work
from bot.slack.blocks.common import escape
from bot.slack.blocks.messages import text_message
from bot.slack.errors import guard
from bot.slack.forms import ModalContext, inline_error, read_values
from bot.slack.surfaces import introducible, open_modal, tell

# `<@U123>` or `<@U123|name>`. Slack escapes "<" and ">" in names, so a name stops at either: text full of
# unfinished mentions is then scanned in linear time, not quadratic (10,000 characters: 0.1 ms, not 67).
MENTION = re.compile(r"<@([UW][A-Z0-9]{2,30})(?:\|[^<>]*)?>")
REASON_MAX = 500


def register(app: App) -> None:
    app.command(ids.INTRO_COMMAND, middleware=AT_ONCE)(guard(intro_command))
    app.view(ids.INTRO_MODAL)(guard(intro_submitted))


def intro_command(
    ack: Ack, body: dict[str, Any], client: WebClient, context: Any, respond: Respond, acting: Acting
) -> None:
    ack()
    raw = body.get("text")
    text = raw if isinstance(raw, str) else ""
    written = MENTION.findall(text)
    mentioned = list(dict.fromkeys(written))
    reason = " ".join(MENTION.sub(" ", text).split())
    problem = texts.INTRO_NEEDS_TWO if len(mentioned) > 2 else None
    if len(written) == 2 and len(mentioned) == 1:
        problem = texts.INTRO_SAME_PERSON
    if problem:
        respond(response_type="ephemeral", **text_message(problem).as_kwargs())
        return
    if len(mentioned) < 2 or not reason or len(reason) > REASON_MAX:  # ask again, keeping what was given
        first, second = ([*mentioned, None, None])[:2]
        modal = intro_modal(
            first=first,
            second=second,
            reason=reason[:REASON_MAX],
            context=ModalContext(response_url=body.get("response_url")),
        )
        open_modal(client, context, body["trigger_id"], modal)
        return
    confirmation = _connect(acting, mentioned[0], mentioned[1], reason)
    respond(response_type="ephemeral", **text_message(confirmation).as_kwargs())


def intro_submitted(ack: Ack, view: dict[str, Any], client: WebClient, acting: Acting) -> None:
    values = read_values(view.get("state"))
    first, second = values.get(ids.INTRO_FIRST), values.get(ids.INTRO_SECOND)
    reason = " ".join(str(values.get(ids.INTRO_REASON) or "").split())
    errors: dict[str, str] = {}
    if not isinstance(first, str) or not first:
        errors[ids.INTRO_FIRST] = "Pick the first person."
    if not isinstance(second, str) or not second:
        errors[ids.INTRO_SECOND] = "Pick the second person."
    elif second == first:
        errors[ids.INTRO_SECOND] = texts.INTRO_SAME_PERSON
    if not reason:
        errors[ids.INTRO_REASON] = "Say in a sentence why they should meet: it's what they'll read."
    elif len(reason) > REASON_MAX:
        errors[ids.INTRO_REASON] = f"too long: at most {REASON_MAX} characters (this has {len(reason)})"
    if errors:
        ack(response_action="errors", errors=errors)
        return
    assert isinstance(first, str)
    assert isinstance(second, str)
    try:
        confirmation = _connect(acting, first, second, reason)
    except DomainError as error:
        ack(response_action="errors", errors={ids.INTRO_FIRST: inline_error(error.message)})
        return
    ack()
    modal_context = ModalContext.load(view.get("private_metadata"))
    tell(
        client,
        text_message(confirmation),
        user_id=acting.who.user_id,
        response_url=modal_context.response_url,
    )


def _connect(acting: Acting, first: str, second: str, reason: str) -> str:
    """Record the connector's intro, ask both people, and return the connector's confirmation."""
    if first == second:
        raise InvalidInput(texts.INTRO_SAME_PERSON)
    people = [
        introducible(acting.client, team_id=acting.who.team_id, user_id=user_id)
        for user_id in (first, second)
    ]
    deps = acting.deps
    rules = IntroRules.from_settings(deps.settings)
    with acting.work() as work:
        a, b = (_introducible_member(work, who) for who in people)
        intro = intros.connect(
            work.session,
            connector=work.member,
            a=a,
            b=b,
            reason=reason,
            now=work.now,
            rules=rules,
        )
        intro_id, names = intro.id, (escape(a.name), escape(b.name))
    assert intro_id is not None
    intro_flow.ask(intro_flow.Flow.of(acting.client, deps.sessions, deps.settings), intro_id, deps.clock())
    return texts.connector_confirmation(*names)


def _introducible_member(work: Work, who: Identity) -> Member:
    member = members.member_unless_forgotten(work.session, who=who, now=work.now)
    if member is None:  # they asked Kindred to forget them: nobody else may bring them back
        raise InvalidInput(shared_texts.intro_not_introducible(f"<@{who.user_id}>"))
    return member
