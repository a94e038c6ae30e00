"""Intros: nobody is introduced unless both said yes, and every intro is followed up.

The lifecycle is a persisted state machine (`TRANSITIONS`); anything else is refused:

    requested → awaiting-consent → accepted → introduced → followed-up → met | not-yet | not-a-fit
         ↘ declined | expired | cancelled (before an introduction)

A request from the digest or from /need-help carries the asker's yes; a connector's intro asks both.
A decline is silent: the others learn only that it did not work out this time. A pair is never introduced
twice (one `intro_pairs` row per pair, unique), and declined or "not a fit" pairs are not asked again.
Functions take the session and `now` and never commit; they return what happened so the Slack edge can
tell the right people.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot import texts
from bot.config import Settings
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.models import (
    Consent,
    Intro,
    IntroOrigin,
    IntroPair,
    IntroParticipant,
    IntroStatus,
    Member,
    MemberStatus,
    Outcome,
)

S = IntroStatus
TRANSITIONS: dict[IntroStatus, frozenset[IntroStatus]] = {
    S.REQUESTED: frozenset({S.AWAITING_CONSENT, S.DECLINED, S.EXPIRED, S.CANCELLED}),
    S.AWAITING_CONSENT: frozenset({S.ACCEPTED, S.DECLINED, S.EXPIRED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.INTRODUCED, S.CANCELLED}),
    S.INTRODUCED: frozenset({S.FOLLOWED_UP}),
    S.FOLLOWED_UP: frozenset({S.MET, S.NOT_YET, S.NOT_A_FIT}),
    S.NOT_YET: frozenset({S.MET, S.NOT_A_FIT}),
    S.MET: frozenset({S.NOT_A_FIT}),
    S.NOT_A_FIT: frozenset(),
    S.DECLINED: frozenset(),
    S.EXPIRED: frozenset(),
    S.CANCELLED: frozenset(),
}
OPEN = frozenset({S.REQUESTED, S.AWAITING_CONSENT})
ENDED_WITHOUT_INTRO = frozenset({S.DECLINED, S.EXPIRED, S.CANCELLED})
OUTCOME_STATUS = {Outcome.MET: S.MET, Outcome.NOT_YET: S.NOT_YET, Outcome.NOT_A_FIT: S.NOT_A_FIT}
DECLINE_MEMORY = timedelta(days=180)
QUEUE_LIMIT = timedelta(days=14)  # a request that could not be asked for two weeks is let go
SECOND_NUDGE_AFTER = timedelta(days=28)


@dataclass(frozen=True)
class IntroRules:
    expiry: timedelta = timedelta(days=7)
    follow_up_after: timedelta = timedelta(days=14)
    max_pending: int = 3  # open requests one member may have started
    max_new_per_week: int = 2  # new intro questions one member is asked in seven days

    @classmethod
    def from_settings(cls, settings: Settings) -> "IntroRules":
        return cls(
            expiry=timedelta(days=settings.intro_expiry_days),
            follow_up_after=timedelta(days=settings.follow_up_days),
            max_pending=settings.max_pending_intros,
            max_new_per_week=settings.max_intro_requests_per_week,
        )


class Answer(StrEnum):
    WAITING = "waiting"  # this person said yes; the other has not answered yet
    ACCEPTED = "accepted"  # both said yes: introduce them now
    DECLINED = "declined"  # this person said no: let the others know, gently
    UNCHANGED = "unchanged"  # a second click, a late click: nothing changed


def change_status(intro: Intro, status: IntroStatus, now: datetime) -> None:
    if status not in TRANSITIONS[intro.status]:
        raise NotAllowed(texts.intro_cannot_change(intro.status))
    intro.status, intro.updated_at = status, now


# --- starting an intro ---------------------------------------------------------------------------


def request(
    session: Session,
    *,
    asker: Member,
    other: Member,
    origin: IntroOrigin,
    now: datetime,
    rules: IntroRules,
    need_id: int | None = None,
    offer_id: int | None = None,
    suggestion_id: int | None = None,
) -> Intro:
    """The asker would like to meet `other` (the asker's yes is the request itself)."""
    _check_pair(session, asker, other, now)
    _check_pending(session, asker, rules)
    intro = Intro(
        team_id=asker.team_id,
        origin=origin,
        requested_by_id=_id(asker),
        need_id=need_id,
        offer_id=offer_id,
        suggestion_id=suggestion_id,
        created_at=now,
        updated_at=now,
    )
    _create(session, intro, [(asker, Consent.YES), (other, Consent.PENDING)], now)
    return intro


def connect(
    session: Session,
    *,
    connector: Member,
    a: Member,
    b: Member,
    reason: str,
    now: datetime,
    rules: IntroRules,
) -> Intro:
    """A connector thinks `a` and `b` should meet; both are asked."""
    if _id(connector) in (_id(a), _id(b)):
        raise InvalidInput(texts.INTRO_NOT_YOURSELF)
    _check_pair(session, a, b, now)
    _check_pending(session, connector, rules)
    intro = Intro(
        team_id=connector.team_id,
        origin=IntroOrigin.CONNECTOR,
        requested_by_id=_id(connector),
        connector_id=_id(connector),
        reason=reason.strip(),
        created_at=now,
        updated_at=now,
    )
    _create(session, intro, [(a, Consent.PENDING), (b, Consent.PENDING)], now)
    return intro


def _create(session: Session, intro: Intro, people: list[tuple[Member, Consent]], now: datetime) -> None:
    low, high = sorted(_id(member) for member, _ in people)
    try:
        with session.begin_nested():
            session.add(intro)
            session.flush()
            assert intro.id is not None
            session.add(IntroPair(team_id=intro.team_id, low_id=low, high_id=high, intro_id=intro.id))
            for member, consent in people:
                answered = now if consent == Consent.YES else None
                session.add(
                    IntroParticipant(
                        intro_id=intro.id, member_id=_id(member), consent=consent, answered_at=answered
                    )
                )
            session.flush()
    except IntegrityError:  # the same pair was requested at the same moment by someone else
        raise NotAllowed(texts.INTRO_UNDER_WAY) from None


def _check_pair(session: Session, a: Member, b: Member, now: datetime) -> None:
    if _id(a) == _id(b):
        raise InvalidInput(texts.INTRO_NOT_YOURSELF)
    for member in (a, b):
        if member.team_id != a.team_id:
            raise NotFound(texts.intro_unavailable(member.name))
        if member.status == MemberStatus.LEFT:
            raise NotFound(texts.intro_left(member.name))
        if member.status == MemberStatus.PAUSED:
            raise NotAllowed(texts.intro_unavailable(member.name))
    low, high = sorted((_id(a), _id(b)))
    existing = session.exec(
        select(IntroPair).where(
            IntroPair.team_id == a.team_id, IntroPair.low_id == low, IntroPair.high_id == high
        )
    ).first()
    if existing is not None:
        intro = session.get(Intro, existing.intro_id)
        introduced = intro is not None and intro.introduced_at is not None
        raise NotAllowed(texts.INTRO_ALREADY_MADE if introduced else texts.INTRO_UNDER_WAY)
    for past in pair_history(session, team_id=a.team_id, a=_id(a), b=_id(b)):
        recent_decline = past.status == S.DECLINED and now - past.updated_at < DECLINE_MEMORY
        if recent_decline or past.status == S.NOT_A_FIT:
            raise NotAllowed(texts.INTRO_NOT_NOW)  # never say who declined, or that anyone did


def _check_pending(session: Session, member: Member, rules: IntroRules) -> None:
    pending = session.exec(
        select(Intro).where(Intro.requested_by_id == _id(member), col(Intro.status).in_(list(OPEN)))
    ).all()
    if len(pending) >= rules.max_pending:
        raise NotAllowed(texts.too_many_pending(rules.max_pending))


# --- asking for consent ----------------------------------------------------------------------------


def to_ask(session: Session, *, intro: Intro, now: datetime, rules: IntroRules) -> list[IntroParticipant]:
    """Who may be asked now: pending, not asked yet, and not asked about too many intros this week."""
    if intro.status not in OPEN:
        return []
    week_ago = now - timedelta(days=7)
    ready = []
    for participant in participants(session, intro):
        if participant.consent != Consent.PENDING or participant.asked_at is not None:
            continue
        asked_lately = session.exec(
            select(IntroParticipant).where(
                IntroParticipant.member_id == participant.member_id,
                col(IntroParticipant.asked_at) >= week_ago,
            )
        ).all()
        if len(asked_lately) < rules.max_new_per_week:
            ready.append(participant)
    return ready


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
        intro.expires_at = now + rules.expiry
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
        free_pair(session, intro)
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
    """Requests nobody answered in time (or that could not be asked for two weeks) are let go."""
    found = session.exec(
        select(Intro).where(Intro.team_id == team_id, col(Intro.status).in_(list(OPEN)))
    ).all()
    expired = []
    for intro in found:
        overdue = intro.expires_at is not None and intro.expires_at <= now
        stuck = intro.status == S.REQUESTED and now - intro.created_at >= QUEUE_LIMIT
        if overdue or stuck:
            change_status(intro, S.EXPIRED, now)
            free_pair(session, intro)
            session.add(intro)
            expired.append(intro)
    return expired


# --- following up ------------------------------------------------------------------------------------


def follow_ups_due(session: Session, *, team_id: str, now: datetime) -> list[Intro]:
    """Intros whose "How did it go?" is due: the first at the follow-up day, one more nudge at day 28 after a
    "not yet"."""
    query = select(Intro).where(
        Intro.team_id == team_id,
        col(Intro.status).in_([S.INTRODUCED, S.NOT_YET]),
        col(Intro.next_follow_up_at) <= now,
    )
    return list(session.exec(query.order_by(col(Intro.id))).all())


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


# --- lookups -----------------------------------------------------------------------------------------


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
    query = select(IntroParticipant).where(IntroParticipant.intro_id == intro.id)
    return list(session.exec(query.order_by(col(IntroParticipant.id))).all())


def pair_history(session: Session, *, team_id: str, a: int, b: int) -> list[Intro]:
    """Every intro these two have been part of (both as participants)."""
    mine = {p.intro_id for p in session.exec(select(IntroParticipant).where(IntroParticipant.member_id == a))}
    theirs = {
        p.intro_id for p in session.exec(select(IntroParticipant).where(IntroParticipant.member_id == b))
    }
    shared = sorted(mine & theirs)
    if not shared:
        return []
    return list(session.exec(select(Intro).where(Intro.team_id == team_id, col(Intro.id).in_(shared))).all())


def free_pair(session: Session, intro: Intro) -> None:
    """An intro that ended without an introduction frees the pair (the decline memory still applies)."""
    pair = session.exec(select(IntroPair).where(IntroPair.intro_id == intro.id)).first()
    if pair is not None:
        session.delete(pair)


def _id(member: Member) -> int:
    assert member.id is not None
    return member.id
