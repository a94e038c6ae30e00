"""A member's own data: everything Kindred stores about them (`export`), and forgetting them (`forget`).

The export is the member's data, not other members': they see their own private needs, the suggestions they
received and their own answers, but never who was shown them, who said "not for me" about them, or that
someone declined an intro with them. A decline reads exactly like an expiry, as it does in Slack: "waiting"
until the request would have expired, then "did not work out".

Forgetting deletes everything about the member in one transaction (their deliveries found by whom they
were sent to, never by the shape of a key) and leaves a tombstone (`ForgottenUser`) so that nothing
re-creates or contacts them; only their own explicit return (a submitted offer, need or profile creates
their member row again) removes it. Functions take the session and `now` and never commit.
"""

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from pydantic_core import to_jsonable_python
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, func, select

from bot import repo
from bot.models import (
    Consent,
    Delivery,
    DigestRun,
    DigestSuggestion,
    ForgottenUser,
    Intro,
    IntroPair,
    IntroParticipant,
    IntroStatus,
    Member,
    Need,
    Offer,
    PairFeedback,
    Project,
    Reconnect,
)
from bot.privacy import texts
from bot.slack import contact

EXPORT_FORMAT = "kindred-personal-data"
EXPORT_VERSION = 1

S = IntroStatus
ENDED = frozenset({S.EXPIRED, S.CANCELLED})
MADE = frozenset({S.INTRODUCED, S.FOLLOWED_UP, S.MET, S.NOT_YET, S.NOT_A_FIT})


class SeenStatus(StrEnum):
    """An intro as one of its people may know it: never the other person's decline or outcome."""

    WAITING = "waiting"
    ACCEPTED = "accepted"  # both said yes; the introduction is on its way
    INTRODUCED = "introduced"
    DID_NOT_WORK_OUT = "did-not-work-out"  # expired, cancelled, or declined by someone else
    YOU_SAID_NOT_NOW = "you-said-not-now"


# --- the tombstone --------------------------------------------------------------------------------------


def is_forgotten(session: Session, *, team_id: str, user_id: str) -> bool:
    return repo.get_forgotten(session, team_id=team_id, user_id=user_id) is not None


def forgotten_at(session: Session, *, team_id: str, user_id: str) -> datetime | None:
    tombstone = repo.get_forgotten(session, team_id=team_id, user_id=user_id)
    return tombstone.forgotten_at if tombstone is not None else None


def stores_anything(session: Session, *, team_id: str, user_id: str) -> bool:
    """Whether Kindred stores anything about this person besides a tombstone."""
    member = repo.get_member(session, team_id=team_id, user_id=user_id)
    return member is not None or bool(repo.deliveries_of_user(session, team_id=team_id, user_id=user_id))


# --- export -----------------------------------------------------------------------------------------------


def export(session: Session, *, team_id: str, user_id: str, now: datetime) -> dict[str, Any] | None:
    """Everything Kindred stores about this person in this workspace, ready for `json.dumps`; None when it
    stores nothing (never heard of them, or forgotten: see `forgotten_at`)."""
    member = repo.get_member(session, team_id=team_id, user_id=user_id)
    deliveries = repo.deliveries_of_user(session, team_id=team_id, user_id=user_id)
    if member is None and not deliveries:
        return None
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _when(now),
        "team_id": team_id,
        "user_id": user_id,
        "note": texts.EXPORT_NOTE,
        "member": None,
        "offers": [],
        "needs": [],
        "projects": [],
        "suggestions_received": [],
        "times_suggested_to_others": 0,
        "not_for_me": [],
        "intros": [],
        "intros_you_made": [],
        "reconnects": None,
        "deliveries": [_delivery(row) for row in deliveries],
    }
    if member is not None:
        member_id = _id(member)
        document |= {
            "member": member.model_dump(mode="json"),
            "offers": _rows(session, Offer, member_id),
            "needs": _rows(session, Need, member_id),
            "projects": _rows(session, Project, member_id),
            "suggestions_received": _suggestions_received(session, member_id),
            "times_suggested_to_others": _times_suggested(session, member_id),
            "not_for_me": _not_for_me(session, member_id),
            "intros": _intros(session, member_id, now),
            "intros_you_made": _intros_made(session, member_id, now),
            "reconnects": {"nudges_on": member.reconnects_on, "people": _reconnects(session, member_id)},
        }
    return document


