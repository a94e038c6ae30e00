"""Supply and demand: the offers and needs of a community by theme (the curated vocabulary's categories),
and its gaps: the open needs that no offer answers, with how long they have waited.

What an entry is about is what the matcher reads in it: the concepts of its stored reading (`bot/vectors`,
computed at each digest), read again here only for an entry written or edited since (and without a model,
where nothing is stored, every one: remembered by text, so only the first view pays). Its theme is the
category its skills weigh most in (a generic skill such as "Marketing" half); an entry with no curated skill
is "Other", and counts like any other.

A need is answered when an active offer of another member who is not paused names one of its skills or one
the vocabulary relates to it (its specific ones, when it has any: "Tech" alone does not answer
"Kubernetes"), or when one of the last four digests suggested such an offer for it (the matcher also pairs
by meaning, which no skill shows). The rest are the gaps. Private needs count in every number; only shared
ones are listed, and nothing of a private need leaves here but its theme and its wait.
"""

import json
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from bot.db import plain_rows
from bot.heap import without_collections
from bot.matching.analysis import analyse
from bot.matching.concepts import concept_index
from bot.models import (
    DigestRun,
    DigestSuggestion,
    Member,
    MemberStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Visibility,
)
from bot.skills import vocabulary
from bot.stats.people import DIGESTS_LOOKED_AT, slack_link

OTHER = "Other"  # the theme of an entry that names no curated skill
GENERIC_WEIGHT = 0.5  # an umbrella skill ("Marketing", "Tech") says less about a theme than a specific one
DAY = timedelta(days=1)
CHUNK = 1000  # ids in one IN (...)
NOT_ONE = -1  # a skill offered by more than one member: it answers anyone's need


@dataclass(frozen=True)
class Theme:
    name: str
    offers: int  # active, of members who are not paused
    needs: int  # open, shared and private
    gaps: int  # of those needs, how many no offer answers
    median_days: float | None  # how long its gaps have waited, in whole days
    longest_days: int | None


@dataclass(frozen=True)
class GapRow:
    """A shared need that no offer answers (a private one is never a row)."""

    theme: str
    need: str
    asked_by: str
    user_id: str
    posted: datetime
    days_waiting: int
    slack_link: str  # opens the asker's profile in the Slack app


@dataclass(frozen=True)
class Supply:
    themes: tuple[Theme, ...]  # the most needed first; "Other" last
    offers: int
    needs: int  # open, shared and private
    private_needs: int
    gaps: int  # shared and private
    private_gaps: int
    listed: tuple[GapRow, ...]  # the shared gaps that waited longest, at most `listed` of them
    shared_gaps: int  # all of them


def supply(session: Session, *, team_id: str, now: datetime, listed: int | None = None) -> Supply:
    """The community's supply and demand at `now`: a few reads of the entries' stored readings and of the
    last digests' suggestions; the matcher does not run. `listed`: how many gap rows at most (None: all)."""
    with without_collections():  # tens of thousands of short-lived rows: no full collection for them
        refreshed = _last_reading(session, team_id)
        offers = _offers(session, team_id, refreshed)
        offered: dict[str, int] = {}  # skill → the member offering it, or NOT_ONE
        for member_id, about in offers.values():
            for skill in about.named:
                offered[skill] = member_id if offered.get(skill, member_id) == member_id else NOT_ONE
        paired = _paired(session, team_id, offers)
        needs = [
            _Need(
                need_id,
                member_id,
                private,
                posted,
                about.theme,
                need_id in paired or _named(about, member_id, offered),
            )
            for need_id, member_id, private, posted, about in _needs(session, team_id, refreshed)
        ]
    gaps = [need for need in needs if not need.answered]
    shared = sorted((need for need in gaps if not need.private), key=lambda need: (need.posted, need.id))
    return Supply(
        themes=_themes([about.theme for _, about in offers.values()], needs, now),
        offers=len(offers),
        needs=len(needs),
        private_needs=sum(need.private for need in needs),
        gaps=len(gaps),
        private_gaps=sum(need.private for need in gaps),
        listed=tuple(_rows(session, team_id, shared if listed is None else shared[:listed], now)),
        shared_gaps=len(shared),
    )


