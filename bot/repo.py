"""Queries. Keyword-only, take the session, never commit: the caller owns the transaction."""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bot.models import (
    Delivery,
    DeliveryStatus,
    DigestRun,
    DigestSuggestion,
    ForgottenUser,
    Intro,
    IntroParticipant,
    Member,
    Need,
    Offer,
    PairFeedback,
    Project,
)

Entry = Offer | Need | Project
EntryT = TypeVar("EntryT", Offer, Need, Project)


def get_member(session: Session, *, team_id: str, user_id: str) -> Member | None:
    return session.exec(select(Member).where(Member.team_id == team_id, Member.user_id == user_id)).first()


def members_of_team(session: Session, *, team_id: str) -> Sequence[Member]:
    return session.exec(select(Member).where(Member.team_id == team_id).order_by(col(Member.user_id))).all()


def team_ids(session: Session) -> Sequence[str]:
    return session.exec(select(Member.team_id).distinct().order_by(col(Member.team_id))).all()


def get_entry(session: Session, *, model: type[EntryT], entry_id: int) -> EntryT | None:
    return session.get(model, entry_id)


def entries_of_member(
    session: Session, *, model: type[EntryT], member_id: int, statuses: Sequence[str] | None = None
) -> Sequence[EntryT]:
    query = select(model).where(model.member_id == member_id)
    if statuses is not None:
        query = query.where(col(model.status).in_(statuses))
    return session.exec(query.order_by(col(model.created_at), col(model.id))).all()


def entries_of_members(
    session: Session, *, model: type[EntryT], member_ids: Collection[int], statuses: Sequence[str]
) -> dict[int, list[EntryT]]:
    """Each member's entries in these statuses, ordered as `entries_of_member` orders them: one query."""
    if not member_ids:
        return {}
    query = select(model).where(col(model.member_id).in_(member_ids), col(model.status).in_(statuses))
    grouped: dict[int, list[EntryT]] = {}
    for entry in session.exec(query.order_by(col(model.created_at), col(model.id))):
        grouped.setdefault(entry.member_id, []).append(entry)
    return grouped


def entries_by_id(session: Session, *, model: type[EntryT], ids: Collection[int]) -> dict[int, EntryT]:
    if not ids:
        return {}
    return {
        entry.id: entry for entry in session.exec(select(model).where(col(model.id).in_(ids))) if entry.id
    }


def count_entries(session: Session, *, model: type[Entry], member_id: int, statuses: Sequence[str]) -> int:
    query = (
        select(func.count())
        .select_from(model)
        .where(model.member_id == member_id, col(model.status).in_(statuses))
    )
    return int(session.exec(query).one())


def get_delivery(session: Session, *, team_id: str, user_id: str, key: str) -> Delivery | None:
    query = select(Delivery).where(
        Delivery.team_id == team_id, Delivery.user_id == user_id, Delivery.key == key
    )
    return session.exec(query).first()


def deliveries_by_key(
    session: Session, *, team_id: str, keys: Collection[str]
) -> dict[tuple[str, str], Delivery]:
    """The team's deliveries with these keys, by (user id, key): one query."""
    if not keys:
        return {}
    query = select(Delivery).where(Delivery.team_id == team_id, col(Delivery.key).in_(keys))
    return {(row.user_id, row.key): row for row in session.exec(query)}


def deliveries_of_user(session: Session, *, team_id: str, user_id: str) -> Sequence[Delivery]:
    """Every delivery addressed to this person: their DMs, and the group DMs they were in (`U1,U2`)."""
    query = select(Delivery).where(
        Delivery.team_id == team_id,
        sa.or_(
            col(Delivery.user_id) == user_id,
            col(Delivery.user_id).startswith(f"{user_id},"),
            col(Delivery.user_id).endswith(f",{user_id}"),
            col(Delivery.user_id).contains(f",{user_id},"),
        ),
    )
    return session.exec(query.order_by(col(Delivery.claimed_at), col(Delivery.id))).all()


def get_forgotten(session: Session, *, team_id: str, user_id: str) -> ForgottenUser | None:
    query = select(ForgottenUser).where(ForgottenUser.team_id == team_id, ForgottenUser.user_id == user_id)
    return session.exec(query).first()


def forgotten_user_ids(session: Session, *, team_id: str) -> set[str]:
    query = select(ForgottenUser.user_id).where(ForgottenUser.team_id == team_id)
    return set(session.exec(query).all())


def remove_forgotten(session: Session, *, team_id: str, user_id: str) -> None:
    query = sa.delete(ForgottenUser).where(
        col(ForgottenUser.team_id) == team_id, col(ForgottenUser.user_id) == user_id
    )
    session.execute(query)


