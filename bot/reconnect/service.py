"""Reconnect nudges: two members who said "We met" hear about each other again after a while, each on
their own side, leading with something new about the other person when there is something.

The job plants one `reconnects` row per side of every intro that ended in "We met", then asks what is due
(`due`, a fixed number of queries for a whole team) and records what it sent (`sent`). A member's button
(`answer`) moves their own row; nothing here talks to Slack. "Your people" on the Home and their stars are
`people.py`'s, named here for other features.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import case, exists, insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot import repo
from bot import texts as shared_texts
from bot.digest import service as digest
from bot.errors import NotFound
from bot.matching.embeddings import Embedder
from bot.matching.engine import helpers_for_each
from bot.models import (
    Intro,
    IntroParticipant,
    IntroStatus,
    Member,
    MemberStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Outcome,
    Project,
    ProjectStatus,
    Reconnect,
    ReconnectState,
    Visibility,
)
from bot.reconnect.people import star, your_people
from bot.reconnect.rules import LATER, STARS_MAX, WEEK, interval
from bot.reconnect.views import NEWS_ORDER, Named, News, Person, YourPeople

# Other features use the reconnect feature through this module: it names for them what it takes from
# people.py, rules.py and views.py (everything defined here is public too).
__all__ = ["LATER", "STARS_MAX", "WEEK", "Named", "News", "Person", "YourPeople", "star", "your_people"]

MEMBERS_PER_RUN = 10_000  # nudged by one run at most; keeps every id list far below PostgreSQL's 65,535
MATCHES_LOOKED_AT = 10  # how many helpers per need the matcher names when we look for a fit
LIVE = (ReconnectState.WAITING, ReconnectState.SNOOZED, ReconnectState.IN_TOUCH)


class Choice(StrEnum):
    IN_TOUCH = "in-touch"
    LATER = "later"
    NOT_FOR_ME = "not-for-me"


Entry = TypeVar("Entry", Need, Project)


@dataclass(frozen=True)
class Nudge:
    reconnect_id: int
    intro_id: int
    number: int
    team_id: str
    user_id: str
    other_user_id: str
    other_name: str
    news: News | None


@dataclass(frozen=True)
class Credit:
    reconnect_id: int
    intro_id: int
    team_id: str
    connector_user_id: str
    names: tuple[str, str]
    months: int


def plant(session: Session, *, team_id: str, days: int) -> int:
    """A row for each side of every intro that ended in "We met" and has none yet, due `days` after they
    met. Returns how many intros were planted. The rows go in as one bulk insert: on the first run after
    the upgrade, every intro that ever ended in "We met" is planted at once."""
    # NOT EXISTS, not NOT IN: PostgreSQL cannot hash a NOT IN over 300,000 rows and rescans it per intro.
    planted = exists().where(col(Reconnect.team_id) == team_id, col(Reconnect.intro_id) == Intro.id)
    found = session.execute(
        sa_select(
            col(Intro.id),
            col(Intro.updated_at),
            col(IntroParticipant.member_id),
            col(IntroParticipant.outcome),
            col(IntroParticipant.outcome_at),
        )
        .join(IntroParticipant, col(IntroParticipant.intro_id) == Intro.id)
        .where(col(Intro.team_id) == team_id, col(Intro.status) == IntroStatus.MET, ~planted)
        .order_by(col(IntroParticipant.intro_id), col(IntroParticipant.id))
    ).all()
    sides: dict[int, list[tuple[int, Outcome | None, datetime | None]]] = {}
    updated: dict[int, datetime] = {}
    for intro_id, updated_at, member_id, outcome, outcome_at in found:
        assert intro_id is not None
        updated[intro_id] = updated_at
        sides.setdefault(intro_id, []).append((member_id, outcome, outcome_at))
    rows = []
    for intro_id, people in sides.items():
        if len(people) != 2:
            continue
        met = [at for _, outcome, at in people if outcome == Outcome.MET and at is not None]
        met_at = min(met) if met else updated[intro_id]
        for (me, _, _), (other, _, _) in (people, people[::-1]):
            rows.append(
                {
                    "team_id": team_id,
                    "intro_id": intro_id,
                    "member_id": me,
                    "other_id": other,
                    "due_at": met_at + timedelta(days=days),
                    "created_at": met_at,
                }
            )
    if rows:
        session.execute(insert(Reconnect), rows)
    return len(sides)


def any_due(session: Session, *, team_id: str, now: datetime) -> bool:
    """Whether any reconnect of the team is due at `now` (one cheap query, before the matcher is loaded)."""
    found = session.exec(
        select(Reconnect.id)
        .where(Reconnect.team_id == team_id, Reconnect.due_at <= now, col(Reconnect.state).in_(LIVE))
        .limit(1)
    ).first()
    return found is not None


def due(
    session: Session,
    *,
    team_id: str,
    now: datetime,
    embedder: Embedder | None = None,
    members: int = MEMBERS_PER_RUN,
) -> list[Nudge]:
    """The nudges to send at `now`: at most one per member, none to a member nudged in the last week, the
    paused or departed, or those who turned reconnects off; one with news goes before one without. At most
    `members` of them, the longest due first: the next run takes the rest (a first run after upgrading
    finds every past "We met" due at once)."""
    me, other = aliased(Member), aliased(Member)
    lately = aliased(Reconnect)  # a nudge to the same member this week
    refused = aliased(Reconnect)  # "Not for me" about this person, after another intro of the two
    rows = session.exec(
        select(Reconnect, me, other, Intro.introduced_at)
        .join(me, col(me.id) == Reconnect.member_id)
        .join(other, col(other.id) == Reconnect.other_id)
        .join(Intro, col(Intro.id) == Reconnect.intro_id)
        .where(
            Reconnect.team_id == team_id,
            Reconnect.due_at <= now,
            col(Reconnect.state).in_(LIVE),
            me.status == MemberStatus.ACTIVE,
            col(me.reconnects_on).is_(True),
            other.status != MemberStatus.LEFT,
            ~exists().where(
                col(lately.member_id) == Reconnect.member_id, col(lately.last_sent_at) > now - WEEK
            ),
            ~exists().where(
                col(refused.member_id) == Reconnect.member_id,
                col(refused.other_id) == Reconnect.other_id,
                col(refused.state) == ReconnectState.NOT_FOR_ME,
            ),
        )
        .order_by(col(Reconnect.due_at), col(Reconnect.id))
    ).all()
    first = {row.member_id for row in _first_members((row for row, *_ in rows), members)}
    wanted = [found for found in rows if found[0].member_id in first]
    since = {row[0].id: row[0].last_sent_at or row[3] or row[0].created_at for row in wanted}
    news = _news(session, [row[0] for row in wanted], since, now=now, embedder=embedder)
    best: dict[int, Nudge] = {}
    for row, mine, theirs, _ in wanted:
        assert row.id is not None
        nudge = Nudge(
            row.id,
            row.intro_id,
            row.nudges_sent + 1,
            team_id,
            mine.user_id,
            theirs.user_id,
            theirs.name,
            news.get(row.id),
        )
        kept = best.get(row.member_id)
        if kept is None or _value(nudge.news) < _value(kept.news):
            best[row.member_id] = nudge
    return list(best.values())


def _first_members(rows: Iterable[Reconnect], count: int) -> list[Reconnect]:
    """The rows of the first `count` members among `rows` (in their order), one row each."""
    firsts: dict[int, Reconnect] = {}
    for row in rows:
        if len(firsts) == count:
            break
        firsts.setdefault(row.member_id, row)
    return list(firsts.values())


def _value(news: News | None) -> int:
    """Lower is more valuable: news first, the most useful kind first; the earliest due among equals."""
    return len(NEWS_ORDER) if news is None else NEWS_ORDER[news.kind]


def _news(
    session: Session,
    rows: Sequence[Reconnect],
    since: dict[int | None, datetime],
    *,
    now: datetime,
    embedder: Embedder | None,
) -> dict[int, News]:
    """Reconnect id → the most valuable thing new about its other person since `since[id]`."""
    if not rows:
        return {}
    oldest = min(since.values())
    others = {row.other_id for row in rows}
    found: dict[int, News] = {}

    def offer(row: Reconnect, item: News) -> None:
        assert row.id is not None
        kept = found.get(row.id)
        if kept is None or NEWS_ORDER[item.kind] < NEWS_ORDER[kept.kind]:
            found[row.id] = item

    projects = _by_member(
        session.exec(
            select(Project)
            .where(
                col(Project.member_id).in_(others),
                Project.status == ProjectStatus.ACTIVE,
                col(Project.created_at) > oldest,
            )
            .order_by(col(Project.id))
        ).all()
    )
    for row in rows:
        for project in projects.get(row.other_id, []):
            if project.created_at > since[row.id]:
                offer(row, News("project", project.name))
    batch = _Batch(rows, since, others, oldest)
    # Only the needs that could be news, read once and matched together (one at a time took hours).
    earliest: dict[int, datetime] = {}
    for row in rows:
        earliest[row.other_id] = min(since[row.id], earliest.get(row.other_id, since[row.id]))
    theirs = [
        need
        for need in _shared_open_needs(session, members=others, after=oldest)
        if need.created_at > earliest[need.member_id]
    ]
    fresh = _fresh_offers(session, batch)
    newer: dict[int, datetime] = {}  # each other person's newest offer
    for made in fresh.values():
        newer[made.member_id] = max(made.created_at, newer.get(made.member_id, made.created_at))
    asking = {row.member_id for row in rows if row.other_id in newer and newer[row.other_id] > since[row.id]}
    yours = _shared_open_needs(session, members=asking, after=None) if asking else []
    fits = _fits(session, [*theirs, *yours], now=now, embedder=embedder)
    for row, item in [
        *_their_needs_you_fit(session, batch, theirs, fits),
        *_their_offers_for_you(batch, fresh, yours, fits),
    ]:
        offer(row, item)
    return found


@dataclass(frozen=True)
class _Batch:
    """The reconnects `due` looks at, and since when each one's news counts."""

    rows: Sequence[Reconnect]
    since: dict[int | None, datetime]
    others: Collection[int]
    oldest: datetime


