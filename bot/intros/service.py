"""Intros: nobody is introduced unless both said yes, and every intro is followed up.

The lifecycle is a persisted state machine (`rules.TRANSITIONS`); anything else is refused:

    requested → awaiting-consent → accepted → introduced → followed-up → met | not-yet | not-a-fit
         ↘ declined | expired | cancelled (before an introduction)

A request from the digest or from /need-help carries the asker's yes; a connector's intro asks both (who
may be introduced, and the new intro's rows: `start.py`). A decline is silent: the others learn only that it
did not work out this time. Every move from one status to the next is made here, and so is every question
of what is due (consent questions to ask, requests to let go, endings to tell, introductions, follow-ups,
connector news): for a whole team in a fixed number of queries, handed to `messaging` as plain views.
`messaging` sends, then reports what it sent (`record`). Functions take the session and `now`, never commit.
"""

from collections import Counter
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot import repo
from bot.errors import NotAllowed, NotFound
from bot.intros import texts, views
from bot.intros.quiet import auto_paused, auto_paused_untold, pause_quiet
from bot.intros.rules import (
    DECLINE_MEMORY,
    ENDED_WITHOUT_INTRO,
    OPEN,
    OUTCOME_KNOWN,
    QUEUE_LIMIT,
    SECOND_NUDGE_AFTER,
    TRANSITIONS,
    Answer,
    IntroRules,
)
from bot.intros.start import connect, request
from bot.intros.views import (
    Asked,
    AskQueue,
    ConnectorTold,
    Done,
    EndingTold,
    FollowUpSent,
    IntroductionSent,
    IntroView,
    Sent,
    Unreachable,
)
from bot.models import Consent, Intro, IntroPair, IntroParticipant, IntroStatus, Member, Outcome

# Other features use the intros feature through this module only: it names for them what it takes from
# rules.py and start.py (everything defined here is public too).
__all__ = [
    "DECLINE_MEMORY",
    "Answer",
    "IntroRules",
    "auto_paused",
    "auto_paused_untold",
    "connect",
    "pause_quiet",
    "request",
]

S = IntroStatus


def change_status(intro: Intro, status: IntroStatus, now: datetime) -> None:
    if status not in TRANSITIONS[intro.status]:
        raise NotAllowed(texts.intro_cannot_change(intro.status))
    intro.status, intro.updated_at = status, now


# --- asking for consent ----------------------------------------------------------------------------


def to_ask(session: Session, *, intro: Intro, now: datetime, rules: IntroRules) -> list[IntroParticipant]:
    """Who may be asked now: pending, not asked yet, and not asked about too many intros this week."""
    if intro.status not in OPEN:
        return []
    waiting = [p for p in participants(session, intro) if p.consent == Consent.PENDING and p.asked_at is None]
    asked = _asked_lately(session, member_ids=[p.member_id for p in waiting], now=now)
    return [p for p in waiting if asked[p.member_id] < rules.max_new_per_week]


def consent_queue(
    session: Session,
    *,
    team_id: str | None = None,
    intro_id: int | None = None,
    now: datetime,
    rules: IntroRules,
) -> AskQueue:
    """The open intros (of a team, or just one) with someone not asked yet, as `to_ask` sees each."""
    waiting = (
        select(IntroParticipant.intro_id)
        .where(IntroParticipant.consent == Consent.PENDING, col(IntroParticipant.asked_at).is_(None))
        .scalar_subquery()
    )
    found = _due(
        session, col(Intro.status).in_(OPEN), col(Intro.id).in_(waiting), team_id=team_id, intro_id=intro_id
    )
    queue = [
        (view, [p for p in view.people if p.consent == Consent.PENDING and not p.asked])
        for view in _views(session, found)
    ]
    member_ids = [person.member_id for _, ready in queue for person in ready]
    return AskQueue(queue, _asked_lately(session, member_ids=member_ids, now=now), rules.max_new_per_week)


