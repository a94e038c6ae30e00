"""Test data through the same services the bot uses, so rows are always valid."""

from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot import members
from bot.entries import service as entries
from bot.members import Identity
from bot.models import Member, Need, NeedCreate, Offer, OfferCreate, Project, ProjectCreate
from tests.conftest import NOW

TEAM = "T0TEST"


def make_member(
    session: Session, user_id: str = "U0ALICE", *, name: str = "Alice", now: datetime = NOW, **profile: Any
) -> Member:
    member, _ = members.ensure_member(session, who=Identity(TEAM, user_id, name, "Europe/Berlin"), now=now)
    for field, value in profile.items():
        setattr(member, field, value)
    session.add(member)
    session.flush()
    return member


def make_offer(
    session: Session, member: Member, description: str = "Local SEO audits", **fields: Any
) -> Offer:
    data = OfferCreate(description=description, **fields)
    offer = entries.add_entry(session, member=member, data=data, now=NOW)
    assert isinstance(offer, Offer)
    return offer


def make_need(
    session: Session, member: Member, description: str = "My shop isn't on Google", **fields: Any
) -> Need:
    need = entries.add_entry(
        session, member=member, data=NeedCreate(description=description, **fields), now=NOW
    )
    assert isinstance(need, Need)
    return need


def make_project(session: Session, member: Member, name: str = "Bakery website", **fields: Any) -> Project:
    project = entries.add_entry(session, member=member, data=ProjectCreate(name=name, **fields), now=NOW)
    assert isinstance(project, Project)
    return project
