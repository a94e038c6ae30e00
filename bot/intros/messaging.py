"""What the intros feature sends: the intro lifecycle on Slack (ask for consent, introduce, say how it
ended, follow up). Other features ask for consent through it (the digest's "Introduce us").

The intros service says what is due, as plain `IntroView`s; this module renders and sends them, then
reports what it sent (`intros.record`), which moves the intros on. Nothing here reads or writes the database
itself: each step opens one unit of work to read what is due and one to record what was sent, however
many intros there are.

Every message goes through `send_once` with its kind (`IntroRequest`, `Introduction`, `IntroEnded`,
`FollowUp`, `ConnectorOutcome`), one delivery per intro and step, so a retried job or a double click never
sends anything twice, and `may_contact` decides who may get each. A decline is silent: those who asked or
said yes hear "it didn't work out this time" when the request would have expired anyway — the same words,
at the same moment, as for no answer.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.db import SessionFactory, session_scope
from bot.intros import service as intros
from bot.intros import texts, views
from bot.intros.blocks import auto_paused_message, consent_message, follow_up_message, introduction_message
from bot.intros.rules import Answer, IntroRules
from bot.intros.views import AskQueue, Done, IntroView, Person
from bot.matching.engine import first_name
from bot.models import Consent, IntroStatus, Member, Outcome
from bot.quiet_hours import QuietHours
from bot.slack.blocks.common import escape
from bot.slack.blocks.messages import Message, text_message
from bot.slack.contact import (
    AutoPaused,
    ConnectorOutcome,
    FollowUp,
    Introduction,
    IntroEnded,
    IntroKind,
    IntroRequest,
)
from bot.slack.delivery import DM, send_once
from bot.slack.delivery_ledger import Outcome as Delivery
from bot.slack.pacing import Pacer

log = logging.getLogger(__name__)

DELIVERED = (Delivery.SENT, Delivery.ALREADY_SENT)
T = TypeVar("T")


@dataclass(frozen=True)
class Flow:
    client: WebClient
    sessions: SessionFactory
    rules: IntroRules
    quiet: QuietHours | None  # KINDRED_QUIET_HOURS: what must wait for a member's morning waits
    pacer: Pacer | None = None  # set by the intro job (many DMs at once); replies to a click are not paced

    @classmethod
    def of(
        cls, client: WebClient, sessions: SessionFactory, settings: Settings, pacer: Pacer | None = None
    ) -> "Flow":
        return cls(client, sessions, IntroRules.from_settings(settings), settings.quiet, pacer)


def ask(flow: Flow, intro_id: int, now: datetime) -> int:
    """DM the consent question to everyone who may be asked now (the rest stay queued). Returns how many."""
    return _ask(flow, _read(flow, intros.consent_queue, intro_id=intro_id, now=now, rules=flow.rules), now)


def ask_due(flow: Flow, team_id: str, now: datetime) -> int:
    """Ask the questions a team has queued (behind the weekly limit, or interrupted). Returns how many."""
    return _ask(flow, _read(flow, intros.consent_queue, team_id=team_id, now=now, rules=flow.rules), now)


def _ask(flow: Flow, queue: AskQueue, now: datetime) -> int:
    asked = 0
    with _recording(flow, now) as done:
        for view, ready in queue:
            asked += len(ready)
            for person in ready:
                other = view.other(person.member_id)
                message = consent_message(view.id, other.card, view.why_invitee)
                dm = DM(view.team_id, person.user_id, IntroRequest(view.id), message)
                outcome = send_once(
                    flow.client, flow.sessions, dm, now=now, quiet=flow.quiet, pacer=flow.pacer
                )
                if outcome in DELIVERED:
                    queue.asked(person)
                    done.append(views.Asked(view.id, person.participant_id, _sent(dm)))
                elif outcome == Delivery.FAILED:
                    done.append(views.Unreachable(view.id))
    return asked


def after_answer(flow: Flow, intro_id: int, answer: Answer, clicker: Member, now: datetime) -> None:
    """What follows a consent click: introduce, thank and wait, or (silently) let it go."""
    if answer == Answer.ACCEPTED:
        introduce(flow, intro_id, now)
        return
    if answer not in (Answer.WAITING, Answer.DECLINED):
        return
    view = _read(flow, intros.intro_view, intro_id=intro_id)
    other = view.other(clicker.id)
    note = (
        texts.consent_waiting(first_name(other.name)) if answer == Answer.WAITING else texts.CONSENT_DECLINED
    )
    _close_consent(flow, view, view.person(clicker.id), note=note)


def introduce(flow: Flow, intro_id: int, now: datetime) -> None:
    """Both said yes: open a group DM with both, post the introduction, close the consent buttons."""
    _introduce(flow, _read(flow, intros.introductions_due, intro_id=intro_id), now)


def introduce_due(flow: Flow, team_id: str, now: datetime) -> int:
    """Introduce the pairs whose introduction was interrupted (both said yes). Returns how many were due."""
    return _introduce(flow, _read(flow, intros.introductions_due, team_id=team_id), now)


def _introduce(flow: Flow, due: list[IntroView], now: datetime) -> int:
    with _recording(flow, now) as done:
        for view in due:
            a, b = view.people
            message = introduction_message(
                a.card,
                b.card,
                view.why_shared,
                connector_user_id=view.connector_user_id,
                asker_user_id=view.asker_user_id,
            )
            dm = DM.group(view.team_id, (a.user_id, b.user_id), Introduction(view.id), message)
            if (
                send_once(flow.client, flow.sessions, dm, now=now, quiet=flow.quiet, pacer=flow.pacer)
                not in DELIVERED
            ):
                continue
            done.append(views.IntroductionSent(view.id, _sent(dm)))
            for person, other in ((a, b), (b, a)):
                _close_consent(flow, view, person, note=texts.consent_introduced(first_name(other.name)))
    return len(due)


def tell_ended(flow: Flow, team_id: str, now: datetime) -> int:
    """Intros that ended without an introduction and whose moment has come: close the buttons still open and
    tell whoever asked or said yes that it didn't work out this time. Returns how many intros were told."""
    due = _read(flow, intros.endings_due, team_id=team_id, now=now)
    with _recording(flow, now) as done:
        for view in due:
            if _tell_one_ended(flow, view, now):
                done.append(views.EndingTold(view.id))
    return len(due)


