"""The intro lifecycle on Slack: ask for consent, introduce, say how it ended, follow up.

Every message goes through `send_once` with its kind (`IntroRequest`, `Introduction`, `IntroEnded`,
`FollowUp`, `ConnectorOutcome`), one delivery per intro and step, so a retried job or a double click never
sends anything twice, and `may_contact` decides who may get each. A decline is silent: those who asked or
said yes hear "it didn't work out this time" when the request would have expired anyway — the same words,
at the same moment, as for no answer.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session, col, select

from bot import repo, texts
from bot.db import SessionFactory, session_scope
from bot.intros import service as intros
from bot.intros.blocks import consent_message, follow_up_message, introduction_message
from bot.intros.cards import person_card, shared_why, why_for_invitee
from bot.intros.service import Answer, IntroRules
from bot.matching.engine import first_name
from bot.models import Consent, Intro, IntroParticipant, IntroStatus, Member, Outcome
from bot.slack.blocks.common import escape
from bot.slack.blocks.messages import Message, text_message
from bot.slack.contact import (
    ConnectorOutcome,
    FollowUp,
    Introduction,
    IntroEnded,
    IntroKind,
    IntroRequest,
)
from bot.slack.delivery import DM, send_once
from bot.slack.delivery_ledger import Outcome as Sent
from bot.slack.pacing import Pacer

log = logging.getLogger(__name__)

ENDED = (IntroStatus.DECLINED, IntroStatus.EXPIRED, IntroStatus.CANCELLED)


@dataclass(frozen=True)
class Flow:
    client: WebClient
    sessions: SessionFactory
    rules: IntroRules
    pacer: Pacer | None = None  # set by the intro job (many DMs at once); replies to a click are not paced


def ask(flow: Flow, intro_id: int, now: datetime) -> int:
    """DM the consent question to everyone who may be asked now (the rest stay queued). Returns how many."""
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        waiting = [
            (p.id, _member(session, p.member_id))
            for p in intros.to_ask(session, intro=intro, now=now, rules=flow.rules)
        ]
        why = why_for_invitee(session, intro)
        questions = [
            (
                participant_id,
                member.user_id,
                consent_message(intro_id, person_card(session, other_person(session, intro, member)), why),
            )
            for participant_id, member in waiting
        ]
    for participant_id, user_id, message in questions:
        dm = DM(intro.team_id, user_id, IntroRequest(intro_id), message)
        outcome = send_once(flow.client, flow.sessions, dm, now=now, pacer=flow.pacer)
        with session_scope(flow.sessions) as session:
            intro, participant = _intro(session, intro_id), session.get(IntroParticipant, participant_id)
            assert participant is not None
            if outcome in (Sent.SENT, Sent.ALREADY_SENT):
                row = repo.get_delivery(session, team_id=intro.team_id, user_id=user_id, key=dm.key)
                assert row is not None
                assert row.channel_id
                assert row.message_ts
                intros.mark_asked(
                    session,
                    intro=intro,
                    participant=participant,
                    channel=row.channel_id,
                    ts=row.message_ts,
                    now=now,
                    rules=flow.rules,
                )
            elif outcome == Sent.FAILED and intro.status in intros.OPEN:
                intros.change_status(intro, IntroStatus.CANCELLED, now)  # they cannot be reached any more
                intros.free_pair(session, intro)
                session.add(intro)
    return len(questions)


def after_answer(flow: Flow, intro_id: int, answer: Answer, clicker: Member, now: datetime) -> None:
    """What follows a consent click: introduce, thank and wait, or (silently) let it go."""
    if answer == Answer.ACCEPTED:
        introduce(flow, intro_id, now)
        return
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        other = other_person(session, intro, clicker)
        note = (
            texts.consent_waiting(first_name(other.name))
            if answer == Answer.WAITING
            else texts.CONSENT_DECLINED
        )
    if answer in (Answer.WAITING, Answer.DECLINED):
        _close_consent(flow, intro_id, only=clicker.id, note=note)


def introduce(flow: Flow, intro_id: int, now: datetime) -> None:
    """Both said yes: open a group DM with both, post the introduction, close the consent buttons."""
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        if intro.status != IntroStatus.ACCEPTED:
            return
        a, b = (_member(session, p.member_id) for p in intros.participants(session, intro))
        connector = session.get(Member, intro.connector_id) if intro.connector_id else None
        asker = None if connector else session.get(Member, intro.requested_by_id)
        message = introduction_message(
            person_card(session, a),
            person_card(session, b),
            shared_why(session, intro, a, b),
            connector_user_id=connector.user_id if connector else None,
            asker_user_id=asker.user_id if asker else None,
        )
    dm = DM.group(intro.team_id, (a.user_id, b.user_id), Introduction(intro_id), message)
    if send_once(flow.client, flow.sessions, dm, now=now, pacer=flow.pacer) not in (
        Sent.SENT,
        Sent.ALREADY_SENT,
    ):
        return
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        row = repo.get_delivery(session, team_id=intro.team_id, user_id=dm.user_id, key=dm.key)
        assert row is not None
        assert row.channel_id
        assert row.message_ts
        intros.introduced(
            session, intro=intro, channel=row.channel_id, ts=row.message_ts, now=now, rules=flow.rules
        )
    notes = {x.id: texts.consent_introduced(first_name(y.name)) for x, y in ((a, b), (b, a))}
    for member_id, note in notes.items():
        _close_consent(flow, intro_id, only=member_id, note=note)


def tell_ended(flow: Flow, team_id: str, now: datetime) -> int:
    """Intros that ended without an introduction and whose moment has come: close the buttons still open and
    tell whoever asked or said yes that it didn't work out this time. Returns how many intros were told."""
    with session_scope(flow.sessions) as session:
        due = session.exec(
            select(Intro).where(
                Intro.team_id == team_id, col(Intro.status).in_(ENDED), col(Intro.ended_told_at).is_(None)
            )
        ).all()
        ids = [
            i.id
            for i in due
            if i.status != IntroStatus.DECLINED or (i.expires_at is not None and i.expires_at <= now)
        ]
    for intro_id in ids:
        assert intro_id is not None
        _tell_one_ended(flow, intro_id, now)
    return len(ids)


