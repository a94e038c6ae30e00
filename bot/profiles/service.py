"""A member's own settings: their profile, a pause, and how often their digest comes."""

from datetime import datetime

from sqlmodel import Session

from bot import members
from bot.models import DigestCadence, Member, MemberStatus, ProfileUpdate


def update_profile(session: Session, *, member: Member, update: ProfileUpdate, now: datetime) -> Member:
    member.title, member.bio, member.links = update.title, update.bio, list(update.links)
    member.updated_at = now
    session.add(member)
    return member


def pause(session: Session, *, member: Member, now: datetime) -> Member:
    return members.set_status(session, member=member, status=MemberStatus.PAUSED, now=now)


def resume(session: Session, *, member: Member, now: datetime) -> Member:
    return members.set_status(session, member=member, status=MemberStatus.ACTIVE, now=now)


def set_cadence(session: Session, *, member: Member, cadence: DigestCadence, now: datetime) -> Member:
    member.digest_cadence, member.updated_at = cadence, now
    session.add(member)
    return member