def _asked_lately(session: Session, *, member_ids: Collection[int], now: datetime) -> Counter[int]:
    """How many intro questions each member was asked in the last seven days."""
    if not member_ids:
        return Counter()
    query = (
        select(IntroParticipant.member_id, func.count())
        .where(col(IntroParticipant.member_id).in_(member_ids))
        .where(col(IntroParticipant.asked_at) >= now - timedelta(days=7))
        .group_by(col(IntroParticipant.member_id))
    )
    return Counter(dict(session.exec(query).all()))


def mark_asked(
    session: Session,
    *,
    intro: Intro,
    participant: IntroParticipant,
    channel: str,
    ts: str,
    now: datetime,
    rules: IntroRules,
) -> None:
    participant.asked_at, participant.consent_channel, participant.consent_ts = now, channel, ts
    session.add(participant)
    if intro.status == S.REQUESTED:
        change_status(intro, S.AWAITING_CONSENT, now)
    intro.expires_at = now + rules.expiry  # whoever is asked last still gets the whole time to answer
    session.add(intro)


def answer(
    session: Session, *, member: Member, intro_id: int, yes: bool, now: datetime
) -> tuple[Intro, Answer]:
    """A consent button: yes, or not now. A second click, a late one, or someone else's changes nothing."""
    intro = own_intro(session, member=member, intro_id=intro_id)
    participant = participant_of(session, intro, member)
    wanted = Consent.YES if yes else Consent.NO
    if participant.consent == wanted or intro.status not in OPEN or participant.consent != Consent.PENDING:
        return intro, Answer.UNCHANGED
    participant.consent, participant.answered_at = wanted, now
    session.add(participant)
    if not yes:
        change_status(intro, S.DECLINED, now)
        _free_pairs(session, [intro])
        session.add(intro)
        return intro, Answer.DECLINED
    if all(p.consent == Consent.YES for p in participants(session, intro)):
        change_status(intro, S.ACCEPTED, now)
        session.add(intro)
        return intro, Answer.ACCEPTED
    return intro, Answer.WAITING


def introduced(
    session: Session, *, intro: Intro, channel: str, ts: str, now: datetime, rules: IntroRules
) -> None:
    change_status(intro, S.INTRODUCED, now)
    intro.introduced_at, intro.channel_id, intro.message_ts = now, channel, ts
    intro.next_follow_up_at = now + rules.follow_up_after
    session.add(intro)


def expire_due(session: Session, *, team_id: str, now: datetime) -> list[Intro]:
    """Requests nobody answered in time (or that could not be asked for two weeks) are let go. The time to
    answer runs from the last of the two questions: one still queued (behind the weekly limit, a pause or
    quiet hours) keeps the intro open, up to two weeks."""
    expired = []
    found = _due(session, col(Intro.status).in_(OPEN), team_id=team_id)
    people = participants_by_intro(session, intro_ids=[_id(intro) for intro in found])
    for intro in found:
        waiting = any(p.consent == Consent.PENDING and p.asked_at is None for p in people[_id(intro)])
        overdue = not waiting and intro.expires_at is not None and intro.expires_at <= now
        stuck = waiting and now - intro.created_at >= QUEUE_LIMIT
        if overdue or stuck:
            change_status(intro, S.EXPIRED, now)
            session.add(intro)
            expired.append(intro)
    _free_pairs(session, expired)
    return expired


def endings_due(session: Session, *, team_id: str, now: datetime) -> list[IntroView]:
    """Intros that ended without an introduction whose people were not told yet: at once, except after a
    decline, which is told when the request would have expired anyway (so it reads like no answer)."""
    found = _due(
        session,
        col(Intro.status).in_(ENDED_WITHOUT_INTRO),
        col(Intro.ended_told_at).is_(None),
        team_id=team_id,
    )
    return _views(
        session,
        [i for i in found if i.status != S.DECLINED or (i.expires_at is not None and i.expires_at <= now)],
    )


def introductions_due(
    session: Session, *, team_id: str | None = None, intro_id: int | None = None
) -> list[IntroView]:
    """Intros both said yes to and not introduced yet (of a team, or just one)."""
    found = _due(session, col(Intro.status) == S.ACCEPTED, team_id=team_id, intro_id=intro_id)
    return _views(session, found)


# --- following up ------------------------------------------------------------------------------------


