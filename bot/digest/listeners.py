"""The digest's buttons: "Introduce us" records the request; "Not for me" drops the pair, silently.

Either way the digest message is rebuilt from what is stored and updated in place, so the buttons of a
suggestion that was acted on disappear, and a second click (or a click on an old copy) changes nothing.
"""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import repo
from bot.digest import suggestions
from bot.digest.render import render_digest
from bot.intros import messaging as intro_flow
from bot.intros.service import IntroRules
from bot.models import DigestSuggestion
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting, Work
from bot.slack.blocks.messages import Message
from bot.slack.errors import guard
from bot.slack.forms import id_value
from bot.slack.surfaces import update_clicked


def register(app: App) -> None:
    app.action(ids.DIGEST_INTRO, middleware=AT_ONCE)(guard(introduce_us))
    app.action(ids.DIGEST_NOT_FOR_ME, middleware=AT_ONCE)(guard(not_for_me))


def introduce_us(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, acting: Acting
) -> None:
    ack()
    suggestion_id, rules = id_value(action.get("value")), IntroRules.from_settings(acting.deps.settings)
    with acting.work() as work:
        suggestion, intro = suggestions.request_intro(
            work.session, member=work.member, suggestion_id=suggestion_id, now=work.now, rules=rules
        )
        message = _digest_now(work, suggestion)
    update_clicked(client, body, message)
    if intro is not None and intro.id is not None:
        flow = intro_flow.Flow.of(client, acting.deps.sessions, acting.deps.settings)
        intro_flow.ask(flow, intro.id, acting.deps.clock())


def not_for_me(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, acting: Acting
) -> None:
    ack()
    suggestion_id = id_value(action.get("value"))
    with acting.work() as work:
        suggestion = suggestions.dismiss(
            work.session, member=work.member, suggestion_id=suggestion_id, now=work.now
        )
        message = _digest_now(work, suggestion)
    update_clicked(client, body, message)


def _digest_now(work: Work, suggestion: DigestSuggestion) -> Message | None:
    siblings = repo.suggestions_for(
        work.session, run_id=suggestion.run_id, recipient_id=suggestion.recipient_id
    )
    return render_digest(work.session, work.member, siblings)