def _tell_one_ended(flow: Flow, intro_id: int, now: datetime) -> None:
    notes: list[tuple[str, str]] = []
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        people = [(p, _member(session, p.member_id)) for p in intros.participants(session, intro)]
        names = [escape(first_name(member.name)) for _, member in people]
        connector = session.get(Member, intro.connector_id) if intro.connector_id else None
        if connector is not None:
            notes.append((connector.user_id, texts.not_this_time_connector(*names)))
        for participant, member in people:
            if participant.consent != Consent.YES:
                continue  # whoever declined knows; whoever never answered is not written to again
            other = next(m for p, m in people if p.id != participant.id)
            text = (
                texts.not_this_time_invited(escape(first_name(other.name)))
                if connector
                else texts.not_this_time(escape(first_name(other.name)))
            )
            notes.append((member.user_id, text))
        closing = texts.CONSENT_EXPIRED if intro.status == IntroStatus.EXPIRED else texts.CONSENT_ENDED
        pending = [member.id for participant, member in people if participant.consent == Consent.PENDING]
    for member_id in pending:
        _close_consent(flow, intro_id, only=member_id, note=closing)
    for user_id, text in notes:
        _send_note(flow, intro.team_id, user_id, IntroEnded(intro_id), text_message(text), now)
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        intro.ended_told_at = now
        session.add(intro)


def send_follow_ups(flow: Flow, team_id: str, now: datetime) -> int:
    """ "How did it go?" to both, at the follow-up day, and once more at day 28 after a "not yet"."""
    with session_scope(flow.sessions) as session:
        due = [intro.id for intro in intros.follow_ups_due(session, team_id=team_id, now=now)]
    for intro_id in due:
        assert intro_id is not None
        with session_scope(flow.sessions) as session:
            intro = _intro(session, intro_id)
            second = intro.follow_ups_sent >= 1
            people = [_member(session, p.member_id) for p in intros.participants(session, intro)]
            questions = [
                (member.user_id, follow_up_message(intro_id, _other_of(people, member).name, second=second))
                for member in people
            ]
            kind = FollowUp(intro_id, intro.follow_ups_sent + 1)
        for user_id, message in questions:  # paused or left: `send_once` skips them
            _send_note(flow, team_id, user_id, kind, message, now)
        with session_scope(flow.sessions) as session:
            intros.followed_up(session, intro=_intro(session, intro_id), now=now)
    return len(due)


def tell_connector(flow: Flow, intro_id: int, now: datetime) -> None:
    """A connector hears how their intro turned out, once it is known (met, or not a fit)."""
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        if intro.connector_id is None or intro.connector_told_at is not None:
            return
        if intro.status not in (IntroStatus.MET, IntroStatus.NOT_A_FIT):
            return
        connector = _member(session, intro.connector_id)
        a, b = (first_name(_member(session, p.member_id).name) for p in intros.participants(session, intro))
        message = text_message(texts.connector_outcome(a, b, met=intro.status == IntroStatus.MET))
    _send_note(flow, intro.team_id, connector.user_id, ConnectorOutcome(intro_id), message, now)
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        intro.connector_told_at = now
        session.add(intro)


def outcome_note(outcome: Outcome, *, last: bool) -> str:
    if last and outcome == Outcome.NOT_YET:
        return texts.OUTCOME_THANKS_LAST
    return texts.OUTCOME_THANKS[outcome]


def _close_consent(flow: Flow, intro_id: int, *, only: int | None, note: str) -> None:
    """Replace a consent question's buttons with what happened, so old buttons cannot be clicked again."""
    with session_scope(flow.sessions) as session:
        intro = _intro(session, intro_id)
        why = why_for_invitee(session, intro)
        updates = []
        for participant in intros.participants(session, intro):
            if participant.member_id != only or not participant.consent_channel or not participant.consent_ts:
                continue
            other = other_person(session, intro, _member(session, participant.member_id))
            message = consent_message(intro_id, person_card(session, other), why, note=note)
            updates.append((participant.consent_channel, participant.consent_ts, message))
    for channel, ts, message in updates:
        try:
            flow.client.chat_update(channel=channel, ts=ts, **message.as_kwargs())
        except SlackApiError as error:  # the message may be gone; the state is already right
            log.info("could not update intro %s consent message: %s", intro_id, error.response.get("error"))


def _send_note(
    flow: Flow, team_id: str, user_id: str, kind: IntroKind, message: Message, now: datetime
) -> None:
    dm = DM(team_id, user_id, kind, message)
    try:
        send_once(flow.client, flow.sessions, dm, now=now, pacer=flow.pacer)
    except SlackApiError as error:
        log.warning("could not send %s to %s: %s", dm.key, user_id, error.response.get("error"))


def _intro(session: Session, intro_id: int) -> Intro:
    intro = session.get(Intro, intro_id)
    assert intro is not None
    return intro


def _member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    assert member is not None
    return member


def other_person(session: Session, intro: Intro, member: Member) -> Member:
    """The other of the intro's two people."""
    people = [_member(session, p.member_id) for p in intros.participants(session, intro)]
    return _other_of(people, member)


def _other_of(people: list[Member], member: Member) -> Member:
    return next(person for person in people if person.id != member.id)
