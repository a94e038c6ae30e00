"""Queries. Keyword-only, take the session, never commit: the caller owns the transaction."""

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bot.models import Delivery, Member, Need, Offer, Project

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


def take_over_delivery(session: Session, *, delivery_id: int, stale_since: datetime, now: datetime) -> bool:
    """Move a stale claim to this sender; False when another sender moved it first (compare-and-set)."""
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, col(Delivery.claimed_at) == stale_since)
        .values(claimed_at=now, attempts=Delivery.attempts + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
