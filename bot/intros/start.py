"""Starting an intro: who may be introduced to whom, and the new intro's rows.

A pair is never introduced twice (one `intro_pairs` row per pair, unique, taken in the same transaction as
the intro), a decline keeps the pair apart for `DECLINE_MEMORY`, "not a fit" for good, and nobody may have
more than `max_pending` requests under way. Other features start intros through the intros service.
"""

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.intros import texts
from bot.intros.rules import DECLINE_MEMORY, OPEN, IntroRules
from bot.models import (
    Consent,
    Intro,
    IntroOrigin,
    IntroPair,
    IntroParticipant,
    IntroStatus,
    Member,
    MemberStatus,
)


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
        recent_decline = past.status == IntroStatus.DECLINED and now - past.updated_at < DECLINE_MEMORY
        if recent_decline or past.status == IntroStatus.NOT_A_FIT:
            raise NotAllowed(texts.INTRO_NOT_NOW)  # never say who declined, or that anyone did


def _check_pending(session: Session, member: Member, rules: IntroRules) -> None:
    pending = session.exec(
        select(Intro).where(Intro.requested_by_id == _id(member), col(Intro.status).in_(list(OPEN)))
    ).all()
    if len(pending) >= rules.max_pending:
        raise NotAllowed(texts.too_many_pending(rules.max_pending))


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


def _id(member: Member) -> int:
    assert member.id is not None
    return member.id