_Fits = dict[int, list[tuple[int, int]]]


def _their_needs_you_fit(
    session: Session, batch: "_Batch", needs: Sequence[Need], fits: _Fits
) -> list[tuple[Reconnect, News]]:
    rows, since = batch.rows, batch.since
    by_member = _by_member(needs)
    found = [
        (row, need, offer_id)
        for row in rows
        for need in by_member.get(row.other_id, [])
        if need.created_at > since[row.id]
        for helper, offer_id in fits.get(need.id or 0, [])
        if helper == row.member_id
    ]
    offers = _offers(session, ids={offer_id for _, _, offer_id in found})
    return [
        (row, News("need", need.description, offers[offer_id].description)) for row, need, offer_id in found
    ]


def _fresh_offers(session: Session, batch: "_Batch") -> dict[int, Offer]:
    """The others' active offers made since the oldest `since`, by id."""
    return {
        offer.id: offer
        for offer in session.exec(
            select(Offer).where(
                col(Offer.member_id).in_(batch.others),
                Offer.status == OfferStatus.ACTIVE,
                col(Offer.created_at) > batch.oldest,
            )
        ).all()
        if offer.id is not None
    }


def _their_offers_for_you(
    batch: "_Batch", fresh: dict[int, Offer], needs: Sequence[Need], fits: _Fits
) -> list[tuple[Reconnect, News]]:
    rows, since = batch.rows, batch.since
    if not fresh:
        return []
    by_member = _by_member(needs)
    return [
        (row, News("offer", fresh[offer_id].description, need.description))
        for row in rows
        for need in by_member.get(row.member_id, [])
        for helper, offer_id in fits.get(need.id or 0, [])
        if helper == row.other_id and offer_id in fresh and fresh[offer_id].created_at > since[row.id]
    ]