def _tell_one_ended(flow: Flow, view: IntroView, now: datetime) -> bool:
    """False while someone's note waits for their morning (the ending stays due, nothing is sent twice)."""
    names = [escape(first_name(person.name)) for person in view.people]
    notes: list[tuple[str, str]] = []
    if view.connector_user_id is not None:
        notes.append((view.connector_user_id, texts.not_this_time_connector(*names)))
    for person in view.people:
        if person.consent != Consent.YES:
            continue  # whoever declined knows; whoever never answered is not written to again
        other = escape(first_name(view.other(person.member_id).name))
        text = texts.not_this_time_invited(other) if view.connector_user_id else texts.not_this_time(other)
        notes.append((person.user_id, text))
    closing = texts.CONSENT_EXPIRED if view.status == IntroStatus.EXPIRED else texts.CONSENT_ENDED
    for person in view.people:
        if person.consent == Consent.PENDING:
            _close_consent(flow, view, person, note=closing)
    sent = [
        _send_note(flow, view.team_id, user_id, IntroEnded(view.id), text_message(text), now)
        for user_id, text in notes
    ]
    return Delivery.WAITING not in sent


def send_follow_ups(flow: Flow, team_id: str, now: datetime) -> int:
    """ "How did it go?" to both, at the follow-up day, and once more at day 28 after a "not yet"."""
    due = _read(flow, intros.follow_ups, team_id=team_id, now=now)
    with _recording(flow, now) as done:
        for view in due:
            kind = FollowUp(view.id, view.follow_ups_sent + 1)
            second = view.follow_ups_sent >= 1
            sent = []
            for person in view.people:  # paused or left: `send_once` skips them
                other = view.other(person.member_id)
                message = follow_up_message(view.id, other.name, second=second)
                sent.append(_send_note(flow, view.team_id, person.user_id, kind, message, now))
            if Delivery.WAITING not in sent:  # one side's morning may come later: it stays due till then
                done.append(views.FollowUpSent(view.id))
    return len(due)


