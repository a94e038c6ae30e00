"""Intro buttons: consent (yes / not now), follow-up outcomes, and "Ask for an intro" after /need-help.

A click twice, late, or by the wrong person changes nothing and gets a polite, private answer.
"""

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import texts
from bot.db import session_scope
from bot.errors import NotFound
from bot.intros import messaging as intro_flow
from bot.intros import service as intros
from bot.intros.blocks import follow_up_message
from bot.intros.rules import Answer, IntroRules
from bot.matches import service as matches
from bot.matches.blocks import need_confirmation
from bot.models import IntroOrigin, Member, Need, NeedStatus, Offer, OfferStatus, Outcome
from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting
from bot.slack.errors import guard
from bot.slack.forms import id_value
from bot.slack.surfaces import note_privately, update_clicked

OUTCOMES = {
    ids.OUTCOME_MET: Outcome.MET,
    ids.OUTCOME_NOT_YET: Outcome.NOT_YET,
    ids.OUTCOME_NOT_A_FIT: Outcome.NOT_A_FIT,
}


def register(app: App) -> None:
    app.action(ids.CONSENT_YES, middleware=AT_ONCE)(guard(consent))
    app.action(ids.CONSENT_NO, middleware=AT_ONCE)(guard(consent))
    for action_id in OUTCOMES:
        app.action(action_id, middleware=AT_ONCE)(guard(outcome))
    app.action(ids.NEED_INTRO, middleware=AT_ONCE)(guard(ask_from_need))


def consent(ack: Ack, action: dict[str, Any], respond: Respond, acting: Acting) -> None:
    ack()
    intro_id = id_value(action.get("value"))
    yes = action["action_id"] == ids.CONSENT_YES
    with acting.work() as work:
        member = work.member
        intro, answer = intros.answer(work.session, member=member, intro_id=intro_id, yes=yes, now=work.now)
        unchanged = answer == Answer.UNCHANGED
        unchanged_note = (
            intros.unchanged_note(work.session, intro=intro, member=member) if unchanged else None
        )
    if unchanged_note is not None:
        note_privately(respond, unchanged_note)
        return
    intro_flow.after_answer(_flow(acting), intro_id, answer, member, acting.deps.clock())


def outcome(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, acting: Acting
) -> None:
    ack()
    intro_id = id_value(action.get("value"))
    chosen = OUTCOMES[action["action_id"]]
    with acting.work() as work:
        intro, known = intros.record_outcome(
            work.session, member=work.member, intro_id=intro_id, outcome=chosen, now=work.now
        )
        other = intros.other_person(work.session, intro=intro, member=work.member)
        last = intro.follow_ups_sent >= 2
    note = intro_flow.outcome_note(chosen, last=last)
    update_clicked(client, body, follow_up_message(intro_id, other.name, second=last, note=note))
    if known:
        intro_flow.tell_connector(_flow(acting), intro_id, acting.deps.clock())


def ask_from_need(ack: Ack, action: dict[str, Any], respond: Respond, acting: Acting) -> None:
    ack()
    deps = acting.deps
    need_text, _, offer_text = str(action.get("value") or "").partition(":")
    need_id, offer_id = id_value(need_text), id_value(offer_text)
    with acting.work() as work:
        session, asker = work.session, work.member
        need, offer = session.get(Need, need_id), session.get(Offer, offer_id)
        if need is None or need.member_id != asker.id or need.status != NeedStatus.OPEN:
            raise NotFound(texts.STALE_BUTTON)
        if offer is None or offer.status != OfferStatus.ACTIVE or offer.team_id != asker.team_id:
            raise NotFound(texts.STALE_BUTTON)
        helper = session.get(Member, offer.member_id)
        assert helper is not None
        intro = intros.request(
            session,
            asker=asker,
            other=helper,
            origin=IntroOrigin.NEED,
            now=work.now,
            rules=IntroRules.from_settings(deps.settings),
            need_id=need_id,
            offer_id=offer_id,
        )
        intro_id = intro.id
    assert intro_id is not None
    intro_flow.ask(_flow(acting), intro_id, deps.clock())
    with session_scope(deps.sessions) as session:
        need = session.get(Need, need_id)
        assert need is not None
        helpers = matches.need_helpers(
            session, need=need, now=deps.clock(), embedding_model=deps.settings.embedding_model
        )
    updated = need_confirmation(need, helpers, created=True)
    respond(replace_original=True, **updated.as_kwargs())


def _flow(acting: Acting) -> intro_flow.Flow:
    return intro_flow.Flow.of(acting.client, acting.deps.sessions, acting.deps.settings)