def _rows(session: Session, model: type[Offer] | type[Need] | type[Project], member_id: int) -> list[Any]:
    found = repo.entries_of_member(session, model=model, member_id=member_id)  # type: ignore[type-var]
    return [row.model_dump(mode="json") for row in found]


def _suggestions_received(session: Session, member_id: int) -> list[dict[str, Any]]:
    rows = session.exec(
        select(DigestSuggestion, DigestRun.period, Member.user_id)
        .join(DigestRun, col(DigestRun.id) == col(DigestSuggestion.run_id))
        .join(Member, col(Member.id) == col(DigestSuggestion.other_id))
        .where(DigestSuggestion.recipient_id == member_id)
        .order_by(col(DigestSuggestion.created_at), col(DigestSuggestion.position), col(DigestSuggestion.id))
    ).all()
    return [
        {
            "period": period,
            "user_id": other_user_id,
            "kind": suggestion.kind,
            "reason": suggestion.reason,
            "status": suggestion.status,
            "suggested_at": _when(suggestion.created_at),
            "acted_at": _when(suggestion.acted_at),
        }
        for suggestion, period, other_user_id in rows
    ]


def _times_suggested(session: Session, member_id: int) -> int:
    """In how many digests this member was suggested: a number only, never to whom."""
    query = select(func.count()).select_from(DigestSuggestion).where(DigestSuggestion.other_id == member_id)
    return int(session.exec(query).one())


def _not_for_me(session: Session, member_id: int) -> list[dict[str, Any]]:
    """What this member said about others; what others said about them stays theirs."""
    rows = session.exec(
        select(PairFeedback, Member.user_id)
        .join(Member, col(Member.id) == col(PairFeedback.other_id))
        .where(PairFeedback.member_id == member_id)
        .order_by(col(PairFeedback.created_at), col(PairFeedback.id))
    ).all()
    return [
        {"user_id": other_user_id, "kind": feedback.kind, "said_at": _when(feedback.created_at)}
        for feedback, other_user_id in rows
    ]


def _intros(session: Session, member_id: int, now: datetime) -> list[dict[str, Any]]:
    """The intros this member was one of the two people in, with their own consent and outcome."""
    mine = session.exec(
        select(IntroParticipant, Intro)
        .join(Intro, col(Intro.id) == col(IntroParticipant.intro_id))
        .where(IntroParticipant.member_id == member_id)
        .order_by(col(Intro.created_at), col(Intro.id))
    ).all()
    found = []
    for participant, intro in mine:
        other = session.exec(
            select(Member.user_id)
            .join(IntroParticipant, col(IntroParticipant.member_id) == col(Member.id))
            .where(IntroParticipant.intro_id == intro.id, IntroParticipant.member_id != member_id)
        ).first()
        connector = session.get(Member, intro.connector_id) if intro.connector_id else None
        status = seen_status(intro, participant.consent, now)
        found.append(
            {
                "user_id": other,
                "origin": intro.origin,
                "status": status,
                "introduced_by": connector.user_id if connector else None,
                "why": intro.reason,
                "you_asked": intro.requested_by_id == member_id,
                "requested_at": _when(intro.created_at),
                "your_consent": participant.consent,
                "you_were_asked_at": _when(participant.asked_at),
                "you_answered_at": _when(participant.answered_at),
                "expires_at": _when(intro.expires_at),
                "introduced_at": _when(intro.introduced_at),
                "ended_at": _ended_at(intro) if status == SeenStatus.DID_NOT_WORK_OUT else None,
                "your_outcome": participant.outcome,
                "your_outcome_at": _when(participant.outcome_at),
            }
        )
    return found