def theme_of(concepts: Mapping[str, float]) -> str:
    """The category the entry's curated skills weigh most in (the first named, on a tie); "Other" when it
    names none."""
    weights: dict[str, float] = {}
    for tag, weight in concepts.items():
        skill = vocabulary().get(tag)
        if skill is not None:
            factor = GENERIC_WEIGHT if skill.generic else 1.0
            weights[skill.category] = weights.get(skill.category, 0.0) + weight * factor
    return max(weights, key=weights.__getitem__) if weights else OTHER


def wanted_skills(concepts: Iterable[str]) -> frozenset[str]:
    """The skills an offer may name to answer a need: its specific ones (or its generic ones, if that is all
    it names) and those the vocabulary relates to them ("SEO" answers "Local SEO")."""
    index = concept_index()
    named = frozenset(concepts)
    wanted = (named - index.generic) or named
    return wanted.union(*(index.related.get(skill, ()) for skill in wanted))


@dataclass(frozen=True, slots=True)
class _About:
    """What an entry is about, as this page needs it."""

    theme: str
    named: frozenset[str]  # every skill it names (an offer's, what it answers)
    wanted: frozenset[str]  # the skills an offer must name to answer it (a need's)


@dataclass(frozen=True, slots=True)
class _Need:
    id: int
    member_id: int
    private: bool
    posted: datetime
    theme: str
    answered: bool


def _about(concepts: Mapping[str, float]) -> _About:
    return _About(theme_of(concepts), frozenset(concepts), wanted_skills(concepts))


@lru_cache(maxsize=100_000)
def _about_stored(concepts: str) -> _About:
    """A stored reading's concepts (JSON text): many entries read alike, and they change only when edited, so
    each is worked out once a process, not at every view."""
    return _about(json.loads(concepts))


@lru_cache(maxsize=50_000)
def _about_text(description: str, details: str, tags: tuple[str, ...]) -> _About:
    """An entry read now, as the digest would store it (without a model nothing is stored: remembered by
    text, so a community's entries are read once a process, not at every view)."""
    return _about(analyse(concept_index(), description, details, tags).concepts)


def _named(about: _About, asker: int, offered: Mapping[str, int]) -> bool:
    """Whether a member other than `asker` offers one of the skills the need wants."""
    return any(offered.get(skill, asker) != asker for skill in about.wanted)


def _themes(offer_themes: list[str], needs: list[_Need], now: datetime) -> tuple[Theme, ...]:
    offered = Counter(offer_themes)
    needed = Counter(need.theme for need in needs)
    waits: dict[str, list[int]] = {}
    for need in needs:
        if not need.answered:
            waits.setdefault(need.theme, []).append(_days(now - need.posted))
    rows = [
        Theme(
            name,
            offers=offered[name],
            needs=needed[name],
            gaps=len(waits.get(name, ())),
            median_days=statistics.median(waits[name]) if name in waits else None,
            longest_days=max(waits[name]) if name in waits else None,
        )
        for name in offered | needed
    ]
    return tuple(sorted(rows, key=lambda row: (row.name == OTHER, -row.needs, -row.offers, row.name)))


