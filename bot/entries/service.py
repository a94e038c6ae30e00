"""Offers, needs and projects: what a member lists. Only the member can change their own entries."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from bot import repo
from bot.entries import texts
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.models import (
    Member,
    Need,
    NeedCreate,
    NeedStatus,
    Offer,
    OfferCreate,
    OfferStatus,
    Project,
    ProjectCreate,
    ProjectStatus,
)
from bot.repo import Entry

EntryData = OfferCreate | NeedCreate | ProjectCreate


class EntryKind(StrEnum):
    OFFER = "offer"
    NEED = "need"
    PROJECT = "project"


class Closing(StrEnum):
    """How an entry stops being open: the member withdraws it, a need is resolved, a project archived."""

    WITHDRAW = "withdraw"
    RESOLVE = "resolve"
    ARCHIVE = "archive"


@dataclass(frozen=True)
class KindRules:
    model: type[Offer] | type[Need] | type[Project]
    create: type[EntryData]
    open_status: str
    closings: dict[Closing, str]
    max_open: int


RULES: dict[EntryKind, KindRules] = {
    EntryKind.OFFER: KindRules(
        Offer, OfferCreate, OfferStatus.ACTIVE, {Closing.WITHDRAW: OfferStatus.WITHDRAWN}, 10
    ),
    EntryKind.NEED: KindRules(
        Need,
        NeedCreate,
        NeedStatus.OPEN,
        {Closing.WITHDRAW: NeedStatus.WITHDRAWN, Closing.RESOLVE: NeedStatus.RESOLVED},
        10,
    ),
    EntryKind.PROJECT: KindRules(
        Project, ProjectCreate, ProjectStatus.ACTIVE, {Closing.ARCHIVE: ProjectStatus.ARCHIVED}, 5
    ),
}


def kind_of(item: Entry | EntryData) -> EntryKind:
    for kind, rules in RULES.items():
        if isinstance(item, rules.model | rules.create):
            return kind
    raise TypeError(f"not an entry: {type(item).__name__}")


@dataclass(frozen=True)
class OpenEntries:
    offers: list[Offer]
    needs: list[Need]
    projects: list[Project]

    @property
    def empty(self) -> bool:
        return not (self.offers or self.needs or self.projects)


def open_entries(session: Session, *, member: Member) -> OpenEntries:
    assert member.id is not None
    return OpenEntries(
        offers=list(
            repo.entries_of_member(session, model=Offer, member_id=member.id, statuses=[OfferStatus.ACTIVE])
        ),
        needs=list(
            repo.entries_of_member(session, model=Need, member_id=member.id, statuses=[NeedStatus.OPEN])
        ),
        projects=active_projects(session, member=member),
    )


def active_projects(session: Session, *, member: Member) -> list[Project]:
    assert member.id is not None
    return list(
        repo.entries_of_member(session, model=Project, member_id=member.id, statuses=[ProjectStatus.ACTIVE])
    )


def add_entry(session: Session, *, member: Member, data: EntryData, now: datetime) -> Entry:
    kind = kind_of(data)
    rules = RULES[kind]
    assert member.id is not None
    count = repo.count_entries(session, model=rules.model, member_id=member.id, statuses=[rules.open_status])
    if count >= rules.max_open:
        raise InvalidInput(texts.too_many_entries(kind, rules.max_open))
    fields: dict[str, Any] = data.model_dump() | {
        "team_id": member.team_id,
        "member_id": member.id,
        "status": rules.open_status,
        "created_at": now,
        "updated_at": now,
    }
    entry = rules.model(**fields)
    session.add(entry)
    session.flush()
    return entry


def update_entry(session: Session, *, member: Member, entry_id: int, data: EntryData, now: datetime) -> Entry:
    kind = kind_of(data)
    entry = own_entry(session, member=member, kind=kind, entry_id=entry_id)
    if entry.status != RULES[kind].open_status:
        raise NotFound(texts.entry_closed(kind))
    changes: dict[str, Any] = data.model_dump()
    for field, value in changes.items():
        setattr(entry, field, value)
    entry.updated_at = now
    session.add(entry)
    return entry


def close_entry(
    session: Session, *, member: Member, kind: EntryKind, entry_id: int, closing: Closing, now: datetime
) -> tuple[Entry, bool]:
    """Withdraw, resolve or archive. Returns (entry, changed); closing twice changes nothing."""
    rules = RULES[kind]
    if closing not in rules.closings:
        raise InvalidInput(texts.cannot_close(kind, closing))
    entry = own_entry(session, member=member, kind=kind, entry_id=entry_id)
    if entry.status != rules.open_status:
        return entry, False
    entry.status = rules.closings[closing]  # type: ignore[assignment]
    entry.updated_at = now
    session.add(entry)
    return entry, True


def own_entry(session: Session, *, member: Member, kind: EntryKind, entry_id: int) -> Entry:
    """The entry, if it exists and belongs to `member`; refuses anyone else's."""
    entry = repo.get_entry(session, model=RULES[kind].model, entry_id=entry_id)  # type: ignore[type-var]
    if entry is None or entry.team_id != member.team_id:
        raise NotFound(texts.entry_not_found(kind))
    if entry.member_id != member.id:
        raise NotAllowed(texts.NOT_YOUR_ENTRY)
    return entry