def follow_ups_due(session: Session, *, team_id: str, now: datetime) -> list[Intro]:
    """Intros whose "How did it go?" is due: the first at the follow-up day, one more nudge at day 28 after a
    "not yet"."""
    return _due(
        session,
        col(Intro.status).in_([S.INTRODUCED, S.NOT_YET]),
        col(Intro.next_follow_up_at) <= now,
        team_id=team_id,
    )


def follow_ups(session: Session, *, team_id: str, now: datetime) -> list[IntroView]:
    return _views(session, follow_ups_due(session, team_id=team_id, now=now))


def connector_news_due(
    session: Session, *, team_id: str | None = None, intro_id: int | None = None
) -> list[IntroView]:
    """Connectors' intros whose outcome is known (met, or not a fit) and not told to the connector yet."""
    found = _due(
        session,
        col(Intro.status).in_(OUTCOME_KNOWN),
        col(Intro.connector_id).is_not(None),
        col(Intro.connector_told_at).is_(None),
        team_id=team_id,
        intro_id=intro_id,
    )
    return _views(session, found)


def followed_up(session: Session, *, intro: Intro, now: datetime) -> None:
    intro.follow_ups_sent += 1
    intro.next_follow_up_at = None
    if intro.status == S.INTRODUCED:
        change_status(intro, S.FOLLOWED_UP, now)
    else:
        intro.updated_at = now
    session.add(intro)


def record_outcome(
    session: Session, *, member: Member, intro_id: int, outcome: Outcome, now: datetime
) -> tuple[Intro, bool]:
    """A follow-up button. Returns (intro, whether its outcome just became known: met or not a fit)."""
    intro = own_intro(session, member=member, intro_id=intro_id)
    if intro.follow_ups_sent == 0:
        raise NotAllowed(texts.intro_cannot_change(intro.status))
    participant = participant_of(session, intro, member)
    before = intro.status
    if participant.outcome != outcome:
        participant.outcome, participant.outcome_at = outcome, now
        session.add(participant)
    answers = {p.outcome for p in participants(session, intro) if p.outcome is not None}
    status = S.NOT_A_FIT if Outcome.NOT_A_FIT in answers else S.MET if Outcome.MET in answers else S.NOT_YET
    if status != intro.status and status in TRANSITIONS[intro.status]:
        change_status(intro, status, now)
    if intro.status == S.NOT_YET and intro.follow_ups_sent == 1 and intro.introduced_at is not None:
        intro.next_follow_up_at = intro.introduced_at + SECOND_NUDGE_AFTER
    session.add(intro)
    known = intro.status in (S.MET, S.NOT_A_FIT) and before not in (S.MET, S.NOT_A_FIT)
    return intro, known


# --- what messaging sent -------------------------------------------------------------------------------


def record(session: Session, *, done: Sequence[Done], now: datetime, rules: IntroRules) -> None:
    """Move each intro on by what `messaging` sent, in order, from the intros' current state: three queries
    however many (an intro deleted meanwhile, by forget-me, has nothing left to record)."""
    found = {_id(intro): intro for intro in _due(session, col(Intro.id).in_({d.intro_id for d in done}))}
    asked = participants_by_intro(session, intro_ids={d.intro_id for d in done if isinstance(d, Asked)})
    people = {_id(p): p for each in asked.values() for p in each}
    where = _where_sent(session, [d.sent for d in done if isinstance(d, Asked | IntroductionSent)])
    for item in done:
        intro = found.get(item.intro_id)
        if intro is None:
            continue
        match item:
            case Asked(participant_id=participant_id, sent=sent) if participant_id in people:
                channel, ts = where[sent]
                asked_one = people[participant_id]
                mark_asked(
                    session, intro=intro, participant=asked_one, channel=channel, ts=ts, now=now, rules=rules
                )
            case Unreachable() if intro.status in OPEN:  # they cannot be reached any more
                change_status(intro, S.CANCELLED, now)
                _free_pairs(session, [intro])
            case IntroductionSent(sent=sent):
                channel, ts = where[sent]
                introduced(session, intro=intro, channel=channel, ts=ts, now=now, rules=rules)
            case EndingTold():
                intro.ended_told_at = now
            case FollowUpSent():
                followed_up(session, intro=intro, now=now)
            case ConnectorTold():
                intro.connector_told_at = now
        session.add(intro)