def _intros_made(session: Session, member_id: int, now: datetime) -> list[dict[str, Any]]:
    """Intros this member made as a connector (`/intro`): who, why, and what a connector is told."""
    made = session.exec(
        select(Intro).where(Intro.connector_id == member_id).order_by(col(Intro.created_at), col(Intro.id))
    ).all()
    found = []
    for intro in made:
        people = session.exec(
            select(Member.user_id)
            .join(IntroParticipant, col(IntroParticipant.member_id) == col(Member.id))
            .where(IntroParticipant.intro_id == intro.id)
            .order_by(col(IntroParticipant.id))
        ).all()
        status = seen_status(intro, None, now)
        told = intro.connector_told_at is not None and intro.status in (S.MET, S.NOT_A_FIT)
        found.append(
            {
                "user_ids": list(people),
                "why": intro.reason,
                "status": status,
                "requested_at": _when(intro.created_at),
                "introduced_at": _when(intro.introduced_at),
                "ended_at": _ended_at(intro) if status == SeenStatus.DID_NOT_WORK_OUT else None,
                "outcome": intro.status if told else None,
            }
        )
    return found


def _reconnects(session: Session, member_id: int) -> list[dict[str, Any]]:
    """This member's own side of each intro that ended in "We met": their star, their answer and when
    Kindred means to remind them. The other person's side (say, their "Not for me") stays theirs."""
    rows = session.exec(
        select(Reconnect, Member.user_id)
        .join(Member, col(Member.id) == col(Reconnect.other_id))
        .where(Reconnect.member_id == member_id)
        .order_by(col(Reconnect.created_at), col(Reconnect.id))
    ).all()
    return [
        {
            "user_id": other_user_id,
            "met_at": _when(row.created_at),
            "state": row.state,
            "starred": row.starred,
            "next_nudge_at": _when(row.due_at),
            "nudges_sent": row.nudges_sent,
            "last_nudge_at": _when(row.last_sent_at),
            "you_answered_at": _when(row.answered_at),
        }
        for row, other_user_id in rows
    ]


def seen_status(intro: Intro, own_consent: Consent | None, now: datetime) -> SeenStatus:
    """The intro's status as someone who did not decline it may know it: a decline by the other person
    stays "waiting" until the request would have expired, then reads "did not work out", like an expiry."""
    if own_consent == Consent.NO:
        return SeenStatus.YOU_SAID_NOT_NOW
    if intro.status in ENDED:
        return SeenStatus.DID_NOT_WORK_OUT
    if intro.status == S.DECLINED:
        due = intro.ended_told_at is not None or (intro.expires_at is not None and intro.expires_at <= now)
        return SeenStatus.DID_NOT_WORK_OUT if due else SeenStatus.WAITING
    if intro.status == S.ACCEPTED:
        return SeenStatus.ACCEPTED
    if intro.status in MADE:
        return SeenStatus.INTRODUCED
    return SeenStatus.WAITING


def _ended_at(intro: Intro) -> str | None:
    """When the member learned it ended: the same moment for a decline as for an expiry."""
    return _when(intro.ended_told_at or intro.expires_at)


def _delivery(row: Delivery) -> dict[str, Any]:
    return {
        "key": row.key,
        "status": row.status,
        "error": row.error,
        "first_tried_at": _when(row.claimed_at),
        "sent_at": _when(row.sent_at),
    }


# --- forget ------------------------------------------------------------------------------------------------


def forget(session: Session, *, team_id: str, user_id: str, now: datetime) -> dict[str, int]:
    """Delete everything about this person in this workspace and record the tombstone. Returns how many
    rows of each kind went; a second call finds nothing more to delete and keeps the first tombstone.

    Their deliveries are found by whom they went to: their DMs and the group DMs they were in. Intros they
    took part in are deleted whole (an intro with one person left means nothing), with their pair rows and
    every delivery about those intros, to whoever was in them or made them. Intros they made as a connector
    between two others go on without them: the credit is removed, and because every intro must name a
    member who asked for it, it passes to one of the two people."""
    deleted: dict[str, int] = {}
    member = repo.get_member(session, team_id=team_id, user_id=user_id)
    if member is not None:
        deleted |= _delete_member(session, team_id, _id(member))
    addressed = [row.id for row in repo.deliveries_of_user(session, team_id=team_id, user_id=user_id)]
    deleted["deliveries"] = deleted.get("deliveries", 0) + _delete(
        session, delete(Delivery).where(col(Delivery.id).in_(addressed))
    )
    _record_tombstone(session, team_id=team_id, user_id=user_id, now=now)
    return deleted