def _days(waited: timedelta) -> int:
    return max(0, waited // DAY)


# --- reading the database --------------------------------------------------------------------------


def _last_reading(session: Session, team_id: str) -> datetime | None:
    """When the readings were last stored: each digest plan refreshes them all (None: no digest yet, and
    whatever is stored is taken as it is)."""
    runs = _table(DigestRun)
    newest = sa.select(sa.func.max(runs.c.created_at)).where(runs.c.team_id == team_id)
    found: datetime | None = session.execute(newest).scalar()
    return found


def _offers(session: Session, team_id: str, refreshed: datetime | None) -> dict[int, tuple[int, _About]]:
    """Offer id → (its member, what it is about), for the active offers of members who are not paused. Both
    read from indexes alone (`ix_offers_team_id_status_concepts`, `ix_members_team_id_status`): the rows
    hold readings, and reading 160,000 of them took most of this page's time."""
    offers, members = _table(Offer), _table(Member)
    active = set(
        session.execute(
            sa.select(members.c.id).where(
                members.c.team_id == team_id, members.c.status == MemberStatus.ACTIVE
            )
        ).scalars()
    )
    query = sa.select(offers.c.id, _stored(offers, refreshed), offers.c.member_id).where(
        offers.c.team_id == team_id, offers.c.status == OfferStatus.ACTIVE
    )
    rows = [row for row in plain_rows(session, query) if row[2] in active]
    about = _readings(session, offers, rows)
    return {offer_id: (member_id, about[offer_id]) for offer_id, _, member_id in rows}


def _needs(
    session: Session, team_id: str, refreshed: datetime | None
) -> list[tuple[int, int, bool, datetime, _About]]:
    """(id, member, private, posted, what it is about) of every open need, shared and private (read from
    `ix_needs_team_id_status_concepts` alone)."""
    needs = _table(Need)
    query = sa.select(
        needs.c.id,
        _stored(needs, refreshed),
        needs.c.member_id,
        needs.c.visibility,
        needs.c.created_at,
    ).where(needs.c.team_id == team_id, needs.c.status == NeedStatus.OPEN)
    rows = plain_rows(session, query)
    about = _readings(session, needs, rows)
    return [
        (need_id, member_id, visibility == Visibility.PRIVATE, posted, about[need_id])
        for need_id, _, member_id, visibility, posted in rows
    ]


def _readings(session: Session, table: sa.Table, rows: Sequence[Any]) -> dict[int, _About]:
    """Entry id → what it is about, for `rows` (id, its stored concepts as JSON text or None, ...): the
    stored reading, or the text read now when none is stored or it was edited since."""
    found: dict[int, _About] = {}
    stale = []
    for entry_id, concepts, *_ in rows:
        if concepts is None:
            stale.append(entry_id)
        else:
            found[entry_id] = _about_stored(concepts)
    for start in range(0, len(stale), CHUNK):
        texts = sa.select(table.c.id, table.c.description, table.c.details, table.c.skills).where(
            table.c.id.in_(stale[start : start + CHUNK])
        )
        for entry_id, description, details, skills in session.execute(texts):
            found[entry_id] = _about_text(description, details or "", tuple(skills or ()))
    return found


def _stored(table: sa.Table, refreshed: datetime | None) -> sa.ColumnElement[Any]:
    """The stored reading's concepts as JSON text (kept beside the reading by `bot.vectors.refresh`); None
    for an entry with no reading stored (or one too long to index), or edited since the readings were
    `refreshed`, whose reading is out of date."""
    concepts: sa.ColumnElement[Any] = table.c.concepts
    if refreshed is None:
        return concepts
    return sa.case((table.c.updated_at > refreshed, sa.null()), else_=concepts)


def _paired(session: Session, team_id: str, offers: Mapping[int, object]) -> set[int]:
    """The needs one of the last few digests suggested an offer for, an offer still there to answer."""
    runs = _table(DigestRun)
    recent = (
        session.execute(
            sa.select(runs.c.id)
            .where(runs.c.team_id == team_id)
            .order_by(runs.c.id.desc())
            .limit(DIGESTS_LOOKED_AT)
        )
        .scalars()
        .all()
    )
    suggestions = _table(DigestSuggestion)
    pairs = session.execute(
        sa.select(suggestions.c.need_id, suggestions.c.offer_id)
        .where(suggestions.c.run_id.in_(recent), suggestions.c.need_id.is_not(None))
        .distinct()
    ).all()
    return {need_id for need_id, offer_id in pairs if offer_id in offers}


def _rows(session: Session, team_id: str, gaps: list[_Need], now: datetime) -> list[GapRow]:
    """The gaps' rows, in the order given: what the need says and who asked (shared needs only)."""
    needs, members = _table(Need), _table(Member)
    said: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(gaps), CHUNK):
        query = (
            sa.select(needs.c.id, needs.c.description, members.c.name, members.c.user_id)
            .join(members, members.c.id == needs.c.member_id)
            .where(
                needs.c.id.in_([need.id for need in gaps[start : start + CHUNK]]),
                needs.c.visibility == Visibility.SHARED,
            )
        )
        said |= {need_id: (text, name, user_id) for need_id, text, name, user_id in session.execute(query)}
    return [
        GapRow(
            need.theme,
            text,
            name,
            user_id,
            need.posted,
            _days(now - need.posted),
            slack_link(team_id, user_id),
        )
        for need in gaps
        if need.id in said
        for text, name, user_id in (said[need.id],)
    ]


def _table(model: Any) -> sa.Table:
    table: sa.Table = model.__table__
    return table