def tell_auto_paused(flow: Flow, team_id: str, now: datetime) -> int:
    """One friendly DM to each member Kindred paused for their silence: why, and a Resume button. Returns
    how many were due."""
    due = _read(flow, intros.auto_paused_untold, team_id=team_id, now=now)
    for paused in due:
        kind = AutoPaused(paused.last_unanswered)
        dm = DM(team_id, paused.user_id, kind, auto_paused_message(paused.last_unanswered))
        send_once(flow.client, flow.sessions, dm, now=now, quiet=flow.quiet, pacer=flow.pacer)
    return len(due)


def tell_connector(flow: Flow, intro_id: int, now: datetime) -> None:
    """A connector hears how their intro turned out, once it is known (met, or not a fit)."""
    _tell_connectors(flow, _read(flow, intros.connector_news_due, intro_id=intro_id), now)


def tell_connectors_due(flow: Flow, team_id: str, now: datetime) -> int:
    """Connectors not told yet how their intro turned out (a crash came between). Returns how many."""
    return _tell_connectors(flow, _read(flow, intros.connector_news_due, team_id=team_id), now)


def _tell_connectors(flow: Flow, due: list[IntroView], now: datetime) -> int:
    with _recording(flow, now) as done:
        for view in due:
            assert view.connector_user_id is not None
            a, b = (first_name(person.name) for person in view.people)
            message = text_message(texts.connector_outcome(a, b, met=view.status == IntroStatus.MET))
            kind = ConnectorOutcome(view.id)
            if _send_note(flow, view.team_id, view.connector_user_id, kind, message, now) != Delivery.WAITING:
                done.append(views.ConnectorTold(view.id))
    return len(due)


def outcome_note(outcome: Outcome, *, last: bool) -> str:
    if last and outcome == Outcome.NOT_YET:
        return texts.OUTCOME_THANKS_LAST
    return texts.OUTCOME_THANKS[outcome]


def _read(flow: Flow, find: Callable[..., T], **where: object) -> T:
    """What the intros service `find`s due, in a unit of work of its own."""
    with session_scope(flow.sessions) as session:
        return find(session, **where)


@contextmanager
def _recording(flow: Flow, now: datetime) -> Iterator[list[Done]]:
    """Collects what the block sent, and records it in one unit of work when the block ends — also when it
    fails part-way, so what was sent before the failure is not sent again (it would only be found sent)."""
    done: list[Done] = []
    try:
        yield done
    finally:
        if done:
            with session_scope(flow.sessions) as session:
                intros.record(session, done=done, now=now, rules=flow.rules)


def _close_consent(flow: Flow, view: IntroView, person: Person, *, note: str) -> None:
    """Replace a consent question's buttons with what happened, so old buttons cannot be clicked again."""
    if person.asked_in is None:
        return
    channel, ts = person.asked_in
    message = consent_message(view.id, view.other(person.member_id).card, view.why_invitee, note=note)
    try:
        flow.client.chat_update(channel=channel, ts=ts, **message.as_kwargs())
    except SlackApiError as error:  # the message may be gone; the state is already right
        log.info("could not update intro %s consent message: %s", view.id, error.response.get("error"))


def _send_note(
    flow: Flow, team_id: str, user_id: str, kind: IntroKind, message: Message, now: datetime
) -> Delivery | None:
    """How the note went; None when Slack refused it (logged: a note is not worth stopping a job for)."""
    dm = DM(team_id, user_id, kind, message)
    try:
        return send_once(flow.client, flow.sessions, dm, now=now, quiet=flow.quiet, pacer=flow.pacer)
    except SlackApiError as error:
        log.warning("could not send %s to %s: %s", dm.key, user_id, error.response.get("error"))
        return None


def _sent(dm: DM) -> views.Sent:
    return views.Sent(dm.team_id, dm.user_id, dm.key)