def _delete_member(session: Session, team_id: str, member_id: int) -> dict[str, int]:
    """The member row and every row that points at it, children first."""
    intro_ids = sorted(
        set(session.exec(select(IntroParticipant.intro_id).where(IntroParticipant.member_id == member_id)))
    )
    _hand_over_connector_intros(session, member_id, exclude=intro_ids)
    about_intros = _deliveries_about_intros(session, team_id, intro_ids)
    theirs = {
        # messages about intros that no longer exist, to anyone (the ids may come back on SQLite)
        "deliveries": delete(Delivery).where(col(Delivery.id).in_(about_intros)) if about_intros else None,
        "intro_pairs": delete(IntroPair).where(
            sa.or_(
                col(IntroPair.intro_id).in_(intro_ids),
                col(IntroPair.low_id) == member_id,
                col(IntroPair.high_id) == member_id,
            )
        ),
        "intro_participants": delete(IntroParticipant).where(col(IntroParticipant.intro_id).in_(intro_ids)),
        "intros": delete(Intro).where(col(Intro.id).in_(intro_ids)),
        "suggestions": delete(DigestSuggestion).where(
            sa.or_(
                col(DigestSuggestion.recipient_id) == member_id,
                col(DigestSuggestion.other_id) == member_id,
            )
        ),
        "pair_feedback": delete(PairFeedback).where(
            sa.or_(col(PairFeedback.member_id) == member_id, col(PairFeedback.other_id) == member_id)
        ),
        "offers": delete(Offer).where(col(Offer.member_id) == member_id),
        "needs": delete(Need).where(col(Need.member_id) == member_id),
        "projects": delete(Project).where(col(Project.member_id) == member_id),
        "members": delete(Member).where(col(Member.id) == member_id),
    }
    return {name: _delete(session, statement) for name, statement in theirs.items() if statement is not None}


def _deliveries_about_intros(session: Session, team_id: str, intro_ids: Sequence[int]) -> list[int]:
    """Deliveries about these intros: found among those of everyone who was in one or made one, and told
    apart from their other messages by the kind each key was built from."""
    in_them = select(IntroParticipant.member_id).where(col(IntroParticipant.intro_id).in_(intro_ids))
    made_them = select(Intro.connector_id).where(col(Intro.id).in_(intro_ids))
    people = session.exec(
        select(Member.user_id).where(
            Member.team_id == team_id, sa.or_(col(Member.id).in_(in_them), col(Member.id).in_(made_them))
        )
    ).all()
    found = {
        row.id
        for user_id in set(people)
        for row in repo.deliveries_of_user(session, team_id=team_id, user_id=user_id)
        if _about(row, intro_ids)
    }
    return sorted(row_id for row_id in found if row_id is not None)


def _about(row: Delivery, intro_ids: Sequence[int]) -> bool:
    kind = contact.kind_of_key(row.key)
    return kind is not None and contact.intro_of(kind) in intro_ids


def _hand_over_connector_intros(session: Session, member_id: int, *, exclude: Sequence[int]) -> None:
    made = session.exec(
        select(Intro).where(
            sa.or_(col(Intro.connector_id) == member_id, col(Intro.requested_by_id) == member_id),
            col(Intro.id).not_in(exclude),
        )
    ).all()
    for intro in made:
        if intro.connector_id == member_id:
            intro.connector_id = None
        if intro.requested_by_id == member_id:
            first = session.exec(
                select(IntroParticipant.member_id)
                .where(IntroParticipant.intro_id == intro.id)
                .order_by(col(IntroParticipant.id))
            ).first()
            assert first is not None
            intro.requested_by_id = first
        session.add(intro)
    session.flush()


def _record_tombstone(session: Session, *, team_id: str, user_id: str, now: datetime) -> None:
    if is_forgotten(session, team_id=team_id, user_id=user_id):
        return
    try:
        with session.begin_nested():
            session.add(ForgottenUser(team_id=team_id, user_id=user_id, forgotten_at=now))
    except IntegrityError:
        pass  # a second click at the same moment recorded it first


def _delete(session: Session, statement: Any) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]


def _when(moment: datetime | None) -> str | None:
    """The same ISO 8601 form as the rows dumped by pydantic (`2026-11-23T09:00:00Z`)."""
    return None if moment is None else str(to_jsonable_python(moment))


def _id(member: Member) -> int:
    assert member.id is not None
    return member.id