def _where_sent(session: Session, sent: Sequence[Sent]) -> dict[Sent, tuple[str, str]]:
    """(channel, ts) of each delivered message, from its delivery row: a query per team."""
    where = {}
    for team_id in {message.team_id for message in sent}:
        ours = [message for message in sent if message.team_id == team_id]
        rows = repo.deliveries_by_key(session, team_id=team_id, keys={message.key for message in ours})
        for message in ours:
            row = rows.get((message.user_id, message.key))
            assert row is not None
            assert row.channel_id
            assert row.message_ts
            where[message] = (row.channel_id, row.message_ts)
    return where


# --- lookups -----------------------------------------------------------------------------------------


def intro_view(session: Session, *, intro_id: int) -> IntroView:
    [view] = _views(session, _due(session, col(Intro.id) == intro_id))
    return view


def own_intro(session: Session, *, member: Member, intro_id: int) -> Intro:
    """The intro, if `member` is one of its two people; anyone else is refused and learns nothing."""
    intro = session.get(Intro, intro_id)
    if intro is None or intro.team_id != member.team_id:
        raise NotFound(texts.INTRO_GONE)
    participant_of(session, intro, member)
    return intro


def participant_of(session: Session, intro: Intro, member: Member) -> IntroParticipant:
    for participant in participants(session, intro):
        if participant.member_id == member.id:
            return participant
    raise NotAllowed(texts.NOT_YOUR_INTRO)


def participants(session: Session, intro: Intro) -> list[IntroParticipant]:
    return participants_by_intro(session, intro_ids=[_id(intro)])[_id(intro)]


def participants_by_intro(
    session: Session, *, intro_ids: Collection[int]
) -> dict[int, list[IntroParticipant]]:
    """Each intro's two people, in the order they joined: one query for any number of intros."""
    found: dict[int, list[IntroParticipant]] = {intro_id: [] for intro_id in intro_ids}
    if found:
        query = select(IntroParticipant).where(col(IntroParticipant.intro_id).in_(found))
        for participant in session.exec(query.order_by(col(IntroParticipant.id))):
            found[participant.intro_id].append(participant)
    return found


def other_person(session: Session, *, intro: Intro, member: Member) -> Member:
    """The other of the intro's two people."""
    other = next(p for p in participants(session, intro) if p.member_id != member.id)
    person = session.get(Member, other.member_id)
    assert person is not None
    return person


def unchanged_note(session: Session, *, intro: Intro, member: Member) -> str:
    """Why a consent click changed nothing, told to whoever clicked."""
    participant = participant_of(session, intro, member)
    if participant.consent == Consent.YES:
        return texts.ALREADY_SAID_YES
    if participant.consent == Consent.NO:
        return texts.ALREADY_SAID_NO
    return texts.intro_cannot_change(intro.status)


def _free_pairs(session: Session, ended: Collection[Intro]) -> None:
    """Intros that ended without an introduction free their pairs (the decline memory still applies)."""
    if ended:
        session.exec(sa.delete(IntroPair).where(col(IntroPair.intro_id).in_([_id(i) for i in ended])))


def _due(
    session: Session, *where: sa.ColumnElement[bool], team_id: str | None = None, intro_id: int | None = None
) -> list[Intro]:
    query: SelectOfScalar[Intro] = select(Intro).where(*where)
    if team_id is not None:
        query = query.where(Intro.team_id == team_id)
    if intro_id is not None:
        query = query.where(Intro.id == intro_id)
    return list(session.exec(query.order_by(col(Intro.id))).all())


def _views(session: Session, found: Sequence[Intro]) -> list[IntroView]:
    """What the messages about these intros show, in a fixed number of queries however many."""
    if not found:
        return []
    people = participants_by_intro(session, intro_ids=[_id(intro) for intro in found])
    return views.load(session, found=found, people=people)


def _id(row: Member | Intro | IntroParticipant) -> int:
    assert row.id is not None
    return row.id
