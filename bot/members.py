"""Members: who they are, their profile, and whether (and how often) Kindred may contact them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot import repo
from bot.models import Member, MemberStatus
from bot.validation import NAME_MAX


@dataclass(frozen=True)
class Identity:
    """Who is acting, as Slack tells us: enough to create their member row."""

    team_id: str
    user_id: str
    name: str = ""
    timezone: str = "UTC"


def ensure_member(session: Session, *, who: Identity, now: datetime) -> tuple[Member, bool]:
    """The member row for `who`, created on first contact. Returns (member, created).

    Callers only create members for people acting of their own accord, so someone who once asked Kindred to
    forget them and now comes back is no longer forgotten: a person is a member or forgotten, never both."""
    member = repo.get_member(session, team_id=who.team_id, user_id=who.user_id)
    if member is not None:
        return member, False
    member = Member(
        team_id=who.team_id,
        user_id=who.user_id,
        name=_usable_name(who.name, who.user_id),
        timezone=_usable_timezone(who.timezone),
        links=[],
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(member)
    except IntegrityError:  # another request created them between our lookup and our insert
        existing = repo.get_member(session, team_id=who.team_id, user_id=who.user_id)
        assert existing is not None
        return existing, False
    repo.remove_forgotten(session, team_id=who.team_id, user_id=who.user_id)
    return member, True


def member_unless_forgotten(session: Session, *, who: Identity, now: datetime) -> Member | None:
    """The member row for `who`, created on first contact; None, and nothing created, for someone who asked
    Kindred to forget them: a click, a command or someone else's intro never brings them back."""
    member, forgotten = known(session, who=who)
    if member is not None or forgotten:
        return member
    member, _ = ensure_member(session, who=who, now=now)
    return member


def acting_member(
    session: Session, *, who: Identity, now: datetime, look_up: Callable[[], Identity | None]
) -> Member | None:
    """The member behind a request, created on their first one; None for someone Kindred has forgotten.
    Someone new costs one more step: the lookup's transaction ends (nothing is written yet), so no
    transaction waits while `look_up` asks Slack for their real name and time zone."""
    member, forgotten = known(session, who=who)
    if member is not None or forgotten:
        return member
    session.commit()
    return member_unless_forgotten(session, who=look_up() or who, now=now)


def known(session: Session, *, who: Identity) -> tuple[Member | None, bool]:
    """What Kindred knows of `who`: their member row, if any, and whether they asked to be forgotten. With
    neither, it is the first time Kindred hears from them."""
    member = repo.get_member(session, team_id=who.team_id, user_id=who.user_id)
    if member is not None:
        return member, False
    return None, repo.get_forgotten(session, team_id=who.team_id, user_id=who.user_id) is not None


def refresh_identity(session: Session, *, member: Member, name: str, timezone: str, now: datetime) -> None:
    """Keep the name and time zone in step with Slack (they change them there, not here)."""
    name, timezone = _usable_name(name, member.user_id), _usable_timezone(timezone)
    if (member.name, member.timezone) != (name, timezone):
        member.name, member.timezone, member.updated_at = name, timezone, now
        session.add(member)


def mark_onboarded(session: Session, *, member: Member, now: datetime) -> None:
    if member.onboarded_at is None:
        member.onboarded_at = now
        session.add(member)


def mark_left(session: Session, *, team_id: str, user_id: str, now: datetime) -> bool:
    """A deactivated Slack account: never contact them again. Returns whether anything changed."""
    member = repo.get_member(session, team_id=team_id, user_id=user_id)
    if member is None or member.status == MemberStatus.LEFT:
        return False
    set_status(session, member=member, status=MemberStatus.LEFT, now=now)
    return True


def _usable_name(name: str, fallback: str) -> str:
    cleaned = " ".join(name.split())[:NAME_MAX]
    return cleaned or fallback


def _usable_timezone(timezone: str | None) -> str:
    try:
        ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return timezone or "UTC"


def set_status(session: Session, *, member: Member, status: MemberStatus, now: datetime) -> Member:
    member.status, member.updated_at, member.status_changed_at = status, now, now
    session.add(member)
    return member