def _by_member(entries: Sequence[Entry]) -> dict[int, list[Entry]]:
    """Entries by their member, each member's in the order given."""
    found: dict[int, list[Entry]] = {}
    for entry in entries:
        found.setdefault(entry.member_id, []).append(entry)
    return found


def _fits(session: Session, needs: Sequence[Need], *, now: datetime, embedder: Embedder | None) -> _Fits:
    """Need id → (member id, offer id) of the offers the matcher finds for it among every offer of the
    community, read once (every profile and offer, only these needs) and all the needs matched together.
    Unlike a digest, people already introduced are not left out:
    they are exactly whom a reconnect is about."""
    if not needs:
        return {}
    asked = {need.id for need in needs if need.id is not None}
    community = digest.load_community(
        session, team_id=needs[0].team_id, now=now, embedder=embedder, needs=asked
    )
    return helpers_for_each(community.needs, community, limit=MATCHES_LOOKED_AT)


def _offers(session: Session, *, ids: Collection[int]) -> dict[int, Offer]:
    if not ids:
        return {}
    found = session.exec(select(Offer).where(col(Offer.id).in_(ids))).all()
    return {offer.id: offer for offer in found if offer.id is not None}


def _shared_open_needs(session: Session, *, members: Collection[int], after: datetime | None) -> list[Need]:
    """Open needs of `members` others may see (a private need is never shown in a nudge)."""
    query = select(Need).where(
        col(Need.member_id).in_(members),
        Need.status == NeedStatus.OPEN,
        Need.visibility == Visibility.SHARED,
    )
    if after is not None:
        query = query.where(col(Need.created_at) > after)
    return list(session.exec(query.order_by(col(Need.id))).all())