def take_over_delivery(session: Session, *, delivery_id: int, stale_since: datetime, now: datetime) -> bool:
    """Move a stale claim to this sender; False when another sender moved it first (compare-and-set)."""
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, col(Delivery.claimed_at) == stale_since)
        .values(claimed_at=now, attempts=Delivery.attempts + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def entries_of_team(
    session: Session, *, model: type[EntryT], team_id: str, statuses: Sequence[str]
) -> Sequence[EntryT]:
    query = select(model).where(model.team_id == team_id, col(model.status).in_(statuses))
    return session.exec(query.order_by(col(model.id))).all()


def last_sent(session: Session, *, team_id: str, key_prefix: str) -> dict[str, datetime]:
    """user id → when the latest delivery whose key starts with `key_prefix` was sent."""
    query = (
        select(Delivery.user_id, func.max(Delivery.sent_at))
        .where(
            Delivery.team_id == team_id,
            col(Delivery.key).startswith(key_prefix),
            Delivery.status == DeliveryStatus.SENT,
        )
        .group_by(col(Delivery.user_id))
    )
    return {user_id: sent_at for user_id, sent_at in session.exec(query).all() if sent_at is not None}


def sent_to(session: Session, *, team_id: str, key: str) -> set[str]:
    """user ids that already have the delivery `key` (sent, or failed for good)."""
    query = select(Delivery.user_id).where(
        Delivery.team_id == team_id,
        Delivery.key == key,
        col(Delivery.status).in_([DeliveryStatus.SENT, DeliveryStatus.FAILED]),
    )
    return set(session.exec(query).all())


def suggestions_since(session: Session, *, team_id: str, since: datetime) -> Sequence[DigestSuggestion]:
    query = select(DigestSuggestion).where(
        DigestSuggestion.team_id == team_id, col(DigestSuggestion.created_at) >= since
    )
    return session.exec(query).all()


def get_run(session: Session, *, team_id: str, period: str) -> DigestRun | None:
    return session.exec(
        select(DigestRun).where(DigestRun.team_id == team_id, DigestRun.period == period)
    ).first()


def suggestions_of_run(session: Session, *, run_id: int) -> Sequence[DigestSuggestion]:
    query = select(DigestSuggestion).where(DigestSuggestion.run_id == run_id)
    return session.exec(
        query.order_by(col(DigestSuggestion.recipient_id), col(DigestSuggestion.position))
    ).all()


def intros_of_team(session: Session, *, team_id: str) -> Sequence[Intro]:
    return session.exec(select(Intro).where(Intro.team_id == team_id)).all()


def feedback_of_team(session: Session, *, team_id: str) -> Sequence[PairFeedback]:
    return session.exec(select(PairFeedback).where(PairFeedback.team_id == team_id)).all()


def members_by_id(session: Session, *, ids: Sequence[int]) -> dict[int, Member]:
    if not ids:
        return {}
    return {
        member.id: member
        for member in session.exec(select(Member).where(col(Member.id).in_(ids))).all()
        if member.id
    }


def suggestions_for(session: Session, *, run_id: int, recipient_id: int) -> Sequence[DigestSuggestion]:
    query = select(DigestSuggestion).where(
        DigestSuggestion.run_id == run_id, DigestSuggestion.recipient_id == recipient_id
    )
    return session.exec(query.order_by(col(DigestSuggestion.position))).all()


def rows_of_team(
    session: Session,
    *,
    model: type[Member] | type[Entry],
    team_id: str,
    columns: Sequence[str | None],
    statuses: Sequence[str] | None = None,
) -> list[tuple[Any, ...]]:
    """Just these columns of a team's rows, as tuples: much faster than whole objects for bulk reads (a
    column named None reads as None, not read at all)."""
    table = model.__table__  # type: ignore[union-attr]
    selected = (table.c[name] if name is not None else sa.null() for name in columns)
    query = sa.select(*selected).where(table.c.team_id == team_id)
    if statuses is not None:
        query = query.where(table.c.status.in_(statuses))
    return [tuple(row) for row in session.execute(query.order_by(table.c.id))]


def intros_with_people(session: Session, *, team_id: str) -> list[tuple[Intro, list[int]]]:
    """Each intro of the team with the member ids of its two people."""
    rows = session.exec(
        select(Intro, IntroParticipant.member_id)
        .join(IntroParticipant, col(IntroParticipant.intro_id) == col(Intro.id))
        .where(Intro.team_id == team_id)
        .order_by(col(Intro.id), col(IntroParticipant.id))
    ).all()
    grouped: dict[int, tuple[Intro, list[int]]] = {}
    for intro, member_id in rows:
        assert intro.id is not None
        grouped.setdefault(intro.id, (intro, []))[1].append(member_id)
    return list(grouped.values())
