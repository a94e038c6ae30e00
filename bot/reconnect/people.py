""" "Your people" on the Home, and starring the critical few.

A member's people are the other sides of their own `reconnects` rows: everyone they said "We met" about,
except those they said "Not for me" about and those who left (a forgotten member's rows are gone with
them). Only the member's own choices count: whatever the other person said about them never shows.

A starred person comes up twice as often (`rules.interval`); at most `STARS_MAX` are starred. Starring
moves the next nudge to min(its due date, the last contact + half the interval); unstarring moves it back
to the full interval. Nothing here talks to Slack; functions take the session and never commit.
"""

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from bot import texts as shared_texts
from bot.errors import NotAllowed, NotFound
from bot.models import (
    Intro,
    Member,
    MemberStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Project,
    ProjectStatus,
    Reconnect,
    ReconnectState,
    Visibility,
)
from bot.reconnect import texts
from bot.reconnect.rules import STARS_MAX, scheduled
from bot.reconnect.views import NEWS_ORDER, Named, News, Person, YourPeople

PROJECTS_NAMED = 3  # per person: enough for "what they work on now"
REST_NAMED = 100  # the people beyond those shown, in a menu to star one (Slack's limit for a menu)

_Row = tuple[Reconnect, Member, datetime | None]  # a row, the other person, when they were introduced


def your_people(session: Session, *, member: Member, limit: int) -> YourPeople:
    """The member's people, starred first, then the most recently met; the first `limit` with what they
    work on now and what is new about them since the member met them or was last nudged about them."""
    assert member.id is not None
    rows, starred = _people(_mine(session, member_id=member.id))
    ordered = sorted(
        rows, key=lambda found: (found[0].other_id not in starred, -found[0].created_at.timestamp())
    )
    shown = ordered[:limit]
    others = [other.id for _, other, _ in shown if other.id is not None]
    projects = _active_projects(session, members=others)
    since = {row.other_id: row.last_sent_at or introduced or row.created_at for row, _, introduced in shown}
    news = _news(session, since, projects)
    people = []
    for row, other, _ in shown:
        assert row.id is not None
        found = news.get(row.other_id)
        theirs = [
            project.name
            for project in projects
            if project.member_id == row.other_id and found != News("project", project.name)
        ]
        people.append(
            Person(
                reconnect_id=row.id,
                user_id=other.user_id,
                name=other.name,
                title=other.title,
                projects=tuple(theirs[:PROJECTS_NAMED]),
                met_at=row.created_at,
                starred=row.other_id in starred,
                news=found,
            )
        )
    rest = tuple(Named(row.id, other.name) for row, other, _ in ordered[limit : limit + REST_NAMED] if row.id)
    return YourPeople(tuple(people), len(rows), len(starred), member.reconnects_on, rest)


def star(session: Session, *, member: Member, reconnect_id: int, on: bool, days: int) -> bool:
    """Star (`on`) or unstar the person of one of the member's people rows; returns whether that changed
    anything. The eleventh star is refused (`NotAllowed`) and nothing changes."""
    assert member.id is not None
    mine = _mine(session, member_id=member.id, lock=True)
    people, starred = _people(mine)
    listed = {row.other_id for row, _, _ in people}
    target = next((row for row, _, _ in mine if row.id == reconnect_id and row.other_id in listed), None)
    if target is None:
        raise NotFound(shared_texts.STALE_BUTTON)
    about = [row for row, _, _ in mine if row.other_id == target.other_id]
    if all(row.starred == on for row in about):
        return False
    if on and len(starred) >= STARS_MAX:
        raise NotAllowed(texts.star_limit(STARS_MAX))
    for row in about:
        row.starred = on
        moved = scheduled(row, days)
        row.due_at = min(row.due_at, moved) if on else max(row.due_at, moved)
        session.add(row)
    return True


def _mine(session: Session, *, member_id: int, lock: bool = False) -> Sequence[_Row]:
    """The member's own rows with the other person, but not about someone who left."""
    query = (
        select(Reconnect, Member, Intro.introduced_at)
        .join(Member, col(Member.id) == Reconnect.other_id)
        .join(Intro, col(Intro.id) == Reconnect.intro_id)
        .where(Reconnect.member_id == member_id, Member.status != MemberStatus.LEFT)
        .order_by(col(Reconnect.id))
    )
    if lock:  # two quick stars must not both pass the limit (PostgreSQL; SQLite writes one at a time)
        query = query.with_for_update(of=Reconnect)
    return session.exec(query).all()


def _people(rows: Sequence[_Row]) -> tuple[list[_Row], set[int]]:
    """One row a person (the latest meeting), none for anyone the member said "Not for me" about; a star on
    any of a person's rows counts (`star` sets them all). Also: who is starred."""
    refused = {row.other_id for row, _, _ in rows if row.state == ReconnectState.NOT_FOR_ME}
    latest: dict[int, _Row] = {}
    starred: set[int] = set()
    for found in rows:
        row = found[0]
        if row.other_id in refused:
            continue
        if row.starred:
            starred.add(row.other_id)
        kept = latest.get(row.other_id)
        if kept is None or row.created_at >= kept[0].created_at:
            latest[row.other_id] = found
    return list(latest.values()), starred


def _active_projects(session: Session, *, members: Collection[int]) -> list[Project]:
    if not members:
        return []
    query = select(Project).where(col(Project.member_id).in_(members), Project.status == ProjectStatus.ACTIVE)
    return list(session.exec(query.order_by(col(Project.created_at).desc(), col(Project.id).desc())).all())


def _news(session: Session, since: dict[int, datetime], projects: Sequence[Project]) -> dict[int, News]:
    """Other member id → the most valuable thing they added since `since[id]`: a shared need, an offer, a
    project (the newest of a kind). Never a private need."""
    if not since:
        return {}
    oldest = min(since.values())
    needs = session.exec(
        select(Need).where(
            col(Need.member_id).in_(since),
            Need.status == NeedStatus.OPEN,
            Need.visibility == Visibility.SHARED,
            col(Need.created_at) > oldest,
        )
    ).all()
    offers = session.exec(
        select(Offer).where(
            col(Offer.member_id).in_(since),
            Offer.status == OfferStatus.ACTIVE,
            col(Offer.created_at) > oldest,
        )
    ).all()
    candidates = [
        *((need.member_id, need.created_at, News("need", need.description)) for need in needs),
        *((offer.member_id, offer.created_at, News("offer", offer.description)) for offer in offers),
        *((project.member_id, project.created_at, News("project", project.name)) for project in projects),
    ]
    found: dict[int, tuple[int, datetime, News]] = {}
    for other_id, created_at, item in candidates:
        if created_at <= since[other_id]:
            continue
        rank = NEWS_ORDER[item.kind]
        kept = found.get(other_id)
        if kept is None or (rank, -created_at.timestamp()) < (kept[0], -kept[1].timestamp()):
            found[other_id] = (rank, created_at, item)
    return {other_id: item for other_id, (_, _, item) in found.items()}