def sent(session: Session, *, reconnect_ids: Collection[int], now: datetime, days: int) -> None:
    """Record nudges sent at `now`: the next one, unanswered, comes `days` later, half that for someone
    starred (one UPDATE)."""
    if not reconnect_ids:
        return
    half, full = now + timedelta(days=days // 2), now + timedelta(days=days)
    session.execute(
        update(Reconnect)
        .where(col(Reconnect.id).in_(reconnect_ids))
        .values(
            nudges_sent=col(Reconnect.nudges_sent) + 1,
            last_sent_at=now,
            due_at=case((col(Reconnect.starred).is_(True), half), else_=full),
        )
        .execution_options(synchronize_session="fetch")
    )


def answer(
    session: Session, *, member: Member, intro_id: int, choice: Choice, now: datetime, days: int
) -> tuple[Reconnect, bool]:
    """A member's button on a nudge about `intro_id`; returns their row and whether it changed anything
    (a second click on the same nudge does not). Someone else's nudge is not found."""
    row = session.exec(
        select(Reconnect).where(Reconnect.intro_id == intro_id, Reconnect.member_id == member.id)
    ).first()
    if row is None or row.last_sent_at is None:
        raise NotFound(shared_texts.STALE_BUTTON)
    if row.state == ReconnectState.NOT_FOR_ME or (row.answered_at or row.last_sent_at) > row.last_sent_at:
        return row, False
    row.answered_at = now
    if choice == Choice.NOT_FOR_ME:
        row.state, row.starred = ReconnectState.NOT_FOR_ME, False
    elif choice == Choice.LATER:
        row.state, row.due_at = ReconnectState.SNOOZED, now + LATER
    else:
        row.state, row.due_at = ReconnectState.IN_TOUCH, now + interval(row, days)
        if row.in_touch_at is None:
            row.in_touch_at = now
            intro = session.get(Intro, intro_id)
            row.credit_due_at = now if intro is not None and intro.connector_id is not None else None
    return row, True


def other_name(session: Session, *, row: Reconnect) -> str:
    other = session.get(Member, row.other_id)
    return other.name if other is not None else ""


def credits_due(session: Session, *, team_id: str) -> list[Credit]:
    """Connectors to tell that their intro is still going (a first "We're in touch" was clicked)."""
    rows = session.exec(
        select(Reconnect, Intro, Member)
        .join(Intro, col(Intro.id) == Reconnect.intro_id)
        .join(Member, col(Member.id) == Intro.connector_id)
        .where(Reconnect.team_id == team_id, col(Reconnect.credit_due_at).is_not(None))
    ).all()
    people = repo.members_by_id(session, ids=[i for row, _, _ in rows for i in (row.member_id, row.other_id)])
    credits = []
    for row, intro, told in rows:
        assert row.id is not None
        assert row.credit_due_at is not None
        met = intro.introduced_at or row.created_at
        months = max(1, round((row.credit_due_at - met) / timedelta(days=30)))
        names = (people[row.member_id].name, people[row.other_id].name)
        credits.append(Credit(row.id, row.intro_id, team_id, told.user_id, names, months))
    return credits


def credited(session: Session, *, reconnect_ids: Collection[int]) -> None:
    for row in session.exec(select(Reconnect).where(col(Reconnect.id).in_(reconnect_ids))).all():
        row.credit_due_at = None


def set_reconnects(session: Session, *, member: Member, on: bool, now: datetime) -> bool:
    """Turn a member's reconnect nudges on or off; returns whether that changed anything."""
    if member.reconnects_on == on:
        return False
    member.reconnects_on = on
    member.updated_at = now
    session.add(member)
    return True
